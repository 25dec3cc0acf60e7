"""Benchmark: the manager's views with 10,000 learners and 1,000,000 responses.

    python scripts/bench_manager.py [--db /tmp/big.db] [--runs 5]

Makes the database with tests/tools/synth.py if it does not exist, then times what a manager
waits for when opening Manage: the team matrix (filters, rows, the first page of cells, shown in
the table) and the question statistics (summaries, content lookup, shown in the table). Also times
a filtered matrix, a team's training needs and the full matrix export. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(fn, runs: int) -> tuple[float, float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples[0], statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/trainer-bench-10k-1m.db"))  # noqa: S108
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from tests.tools.synth import generate

    if not args.db.exists():
        print("generating:", generate(args.db, 10_000, 1_000_000), flush=True)

    from PySide6.QtWidgets import QApplication  # noqa: TID251 - a benchmark of the UI

    from trainer.services import reports
    from trainer.services.context import Services
    from trainer.ui.pages.manage import ManagePage
    from trainer.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    services = Services.open(args.db)
    conn = services.store.db.conn
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
              for t in ("learners", "attempts", "responses")}
    page = ManagePage(services.insights)
    page.resize(1200, 800)
    page.show()
    app.processEvents()

    def open_matrix():
        page.refresh_filters()
        page.refresh_matrix()
        app.processEvents()

    def open_questions():
        page.refresh_questions()
        app.processEvents()

    team = services.insights.teams()[0]

    def team_matrix():
        page.team.setCurrentIndex(page.team.findText(team))  # refreshes the matrix
        app.processEvents()
        page.team.setCurrentIndex(0)

    rows = [
        ("Open the team matrix (all 10,000 learners)", timed(open_matrix, args.runs)),
        ("Open the question statistics", timed(open_questions, args.runs)),
        (f"Matrix filtered to one team, and back to all ({team})", timed(team_matrix, args.runs)),
        (f"Training needs for one team ({team})",
         timed(lambda: services.insights.training_needs(team), args.runs)),
        ("Training needs, all teams", timed(lambda: services.insights.training_needs(),
                                            args.runs)),
        ("Full matrix for export (every cell)",
         timed(lambda: reports.matrix_table(services.insights), max(1, args.runs // 2))),
    ]
    print(f"\nData: {counts['learners']:,} learners, {counts['attempts']:,} attempts, "
          f"{counts['responses']:,} responses. Python {platform.python_version()}, "
          f"SQLite {conn.execute('select sqlite_version()').fetchone()[0]}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs (shared). Runs: {args.runs}.\n")
    print("| What | first (s) | median (s) | slowest (s) |")
    print("|---|---:|---:|---:|")
    for name, (first, median, worst) in rows:
        print(f"| {name} | {first:.3f} | {median:.3f} | {worst:.3f} |")
    services.close()


if __name__ == "__main__":
    main()
