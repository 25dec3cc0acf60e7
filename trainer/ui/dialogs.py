"""Every dialog that asks the person something goes through a function here, so tests can answer
by patching one function (the novelWriter way)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def ask_save_path(parent: QWidget, title: str, suggested: Path, filter_text: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
    return Path(chosen) if chosen else None


def error_box(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Warning, title, message, QMessageBox.Ok, parent)
    box.setObjectName("errorMessage")
    box.setAccessibleName(title)
    box.setAccessibleDescription(message)
    ok = box.button(QMessageBox.Ok)
    ok.setObjectName("errorMessageOk")
    ok.setAccessibleName("OK")
    return box


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    error_box(parent, title, message).exec()


def confirm(parent: QWidget, title: str, message: str) -> bool:
    answer = QMessageBox.question(parent, title, message)
    return answer == QMessageBox.Yes


def ask_folder(parent: QWidget, title: str, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(chosen) if chosen else None
