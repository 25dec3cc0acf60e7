"""Test set-up: no display needed, and every path sent to a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TRAINER_DB", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    yield


@pytest.fixture(scope="session")
def library():
    from trainer.content.library import load_library

    return load_library()


@pytest.fixture(scope="session")
def pack(library):
    return library.pack("southwark-2017")


@pytest.fixture
def services(tmp_path, library):
    from trainer.services.context import Services
    from trainer.store import Store

    store = Store.open(tmp_path / "data" / "trainer.db")
    svc = Services.build(store, library)
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot, services):
    from tests.gui_helpers import open_window

    return open_window(qtbot, services)


@pytest.fixture(autouse=True)
def _no_leftover_windows():
    """Close and delete every window a test left behind, so later theme changes (which restyle
    every widget in the application) do not slow down with hundreds of dead windows."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
