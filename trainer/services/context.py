"""Opening everything the app or a command needs: the database and the content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.content.library import Library, load_library
from trainer.services.backups import BackupService
from trainer.services.certification import CertificateService
from trainer.services.learners import LearnerService
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

    @classmethod
    def build(cls, store: Store, library: Library) -> Services:
        services = cls(store, library, LearnerService(store), StudyService(store, library),
                       CertificateService(store, library))
        services.backups = BackupService(store)
        return services

    @classmethod
    def open(cls, db_path: Path, extra_content: list[Path] | None = None) -> Services:
        from trainer.services.content_import import installed_pack_folders

        store = Store.open(db_path)
        return cls.build(store, load_library([*installed_pack_folders(), *(extra_content or [])]))

    def close(self) -> None:
        self.store.close()
