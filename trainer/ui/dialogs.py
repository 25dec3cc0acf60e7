"""Every dialog that asks the person something goes through a function here, so tests can answer
by patching one function (the novelWriter way)."""

from __future__ import annotations

from pathlib import Path

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


def ask_pin(parent: QWidget, title: str = "Facilitator PIN") -> str | None:
    """The facilitator PIN, typed hidden; None if cancelled."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(parent, title, "Type the facilitator PIN:",
                                    QLineEdit.Password)
    return text if ok else None


def ask_new_pin(parent: QWidget) -> tuple[str, str] | None:
    """A new facilitator PIN typed twice; None if cancelled."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    first, ok = QInputDialog.getText(
        parent, "Set a facilitator PIN", "Manage and Group sessions are kept behind a PIN. "
        "Choose one of 4 to 12 digits:", QLineEdit.Password)
    if not ok:
        return None
    second, ok = QInputDialog.getText(parent, "Set a facilitator PIN", "Type the same PIN again:",
                                      QLineEdit.Password)
    return (first, second) if ok else None


def ask_text(parent: QWidget, title: str, prompt: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(parent, title, prompt)
    return text if ok else None


def ask_typed_confirmation(parent: QWidget, title: str, message: str) -> str | None:
    """What the person typed to confirm a destructive action (such as a learner's name)."""
    return ask_text(parent, title, message)


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Information, title, message, QMessageBox.Ok, parent)
    box.setObjectName("infoMessage")
    box.setAccessibleName(title)
    box.exec()
