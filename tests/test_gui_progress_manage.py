"""Progress and Manage, driven through the real window as a learner and a manager would."""

from __future__ import annotations

import io
import sqlite3
import zipfile

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from tests.gui_helpers import type_text
from trainer.ui import dialogs

QUIZ = "front-door-check"


def finish(services, pack, learner_id, right=True):
    view = services.study.start_or_resume(learner_id, pack.id, QUIZ)
    while view.current is not None:
        q = view.current
        answer = q.answer if right else tuple(o.id for o in q.options if o.id not in q.answer)[:1]
        services.study.answer(view, q.id, answer, "sure")
    services.study.finish(view)
    return view.attempt.id


def go(qtbot, window, key):
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        if item.data(Qt.UserRole) == key:
            rect = window.nav.visualItemRect(item)
            qtbot.mouseClick(window.nav.viewport(), Qt.LeftButton, pos=rect.center())
            return
    raise AssertionError(key)


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.LeftButton)


def click_row(qtbot, view, row, column=0):
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())


def pdf_text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


@pytest.fixture
def learner_with_pass(window, services, pack):
    learner = services.learners.add("Zoë Adebayo", "Social worker", "MASH")
    attempt = finish(services, pack, learner.id)
    certificate = services.certificates.issue_for_attempt(attempt)
    window.set_learner(learner.id)
    return learner, certificate


def test_progress_shows_modules_attempts_certificates(qtbot, window, learner_with_pass,
                                                     tmp_path, monkeypatch):
    learner, certificate = learner_with_pass
    go(qtbot, window, "progress")
    page = window.progress
    assert window.stack.currentWidget() is page
    assert "1 of" in page.summary.text() and "1 certificate ·" in page.summary.text()
    rows = page.modules_model.rows
    front = next(r for r in rows if r[0].startswith("The front door"))
    assert front[1] == "Passed" and front[2] == "100%"
    assert page.attempts_model.rowCount() == 1

    page.tabs.setCurrentIndex(2)
    again = page.findChild(type(page.save_cpd), f"saveAgain-{certificate.id}")
    target = tmp_path / "again.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: target)
    click(qtbot, again)
    assert certificate.code in pdf_text(target)

    verify = page.findChild(type(page.save_cpd), f"verify-{certificate.id}")
    click(qtbot, verify)
    dialog = window.manager_actions.verify_dialog
    assert dialog.isVisible()
    assert dialog.verdict.text().startswith("Genuine: issued to Zoë Adebayo")
    dialog.code.clear()
    type_text(dialog.code, "AAAA-BBBB-CCCC-DDDD")
    click(qtbot, dialog.check)
    assert "No certificate with this code" in dialog.verdict.text()


def test_cpd_reflection_is_saved_as_typed_and_exported(qtbot, window, learner_with_pass,
                                                      tmp_path, monkeypatch):
    learner, _ = learner_with_pass
    go(qtbot, window, "progress")
    page = window.progress
    page.tabs.setCurrentIndex(3)
    assert len(page.cpd_cards) == 1
    entry_id, card = next(iter(page.cpd_cards.items()))
    assert "Report areas" in card.findChild(type(page.summary), f"cpdCovered-{entry_id}").text()
    type_text(card.fields["learnt"], "Thresholds <MASH> & consent – Zoë")
    db = sqlite3.connect(window.services.store.path)
    saved = db.execute("SELECT learnt FROM cpd_entries WHERE id = ?", (entry_id,)).fetchone()[0]
    assert saved == "Thresholds <MASH> & consent – Zoë"  # in the database without pressing Save
    type_text(card.fields["peer"], "Discussed with my supervisor")
    click(qtbot, page.save_cpd)
    assert "saved" in page.saved_note.text().lower()

    target = tmp_path / "cpd.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: target)
    click(qtbot, page.export_pdf)
    text = pdf_text(target)
    assert "Thresholds <MASH> & consent – Zoë" in text and "Discussed with my supervisor" in text
    target_csv = tmp_path / "cpd.csv"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: target_csv)
    click(qtbot, page.export_csv)
    assert "Discussed with my supervisor" in target_csv.read_text("utf-8-sig")

    # Leaving and coming back shows what was saved.
    go(qtbot, window, "home")
    go(qtbot, window, "progress")
    card = window.progress.cpd_cards[entry_id]
    assert card.fields["peer"].toPlainText() == "Discussed with my supervisor"


