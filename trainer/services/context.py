"""Opening everything the app or a command needs: the database and the content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.content.library import Library, load_library
from trainer.services.casestudy import CaseStudyService
from trainer.services.certification import CertificateService
from trainer.services.facilitator import FacilitatorLock
from trainer.services.learners import LearnerService
from trainer.services.practice import PracticeService
from trainer.services.sessions import SessionService
from trainer.services.settings import SettingsService
from trainer.services.study import StudyService
from trainer.store import Store


@dataclass
class Services:
    store: Store
    library: Library
    learners: LearnerService
    study: StudyService
    certificates: CertificateService
    cases: CaseStudyService | None = None
    practice: PracticeService | None = None
    sessions: SessionService | None = None
    facilitator: FacilitatorLock | None = None

    def __post_init__(self) -> None:
        self.cases = self.cases or CaseStudyService(self.store, self.library)
        self.practice = self.practice or PracticeService(self.store, self.library)
        self.sessions = self.sessions or SessionService(self.store, self.library, self.learners)
        self.facilitator = self.facilitator or FacilitatorLock(self.store)

    @classmethod
    def build(cls, store: Store, library: Library) -> Services:
        return cls(store, library, LearnerService(store), StudyService(store, library),
                   CertificateService(store, library))

    @classmethod
    def open(cls, db_path: Path, extra_content: list[Path] | None = None) -> Services:
        store = Store.open(db_path)
        # Packs named on the command line first, then those added in Settings.
        folders = list(extra_content or [])
        folders += [f for f in SettingsService(store).content_folders if f not in folders]
        return cls.build(store, load_library(folders))

    @property
    def settings(self) -> SettingsService:
        return SettingsService(self.store)

    def close(self) -> None:
        self.store.close()
