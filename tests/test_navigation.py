"""The sidebar shows the section you are in, however you got there, and takes you back to its
start when you click it again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.test_gui_slice import create_learner


def nav_rect(window, key):
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            return item, window.nav.visualItemRect(item)
    raise AssertionError(key)


def test_sidebar_follows_a_module_opened_from_home(qtbot, window):
    create_learner(qtbot, window, "Sam Ahmed")
    assert window.stack.currentWidget() is window.home
    card = window.home.findChild(QWidget, "homeModule-front-door")
    qtbot.mouseClick(card, Qt.LeftButton)
    assert window.stack.currentWidget() is window.module
    learn, rect = nav_rect(window, "learn")
    assert window.nav.currentItem() is learn  # the sidebar says Learn, not Home

    # Clicking Learn, the section already shown, goes back to the list of modules.
    qtbot.mouseClick(window.nav.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.learn

    # And Home still works as before.
    home, rect = nav_rect(window, "home")
    qtbot.mouseClick(window.nav.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.home
    assert window.nav.currentItem() is home
