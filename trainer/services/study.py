"""Studying a module: starting or resuming a knowledge check, answering, finishing.

The promise: an answer is committed to the database before its feedback is returned, so nothing a
learner has answered is ever only in memory.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from trainer.content.library import Library
from trainer.content.pack import ContentPack
from trainer.quiz import scoring
from trainer.quiz.draw import draw_questions, option_order
from trainer.quiz.model import AttemptState, Option, Question, QuizRules
from trainer.services.errors import UserError
from trainer.store import Store
from trainer.store.records import Attempt, Response


@dataclass
class AttemptView:
    """An attempt as the learner meets it: the rules, the questions in order, what is answered."""

    attempt: Attempt
    pack: ContentPack
    rules: QuizRules
    questions: list[Question]
    state: AttemptState

    @property
    def current(self) -> Question | None:
        index = self.state.current_index
        return self.questions[index] if index < len(self.questions) else None

    def options(self, question: Question) -> list[Option]:
        return option_order(question, self.attempt.seed, self.rules.shuffle_options)


@dataclass(frozen=True)
class Feedback:
    question: Question
    answer: tuple[str, ...]
    points: float
    correct: bool
    saved: Response


@dataclass(frozen=True)
class Calibration:
    sure_wrong: int
    unsure_right: int
    by_topic_sure_wrong: dict[str, int]
    by_level: dict[str, tuple[int, int]] = field(default_factory=dict)  # level: (right, answered)


@dataclass(frozen=True)
class ReviewItem:
    """One question of a finished attempt as the review shows it."""

    number: int
    question: Question
    options: list[Option]
    answer: tuple[str, ...]
    points: float
    correct: bool
    confidence: str | None


@dataclass(frozen=True)
class Result:
    attempt: Attempt
    rules: QuizRules
    score: float
    max_score: int
    percent: int
    passed: bool
    calibration: Calibration
    by_topic: dict[str, tuple[float, int]]


class StudyService:
    def __init__(self, store: Store, library: Library):
        self.store = store
        self.library = library

    def _pack(self, pack_id: str) -> ContentPack:
        pack = self.library.pack(pack_id)
        if pack is None:
            raise UserError(f"The content pack '{pack_id}' is not loaded.")
        return pack

    def start_or_resume(self, learner_id: int, pack_id: str, quiz_id: str) -> AttemptView:
        pack = self._pack(pack_id)
        rules = pack.quizzes.get(quiz_id)
        if rules is None:
            raise UserError(f"The quiz '{quiz_id}' is not in the pack '{pack_id}'.")
        for attempt in self.store.unfinished_attempts(learner_id):
            if attempt.quiz_id == quiz_id and attempt.pack_id == pack_id:
                view = self._view(attempt)
                if view is not None:
                    return view
        finished = [a for a in self.store.attempts_for(learner_id, quiz_id) if a.finished_at]
        if rules.max_attempts and len(finished) >= rules.max_attempts:
            raise UserError(f"You have used all {rules.max_attempts} attempts at this quiz.")
        pool = pack.pool(rules)
        seed = secrets.randbits(31)
        sets = {q.id: q.vignette for q in pool if q.vignette}
        chosen = draw_questions([q.id for q in pool], rules.draw, seed, sets)
        attempt = self.store.create_attempt(
            learner_id=learner_id, pack_id=pack.id, pack_version=pack.version, quiz_id=rules.id,
            module_id=rules.module, seed=seed, question_ids=chosen, pass_mark=rules.pass_mark)
        return self._view(attempt)

    def view(self, attempt_id: int) -> AttemptView:
        attempt = self.store.attempt(attempt_id)
        view = self._view(attempt) if attempt else None
        if view is None:
            raise UserError(f"Attempt {attempt_id} cannot be shown with the content now loaded.")
        return view

    def _view(self, attempt: Attempt) -> AttemptView | None:
        pack = self.library.pack(attempt.pack_id)
        if pack is None or attempt.quiz_id not in pack.quizzes:
            return None
        try:
            questions = [pack.questions[qid] for qid in attempt.question_ids]
        except KeyError:
            return None  # written against wording that is no longer loaded
        state = AttemptState(list(attempt.question_ids))
        for response in self.store.responses(attempt.id):
            state.record(response.question_id, response.answer, response.points)
        return AttemptView(attempt, pack, pack.quizzes[attempt.quiz_id], questions, state)

    def answer(self, view: AttemptView, question_id: str, answer: tuple[str, ...],
               confidence: str | None = None, seconds: float | None = None) -> Feedback:
        if view.attempt.finished_at:
            raise UserError("This attempt is finished; start a new one to answer again.")
        if question_id in view.state.answers:
            raise UserError("This question has already been answered.")
        question = next(q for q in view.questions if q.id == question_id)
        if not answer:
            raise UserError("Choose an answer first.")
        points = scoring.score(question, answer)
        correct = scoring.is_correct(question, answer)
        saved = self.store.record_response(
            attempt_id=view.attempt.id, question_id=question_id,
            position=view.questions.index(question), answer=answer, points=points,
            correct=correct, confidence=confidence, seconds=seconds)
        view.state.record(question_id, tuple(answer), points)
        from trainer.services.practice import note_check_answer

        note_check_answer(self.store, view.attempt.learner_id, view.attempt.pack_id, question_id,
                          correct, confidence)
        return Feedback(question, tuple(answer), points, correct, saved)

    def review(self, attempt_id: int) -> list[ReviewItem]:
        """Every question of an attempt, with the learner's answer, for the review after it."""
        view = self.view(attempt_id)
        responses = {r.question_id: r for r in self.store.responses(attempt_id)}
        items = []
        for number, question in enumerate(view.questions, start=1):
            response = responses.get(question.id)
            items.append(ReviewItem(
                number, question, view.options(question), response.answer if response else (),
                response.points if response else 0.0, bool(response and response.correct),
                response.confidence if response else None))
        return items

    def finish(self, view: AttemptView) -> Result:
        if not view.state.finished:
            raise UserError("Answer every question before finishing.")
        if view.attempt.finished_at is None:
            state = view.state
            did_pass = scoring.passed(state.score, state.max_score, view.rules.pass_mark)
            view.attempt = self.store.finish_attempt(view.attempt.id, state.score,
                                                     state.max_score, did_pass)
        return self.result(view.attempt.id)

    def result(self, attempt_id: int) -> Result:
        view = self.view(attempt_id)
        attempt = view.attempt
        responses = {r.question_id: r for r in self.store.responses(attempt_id)}
        by_topic: dict[str, tuple[float, int]] = {}
        sure_wrong = unsure_right = 0
        topic_sure_wrong: dict[str, int] = {}
        by_level: dict[str, tuple[int, int]] = {}
        for question in view.questions:
            response = responses.get(question.id)
            if response and response.confidence:
                right, answered = by_level.get(response.confidence, (0, 0))
                by_level[response.confidence] = (right + int(response.correct), answered + 1)
            got, out_of = by_topic.get(question.topic, (0.0, 0))
            by_topic[question.topic] = (got + (response.points if response else 0.0), out_of + 1)
            if response and response.confidence == "sure" and not response.correct:
                sure_wrong += 1
                topic_sure_wrong[question.topic] = topic_sure_wrong.get(question.topic, 0) + 1
            if response and response.confidence == "unsure" and response.correct:
                unsure_right += 1
        score = attempt.score if attempt.score is not None else view.state.score
        max_score = attempt.max_score or view.state.max_score
        return Result(
            attempt=attempt, rules=view.rules, score=score, max_score=max_score,
            percent=scoring.percent(score, max_score),
            passed=bool(attempt.passed), calibration=Calibration(sure_wrong, unsure_right,
                                                                 topic_sure_wrong, by_level),
            by_topic=by_topic)


