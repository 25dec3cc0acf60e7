"""What the store hands out: plain dataclasses, never cursors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Learner:
    id: int
    name: str
    role: str
    team: str
    staff_id: str
    created_at: str
    archived_at: str | None = None


@dataclass(frozen=True)
class Attempt:
    id: int
    learner_id: int
    pack_id: str
    pack_version: str
    quiz_id: str
    module_id: str
    seed: int
    question_ids: tuple[str, ...]
    pass_mark: int
    mode: str
    started_at: str
    finished_at: str | None
    score: float | None
    max_score: int | None
    passed: bool | None

    @classmethod
    def from_row(cls, row: dict) -> Attempt:
        return cls(
            id=row["id"], learner_id=row["learner_id"], pack_id=row["pack_id"],
            pack_version=row["pack_version"], quiz_id=row["quiz_id"], module_id=row["module_id"],
            seed=row["seed"], question_ids=tuple(json.loads(row["question_ids"])),
            pass_mark=row["pass_mark"], mode=row["mode"], started_at=row["started_at"],
            finished_at=row["finished_at"], score=row["score"], max_score=row["max_score"],
            passed=None if row["passed"] is None else bool(row["passed"]),
        )


@dataclass(frozen=True)
class Response:
    attempt_id: int
    question_id: str
    position: int
    answer: tuple[str, ...]
    points: float
    correct: bool
    confidence: str | None
    answered_at: str

    @classmethod
    def from_row(cls, row: dict) -> Response:
        return cls(
            attempt_id=row["attempt_id"], question_id=row["question_id"], position=row["position"],
            answer=tuple(json.loads(row["answer"])), points=row["points"],
            correct=bool(row["correct"]), confidence=row["confidence"],
            answered_at=row["answered_at"],
        )


@dataclass(frozen=True)
class Certificate:
    id: str
    code: str
    learner_id: int | None
    learner_name: str
    kind: str  # "pass" or "attendance"
    title: str
    attempt_id: int | None
    score_text: str
    cpd_minutes: int
    pack_id: str
    pack_version: str
    issued_at: str
    revoked_at: str | None = None
    revoked_reason: str | None = None
