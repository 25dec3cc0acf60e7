"""Opening everything the app or a command needs: the database and the content."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trainer.content.library import Library, load_library
from trainer.services.certification import CertificateService
from trainer.services.facilitator import FacilitatorLock
from trainer.services.learners import LearnerService
from trainer.services.sessions import SessionService
from trainer.services.study import StudyService
from trainer.store import Store


@dataclass
class Services:
    store: Store
    library: Library
    learners: LearnerService
    study: StudyService
    certificates: CertificateService
    sessions: SessionService = field(default=None)  # type: ignore[assignment]
    facilitator: FacilitatorLock = field(default=None)  # type: ignore[assignment]

    @classmethod
    def build(cls, store: Store, library: Library) -> Services:
        learners = LearnerService(store)
        return cls(store, library, learners, StudyService(store, library),
                   CertificateService(store, library),
                   sessions=SessionService(store, library, learners),
                   facilitator=FacilitatorLock(store))

    @classmethod
    def open(cls, db_path: Path, extra_content: list[Path] | None = None) -> Services:
        store = Store.open(db_path)
        return cls.build(store, load_library(extra_content))

    def close(self) -> None:
        self.store.close()
