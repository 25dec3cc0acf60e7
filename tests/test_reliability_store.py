"""Reliability of the records: backups, restore, damaged files, migrations, locks, failed writes."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trainer.services.backups import BackupService, restore_damaged
from trainer.services.errors import UserError
from trainer.store import Store, StoreError, migrations
from trainer.store import db as store_db
from trainer.store.backup import (
    backups_to_keep,
    check_file,
    list_backups,
    make_backup,
    set_aside,
)
from trainer.store.db import DatabaseBusyError, DatabaseCorruptError, StoreWriteError
from trainer.store.fsinfo import network_share_warning
from trainer.store.lock import InstanceLock

FIXTURES = Path(__file__).parent / "fixtures"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(store: Store) -> list[str]:
    return [learner.name for learner in store.learners()]


# -- backups ------------------------------------------------------------------------------------
def test_backup_and_restore_in_place(tmp_path):
    store = Store.open(tmp_path / "t.db")
    service = BackupService(store)
    store.add_learner("Before", "SW", "T")
    first = service.backup_now()
    assert first.parent == tmp_path / "backups"
    assert check_file(first)[0]
    store.add_learner("After", "SW", "T")
    safety = service.restore(first)
    assert names(store) == ["Before"]
    # The state before the restore was backed up, and the live database is still WAL and sound.
    assert names(Store.open(safety)) == ["After", "Before"]
    assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.integrity_check() == "ok"
    store.add_learner("Later", "SW", "T")
    store.close()
    assert names(Store.open(tmp_path / "t.db")) == ["Before", "Later"]


def test_backup_is_a_consistent_copy_while_another_connection_writes(tmp_path):
    store = Store.open(tmp_path / "t.db")
    store.add_learner("One", "SW", "T")
    other = sqlite3.connect(tmp_path / "t.db")
    other.execute("BEGIN")
    other.execute("INSERT INTO learners(name, role, team, created_at) VALUES ('Uncommitted','r','t','x')")
    path = BackupService(store).backup_now()
    other.rollback()
    assert names(Store.open(path)) == ["One"]


def test_automatic_backup_at_most_every_30_minutes_and_only_after_a_change(tmp_path):
    now = [0.0]
    store = Store.open(tmp_path / "t.db")
    service = BackupService(store, clock=lambda: now[0])
    now[0] = 31 * 60
    assert service.maybe_backup() is None  # nothing changed
    store.add_learner("Sam", "SW", "T")
    now[0] = 10 * 60
    service._last_auto = 0.0
    assert service.maybe_backup() is None  # changed, but only 10 minutes of use
    now[0] = 30 * 60
    made = service.maybe_backup()
    assert made is not None and "-auto" in made.name
    now[0] = 90 * 60
    assert service.maybe_backup() is None  # nothing changed since
    assert len(list_backups(tmp_path / "backups")) == 1


def test_thinning_keeps_daily_weekly_monthly():
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    from trainer.store.backup import BackupInfo

    backups = [BackupInfo(Path(f"b{h}"), now - timedelta(hours=h), "auto", 1)
               for h in range(0, 24 * 400, 6)]  # every six hours for 400 days
    keep = backups_to_keep(backups, now)
    kept = sorted((b for b in backups if b.path in keep), key=lambda b: b.taken_at)
    ages = [(now - b.taken_at) for b in kept]
    assert sum(a <= timedelta(hours=24) for a in ages) == 5  # all of the last day
    assert len({b.taken_at.date() for b in kept if now - b.taken_at <= timedelta(days=7)}) >= 7
    assert len({b.taken_at.isocalendar()[:2] for b in kept}) >= 5
    assert len({(b.taken_at.year, b.taken_at.month) for b in kept}) >= 12
    assert len(kept) < 40
    assert all(now - b.taken_at <= timedelta(days=31 * 12) for b in kept)


def test_thinning_deletes_files_but_never_the_newest(tmp_path):
    store = Store.open(tmp_path / "t.db")
    service = BackupService(store)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for day in range(0, 60):
        make_backup(store.db.conn, tmp_path / "backups", "auto", start + timedelta(days=day))
    service.backup_now(now=start + timedelta(days=500))
    left = list_backups(tmp_path / "backups")
    assert len(left) == 1 and left[0].taken_at == start + timedelta(days=500)


# -- damaged databases --------------------------------------------------------------------------
def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096 + 8, min(len(data), 4096 * 4), 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


def make_damaged(tmp_path) -> tuple[Path, Path]:
    path = tmp_path / "t.db"
    store = Store.open(path)
    for i in range(60):
        store.add_learner(f"Learner {i}", "SW", "T")
    backup = BackupService(store).backup_now()
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    damage(path)
    return path, backup


def test_damaged_database_is_refused_and_never_changed(tmp_path):
    path, _ = make_damaged(tmp_path)
    before = digest(path)
    with pytest.raises(DatabaseCorruptError, match="damaged|integrity|not a database|malformed"):
        Store.open(path)
    assert digest(path) == before
    ok, message = check_file(path)
    assert not ok and str(path) in message


def test_restore_over_a_damaged_database_keeps_it_aside(tmp_path):
    path, backup = make_damaged(tmp_path)
    before = digest(path)
    aside = restore_damaged(path, backup)
    assert aside.exists() and digest(aside) == before and ".damaged-" in aside.name
    assert len(Store.open(path).learners()) == 60


def test_start_afresh_keeps_the_damaged_file(tmp_path):
    path, _ = make_damaged(tmp_path)
    before = digest(path)
    aside = set_aside(path)
    assert digest(aside) == before and not path.exists()
    assert Store.open(path).learners() == []


def test_a_damaged_backup_is_not_restored(tmp_path):
    store = Store.open(tmp_path / "t.db")
    store.add_learner("Keep me", "SW", "T")
    bad = tmp_path / "backups" / "trainer-20260101-000000-manual.db"
    bad.parent.mkdir()
    bad.write_text("not a database")
    with pytest.raises(UserError, match="cannot be used"):
        BackupService(store).restore(bad)
    assert names(store) == ["Keep me"]


# -- migrations ---------------------------------------------------------------------------------
@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-v*.db")), ids=lambda p: p.stem)
def test_every_past_schema_upgrades_and_keeps_its_records(tmp_path, fixture):
    path = tmp_path / "old.db"
    shutil.copy(fixture, path)
    store = Store.open(path)
    assert store.schema_version == migrations.SCHEMA_VERSION
    assert store.integrity_check() == "ok"
    assert sorted(names(store)) == ["Zoë O'Brien <Team Lead>", "Łukasz Żółć"]
    assert [r.question_id for r in store.responses(1)] == ["fd-1", "fd-2"]
    assert store.certificate_by_code("AAAA-BBBB-CCCC-DDDD").learner_name == "Zoë O'Brien <Team Lead>"
    assert [a.id for a in store.unfinished_attempts(2)] == [2]
    if fixture.stem != "schema-v1":
        conn = store.db.conn
        assert conn.execute("SELECT count(*) FROM practice_responses").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM case_steps").fetchone()[0] == 1


def test_fixtures_cover_every_past_version():
    have = {int(p.stem.split("-v")[1]) for p in FIXTURES.glob("schema-v*.db")}
    assert {1, *range(1, migrations.SCHEMA_VERSION)} <= have


def _with_next(monkeypatch, step):
    steps = [*migrations.MIGRATIONS, step]
    monkeypatch.setattr(store_db, "MIGRATIONS", steps)
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", len(steps))


def test_upgrade_backs_up_first_and_runs_in_one_transaction(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema-v1.db", path)
    current = migrations.SCHEMA_VERSION

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        db.execute("ALTER TABLE learners ADD COLUMN email TEXT")
        raise sqlite3.OperationalError("simulated failure in the middle of an upgrade")

    _with_next(monkeypatch, broken)
    with pytest.raises(StoreError):
        Store.open(path)
    conn = sqlite3.connect(path)
    # The steps before the broken one are complete; the broken one left nothing behind.
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='half_done'").fetchone()[0] == 0
    assert "email" not in [r[1] for r in conn.execute("PRAGMA table_info(learners)")]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    backups = list_backups(tmp_path / "backups")
    assert {b.reason for b in backups} >= {"before-upgrade-from-v1"}
    first = next(b for b in backups if b.reason == "before-upgrade-from-v1")
    saved = sqlite3.connect(first.path)
    assert saved.execute("SELECT count(*) FROM learners").fetchone()[0] == 2
    assert saved.execute("PRAGMA user_version").fetchone()[0] == 1
    saved.close()

    def good(db):
        db.execute("ALTER TABLE learners ADD COLUMN email TEXT")

    _with_next(monkeypatch, good)
    store = Store.open(path)
    assert store.schema_version == current + 1 and len(store.learners()) == 2


def test_newer_database_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "t.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={migrations.SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="newer version of this app"):
        Store.open(path)
    assert digest(path) == before


# -- second instance, locks, network shares -----------------------------------------------------
def test_second_instance_is_refused_with_a_message(tmp_path):
    path = tmp_path / "t.db"
    with InstanceLock(path):
        with pytest.raises(DatabaseBusyError, match="open in another window"):
            InstanceLock(path).acquire()
    with InstanceLock(path):  # released: the next one gets it
        pass


def test_locked_database_gives_a_message_within_five_seconds(tmp_path):
    path = tmp_path / "t.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("CREATE TABLE x (y)")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO x VALUES (1)")
    started = time.monotonic()
    with pytest.raises(DatabaseBusyError, match="in use by another program"):
        Store.open(path)
    assert time.monotonic() - started < 5
    holder.close()


def test_write_on_a_locked_database_says_nothing_was_saved(tmp_path):
    path = tmp_path / "t.db"
    store = Store.open(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    with pytest.raises(StoreWriteError, match="not saved.*another program"):
        store.add_learner("Sam", "SW", "T")
    assert time.monotonic() - started < 5
    holder.rollback()
    assert store.learners() == []


def test_network_share_is_warned_against(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\n"
                      "//server/share /mnt/share\\040drive cifs rw 0 0\n"
                      "server:/home /home/nfs nfs4 rw 0 0\n")
    assert network_share_warning(Path("/home/me/trainer.db"), mounts) is None
    assert "network share (cifs" in network_share_warning(Path("/mnt/share drive/t.db"), mounts)
    assert "nfs4" in network_share_warning(Path("/home/nfs/sam/trainer.db"), mounts)


# -- disk full, read-only -----------------------------------------------------------------------
@pytest.mark.parametrize(("error", "expected"), [
    ("database or disk is full", "disk is full"),
    ("attempt to write a readonly database", "read-only"),
    ("disk I/O error", "disk reported an error"),
])
def test_failed_write_is_reported_and_not_saved(tmp_path, monkeypatch, error, expected):
    store = Store.open(tmp_path / "t.db")
    learner = store.add_learner("Sam", "SW", "T")
    attempt = store.create_attempt(learner_id=learner.id, pack_id="p", pack_version="1",
                                   quiz_id="q", module_id="m", seed=1, question_ids=["a"],
                                   pass_mark=80)
    real = store.db.execute

    def failing(sql, *args):
        if sql.startswith("INSERT INTO responses"):
            raise sqlite3.OperationalError(error)
        return real(sql, *args)

    monkeypatch.setattr(store.db, "execute", failing)
    with pytest.raises(StoreWriteError, match=f"not saved.*{expected}"):
        store.record_response(attempt_id=attempt.id, question_id="a", position=0, answer=["x"],
                              points=1, correct=True)
    assert store.responses(attempt.id) == []


def test_read_only_database_file_gives_a_clear_message(tmp_path):
    path = tmp_path / "t.db"
    Store.open(path).close()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    store = Store(store_db.Database(conn, execute_plugins=False), path)
    with pytest.raises(StoreWriteError, match="read-only"):
        store.add_learner("Sam", "SW", "T")
