"""An optional time limit that the learner stays in charge of: it can be extended or turned off.

No limit is the default. When one is set in the content and runs out, answering pauses until the
learner chooses to extend it or turn it off (WCAG 2.2.1, timing adjustable): nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

EXTENSION_MINUTES = 10


@dataclass
class TimeLimit:
    minutes: int = 0
    extra_minutes: int = 0
    off: bool = False

    @property
    def active(self) -> bool:
        return self.minutes > 0 and not self.off

    @property
    def total_seconds(self) -> int:
        return (self.minutes + self.extra_minutes) * 60

    def remaining(self, elapsed_seconds: float) -> int | None:
        """Whole seconds left (never below zero), or None when there is no limit."""
        if not self.active:
            return None
        return max(0, int(self.total_seconds - elapsed_seconds + 0.999))

    def expired(self, elapsed_seconds: float) -> bool:
        left = self.remaining(elapsed_seconds)
        return left is not None and left <= 0

    def extend(self, minutes: int = EXTENSION_MINUTES) -> None:
        self.extra_minutes += max(0, minutes)

    def turn_off(self) -> None:
        self.off = True


def clock(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes}:{secs:02d}"