def unlock(qtbot, window, monkeypatch, pin="4827"):
    monkeypatch.setattr(dialogs, "ask_new_pin", lambda *a: (pin, pin))
    monkeypatch.setattr(dialogs, "ask_pin", lambda *a: pin)
    go(qtbot, window, "manage")
    assert window.stack.currentWidget() is window.manage


def test_manage_is_behind_the_pin(qtbot, window, learner_with_pass, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_new_pin", lambda *a: ("4827", "4827"))
    go(qtbot, window, "manage")
    assert window.stack.currentWidget() is window.manage  # first use: the PIN is set
    click(qtbot, window.manage.lock)
    assert window.stack.currentWidget() is window.home
    asked = []

    def wrong_then_cancel(_parent, message=""):
        asked.append(message)
        return "1111" if len(asked) == 1 else None  # a wrong PIN, then Cancel

    monkeypatch.setattr(dialogs, "ask_pin", wrong_then_cancel)
    go(qtbot, window, "manage")
    assert window.stack.currentWidget() is window.home  # stays where it was
    assert asked == ["", "That PIN is not right. Try again."]
    window.services.store.set_setting("facilitator_pin_failures", "0")
    monkeypatch.setattr(dialogs, "ask_pin", lambda *a: "4827")
    go(qtbot, window, "manage")
    assert window.stack.currentWidget() is window.manage


def test_matrix_questions_needs_and_charts(qtbot, qtmodeltester, window, services, pack,
                                           learner_with_pass, monkeypatch, tmp_path):
    other = services.learners.add("Sam Carter", "Team manager", "Court")
    finish(services, pack, other.id, right=False)
    unlock(qtbot, window, monkeypatch)
    manage = window.manage
    model = manage.matrix_model
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    names = [model.index(r, 0).data() for r in range(2)]
    assert names == ["Sam Carter", "Zoë Adebayo"]
    front = 3 + [m for m, _ in model.modules].index("front-door")
    assert model.index(1, front).data().startswith("Passed 100%")
    assert model.index(0, front).data().startswith("Not yet 0%")
    manage.team.setCurrentIndex(manage.team.findText("Court"))
    assert model.rowCount() == 1 and model.index(0, 0).data() == "Sam Carter"
    manage.team.setCurrentIndex(0)
    manage.role.setCurrentIndex(manage.role.findText("Social worker"))
    assert model.rowCount() == 1 and model.index(0, 0).data() == "Zoë Adebayo"
    click(qtbot, manage.use_dates)
    manage.since.setDate(manage.until.date().addDays(1))
    manage.until.setDate(manage.until.date().addDays(2))
    assert model.index(0, front).data() == "Not started"
    click(qtbot, manage.use_dates)

    target = tmp_path / "matrix.xlsx"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: target)
    click(qtbot, manage.findChild(type(manage.lock), "export-matrix"))
    qtbot.waitUntil(lambda: window.manager_actions.task is None)
    assert window.manager_actions.last_export == target and zipfile.is_zipfile(target)
    assert window.services.store.audit_entries()[0].action == "export matrix"
    summary = tmp_path / "summary.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: summary)
    click(qtbot, manage.findChild(type(manage.lock), "export-summary"))
    assert "Training summary" in pdf_text(summary)

    manage.tabs.setCurrentIndex(1)
    questions = manage.questions_model
    qtmodeltester.check(questions)
    assert questions.rowCount() >= 10
    facilities = [questions.rows[r][3] for r in range(questions.rowCount())]
    assert facilities == sorted(facilities)
    target_q = tmp_path / "questions.csv"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: target_q)
    click(qtbot, manage.findChild(type(manage.lock), "export-questions"))
    qtbot.waitUntil(lambda: window.manager_actions.task is None)
    assert target_q.read_text("utf-8-sig").startswith("Question,")

    manage.tabs.setCurrentIndex(2)
    manage.needs_team.setCurrentIndex(manage.needs_team.findText("Court"))
    assert manage.needs_list.item(0).text().startswith("1. ")
    assert "mean mark 0%" in manage.needs_list.item(0).text()
    manage.tabs.setCurrentIndex(3)
    assert manage.completion_chart.points and manage.topic_chart.bars
    manage.grab()  # paints the charts


