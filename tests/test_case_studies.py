"""Every bundled case study, played through the engine on every path; and the front door's case
study played in the real window as a learner would, to its best ending."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from tests.gui_helpers import click_link
from tests.test_gui_slice import create_learner
from trainer.content.cases import case_from_spec
from trainer.content.library import load_library
from trainer.quiz.casestudy import Walk, design_problems, paths_to_endings


def bundled_cases():
    pack = load_library().packs[0]
    return [(m.id, cs) for m in pack.ordered_modules() for cs in m.case_studies]


@pytest.mark.parametrize(("module_id", "spec"), bundled_cases(),
                         ids=lambda value: getattr(value, "id", value))
def test_every_path_of_every_case_study_ends_with_a_score(module_id, spec):
    case = case_from_spec(spec)
    assert design_problems(case) == []
    for path in paths_to_endings(case):
        walk = Walk.replay(case, [(step.node_id, step.choice_index) for step in path])
        assert walk.finished and walk.score is not None
        assert walk.current.debrief.strip()
        assert all(step.choice.consequence.strip() for step in walk.steps)


def test_core_modules_each_have_a_case_study():
    modules = {module_id for module_id, _ in bundled_cases()}
    assert {"front-door", "missing-rhi", "permanence-adoption"} <= modules


def test_front_door_case_study_to_its_best_ending(qtbot, window, pack):
    create_learner(qtbot, window, "Sam Taylor")
    window.open_module("front-door")
    qtbot.mouseClick(window.module.case_buttons[0], Qt.LeftButton)
    page = window.case_study
    assert window.stack.currentWidget() is page
    case = page.view.case
    best = max(n.score for n in case.endings)
    path = min((p for p in paths_to_endings(case)
                if case.node(p[-1].choice.next).score == best), key=len)
    for number, step in enumerate(path, start=1):
        assert f"Decision {number}" in page.prompt.text()
        qtbot.keyClick(window.focusWidget(), Qt.Key_0 + step.choice_index + 1)
        assert step.choice.consequence.split("[")[0].strip()[:40] in page.text.toPlainText()
        qtbot.keyClick(window.focusWidget(), Qt.Key_Return)
    text = page.text.toPlainText()
    assert f"Score: {best} out of 100" in text
    assert "Seen quickly" in text
    click_link(qtbot, page.text, "cite:13")
    assert window.panel.isVisible() and window.panel.view.current_id == "13"
    conn = sqlite3.connect(window.services.store.path)
    steps = conn.execute("SELECT node_id, choice_index FROM case_steps ORDER BY position").fetchall()
    assert steps == [(s.node_id, s.choice_index) for s in path]
    assert conn.execute("SELECT case_id, score FROM case_runs").fetchone() == (case.id, best)
