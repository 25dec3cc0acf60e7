"""Drawing questions and shuffling options from a stored seed, so any attempt can be replayed."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from trainer.quiz.model import Option, Question, QuestionType


def draw_questions(pool: Sequence[str], count: int, seed: int,
                   sets: Mapping[str, str] | None = None) -> list[str]:
    """``count`` question ids from ``pool`` (all when ``count`` is 0), in an order set by ``seed``.

    ``sets`` maps a question id to its scenario set (its vignette): the questions of one set that
    were drawn are kept together, in the place of the first of them, so a case reads as one story.
    """
    ids = sorted(pool)
    rng = random.Random(seed)  # noqa: S311 - reproducible order, not a secret
    n = len(ids) if count <= 0 else min(count, len(ids))
    chosen = rng.sample(ids, n)
    if not sets:
        return chosen
    return group_sets(chosen, sets)


def group_sets(order: Sequence[str], sets: Mapping[str, str]) -> list[str]:
    """The same ids, with the members of each scenario set moved up behind the first of them."""
    placed: set[str] = set()
    result: list[str] = []
    for qid in order:
        if qid in placed:
            continue
        group = sets.get(qid)
        members = [qid] if group is None else [q for q in order if sets.get(q) == group]
        for member in members:
            placed.add(member)
            result.append(member)
    return result


def option_order(question: Question, seed: int, shuffle: bool) -> list[Option]:
    """The options in the order this attempt shows them.

    True/false never shuffles. Ordering questions always start shuffled (and never already in the
    right order), whatever the quiz says, or the answer would be on the screen.
    """
    options = list(question.options)
    if question.type is QuestionType.TRUEFALSE:
        return options
    if question.type is QuestionType.ORDERING:
        rng = random.Random(f"{seed}:{question.id}:order")  # noqa: S311 - reproducible order
        rng.shuffle(options)
        if len(options) > 1 and tuple(o.id for o in options) == tuple(question.answer):
            options = options[1:] + options[:1]
        return options
    if not shuffle:
        return options
    rng = random.Random(f"{seed}:{question.id}")  # noqa: S311 - reproducible order
    rng.shuffle(options)
    return options


def match_choices(question: Question, seed: int) -> list[str]:
    """The right-hand texts of a matching question (matches and distractors), in a seeded order."""
    texts = list(dict.fromkeys([o.match for o in question.options] + list(question.distractors)))
    rng = random.Random(f"{seed}:{question.id}:match")  # noqa: S311 - reproducible order
    rng.shuffle(texts)
    return texts
