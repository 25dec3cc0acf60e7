"""Spaced practice by a Leitner scheme: each question in the queue sits in a box; each box has an
interval. This is the documented rule the app shows to learners:

- A question answered wrongly, or answered with "Unsure", in a knowledge check joins the queue in
  box 1 and is due at once.
- In practice, a right answer given as "Fairly sure" or "Sure" (or with no rating) moves it up one
  box and it comes back after that box's interval: box 2 after 3 days, box 3 after 7, box 4 after
  21. A right answer in box 4 takes it out of the queue: you know it.
- A right answer given as "Unsure" keeps it in its box; it comes back after that box's interval.
- A wrong answer sends it back to box 1, due again tomorrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

INTERVAL_DAYS = {1: 1, 2: 3, 3: 7, 4: 21}
LAST_BOX = max(INTERVAL_DAYS)

RULE_TEXT = (
    "Questions you got wrong, or were unsure of, come back here. Get one right and it comes back "
    "later: after 3 days, then 7, then 21. Get it right after that and it leaves the queue. Get it "
    "wrong and it starts again tomorrow. Right but unsure: it comes back after the same wait."
)


@dataclass(frozen=True)
class Card:
    """A question's place in the practice queue."""

    box: int
    due: datetime
    retired: bool = False


def enter(now: datetime) -> Card:
    """A question answered wrongly or unsurely in a knowledge check: box 1, due now."""
    return Card(1, now)


def after_practice(card: Card, correct: bool, confidence: str | None, now: datetime) -> Card:
    """Where a card goes after it is practised."""
    if not correct:
        return Card(1, now + timedelta(days=INTERVAL_DAYS[1]))
    if confidence == "unsure":
        return Card(card.box, now + timedelta(days=INTERVAL_DAYS[card.box]))
    if card.box >= LAST_BOX:
        return Card(LAST_BOX, now, retired=True)
    box = card.box + 1
    return Card(box, now + timedelta(days=INTERVAL_DAYS[box]))


def after_check(card: Card | None, correct: bool, confidence: str | None,
                now: datetime) -> Card | None:
    """A knowledge-check answer: wrong or unsure (re)joins the queue at box 1; others leave the
    queue untouched."""
    if correct and confidence != "unsure":
        return card
    return enter(now)


def is_due(card: Card, now: datetime) -> bool:
    return not card.retired and card.due <= now
