"""Crash harness: answer a knowledge check in a child process, kill it with SIGKILL at a random
moment, and check that nothing whose feedback had been shown was lost.

The child works through the services layer exactly as the app does (``StudyService.answer``
commits before it returns; the app shows feedback only after that). After each answer returns, it
writes ``ANSWERED <attempt> <question>`` to a log file and flushes it, the moment the app would
show feedback. After every kill the parent reopens the database and checks:

* every logged answer is in the database (and every logged finish);
* the unfinished attempt resumes with every logged answer in it;
* ``PRAGMA integrity_check`` says ok.

    python -m tests.tools.crash_harness --kills 500 --record docs/reliability.md

CI runs a few dozen kills (tests/test_crash_harness.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "tests" / "packs" / "tiny"
PACK_ID = "tiny-test"
QUIZ_ID = "tiny-check"
LEARNER = "Crash Test"


# -- the child ----------------------------------------------------------------------------------
def child(db_path: Path, log_path: Path, seed: int) -> None:
    from trainer.content.library import load_library
    from trainer.services.context import Services
    from trainer.store import Store

    rng = random.Random(seed)
    log = log_path.open("a", encoding="utf-8")

    def note(line: str) -> None:
        log.write(line + "\n")
        log.flush()  # in the kernel once written: a SIGKILL cannot take it back

    library = load_library([PACK], include_bundled=False)
    services = Services.build(Store.open(db_path), library)
    learner = next((x for x in services.learners.all() if x.name == LEARNER), None)
    if learner is None:
        learner = services.learners.add(LEARNER, "Social worker", "Test team")
    note(f"READY {os.getpid()}")
    study = services.study
    while True:
        view = study.start_or_resume(learner.id, PACK_ID, QUIZ_ID)
        while view.current is not None:
            question = view.current
            options = [o.id for o in question.options]
            answer = (rng.choice(options),)
            study.answer(view, question.id, answer, rng.choice(["sure", "unsure", None]),
                         round(rng.random() * 30, 1))
            note(f"ANSWERED {view.attempt.id} {question.id}")
        study.finish(view)
        note(f"FINISHED {view.attempt.id}")


# -- the parent ---------------------------------------------------------------------------------
@dataclass
class Figures:
    kills: int = 0
    kills_before_ready: int = 0
    kills_while_answering: int = 0
    answers_confirmed: int = 0
    attempts_finished: int = 0
    answers_lost: int = 0
    finishes_lost: int = 0
    integrity_failures: int = 0
    resume_failures: int = 0
    open_failures: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.answers_lost or self.finishes_lost or self.integrity_failures
                    or self.resume_failures or self.open_failures)


def _read_log(log_path: Path) -> list[list[str]]:
    if not log_path.exists():
        return []
    lines = log_path.read_text(encoding="utf-8").splitlines()
    # The last line may be cut short by the kill; a line counts only once it ends in a newline.
    text = log_path.read_text(encoding="utf-8")
    if lines and not text.endswith("\n"):
        lines = lines[:-1]
    return [line.split() for line in lines]


_LIBRARY = []


def _library():
    from trainer.content.library import load_library

    if not _LIBRARY:
        _LIBRARY.append(load_library([PACK], include_bundled=False))
    return _LIBRARY[0]


def verify(db_path: Path, entries: list[list[str]], figures: Figures, kill_number: int) -> None:
    from trainer.services.context import Services
    from trainer.store import Store, StoreError

    try:
        store = Store.open(db_path)
    except StoreError as exc:
        figures.open_failures += 1
        figures.failures.append(f"kill {kill_number}: cannot reopen: {exc}")
        return
    try:
        check = store.integrity_check()
        if check != "ok":
            figures.integrity_failures += 1
            figures.failures.append(f"kill {kill_number}: integrity_check: {check}")
        answered = {(int(e[1]), e[2]) for e in entries if e[0] == "ANSWERED"}
        finished = {int(e[1]) for e in entries if e[0] == "FINISHED"}
        saved = set(store.db.conn.execute("SELECT attempt_id, question_id FROM responses"))
        lost = answered - saved
        figures.answers_lost += len(lost)
        if lost:
            figures.failures.append(f"kill {kill_number}: lost answers {sorted(lost)[:5]}")
        done = {row[0] for row in store.db.conn.execute(
            "SELECT id FROM attempts WHERE finished_at IS NOT NULL")}
        figures.finishes_lost += len(finished - done)
        # The attempt that was going on resumes, with every answer whose feedback was shown.
        services = Services.build(store, _library())
        learner = next((x for x in services.learners.all() if x.name == LEARNER), None)
        if learner is not None:
            view = services.study.start_or_resume(learner.id, PACK_ID, QUIZ_ID)
            last_attempts = [int(e[1]) for e in entries if e[0] == "ANSWERED"]
            # (A kill between the finish's commit and its log line leaves it finished: fine.)
            if last_attempts and last_attempts[-1] not in finished | done:
                expected = {q for a, q in answered if a == last_attempts[-1]}
                if view.attempt.id != last_attempts[-1] or not expected <= set(view.state.answers):
                    figures.resume_failures += 1
                    figures.failures.append(f"kill {kill_number}: attempt {last_attempts[-1]} "
                                            f"did not resume (got {view.attempt.id})")
    finally:
        store.close()


def run(kills: int, seed: int = 1, workdir: Path | None = None, verbose: bool = False) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="crash-harness-", dir=workdir) as tmp:
        db_path = Path(tmp) / "trainer.db"
        env = {**os.environ, "TRAINER_DATA_DIR": str(Path(tmp) / "data"),
               "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        for number in range(1, kills + 1):
            log_path = Path(tmp) / f"log-{number}.txt"
            process = subprocess.Popen(
                [sys.executable, "-m", "tests.tools.crash_harness", "--child", str(db_path),
                 str(log_path), str(rng.randrange(1 << 30))],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            # Most kills land while answering; some during start-up (opening, migrating).
            if rng.random() < 0.15:
                time.sleep(rng.uniform(0.0, 1.0))
            else:
                deadline = time.monotonic() + 30
                while (process.poll() is None and time.monotonic() < deadline
                       and not (log_path.exists() and log_path.stat().st_size)):
                    time.sleep(0.005)
                time.sleep(rng.uniform(0.0, 0.4))
            if process.poll() is not None:
                error = process.stderr.read().decode(errors="replace")
                figures.failures.append(f"kill {number}: the child stopped by itself: {error[-500:]}")
                figures.open_failures += 1
                continue
            process.send_signal(signal.SIGKILL)
            process.wait()
            process.stderr.close()
            entries = _read_log(log_path)
            figures.kills += 1
            if not entries:
                figures.kills_before_ready += 1
            else:
                figures.kills_while_answering += 1
            figures.answers_confirmed += sum(1 for e in entries if e[0] == "ANSWERED")
            figures.attempts_finished += sum(1 for e in entries if e[0] == "FINISHED")
            # Verify against every answer ever confirmed, not only this run's.
            all_entries = [e for n in range(1, number + 1)
                           for e in _read_log(Path(tmp) / f"log-{n}.txt")]
            verify(db_path, all_entries, figures, number)
            if verbose and number % 25 == 0:
                print(f"{number} kills, {figures.answers_confirmed} answers confirmed, "
                      f"{figures.answers_lost} lost", flush=True)
    figures.seconds = round(time.monotonic() - started, 1)
    return figures


def run_parallel(kills: int, seed: int, jobs: int, verbose: bool = False) -> Figures:
    """``jobs`` independent databases, each killed in turn, side by side; the figures added."""
    from concurrent.futures import ThreadPoolExecutor

    started = time.monotonic()
    shares = [kills // jobs + (1 if i < kills % jobs else 0) for i in range(jobs)]
    with ThreadPoolExecutor(jobs) as pool:
        parts = list(pool.map(lambda i: run(shares[i], seed + i, verbose=verbose), range(jobs)))
    total = Figures()
    for part in parts:
        for name, value in asdict(part).items():
            if name == "failures":
                total.failures.extend(value)
            elif name != "seconds":
                setattr(total, name, getattr(total, name) + value)
    total.seconds = round(time.monotonic() - started, 1)
    return total


def record(figures: Figures, path: Path, seed: int, jobs: int = 1) -> None:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    verdict = "PASS" if figures.ok else "FAIL"
    section = f"""<!-- crash-harness:start -->
