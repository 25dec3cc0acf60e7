"""Backups as the app and the CLI use them: now, every 30 minutes of use when something changed,
before a restore or an import; thinning; restoring; checking."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from trainer import paths
from trainer.services.errors import UserError
from trainer.store import Store
from trainer.store.backup import (
    BackupError,
    BackupInfo,
    list_backups,
    make_backup,
    restore_file,
    restore_into,
    thin_backups,
)
from trainer.store.migrations import SCHEMA_VERSION

AUTO_INTERVAL_SECONDS = 30 * 60


class BackupService:
    def __init__(self, store: Store, folder: Path | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.store = store
        self.folder = folder or (paths.backups_dir(store.path) if store.path else None)
        self.clock = clock
        self._changes_at_backup = self._changes()
        newest = self.list()[:1]
        # Time since the newest backup counts as use, so a short session still gets one.
        age = (datetime.now(UTC) - newest[0].taken_at).total_seconds() if newest else float("inf")
        self._last_auto = clock() - max(0.0, min(age, 1e9))

    def _changes(self) -> int:
        return self.store.db.conn.total_changes

    def _need_folder(self) -> Path:
        if self.folder is None:
            raise UserError("This database is held in memory only; it has no backups.")
        return self.folder

    def list(self) -> list[BackupInfo]:
        return list_backups(self.folder) if self.folder else []

    def backup_now(self, reason: str = "manual", now: datetime | None = None) -> Path:
        try:
            path = make_backup(self.store.db.conn, self._need_folder(), reason, now)
            thin_backups(self._need_folder(), now)
        except BackupError as exc:
            raise UserError(str(exc)) from exc
        self._changes_at_backup = self._changes()
        self._last_auto = self.clock()
        return path

    def changed_since_backup(self) -> bool:
        return self._changes() != self._changes_at_backup

    def maybe_backup(self) -> Path | None:
        """Called now and then while the app is in use: at most one backup every 30 minutes,
        and only if something changed since the last one."""
        if self.folder is None or not self.changed_since_backup():
            return None
        if self.clock() - self._last_auto < AUTO_INTERVAL_SECONDS:
            return None
        return self.backup_now("auto")

    def restore(self, backup: Path) -> Path:
        """Put ``backup`` in place of the open database; the current state is backed up first.
        Returns the path of that safety backup."""
        backup = Path(backup)
        if not backup.is_file():
            raise UserError(f"There is no backup file {backup}. `trainer db backups` lists them.")
        safety = self.backup_now("before-restore")
        try:
            restore_into(self.store.db.conn, backup, SCHEMA_VERSION)
            self.store.migrate()
        except BackupError as exc:
            raise UserError(str(exc)) from exc
        self._changes_at_backup = self._changes()
        return safety


def restore_damaged(db_path: Path, backup: Path) -> Path | None:
    """Restore over a database that cannot be opened; the damaged file is set aside first.
    Returns where the damaged file went."""
    try:
        return restore_file(Path(db_path), Path(backup), SCHEMA_VERSION)
    except BackupError as exc:
        raise UserError(str(exc)) from exc


def backups_for(db_path: Path) -> list[BackupInfo]:
    return list_backups(paths.backups_dir(Path(db_path)))
