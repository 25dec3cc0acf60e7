"""Opening the database safely: checks, pragmas and migrations, with messages people can act on."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from trainer.store.admin import AdminRecords
from trainer.store.attempts import AttemptRecords
from trainer.store.certificates import CertificateRecords
from trainer.store.connection import Database
from trainer.store.cpd import CpdRecords
from trainer.store.learners import LearnerRecords
from trainer.store.migrations import MIGRATIONS, SCHEMA_VERSION
from trainer.store.practice import PracticeRecords
from trainer.store.reporting import ReportingRecords
from trainer.store.sessions import SessionRecords

SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """A problem with the database that the person using the app can understand and act on."""


class DatabaseNewerError(StoreError):
    pass


class DatabaseCorruptError(StoreError):
    pass


class DatabaseBusyError(StoreError):
    pass


class StoreWriteError(StoreError):
    """A write that did not happen (disk full, read-only, locked): nothing was saved."""


BUSY_SECONDS = 3.0  # a locked database gets its clear message well within five seconds


def write_error_message(exc: sqlite3.Error, path: Path | None) -> str:
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "full" in text:
        why = ("the disk is full. Free some space, then try again")
    elif "readonly" in text or "read-only" in text or "permission" in text:
        why = ("the database or its folder is read-only. Make it writable, or choose another "
               "place with --db PATH")
    elif "locked" in text or "busy" in text:
        why = ("another program is using the database. Close it, then try again")
    elif "disk i/o" in text or "i/o" in text:
        why = ("the disk reported an error. Check the disk or the network connection")
    else:
        why = f"the database reported: {exc}"
    return f"This was not saved{where}: {why}."


class Store(LearnerRecords, AttemptRecords, CertificateRecords, PracticeRecords,
            SessionRecords, CpdRecords, ReportingRecords, AdminRecords):
    """The training records. One instance per open database file."""

    def __init__(self, db: Database, path: Path | None):
        self.db = db
        self.path = path

    @contextlib.contextmanager
    def writing(self):
        """One transaction; a failed write becomes a StoreWriteError that says what to do."""
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.IntegrityError:
            raise
        except sqlite3.OperationalError as exc:
            raise StoreWriteError(write_error_message(exc, self.path)) from exc

    @classmethod
    def open(cls, path: Path | str, backup_dir: Path | None = None) -> Store:
        """Open (or create) the database. Before a migration a backup is written to
        ``backup_dir`` (default: the backups folder next to the database)."""
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path} is a folder; give the path of a database file, such as "
                             f"{path / 'trainer.db'}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the folder {path.parent} ({exc.strerror}). Choose "
                             "another place with --db PATH or the TRAINER_DB variable.") from exc
        if path.exists() and path.stat().st_size > 0:
            with path.open("rb") as handle:
                if handle.read(16) != SQLITE_HEADER:
                    raise DatabaseCorruptError(
                        f"{path} is not a training database (it is not an SQLite file). Check the "
                        "path, or choose another file with --db PATH.")
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS)
            db = Database(conn, execute_plugins=False)
            store = cls(db, path)
            store._configure()
            store._check()
            store._backup_before_migration(backup_dir)
            store.migrate()
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if "locked" in text or "busy" in text:
                raise DatabaseBusyError(
                    f"The database {path} is in use by another program (perhaps another copy of "
                    "this app). Close it and try again.") from exc
            if "readonly" in text or "read-only" in text or "unable to open" in text:
                raise StoreError(f"Cannot write to {path} ({exc}). Check that the folder is "
                                 "writable, or choose another place with --db PATH.") from exc
            raise StoreError(f"Cannot open the database {path}: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise DatabaseCorruptError(
                f"The database {path} is damaged ({exc}). It has not been changed.") from exc
        return store

    @classmethod
    def memory(cls) -> Store:
        store = cls(Database(memory=True, execute_plugins=False), None)
        store.db.execute("PRAGMA foreign_keys=ON")
        store.migrate()
        return store

    def _configure(self) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_SECONDS * 1000)}")
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise DatabaseBusyError(f"Could not switch {self.path} to WAL mode (got {mode}).")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")

    def _check(self) -> None:
        result = self.db.conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            first = " ".join(str(result).splitlines()[0].split())[:200]
            raise DatabaseCorruptError(
                f"The database {self.path} is damaged: it failed its integrity check ({first}). It "
                "has not been changed; restore a backup (`trainer db restore`) or start afresh.")
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise DatabaseNewerError(
                f"The database {self.path} was written by a newer version of this app (schema "
                f"{version}; this app knows up to {SCHEMA_VERSION}). Install the newer version to "
                "open it.")

    def _backup_before_migration(self, backup_dir: Path | None) -> None:
        version = self.schema_version
        if 0 < version < SCHEMA_VERSION:
            from trainer import paths
            from trainer.store.backup import BackupError, make_backup

            try:
                make_backup(self.db.conn, backup_dir or paths.backups_dir(self.path),
                            f"before-upgrade-from-v{version}")
            except BackupError as exc:
                raise StoreError(f"The database {self.path} needs an upgrade, but no backup "
                                 f"could be made first, so it was not changed: {exc}") from exc

    @property
    def schema_version(self) -> int:
        return self.db.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        version = self.schema_version
        for number, step in enumerate(MIGRATIONS, start=1):
            if version < number:
                with self.db.atomic():
                    step(self.db)
                    self.db.execute(f"PRAGMA user_version={number}")

    def integrity_check(self) -> str:
        return self.db.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    # -- settings ---------------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.writing():
            self.db.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO "
                            "UPDATE SET value = excluded.value", (key, value))