def test_learners_archive_export_and_erase(qtbot, window, services, pack, learner_with_pass,
                                           monkeypatch, tmp_path):
    leaver = services.learners.add("Pat Leaver", "IRO", "Court")
    finish(services, pack, leaver.id)
    unlock(qtbot, window, monkeypatch)
    manage = window.manage
    manage.tabs.setCurrentIndex(4)
    row = [ln.name for ln in manage.learner_rows].index("Pat Leaver")
    click_row(qtbot, manage.learners_view, row)
    click(qtbot, manage.archive)
    assert services.store.learner(leaver.id).archived_at is not None
    assert "Pat Leaver" not in [ln.name for ln in services.learners.all()]  # hidden from pickers
    assert manage.learners_model.rows[row][3].startswith("Archived")

    target = tmp_path / "pat.zip"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: target)
    click_row(qtbot, manage.learners_view, row)
    click(qtbot, manage.subject_access)
    assert "data.json" in zipfile.ZipFile(target).namelist()

    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, _m: errors.append(title))
    monkeypatch.setattr(dialogs, "ask_typed_confirmation", lambda *a: "Pat")
    click_row(qtbot, manage.learners_view, row)
    click(qtbot, manage.erase)
    assert errors == ["Nothing was erased"] and services.store.learner(leaver.id) is not None
    monkeypatch.setattr(dialogs, "ask_typed_confirmation", lambda *a: "Pat Leaver")
    click_row(qtbot, manage.learners_view, row)
    click(qtbot, manage.erase)
    assert services.store.learner(leaver.id) is None
    assert services.store.attempts_for(leaver.id) == []
    assert "Pat Leaver" not in [ln.name for ln in manage.learner_rows]
    manage.tabs.setCurrentIndex(6)
    log = [manage.audit.item(i).text() for i in range(manage.audit.count())]
    assert any("learner erased" in line for line in log)
    assert any("learner archived" in line for line in log)
    assert not any("Pat" in line for line in log)


def test_revoke_and_retention_from_manage(qtbot, window, learner_with_pass, monkeypatch):
    _, certificate = learner_with_pass
    unlock(qtbot, window, monkeypatch)
    manage = window.manage
    manage.tabs.setCurrentIndex(5)
    infos = []
    monkeypatch.setattr(dialogs, "show_info", lambda _p, title, _m: infos.append(title))
    type_text(manage.revoke_id, certificate.id)
    type_text(manage.revoke_reason, "Issued in error")
    click(qtbot, manage.revoke)
    assert infos == ["Certificate revoked"]
    verdict = window.services.certificates.verify(certificate.code)
    assert not verdict.genuine and "Issued in error" in verdict.message
    click(qtbot, manage.findChild(type(manage.lock), "manageVerify"))
    dialog = window.manager_actions.verify_dialog
    type_text(dialog.code, certificate.code)
    click(qtbot, dialog.check)
    assert "revoked" in dialog.verdict.text()

    manage.tabs.setCurrentIndex(6)
    manage.retention.setValue(3)
    click(qtbot, manage.apply_retention)
    assert window.services.data_protection.retention_years() == 3
    assert window.services.store.attempt_rows()  # nothing recent removed
    assert manage.audit.item(0).text().split("  ", 1)[1].startswith("retention applied")


