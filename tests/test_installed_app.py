"""What an installed app needs: the self-test, the About dialog, the icon, and one window per
database."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from trainer import APP_NAME, __version__
from trainer.store.lock import DatabaseLock

CHECKS = ("installation", "resources", "content", "database", "certificate", "window")


def run(*args, env=None, cwd=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=timeout)


def bundled_content_is_valid() -> bool:
    return run("validate").returncode == 0


# -- trainer --self-test --------------------------------------------------------------------------
def test_self_test_prints_one_line_per_check_and_agrees_with_validate(tmp_path):
    result = run("--self-test", env={"QT_QPA_PLATFORM": ""})  # the self-test picks offscreen
    lines = result.stdout.strip().splitlines()
    assert [line.split()[1].rstrip(":") for line in lines[:-1]] == list(CHECKS), result.stdout
    by_name = {line.split()[1].rstrip(":"): line for line in lines[:-1]}
    for name in ("installation", "resources", "database", "certificate", "window"):
        assert by_name[name].startswith("ok"), result.stdout + result.stderr
    assert "offscreen" in by_name["window"]
    assert "Traceback" not in result.stderr
    if bundled_content_is_valid():
        assert result.returncode == 0
        assert lines[-1] == f"Self-test passed: {len(CHECKS)} checks."
    else:  # the writers' content is still in progress: the self-test must say so, like validate
        assert result.returncode == 1
        assert by_name["content"].startswith("FAIL  content:")
        assert lines[-1] == "Self-test FAILED: content."


def test_self_test_names_what_failed(tmp_path):
    broken = tmp_path / "broken-pack"
    broken.mkdir()
    (broken / "pack.yaml").write_text("id: [not, a, string\n")
    result = run("--self-test", "--content", str(broken))
    assert result.returncode == 1
    content = next(line for line in result.stdout.splitlines() if " content:" in line)
    assert content.startswith("FAIL") and "pack.yaml" in content
    assert "Self-test FAILED: content" in result.stdout.splitlines()[-1]
    # The person's own data folder is never touched by a self-test.
    assert not (tmp_path / "data").exists()


def test_self_test_reports_a_check_that_raises(monkeypatch, capsys):
    from trainer.services import selftest

    def broken(_test):
        raise OSError("disk full")

    monkeypatch.setattr(selftest, "CORE_CHECKS", [("installation", selftest.check_installation),
                                                  ("database", broken)])
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("ok    installation:")
    assert out[1] == "FAIL  database: OSError: disk full"
    assert out[2] == "Self-test FAILED: database."


def test_cli_does_not_import_qt():
    code = ("import sys, trainer.cli, trainer.services.selftest\n"
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


# -- icon, title and About ------------------------------------------------------------------------
def test_window_has_the_app_icon_and_title(window):
    from trainer import paths

    assert window.windowTitle() == APP_NAME
    assert not window.windowIcon().isNull()
    assert paths.icon_path().read_text().lstrip().startswith("<?xml")
    assert window.windowIcon().pixmap(64, 64).width() == 64
    assert window.app_icon.pixmap().width() == 24  # beside the title in the header


def _when_dialog_opens(qtbot, name, act):
    """Run ``act(dialog)`` once the modal dialog with this objectName is showing."""
    seen = {}

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == name:
            seen["dialog"] = dialog
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_f1_opens_about_with_versions_licence_and_data_folder(qtbot, window, monkeypatch):
    from trainer.ui import about

    opened = []
    monkeypatch.setattr(about.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    texts = {}

    def act(dialog):
        texts.update(version=dialog.version.text(), packs=dialog.packs.text(),
                     licence=dialog.licence.text(), data=dialog.data_path.text())
        qtbot.mouseClick(dialog.open_data, Qt.LeftButton)
        qtbot.mouseClick(dialog.close_button, Qt.LeftButton)

    _when_dialog_opens(qtbot, "aboutDialog", act)
    qtbot.keyClick(window, Qt.Key_F1)
    assert texts, "F1 did not open the About dialog"
    assert texts["version"] == f"Version {__version__}"
    assert "southwark-2017" in texts["packs"] and "version 1.0.0" in texts["packs"]
    assert "Open Government Licence v3.0" in texts["licence"]
    assert "© Crown copyright 2017" in texts["licence"]
    assert "MIT licence" in texts["licence"]
    db = window.services.store.path
    assert str(db) in texts["data"]
    assert [url.toLocalFile() for url in opened] == [str(db.parent)]


def test_about_button_in_the_header_opens_the_dialog(qtbot, window):
    titles = []

    def act(dialog):
        titles.append(dialog.windowTitle())
        qtbot.mouseClick(dialog.close_button, Qt.LeftButton)

    _when_dialog_opens(qtbot, "aboutDialog", act)
    qtbot.mouseClick(window.about_button, Qt.LeftButton)
    assert titles == [f"About {APP_NAME}"]
    assert window.findChild(QDialog, "aboutDialog") is None  # closed and gone
    assert window.about_button.accessibleName() == "About"


# -- one window per database ----------------------------------------------------------------------
def test_database_lock_is_exclusive_in_process(tmp_path):
    db = tmp_path / "trainer.db"
    first, second = DatabaseLock(db), DatabaseLock(db)
    assert first.acquire()
    assert not second.acquire()
    assert second.owner_pid() == os.getpid()
    first.release()
    assert second.acquire()
    second.release()
    assert DatabaseLock(tmp_path / "other.db").acquire()


def test_database_lock_is_exclusive_across_processes(tmp_path):
    db = tmp_path / "trainer.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from trainer.store.lock import DatabaseLock
            lock = DatabaseLock({str(db)!r})
            print(lock.acquire(), flush=True)
            sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        mine = DatabaseLock(db)
        assert not mine.acquire()
        assert mine.owner_pid() == holder.pid
    finally:
        holder.communicate("\n", timeout=30)
    assert mine.acquire()  # the holder ended, so the lock is free again
    mine.release()


def test_second_launch_brings_the_first_window_forward(qtbot, tmp_path):
    from trainer.ui.app import make_app
    from trainer.ui.single_instance import SingleInstance

    make_app()
    db = tmp_path / "shared.db"
    first = SingleInstance(db)
    assert first.claim()
    try:
        with qtbot.waitSignal(first.activate_requested, timeout=20000):
            second = subprocess.Popen([sys.executable, "-m", "trainer", "--db", str(db)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = second.communicate(timeout=30)
    finally:
        first.release()
    assert second.returncode == 0, err
    assert "already open" in out and "brought forward" in out
    assert not db.exists()  # the second launch never opened the database


def test_second_launch_says_it_is_already_open_when_the_first_cannot_answer(tmp_path,
                                                                             monkeypatch):
    from trainer.ui import app as app_module
    from trainer.ui import dialogs

    db = tmp_path / "shared.db"
    shown = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: shown.append(text))
    opened = []
    monkeypatch.setattr(app_module.Services, "open", lambda *a, **k: opened.append(a))
    with DatabaseLock(db) as lock:
        assert lock.acquire()
        assert app_module.run_app(db) == 1
    assert opened == []
    assert len(shown) == 1 and str(db) in shown[0] and "already open" in shown[0]


@pytest.mark.parametrize("state", ["minimised", "behind"])
def test_bring_forward_shows_the_window(qtbot, window, state):
    from trainer.ui.app import bring_forward

    if state == "minimised":
        window.showMinimized()
    else:
        window.hide()
    bring_forward(window)
    assert window.isVisible()
    assert not window.isMinimized()
