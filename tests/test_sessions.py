"""Group sessions without a window: planning, answers both ways, finish, CPD rows, PDFs."""

from __future__ import annotations

import io
import sqlite3

import pytest
from pypdf import PdfReader

from trainer.services.answers import HANDS, PER_ATTENDEE, PerAttendee, ShowOfHands
from trainer.services.errors import FieldError, UserError
from trainer.services.session_outputs import prepare_attendance, session_report_pdf
from trainer.services.session_steps import projector_text


def pdf_text(data: bytes) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def plan(services, pack, count=3, questions=4):
    ids = [services.learners.add(f"Person {n}", "Social worker", "MASH").id for n in range(count)]
    return services.sessions.plan(pack_id=pack.id, module_id="front-door", when="2026-11-26 14:30",
                                  place="Room 2", facilitator="Priya Shah", learner_ids=ids,
                                  question_count=questions), ids


def test_plan_validates_fields(services, pack):
    with pytest.raises(FieldError) as info:
        services.sessions.plan(pack_id=pack.id, module_id="front-door", when="tomorrow",
                               place="", facilitator="Priya", learner_ids=[1])
    assert info.value.field == "when" and "2026-11-26 14:30" in str(info.value)
    with pytest.raises(FieldError) as info:
        services.sessions.plan(pack_id=pack.id, module_id="front-door", when="2026-11-26 14:30",
                               place="", facilitator="Priya", learner_ids=[])
    assert info.value.field == "attendees"
    with pytest.raises(FieldError) as info:
        services.sessions.plan(pack_id=pack.id, module_id="front-door", when="2026-11-26 14:30",
                               place="", facilitator="  ", learner_ids=[1])
    assert info.value.field == "name"


def test_projector_text_has_no_markup():
    text = projector_text("**Make** the [[referral|referral]] work [¶13][¶2]. Done [¶exec-summary]")
    assert text == "Make the referral work (¶13, ¶2). Done (executive summary)"


def test_answers_both_ways_are_saved_at_once(services, pack):
    session, ids = plan(services, pack)
    run = services.sessions.start(session.id)
    positions = [i for i, s in enumerate(run.steps) if s.question]
    assert len(positions) == 4
    first, second = positions[:2]
    q1 = run.steps[first].question
    hands = services.sessions.collector(run, first)
    assert isinstance(hands, ShowOfHands)
    heard = []
    hands.subscribe(heard.append)
    hands.set_count(q1, q1.answer[0], 2)
    hands.set_count(q1, next(o.id for o in q1.options if o.id not in q1.answer), 1)
    assert heard == [q1.id, q1.id]
    conn = sqlite3.connect(services.store.path)
    assert conn.execute("SELECT SUM(count) FROM session_tallies").fetchone()[0] == 3
    spread = services.sessions.spread(run, first)
    assert spread.answered == 3
    services.sessions.set_mode(run, second, PER_ATTENDEE)
    per = services.sessions.collector(run, second)
    assert isinstance(per, PerAttendee)
    q2 = run.steps[second].question
    per.answer(q2, ids[0], q2.answer)
    with pytest.raises(UserError):
        per.answer(q2, 9999, q2.answer)
    assert conn.execute("SELECT correct FROM session_responses").fetchall() == [(1,)]
    assert services.sessions.spread(run, second).correct == 1
    assert services.sessions.collector(run, first).mode == HANDS


def test_finish_records_cpd_and_certificates(services, pack, tmp_path):
    session, ids = plan(services, pack)
    run = services.sessions.start(session.id)
    with pytest.raises(UserError, match="Nobody is marked present"):
        services.sessions.finish(run, 30)
    services.sessions.set_present(run, ids[0], True)
    services.sessions.set_present(run, ids[1], True)
    services.sessions.save_step_notes(run, 0, "Good discussion about consent.")
    services.sessions.finish(run, 30)
    rows = services.store.group_learning_for(ids[0])
    assert rows[0].activity == "Group learning with peer discussion"
    assert (rows[0].module_id, rows[0].date, rows[0].minutes) == ("front-door", "2026-11-26", 30)
    assert services.store.group_learning_for(ids[2]) == []
    batch = prepare_attendance(services.sessions, services.certificates, session.id, tmp_path)
    assert len(batch.certificates) == 2
    seen = []
    result = batch.run(lambda done, total, what: seen.append((done, total)))
    assert len(result.files) == 2 and result.combined is not None
    assert seen[-1] == (3, 3)
    combined = PdfReader(result.combined)
    assert len(combined.pages) == 2
    text = pdf_text(result.files[0].read_bytes())
    assert "Certificate of attendance" in text and "Person 0" in text
    assert "Group learning with peer discussion" in text
    assert services.certificates.verify(batch.certificates[0].code).genuine
    report = pdf_text(session_report_pdf(services.sessions, session.id))
    assert "Attendance register" in report and "Person 2" in report
    assert "Good discussion about consent." in report
    # Issuing again reuses the same certificates.
    again = prepare_attendance(services.sessions, services.certificates, session.id, tmp_path)
    assert [c.id for c in again.certificates] == [c.id for c in batch.certificates]


def test_cancelled_batch_stops(services, pack, tmp_path):
    session, ids = plan(services, pack)
    run = services.sessions.start(session.id)
    for learner_id in ids:
        services.sessions.set_present(run, learner_id, True)
    services.sessions.finish(run, 20)
    batch = prepare_attendance(services.sessions, services.certificates, session.id, tmp_path)
    result = batch.run(cancelled=lambda: True)
    assert result.cancelled and result.files == [] and result.combined is None


def test_interrupted_session_is_found(services, pack):
    session, _ = plan(services, pack)
    assert services.sessions.interrupted() is None
    run = services.sessions.start(session.id)
    services.sessions.go_to(run, 3)
    found = services.sessions.interrupted()
    assert found.id == session.id
    again = services.sessions.run(found.id)
    assert again.current == 3 and len(again.steps) == len(run.steps)


def test_a_database_from_before_group_sessions_is_upgraded(tmp_path):
    from sqlite_utils import Database

    from trainer.store import Store
    from trainer.store.migrations import SCHEMA_VERSION, _v1, _v2_quiz_engine

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    _v1(Database(conn))
    _v2_quiz_engine(Database(conn))
    conn.execute("PRAGMA user_version=2")
    conn.execute("INSERT INTO learners(name, role, team, created_at) VALUES ('Old', 'r', 't', 'x')")
    conn.commit()
    conn.close()
    store = Store.open(path)
    assert store.schema_version == SCHEMA_VERSION >= 3
    session = store.create_session(pack_id="p", pack_version="1", module_id="m", title="T",
                                   scheduled_for="2026-11-26T14:30", place="", facilitator="F",
                                   question_count=0, seed=1, learner_ids=[1])
    assert [a.name for a in store.attendees(session.id)] == ["Old"]
    assert store.group_learning_for(1) == []
    store.close()
