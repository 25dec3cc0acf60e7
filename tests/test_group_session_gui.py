"""A whole group session for twelve people, run through the real window as a facilitator would:
set the PIN, plan, present every step, collect answers both ways, reveal, finish, certify, report.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from tests.gui_helpers import click_link, modal_titles, type_text
from tests.test_gui_slice import create_learner
from trainer.quiz.model import QuestionType
from trainer.services.session_steps import LETTERS
from trainer.ui import dialogs

PROFILES = [("Amara Okafor", "Social worker", "Assessment Team 1"),
            ("Ben Clarke", "Senior practitioner", "Assessment Team 1"),
            ("Chloé Martin", "Social worker", "MASH"),
            ("Dev Patel", "Team manager", "MASH"),
            ("Ewa Nowak", "Social worker", "Assessment Team 2"),
            ("Femi Adeyemi", "Personal adviser", "Leaving care"),
            ("Grace Liu", "Independent reviewing officer", "Quality assurance"),
            ("Hamza Ali", "Student social worker", "Assessment Team 2")]
QUICK = [("Isla Brown", "Social worker", "Family support"),
         ("Jonas Weber", "Senior practitioner", "Family support"),
         ("Kemi Lawal", "Social worker", "MASH"),
         ("Łucja Żak", "Child protection chair", "Safeguarding")]
ABSENT = "Hamza Ali"
SHOTS = os.environ.get("TRAINER_SCREENSHOTS")


def shot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def pdf_text(path: Path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(path).pages).split())


def tick(qtbot, listwidget, item) -> None:
    listwidget.setCurrentItem(item)
    qtbot.keyClick(listwidget, Qt.Key_Space)


def set_spin(qtbot, box, value: int) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, str(value))


def audience_text(audience) -> str:
    return "\n".join(w.text() for w in (audience.header, audience.title, audience.body,
                                        audience.source))


def unlock_with(monkeypatch, calls):
    def new_pin(_parent, message=""):
        calls.append(("new", message))
        return ("12", "12") if len(calls) == 1 else ("4827", "4827")

    monkeypatch.setattr(dialogs, "ask_new_pin", new_pin)
    monkeypatch.setattr(dialogs, "ask_pin", lambda _p, message="": "4827")


def plan_session(qtbot, window, monkeypatch):
    create_learner(qtbot, window, "Priya Shah")
    for name, role, team in PROFILES:
        window.services.learners.add(name, role, team)
    calls: list = []
    unlock_with(monkeypatch, calls)
    window.go("sessions")
    group = window.group
    assert window.stack.currentWidget() is group.page
    # First use: the PIN is set (a too-short one is refused with the reason), never stored plain.
    assert calls[0] == ("new", "") and "4 to 12 digits" in calls[1][1]
    db = sqlite3.connect(window.services.store.path)
    assert "4827" not in str(db.execute("SELECT value FROM settings").fetchall())
    empty = group.page.list.findChild(type(window.learner_label), "sessionsEmpty")
    assert empty.text() == "No sessions yet — plan one for your next team meeting"
    shot(window, "sessions-empty")

    qtbot.mouseClick(group.page.list.plan_button, Qt.LeftButton)
    plan = group.page.plan
    assert group.page.inner.currentWidget() is plan
    plan.module.setCurrentIndex(plan.module.findData("front-door"))
    type_text(plan.place, "Training room 2")
    assert plan.facilitator.text() == "Priya Shah"
    set_spin(qtbot, plan.questions, 4)
    # Save with nobody invited: the attendees error names what to do.
    qtbot.mouseClick(plan.save, Qt.LeftButton)
    assert "Add at least one attendee" in plan.errors["attendees"].text()
    assert window.services.sessions.sessions()["planned"] == []
    for name, _role, _team in PROFILES:
        tick(qtbot, plan.people, plan.person_item(name))
    assert plan.errors["attendees"].isHidden()
    # Quick add: a bad entry is refused with the field named, then four people are added.
    type_text(plan.quick_name, "Isla Brown")
    qtbot.mouseClick(plan.quick_add, Qt.LeftButton)
    assert "Team is empty" in plan.quick_error.text()
    plan.quick_name.clear()
    for name, role, team in QUICK:
        type_text(plan.quick_name, name)
        type_text(plan.quick_role.lineEdit(), role)
        type_text(plan.quick_team, team)
        qtbot.mouseClick(plan.quick_add, Qt.LeftButton)
    assert plan.chosen_count.text() == "12 invited"
    shot(window, "plan")
    qtbot.mouseClick(plan.save, Qt.LeftButton)
    assert group.page.inner.currentWidget() is group.page.list
    session = window.services.sessions.sessions()["planned"][0]
    assert len(window.services.sessions.attendees(session.id)) == 12
    assert session.place == "Training room 2" and session.question_count == 4
    return session


def test_whole_group_session_for_twelve(qtbot, window, monkeypatch, tmp_path):
    session = plan_session(qtbot, window, monkeypatch)
    services = window.services
    group = window.group
    start = group.page.list.cards[session.id].findChild(type(group.page.list.plan_button),
                                                        f"startSession-{session.id}")
    qtbot.mouseClick(start, Qt.LeftButton)
    console = group.console
    assert window.stack.currentWidget() is console
    run = console.run
    names = {a.learner_id: a.name for a in services.sessions.attendees(session.id)}
    assert len(names) == 12

    # The audience view: one screen here, so a window that F11 makes full screen.
    qtbot.mouseClick(console.audience_button, Qt.LeftButton)
    audience = console.audience
    qtbot.waitExposed(audience)
    assert "F11" in console.where.text()
    assert window.minimumSizeHint().height() <= 768  # a common council laptop screen
    qtbot.keyClick(audience, Qt.Key_F11)
    qtbot.waitUntil(audience.isFullScreen)
    qtbot.keyClick(audience, Qt.Key_F11)
    qtbot.waitUntil(lambda: not audience.isFullScreen())
    audience.resize(1280, 720)

    # Attendance: everyone but one.
    for learner_id, name in names.items():
        if name != ABSENT:
            tick(qtbot, console.attendee_list, console.attendee_item(learner_id))
    assert console.present_count.text() == "Attendance: 11 of 12 present"
    present_ids = [lid for lid, n in names.items() if n != ABSENT]

    db = sqlite3.connect(services.store.path)
    question_number = 0
    hands_summaries: list[str] = []
    for position in range(len(run.steps)):
        step = run.steps[position]
        assert console.position == position
        assert db.execute("SELECT current_step FROM sessions").fetchone()[0] == position
        assert step.title in console.step_title.text()
        text = audience_text(audience)
        assert step.title in text
        if step.kind == "question":
            question_number += 1
            question = step.question
            assert console.collect_card.height() > 150  # room to collect, not squeezed away
            letters = dict(zip((o.id for o in step.options), LETTERS, strict=False))
            right = [letters[a] for a in question.answer]
            wrong = [letters[o.id] for o in step.options if o.id not in question.answer]
            if question_number % 2 == 1:  # a show of hands
                # Hands can say who was right only where one option is the whole answer.
                hands_summaries.append("Collected by show of hands: 11 answered" + (
                    ", 7 right" if question.type in (QuestionType.SINGLE, QuestionType.TRUEFALSE)
                    else ""))
                assert console.mode_buttons["hands"].isChecked()
                set_spin(qtbot, console.tally_boxes[right[0]], 7)
                set_spin(qtbot, console.tally_boxes[wrong[0]], 4)
                saved = dict(db.execute("SELECT option_id, count FROM session_tallies WHERE "
                                        "question_id = ?", (question.id,)).fetchall())
                assert sorted(saved.values()) == [4, 7]
            else:  # person by person
                qtbot.mouseClick(console.mode_buttons["attendee"], Qt.LeftButton)
                for index, learner_id in enumerate(present_ids):
                    picks = right if index < 8 else wrong[:1]
                    for letter in picks:
                        qtbot.mouseClick(console.answer_buttons[(learner_id, letter)],
                                         Qt.LeftButton)
                count = db.execute("SELECT COUNT(*), SUM(correct) FROM session_responses "
                                   "WHERE question_id = ?", (question.id,)).fetchone()
                assert count == (11, 8)
            # Before the reveal the room sees no counts; then the answer, the words and the spread.
            assert not audience.chart.isVisible()
            shot(audience, f"audience-question-{question_number}")
            qtbot.mouseClick(console.reveal_button, Qt.LeftButton)
            assert db.execute("SELECT revealed_at IS NOT NULL FROM session_steps WHERE "
                              "position = ?", (position,)).fetchone()[0] == 1
            assert audience.chart.isVisible()
            assert "Open Government Licence" in audience.source.text()
            assert "¶" in audience.source.text()
            assert any(line in audience.body.text() for line in
                       (f"{letter}. " for letter in right))
            expected = 7 if question_number % 2 == 1 else 8
            assert any(bar.count == expected and bar.right for bar in audience.chart.bars)
            shot(audience, f"audience-reveal-{question_number}")
            shot(window, f"console-question-{question_number}")
        if position in (0, 4):
            type_text(console.notes, f"Notes on step {position + 1}: the group talked about "
                                     "consent.")
        if position == 1:
            shot(window, "console-points")
            shot(audience, "audience-points")
        if position == 4:
            shot(audience, "audience-case")
        # Never any learner's personal data on the projector.
        for name in names.values():
            assert name not in audience_text(audience)
        if position + 1 < len(run.steps):
            qtbot.mouseClick(console.next, Qt.LeftButton)
    assert question_number == 4
    assert not console.next.isEnabled()
    notes = [r[0] for r in db.execute("SELECT notes FROM session_steps WHERE notes != '' "
                                      "ORDER BY position")]
    assert notes == ["Notes on step 1: the group talked about consent.",
                     "Notes on step 5: the group talked about consent."]

    # Finish: confirm the CPD time; attendance and CPD rows are written.
    asked = []
    monkeypatch.setattr(dialogs, "ask_cpd_minutes",
                        lambda _p, message, suggested: asked.append(message) or 60)
    qtbot.mouseClick(console.finish_button, Qt.LeftButton)
    assert "11 of 12" in asked[0]
    assert window.stack.currentWidget() is group.page
    assert console.audience is None
    row = db.execute("SELECT status, cpd_minutes, ended_at IS NOT NULL FROM sessions").fetchone()
    assert row == ("finished", 60, 1)
    assert db.execute("SELECT COUNT(*) FROM session_attendees WHERE present = 1").fetchone() == (
        11,)
    cpd = db.execute("SELECT activity, module_id, minutes, date FROM group_learning").fetchall()
    assert len(cpd) == 11
    assert set(cpd) == {("Group learning with peer discussion", "front-door", 60,
                         session.scheduled_for[:10])}
    absent_id = next(lid for lid, n in names.items() if n == ABSENT)
    assert services.store.group_learning_for(absent_id) == []

    # Certificates for everyone present, in one action, off the UI thread.
    folder = tmp_path / "certificates"
    monkeypatch.setattr(dialogs, "ask_folder", lambda *_args: folder)
    monkeypatch.setattr(dialogs, "show_info", lambda *_args: None)
    card = group.page.list.cards[session.id]
    certs_button = card.findChild(type(group.page.list.plan_button),
                                  f"sessionCertificates-{session.id}")
    with qtbot.waitSignal(group.certificates_done, timeout=60_000) as blocker:
        qtbot.mouseClick(certs_button, Qt.LeftButton)
    result = blocker.args[0]
    assert not result.cancelled and len(result.files) == 11
    combined = PdfReader(result.combined)
    assert len(combined.pages) == 11
    everything = pdf_text(result.combined)
    for learner_id in present_ids:
        assert names[learner_id] in everything
    assert ABSENT not in everything
    one = pdf_text(result.files[0])
    assert "Certificate of attendance" in one and "60 minutes" in one
    assert "Group learning with peer discussion" in one and "Priya Shah" in one
    codes = [r[0] for r in db.execute("SELECT code FROM certificates WHERE kind = 'attendance'")]
    assert len(codes) == 11 and all(services.certificates.verify(c).genuine for c in codes)

    # The session report: register, answers per question with charts, notes.
    out = tmp_path / "report.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: out)
    report_button = card.findChild(type(group.page.list.plan_button),
                                   f"sessionReport-{session.id}")
    qtbot.mouseClick(report_button, Qt.LeftButton)
    text = pdf_text(out)
    for expected in ("Group session report", "Attendance register", "11 of 12 present",
                     "Question 4:", *hands_summaries,
                     "Collected by each attendee's answer: 11 answered, 8 right",
                     "Notes on step 5: the group talked about consent.", "Training room 2",
                     "Open Government Licence"):
        assert expected in text, expected
    for name in names.values():
        assert name in text
    shot(window, "sessions-finished")


def test_resume_after_the_app_closed(qtbot, window, monkeypatch):
    session = plan_session(qtbot, window, monkeypatch)
    services = window.services
    run = services.sessions.start(session.id)
    services.sessions.go_to(run, 2)
    services.sessions.save_step_notes(run, 2, "Started before the fire alarm.")
    first = services.sessions.attendees(session.id)[0]
    services.sessions.set_present(run, first.learner_id, True)

    # The app opens again over the same records and offers to resume, behind the PIN.
    from trainer.ui.main_window import MainWindow

    offered = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, title, text: offered.append(title) or True)
    again = MainWindow(services)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.stack.currentWidget() is again.group.console)
    assert offered == ["Resume the group session?"]
    console = again.group.console
    assert console.position == 2
    assert console.notes.toPlainText() == "Started before the fire alarm."
    assert console.attendee_item(first.learner_id).checkState() == Qt.Checked
    assert console.present_count.text() == "Attendance: 1 of 12 present"


def test_wrong_pin_keeps_sessions_locked(qtbot, window, monkeypatch):
    create_learner(qtbot, window, "Priya Shah")
    window.services.facilitator.set_pin("4827", "4827")
    tries = []

    def ask(_parent, message=""):
        tries.append(message)
        return "0000" if len(tries) == 1 else None

    monkeypatch.setattr(dialogs, "ask_pin", ask)
    window.go("sessions")
    assert tries == ["", "That PIN is not right. Try again."]
    assert window.stack.currentWidget() is window.home
    assert not window.group.unlocked
    QApplication.processEvents()


def test_background_job_can_be_cancelled(qtbot, window):
    from trainer.ui.jobs import Job

    def slow(progress, cancelled):
        # Work that goes on until it is cancelled (or a minute passes), however busy the machine.
        import time

        done = 0
        deadline = time.monotonic() + 60
        while not cancelled() and time.monotonic() < deadline:
            done += 1
            progress(min(99, done), 100, "certificate")
            time.sleep(0.005)  # a worker thread doing a slice of work, not the test waiting
        return cancelled()

    job = Job(window, "Writing certificates of attendance", slow)
    with qtbot.waitSignal(job.finished, timeout=90_000) as blocker:
        job.start()
        try:
            qtbot.waitUntil(lambda: job.dialog.value() > 0 or not job.running, timeout=30_000)
        finally:  # the person presses Cancel
            from PySide6.QtWidgets import QPushButton

            qtbot.mouseClick(job.dialog.findChild(QPushButton), Qt.LeftButton)
    assert blocker.args[0] is True  # stopped because Cancel was pressed
    assert not job.running and job.dialog.isHidden()


def test_every_session_control_has_a_name_and_an_accessible_name(qtbot, window, monkeypatch):
    from tests.test_gui_quiz_engine import unnamed_controls

    session = plan_session(qtbot, window, monkeypatch)
    group = window.group
    assert unnamed_controls(group.page.list) == []
    group.page.show_plan()
    assert unnamed_controls(group.page.plan) == []
    group.page.show_list()
    group.start(session.id)
    console = group.console
    question = next(i for i, s in enumerate(console.run.steps) if s.question)
    console.show_step(question)
    assert unnamed_controls(console) == []
    qtbot.mouseClick(console.mode_buttons["attendee"], Qt.LeftButton)
    assert unnamed_controls(console) == []


def open_console(window, module_id: str):
    """A planned session for one learner, started in the console (the PIN already given)."""
    learner = window.services.learners.add("Sam Taylor", "Social worker", "MASH")
    window.set_learner(learner.id)
    session = window.services.sessions.plan(
        pack_id=window.pack.id, module_id=module_id, when="2026-12-01 10:00",
        place="Training room 2", facilitator="Sam Taylor", learner_ids=[learner.id])
    window.group.unlocked = True
    window.group.start(session.id)
    assert window.stack.currentWidget() is window.group.console
    return window.group.console


def test_speaker_notes_show_terms_and_citations_not_markup(qtbot, window):
    console = open_console(window, "front-door")
    notes = console.speaker_notes.toPlainText()
    # The overview's notes: the glossary term in its own words, the citation as a ¶ chip.
    assert "multi-agency safeguarding hub (MASH)" in notes
    assert "¶ 12" in notes  # a chip, as on the module page
    assert "[[" not in notes and "[¶" not in notes
    for position in range(len(console.run.steps)):
        console.show_step(position)
        shown = console.speaker_notes.toPlainText() + console.prompts.text()
        assert "[[" not in shown and "[¶" not in shown, console.step.title

    # A citation chip opens the report beside the console at that paragraph.
    console.show_step(0)
    click_link(qtbot, console.speaker_notes, "cite:12")
    assert window.stack.currentWidget() is console
    assert window.panel.isVisible() and window.panel.view.current_id == "12"

    # A term opens its definition.
    seen = modal_titles(lambda: click_link(qtbot, console.speaker_notes, "glossary:mash"))
    assert seen and "MASH" in seen[0]


def test_discussion_prompts_show_citations_as_paragraph_numbers(qtbot, window):
    console = open_console(window, "missing-rhi")
    reflect = next(i for i, s in enumerate(console.run.steps) if s.kind == "reflect")
    console.show_step(reflect)
    prompts = console.prompts.text()
    assert "did not always learn from each episode (¶29)" in prompts
    assert "[¶" not in prompts


def test_next_step_looks_disabled_on_the_last_step(qtbot, window):
    from trainer.ui.theme import current_palette

    def fill(widget):
        QApplication.processEvents()
        image = widget.grab().toImage()
        return image.pixelColor(image.width() // 2, 5).name()  # above the text, inside the border

    console = open_console(window, "front-door")
    accent = current_palette().accent.lower()
    assert console.next.isEnabled() and fill(console.next) == accent
    console.show_step(len(console.run.steps) - 1)
    assert not console.next.isEnabled()
    assert fill(console.next) != accent  # a disabled button must not look like one to press


def test_quick_add_fields_have_visible_labels(qtbot, window):
    from PySide6.QtWidgets import QLabel

    learner = window.services.learners.add("Sam Taylor", "Social worker", "MASH")
    window.set_learner(learner.id)
    window.group.unlocked = True
    window.go("sessions")
    qtbot.mouseClick(window.group.page.list.plan_button, Qt.LeftButton)
    plan = window.group.page.plan
    fields = {"Name": plan.quick_name, "Role": plan.quick_role, "Team": plan.quick_team}

    def label_of(field):
        found = [w for w in plan.findChildren(QLabel) if w.buddy() is field and w.isVisible()]
        assert len(found) == 1, f"{field.objectName()} has {len(found)} visible labels"
        return found[0]

    def check_layout():
        QApplication.processEvents()
        for text, field in fields.items():
            shown = label_of(field)
            assert shown.text().replace("&", "") == text
            assert text.lower() in field.accessibleName().lower()  # the name a reader hears
            # Label and field side by side, never parted onto different lines.
            top_left = shown.mapTo(plan, shown.rect().topLeft())
            field_top_left = field.mapTo(plan, field.rect().topLeft())
            assert top_left.x() < field_top_left.x()
            assert abs(shown.mapTo(plan, shown.rect().center()).y()
                       - field.mapTo(plan, field.rect().center()).y()) <= 2
        scroll = plan.findChild(QScrollArea, "planSessionScroll")
        assert scroll.horizontalScrollBar().maximum() == 0

    check_layout()
    # Alt and the underlined letter moves to the field.
    qtbot.keyClick(plan, Qt.Key_T, Qt.AltModifier)
    assert plan.quick_team.hasFocus()
    # At twice the text size the row wraps instead of widening the page.
    window.appearance.set("light", 200)
    check_layout()
    row = plan.findChild(QWidget, "quickAddRow")
    assert row is not None
    for child in (plan.quick_name, plan.quick_role, plan.quick_team, plan.quick_add):
        right = child.mapTo(row, child.rect().topRight()).x()
        assert right <= row.width(), child.objectName()
    window.appearance.set("light", 100)


def test_console_fits_a_laptop_at_100_and_reflows_at_200(qtbot, window):
    """What a facilitator presenting from a 1280×820 laptop notices: at 100% the step, the speaker
    notes, collecting answers, the notes field and Previous/Next are all in view without
    scrolling; at 200% nothing needs sideways scrolling (it may scroll down)."""
    from PySide6.QtCore import QRect

    console = open_console(window, "front-door")
    window.resize(1280, 820)
    scroll = console.findChild(QScrollArea, "consoleScroll")
    question = next(i for i, s in enumerate(console.run.steps) if s.question)

    def in_view(widget) -> bool:
        top_left = widget.mapTo(scroll.viewport(), widget.rect().topLeft())
        return (widget.isVisible()
                and scroll.viewport().rect().contains(QRect(top_left, widget.size())))

    for position in (0, question):
        console.show_step(position)
        QApplication.processEvents()
        assert scroll.verticalScrollBar().maximum() == 0, console.step.title
        assert scroll.horizontalScrollBar().maximum() == 0
        every_step = [console.step_title, console.step_content, console.speaker_notes,
                      console.notes, console.previous, console.next]
        if console.step.question is not None:
            every_step += [console.mode_buttons["hands"], console.reveal_button,
                           *console.tally_boxes.values(), console.chart]
        for widget in every_step:
            assert in_view(widget), widget.objectName()
        # The speaker notes get the most room of the step's parts.
        assert console.speaker_notes.width() > console.step_content.width()
        assert console.speaker_notes.height() >= 5 * console.fontMetrics().lineSpacing()
    # Attendance sits in a tab beside the steps, reached from the keyboard, its count on the tab.
    side = console.side
    assert side.tabText(1) == "Attendance (0/1)"
    side.tabBar().setFocus()
    qtbot.keyClick(side.tabBar(), Qt.Key_Right)
    assert side.currentWidget().isAncestorOf(console.attendee_list)
    qtbot.keyClick(side.tabBar(), Qt.Key_Left)
    assert side.currentWidget() is console.step_list

    window.appearance.set("light", 200)
    try:
        for position in (0, question):
            console.show_step(position)
            QApplication.processEvents()
            assert scroll.horizontalScrollBar().maximum() == 0, console.step.title
            for widget in (console.step_title, console.speaker_notes, console.notes,
                           console.next, console.collect_card):
                if widget.isVisible():
                    right = widget.mapTo(scroll.viewport(), widget.rect().topRight()).x()
                    assert right <= scroll.viewport().width(), widget.objectName()
            # Room to read the speaker notes, the page scrolling down instead of squeezing them.
            assert console.speaker_notes.height() >= 10 * console.fontMetrics().lineSpacing()
        console.side.setCurrentIndex(1)
        QApplication.processEvents()
        assert console.attendee_list.isVisible()
        assert scroll.horizontalScrollBar().maximum() == 0
    finally:
        window.appearance.set("light", 100)
