"""At twice the text size, what a person needs next is brought into view."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.test_gui_slice import create_learner
from trainer.ui.app import make_app
from trainer.ui.theme import apply_theme


def test_feedback_scrolls_into_view_at_200_percent(qtbot, window):
    create_learner(qtbot, window, "Sam Ahmed")
    apply_theme(make_app(), "light", 2.0)
    window.resize(1280, 640)  # a laptop screen: the feedback always starts below the fold
    window.start_check("front-door")
    quiz = window.quiz
    assert window.stack.currentWidget() is quiz
    quiz.choose(1)
    qtbot.keyClick(quiz, Qt.Key_Return)
    assert quiz.feedback_frame.isVisible()
    viewport = quiz.scroll.viewport()

    def verdict_in_view() -> bool:
        top = quiz.verdict.mapTo(viewport, QPoint(0, 0)).y()
        return 0 <= top and top + quiz.verdict.height() <= viewport.height()

    qtbot.waitUntil(verdict_in_view, timeout=3000)
    assert quiz.scroll.verticalScrollBar().value() > 0  # it had to scroll to get there
    apply_theme(make_app(), "light", 1.0)


def test_sidebar_gives_its_room_back_when_text_gets_smaller(qtbot, window):
    """Ctrl+0 after 200%: the sidebar narrows again and the page starts right beside it."""
    create_learner(qtbot, window, "Sam Ahmed")
    window.resize(1280, 820)
    window.appearance.set("light", 200)
    qtbot.wait(50)
    wide = window.splitter.sizes()[0]
    qtbot.keyClick(window, Qt.Key_0, Qt.ControlModifier)
    qtbot.wait(50)
    assert window.services.settings.text_size == 100
    assert window.splitter.sizes()[0] <= window.sidebar.maximumWidth() < wide
    assert window.stack.geometry().left() <= window.sidebar.maximumWidth() + 12