def test_matrix_model_pages_through_many_learners(qtbot, qtmodeltester, tmp_path):
    """Synthetic data: the view reads cells a page at a time, and every page is right."""
    from tests.tools.synth import generate
    from trainer.services.context import Services
    from trainer.ui.table_models import MatrixModel

    info = generate(tmp_path / "synth.db", learners=450, responses=6000)
    assert info["responses"] == 6000
    services = Services.open(tmp_path / "synth.db")
    try:
        insights = services.insights
        model = MatrixModel(insights.modules(), insights.fill)
        model.set_learners(insights.matrix_rows())
        assert model.rowCount() == MatrixModel.PAGE and model.canFetchMore()
        qtmodeltester.check(model)
        while model.canFetchMore():
            model.fetchMore()
        assert model.rowCount() == 450
        full = {learner.id: learner.cells for learner in insights.matrix()}
        assert all(learner.cells == full[learner.id] for learner in model.learners)
        assert sum(len(c) for c in full.values()) > 0
    finally:
        services.close()


def test_a_long_export_can_be_cancelled(qtbot, window, learner_with_pass, monkeypatch, tmp_path):
    from trainer.services import exports

    monkeypatch.setattr(exports, "TICK_ROWS", 1)
    unlock(qtbot, window, monkeypatch)
    target = tmp_path / "attempts.csv"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: target)
    started = []

    def slow_tick(tick):
        def wrapped(done, total):
            started.append(done)
            while not window.manager_actions.task.worker.cancelled:
                QThread_msleep(5)
            tick(done, total)
        return wrapped

    original = exports.write_table
    monkeypatch.setattr("trainer.ui.manager_actions.write_table",
                        lambda table, path, fmt, tick: original(table, path, fmt, slow_tick(tick)))
    click(qtbot, window.manage.findChild(type(window.manage.lock), "export-attempts"))
    task = window.manager_actions.task
    qtbot.waitUntil(lambda: bool(started))
    qtbot.waitUntil(task.dialog.isVisible)  # shown once the work takes a moment
    from PySide6.QtWidgets import QPushButton

    cancel = next(b for b in task.dialog.findChildren(QPushButton) if b.text() == "Cancel")
    click(qtbot, cancel)
    qtbot.waitUntil(lambda: window.manager_actions.task is None)
    assert task.outcome == "cancelled" and not target.exists()


def QThread_msleep(ms):  # noqa: N802
    from PySide6.QtCore import QThread

    QThread.msleep(ms)


def test_progress_shows_practice_due(qtbot, window, services, pack):
    learner = services.learners.add("Kim Lee", "Social worker", "MASH")
    finish(services, pack, learner.id, right=False)
    window.set_learner(learner.id)
    go(qtbot, window, "progress")
    text = window.progress.practice_line.text()
    assert "practice queue" in text
    due = services.practice.due_count(learner.id, pack.id)
    assert due > 0  # wrong answers in a knowledge check are due for practice at once
    assert f"Practice due: {due}" in text
    click(qtbot, window.progress.practise_now)
    assert window.stack.currentWidget() is window.practise


def test_attended_session_is_drafted_in_the_cpd_log(qtbot, window, services, pack):
    learner = services.learners.add("Lee Brown", "Social worker", "MASH")
    session = services.store.db.conn
    with services.store.db.atomic():
        cursor = session.execute(
            "INSERT INTO sessions(pack_id, pack_version, module_id, title, scheduled_for, place, "
            "facilitator, seed, status, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (pack.id, pack.version, "front-door", "Front door session", "2026-11-20T10:00",
             "Room 2", "Dana", 7, "finished", "2026-11-20T09:00:00+00:00"))
        session.execute(
            "INSERT INTO group_learning(learner_id, session_id, pack_id, module_id, title, "
            "activity, date, minutes, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (learner.id, cursor.lastrowid, pack.id, "front-door", "Front door session",
             "Group session: The front door", "2026-11-20", 90, "2026-11-20T12:00:00+00:00"))
    window.set_learner(learner.id)
    go(qtbot, window, "progress")
    window.progress.tabs.setCurrentIndex(3)
    (card,) = window.progress.cpd_cards.values()
    entry = services.store.cpd_entry(card.entry_id)
    assert entry.source.startswith("session:") and entry.minutes == 90
    assert entry.kind == "Group learning with peer discussion"
    type_text(card.fields["peer"], "We disagreed about thresholds")
    assert services.store.cpd_entry(card.entry_id).peer == "We disagreed about thresholds"
