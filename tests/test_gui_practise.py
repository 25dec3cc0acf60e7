"""The Practise page says what there is to practise, and offers Start only when there is some."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from trainer.services.practice import note_check_answer


def sign_in(window):
    learner = window.services.learners.add("Sam Taylor", "Social worker", "MASH")
    window.set_learner(learner.id)
    return learner


def test_nothing_to_practise_offers_a_knowledge_check_not_start(qtbot, window):
    learner = sign_in(window)
    page = window.practise
    window.go("practise")
    assert window.stack.currentWidget() is page
    assert page.due.text() == "Nothing to practise yet"
    assert not page.start.isVisible()  # no Start beside "nothing to practise"
    assert "Take a knowledge check first" in page.detail.text()
    assert page.learn.isVisible() and page.learn.isEnabled()
    qtbot.mouseClick(page.learn, Qt.LeftButton)
    assert window.stack.currentWidget() is window.learn

    # A question the content no longer has can never come back: still nothing to practise.
    store, pack_id = window.services.store, window.pack.id
    store.put_queue_entry(learner.id, pack_id, "no-such-question", 1,
                          datetime.now(UTC).isoformat(timespec="seconds"), False)
    window.go("practise")
    assert page.due.text() == "Nothing to practise yet" and not page.start.isVisible()

    # A wrong answer in a knowledge check: now there is something, and no empty message.
    question = next(iter(window.pack.questions))
    note_check_answer(store, learner.id, pack_id, question, False, "sure")
    window.go("home")
    window.go("practise")
    assert page.due.text() == "1 question due for practice"
    assert page.start.isVisible() and page.start.isEnabled()
    assert not page.learn.isVisible()

    # Queued for later but not due: say when, and offer neither button.
    later = (datetime.now(UTC) + timedelta(days=3)).isoformat(timespec="seconds")
    store.put_queue_entry(learner.id, pack_id, question, 2, later, False)
    window.go("home")
    window.go("practise")
    assert page.due.text() == "Nothing is due now"
    assert "1 question will come back later" in page.detail.text()
    assert not page.start.isVisible() and not page.learn.isVisible()
