"""Backups with SQLite's online backup API (never a file copy of a live database), thinning,
checking, restoring, and setting a damaged database aside.

A backup is a complete SQLite file in the backups folder next to the database, named
``trainer-YYYYMMDD-HHMMSS-REASON.db`` (UTC). It is written to a ``.part`` file, checked, then
renamed, so a half-written backup never looks like a good one.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
_NAME = re.compile(r"^trainer-(\d{8}-\d{6})(?:-([a-z0-9-]+))?\.db$")
KEEP_ALL_HOURS = 24  # every backup of the last day is kept
KEEP_DAILY = 7  # then the newest of each of the last 7 days
KEEP_WEEKLY = 5  # then the newest of each of the last 5 weeks
KEEP_MONTHLY = 12  # then the newest of each of the last 12 months


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # UTC
    reason: str
    size: int

    @property
    def label(self) -> str:
        return f"{self.taken_at.astimezone():%d %B %Y, %H:%M}"


def _now() -> datetime:
    return datetime.now(UTC)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in ``folder``, newest first."""
    found = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        found.append(BackupInfo(path, taken, match.group(2) or "", path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def make_backup(conn: sqlite3.Connection, folder: Path, reason: str = "auto",
                now: datetime | None = None) -> Path:
    """Copy the database behind ``conn`` into ``folder`` with the backup API; return the file."""
    moment = now or _now()
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "auto"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"trainer-{moment:%Y%m%d-%H%M%S}-{reason}.db"
        counter = 1
        while final.exists():
            counter += 1
            final = folder / f"trainer-{moment:%Y%m%d-%H%M%S}-{reason}-{counter}.db"
        part = final.with_name(final.name + ".part")
        part.unlink(missing_ok=True)
        target = sqlite3.connect(str(part))
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
            result = target.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            target.close()
        if result != "ok":
            part.unlink(missing_ok=True)
            raise BackupError(f"The backup failed its check ({result}); the database was not "
                              "changed. Run `trainer db check`.")
        with part.open("rb+") as handle:
            os.fsync(handle.fileno())
        part.replace(final)
        _fsync_dir(folder)
    except OSError as exc:
        raise BackupError(f"Cannot write a backup in {folder} ({exc.strerror or exc}). Free some "
                          "space or make the folder writable.") from exc
    except sqlite3.Error as exc:
        raise BackupError(f"Cannot make a backup in {folder} ({exc}).") from exc
    return final


def backups_to_keep(backups: list[BackupInfo], now: datetime | None = None) -> set[Path]:
    """Thinning: everything from the last day, then one a day, one a week and one a month."""
    moment = now or _now()
    keep: set[Path] = set()
    seen: dict[str, set] = {"day": set(), "week": set(), "month": set()}
    for backup in sorted(backups, key=lambda b: b.taken_at, reverse=True):
        age = moment - backup.taken_at
        if age <= timedelta(hours=KEEP_ALL_HOURS):
            keep.add(backup.path)
        day = backup.taken_at.date()
        week = tuple(backup.taken_at.isocalendar())[:2]
        month = (backup.taken_at.year, backup.taken_at.month)
        if age <= timedelta(days=KEEP_DAILY) and day not in seen["day"]:
            seen["day"].add(day)
            keep.add(backup.path)
        if age <= timedelta(weeks=KEEP_WEEKLY) and week not in seen["week"]:
            seen["week"].add(week)
            keep.add(backup.path)
        if age <= timedelta(days=31 * KEEP_MONTHLY) and month not in seen["month"]:
            seen["month"].add(month)
            keep.add(backup.path)
    if backups:
        keep.add(max(backups, key=lambda b: b.taken_at).path)  # never delete the newest
    return keep


def thin_backups(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete backups the thinning rule does not keep; return what was deleted."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
                removed.append(backup.path)
            except OSError:
                pass
    return removed


def check_file(path: Path) -> tuple[bool, str]:
    """Run ``PRAGMA integrity_check`` on a database file without changing it."""
    path = Path(path)
    if not path.is_file():
        return False, f"{path} does not exist."
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            return False, f"{path} is not an SQLite database."
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=3.0)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "malformed" not in str(exc) and "not a database" not in str(exc):
            return False, f"{path} cannot be checked now: {exc}. Close other programs using it."
        return False, f"{path} is damaged: {exc}. Restore a backup with `trainer db restore`."
    except sqlite3.DatabaseError as exc:
        return False, f"{path} is damaged: {exc}. Restore a backup with `trainer db restore`."
    if rows == ["ok"]:
        return True, f"ok: {path} passed the integrity check (schema version {version})."
    lines = [" ".join(line.split()) for row in rows for line in str(row).splitlines()]
    shown = "; ".join(lines[:5]) + ("; …" if len(lines) > 5 else "")
    return False, f"{path} is damaged: {shown}. Restore a backup with `trainer db restore`."


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal and -shm files) so it is kept but not used."""
    moment = now or _now()
    path = Path(path)
    aside = path.with_name(f"{path.stem}.damaged-{moment:%Y%m%d-%H%M%S}{path.suffix}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.stem}.damaged-{moment:%Y%m%d-%H%M%S}-{counter}{path.suffix}")
    try:
        path.replace(aside)
        for extra in ("-wal", "-shm", "-journal"):
            side = path.with_name(path.name + extra)
            if side.exists():
                side.replace(aside.with_name(aside.name + extra))
    except OSError as exc:
        raise BackupError(f"Cannot move the damaged database {path} aside ({exc.strerror}). "
                          "Check that the folder is writable.") from exc
    return aside


def open_backup(backup: Path, newest_schema: int) -> sqlite3.Connection:
    """A read-only connection to a backup that has passed its check, or BackupError."""
    ok, message = check_file(backup)
    if not ok:
        raise BackupError(f"That backup cannot be used: {message}")
    conn = sqlite3.connect(f"{Path(backup).resolve().as_uri()}?mode=ro", uri=True)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > newest_schema:
        conn.close()
        raise BackupError(f"The backup {backup} was made by a newer version of this app (schema "
                          f"{version}); install that version to restore it.")
    return conn


def restore_into(conn: sqlite3.Connection, backup: Path, newest_schema: int) -> None:
    """Replace the contents of the open database ``conn`` with ``backup``, in one step."""
    source = open_backup(backup, newest_schema)
    try:
        source.backup(conn)
    except sqlite3.Error as exc:
        raise BackupError(f"The restore did not complete ({exc}); the database is unchanged.") \
            from exc
    finally:
        source.close()


def restore_file(db_path: Path, backup: Path, newest_schema: int) -> Path | None:
    """Restore ``backup`` as ``db_path`` when the current file cannot be opened: the damaged file
    (if any) is set aside first. Returns where it was set aside."""
    source = open_backup(backup, newest_schema)
    aside = None
    try:
        if Path(db_path).exists():
            aside = set_aside(Path(db_path))
        target = sqlite3.connect(str(db_path))
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise BackupError(f"The restore did not complete ({exc}).") from exc
    finally:
        source.close()
    return aside
