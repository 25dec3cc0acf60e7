"""Spaced practice: the questions a learner got wrong or was unsure of come back on a schedule
(the Leitner scheme in trainer/quiz/schedule.py). A practice session looks like a knowledge check
to the quiz page, but it is never scored for a certificate."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from trainer.content.library import Library
from trainer.quiz import schedule, scoring
from trainer.quiz.model import AttemptState, QuizRules
from trainer.services.errors import UserError
from trainer.services.study import AttemptView, Feedback
from trainer.store import Store
from trainer.store.practice import PracticeSession, QueueEntry

SESSION_SIZE = 10
PRACTICE_RULES = QuizRules(id="practice", title="Practice", module="", modules=(),
                           shuffle_options=True, feedback="immediate")


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass
class PracticeView(AttemptView):
    """A practice session, which the quiz page reads as it reads an attempt: the session has the
    attempt's id, seed and questions, so the question in hand and the options' order come the
    same way."""

    attempt: PracticeSession
    kind: str = "practice"


@dataclass(frozen=True)
class PracticeSummary:
    session_id: int
    answered: int
    right: int
    still_due: int


def note_check_answer(store: Store, learner_id: int, pack_id: str, question_id: str,
                      correct: bool, confidence: str | None) -> None:
    """After a knowledge-check answer: wrong or unsure answers join the practice queue."""
    entry = store.queue_entry(learner_id, pack_id, question_id)
    card = (schedule.Card(entry.box, datetime.fromisoformat(entry.due_at), entry.retired)
            if entry else None)
    after = schedule.after_check(card, correct, confidence, _now())
    if after is not None and after is not card:
        store.put_queue_entry(learner_id, pack_id, question_id, after.box, _iso(after.due),
                              after.retired)


class PracticeService:
    def __init__(self, store: Store, library: Library):
        self.store = store
        self.library = library

    def _queue(self, learner_id: int, pack_id: str) -> list[QueueEntry]:
        """The queue, less questions the content no longer has (they can never come back), so
        that what is due, what is queued and when the next is due all agree."""
        pack = self.library.pack(pack_id)
        if pack is None:
            return []
        return [e for e in self.store.queue(learner_id, pack_id) if e.question_id in pack.questions]

    def due(self, learner_id: int, pack_id: str, now: datetime | None = None) -> list[str]:
        moment = now or _now()
        return [e.question_id for e in self._queue(learner_id, pack_id)
                if datetime.fromisoformat(e.due_at) <= moment]

    def due_count(self, learner_id: int, pack_id: str) -> int:
        return len(self.due(learner_id, pack_id))

    def queued_count(self, learner_id: int, pack_id: str) -> int:
        return len(self._queue(learner_id, pack_id))

    def next_due(self, learner_id: int, pack_id: str) -> datetime | None:
        entries = self._queue(learner_id, pack_id)
        return min((datetime.fromisoformat(e.due_at) for e in entries), default=None)

    def unfinished(self, learner_id: int, pack_id: str) -> PracticeView | None:
        session = self.store.unfinished_practice(learner_id, pack_id)
        return self._view(session) if session else None

    def start_or_resume(self, learner_id: int, pack_id: str) -> PracticeView:
        current = self.unfinished(learner_id, pack_id)
        if current is not None and not current.state.finished:
            return current
        if current is not None:
            self.store.finish_practice_session(current.attempt.id)
        due = self.due(learner_id, pack_id)[:SESSION_SIZE]
        if not due:
            raise UserError("Nothing is due for practice now. Questions you get wrong, or are "
                            "unsure of, in a knowledge check come back here.")
        session = self.store.create_practice_session(learner_id, pack_id, secrets.randbits(31),
                                                     due)
        return self._view(session)

    def _view(self, session: PracticeSession) -> PracticeView | None:
        pack = self.library.pack(session.pack_id)
        if pack is None:
            return None
        questions = [pack.questions[q] for q in session.question_ids if q in pack.questions]
        state = AttemptState([q.id for q in questions])
        for response in self.store.practice_responses(session.id):
            if response.question_id in state.question_ids:
                state.record(response.question_id, response.answer, response.points)
        return PracticeView(session, pack, PRACTICE_RULES, questions, state)

    def answer(self, view: PracticeView, question_id: str, answer: tuple[str, ...],
               confidence: str | None = None, seconds: float | None = None) -> Feedback:
        if question_id in view.state.answers:
            raise UserError("This question has already been answered.")
        if not answer:
            raise UserError("Choose an answer first.")
        question = next(q for q in view.questions if q.id == question_id)
        points = scoring.score(question, answer)
        correct = scoring.is_correct(question, answer)
        session = view.attempt
        entry = self.store.queue_entry(session.learner_id, session.pack_id, question_id)
        card = (schedule.Card(entry.box, datetime.fromisoformat(entry.due_at), entry.retired)
                if entry else schedule.enter(_now()))
        after = schedule.after_practice(card, correct, confidence, _now())
        saved = self.store.record_practice_response(
            session_id=session.id, question_id=question_id,
            position=view.questions.index(question), answer=answer, points=points,
            correct=correct, confidence=confidence, learner_id=session.learner_id,
            pack_id=session.pack_id, box=after.box, due_at=_iso(after.due), retired=after.retired)
        view.state.record(question_id, tuple(answer), points)
        return Feedback(question, tuple(answer), points, correct, saved)

    def finish(self, view: PracticeView) -> PracticeSummary:
        self.store.finish_practice_session(view.attempt.id)
        responses = self.store.practice_responses(view.attempt.id)
        session = view.attempt
        return PracticeSummary(session.id, len(responses), sum(1 for r in responses if r.correct),
                               self.due_count(session.learner_id, session.pack_id))
