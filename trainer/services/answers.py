"""Collecting answers in a group session, behind one interface.

The console, the audience view and the session report only ever ask a collector for the spread of
answers and listen for changes. How the answers arrive is the collector's business: a show of
hands counted by the facilitator, the facilitator ticking each attendee's answer, or (later)
attendees' own phones over the local network, which would be one more class here writing through
:class:`PerAttendee` with ``source="device"``. Every answer is committed before listeners hear.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from trainer.quiz import scoring
from trainer.quiz.model import Question, QuestionType
from trainer.services.errors import UserError
from trainer.store import Store

HANDS = "hands"
PER_ATTENDEE = "attendee"
MODES = {HANDS: "Show of hands", PER_ATTENDEE: "Each attendee"}

Listener = Callable[[str], None]  # called with the question id after a saved change


@dataclass(frozen=True)
class Spread:
    """How a room answered one question: a count per option, in the question's option order."""

    question_id: str
    counts: dict[str, int]
    answered: int  # people who answered (for a show of hands, the hands counted)
    correct: int | None  # people fully right, when it can be known

    @property
    def most(self) -> int:
        return max(self.counts.values(), default=0)


class AnswerCollector(Protocol):
    mode: str
    label: str

    def spread(self, question: Question) -> Spread: ...

    def subscribe(self, listener: Listener) -> None: ...


class _Base:
    mode = ""
    label = ""

    def __init__(self, store: Store, session_id: int):
        self.store = store
        self.session_id = session_id
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _changed(self, question_id: str) -> None:
        for listener in list(self._listeners):
            listener(question_id)


class ShowOfHands(_Base):
    """The facilitator counts hands for each option and types the number."""

    mode = HANDS
    label = MODES[HANDS]

    def set_count(self, question: Question, option_id: str, count: int) -> None:
        if option_id not in {o.id for o in question.options}:
            raise UserError(f"Option '{option_id}' is not part of this question.")
        if count < 0 or count > 999:
            raise UserError("A count of hands must be between 0 and 999.")
        self.store.set_tally(self.session_id, question.id, option_id, int(count))
        self._changed(question.id)

    def spread(self, question: Question) -> Spread:
        saved = self.store.tallies(self.session_id, question.id)
        counts = {o.id: int(saved.get(o.id, 0)) for o in question.options}
        answered = sum(counts.values())
        correct = None
        if question.type in (QuestionType.SINGLE, QuestionType.TRUEFALSE):
            correct = sum(counts[a] for a in question.answer if a in counts)
        return Spread(question.id, counts, answered, correct)


class PerAttendee(_Base):
    """Each attendee's own answer, recorded against their profile."""

    mode = PER_ATTENDEE
    label = MODES[PER_ATTENDEE]

    def __init__(self, store: Store, session_id: int, source: str = "console"):
        super().__init__(store, session_id)
        self.source = source

    def answer(self, question: Question, learner_id: int, option_ids: Sequence[str]) -> None:
        """Record (or, with no options, clear) one attendee's answer."""
        if learner_id not in {a.learner_id for a in self.store.attendees(self.session_id)}:
            raise UserError("Only people on this session's attendance list can answer.")
        valid = {o.id for o in question.options}
        chosen = tuple(o.id for o in question.options if o.id in set(option_ids))
        if set(option_ids) - valid:
            raise UserError("That answer is not one of this question's options.")
        if question.type is not QuestionType.MULTIPLE and len(chosen) > 1:
            raise UserError("This question has one answer; choose a single option.")
        correct = bool(chosen) and scoring.is_correct(question, chosen)
        self.store.set_session_response(self.session_id, question.id, learner_id, chosen,
                                        correct, self.source)
        self._changed(question.id)

    def answers(self, question: Question) -> dict[int, tuple[str, ...]]:
        return {r.learner_id: r.answer
                for r in self.store.session_responses(self.session_id, question.id)}

    def spread(self, question: Question) -> Spread:
        responses = self.store.session_responses(self.session_id, question.id)
        counts = {o.id: 0 for o in question.options}
        for response in responses:
            for option_id in response.answer:
                if option_id in counts:
                    counts[option_id] += 1
        return Spread(question.id, counts, len(responses), sum(r.correct for r in responses))


def collector_for(store: Store, session_id: int, mode: str) -> ShowOfHands | PerAttendee:
    if mode == PER_ATTENDEE:
        return PerAttendee(store, session_id)
    return ShowOfHands(store, session_id)
