from __future__ import annotations

import sqlite3

import pytest

from trainer.store import Store
from trainer.store.db import DatabaseCorruptError, DatabaseNewerError
from trainer.store.migrations import SCHEMA_VERSION


def test_pragmas_and_schema(tmp_path):
    store = Store.open(tmp_path / "t.db")
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version == SCHEMA_VERSION


def test_response_is_committed_at_once(tmp_path):
    path = tmp_path / "t.db"
    store = Store.open(path)
    learner = store.add_learner("Sam", "Social worker", "Team 1")
    attempt = store.create_attempt(learner_id=learner.id, pack_id="p", pack_version="1",
                                   quiz_id="q", module_id="m", seed=1, question_ids=["a"],
                                   pass_mark=80)
    store.record_response(attempt_id=attempt.id, question_id="a", position=0, answer=["x"],
                          points=1, correct=True)
    # A second connection sees it without the first one closing or committing anything more.
    other = sqlite3.connect(path)
    assert other.execute("SELECT question_id FROM responses").fetchall() == [("a",)]


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "t.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(DatabaseNewerError, match="newer version"):
        Store.open(path)


def test_not_a_database_is_refused_and_kept(tmp_path):
    path = tmp_path / "t.db"
    path.write_text("my shopping list")
    with pytest.raises(DatabaseCorruptError, match="not a training database"):
        Store.open(path)
    assert path.read_text() == "my shopping list"
