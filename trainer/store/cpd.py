"""The CPD log: one entry per completed activity, with the learner's reflection."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.store.records import now_iso

REFLECTION_FIELDS = ("learnt", "impact", "peer")
_COLUMNS = ("id, learner_id, source, activity, kind, done_on, minutes, covered, learnt, impact, "
            "peer, created_at, updated_at")


@dataclass(frozen=True)
class CpdEntry:
    id: int
    learner_id: int
    source: str  # "attempt:<id>" or "session:<id>": what the entry was drafted from
    activity: str
    kind: str
    done_on: str
    minutes: int
    covered: str
    learnt: str
    impact: str
    peer: str
    created_at: str
    updated_at: str


class CpdRecords:
    db: object

    def draft_cpd_entry(self, *, learner_id: int, source: str, activity: str, kind: str,
                        done_on: str, minutes: int, covered: str) -> bool:
        """Add a drafted entry unless one exists for this source; True if one was added."""
        stamp = now_iso()
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO cpd_entries(learner_id, source, activity, kind, done_on, "
                "minutes, covered, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (learner_id, source, activity, kind, done_on, minutes, covered, stamp, stamp))
        return cursor.rowcount > 0

    def cpd_entries(self, learner_id: int) -> list[CpdEntry]:
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM cpd_entries WHERE learner_id = ? "  # noqa: S608
            "ORDER BY done_on DESC, id DESC", (learner_id,)).fetchall()
        return [CpdEntry(*r) for r in rows]

    def cpd_entry(self, entry_id: int) -> CpdEntry | None:
        row = self.db.conn.execute(f"SELECT {_COLUMNS} FROM cpd_entries WHERE id = ?",  # noqa: S608
                                   (entry_id,)).fetchone()
        return CpdEntry(*row) if row else None

    def save_cpd_reflection(self, entry_id: int, field: str, text: str) -> None:
        if field not in REFLECTION_FIELDS:
            raise ValueError(f"not a reflection field: {field}")
        with self.db.atomic():
            self.db.execute(f"UPDATE cpd_entries SET {field} = ?, updated_at = ? "  # noqa: S608
                            "WHERE id = ?", (text, now_iso(), entry_id))
