"""Starting the app: theme, database, content, main window, with clear messages on failure."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from trainer import APP_ID, APP_NAME, DESKTOP_ID, __version__, paths
from trainer.services.context import Services
from trainer.store.db import StoreError
from trainer.ui import dialogs
from trainer.ui.main_window import MainWindow
from trainer.ui.single_instance import SingleInstance, ask_running_instance
from trainer.ui.theme import apply_theme

QUIT_WHEN_IDLE = "TRAINER_BENCH_QUIT_WHEN_IDLE"


def app_icon() -> QIcon:
    return QIcon(str(paths.icon_path()))


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(DESKTOP_ID)
    if app.windowIcon().isNull():
        app.setWindowIcon(app_icon())
    return app


def bring_forward(window: QWidget) -> None:
    """Show a window that a later launch asked for: un-minimise, raise, focus."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)


def run_app(db_path: Path, extra_content: list[Path] | None = None) -> int:
    app = make_app()
    apply_theme(app)
    instance = SingleInstance(db_path)
    if not instance.claim():
        if ask_running_instance(db_path):
            print(f"{APP_NAME} is already open with {db_path}; its window was brought forward.")
            return 0
        pid = instance.lock.owner_pid()
        message = (f"The training records {db_path} are already open in another {APP_NAME} "
                   f"window{f' (process {pid})' if pid else ''}. Use that window, or close it "
                   "and start the app again.")
        dialogs.show_info(None, f"{APP_NAME} is already open", message)
        print(f"trainer: error: {message}", file=sys.stderr)
        return 1
    try:
        try:
            services = Services.open(db_path, extra_content)
        except StoreError as exc:
            dialogs.show_error(None, "The training records cannot be opened", str(exc))
            print(f"trainer: error: {exc}", file=sys.stderr)
            return 1
        window = MainWindow(services)
        instance.activate_requested.connect(lambda: bring_forward(window))
        window.show()
        if os.environ.get(QUIT_WHEN_IDLE):
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, app.quit)  # `trainer bench`: quit once the shown window is idle
        try:
            return app.exec()
        finally:
            services.close()
    finally:
        instance.release()
