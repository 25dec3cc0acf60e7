"""Attempts at a quiz and the responses in them. Each response is committed on its own."""

from __future__ import annotations

import json
from collections.abc import Sequence

from trainer.store.records import Attempt, Response, now_iso


def _rows(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class AttemptRecords:
    db: object

    def create_attempt(self, *, learner_id: int, pack_id: str, pack_version: str, quiz_id: str,
                       module_id: str, seed: int, question_ids: Sequence[str], pass_mark: int,
                       mode: str = "self") -> Attempt:
        with self.writing():
            cursor = self.db.execute(
                "INSERT INTO attempts(learner_id, pack_id, pack_version, quiz_id, module_id, seed, "
                "question_ids, pass_mark, mode, started_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (learner_id, pack_id, pack_version, quiz_id, module_id, seed,
                 json.dumps(list(question_ids)), pass_mark, mode, now_iso()))
            attempt_id = cursor.lastrowid
        return self.attempt(attempt_id)

    def attempt(self, attempt_id: int) -> Attempt | None:
        rows = _rows(self.db.conn.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,)))
        return Attempt.from_row(rows[0]) if rows else None

    def attempts_for(self, learner_id: int, quiz_id: str | None = None) -> list[Attempt]:
        sql = "SELECT * FROM attempts WHERE learner_id = ?"
        args: list = [learner_id]
        if quiz_id:
            sql += " AND quiz_id = ?"
            args.append(quiz_id)
        rows = _rows(self.db.conn.execute(sql + " ORDER BY id", args))
        return [Attempt.from_row(r) for r in rows]

    def unfinished_attempts(self, learner_id: int) -> list[Attempt]:
        rows = _rows(self.db.conn.execute(
            "SELECT * FROM attempts WHERE learner_id = ? AND finished_at IS NULL ORDER BY id DESC",
            (learner_id,)))
        return [Attempt.from_row(r) for r in rows]

    def record_response(self, *, attempt_id: int, question_id: str, position: int,
                        answer: Sequence[str], points: float, correct: bool,
                        confidence: str | None = None, seconds: float | None = None) -> Response:
        """Write one answer and commit it before returning: the caller shows feedback after."""
        answered = now_iso()
        with self.writing():
            self.db.execute(
                "INSERT INTO responses(attempt_id, question_id, position, answer, points, correct, "
                "confidence, seconds, answered_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (attempt_id, question_id, position, json.dumps(list(answer)), points, int(correct),
                 confidence, seconds, answered))
        return Response(attempt_id, question_id, position, tuple(answer), points, correct,
                        confidence, answered)

    def responses(self, attempt_id: int) -> list[Response]:
        rows = _rows(self.db.conn.execute(
            "SELECT * FROM responses WHERE attempt_id = ? ORDER BY position", (attempt_id,)))
        return [Response.from_row(r) for r in rows]

    def finish_attempt(self, attempt_id: int, score: float, max_score: int, passed: bool) -> Attempt:
        with self.writing():
            self.db.execute(
                "UPDATE attempts SET finished_at = ?, score = ?, max_score = ?, passed = ? "
                "WHERE id = ? AND finished_at IS NULL",
                (now_iso(), score, max_score, int(passed), attempt_id))
        return self.attempt(attempt_id)

    def mark_module_opened(self, learner_id: int, pack_id: str, module_id: str) -> None:
        with self.writing():
            self.db.execute(
                "INSERT OR IGNORE INTO lesson_progress(learner_id, pack_id, module_id, opened_at) "
                "VALUES (?,?,?,?)", (learner_id, pack_id, module_id, now_iso()))

    def best_attempts(self, learner_id: int) -> dict[str, Attempt]:
        """The best finished attempt per module, for progress badges."""
        best: dict[str, Attempt] = {}
        for attempt in self.attempts_for(learner_id):
            if attempt.finished_at is None or attempt.max_score in (None, 0):
                continue
            current = best.get(attempt.module_id)
            if current is None or (attempt.score / attempt.max_score) > (
                    current.score / current.max_score):
                best[attempt.module_id] = attempt
        return best
