"""Point 1: answers whose feedback was shown survive SIGKILL at random moments."""

from __future__ import annotations

import sys

import pytest

from tests.tools import crash_harness


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.timeout(180)
def test_a_few_dozen_kills_lose_nothing(tmp_path):
    figures = crash_harness.run(kills=24, seed=8, workdir=tmp_path)
    assert figures.failures == []
    assert figures.ok
    assert figures.kills == 24
    assert figures.kills_while_answering >= 12
    assert figures.answers_confirmed > 50


def test_the_check_notices_a_lost_answer(tmp_path):
    from trainer.store import Store

    db = tmp_path / "t.db"
    Store.open(db).close()
    figures = crash_harness.Figures()
    crash_harness.verify(db, [["READY", "1"], ["ANSWERED", "1", "tq-1"]], figures, 1)
    assert figures.answers_lost == 1 and not figures.ok


def test_the_stress_run_is_recorded():
    from pathlib import Path

    text = (Path(crash_harness.ROOT) / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert "<!-- crash-harness:start -->" in text
    assert "| Kills (SIGKILL) | 500 |" in text
    assert "| Answers lost | 0 |" in text
