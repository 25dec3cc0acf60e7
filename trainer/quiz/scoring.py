"""Marks for one answer. Every question is worth one mark; some types give partial credit."""

from __future__ import annotations

from collections.abc import Sequence

from trainer.quiz.model import Question, QuestionType

MULTIPLE_RESPONSE_RULE = (
    "Each right option you tick earns an equal share of the mark; each wrong option you tick takes "
    "the same share away. Your mark for a question never goes below zero."
)


def score(question: Question, answer: Sequence[str]) -> float:
    """The mark (0 to 1) for ``answer``, a sequence of option ids."""
    kind = question.type
    given = tuple(answer)
    if kind in (QuestionType.SINGLE, QuestionType.TRUEFALSE):
        return 1.0 if len(given) == 1 and given[0] in question.answer else 0.0
    if kind is QuestionType.MULTIPLE:
        right = set(question.answer)
        picked = set(given)
        share = 1.0 / len(right)
        raw = share * len(picked & right) - share * len(picked - right)
        return round(max(0.0, min(1.0, raw)), 6)
    if kind is QuestionType.ORDERING:
        # One mark shared across the positions: an item in its right place earns its share.
        expected = question.answer
        if len(given) != len(expected):
            return 0.0
        hits = sum(1 for a, b in zip(given, expected, strict=True) if a == b)
        return round(hits / len(expected), 6)
    if kind is QuestionType.MATCHING:
        # ``answer`` for matching is "item=match" pairs; a right pair earns its share.
        expected = {o.id: o.match for o in question.options}
        pairs = matching_pairs(given)
        hits = sum(1 for item, match in pairs.items() if expected.get(item) == match)
        return round(hits / len(expected), 6)
    raise ValueError(f"unknown question type {kind!r}")


def is_correct(question: Question, answer: Sequence[str]) -> bool:
    return score(question, answer) >= 0.999999


def percent(points: float, max_points: int) -> int:
    """Whole per cent, rounded down so that 79.9% never shows as a pass at 80%."""
    if max_points <= 0:
        return 0
    return int((points / max_points) * 100 + 1e-9)


def passed(points: float, max_points: int, pass_mark: int) -> bool:
    return max_points > 0 and points * 100 >= pass_mark * max_points - 1e-9


ORDERING_RULE = "Each step in its right place earns an equal share of the mark."
MATCHING_RULE = "Each item matched rightly earns an equal share of the mark."


def matching_pair(item_id: str, match: str) -> str:
    """How one matched pair is written in a matching answer."""
    return f"{item_id}={match}"


def matching_pairs(answer: Sequence[str]) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in answer if "=" in pair)


def right_answer(question: Question) -> tuple[str, ...]:
    """The answer that earns the full mark, written as the learner's answers are."""
    if question.type is QuestionType.MATCHING:
        return tuple(matching_pair(o.id, o.match) for o in question.options)
    return tuple(question.answer)
