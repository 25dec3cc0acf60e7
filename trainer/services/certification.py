"""Issuing, rendering and verifying certificates."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from trainer.certificates.codes import (
    CERTIFIED_FIELDS,
    code_matches,
    compute_code,
    new_certificate_id,
    new_secret,
    normalise_code,
)
from trainer.content.library import Library
from trainer.services.errors import UserError
from trainer.store import Store
from trainer.store.records import Certificate, now_iso

SECRET_SETTING = "certificate_secret"  # noqa: S105 - the name of a setting, not a secret


def score_sentence(score: float, max_score: int, percent: int) -> str:
    got = f"{score:g}" if score != int(score) else str(int(score))
    return f"Score: {got} out of {max_score} ({percent}%)"


@dataclass(frozen=True)
class Verification:
    genuine: bool
    message: str
    certificate: Certificate | None = None


class CertificateService:
    def __init__(self, store: Store, library: Library):
        self.store = store
        self.library = library

    def _secret(self) -> str:
        secret = self.store.get_setting(SECRET_SETTING)
        if secret is None:
            secret = new_secret()
            self.store.set_setting(SECRET_SETTING, secret)
        return secret

    def issue_for_attempt(self, attempt_id: int) -> Certificate:
        existing = self.store.certificate_for_attempt(attempt_id)
        if existing:
            return existing
        attempt = self.store.attempt(attempt_id)
        if attempt is None:
            raise UserError(f"There is no attempt {attempt_id}. `trainer attempts` lists them.")
        if not attempt.finished_at or not attempt.passed:
            raise UserError(f"Attempt {attempt_id} has not been passed, so it has no certificate.")
        learner = self.store.learner(attempt.learner_id)
        pack = self.library.pack(attempt.pack_id)
        module = pack.modules.get(attempt.module_id) if pack else None
        rules = pack.quizzes.get(attempt.quiz_id) if pack else None
        title = module.title if module else attempt.module_id
        percent = int(attempt.score * 100 / attempt.max_score + 1e-9)
        issued = now_iso()
        draft = Certificate(
            id=new_certificate_id(datetime.now(UTC).year), code="", learner_id=learner.id,
            learner_name=learner.name, kind="pass", title=title, attempt_id=attempt.id,
            score_text=score_sentence(attempt.score, attempt.max_score, percent),
            cpd_minutes=(module.minutes if module else (rules.cpd_minutes if rules else 30)),
            pack_id=attempt.pack_id, pack_version=attempt.pack_version, issued_at=issued)
        fields = {name: getattr(draft, name) for name in CERTIFIED_FIELDS}
        return self.store.add_certificate(replace(draft, code=compute_code(self._secret(), fields)))

    def issue_for_session(self, session_id: int, learner_id: int) -> Certificate:
        """A certificate of attendance for someone marked present at a finished session."""
        session = self.store.session(session_id)
        if session is None or session.status != "finished":
            raise UserError("Certificates of attendance are issued once the session is finished.")
        attendee = next((a for a in self.store.attendees(session_id)
                         if a.learner_id == learner_id), None)
        if attendee is None or not attendee.present:
            raise UserError("Only people marked present get a certificate of attendance.")
        if attendee.certificate_id:
            existing = self.store.certificate(attendee.certificate_id)
            if existing is not None:
                return existing
        moment = datetime.fromisoformat(session.scheduled_for)
        where = f" at {session.place}" if session.place else ""
        draft = Certificate(
            id=new_certificate_id(datetime.now(UTC).year), code="", learner_id=learner_id,
            learner_name=attendee.name, kind="attendance", title=session.title, attempt_id=None,
            score_text=(f"Group learning with peer discussion on {moment.day} {moment:%B %Y}"
                        f"{where}, facilitated by {session.facilitator}"),
            cpd_minutes=session.cpd_minutes or 0, pack_id=session.pack_id,
            pack_version=session.pack_version, issued_at=now_iso())
        fields = {name: getattr(draft, name) for name in CERTIFIED_FIELDS}
        certificate = self.store.add_certificate(
            replace(draft, code=compute_code(self._secret(), fields)))
        self.store.set_attendance_certificate(session_id, learner_id, certificate.id)
        return certificate

    def renderer(self, pack_id: str):
        """A renderer that needs no database, so it can run on a worker thread."""
        from trainer.certificates.render import CertificateRenderer

        pack = self.library.pack(pack_id)
        attribution = pack.attribution if pack else ("Source: Ofsted inspection report. © Crown "
                                                     "copyright. Open Government Licence v3.0.")
        return CertificateRenderer(self.store.get_setting("organisation", "") or "", attribution)

    def attribution(self, certificate: Certificate) -> str:
        pack = self.library.pack(certificate.pack_id)
        if pack:
            return pack.attribution
        return ("Source: Ofsted inspection report. © Crown copyright. Open Government Licence "
                "v3.0.")

    def pdf(self, certificate: Certificate) -> bytes:
        from trainer.certificates.render import CertificateRenderer

        renderer = CertificateRenderer(self.store.get_setting("organisation", "") or "",
                                       self.attribution(certificate))
        return renderer.render(certificate)

    def save_pdf(self, certificate: Certificate, path: Path) -> Path:
        path = Path(path)
        data = self.pdf(certificate)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as exc:
            raise UserError(f"Cannot save the certificate to {path} ({exc.strerror}). Choose "
                            "another folder.") from exc
        return path

    def verify(self, code: str) -> Verification:
        certificate = self.store.certificate_by_code(normalise_code(code))
        if certificate is None:
            return Verification(False, "No certificate with this code was issued by this "
                                       "installation.")
        if not code_matches(self._secret(), certificate):
            return Verification(False, "The record of this certificate has been changed since it "
                                       "was issued; it is not genuine.", certificate)
        if certificate.revoked_at:
            return Verification(False, f"This certificate was revoked on "
                                       f"{certificate.revoked_at[:10]}: "
                                       f"{certificate.revoked_reason}", certificate)
        return Verification(True, f"Genuine: issued to {certificate.learner_name} for "
                                  f"{certificate.title} on {certificate.issued_at[:10]}.",
                            certificate)
