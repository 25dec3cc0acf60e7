"""The store's own connection class behaves like sqlite-utils' Database for what the app uses."""

from __future__ import annotations

import sqlite3

import pytest

from trainer.store.connection import Database


@pytest.fixture
def db(tmp_path):
    database = Database(sqlite3.connect(str(tmp_path / "t.db")))
    database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    yield database
    database.close()


def _other(tmp_path):
    return sqlite3.connect(str(tmp_path / "t.db"))


def test_a_write_outside_a_transaction_is_committed_at_once(db, tmp_path):
    db.execute("INSERT INTO t(v) VALUES (?)", ("a",))
    assert not db.conn.in_transaction
    assert _other(tmp_path).execute("SELECT v FROM t").fetchall() == [("a",)]


def test_atomic_commits_or_rolls_back_and_nests(db, tmp_path):
    with db.atomic():
        db.execute("INSERT INTO t(v) VALUES ('kept')")
        with pytest.raises(ValueError), db.atomic():
            db.execute("INSERT INTO t(v) VALUES ('inner, undone')")
            raise ValueError
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("INSERT INTO t(v) VALUES ('undone')")
        raise RuntimeError
    assert _other(tmp_path).execute("SELECT v FROM t").fetchall() == [("kept",)]


def test_a_failed_statement_leaves_no_open_transaction(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t(id, v) VALUES (1, 'a'), (1, 'b')")
    assert not db.conn.in_transaction


def test_anything_else_is_handed_to_sqlite_utils(db):
    db.execute("INSERT INTO t(v) VALUES ('a')")
    assert db["t"].count == 1
    assert db.table_names() == ["t"]
