"""The database connection the store uses: the part of sqlite-utils' ``Database`` the app needs
(``conn``, ``execute``, ``executescript``, ``atomic``, ``close``), without importing sqlite-utils,
which takes a large share of the time the app has to start.

Anything else (``db["table"].insert(...)``, ``db.query``...) is handed to a real sqlite-utils
``Database`` on the same connection, created the first time it is needed.
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
from collections.abc import Generator, Sequence
from typing import Any

_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}


def _first_keyword(sql: str) -> str:
    words = sql.lstrip().split(None, 1)
    return words[0].upper().rstrip(";") if words else ""


class Database:
    """Same behaviour as ``sqlite_utils.Database`` for the methods below (sqlite-utils 4)."""

    def __init__(self, filename_or_conn: sqlite3.Connection | str | None = None, *,
                 memory: bool = False, execute_plugins: bool = False):
        if memory or filename_or_conn in (None, ":memory:"):
            self.conn = sqlite3.connect(":memory:")
        elif isinstance(filename_or_conn, sqlite3.Connection):
            self.conn = filename_or_conn
        else:
            self.conn = sqlite3.connect(str(filename_or_conn))
        self._full = None

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None
                ) -> sqlite3.Cursor:
        """Run one statement; a write outside a transaction is committed at once."""
        was_in_transaction = self.conn.in_transaction
        try:
            if parameters is not None:
                cursor = self.conn.execute(sql, parameters)
            else:
                cursor = self.conn.execute(sql)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and _first_keyword(sql) not in _CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.conn.executescript(sql)

    @contextlib.contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        """A transaction; nested blocks use savepoints."""
        if self.conn.in_transaction:
            savepoint = f"trainer_{secrets.token_hex(8)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        else:
            self.conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    # -- everything else: sqlite-utils itself --------------------------------------------------
    def _sqlite_utils(self):
        if self._full is None:
            from sqlite_utils import Database as Full

            self._full = Full(self.conn, execute_plugins=False)
        return self._full

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_full":
            raise AttributeError(name)
        return getattr(self._sqlite_utils(), name)

    def __getitem__(self, table: str):
        return self._sqlite_utils()[table]
