"""Starting the app: theme, database, content, main window, with clear messages on failure."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from trainer import APP_ID, APP_NAME, __version__
from trainer.services.context import Services
from trainer.store.db import StoreError
from trainer.ui import dialogs
from trainer.ui.main_window import MainWindow
from trainer.ui.theme import apply_theme


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    return app


def run_app(db_path: Path, extra_content: list[Path] | None = None) -> int:
    app = make_app()
    apply_theme(app)
    try:
        services = Services.open(db_path, extra_content)
    except StoreError as exc:
        dialogs.show_error(None, "The training records cannot be opened", str(exc))
        print(f"trainer: error: {exc}", file=sys.stderr)
        return 1
    window = MainWindow(services)  # applies the stored theme and text size
    window.show()
    try:
        return app.exec()
    finally:
        services.close()