## Crash harness: latest stress run

`python -m tests.tools.crash_harness --kills {figures.kills} --seed {seed} --jobs {jobs} --record {path}`
({jobs} database(s) side by side), {when},
{platform.system()} {platform.release()}, Python {platform.python_version()}, SQLite
{sqlite3.sqlite_version}.

| Figure | Value |
|---|---|
| Result | **{verdict}** |
| Kills (SIGKILL) | {figures.kills} |
| … during start-up (before the first answer) | {figures.kills_before_ready} |
| … while answering | {figures.kills_while_answering} |
| Answers confirmed before a kill (feedback would have been shown) | {figures.answers_confirmed} |
| Attempts finished | {figures.attempts_finished} |
| Answers lost | {figures.answers_lost} |
| Finished attempts lost | {figures.finishes_lost} |
| Integrity check failures | {figures.integrity_failures} |
| Attempts that did not resume | {figures.resume_failures} |
| Databases that could not be reopened | {figures.open_failures} |
| Wall time | {figures.seconds} s |

```json
{json.dumps({k: v for k, v in asdict(figures).items() if k != "failures"}, indent=2)}
```
<!-- crash-harness:end -->
"""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Reliability\n\n"
    start, end = "<!-- crash-harness:start -->", "<!-- crash-harness:end -->\n"
    if start in text and end in text:
        text = text[:text.index(start)] + section + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1, help="independent databases side by side")
    parser.add_argument("--record", metavar="FILE", help="write the figures into this markdown file")
    parser.add_argument("--child", nargs=3, metavar=("DB", "LOG", "SEED"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return 0
    figures = (run_parallel(args.kills, args.seed, args.jobs, verbose=True) if args.jobs > 1
               else run(args.kills, args.seed, verbose=True))
    for failure in figures.failures[:20]:
        print(failure)
    print(json.dumps({k: v for k, v in asdict(figures).items() if k != "failures"}, indent=2))
    if args.record:
        record(figures, Path(args.record), args.seed, args.jobs)
    return 0 if figures.ok else 1


if __name__ == "__main__":
    sys.exit(main())
