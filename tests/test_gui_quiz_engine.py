"""Every question type, review, retake, practice, the time limit and a branching case study,
driven through the real main window with clicks and keys, over a small test content pack."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui_helpers import click_link, open_window
from tests.test_gui_slice import create_learner
from trainer.quiz.model import QuestionType

MINI = Path(__file__).parent / "packs" / "mini"


@pytest.fixture(scope="module")
def mini_library():
    from trainer.content.library import load_library

    library = load_library([MINI], include_bundled=False)
    assert library.problems == []
    return library


@pytest.fixture
def mini_services(tmp_path, mini_library):
    from trainer.services.context import Services
    from trainer.store import Store

    svc = Services.build(Store.open(tmp_path / "data" / "trainer.db"), mini_library)
    yield svc
    svc.close()


@pytest.fixture
def mini_window(qtbot, mini_services):
    win = open_window(qtbot, mini_services)
    create_learner(qtbot, win, "Priya Shah")
    return win


def press(qtbot, window, key, modifier=Qt.NoModifier):
    """A key pressed where the focus is, as a person types."""
    target = window.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def db(window):
    return sqlite3.connect(window.services.store.path)


def open_module_card(qtbot, window, module_id="mini"):
    window.nav.setCurrentRow(1)
    qtbot.mouseClick(window.learn.cards[module_id], Qt.LeftButton)
    assert window.stack.currentWidget() is window.module


def number_of(quiz, option_id) -> int:
    return [b.property("optionId") for b in quiz.option_buttons].index(option_id) + 1


def answer_ordering(qtbot, window, quiz, question):
    editor = quiz.editor
    ways = iter(["alt", "grab", "button"] * 4)
    for target, option_id in enumerate(question.answer):
        row = list(editor.answer()).index(option_id)
        if row == target:
            continue
        press(qtbot, window, Qt.Key_1 + row)  # number key selects the step
        assert editor.list.currentRow() == row
        way = next(ways)
        if way == "grab":
            press(qtbot, window, Qt.Key_Space)
            assert "Moving step" in editor.state.text()
        for _ in range(row - target):
            if way == "alt":
                press(qtbot, window, Qt.Key_Up, Qt.AltModifier)
            elif way == "grab":
                press(qtbot, window, Qt.Key_Up)
            else:
                qtbot.mouseClick(editor.up, Qt.LeftButton)
        if way == "grab":
            press(qtbot, window, Qt.Key_Space)
        assert editor.answer()[target] == option_id
    assert editor.answer() == question.answer
    assert editor.list.item(0).text().startswith("1. ")


def answer_matching(qtbot, window, quiz, question):
    editor = quiz.editor
    assert not quiz.submit.isEnabled()  # every item needs a match first
    for number, item in enumerate(editor.items, start=1):
        press(qtbot, window, Qt.Key_0 + number)  # number key goes to the item
        box = editor.boxes[number - 1]
        assert window.focusWidget() is box
        while box.currentData() != item.match:
            press(qtbot, window, Qt.Key_Down)


def test_every_question_type_review_retake_and_practice(qtbot, mini_window):
    window = mini_window
    open_module_card(qtbot, window)
    assert "No time limit" in window.module.check_info.text()
    qtbot.mouseClick(window.module.start_check, Qt.LeftButton)
    quiz = window.quiz
    assert window.stack.currentWidget() is quiz
    view = quiz.view
    total = len(view.questions)
    assert {q.type for q in view.questions} == set(QuestionType)
    # The scenario set (two questions on one vignette) is drawn together.
    places = [i for i, q in enumerate(view.questions) if q.vignette]
    assert places[1] == places[0] + 1

    for index in range(total):
        question = view.current
        assert quiz.position.text() == f"Question {index + 1} of {total}"
        assert quiz.progress.value() == index
        if question.vignette:
            assert quiz.vignette.isVisible()
            assert "Case: Ali's referral" in quiz.vignette.text()
            assert f"question {places.index(index) + 1} of 2 about this case" in \
                quiz.vignette.text()
        else:
            assert not quiz.vignette.isVisible()
        if question.type is QuestionType.ORDERING:
            answer_ordering(qtbot, window, quiz, question)
        elif question.type is QuestionType.MATCHING:
            answer_matching(qtbot, window, quiz, question)
        elif question.type is QuestionType.SINGLE:
            wrong = next(o.id for o in question.options if o.id not in question.answer)
            press(qtbot, window, Qt.Key_0 + number_of(quiz, wrong))
            qtbot.mouseClick(quiz.confidence_buttons["sure"], Qt.LeftButton)
        elif question.type is QuestionType.MULTIPLE:
            assert "never goes below zero" in quiz.hint.text()
            for option_id in question.answer:
                press(qtbot, window, Qt.Key_0 + number_of(quiz, option_id))
        else:  # true/false
            assert [b.text() for b in quiz.option_buttons] == ["1. True", "2. False"]
            press(qtbot, window, Qt.Key_0 + number_of(quiz, question.answer[0]))
            qtbot.mouseClick(quiz.confidence_buttons["unsure"], Qt.LeftButton)
        assert quiz.submit.isEnabled(), (question.type, window.focusWidget(), quiz.chosen())
        press(qtbot, window, Qt.Key_Return)  # Enter submits
        saved = db(window).execute("SELECT answer, correct FROM responses WHERE question_id = ?",
                                   (question.id,)).fetchone()
        assert saved is not None, "the answer is saved before feedback shows"
        assert quiz.feedback_frame.isVisible()
        assert "In the report" in quiz.feedback_text.toPlainText()
        right = question.type is not QuestionType.SINGLE
        assert quiz.verdict.text() == ("Right" if right else "Not quite")
        assert bool(saved[1]) == right
        if question.type is QuestionType.ORDERING:
            assert "The right order, and why" in quiz.feedback_text.toPlainText()
        press(qtbot, window, Qt.Key_Return)  # Enter moves on

    assert window.stack.currentWidget() is window.result
    assert window.result.headline.text() == f"You passed — {total - 1} of {total}"
    calibration = window.result.calibration.text()
    assert "sure and wrong on 1 question (1 on consent)" in calibration
    assert "Unsure: 1 of 1 right" in calibration

    # Review: every question, the learner's answer, the right one, feedback and citations.
    attempt_id = quiz.view.attempt.id
    qtbot.mouseClick(window.result.review, Qt.LeftButton)
    assert window.stack.currentWidget() is window.review
    text = window.review.text.toPlainText()
    for question in quiz.view.questions:
        assert question.stem.strip() in text
    assert text.count("How sure:") == total
    assert "Not right" in text and "The right order, and why" in text
    assert "Each item and its match" in text
    click_link(qtbot, window.review.text, "cite:13")
    assert window.panel.isVisible() and window.panel.view.current_id == "13"

    # Retake from the review: a new attempt.
    qtbot.mouseClick(window.review.retake, Qt.LeftButton)
    assert window.stack.currentWidget() is quiz
    assert quiz.view.attempt.id != attempt_id

    # The wrong ("sure") and the unsure answers are due for practice; home says so.
    window.go("home")
    assert window.home.practice_label.text() == "Practice due: 2 questions"
    qtbot.mouseClick(window.home.practise_button, Qt.LeftButton)
    assert window.stack.currentWidget() is window.practise
    assert window.practise.due.text() == "2 questions due for practice"
    qtbot.mouseClick(window.practise.start, Qt.LeftButton)
    assert window.stack.currentWidget() is quiz
    for _ in range(2):
        question = quiz.view.current
        press(qtbot, window, Qt.Key_0 + number_of(quiz, question.answer[0]))
        qtbot.mouseClick(quiz.confidence_buttons["sure"], Qt.LeftButton)
        press(qtbot, window, Qt.Key_Return)
        assert quiz.verdict.text() == "Right"
        press(qtbot, window, Qt.Key_Return)
    assert window.stack.currentWidget() is window.practise
    assert "2 of 2 right" in window.practise.last.text()
    assert window.practise.due.text() == "Nothing is due now"
    rows = db(window).execute("SELECT box, retired FROM practice_queue").fetchall()
    assert rows == [(2, 0), (2, 0)]
    assert db(window).execute("SELECT COUNT(*) FROM practice_responses").fetchone()[0] == 2


def test_ordering_answer_survives_a_restart(qtbot, mini_window, mini_services):
    window = mini_window
    open_module_card(qtbot, window)
    qtbot.mouseClick(window.module.start_check, Qt.LeftButton)
    quiz = window.quiz
    answered = []
    while True:
        question = quiz.view.current
        if question.type is QuestionType.ORDERING:
            answer_ordering(qtbot, window, quiz, question)
        elif question.type is QuestionType.MATCHING:
            answer_matching(qtbot, window, quiz, question)
        else:
            press(qtbot, window, Qt.Key_1)
        press(qtbot, window, Qt.Key_Return)
        answered.append(question.id)
        if question.type in (QuestionType.ORDERING, QuestionType.MATCHING) and \
                not quiz.view.state.finished:
            break  # an ordering or matching answer is saved, and the attempt goes on
        press(qtbot, window, Qt.Key_Return)
    again = open_window(qtbot, mini_services)
    qtbot.mouseClick(again.home.findChild(type(again.module.start_check), "resumeAttempt"),
                     Qt.LeftButton)
    state = again.quiz.view.state
    assert list(state.answers) == answered
    assert again.quiz.position.text().startswith(f"Question {len(answered) + 1} of")


def test_branching_case_study_records_the_path_and_resumes(qtbot, mini_window, mini_services):
    window = mini_window
    open_module_card(qtbot, window)
    assert "Open the case study" in window.module.text.toPlainText()
    click_link(qtbot, window.module.text, "case:cs-mini")
    page = window.case_study
    assert window.stack.currentWidget() is page
    assert page.title.text() == "Case study: Ali's referral"
    assert "Fictional case study" in page.fictional.text()
    assert "Decision 1" in page.prompt.text()
    assert [b.text() for b in page.choice_buttons] == ["1. Phone the school now.",
                                                       "2. Wait for a better form."]
    press(qtbot, window, Qt.Key_1)
    steps = db(window).execute("SELECT node_id, choice_index, next_id FROM case_steps").fetchall()
    assert steps == [("contact", 0, "consent")], "the choice is saved before its consequence"
    assert "The call fills the gaps quickly" in page.text.toPlainText()
    assert "Phone the school now." in page.breadcrumb.text()
    press(qtbot, window, Qt.Key_Return)
    assert "Decision 2" in page.prompt.text()

    # Closing and reopening the app returns to the same point of the story.
    again = open_window(qtbot, mini_services)
    again.open_module("mini")
    qtbot.mouseClick(again.module.case_buttons[0], Qt.LeftButton)
    page = again.case_study
    assert "Decision 2" in page.prompt.text()
    assert page.breadcrumb.text() == "Your path: Start › Phone the school now."
    qtbot.mouseClick(page.choice_buttons[0], Qt.LeftButton)
    qtbot.mouseClick(page.continue_button, Qt.LeftButton)
    text = page.text.toPlainText()
    assert "Ending: Seen quickly, with the family on board" in text
    assert "Score: 100 out of 100" in text
    assert "What would have made the first form enough?" in text
    assert page.breadcrumb.text().endswith("› Seen quickly, with the family on board")
    run = db(again).execute("SELECT finished_at IS NOT NULL, ending_id, score FROM case_runs"
                            ).fetchone()
    assert run == (1, "end-good", 100)
    click_link(qtbot, page.text, "cite:13")
    assert again.panel.isVisible()

    # Start again: a new run; the first is kept.
    qtbot.mouseClick(page.restart, Qt.LeftButton)
    assert "Decision 1" in page.prompt.text()
    qtbot.mouseClick(page.choice_buttons[1], Qt.LeftButton)
    press(qtbot, again, Qt.Key_Return)
    assert "Score: 30 out of 100" in page.text.toPlainText()
    runs = db(again).execute("SELECT ending_id, score FROM case_runs ORDER BY id").fetchall()
    assert runs == [("end-good", 100), ("end-drift", 30)]
    qtbot.mouseClick(page.back, Qt.LeftButton)
    assert again.stack.currentWidget() is again.module


def test_time_limit_can_be_extended_or_turned_off(qtbot, mini_window):
    window = mini_window
    open_module_card(qtbot, window, "timed")
    assert "Time limit 1 minutes" in window.module.check_info.text()
    qtbot.mouseClick(window.module.start_check, Qt.LeftButton)
    quiz = window.quiz
    assert quiz.time_row.isVisible()
    assert quiz.time_left.text().startswith("Time left: ")
    press(qtbot, window, Qt.Key_1)
    assert quiz.submit.isEnabled()
    quiz.started -= 61  # a minute passes
    qtbot.waitUntil(lambda: quiz.time_left.text().startswith("Time is up"), timeout=3000)
    assert not quiz.submit.isEnabled()
    qtbot.mouseClick(quiz.extend_time, Qt.LeftButton)
    assert quiz.time_left.text().startswith("Time left: 9:5")
    assert quiz.submit.isEnabled()
    qtbot.mouseClick(quiz.stop_time, Qt.LeftButton)
    assert not quiz.time_row.isVisible()
    qtbot.mouseClick(quiz.submit, Qt.LeftButton)
    assert quiz.verdict.text() == "Answer saved"  # this quiz gives feedback at the end


def unnamed_controls(page):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QListWidget, QTextBrowser

    controls = [w for kind in (QAbstractButton, QComboBox, QListWidget, QTextBrowser)
                for w in page.findChildren(kind) if w.isVisible()]
    assert controls
    return [w for w in controls if not w.objectName() or not w.accessibleName()]


def test_every_control_has_a_name_and_an_accessible_name(qtbot, mini_window):
    window = mini_window
    window.open_module("mini")
    window.start_check("mini")
    quiz = window.quiz
    seen = set()
    while quiz.view.current is not None and len(seen) < len(quiz.view.questions):
        question = quiz.view.current
        seen.add(question.type)
        assert unnamed_controls(quiz) == [], question.type
        if question.type is QuestionType.MATCHING:
            for box in quiz.editor.boxes:
                box.setCurrentIndex(1)
        elif not quiz.chosen():
            quiz.choose(1)
        quiz.submit_answer()
        quiz.go_next()
    assert seen == set(QuestionType)
    window.open_case("mini", "cs-mini")
    assert unnamed_controls(window.case_study) == []
    window.go("practise")
    assert unnamed_controls(window.practise) == []
