"""What appears on screen after an action is also said by a screen reader at once: the verdict
on an answer, and what is wrong with a form."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.test_gui_slice import create_learner
from trainer.ui import widgets


def test_form_errors_are_announced_and_described(qtbot, window):
    widgets.ANNOUNCED.clear()
    qtbot.mouseClick(window.welcome.create_button, Qt.LeftButton)
    said = " ".join(widgets.ANNOUNCED)
    assert "Name is empty" in said and "Team is empty" in said
    assert "Name is empty" in window.welcome.name.accessibleDescription()


def test_answer_verdict_is_announced(qtbot, window):
    create_learner(qtbot, window, "Sam Ahmed")
    window.start_check("front-door")
    quiz = window.quiz
    widgets.ANNOUNCED.clear()
    quiz.choose(1)
    qtbot.keyClick(quiz, Qt.Key_Return)
    assert widgets.ANNOUNCED, "nothing was announced after the answer"
    last = widgets.ANNOUNCED[-1]
    assert last.startswith(quiz.verdict.text()) and "saved" in last
