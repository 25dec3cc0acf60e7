"""A session's PDFs: certificates of attendance for everyone present, and the session report.

Issuing certificates writes rows, so it happens first (on the caller's thread); writing the PDFs
needs no database, so :meth:`AttendanceBatch.run` can run on a worker thread with progress and a
cancel that stops before the next file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trainer.services.certification import CertificateService
from trainer.services.errors import UserError
from trainer.services.sessions import SessionService
from trainer.store.records import Certificate

Progress = Callable[[int, int, str], None]  # done, total, what is being written


def safe_filename(text: str, limit: int = 40) -> str:
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in text)
    while "--" in cleaned:
        cleaned = cleaned.replace("--", "-")
    return cleaned.strip("-")[:limit] or "attendee"


@dataclass
class BatchResult:
    files: list[Path] = field(default_factory=list)
    combined: Path | None = None
    cancelled: bool = False


@dataclass
class AttendanceBatch:
    session_id: int
    certificates: list[Certificate]
    renderer: object  # CertificateRenderer: no database inside
    folder: Path

    def run(self, progress: Progress | None = None,
            cancelled: Callable[[], bool] = lambda: False) -> BatchResult:
        result = BatchResult()
        total = len(self.certificates) + 1
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for done, certificate in enumerate(self.certificates):
                if cancelled():
                    result.cancelled = True
                    return result
                if progress:
                    progress(done, total, certificate.learner_name)
                path = self.folder / (f"attendance-{safe_filename(certificate.learner_name)}-"
                                      f"{certificate.id}.pdf")
                _write(path, self.renderer.render(certificate))
                result.files.append(path)
            if cancelled():
                result.cancelled = True
                return result
            if progress:
                progress(total - 1, total, "all certificates in one file")
            combined = self.folder / f"attendance-session-{self.session_id}-all.pdf"
            _write(combined, self.renderer.render_many(self.certificates))
            result.combined = combined
            if progress:
                progress(total, total, "done")
        except OSError as exc:
            raise UserError(f"Cannot write certificates to {self.folder} ({exc.strerror}). "
                            "Choose another folder.") from exc
        return result


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def prepare_attendance(sessions: SessionService, certificates: CertificateService,
                       session_id: int, folder: Path) -> AttendanceBatch:
    """Issue (or reuse) a certificate for everyone marked present; nothing is drawn yet."""
    session = sessions.session(session_id)
    present = sessions.present_attendees(session_id)
    if session.status != "finished":
        raise UserError("Finish the session before issuing certificates of attendance.")
    if not present:
        raise UserError("Nobody was marked present, so there is nobody to certify.")
    issued = [certificates.issue_for_session(session_id, a.learner_id) for a in present]
    return AttendanceBatch(session_id, issued, certificates.renderer(session.pack_id),
                           Path(folder))


def session_report_pdf(sessions: SessionService, session_id: int, organisation: str = "") -> bytes:
    from trainer.certificates.session_report import SessionReportRenderer

    return SessionReportRenderer(organisation).render(sessions.record(session_id))


def save_session_report(sessions: SessionService, session_id: int, path: Path,
                        organisation: str = "") -> Path:
    data = session_report_pdf(sessions, session_id, organisation)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, data)
    except OSError as exc:
        raise UserError(f"Cannot save the session report to {path} ({exc.strerror}). Choose "
                        "another folder.") from exc
    return path
