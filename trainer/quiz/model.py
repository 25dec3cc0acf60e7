"""The questions a learner answers, as the engine sees them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUEFALSE = "truefalse"
    ORDERING = "ordering"
    MATCHING = "matching"


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str
    match: str = ""  # matching questions: the right-hand text this item belongs with


@dataclass(frozen=True)
class Question:
    id: str
    module: str
    topic: str
    type: QuestionType
    stem: str
    options: tuple[Option, ...]
    answer: tuple[str, ...]
    explanation: str
    cites: tuple[str, ...]
    difficulty: int = 2
    guidance: tuple[str, ...] = ()
    vignette: str | None = None
    distractors: tuple[str, ...] = ()

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


@dataclass(frozen=True)
class QuizRules:
    """How an attempt at a quiz is put together and judged; set in the content, per quiz."""

    id: str
    title: str
    module: str
    modules: tuple[str, ...]
    draw: int = 0
    pass_mark: int = 80
    shuffle_options: bool = True
    feedback: str = "immediate"  # or "end"
    max_attempts: int = 0
    time_limit_minutes: int = 0
    cpd_minutes: int = 30


@dataclass
class AttemptState:
    """Where a learner is in an attempt: which questions, in which order, what they answered."""

    question_ids: list[str]
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    points: dict[str, float] = field(default_factory=dict)

    @property
    def current_index(self) -> int:
        """The first question not yet answered (or the end)."""
        for index, qid in enumerate(self.question_ids):
            if qid not in self.answers:
                return index
        return len(self.question_ids)

    @property
    def finished(self) -> bool:
        return self.current_index >= len(self.question_ids)

    def record(self, question_id: str, answer: tuple[str, ...], points: float) -> None:
        if question_id not in self.question_ids:
            raise KeyError(f"{question_id} is not part of this attempt")
        if question_id in self.answers:
            raise ValueError(f"{question_id} has already been answered")
        self.answers[question_id] = answer
        self.points[question_id] = points

    @property
    def score(self) -> float:
        return sum(self.points.values())

    @property
    def max_score(self) -> int:
        return len(self.question_ids)
