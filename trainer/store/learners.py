"""Learner profiles."""

from __future__ import annotations

from trainer.store.records import Learner, now_iso

_COLUMNS = "id, name, role, team, staff_id, created_at, archived_at"


class LearnerRecords:
    db: object

    def add_learner(self, name: str, role: str, team: str, staff_id: str = "") -> Learner:
        created = now_iso()
        with self.writing():
            cursor = self.db.execute(
                "INSERT INTO learners(name, role, team, staff_id, created_at) VALUES (?,?,?,?,?)",
                (name, role, team, staff_id, created))
            learner_id = cursor.lastrowid
        return Learner(learner_id, name, role, team, staff_id, created)

    def learners(self, include_archived: bool = False) -> list[Learner]:
        where = "" if include_archived else "WHERE archived_at IS NULL"
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM learners {where} ORDER BY name COLLATE NOCASE, id"  # noqa: S608
        ).fetchall()
        return [Learner(*row) for row in rows]

    def learner(self, learner_id: int) -> Learner | None:
        row = self.db.conn.execute(f"SELECT {_COLUMNS} FROM learners WHERE id = ?",  # noqa: S608
                                   (learner_id,)).fetchone()
        return Learner(*row) if row else None
