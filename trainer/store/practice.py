"""Case-study paths and the spaced-practice queue. Each choice or answer is committed on its own."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from trainer.store.records import Response, now_iso


@dataclass(frozen=True)
class CaseRun:
    id: int
    learner_id: int
    pack_id: str
    module_id: str
    case_id: str
    started_at: str
    finished_at: str | None
    ending_id: str | None
    score: int | None


@dataclass(frozen=True)
class CaseStepRecord:
    run_id: int
    position: int
    node_id: str
    choice_index: int
    next_id: str
    chosen_at: str


@dataclass(frozen=True)
class QueueEntry:
    learner_id: int
    pack_id: str
    question_id: str
    box: int
    due_at: str
    retired: bool


@dataclass(frozen=True)
class PracticeSession:
    id: int
    learner_id: int
    pack_id: str
    seed: int
    question_ids: tuple[str, ...]
    started_at: str
    finished_at: str | None


@dataclass(frozen=True)
class PracticeResponse(Response):
    """An answer in a practice session: a Response whose attempt_id is the session's id (read
    it as session_id), so the feedback on a practice answer holds a Response like any other."""

    @property
    def session_id(self) -> int:
        return self.attempt_id


_RUN = "id, learner_id, pack_id, module_id, case_id, started_at, finished_at, ending_id, score"
_SESSION = "id, learner_id, pack_id, seed, question_ids, started_at, finished_at"


def _session(row) -> PracticeSession:
    return PracticeSession(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])), row[5],
                           row[6])


class PracticeRecords:
    db: object

    # -- case studies ---------------------------------------------------------------------------
    def create_case_run(self, learner_id: int, pack_id: str, module_id: str,
                        case_id: str) -> CaseRun:
        with self.writing():
            cursor = self.db.execute(
                "INSERT INTO case_runs(learner_id, pack_id, module_id, case_id, started_at) "
                "VALUES (?,?,?,?,?)", (learner_id, pack_id, module_id, case_id, now_iso()))
            run_id = cursor.lastrowid
        return self.case_run(run_id)

    def case_run(self, run_id: int) -> CaseRun | None:
        row = self.db.conn.execute(f"SELECT {_RUN} FROM case_runs WHERE id = ?",  # noqa: S608
                                   (run_id,)).fetchone()
        return CaseRun(*row) if row else None

    def case_runs(self, learner_id: int, pack_id: str, case_id: str | None = None) -> list[CaseRun]:
        sql = f"SELECT {_RUN} FROM case_runs WHERE learner_id = ? AND pack_id = ?"  # noqa: S608
        args: list = [learner_id, pack_id]
        if case_id:
            sql += " AND case_id = ?"
            args.append(case_id)
        rows = self.db.conn.execute(sql + " ORDER BY id", args).fetchall()
        return [CaseRun(*r) for r in rows]

    def record_case_step(self, run_id: int, position: int, node_id: str, choice_index: int,
                         next_id: str, ending: tuple[str, int] | None = None) -> CaseStepRecord:
        """Write one choice (and, when it reaches an ending, the ending) in one transaction."""
        at = now_iso()
        with self.writing():
            self.db.execute(
                "INSERT INTO case_steps(run_id, position, node_id, choice_index, next_id, chosen_at)"
                " VALUES (?,?,?,?,?,?)", (run_id, position, node_id, choice_index, next_id, at))
            if ending is not None:
                self.db.execute(
                    "UPDATE case_runs SET finished_at = ?, ending_id = ?, score = ? WHERE id = ?",
                    (at, ending[0], ending[1], run_id))
        return CaseStepRecord(run_id, position, node_id, choice_index, next_id, at)

    def case_steps(self, run_id: int) -> list[CaseStepRecord]:
        rows = self.db.conn.execute(
            "SELECT run_id, position, node_id, choice_index, next_id, chosen_at FROM case_steps "
            "WHERE run_id = ? ORDER BY position", (run_id,)).fetchall()
        return [CaseStepRecord(*r) for r in rows]

    # -- the practice queue ---------------------------------------------------------------------
    def queue_entry(self, learner_id: int, pack_id: str, question_id: str) -> QueueEntry | None:
        row = self.db.conn.execute(
            "SELECT learner_id, pack_id, question_id, box, due_at, retired FROM practice_queue "
            "WHERE learner_id = ? AND pack_id = ? AND question_id = ?",
            (learner_id, pack_id, question_id)).fetchone()
        return QueueEntry(*row[:5], bool(row[5])) if row else None

    def put_queue_entry(self, learner_id: int, pack_id: str, question_id: str, box: int,
                        due_at: str, retired: bool) -> None:
        with self.writing():
            self.db.execute(
                "INSERT INTO practice_queue(learner_id, pack_id, question_id, box, due_at, retired, "
                "updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT(learner_id, pack_id, question_id) "
                "DO UPDATE SET box = excluded.box, due_at = excluded.due_at, "
                "retired = excluded.retired, updated_at = excluded.updated_at",
                (learner_id, pack_id, question_id, box, due_at, int(retired), now_iso()))

    def queue(self, learner_id: int, pack_id: str) -> list[QueueEntry]:
        rows = self.db.conn.execute(
            "SELECT learner_id, pack_id, question_id, box, due_at, retired FROM practice_queue "
            "WHERE learner_id = ? AND pack_id = ? AND retired = 0 ORDER BY due_at, question_id",
            (learner_id, pack_id)).fetchall()
        return [QueueEntry(*r[:5], bool(r[5])) for r in rows]

    # -- practice sessions ----------------------------------------------------------------------
    def create_practice_session(self, learner_id: int, pack_id: str, seed: int,
                                question_ids: Sequence[str]) -> PracticeSession:
        with self.writing():
            cursor = self.db.execute(
                "INSERT INTO practice_sessions(learner_id, pack_id, seed, question_ids, started_at)"
                " VALUES (?,?,?,?,?)",
                (learner_id, pack_id, seed, json.dumps(list(question_ids)), now_iso()))
            session_id = cursor.lastrowid
        return self.practice_session(session_id)

    def practice_session(self, session_id: int) -> PracticeSession | None:
        row = self.db.conn.execute(
            f"SELECT {_SESSION} FROM practice_sessions WHERE id = ?",  # noqa: S608
            (session_id,)).fetchone()
        return _session(row) if row else None

    def unfinished_practice(self, learner_id: int, pack_id: str) -> PracticeSession | None:
        row = self.db.conn.execute(
            f"SELECT {_SESSION} FROM practice_sessions WHERE learner_id = ? AND pack_id = ? "  # noqa: S608
            "AND finished_at IS NULL ORDER BY id DESC LIMIT 1", (learner_id, pack_id)).fetchone()
        return _session(row) if row else None

    def record_practice_response(self, *, session_id: int, question_id: str, position: int,
                                 answer: Sequence[str], points: float, correct: bool,
                                 confidence: str | None, learner_id: int, pack_id: str, box: int,
                                 due_at: str, retired: bool) -> PracticeResponse:
        """The answer and the question's new place in the queue, committed together."""
        at = now_iso()
        with self.writing():
            self.db.execute(
                "INSERT INTO practice_responses(session_id, question_id, position, answer, points, "
                "correct, confidence, answered_at) VALUES (?,?,?,?,?,?,?,?)",
                (session_id, question_id, position, json.dumps(list(answer)), points, int(correct),
                 confidence, at))
            self.db.execute(
                "INSERT INTO practice_queue(learner_id, pack_id, question_id, box, due_at, retired, "
                "updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT(learner_id, pack_id, question_id) "
                "DO UPDATE SET box = excluded.box, due_at = excluded.due_at, "
                "retired = excluded.retired, updated_at = excluded.updated_at",
                (learner_id, pack_id, question_id, box, due_at, int(retired), at))
        return PracticeResponse(session_id, question_id, position, tuple(answer), points, correct,
                                confidence, at)

    def practice_responses(self, session_id: int) -> list[PracticeResponse]:
        rows = self.db.conn.execute(
            "SELECT session_id, question_id, position, answer, points, correct, confidence, "
            "answered_at FROM practice_responses WHERE session_id = ? ORDER BY position",
            (session_id,)).fetchall()
        return [PracticeResponse(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], bool(r[5]),
                                 r[6], r[7]) for r in rows]

    def finish_practice_session(self, session_id: int) -> None:
        with self.writing():
            self.db.execute("UPDATE practice_sessions SET finished_at = ? WHERE id = ? AND "
                            "finished_at IS NULL", (now_iso(), session_id))
