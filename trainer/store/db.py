"""Opening the database safely: checks, pragmas and migrations, with messages people can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from trainer.store.attempts import AttemptRecords
from trainer.store.certificates import CertificateRecords
from trainer.store.learners import LearnerRecords
from trainer.store.migrations import MIGRATIONS, SCHEMA_VERSION
from trainer.store.practice import PracticeRecords
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


class Store(LearnerRecords, AttemptRecords, CertificateRecords, PracticeRecords,
            SessionRecords):
    """The training records. One instance per open database file."""

    def __init__(self, db: Database, path: Path | None):
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: Path | str) -> Store:
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
            conn = sqlite3.connect(str(path), timeout=5.0)
            db = Database(conn, execute_plugins=False)
            store = cls(db, path)
            store._configure()
            store._check()
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
        conn.execute("PRAGMA busy_timeout=5000")
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise DatabaseBusyError(f"Could not switch {self.path} to WAL mode (got {mode}).")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")

    def _check(self) -> None:
        result = self.db.conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise DatabaseCorruptError(
                f"The database {self.path} failed its integrity check ({result}). It has not been "
                "changed.")
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise DatabaseNewerError(
                f"The database {self.path} was written by a newer version of this app (schema "
                f"{version}; this app knows up to {SCHEMA_VERSION}). Install the newer version to "
                "open it.")

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
        with self.db.atomic():
            self.db.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO "
                            "UPDATE SET value = excluded.value", (key, value))
