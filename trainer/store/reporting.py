"""Queries for the manager's views, and the summary tables that keep them fast at scale.

Three summaries are kept up to date by triggers when an attempt finishes (so any code path that
finishes an attempt keeps them right): per question (answered, points and the sums needed for a
correlation between the item and the attempt's total), per question the wrong answers chosen, and
per learner × module the best result. ``rebuild_summaries`` recomputes them from the raw rows;
erasure and retention call it after deleting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

_T = "(NEW.score * 100.0 / NEW.max_score)"

SUMMARY_TRIGGERS = (
    f"""CREATE TRIGGER summaries_on_finish AFTER UPDATE OF finished_at ON attempts
    WHEN OLD.finished_at IS NULL AND NEW.finished_at IS NOT NULL AND NEW.max_score > 0
    BEGIN
        INSERT INTO question_summary(question_id, answered, correct, points, sum_t, sum_tt, sum_xt,
                                     sum_xx)
            SELECT question_id, 1, correct, points, {_T}, {_T} * {_T}, points * {_T},
                   points * points
            FROM responses WHERE attempt_id = NEW.id
            ON CONFLICT(question_id) DO UPDATE SET
                answered = answered + 1, correct = correct + excluded.correct,
                points = points + excluded.points, sum_t = sum_t + excluded.sum_t,
                sum_tt = sum_tt + excluded.sum_tt, sum_xt = sum_xt + excluded.sum_xt,
                sum_xx = sum_xx + excluded.sum_xx;
        INSERT INTO question_answer_counts(question_id, answer, n)
            SELECT question_id, answer, 1 FROM responses WHERE attempt_id = NEW.id AND correct = 0
            ON CONFLICT(question_id, answer) DO UPDATE SET n = n + 1;
        INSERT INTO learner_module_best(learner_id, pack_id, module_id, attempts, best_percent,
                                        passed, first_passed_at, last_finished_at)
            VALUES (NEW.learner_id, NEW.pack_id, NEW.module_id, 1,
                    CAST({_T} + 1e-9 AS INTEGER), coalesce(NEW.passed, 0),
                    CASE WHEN NEW.passed THEN NEW.finished_at END, NEW.finished_at)
            ON CONFLICT(learner_id, pack_id, module_id) DO UPDATE SET
                attempts = attempts + 1, best_percent = max(best_percent, excluded.best_percent),
                passed = max(passed, excluded.passed),
                first_passed_at = coalesce(first_passed_at, excluded.first_passed_at),
                last_finished_at = max(last_finished_at, excluded.last_finished_at);
    END""",
)

REBUILD_SUMMARIES = (
    "DELETE FROM question_summary",
    "DELETE FROM question_answer_counts",
    "DELETE FROM learner_module_best",
    """INSERT INTO question_summary(question_id, answered, correct, points, sum_t, sum_tt, sum_xt,
                                   sum_xx)
        SELECT r.question_id, count(*), sum(r.correct), sum(r.points), sum(a.t), sum(a.t * a.t),
               sum(r.points * a.t), sum(r.points * r.points)
        FROM responses r JOIN (SELECT id, score * 100.0 / max_score AS t FROM attempts
                               WHERE finished_at IS NOT NULL AND max_score > 0) a
             ON a.id = r.attempt_id
        GROUP BY r.question_id""",
    """INSERT INTO question_answer_counts(question_id, answer, n)
        SELECT r.question_id, r.answer, count(*)
        FROM responses r JOIN attempts a ON a.id = r.attempt_id
        WHERE a.finished_at IS NOT NULL AND a.max_score > 0 AND r.correct = 0
        GROUP BY r.question_id, r.answer""",
    """INSERT INTO learner_module_best(learner_id, pack_id, module_id, attempts, best_percent,
                                      passed, first_passed_at, last_finished_at)
        SELECT learner_id, pack_id, module_id, count(*),
               max(CAST(score * 100.0 / max_score + 1e-9 AS INTEGER)), max(coalesce(passed, 0)),
               min(CASE WHEN passed THEN finished_at END), max(finished_at)
        FROM attempts WHERE finished_at IS NOT NULL AND max_score > 0
        GROUP BY learner_id, pack_id, module_id""",
)


class MatrixCell(NamedTuple):
    module_id: str
    best_percent: int
    passed: bool
    first_passed_at: str | None
    last_finished_at: str
    attempts: int


@dataclass
class MatrixLearner:
    id: int
    name: str
    role: str
    team: str
    cells: dict[str, MatrixCell]


@dataclass(frozen=True)
class QuestionSummary:
    question_id: str
    answered: int
    correct: int
    points: float
    sum_t: float
    sum_tt: float
    sum_xt: float
    sum_xx: float
    top_wrong_answer: str | None
    top_wrong_count: int


@dataclass(frozen=True)
class QuestionTally:
    question_id: str
    answered: int
    points: float
    learners: int


@dataclass(frozen=True)
class AttemptRow:
    id: int
    learner_id: int
    learner_name: str
    staff_id: str
    team: str
    role: str
    pack_id: str
    module_id: str
    quiz_id: str
    mode: str
    started_at: str
    finished_at: str | None
    score: float | None
    max_score: int | None
    passed: bool | None


def _learner_filter(team: str | None, role: str | None, learner_id: int | None,
                    alias: str = "l") -> tuple[str, list]:
    where = [f"{alias}.archived_at IS NULL"] if learner_id is None else []
    args: list = []
    for column, value in (("team", team), ("role", role), ("id", learner_id)):
        if value not in (None, ""):
            where.append(f"{alias}.{column} = ?")
            args.append(value)
    return (" AND ".join(where) or "1"), args


class ReportingRecords:
    db: object

    def rebuild_summaries(self) -> None:
        with self.db.atomic():
            for sql in REBUILD_SUMMARIES:
                self.db.execute(sql)

    def teams(self) -> list[str]:
        return [r[0] for r in self.db.conn.execute(
            "SELECT DISTINCT team FROM learners WHERE archived_at IS NULL ORDER BY team")]

    def roles(self) -> list[str]:
        return [r[0] for r in self.db.conn.execute(
            "SELECT DISTINCT role FROM learners WHERE archived_at IS NULL ORDER BY role")]

    def matrix_learners(self, *, team: str | None = None, role: str | None = None,
                        learner_id: int | None = None) -> list[MatrixLearner]:
        """The rows of the matrix, in name order, cells not yet filled (see ``fill_matrix``)."""
        where, args = _learner_filter(team, role, learner_id)
        return [MatrixLearner(r[0], r[1], r[2], r[3], {}) for r in self.db.conn.execute(
            f"SELECT l.id, l.name, l.role, l.team FROM learners l WHERE {where} "
            "ORDER BY l.name COLLATE NOCASE, l.id", args)]

    def fill_matrix(self, learners: list[MatrixLearner], *, pack_id: str | None = None,
                    since: str | None = None, until: str | None = None) -> None:
        """Fill in the best result per module of ``learners``; ``since``/``until`` (ISO dates,
        inclusive) keep only results completed in that window."""
        if not learners:
            return
        by_id = {learner.id: learner for learner in learners}
        where: list[str] = []
        args: list = []
        if pack_id:
            where.append("pack_id = ?")
            args.append(pack_id)
        if since:
            where.append("coalesce(first_passed_at, last_finished_at) >= ?")
            args.append(since)
        if until:
            where.append("coalesce(first_passed_at, last_finished_at) < ?")
            args.append(until + "T99")  # inclusive of the whole day
        sql = ("SELECT learner_id, module_id, best_percent, passed, first_passed_at, "
               "last_finished_at, attempts FROM learner_module_best")
        batches: list[list] = [[]]
        if len(learners) <= 2000:  # a page of the view: look the learners up by key
            ids = list(by_id)
            batches = [ids[i:i + 500] for i in range(0, len(ids), 500)]
        for batch in batches:
            clauses = list(where)
            if batch:
                clauses.append(f"learner_id IN ({','.join('?' * len(batch))})")
            text = sql + (" WHERE " + " AND ".join(clauses) if clauses else "")
            for row in self.db.conn.execute(text, args + batch):
                learner = by_id.get(row[0])
                if learner is not None:
                    learner.cells[row[1]] = MatrixCell(row[1], row[2], bool(row[3]), row[4],
                                                       row[5], row[6])

    def matrix(self, *, pack_id: str | None = None, team: str | None = None,
               role: str | None = None, since: str | None = None, until: str | None = None,
               learner_id: int | None = None) -> list[MatrixLearner]:
        """Learners (not archived, unless one is asked for) with their best result per module."""
        learners = self.matrix_learners(team=team, role=role, learner_id=learner_id)
        self.fill_matrix(learners, pack_id=pack_id, since=since, until=until)
        return learners

    def question_summaries(self) -> list[QuestionSummary]:
        rows = self.db.conn.execute(
            "SELECT s.question_id, s.answered, s.correct, s.points, s.sum_t, s.sum_tt, s.sum_xt, "
            "s.sum_xx, w.answer, coalesce(w.n, 0) FROM question_summary s LEFT JOIN "
            "question_answer_counts w ON w.question_id = s.question_id AND w.answer = ("
            " SELECT c.answer FROM question_answer_counts c WHERE c.question_id = s.question_id "
            " ORDER BY c.n DESC, c.answer LIMIT 1) ORDER BY s.question_id").fetchall()
        return [QuestionSummary(*row) for row in rows]

    def question_tallies(self, *, team: str | None = None, role: str | None = None
                         ) -> list[QuestionTally]:
        """Answers per question in finished attempts by the (not archived) learners chosen."""
        where, args = _learner_filter(team, role, None)
        rows = self.db.conn.execute(  # noqa: S608
            "SELECT r.question_id, count(*), sum(r.points), count(DISTINCT a.learner_id) "
            "FROM learners l JOIN attempts a ON a.learner_id = l.id "
            "JOIN responses r ON r.attempt_id = a.id "
            f"WHERE {where} AND a.finished_at IS NOT NULL GROUP BY r.question_id", args).fetchall()
        return [QuestionTally(*row) for row in rows]

    def completions_by_month(self, *, team: str | None = None, role: str | None = None
                             ) -> list[tuple[str, int]]:
        where, args = _learner_filter(team, role, None)
        return [tuple(r) for r in self.db.conn.execute(  # noqa: S608
            "SELECT substr(b.first_passed_at, 1, 7) AS month, count(*) FROM learner_module_best b "
            f"JOIN learners l ON l.id = b.learner_id WHERE {where} AND b.first_passed_at IS NOT NULL "
            "GROUP BY month ORDER BY month", args)]

    def attempt_rows(self, *, team: str | None = None, role: str | None = None,
                     learner_id: int | None = None, finished_only: bool = True) -> list[AttemptRow]:
        where, args = _learner_filter(team, role, learner_id)
        if finished_only:
            where += " AND a.finished_at IS NOT NULL"
        rows = self.db.conn.execute(  # noqa: S608
            "SELECT a.id, l.id, l.name, l.staff_id, l.team, l.role, a.pack_id, a.module_id, "
            "a.quiz_id, a.mode, a.started_at, a.finished_at, a.score, a.max_score, a.passed "
            f"FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE {where} ORDER BY a.id",
            args).fetchall()
        return [AttemptRow(*r[:-1], None if r[-1] is None else bool(r[-1])) for r in rows]
