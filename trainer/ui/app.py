"""Starting the app: theme, database, content, main window, with clear messages on failure."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from trainer import APP_ID, APP_NAME, DESKTOP_ID, __version__, paths
from trainer.logsetup import log_unexpected, setup_logging
from trainer.services.backups import backups_for, restore_damaged
from trainer.services.context import Services
from trainer.services.errors import UserError
from trainer.store.backup import BackupError, set_aside
from trainer.store.db import DatabaseCorruptError, StoreError
from trainer.store.fsinfo import network_share_warning
from trainer.ui import dialogs
from trainer.ui.main_window import MainWindow
from trainer.ui.single_instance import SingleInstance, ask_running_instance
from trainer.ui.theme import apply_theme

log = logging.getLogger("trainer.app")
AUTO_BACKUP_CHECK_MS = 5 * 60 * 1000
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


def handle_unexpected(exc_type, exc, tb) -> None:
    """sys.excepthook: log it, then say so kindly and where the log is. Answers are committed
    before their feedback is shown, so none is lost; the app carries on."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    path = log_unexpected(exc_type, exc, tb)
    try:
        dialogs.show_unexpected_error(QApplication.activeWindow(), path)
    except Exception:  # noqa: BLE001 - never let the hook itself fail
        sys.__excepthook__(exc_type, exc, tb)


def open_services(db_path: Path, extra_content: list[Path] | None = None) -> Services | None:
    """Open the records, handling a damaged database by asking: restore a backup, start afresh
    or quit. The damaged file is never overwritten. None means: do not start."""
    while True:
        try:
            return Services.open(db_path, extra_content)
        except DatabaseCorruptError as exc:
            log.error("Damaged database: %s", exc)
            choice, backup = dialogs.ask_damaged_database(None, str(exc), backups_for(db_path))
            try:
                if choice == "restore":
                    aside = restore_damaged(db_path, backup.path)
                    dialogs.show_info(None, "Backup restored",
                                      f"The records were restored from the backup of "
                                      f"{backup.label}. The damaged file is kept as {aside}.")
                elif choice == "fresh":
                    aside = set_aside(db_path)
                    dialogs.show_info(None, "Starting afresh",
                                      f"The damaged file is kept as {aside}. New, empty records "
                                      "will be started.")
                else:
                    return None
            except (UserError, BackupError) as failure:
                dialogs.show_error(None, "The records could not be repaired", str(failure))
                return None
        except StoreError as exc:
            log.error("Cannot open the database: %s", exc)
            dialogs.show_error(None, "The training records cannot be opened", str(exc))
            print(f"trainer: error: {exc}", file=sys.stderr)
            return None


def start_auto_backup(window: MainWindow, services: Services) -> QTimer:
    def tick():
        try:
            made = services.backups.maybe_backup() if services.backups else None
            if made:
                log.info("Automatic backup: %s", made)
        except UserError as exc:
            log.warning("Automatic backup failed: %s", exc)

    timer = QTimer(window)
    timer.setObjectName("autoBackupTimer")
    timer.timeout.connect(tick)
    timer.start(AUTO_BACKUP_CHECK_MS)
    window.destroyed.connect(timer.stop)
    return timer


def bring_forward(window: QWidget) -> None:
    """Show a window that a later launch asked for: un-minimise, raise, focus."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)


def run_app(db_path: Path, extra_content: list[Path] | None = None) -> int:
    setup_logging()
    app = make_app()
    sys.excepthook = handle_unexpected
    instance = SingleInstance(db_path)
    if not instance.claim():  # first, so a second window hears at once
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
    apply_theme(app)
    try:
        warning = network_share_warning(db_path)
        if warning:
            log.warning(warning)
            dialogs.show_warning(None, "The records are on a network share", warning)
        services = open_services(db_path, extra_content)
        if services is None:
            return 1
        window = MainWindow(services)  # applies the stored theme and text size
        start_auto_backup(window, services)
        instance.activate_requested.connect(lambda: bring_forward(window))
        window.show()
        if os.environ.get(QUIT_WHEN_IDLE):
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, app.quit)  # `trainer bench`: quit once the shown window is idle
        try:
            return app.exec()
        finally:
            try:
                if services.backups:
                    services.backups.maybe_backup()
            except UserError as exc:
                log.warning("Backup on closing failed: %s", exc)
            services.close()
    finally:
        instance.release()
