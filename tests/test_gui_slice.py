"""The walking skeleton, driven through the real main window as a new learner would."""

from __future__ import annotations

import sqlite3

from pypdf import PdfReader
from PySide6.QtCore import Qt

from tests.gui_helpers import click_link, type_text
from trainer.ui import dialogs


def create_learner(qtbot, window, name="Zoë O'Brien <Team Lead> & Co"):
    page = window.welcome
    type_text(page.name, name)
    type_text(page.role.lineEdit(), "Social worker")
    type_text(page.team, "MASH team")
    qtbot.mouseClick(page.create_button, Qt.LeftButton)


def test_first_run_validates_each_field(qtbot, window):
    assert window.stack.currentWidget() is window.welcome
    qtbot.mouseClick(window.welcome.create_button, Qt.LeftButton)
    assert window.welcome.errors["name"].isVisible()
    assert "Name is empty" in window.welcome.errors["name"].text()
    assert "Team is empty" in window.welcome.errors["team"].text()
    assert window.services.learners.all() == []


def test_whole_slice(qtbot, window, tmp_path, monkeypatch):
    name = "Zoë O'Brien <Team Lead> & Co"
    create_learner(qtbot, window, name)
    assert window.stack.currentWidget() is window.home
    assert name in window.learner_label.text()

    # Learn → the front door module.
    window.nav.setCurrentRow(1)
    card = window.learn.cards["front-door"]
    qtbot.mouseClick(card, Qt.LeftButton)
    assert window.stack.currentWidget() is window.module
    assert "The front door" in window.module.title.text()

    # Follow a citation: the report opens beside the lesson at that paragraph.
    click_link(qtbot, window.module.text, "cite:13")
    assert window.panel.isVisible()
    assert window.panel.view.current_id == "13"
    assert "24-hour target" in window.panel.view.highlighted_text()
    assert "Open Government Licence" in window.panel.view.attribution.text()
    qtbot.mouseClick(window.panel.close_button, Qt.LeftButton)

    # Answer every question by clicking; the first few wrong, then right.
    qtbot.mouseClick(window.module.start_check, Qt.LeftButton)
    quiz = window.quiz
    assert window.stack.currentWidget() is quiz
    db_path = window.services.store.path
    answered = 0
    while True:
        view = quiz.view
        question = view.current
        assert quiz.position.text() == f"Question {answered + 1} of {len(view.questions)}"
        right = set(question.answer)
        choose_wrong = answered == 0
        for widget in quiz.option_buttons:
            option = widget.property("optionId")
            if (option in right) != choose_wrong:
                qtbot.mouseClick(widget, Qt.LeftButton, pos=widget.rect().center())
                if choose_wrong:
                    break
        qtbot.mouseClick(quiz.confidence_buttons["sure"], Qt.LeftButton)
        qtbot.mouseClick(quiz.submit, Qt.LeftButton)
        answered += 1
        # The answer is in the database before the feedback is on screen.
        saved = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM responses").fetchone()[0]
        assert saved == answered
        assert quiz.feedback_frame.isVisible()
        assert quiz.verdict.text() in ("Right", "Not quite") or "Partly" in quiz.verdict.text()
        assert "In the report" in quiz.feedback_text.toPlainText()
        if answered == 1:
            assert quiz.verdict.text() != "Right"
            click_link(qtbot, quiz.feedback_text, f"cite:{question.cites[0]}")
            assert window.panel.isVisible()
        last = view.state.finished
        qtbot.mouseClick(quiz.next, Qt.LeftButton)
        if last:
            break

    assert window.stack.currentWidget() is window.result
    total = len(quiz.view.questions)
    assert window.result.headline.text() == f"You passed — {total - 1} of {total}"
    assert "sure and wrong on 1" in window.result.calibration.text()

    out = tmp_path / "my certificate.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *args: out)
    qtbot.mouseClick(window.result.save_certificate, Qt.LeftButton)
    assert out.exists()
    text = PdfReader(out).pages[0].extract_text()
    assert name in text
    assert "The front door: MASH, thresholds and timely decisions" in text
    assert f"Score: {total - 1} out of {total}" in text

    conn = sqlite3.connect(db_path)
    attempt = conn.execute("SELECT passed, score, max_score, pack_id, pack_version FROM attempts"
                           ).fetchone()
    assert attempt[:3] == (1, total - 1, total)
    assert attempt[3] == "southwark-2017"
    code = conn.execute("SELECT code FROM certificates").fetchone()[0]
    assert code in window.result.certificate_note.text()


def test_keyboard_answers_and_resume(qtbot, window, services):
    create_learner(qtbot, window, "Sam Taylor")
    window.open_module("front-door")
    window.module.start_check.click()
    quiz = window.quiz
    first = quiz.view.current
    qtbot.keyClick(quiz, Qt.Key_1)
    assert quiz.option_buttons[0].isChecked()
    qtbot.keyClick(quiz, Qt.Key_Return)
    assert quiz.feedback_frame.isVisible()
    attempt_id = quiz.view.attempt.id

    # A new window over the same database (the app reopened) resumes at question 2.
    from trainer.ui.main_window import MainWindow

    again = MainWindow(services)
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.home
    resume = again.home.findChild(type(again.module.start_check), "resumeAttempt")
    assert resume is not None
    qtbot.mouseClick(resume, Qt.LeftButton)
    assert again.quiz.view.attempt.id == attempt_id
    assert again.quiz.position.text().startswith("Question 2 of")
    assert first.id in again.quiz.view.state.answers
