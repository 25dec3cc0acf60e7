"""The Settings page and the keyboard shortcuts, driven through the real main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui_helpers import type_text
from trainer.services.context import Services
from trainer.services.facilitator import FacilitatorLock
from trainer.services.settings import SettingsService
from trainer.ui import dialogs


def open_settings(qtbot, window):
    learner = window.services.learners.add("Sam Okafor", "Social worker", "Assessment Team 2")
    window.set_learner(learner.id)
    row = next(r for r in range(window.nav.count())
               if window.nav.item(r).data(Qt.UserRole) == "settings")
    window.nav.setCurrentRow(row)
    assert window.stack.currentWidget() is window.settings_page
    return window.settings_page


def choose(qtbot, combo, data):
    """Pick a combo box entry with the keyboard, as a person would."""
    combo.setFocus()
    while combo.currentData() != data:
        qtbot.keyClick(combo, Qt.Key_Down)
        combo.activated.emit(combo.currentIndex())


def test_text_size_and_theme_apply_at_once_and_persist(qtbot, window):
    page = open_settings(qtbot, window)
    app = QApplication.instance()
    choose(qtbot, page.text_size, 150)
    assert app.property("trainerScale") == 1.5
    assert window.services.store.get_setting("text_size") == "150"
    assert app.font().pointSizeF() == 16.5
    choose(qtbot, page.theme, "high-contrast")
    assert app.property("trainerTheme") == "high-contrast"
    assert window.services.store.get_setting("theme") == "high-contrast"
    assert SettingsService(window.services.store).text_size == 150


def test_zoom_shortcuts_change_the_text_size_setting(qtbot, window):
    page = open_settings(qtbot, window)
    settings = window.services.settings
    qtbot.keyClick(window, Qt.Key_Equal, Qt.ControlModifier)
    assert settings.text_size == 110
    qtbot.keyClick(window, Qt.Key_Plus, Qt.ControlModifier)
    assert settings.text_size == 125
    assert page.text_size.currentData() == 125  # the page shows the change
    qtbot.keyClick(window, Qt.Key_Minus, Qt.ControlModifier)
    assert settings.text_size == 110
    qtbot.keyClick(window, Qt.Key_0, Qt.ControlModifier)
    assert settings.text_size == 100
    qtbot.keyClick(window, Qt.Key_Minus, Qt.ControlModifier)
    assert settings.text_size == 100  # never below normal
    for _ in range(6):
        qtbot.keyClick(window, Qt.Key_Equal, Qt.ControlModifier)
    assert settings.text_size == 200  # never above twice normal
    assert QApplication.instance().property("trainerScale") == 2.0


def test_back_and_full_screen_keys(qtbot, window):
    open_settings(qtbot, window)
    window.open_module("front-door")
    qtbot.keyClick(window, Qt.Key_Left, Qt.AltModifier)
    assert window.stack.currentWidget() is window.learn
    qtbot.keyClick(window.nav, Qt.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    quit_action = next(a for a in window.actions() if a.text() == "Quit")
    assert "Ctrl+Q" in [s.toString() for s in quit_action.shortcuts()]


def test_content_packs_are_added_removed_and_loaded_next_start(qtbot, window, tmp_path,
                                                               monkeypatch, library):
    page = open_settings(qtbot, window)
    assert page.packs_empty.isVisible()
    not_a_pack = tmp_path / "holiday photos"
    not_a_pack.mkdir()
    monkeypatch.setattr(dialogs, "ask_folder", lambda *args: not_a_pack)
    qtbot.mouseClick(page.add_pack, Qt.LeftButton)
    assert page.pack_error.isVisible()
    assert "holiday photos has no pack.yaml" in page.pack_error.text()
    assert window.services.settings.content_folders == []

    pack = tmp_path / "case review pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("id: case-review\n", encoding="utf-8")  # not a valid pack
    monkeypatch.setattr(dialogs, "ask_folder", lambda *args: pack)
    qtbot.mouseClick(page.add_pack, Qt.LeftButton)
    assert not page.pack_error.isVisible()
    assert page.packs.count() == 1 and page.packs.item(0).text() == str(pack.resolve())
    assert window.services.settings.content_folders == [pack.resolve()]

    # The next start loads the stored folder after any given with --content.
    loaded = []
    from trainer.content import cache

    monkeypatch.setattr(cache, "load_library_cached",
                        lambda folders: loaded.extend(folders) or library)
    again = Services.open(window.services.store.path, [tmp_path / "from-command-line"])
    again.close()
    assert loaded == [tmp_path / "from-command-line", pack.resolve()]

    qtbot.mouseClick(page.remove_pack, Qt.LeftButton)
    assert window.services.settings.content_folders == []
    assert page.packs_empty.isVisible()


def test_data_folder_is_shown(qtbot, window):
    page = open_settings(qtbot, window)
    path = window.services.store.path
    assert page.db_path.text() == str(path)
    assert page.data_folder.text() == str(path.parent)


def test_facilitator_pin_can_be_changed_only_with_the_current_one(qtbot, window):
    page = open_settings(qtbot, window)
    assert not page.pin_form.isVisible()
    assert "No facilitator PIN is set" in page.pin_intro.text()
    lock = FacilitatorLock(window.services.store)
    lock.set_pin("2468", "2468")
    page.refresh()
    assert page.pin_form.isVisible()

    type_text(page.current_pin, "2468")
    type_text(page.new_pin, "12")
    type_text(page.confirm_pin, "12")
    qtbot.mouseClick(page.change_pin, Qt.LeftButton)
    assert "New PIN must be 4 to 12 digits" in page.pin_errors["new_pin"].text()
    assert page.new_pin.hasFocus()

    page.new_pin.clear()
    page.confirm_pin.clear()
    type_text(page.new_pin, "97531")
    type_text(page.confirm_pin, "97531")
    qtbot.keyClick(page.confirm_pin, Qt.Key_Return)
    assert page.pin_done.isVisible()
    assert lock.unlock("97531")
    assert page.current_pin.text() == ""

    type_text(page.current_pin, "0000")
    type_text(page.new_pin, "1111")
    type_text(page.confirm_pin, "1111")
    qtbot.mouseClick(page.change_pin, Qt.LeftButton)
    assert "Current PIN is not right" in page.pin_errors["current_pin"].text()
    assert page.current_pin.accessibleDescription().startswith("Current PIN is not right")
    assert lock.unlock.__self__.store.get_setting("facilitator_pin_failures") == "1"