@dataclass(frozen=True)
class ModuleStatus:
    module_id: str
    state: str  # "not started" | "in progress" | "passed" | "not yet passed"
    best_percent: int | None
    unfinished_attempt: int | None

    @property
    def text(self) -> str:
        if self.state == "passed":
            return f"Passed · best {self.best_percent}%"
        if self.state == "not yet passed":
            return f"Not yet passed · best {self.best_percent}%"
        if self.state == "in progress":
            return "Knowledge check in progress"
        return "Not started"


def module_statuses(store: Store, learner_id: int, pack: ContentPack) -> dict[str, ModuleStatus]:
    best = store.best_attempts(learner_id)
    unfinished = {a.module_id: a.id for a in store.unfinished_attempts(learner_id)
                  if a.pack_id == pack.id}
    statuses = {}
    for module in pack.ordered_modules():
        attempt = best.get(module.id)
        percent = scoring.percent(attempt.score, attempt.max_score) if attempt else None
        passed_any = any(a.passed for a in store.attempts_for(learner_id)
                         if a.module_id == module.id and a.pack_id == pack.id)
        if module.id in unfinished:
            state = "in progress"
        elif passed_any:
            state = "passed"
        elif attempt:
            state = "not yet passed"
        else:
            state = "not started"
        statuses[module.id] = ModuleStatus(module.id, state, percent, unfinished.get(module.id))
    return statuses
