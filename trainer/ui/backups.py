"""Backups: make one now, or restore one. The records as they are are backed up before a restore."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QTableView, QVBoxLayout

from trainer.services.backups import BackupService
from trainer.services.errors import UserError
from trainer.store.backup import BackupInfo
from trainer.ui import dialogs
from trainer.ui.theme import SPACE
from trainer.ui.widgets import button, fit_to_text, label

REASONS = {"manual": "Made by hand", "auto": "Automatic", "before-restore": "Before a restore",
           "before-import": "Before a content import"}


def reason_text(reason: str) -> str:
    if reason.startswith("before-upgrade"):
        return "Before an upgrade"
    return REASONS.get(reason.rsplit("-", 1)[0] if reason[-1:].isdigit() else reason,
                       reason.replace("-", " ").capitalize())


class BackupTableModel(QAbstractTableModel):
    HEADERS = ("Taken", "Why", "Size")

    def __init__(self, backups: list[BackupInfo] | None = None):
        super().__init__()
        self.backups = backups or []

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.backups = backups
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return None
        backup = self.backups[index.row()]
        return (f"{backup.taken_at.astimezone():%d %B %Y, %H:%M}", reason_text(backup.reason),
                f"{max(1, backup.size // 1024)} KB")[index.column()]


class BackupsDialog(QDialog):
    restored = Signal()

    def __init__(self, backups: BackupService, parent=None):
        super().__init__(parent)
        self.service = backups
        self.setObjectName("backupsDialog")
        self.setWindowTitle("Backups")
        self.setAccessibleName("Backups")
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE["m"])
        layout.addWidget(label("Backups", role="h2", name="backupsTitle"))
        folder = str(backups.folder) if backups.folder else "(none)"
        layout.addWidget(label(
            "A backup is made every 30 minutes while the app is in use and something has "
            "changed, and always before an upgrade, a restore or a content import. Older backups "
            "are thinned to one a day, one a week and one a month.", role="muted"))
        self.folder = label(f"Folder: {folder}", role="muted", name="backupsFolder",
                            selectable=True)
        layout.addWidget(self.folder)
        self.model = BackupTableModel()
        self.table = QTableView()
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName("Backups, newest first")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.status = label("", name="backupsStatus", selectable=True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.backup_button = button("Back up now", "backupNow", role="primary")
        self.restore_button = button("Restore selected backup…", "restoreBackup",
                                     description="Replace the records with the selected backup")
        self.close_button = button("Close", "closeBackups")
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.resize(620, 420)
        fit_to_text(self, 620, grow_only=True)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_backups(self.service.list())
        if self.model.backups:
            self.table.selectRow(0)
        else:
            self.status.setText("No backups yet.")
        self._update()

    def _update(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()] if rows else None

    def backup_now(self) -> None:
        try:
            path = self.service.backup_now("manual")
        except UserError as exc:
            dialogs.show_error(self, "No backup made", str(exc))
            return
        self.refresh()
        self.status.setText(f"Backed up to {path.name}.")

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        if not dialogs.confirm(self, "Restore this backup?",
                               f"Replace the training records with the backup of {backup.label}? "
                               "Anything saved since then will be replaced; the records as they "
                               "are now are backed up first, so this can be undone."):
            return
        try:
            safety = self.service.restore(backup.path)
        except UserError as exc:
            dialogs.show_error(self, "Not restored", str(exc))
            return
        self.refresh()
        self.status.setText(f"Restored the backup of {backup.label}. The records as they were "
                            f"are kept in {safety.name}.")
        self.restored.emit()
