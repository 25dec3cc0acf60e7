"""Drawing questions and shuffling options from a stored seed, so any attempt can be replayed."""

from __future__ import annotations

import random
from collections.abc import Sequence

from trainer.quiz.model import Option, Question


def draw_questions(pool: Sequence[str], count: int, seed: int) -> list[str]:
    """``count`` question ids from ``pool`` (all when ``count`` is 0), in an order set by ``seed``."""
    ids = sorted(pool)
    rng = random.Random(seed)  # noqa: S311 - reproducible order, not a secret
    n = len(ids) if count <= 0 else min(count, len(ids))
    return rng.sample(ids, n)


def option_order(question: Question, seed: int, shuffle: bool) -> list[Option]:
    """The options in the order this attempt shows them (true/false never shuffles)."""
    options = list(question.options)
    if not shuffle or question.type.value == "truefalse":
        return options
    rng = random.Random(f"{seed}:{question.id}")  # noqa: S311 - reproducible order
    rng.shuffle(options)
    return options
