"""Opening everything the app or a command needs: the database and the content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.content.library import Library
from trainer.services.backups import BackupService
from trainer.services.casestudy import CaseStudyService
from trainer.services.certification import CertificateService
from trainer.services.cpd import ProgressService
from trainer.services.data_protection import DataProtectionService
from trainer.services.facilitator import FacilitatorLock
from trainer.services.insights import InsightService
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
    backups: BackupService | None = None
    cases: CaseStudyService | None = None
    practice: PracticeService | None = None
    progress: ProgressService | None = None
    insights: InsightService | None = None
    data_protection: DataProtectionService | None = None
    sessions: SessionService | None = None
    facilitator: FacilitatorLock | None = None

    def __post_init__(self) -> None:
        self.cases = self.cases or CaseStudyService(self.store, self.library)
        self.practice = self.practice or PracticeService(self.store, self.library)
        self.progress = self.progress or ProgressService(self.store, self.library)
        self.insights = self.insights or InsightService(self.store, self.library)
        self.data_protection = self.data_protection or DataProtectionService(self.store)
        self.sessions = self.sessions or SessionService(self.store, self.library, self.learners)
        self.facilitator = self.facilitator or FacilitatorLock(self.store)

    @classmethod
    def build(cls, store: Store, library: Library) -> Services:
        services = cls(store, library, LearnerService(store), StudyService(store, library),
                       CertificateService(store, library))
        services.backups = BackupService(store)
        return services

    @classmethod
    def open(cls, db_path: Path, extra_content: list[Path] | None = None) -> Services:
        from trainer.content.cache import load_library_cached
        from trainer.services.content_import import installed_pack_folders

        store = Store.open(db_path)
        # Packs named on the command line first, then those added in Settings, then imported ones.
        folders = list(extra_content or [])
        folders += [f for f in SettingsService(store).content_folders if f not in folders]
        folders += [f for f in installed_pack_folders() if f not in folders]
        return cls.build(store, load_library_cached(folders))

    @property
    def settings(self) -> SettingsService:
        return SettingsService(self.store)

    def close(self) -> None:
        self.store.close()
