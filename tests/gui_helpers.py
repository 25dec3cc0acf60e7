"""Helpers for driving the real window as a person would."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser


def open_window(qtbot, services):
    """The real main window over ``services``, themed, shown and exposed."""
    from trainer.ui.app import make_app
    from trainer.ui.main_window import MainWindow
    from trainer.ui.theme import apply_theme

    apply_theme(make_app())
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def click_link(qtbot, browser: QTextBrowser, href: str) -> None:
    """Scroll to the link with this target and click it with the mouse."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                rect = browser.cursorRect(cursor)
                qtbot.mouseClick(browser.viewport(), Qt.LeftButton, pos=rect.center())
                return
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href} in {browser.objectName()}")


def type_text(widget, text: str) -> None:
    """Type any text, letters outside ASCII included (QTest.keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else Qt.Key_unknown
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.NoModifier, ch))


def link_targets(browser: QTextBrowser) -> list[str]:
    """The target of each link a reader sees, in order (a link split into pieces counts once)."""
    targets: list[str] = []
    block = browser.document().begin()
    while block.isValid():
        previous = ""
        iterator = block.begin()
        while not iterator.atEnd():
            href = iterator.fragment().charFormat().anchorHref()
            if href and href != previous:
                targets.append(href)
            previous = href
            iterator += 1
        block = block.next()
    return targets


def modal_titles(action, then=None) -> list[str]:
    """Run ``action``, which opens a modal dialog; note its title and close it (after calling
    ``then(dialog)``, if given, while it is open). Returns the titles seen."""
    titles: list[str] = []

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        titles.append(dialog.windowTitle())
        if then is not None:
            then(dialog)
        dialog.accept()

    QTimer.singleShot(0, read)
    action()
    return titles
