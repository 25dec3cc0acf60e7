"""Learner profiles: validated so that what is stored is what the person meant."""

from __future__ import annotations

import unicodedata

from trainer.services.errors import FieldError
from trainer.store import Store
from trainer.store.records import Learner

ROLES = (
    "Social worker",
    "Senior practitioner",
    "Personal adviser",
    "Independent reviewing officer",
    "Child protection chair",
    "Team manager",
    "Practice educator",
    "Student social worker",
    "Other",
)
LIMITS = {"name": 100, "role": 60, "team": 80}
LABELS = {"name": "Name", "role": "Role", "team": "Team"}


def clean_field(field: str, value: str) -> str:
    """The value to store, or a FieldError that names the field and says how to fix it."""
    label = LABELS[field]
    raw = unicodedata.normalize("NFC", value or "").strip()
    # One space between words: what is stored is what every screen and PDF shows.
    text = " ".join(raw.split())
    if not text:
        hint = {"name": "Enter the learner's full name, for example Sam Taylor.",
                "role": "Choose a role, or type your own.",
                "team": "Enter a team name, for example Assessment Team 2."}[field]
        raise FieldError(field, f"{label} is empty. {hint}")
    if any(unicodedata.category(ch) == "Cc" for ch in raw):
        raise FieldError(field, f"{label} contains a line break or control character; type it on "
                                "one line.")
    limit = LIMITS[field]
    if len(text) > limit:
        raise FieldError(field, f"{label} is {len(text)} characters long; use at most {limit}.")
    hidden = next((ch for ch in text if unicodedata.category(ch) in ("Cf", "Co", "Cs", "Cn")), None)
    if hidden is not None:
        name = unicodedata.name(hidden, "unnamed character")
        raise FieldError(field, f"{label} contains an invisible or unknown character "
                                f"(U+{ord(hidden):04X} {name}); type it without that character.")
    if field == "name":
        from trainer.certificates.render import needs_shaping, unprintable

        joined = needs_shaping(text)
        if joined:
            raise FieldError(field, f"Name contains {' '.join(joined[:5])}: letters that join up "
                                    "(such as Arabic) cannot yet be printed correctly on a "
                                    "certificate; type the name in another script.")
        missing = unprintable(text)
        if missing:
            shown = " ".join(missing[:5])
            raise FieldError(field, f"Name contains {shown}, which cannot be printed on a "
                                    "certificate; leave out "
                                    f"{'that character' if len(missing) == 1 else 'those characters'}"
                                    ", or spell the name in letters the certificate can print.")
    return text


class LearnerService:
    def __init__(self, store: Store):
        self.store = store

    def add(self, name: str, role: str, team: str) -> Learner:
        return self.store.add_learner(clean_field("name", name), clean_field("role", role),
                                      clean_field("team", team))

    def all(self) -> list[Learner]:
        return self.store.learners()

    def get(self, learner_id: int) -> Learner | None:
        return self.store.learner(learner_id)
