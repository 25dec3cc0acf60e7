"""Group sessions: the plan, its steps, the answers collected, attendance and CPD rows.

Every change is committed as it happens, so a session survives the app closing half way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from trainer.store.records import now_iso

GROUP_ACTIVITY = "Group learning with peer discussion"


@dataclass(frozen=True)
class Session:
    id: int
    pack_id: str
    pack_version: str
    module_id: str
    title: str
    scheduled_for: str  # local date and time, "YYYY-MM-DDTHH:MM"
    place: str
    facilitator: str
    question_count: int
    seed: int
    status: str  # "planned" | "running" | "finished"
    current_step: int
    created_at: str
    started_at: str | None
    ended_at: str | None
    cpd_minutes: int | None
    notes: str


@dataclass(frozen=True)
class Attendee:
    session_id: int
    learner_id: int
    name: str
    role: str
    team: str
    present: bool | None
    certificate_id: str | None


@dataclass(frozen=True)
class SessionStep:
    session_id: int
    position: int
    key: str
    kind: str
    title: str
    collect_mode: str
    notes: str
    shown_at: str | None
    revealed_at: str | None


@dataclass(frozen=True)
class SessionResponse:
    question_id: str
    learner_id: int
    answer: tuple[str, ...]
    correct: bool
    source: str
    answered_at: str


@dataclass(frozen=True)
class GroupLearning:
    """One attended session as a learner's CPD log shows it."""

    learner_id: int
    session_id: int
    pack_id: str
    module_id: str
    title: str
    activity: str
    date: str
    minutes: int


_SESSION = ("id, pack_id, pack_version, module_id, title, scheduled_for, place, facilitator, "
            "question_count, seed, status, current_step, created_at, started_at, ended_at, "
            "cpd_minutes, notes")
_STEP = ("session_id, position, key, kind, title, collect_mode, notes, shown_at, revealed_at")


