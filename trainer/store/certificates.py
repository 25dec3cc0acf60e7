"""Certificates issued, for reprinting and for verification."""

from __future__ import annotations

from dataclasses import astuple

from trainer.store.records import Certificate

_FIELDS = ("id, code, learner_id, learner_name, kind, title, attempt_id, score_text, cpd_minutes, "
           "pack_id, pack_version, issued_at, revoked_at, revoked_reason")


class CertificateRecords:
    db: object

    def add_certificate(self, certificate: Certificate) -> Certificate:
        with self.writing():
            self.db.execute(f"INSERT INTO certificates({_FIELDS}) VALUES "  # noqa: S608
                            f"({','.join('?' * 14)})", astuple(certificate))
        return certificate

    def certificate(self, certificate_id: str) -> Certificate | None:
        row = self.db.conn.execute(f"SELECT {_FIELDS} FROM certificates WHERE id = ?",  # noqa: S608
                                   (certificate_id,)).fetchone()
        return Certificate(*row) if row else None

    def certificate_by_code(self, code: str) -> Certificate | None:
        row = self.db.conn.execute(f"SELECT {_FIELDS} FROM certificates WHERE code = ?",  # noqa: S608
                                   (code,)).fetchone()
        return Certificate(*row) if row else None

    def certificate_for_attempt(self, attempt_id: int) -> Certificate | None:
        row = self.db.conn.execute(
            f"SELECT {_FIELDS} FROM certificates WHERE attempt_id = ?",  # noqa: S608
            (attempt_id,)).fetchone()
        return Certificate(*row) if row else None

    def certificates_for(self, learner_id: int) -> list[Certificate]:
        rows = self.db.conn.execute(
            f"SELECT {_FIELDS} FROM certificates WHERE learner_id = ? ORDER BY issued_at DESC",  # noqa: S608
            (learner_id,)).fetchall()
        return [Certificate(*r) for r in rows]
