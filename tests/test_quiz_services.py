"""The services behind the quiz engine, without a window: practice queue, case-study runs, review."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trainer.content.library import load_library
from trainer.quiz.scoring import right_answer
from trainer.services.context import Services
from trainer.services.errors import UserError
from trainer.store import Store

MINI = Path(__file__).parent / "packs" / "mini"


@pytest.fixture(scope="module")
def mini_library():
    return load_library([MINI], include_bundled=False)


@pytest.fixture
def svc(tmp_path, mini_library):
    services = Services.build(Store.open(tmp_path / "t.db"), mini_library)
    yield services
    services.close()


def learner(svc):
    return svc.learners.add("Alex Kim", "Social worker", "Front door").id


def test_wrong_and_unsure_answers_join_the_queue_and_leave_it_when_known(svc):
    who = learner(svc)
    view = svc.study.start_or_resume(who, "mini-test", "mini-check")
    by_id = {q.id: q for q in view.questions}
    for qid in view.state.question_ids:
        question = by_id[qid]
        answer = right_answer(question)
        confidence = "sure"
        if qid == "mini-001":
            answer = ("false",)  # wrong
        if qid == "mini-004":
            confidence = "unsure"  # right but unsure
        svc.study.answer(view, qid, answer, confidence)
    assert sorted(svc.practice.due(who, "mini-test")) == ["mini-001", "mini-004"]
    practice = svc.practice.start_or_resume(who, "mini-test")
    assert practice.rules.title == "Practice"
    # A practice session survives a restart: the same session, the answers kept.
    first = practice.current
    svc.practice.answer(practice, first.id, right_answer(first), "sure")
    again = svc.practice.start_or_resume(who, "mini-test")
    assert again.attempt.id == practice.attempt.id and first.id in again.state.answers
    svc.practice.answer(again, again.current.id, right_answer(again.current), "unsure")
    summary = svc.practice.finish(again)
    assert (summary.answered, summary.right, summary.still_due) == (2, 2, 0)
    boxes = {e.question_id: e.box for e in svc.store.queue(who, "mini-test")}
    assert boxes == {first.id: 2, again.questions[1].id: 1}
    later = datetime.now(UTC) + timedelta(days=4)
    assert sorted(svc.practice.due(who, "mini-test", later)) == ["mini-001", "mini-004"]
    with pytest.raises(UserError, match="Nothing is due"):
        svc.practice.start_or_resume(who, "mini-test")


def test_case_study_run_resumes_and_records_every_choice(svc):
    who = learner(svc)
    view = svc.cases.open(who, "mini-test", "mini", "cs-mini")
    svc.cases.choose(view, 0)
    again = svc.cases.open(who, "mini-test", "mini", "cs-mini")
    assert again.run.id == view.run.id and again.walk.current.id == "consent"
    svc.cases.choose(again, 1)
    assert again.run.finished_at and again.run.score == 45 and again.run.ending_id == "end-mistrust"
    with pytest.raises(UserError):
        svc.cases.choose(again, 0)
    fresh = svc.cases.open(who, "mini-test", "mini", "cs-mini")  # a finished run is not resumed
    assert fresh.run.id != view.run.id and fresh.walk.current.id == "contact"
    steps = svc.store.case_steps(view.run.id)
    assert [(s.node_id, s.choice_index, s.next_id) for s in steps] == [
        ("contact", 0, "consent"), ("consent", 1, "end-mistrust")]
    with pytest.raises(UserError, match="not in the module"):
        svc.cases.open(who, "mini-test", "mini", "no-such-case")


def test_review_lists_every_question_with_the_answer_given(svc):
    who = learner(svc)
    view = svc.study.start_or_resume(who, "mini-test", "mini-check")
    for question in view.questions:
        svc.study.answer(view, question.id, right_answer(question), "fairly")
    result = svc.study.finish(view)
    assert result.calibration.by_level == {"fairly": (5, 5)}
    items = svc.study.review(view.attempt.id)
    assert [i.question.id for i in items] == list(view.attempt.question_ids)
    assert all(i.correct and i.points == 1 for i in items)


def test_a_database_from_before_the_quiz_engine_is_upgraded(tmp_path):
    import sqlite3

    from sqlite_utils import Database

    from trainer.store.migrations import MIGRATIONS, SCHEMA_VERSION, _v1

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    _v1(Database(conn))
    conn.execute("PRAGMA user_version=1")
    conn.execute("INSERT INTO learners(name, role, team, created_at) VALUES ('Old', 'r', 't', 'x')")
    conn.commit()
    conn.close()
    store = Store.open(path)
    assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS) >= 2
    assert store.queue(1, "any") == []
    run = store.create_case_run(1, "p", "m", "c")
    assert store.case_run(run.id).learner_id == 1
    store.close()
