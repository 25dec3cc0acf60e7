"""Every dialog that asks the person something goes through a function here, so tests can answer
by patching one function (the novelWriter way)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.widgets import fit_to_text


def file_dialog(parent: QWidget | None, title: str, suggested: Path, filter_text: str = "", *,
                folder: bool = False) -> QFileDialog:
    """A save-file (or choose-folder) dialog. The system's own dialog where there is one; where
    Qt draws its own, its unnamed buttons and fields get names a screen reader can say."""
    dialog = QFileDialog(parent, title, str(suggested), filter_text)
    dialog.setObjectName("folderDialog" if folder else "saveFileDialog")
    dialog.setAccessibleName(title)
    if folder:
        dialog.setFileMode(QFileDialog.Directory)
        dialog.setOption(QFileDialog.ShowDirsOnly, True)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptSave)
        dialog.setFileMode(QFileDialog.AnyFile)
        dialog.selectFile(str(suggested))
    name_file_dialog_parts(dialog)
    fit_to_text(dialog, 760, height=460)
    return dialog


_FILE_DIALOG_NAMES = {
    "lookInCombo": "Look in folder", "backButton": "Back", "forwardButton": "Forward",
    "toParentButton": "Parent folder", "newFolderButton": "New folder",
    "listModeButton": "List view", "detailModeButton": "Detail view",
    "sidebar": "Places", "listView": "Files", "treeView": "Files (details)",
    "fileNameEdit": "File name", "fileTypeCombo": "File type", "buttonBox": "Buttons",
}


def name_file_dialog_parts(dialog: QFileDialog) -> None:
    for child in dialog.findChildren(QWidget):
        name = _FILE_DIALOG_NAMES.get(child.objectName())
        if name and not child.accessibleName():
            child.setAccessibleName(name)


def ask_save_path(parent: QWidget, title: str, suggested: Path, filter_text: str) -> Path | None:
    dialog = file_dialog(parent, title, suggested, filter_text)
    if dialog.exec() != QDialog.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def ask_save_path_with_suffix(parent: QWidget, title: str, suggested: Path, filter_text: str,
                              suffix: str) -> Path | None:
    """ask_save_path, with ``suffix`` (".pdf") put in place of the typed name's suffix when that
    is another one or none, so the file opens in the right program."""
    path = ask_save_path(parent, title, suggested, filter_text)
    if path is not None and path.suffix.lower() != suffix:
        path = path.with_suffix(suffix)
    return path


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


class PinDialog(QDialog):
    """Asks for the facilitator PIN (or a new one, twice). The PIN only ever lives in the fields."""

    def __init__(self, parent: QWidget | None, *, new: bool, message: str = ""):
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle("Set a facilitator PIN" if new else "Facilitator PIN")
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        intro = ("Group sessions and Manage are for facilitators. Choose a PIN of 4 to 12 digits; "
                 "you will need it each time the app starts." if new else
                 "Enter the facilitator PIN to open Group sessions.")
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.pin = self._field("pinInput", "PIN")
        form.addRow("&PIN", self.pin)
        self.confirm = None
        if new:
            self.confirm = self._field("pinConfirm", "PIN again")
            form.addRow("PIN &again", self.confirm)
        layout.addLayout(form)
        self.error = QLabel(message)
        self.error.setObjectName("pinError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setVisible(bool(message))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.setObjectName("pinButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.pin.setFocus()

    @staticmethod
    def _field(name: str, accessible: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        field.setEchoMode(QLineEdit.Password)
        field.setMaxLength(12)
        field.setInputMethodHints(Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText)
        return field


def ask_new_pin(parent: QWidget | None, message: str = "") -> tuple[str, str] | None:
    """The new PIN typed twice, or None if the person cancelled."""
    dialog = PinDialog(parent, new=True, message=message)
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.pin.text(), dialog.confirm.text()


def ask_pin(parent: QWidget | None, message: str = "") -> str | None:
    dialog = PinDialog(parent, new=False, message=message)
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.pin.text()


def ask_folder(parent: QWidget, title: str, suggested: Path) -> Path | None:
    dialog = file_dialog(parent, title, suggested, folder=True)
    if dialog.exec() != QDialog.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.setObjectName(f"{dialog.objectName()}Buttons")
    buttons.button(QDialogButtonBox.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class FinishSessionDialog(QDialog):
    """Confirms finishing a group session and the CPD time each attendee is given."""

    def __init__(self, parent: QWidget | None, message: str, suggested: int):
        super().__init__(parent)
        self.setObjectName("finishSessionDialog")
        self.setWindowTitle("Finish the session")
        self.setAccessibleName("Finish the session")
        layout = QVBoxLayout(self)
        text = QLabel(message)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.minutes = QSpinBox()
        self.minutes.setObjectName("cpdMinutes")
        self.minutes.setAccessibleName("CPD time in minutes")
        self.minutes.setRange(1, 600)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(suggested)
        self.minutes.setSuffix(" minutes")
        form.addRow("CPD &time for each attendee", self.minutes)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Finish session"))


def ask_cpd_minutes(parent: QWidget, message: str, suggested: int) -> int | None:
    """Confirm finishing a session and the CPD time to record; None if cancelled."""
    dialog = FinishSessionDialog(parent, message, suggested)
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.minutes.value()


class TextDialog(QDialog):
    """Asks for one line of text, the prompt being the field's label."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, ok_text: str = "OK"):
        super().__init__(parent)
        self.setObjectName("textDialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        text = QLabel(prompt)
        text.setObjectName("textDialogPrompt")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.field = QLineEdit()
        self.field.setObjectName("textDialogField")
        self.field.setAccessibleName(title)
        self.field.setAccessibleDescription(prompt)
        text.setBuddy(self.field)
        layout.addWidget(self.field)
        layout.addWidget(_buttons(self, ok_text))
        self.setMinimumWidth(420)
        self.field.setFocus()


def ask_text(parent: QWidget, title: str, prompt: str) -> str | None:
    dialog = TextDialog(parent, title, prompt)
    return dialog.field.text() if dialog.exec() == QDialog.Accepted else None


def ask_typed_confirmation(parent: QWidget, title: str, message: str) -> str | None:
    """What the person typed to confirm a destructive action (such as a learner's name)."""
    return ask_text(parent, title, message)


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