class SessionRecords:
    db: object

    # -- sessions ---------------------------------------------------------------------------
    def create_session(self, *, pack_id: str, pack_version: str, module_id: str, title: str,
                       scheduled_for: str, place: str, facilitator: str, question_count: int,
                       seed: int, learner_ids: Sequence[int]) -> Session:
        now = now_iso()
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO sessions(pack_id, pack_version, module_id, title, scheduled_for, "
                "place, facilitator, question_count, seed, created_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                (pack_id, pack_version, module_id, title, scheduled_for, place, facilitator,
                 question_count, seed, now))
            session_id = cursor.lastrowid
            for learner_id in dict.fromkeys(learner_ids):
                self.db.execute("INSERT INTO session_attendees(session_id, learner_id, added_at) "
                                "VALUES (?,?,?)", (session_id, learner_id, now))
        return self.session(session_id)

    def session(self, session_id: int) -> Session | None:
        row = self.db.conn.execute(f"SELECT {_SESSION} FROM sessions WHERE id = ?",  # noqa: S608
                                   (session_id,)).fetchone()
        return Session(*row) if row else None

    def sessions(self, status: str | None = None) -> list[Session]:
        sql = f"SELECT {_SESSION} FROM sessions"  # noqa: S608
        args: tuple = ()
        if status:
            sql += " WHERE status = ?"
            args = (status,)
        rows = self.db.conn.execute(sql + " ORDER BY scheduled_for DESC, id DESC", args)
        return [Session(*row) for row in rows.fetchall()]

    def start_session(self, session_id: int, steps: Sequence[tuple[str, str, str]],
                      collect_mode: str) -> Session:
        """Fix the steps and mark the session running, in one transaction."""
        with self.db.atomic():
            self.db.execute("DELETE FROM session_steps WHERE session_id = ?", (session_id,))
            for position, (key, kind, title) in enumerate(steps):
                self.db.execute(
                    "INSERT INTO session_steps(session_id, position, key, kind, title, "
                    "collect_mode) VALUES (?,?,?,?,?,?)",
                    (session_id, position, key, kind, title, collect_mode))
            self.db.execute("UPDATE sessions SET status = 'running', started_at = ?, "
                            "current_step = 0 WHERE id = ? AND status = 'planned'",
                            (now_iso(), session_id))
        return self.session(session_id)

    def set_current_step(self, session_id: int, position: int) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE sessions SET current_step = ? WHERE id = ?",
                            (position, session_id))
            self.db.execute("UPDATE session_steps SET shown_at = COALESCE(shown_at, ?) "
                            "WHERE session_id = ? AND position = ?",
                            (now_iso(), session_id, position))

    def set_session_notes(self, session_id: int, notes: str) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE sessions SET notes = ? WHERE id = ?", (notes, session_id))

    def finish_session(self, session_id: int, cpd_minutes: int, present: dict[int, bool],
                       activity_rows: Sequence[tuple]) -> Session:
        """Attendance, the end time and each attendee's CPD row, in one transaction."""
        with self.db.atomic():
            for learner_id, here in present.items():
                self.db.execute("UPDATE session_attendees SET present = ? WHERE session_id = ? "
                                "AND learner_id = ?", (int(here), session_id, learner_id))
            self.db.execute("UPDATE sessions SET status = 'finished', ended_at = ?, "
                            "cpd_minutes = ? WHERE id = ?", (now_iso(), cpd_minutes, session_id))
            self.db.execute("DELETE FROM group_learning WHERE session_id = ?", (session_id,))
            for row in activity_rows:
                self.db.execute(
                    "INSERT INTO group_learning(learner_id, session_id, pack_id, module_id, title, "
                    "activity, date, minutes, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (*row, now_iso()))
        return self.session(session_id)

    # -- attendees --------------------------------------------------------------------------
    def attendees(self, session_id: int) -> list[Attendee]:
        rows = self.db.conn.execute(
            "SELECT a.session_id, a.learner_id, l.name, l.role, l.team, a.present, "
            "a.certificate_id FROM session_attendees a JOIN learners l ON l.id = a.learner_id "
            "WHERE a.session_id = ? ORDER BY l.name COLLATE NOCASE, l.id", (session_id,))
        return [Attendee(r[0], r[1], r[2], r[3], r[4], None if r[5] is None else bool(r[5]),
                         r[6]) for r in rows.fetchall()]

    def add_attendee(self, session_id: int, learner_id: int) -> None:
        with self.db.atomic():
            self.db.execute("INSERT OR IGNORE INTO session_attendees(session_id, learner_id, "
                            "added_at) VALUES (?,?,?)", (session_id, learner_id, now_iso()))

    def set_present(self, session_id: int, learner_id: int, present: bool) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE session_attendees SET present = ? WHERE session_id = ? AND "
                            "learner_id = ?", (int(present), session_id, learner_id))

    def set_attendance_certificate(self, session_id: int, learner_id: int,
                                   certificate_id: str) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE session_attendees SET certificate_id = ? WHERE session_id = ? "
                            "AND learner_id = ?", (certificate_id, session_id, learner_id))

    # -- steps ------------------------------------------------------------------------------
    def session_steps(self, session_id: int) -> list[SessionStep]:
        rows = self.db.conn.execute(
            f"SELECT {_STEP} FROM session_steps WHERE session_id = ? "  # noqa: S608
            "ORDER BY position", (session_id,))
        return [SessionStep(*row) for row in rows.fetchall()]

    def set_step_notes(self, session_id: int, position: int, notes: str) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE session_steps SET notes = ? WHERE session_id = ? AND "
                            "position = ?", (notes, session_id, position))

    def set_step_mode(self, session_id: int, position: int, mode: str) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE session_steps SET collect_mode = ? WHERE session_id = ? AND "
                            "position = ?", (mode, session_id, position))

    def reveal_step(self, session_id: int, position: int) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE session_steps SET revealed_at = COALESCE(revealed_at, ?) "
                            "WHERE session_id = ? AND position = ?",
                            (now_iso(), session_id, position))

    # -- answers ----------------------------------------------------------------------------
    def set_tally(self, session_id: int, question_id: str, option_id: str, count: int) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO session_tallies(session_id, question_id, option_id, count, "
                "updated_at) VALUES (?,?,?,?,?) ON CONFLICT(session_id, question_id, option_id) "
                "DO UPDATE SET count = excluded.count, updated_at = excluded.updated_at",
                (session_id, question_id, option_id, count, now_iso()))

    def tallies(self, session_id: int, question_id: str) -> dict[str, int]:
        rows = self.db.conn.execute(
            "SELECT option_id, count FROM session_tallies WHERE session_id = ? AND "
            "question_id = ?", (session_id, question_id))
        return dict(rows.fetchall())

    def set_session_response(self, session_id: int, question_id: str, learner_id: int,
                             answer: Sequence[str], correct: bool, source: str) -> None:
        with self.db.atomic():
            if not answer:
                self.db.execute("DELETE FROM session_responses WHERE session_id = ? AND "
                                "question_id = ? AND learner_id = ?",
                                (session_id, question_id, learner_id))
                return
            self.db.execute(
                "INSERT INTO session_responses(session_id, question_id, learner_id, answer, "
                "correct, source, answered_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT(session_id, "
                "question_id, learner_id) DO UPDATE SET answer = excluded.answer, correct = "
                "excluded.correct, source = excluded.source, answered_at = excluded.answered_at",
                (session_id, question_id, learner_id, json.dumps(list(answer)), int(correct),
                 source, now_iso()))

    def session_responses(self, session_id: int, question_id: str) -> list[SessionResponse]:
        rows = self.db.conn.execute(
            "SELECT question_id, learner_id, answer, correct, source, answered_at FROM "
            "session_responses WHERE session_id = ? AND question_id = ? ORDER BY learner_id",
            (session_id, question_id))
        return [SessionResponse(r[0], r[1], tuple(json.loads(r[2])), bool(r[3]), r[4], r[5])
                for r in rows.fetchall()]

    # -- the CPD log ------------------------------------------------------------------------
    def group_learning_for(self, learner_id: int) -> list[GroupLearning]:
        rows = self.db.conn.execute(
            "SELECT learner_id, session_id, pack_id, module_id, title, activity, date, minutes "
            "FROM group_learning WHERE learner_id = ? ORDER BY date DESC, session_id DESC",
            (learner_id,))
        return [GroupLearning(*row) for row in rows.fetchall()]
