"""Reliability as a person meets it in the app: failed saves, backups, damaged records, a second
window, and the friendly dialog for the unexpected."""

from __future__ import annotations

import sqlite3
import sys
import time

import pytest
from PySide6.QtCore import Qt

from trainer import paths
from trainer.services.backups import BackupService
from trainer.store import Store
from trainer.store.lock import InstanceLock
from trainer.ui import app as app_module
from trainer.ui import dialogs


@pytest.fixture
def studying(qtbot, window):
    learner = window.services.learners.add("Sam Taylor", "Social worker", "MASH")
    window.set_learner(learner.id)
    window.open_module("front-door")
    qtbot.mouseClick(window.module.start_check, Qt.LeftButton)
    assert window.stack.currentWidget() is window.quiz
    return window


def responses(window) -> int:
    path = window.services.store.path
    return sqlite3.connect(path).execute("SELECT COUNT(*) FROM responses").fetchone()[0]


@pytest.mark.parametrize("error", ["database or disk is full", "attempt to write a readonly database"])
def test_a_failed_save_is_never_shown_as_saved(qtbot, studying, monkeypatch, error):
    window, quiz = studying, studying.quiz
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    db = window.services.store.db
    real = db.execute

    def failing(sql, *args):
        if sql.startswith("INSERT INTO responses"):
            raise sqlite3.OperationalError(error)
        return real(sql, *args)

    monkeypatch.setattr(db, "execute", failing)
    qtbot.mouseClick(quiz.option_buttons[0], Qt.LeftButton, pos=quiz.option_buttons[0].rect().center())
    qtbot.mouseClick(quiz.submit, Qt.LeftButton)
    assert shown and "not saved" in shown[0]
    assert not quiz.feedback_frame.isVisible()
    assert quiz.saved_note.text() == ""
    assert quiz.option_buttons[0].isChecked() and quiz.option_buttons[0].isEnabled()
    assert quiz.submit.isVisible() and quiz.submit.isEnabled()
    assert responses(window) == 0
    # Once the disk has room again, the same answer is sent again and saved.
    monkeypatch.setattr(db, "execute", real)
    qtbot.mouseClick(quiz.submit, Qt.LeftButton)
    assert quiz.feedback_frame.isVisible() and quiz.saved_note.text() == "Your answer is saved."
    assert responses(window) == 1


def test_backups_dialog_from_the_header(qtbot, window, monkeypatch):
    from trainer.ui.backups import BackupsDialog

    monkeypatch.setattr(BackupsDialog, "exec", lambda self: self.show())
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    first = window.services.learners.add("First Learner", "Social worker", "MASH")
    window.set_learner(first.id)
    qtbot.mouseClick(window.backups_button, Qt.LeftButton)
    dialog = window.backups_dialog
    qtbot.waitExposed(dialog)
    assert dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.backup_button, Qt.LeftButton)
    assert dialog.model.rowCount() == 1 and "Backed up to" in dialog.status.text()
    assert dialog.model.data(dialog.model.index(0, 1)) == "Made by hand"
    dialog.grab().save(str(paths.data_dir() / "backups-dialog.png"))

    window.services.learners.add("Added Later", "Social worker", "MASH")
    dialog.table.selectRow(dialog.model.rowCount() - 1)
    qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert [x.name for x in window.services.learners.all()] == ["First Learner"]
    assert "Restored the backup" in dialog.status.text()
    assert dialog.model.rowCount() == 2  # the safety backup made before restoring
    assert window.learner.name == "First Learner"


def make_damaged(folder):
    path = folder / "trainer.db"
    store = Store.open(path)
    for i in range(60):
        store.add_learner(f"Learner {i}", "SW", "T")
    BackupService(store).backup_now()
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 + 8, 4096 * 4, 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    return path, bytes(data)


@pytest.mark.parametrize("choice", ["restore", "fresh", "quit"])
def test_damaged_records_on_open_offer_restore_or_start_afresh(qtbot, tmp_path, monkeypatch,
                                                                choice):
    path, damaged = make_damaged(tmp_path / "d")
    asked, told = [], []

    def answer(parent, message, backups):
        asked.append((message, backups))
        return choice, (backups[0] if choice == "restore" else None)

    monkeypatch.setattr(dialogs, "ask_damaged_database", answer)
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: told.append(message))
    services = app_module.open_services(path)
    assert asked and str(path) in asked[0][0] and len(asked[0][1]) == 1
    kept = sorted(path.parent.glob("trainer.damaged-*.db"))
    if choice == "quit":
        assert services is None and path.read_bytes() == damaged and not kept
        return
    assert kept and kept[0].read_bytes() == damaged and str(kept[0]) in told[0]
    expected = 60 if choice == "restore" else 0
    assert len(services.learners.all()) == expected
    services.close()


def test_a_second_window_gets_a_message_within_five_seconds(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: shown.append(message))
    monkeypatch.setattr(app_module, "ask_running_instance", lambda path: False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    db = tmp_path / "trainer.db"
    with InstanceLock(db):
        started = time.monotonic()
        assert app_module.run_app(db) == 1
        assert time.monotonic() - started < 5
    assert "already open in another" in shown[0]


def test_network_share_is_warned_about_on_start(qtbot, tmp_path, monkeypatch):
    warned, started = [], []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "network_share_warning", lambda path: "on a network share")
    monkeypatch.setattr(dialogs, "show_warning", lambda parent, title, message: warned.append(message))
    monkeypatch.setattr(app_module, "open_services", lambda *a: started.append(True))
    monkeypatch.setattr(app_module.SingleInstance, "claim", lambda self: True)
    assert app_module.run_app(tmp_path / "trainer.db") == 1
    assert warned == ["on a network share"] and started


def test_unexpected_error_logs_says_where_and_keeps_the_answer(qtbot, studying, monkeypatch):
    window, quiz = studying, studying.quiz
    told = []
    monkeypatch.setattr(dialogs, "show_unexpected_error", lambda parent, path: told.append(path))
    question = quiz.view.current
    quiz.choose(1)
    qtbot.mouseClick(quiz.submit, Qt.LeftButton)
    assert quiz.feedback_frame.isVisible()

    def broken():
        raise RuntimeError("a fault in the app")

    monkeypatch.setattr(quiz, "show_current", broken)
    with qtbot.capture_exceptions() as caught:
        qtbot.mouseClick(quiz.next, Qt.LeftButton)
    assert caught
    app_module.handle_unexpected(*caught[0])
    log = paths.logs_dir() / "trainer.log"
    assert told == [log]
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: a fault in the app" in text and "Traceback" in text
    assert "Sam Taylor" not in text
    # The answer whose feedback was shown is saved, and the attempt resumes after it.
    view = window.services.study.start_or_resume(window.learner.id, window.pack.id,
                                                 quiz.view.rules.id)
    assert question.id in view.state.answers and view.attempt.id == quiz.view.attempt.id


def test_unexpected_error_dialog_text(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    seen = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: seen.append(self.text()))
    dialogs.show_unexpected_error(None, tmp_path / "logs" / "trainer.log")
    assert "Your answers so far are saved" in seen[0]
    assert str(tmp_path / "logs" / "trainer.log") in seen[0]
