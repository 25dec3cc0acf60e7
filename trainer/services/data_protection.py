"""Data protection: everything held on one learner (a subject access request), erasure with a
typed confirmation, archiving leavers, revoking certificates, and a retention period.

Every change here is written to the audit log with what was done, but never the erased person's
name (the log would otherwise keep what erasure removed).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trainer.services.errors import UserError
from trainer.services.exports import safe_cell, write_file
from trainer.store import Store
from trainer.store.records import Learner

RETENTION_KEY = "retention_years"


class DataProtectionService:
    def __init__(self, store: Store):
        self.store = store

    def _learner(self, learner_id: int) -> Learner:
        learner = self.store.learner(learner_id)
        if learner is None:
            raise UserError(f"There is no learner {learner_id}. 'trainer learners list' lists them.")
        return learner

    def all_learners(self) -> list[Learner]:
        return self.store.learners(include_archived=True)

    # -- subject access -------------------------------------------------------------------------
    def subject_access_zip(self, learner_id: int) -> bytes:
        """A zip with data.json (every row, table by table) and one CSV per table."""
        self._learner(learner_id)
        data = self.store.learner_data(learner_id)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("README.txt", (
                "Everything this training app holds on one learner, exported "
                f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC.\n"
                "data.json has every record; each CSV file holds one kind of record.\n"))
            archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
            for table, rows in data.items():
                text = io.StringIO()
                writer = csv.writer(text, lineterminator="\r\n")
                columns = list(rows[0]) if rows else []
                writer.writerow(columns)
                for row in rows:
                    writer.writerow([safe_cell(row[c]) for c in columns])
                archive.writestr(f"{table}.csv", text.getvalue().encode("utf-8-sig"))
        self.store.audit("subject access export", f"learner {learner_id}")
        return buffer.getvalue()

    def save_subject_access(self, learner_id: int, path: Path) -> Path:
        return write_file(Path(path), self.subject_access_zip(learner_id))

    def record_export(self, what: str, detail: str) -> None:
        """Exports carry personal data out of the app, so each is written to the audit log."""
        self.store.audit(f"export {what}", detail)

    # -- archive and erase --------------------------------------------------------------------
    def archive(self, learner_id: int, archived: bool = True) -> None:
        self._learner(learner_id)
        self.store.set_archived(learner_id, archived, f"learner {learner_id}")

    def erase(self, learner_id: int, typed_name: str) -> dict[str, int]:
        """Erase a learner for good. ``typed_name`` must be their name exactly as recorded."""
        learner = self._learner(learner_id)
        if typed_name.strip() != learner.name:
            raise UserError("The name typed does not match the learner's name exactly, so "
                            "nothing was erased. Type the name as shown to confirm.")
        counts = self.store.erase_learner(learner_id, f"learner {learner_id}")
        return counts

    # -- certificates ---------------------------------------------------------------------------
    def revoke(self, certificate_id: str, reason: str) -> None:
        reason = " ".join(reason.split())
        certificate = self.store.certificate(certificate_id.strip())
        if certificate is None:
            raise UserError(f"There is no certificate {certificate_id}.")
        if certificate.revoked_at:
            raise UserError(f"Certificate {certificate_id} is already revoked.")
        if len(reason) < 5:
            raise UserError("Give a reason for revoking (at least a few words); it is shown to "
                            "anyone who checks the certificate.")
        self.store.revoke_certificate(certificate.id, reason)

    # -- retention ------------------------------------------------------------------------------
    def retention_years(self) -> int | None:
        value = self.store.get_setting(RETENTION_KEY)
        return int(value) if value and value.isdigit() and int(value) > 0 else None

    def set_retention_years(self, years: int | None) -> None:
        if years is not None and not 1 <= years <= 100:
            raise UserError("Keep records for 1 to 100 years, or choose 'keep everything'.")
        self.store.set_setting(RETENTION_KEY, str(years or 0))
        self.store.audit("retention set", f"{years} years" if years else "keep everything")

    def apply_retention(self, now: datetime | None = None) -> dict[str, int]:
        years = self.retention_years()
        if years is None:
            return {}
        now = now or datetime.now(UTC)
        cutoff = (now - timedelta(days=round(365.25 * years))).isoformat(timespec="seconds")
        return self.store.remove_older_than(cutoff, f"older than {years} years ({cutoff[:10]})")
