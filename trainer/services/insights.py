"""What a manager needs to see: who has learnt what, which questions discriminate, and where a team
is weak (the "analysis of workforce training needs and gaps" the report asked for, ¶105).

Statistics, for each question over all finished attempts:
- facility index: the mean mark (0–1); low means most people get it wrong;
- discrimination index: the correlation (Pearson; point-biserial for right/wrong questions)
  between the mark on the question and the percentage scored in the whole attempt. Near zero or
  negative means the question does not separate those who know the area from those who do not;
- the wrong answer chosen most, with how often.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from trainer.content.library import Library
from trainer.store import Store
from trainer.store.reporting import MatrixLearner, QuestionSummary, QuestionTally


@dataclass(frozen=True)
class QuestionStat:
    question_id: str
    module: str
    topic: str
    stem: str
    answered: int
    facility: float
    discrimination: float | None
    top_wrong: str
    top_wrong_count: int


@dataclass(frozen=True)
class TopicNeed:
    topic: str
    modules: tuple[str, ...]
    answered: int
    learners: int
    facility: float  # mean mark in the team, 0–1

    @property
    def weakness(self) -> float:
        return 1.0 - self.facility


def discrimination(s: QuestionSummary) -> float | None:
    n = s.answered
    if n < 2:
        return None
    cov = n * s.sum_xt - s.points * s.sum_t
    var_x = n * s.sum_xx - s.points * s.points
    var_t = n * s.sum_tt - s.sum_t * s.sum_t
    if var_x <= 1e-9 or var_t <= 1e-9:
        return None
    return max(-1.0, min(1.0, cov / math.sqrt(var_x * var_t)))


def topic_label(topic: str) -> str:
    return topic.replace("-", " ").capitalize()


class InsightService:
    def __init__(self, store: Store, library: Library):
        self.store = store
        self.library = library

    def _questions(self) -> dict:
        questions = {}
        for pack in self.library.packs:
            questions.update(pack.questions)
        return questions

    def modules(self) -> list[tuple[str, str]]:
        """(id, title) of every module, in the order of the packs."""
        return [(m.id, m.title) for pack in self.library.packs for m in pack.ordered_modules()]

    def teams(self) -> list[str]:
        return self.store.teams()

    def roles(self) -> list[str]:
        return self.store.roles()

    def matrix(self, *, team: str | None = None, role: str | None = None,
               since: str | None = None, until: str | None = None) -> list[MatrixLearner]:
        """Every row filled in (for exports)."""
        return self.store.matrix(team=team, role=role, since=since, until=until)

    def matrix_rows(self, *, team: str | None = None, role: str | None = None
                    ) -> list[MatrixLearner]:
        """The rows only, in order; the view fills cells a page at a time (``fill``)."""
        return self.store.matrix_learners(team=team, role=role)

    def fill(self, learners: list[MatrixLearner], since: str | None = None,
             until: str | None = None) -> None:
        self.store.fill_matrix(learners, since=since, until=until)

    def question_stats(self) -> list[QuestionStat]:
        questions = self._questions()
        stats = []
        for s in self.store.question_summaries():
            question = questions.get(s.question_id)
            wrong = ""
            if s.top_wrong_answer:
                ids = json.loads(s.top_wrong_answer)
                if question:
                    texts = []
                    for oid in ids:
                        try:
                            texts.append(question.option(oid.split("=", 1)[0]).text)
                        except (KeyError, StopIteration, ValueError):
                            texts.append(oid)
                    wrong = " + ".join(texts)
                else:
                    wrong = ", ".join(ids)
            stats.append(QuestionStat(
                question_id=s.question_id, module=question.module if question else "",
                topic=question.topic if question else "",
                stem=" ".join(question.stem.split()) if question else "(question no longer loaded)",
                answered=s.answered, facility=s.points / s.answered if s.answered else 0.0,
                discrimination=discrimination(s), top_wrong=wrong,
                top_wrong_count=s.top_wrong_count))
        stats.sort(key=lambda q: (q.facility, q.question_id))
        return stats

    def training_needs(self, team: str | None = None, role: str | None = None) -> list[TopicNeed]:
        """Topics ranked weakest first for the team chosen (every team if None)."""
        questions = self._questions()
        totals: dict[str, list] = {}
        if team is None and role is None:  # everyone: the summary table answers at once
            tallies = [QuestionTally(s.question_id, s.answered, s.points, 0)
                       for s in self.store.question_summaries()]
        else:
            tallies = self.store.question_tallies(team=team, role=role)
        for tally in tallies:
            question = questions.get(tally.question_id)
            if question is None:
                continue
            entry = totals.setdefault(question.topic, [0, 0.0, 0, set()])
            entry[0] += tally.answered
            entry[1] += tally.points
            entry[2] = max(entry[2], tally.learners)
            entry[3].add(question.module)
        needs = [TopicNeed(topic, tuple(sorted(mods)), n, learners, points / n)
                 for topic, (n, points, learners, mods) in totals.items() if n]
        needs.sort(key=lambda t: (t.facility, t.topic))
        return needs

    def completions_over_time(self, team: str | None = None) -> list[tuple[str, int]]:
        """(YYYY-MM, cumulative modules passed by then)."""
        running = 0
        out = []
        for month, count in self.store.completions_by_month(team=team):
            running += count
            out.append((month, running))
        return out

    def scores_by_topic(self) -> list[tuple[str, float]]:
        """Mean mark per topic over all attempts, from the question summaries."""
        questions = self._questions()
        totals: dict[str, list[float]] = {}
        for s in self.store.question_summaries():
            question = questions.get(s.question_id)
            if question is None:
                continue
            entry = totals.setdefault(question.topic, [0.0, 0])
            entry[0] += s.points
            entry[1] += s.answered
        return sorted(((t, p / n) for t, (p, n) in totals.items() if n), key=lambda x: x[1])
