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


def test_table_columns_are_measured_again_at_200_percent(qtbot, window):
    """A finished date that fitted its column at 100% is not cut to '2026-11…' at 200%."""
    create_learner(qtbot, window, "Sam Ahmed")
    window.start_check("front-door")
    quiz = window.quiz
    while quiz.view.state.finished is False and quiz.view.current is not None:
        quiz.choose(1)
        qtbot.keyClick(quiz, Qt.Key_Return)
        qtbot.keyClick(quiz, Qt.Key_Return)
    window.go("progress")
    progress = window.progress
    progress.tabs.setCurrentIndex(1)
    view = progress.attempts_view
    qtbot.waitUntil(lambda: view.model().rowCount() > 0)
    window.appearance.set("light", 200)
    progress.tabs.setCurrentIndex(0)
    progress.tabs.setCurrentIndex(1)  # the tab is shown again at the new size
    qtbot.waitUntil(lambda: view.columnWidth(0) >= view.sizeHintForColumn(0), timeout=3000)
    window.appearance.set("light", 100)


def test_window_opens_within_a_small_laptop_screen(qapp, monkeypatch):
    """On a 1366×768 screen the window is made shorter than it would like, never off-screen."""
    from PySide6.QtCore import QRect, QSize

    from trainer.ui import main_window

    class Screen:
        def availableGeometry(self):  # noqa: N802 - Qt's name
            return QRect(0, 0, 1366, 768)

    monkeypatch.setattr(main_window.QApplication, "platformName", staticmethod(lambda: "xcb"))
    monkeypatch.setattr(main_window.QApplication, "primaryScreen", staticmethod(lambda: Screen()))
    size = main_window.fitted_size(QSize(1280, 820))
    assert size.height() <= 768 - 40 and size.width() == 1280


def test_module_reads_with_one_scroll_bar_and_its_actions_in_view(qtbot, window):
    """At 200%: the lesson scrolls as one page (no box of text scrolling inside it) and the
    knowledge check button stays on screen wherever you are in the text."""
    from PySide6.QtCore import QPoint

    create_learner(qtbot, window, "Sam Ahmed")
    window.resize(1280, 820)
    window.appearance.set("light", 200)
    window.open_module("front-door")
    module = window.module
    qtbot.waitUntil(lambda: module.text.height() > module.scroll.viewport().height())
    assert not module.text.verticalScrollBar().isVisible()
    bar = module.scroll.verticalScrollBar()
    for value in (0, bar.maximum()):
        bar.setValue(value)
        top = module.start_check.mapTo(window, QPoint(0, 0)).y()
        assert 0 <= top and top + module.start_check.height() <= window.height()
    window.appearance.set("light", 100)


def test_bar_chart_rows_grow_with_the_text(qtbot, qapp):
    """At 200% each bar has room for its label: the chart grows instead of squeezing rows."""
    from trainer.ui.manager_charts import BarChart

    chart = BarChart("needsChart", "Mean mark by topic")
    qtbot.addWidget(chart)
    chart.set_bars([(f"Topic {n}", n / 10) for n in range(10)])
    normal = chart.minimumHeight()
    apply_theme(qapp, "light", 2.0)
    chart.setFont(qapp.font())  # as the theme does for every widget
    large = chart.minimumHeight()
    apply_theme(qapp, "light", 1.0)
    assert large >= normal * 1.6
    assert large >= 10 * chart.fontMetrics().lineSpacing()
