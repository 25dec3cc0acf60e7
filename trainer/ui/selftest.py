"""The self-test's window check: open the real main window offscreen and walk to a module."""

from __future__ import annotations

import sys

from trainer.services.selftest import CheckFailed, SelfTest


def _quiet_offscreen_notes(mode, context, message) -> None:
    """The offscreen platform says it cannot hint window sizes; that is expected, not a fault."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def check_window(test: SelfTest) -> str:
    from PySide6.QtCore import qInstallMessageHandler

    previous = qInstallMessageHandler(_quiet_offscreen_notes)
    try:
        return _open_window(test)
    finally:
        qInstallMessageHandler(previous)


def _open_window(test: SelfTest) -> str:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from trainer import APP_NAME
    from trainer.services.context import Services
    from trainer.store import Store
    from trainer.ui.app import make_app
    from trainer.ui.main_window import MainWindow
    from trainer.ui.theme import apply_theme

    app = make_app()
    apply_theme(app)
    services = test.services
    if services is None:  # the database check failed; still see whether the window opens
        from trainer.content.library import load_library

        services = Services.build(Store.open(test.workdir / "window.db"),
                                  test.library or load_library(test.extra_content))
        test.services = services
    window = MainWindow(services)
    try:
        window.show()
        QApplication.processEvents()
        if window.windowTitle() != APP_NAME:
            raise CheckFailed(f"the window title is {window.windowTitle()!r}")
        if window.windowIcon().isNull():
            raise CheckFailed("the window has no icon (the SVG image plugin may be missing)")
        learners = services.learners.all()
        if learners:
            window.set_learner(learners[0].id)
        shown = "welcome page"
        if window.pack and window.learner and window.pack.modules:
            module_id = next(iter(window.pack.modules))
            window.open_module(module_id)
            QApplication.processEvents()
            if window.stack.currentWidget() is not window.module:
                raise CheckFailed(f"the module {module_id} did not open")
            shown = f"module {module_id}"
        image = window.grab().toImage()
        if image.isNull() or image.width() < 200:
            raise CheckFailed("the window could not be drawn")
        platform = QGuiApplication.platformName()
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    return f"main window opened and drew the {shown} ({image.width()}x{image.height()}, {platform})"
