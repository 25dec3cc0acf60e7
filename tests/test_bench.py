"""The benchmark suite runs (quick form: smaller data, one run) and reports every measurement.

The targets are for the benchmark, not for tests: here only that each figure is there."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from trainer.tools.bench import MEASUREMENTS, Measurement, table


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_quick_bench_reports_every_measurement(tmp_path):
    out = tmp_path / "bench.json"
    env = dict(os.environ)
    env.pop("TRAINER_BENCH_QUIT_WHEN_IDLE", None)
    result = subprocess.run([sys.executable, "-m", "trainer", "bench", "--quick", "--json", str(out)],
                            capture_output=True, text=True, env=env, timeout=880)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True
    measured = report["measurements"]
    for name in MEASUREMENTS:
        assert name in measured, f"{name} missing from the bench report"
        assert measured[name]["value"] is not None and measured[name]["value"] > 0, measured[name]
        assert name in result.stdout  # and in the printed table
    assert measured["start"]["baseline"] > 0 and measured["start"]["ratio"] > 0
    assert report["machine"]["cpus"] >= 1
    # The bench never touched the real data folder (the test's own, here).
    assert not (tmp_path / "data" / "trainer.db").exists()


def test_table_shows_targets_and_verdicts():
    rows = [Measurement("start", "ms", 390.0, 5, 300.0, "bare", 1.3).judge(),
            Measurement("certificate", "ms", 31.0, 5).judge(),
            Measurement("matrix", "ms", None, 0, note="failed").judge()]
    text = table(rows)
    assert "1.30x" in text and "met" in text  # 1.3 x bare is within the target
    assert "MISSED" in text.splitlines()[3]  # 31 ms against < 25 ms
    assert rows[2].met is None
