"""Every dialog that asks the person something goes through a function here, so tests can answer
by patching one function (the novelWriter way)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def ask_save_path(parent: QWidget, title: str, suggested: Path, filter_text: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
    return Path(chosen) if chosen else None


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Warning, title, message, QMessageBox.Ok, parent)
    box.setObjectName("errorMessage")
    box.setAccessibleName(title)
    box.exec()


def confirm(parent: QWidget, title: str, message: str) -> bool:
    answer = QMessageBox.question(parent, title, message)
    return answer == QMessageBox.Yes


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Information, title, message, QMessageBox.Ok, parent)
    box.setObjectName("infoMessage")
    box.setAccessibleName(title)
    box.exec()


def show_warning(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Warning, title, message, QMessageBox.Ok, parent)
    box.setObjectName("warningMessage")
    box.setAccessibleName(title)
    box.exec()


def show_unexpected_error(parent: QWidget | None, log_path: Path | None) -> None:
    """The friendly dialog for a fault in the app itself (sys.excepthook)."""
    where = (f"The details are in the log file:\n{log_path}\n\nIf it happens again, send that "
             "file to your IT service desk." if log_path else
             "The details could not be written to a log file.")
    box = QMessageBox(QMessageBox.Warning, "Something went wrong",
                      "Something unexpected went wrong in the app. Your answers so far are saved; "
                      "you can carry on, or close the app and open it again.\n\n" + where,
                      QMessageBox.Ok, parent)
    box.setObjectName("unexpectedError")
    box.setAccessibleName("Something went wrong")
    box.setTextInteractionFlags(Qt.TextSelectableByMouse)
    box.exec()


def ask_damaged_database(parent: QWidget | None, message: str, backups: list) -> tuple[str, object]:
    """The database cannot be used. Returns ("restore", BackupInfo), ("fresh", None) or
    ("quit", None). The damaged file is never overwritten whichever is chosen."""
    box = QMessageBox(QMessageBox.Critical, "The training records cannot be opened",
                      message, QMessageBox.NoButton, parent)
    box.setObjectName("damagedDatabase")
    box.setAccessibleName("The training records cannot be opened")
    newest = backups[0] if backups else None
    box.setInformativeText(
        (f"You can restore the newest backup ({newest.label}), or start afresh with empty "
         "records. " if newest else "There is no backup to restore. You can start afresh with "
         "empty records. ") + "Either way the damaged file is kept, renamed, next to it.")
    restore = box.addButton("Restore the newest backup", QMessageBox.AcceptRole) if newest else None
    fresh = box.addButton("Start afresh", QMessageBox.DestructiveRole)
    box.addButton("Quit", QMessageBox.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore", newest
    if clicked is fresh:
        return "fresh", None
    return "quit", None
