"""Administrative changes: the audit log, archiving, erasure, retention, revocation, and
everything held on one learner (for a subject access request)."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.store.records import now_iso


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    action: str
    detail: str


def _dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class AdminRecords:
    db: object

    def audit(self, action: str, detail: str = "") -> None:
        with self.db.atomic():
            self._audit(action, detail)

    def _audit(self, action: str, detail: str) -> None:
        self.db.execute("INSERT INTO audit_log(at, action, detail) VALUES (?,?,?)",
                        (now_iso(), action, detail))

    def audit_entries(self, limit: int = 200) -> list[AuditEntry]:
        rows = self.db.conn.execute(
            "SELECT id, at, action, detail FROM audit_log ORDER BY id DESC LIMIT ?",
            (limit,)).fetchall()
        return [AuditEntry(*r) for r in rows]

    def set_archived(self, learner_id: int, archived: bool, detail: str) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE learners SET archived_at = ? WHERE id = ?",
                            (now_iso() if archived else None, learner_id))
            self._audit("learner archived" if archived else "learner restored", detail)

    def erase_learner(self, learner_id: int, detail: str) -> dict[str, int]:
        """Delete a learner and everything held on them, certificates included, in one
        transaction; then rebuild the summaries so that no trace of their answers remains."""
        counts = {}
        with self.db.atomic():
            conn = self.db.conn
            for table, where in (("responses", "attempt_id IN (SELECT id FROM attempts WHERE "
                                               "learner_id = ?)"),
                                 ("attempts", "learner_id = ?"),
                                 ("certificates", "learner_id = ?"),
                                 ("cpd_entries", "learner_id = ?"),
                                 ("lesson_progress", "learner_id = ?"),
                                 ("case_runs", "learner_id = ?"),
                                 ("practice_queue", "learner_id = ?"),
                                 ("practice_sessions", "learner_id = ?"),
                                 ("session_responses", "learner_id = ?"),
                                 ("session_attendees", "learner_id = ?"),
                                 ("group_learning", "learner_id = ?")):
                counts[table] = conn.execute(
                    f"DELETE FROM {table} WHERE {where}", (learner_id,)).rowcount  # noqa: S608
            counts["learners"] = conn.execute("DELETE FROM learners WHERE id = ?",
                                              (learner_id,)).rowcount
            conn.execute("DELETE FROM settings WHERE key = 'last_learner_id' AND value = ?",
                         (str(learner_id),))
            self._audit("learner erased", detail)
        self.rebuild_summaries()
        return counts

    def remove_older_than(self, cutoff: str, detail: str) -> dict[str, int]:
        """Retention: delete attempts, CPD entries and certificates dated before ``cutoff`` (ISO),
        and learners archived before it."""
        counts = {}
        with self.db.atomic():
            conn = self.db.conn
            counts["responses"] = conn.execute(
                "DELETE FROM responses WHERE attempt_id IN (SELECT id FROM attempts WHERE "
                "started_at < ?)", (cutoff,)).rowcount
            counts["attempts"] = conn.execute("DELETE FROM attempts WHERE started_at < ?",
                                              (cutoff,)).rowcount
            counts["case_runs"] = conn.execute("DELETE FROM case_runs WHERE started_at < ?",
                                               (cutoff,)).rowcount
            counts["practice_sessions"] = conn.execute(
                "DELETE FROM practice_sessions WHERE started_at < ?", (cutoff,)).rowcount
            counts["group_learning"] = conn.execute("DELETE FROM group_learning WHERE date < ?",
                                                    (cutoff[:10],)).rowcount
            counts["cpd_entries"] = conn.execute("DELETE FROM cpd_entries WHERE done_on < ?",
                                                 (cutoff[:10],)).rowcount
            counts["certificates"] = conn.execute("DELETE FROM certificates WHERE issued_at < ?",
                                                  (cutoff,)).rowcount
            counts["learners"] = conn.execute(
                "DELETE FROM learners WHERE archived_at IS NOT NULL AND archived_at < ?",
                (cutoff,)).rowcount
            self._audit("retention applied", f"{detail}; removed " + ", ".join(
                f"{n} {table}" for table, n in counts.items()))
        self.rebuild_summaries()
        return counts

    def revoke_certificate(self, certificate_id: str, reason: str) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE certificates SET revoked_at = ?, revoked_reason = ? "
                            "WHERE id = ?", (now_iso(), reason, certificate_id))
            self._audit("certificate revoked", f"{certificate_id}: {reason}")

    def learner_data(self, learner_id: int) -> dict[str, list[dict]]:
        """Every row held on one learner, table by table (subject access)."""
        conn = self.db.conn
        return {
            "learner": _dicts(conn.execute("SELECT * FROM learners WHERE id = ?", (learner_id,))),
            "attempts": _dicts(conn.execute("SELECT * FROM attempts WHERE learner_id = ? "
                                            "ORDER BY id", (learner_id,))),
            "responses": _dicts(conn.execute(
                "SELECT r.* FROM responses r JOIN attempts a ON a.id = r.attempt_id "
                "WHERE a.learner_id = ? ORDER BY r.attempt_id, r.position", (learner_id,))),
            "lesson_progress": _dicts(conn.execute(
                "SELECT * FROM lesson_progress WHERE learner_id = ?", (learner_id,))),
            "cpd_entries": _dicts(conn.execute("SELECT * FROM cpd_entries WHERE learner_id = ? "
                                               "ORDER BY id", (learner_id,))),
            "certificates": _dicts(conn.execute("SELECT * FROM certificates WHERE learner_id = ? "
                                                "ORDER BY issued_at", (learner_id,))),
            "case_runs": _dicts(conn.execute("SELECT * FROM case_runs WHERE learner_id = ? "
                                             "ORDER BY id", (learner_id,))),
            "case_steps": _dicts(conn.execute(
                "SELECT s.* FROM case_steps s JOIN case_runs r ON r.id = s.run_id "
                "WHERE r.learner_id = ? ORDER BY s.run_id, s.position", (learner_id,))),
            "session_attendance": _dicts(conn.execute(
                "SELECT * FROM session_attendees WHERE learner_id = ?", (learner_id,))),
            "session_responses": _dicts(conn.execute(
                "SELECT * FROM session_responses WHERE learner_id = ?", (learner_id,))),
            "group_learning": _dicts(conn.execute(
                "SELECT * FROM group_learning WHERE learner_id = ?", (learner_id,))),
            "practice_queue": _dicts(conn.execute(
                "SELECT * FROM practice_queue WHERE learner_id = ?", (learner_id,))),
            "practice_sessions": _dicts(conn.execute(
                "SELECT * FROM practice_sessions WHERE learner_id = ? ORDER BY id",
                (learner_id,))),
            "practice_responses": _dicts(conn.execute(
                "SELECT p.* FROM practice_responses p JOIN practice_sessions s "
                "ON s.id = p.session_id WHERE s.learner_id = ? ORDER BY p.session_id, p.position",
                (learner_id,))),
        }
