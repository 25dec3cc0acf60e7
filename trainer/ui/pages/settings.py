"""Settings: text size, theme, where the data lives, extra content packs and the facilitator PIN.

Appearance changes apply at once (the main window re-applies the theme); content packs load on the
next start. Everything is kept in the settings table.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.services.errors import FieldError
from trainer.services.settings import SettingsService
from trainer.ui import dialogs
from trainer.ui.theme import SPACE, TEXT_SIZES, THEME_CHOICES
from trainer.ui.widgets import Card, add_field_row, button, field_label, label, scroll_body, show_field_error


def _combo(name: str, accessible: str, description: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setAccessibleDescription(description)
    combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
    return combo


def _pin_field(name: str, accessible: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    field.setEchoMode(QLineEdit.Password)
    field.setMaxLength(12)
    field.setInputMethodHints(Qt.ImhDigitsOnly)
    return field


class SettingsPage(QWidget):
    appearance_changed = Signal(str, int)  # theme choice, text size in per cent

    def __init__(self, settings: SettingsService, loaded_packs: list[str] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.settings = settings
        self.loaded_packs = loaded_packs or []
        column = QVBoxLayout(scroll_body(self, "settingsScroll", "Settings"))
        column.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], SPACE["xl"])
        column.setSpacing(SPACE["l"])
        column.addWidget(label("Settings", role="h1", name="settingsTitle"))
        column.addWidget(label("Changes to text size and theme apply at once and are kept for next "
                               "time.", role="muted"))
        column.addWidget(self._appearance_card())
        column.addWidget(self._content_card())
        column.addWidget(self._data_card())
        column.addWidget(self._pin_card())
        column.addStretch(1)
        self.refresh()

    # -- build -----------------------------------------------------------------------------
    def _appearance_card(self) -> Card:
        card = Card("appearanceCard")
        card.body.addWidget(label("Appearance", role="h2"))
        form = QFormLayout()
        form.setSpacing(SPACE["m"])
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        self.text_size = _combo("textSize", "Text size",
                                "Makes all text larger, up to twice the normal size. Ctrl+plus "
                                "and Ctrl+minus change it too; Ctrl+0 goes back to normal.")
        for size in TEXT_SIZES:
            self.text_size.addItem(f"{size}%" + (" (normal)" if size == 100 else ""), size)
        self.theme = _combo("themeChoice", "Theme",
                            "Colours of the app. 'Same as the system' follows your computer's "
                            "light, dark or high contrast setting.")
        for key, text in THEME_CHOICES:
            self.theme.addItem(text, key)
        form.addRow(field_label("Te&xt size", self.text_size), self.text_size)
        form.addRow(field_label("T&heme", self.theme), self.theme)
        card.body.addLayout(form)
        card.body.addWidget(label("Shortcuts: Ctrl+plus and Ctrl+minus change the text size, Ctrl+0 "
                                  "resets it, F11 toggles full screen, Alt+Left goes back, Ctrl+Q "
                                  "quits.", role="muted", name="shortcutsHelp"))
        self.text_size.activated.connect(self._appearance_picked)
        self.theme.activated.connect(self._appearance_picked)
        return card

    def _content_card(self) -> Card:
        card = Card("contentPacksCard")
        card.body.addWidget(label("Extra content packs", role="h2"))
        card.body.addWidget(label("Add your own training packs (for example, the learning from a "
                                  "local case review) in the same format as the built-in one. "
                                  "Added or removed packs load the next time the app starts.",
                                  role="muted"))
        self.loaded_note = label("", name="loadedPacks")
        card.body.addWidget(self.loaded_note)
        self.packs = QListWidget()
        self.packs.setObjectName("contentPackList")
        self.packs.setAccessibleName("Extra content pack folders")
        self.packs.setMinimumHeight(90)
        self.packs_empty = label("No extra packs yet. Choose 'Add a pack folder…' to add one.",
                                 role="muted", name="contentPacksEmpty")
        card.body.addWidget(self.packs_empty)
        card.body.addWidget(self.packs)
        self.pack_error = label("", role="error", name="contentPackError")
        self.pack_error.hide()
        card.body.addWidget(self.pack_error)
        row = QHBoxLayout()
        self.add_pack = button("Add a pack folder…", "addContentPack",
                               description="Choose a folder that holds a pack.yaml file")
        self.remove_pack = button("Remove selected", "removeContentPack",
                                  accessible="Remove the selected pack folder")
        row.addWidget(self.add_pack)
        row.addWidget(self.remove_pack)
        row.addStretch(1)
        card.body.addLayout(row)
        self.add_pack.clicked.connect(self._add_pack)
        self.remove_pack.clicked.connect(self._remove_pack)
        self.packs.currentRowChanged.connect(lambda _row: self._update_pack_buttons())
        return card

    def _data_card(self) -> Card:
        card = Card("dataCard")
        card.body.addWidget(label("Where your data is kept", role="h2"))
        card.body.addWidget(label("Learners, answers and certificates are kept on this computer "
                                  "only. Back up this folder to keep them safe.", role="muted"))
        path = self.settings.store.path
        self.data_folder = label(str(path.parent) if path else "(in memory)", name="dataFolder",
                                 selectable=True)
        self.data_folder.setAccessibleName("Data folder")
        self.db_path = label(str(path) if path else "(in memory)", name="databasePath",
                             selectable=True)
        self.db_path.setAccessibleName("Database file")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.addRow(label("Data folder", wrap=False), self.data_folder)
        form.addRow(label("Database file", wrap=False), self.db_path)
        card.body.addLayout(form)
        return card

    def _pin_card(self) -> Card:
        card = Card("pinCard")
        card.body.addWidget(label("Facilitator PIN", role="h2"))
        self.pin_intro = label("", role="muted", name="pinIntro")
        card.body.addWidget(self.pin_intro)
        self.pin_form = QWidget()
        self.pin_form.setObjectName("pinForm")
        form = QFormLayout(self.pin_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(SPACE["s"])
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.current_pin = _pin_field("currentPin", "Current PIN")
        self.new_pin = _pin_field("newPin", "New PIN")
        self.new_pin.setAccessibleDescription("4 to 12 digits")
        self.confirm_pin = _pin_field("confirmPin", "New PIN again")
        self.pin_fields = {"current_pin": self.current_pin, "new_pin": self.new_pin,
                           "confirm": self.confirm_pin}
        self.pin_errors = {}
        for key, text, widget in (("current_pin", "C&urrent PIN", self.current_pin),
                                  ("new_pin", "&New PIN (4 to 12 digits)", self.new_pin),
                                  ("confirm", "New PIN a&gain", self.confirm_pin)):
            self.pin_errors[key] = add_field_row(form, text, widget,
                                                 f"{widget.objectName()}Error")
        self.change_pin = button("Change PIN", "changePin", role="primary")
        form.addRow("", self.change_pin)
        card.body.addWidget(self.pin_form)
        self.pin_done = label("", role="success", name="pinChanged")
        self.pin_done.hide()
        card.body.addWidget(self.pin_done)
        self.change_pin.clicked.connect(self._change_pin)
        self.confirm_pin.returnPressed.connect(self._change_pin)
        return card

    # -- show ------------------------------------------------------------------------------
    def refresh(self) -> None:
        size = self.settings.text_size
        if self.text_size.findData(size) < 0:
            self.text_size.addItem(f"{size}%", size)
        self.text_size.setCurrentIndex(self.text_size.findData(size))
        self.theme.setCurrentIndex(max(0, self.theme.findData(self.settings.theme)))
        self.loaded_note.setText("Loaded now: " + (", ".join(self.loaded_packs) or "none"))
        self.packs.clear()
        for folder in self.settings.content_folders:
            item = QListWidgetItem(str(folder))
            item.setData(Qt.UserRole, str(folder))
            self.packs.addItem(item)
        has = self.packs.count() > 0
        self.packs.setVisible(has)
        self.packs_empty.setVisible(not has)
        if has:
            self.packs.setCurrentRow(0)
        self._update_pack_buttons()
        pin_set = self.settings.pin_is_set
        self.pin_form.setVisible(pin_set)
        self.pin_intro.setText(
            "The PIN guards Group sessions and Manage. To change it, type the current PIN, then "
            "the new one twice." if pin_set else
            "No facilitator PIN is set. It is set the first time someone opens Manage or Group "
            "sessions; you can change it here after that.")

    def _update_pack_buttons(self) -> None:
        self.remove_pack.setEnabled(self.packs.currentItem() is not None)

    def sync_appearance(self, theme: str, size: int) -> None:
        """Show a change made elsewhere (the zoom shortcuts) without emitting it again."""
        if self.text_size.findData(size) < 0:
            self.text_size.addItem(f"{size}%", size)
        self.text_size.setCurrentIndex(self.text_size.findData(size))
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))

    # -- act -------------------------------------------------------------------------------
    def _appearance_picked(self) -> None:
        size = self.settings.set_text_size(int(self.text_size.currentData()))
        theme = self.settings.set_theme(str(self.theme.currentData()))
        self.appearance_changed.emit(theme, size)

    def _show_pack_error(self, message: str) -> None:
        self.pack_error.setText(message)
        self.pack_error.setVisible(bool(message))

    def _add_pack(self) -> None:
        folder = dialogs.ask_folder(self, "Choose a content pack folder", Path.home())
        if folder is None:
            return
        try:
            added = self.settings.add_content_folder(folder)
        except FieldError as exc:
            self._show_pack_error(str(exc))
            return
        self._show_pack_error("")
        self.refresh()
        self.packs.setCurrentRow(self.packs.count() - 1)
        self.loaded_note.setText(f"Added {added}. It loads the next time the app starts.")

    def _remove_pack(self) -> None:
        item = self.packs.currentItem()
        if item is None:
            return
        folder = Path(item.data(Qt.UserRole))
        self.settings.remove_content_folder(folder)
        self._show_pack_error("")
        self.refresh()
        self.loaded_note.setText(f"Removed {folder}. The change applies the next time the app "
                                 "starts.")
        (self.packs if self.remove_pack.isEnabled() else self.add_pack).setFocus()

    def _set_pin_error(self, key: str, message: str) -> None:
        show_field_error(self.pin_errors[key], self.pin_fields[key], message,
                         "4 to 12 digits" if key == "new_pin" else "")

    def _change_pin(self) -> None:
        for key in self.pin_errors:
            self._set_pin_error(key, "")
        self.pin_done.hide()
        try:
            self.settings.change_pin(self.current_pin.text(), self.new_pin.text(),
                                     self.confirm_pin.text())
        except FieldError as exc:
            key = exc.field if exc.field in self.pin_errors else "new_pin"
            self._set_pin_error(key, str(exc))
            self.pin_fields[key].setFocus()
            return
        for field in self.pin_fields.values():
            field.clear()
        self.pin_done.setText("The facilitator PIN has been changed.")
        self.pin_done.show()
