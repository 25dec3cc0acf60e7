"""``trainer bench``: how fast the app starts, loads, answers, certifies and reports, and how much
memory it takes, each next to a baseline measured in the same run where there is one.

Every measurement runs a few times after a warm-up and the median is reported. Everything is
written into a temporary folder: the bench never opens the user's own database. Only the
``start`` and ``rss_main_window`` measurements start Qt, in child processes, so this module never
imports Qt itself (the CLI must not).
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from trainer import __version__

MiB = 1024 * 1024

# name -> (target, how it is compared, the text shown). "ratio" compares value / baseline.
TARGETS: dict[str, tuple[float, str, str]] = {
    "start": (1.3, "ratio", "<= 1.3 x bare window"),
    "content_load": (100.0, "value", "< 100 ms"),
    "content_load_uncached": (100.0, "value", "< 100 ms"),
    "answer_commit_p50": (2.0, "value", "< 2 ms (p95)"),
    "answer_commit_p95": (2.0, "value", "< 2 ms"),
    "certificate": (25.0, "value", "< 25 ms"),
    "certificate_batch_30": (1000.0, "value", "< 1 s"),
    "matrix": (50.0, "value", "< 50 ms"),
    "question_stats": (100.0, "value", "< 100 ms"),
    "rss_main_window": (120.0, "value", "< 120 MiB"),
}

# The names every run reports (the CI test checks that each is present).
MEASUREMENTS = ("start", "content_load", "content_load_uncached", "answer_commit_p50",
                "answer_commit_p95", "certificate", "certificate_batch_30", "matrix",
                "question_stats", "rss_main_window")

NAMES = ("Łucja Brzęczyszczykiewicz", "Zoë O'Brien <Team Lead>", "Siobhán Ní Bhriain",
         "Nguyễn Thị Minh Khai", "Jean-Baptiste Ørsted & Søn", "Aleksandra Żółkiewska",
         "Mohammed Al-Rashid", "Chloé Dubois-Montmorency", "Dafydd ap Gruffydd", "Ana Ruiz")


@dataclass
class Measurement:
    name: str
    unit: str
    value: float | None
    runs: int
    baseline: float | None = None
    baseline_name: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    def judge(self) -> Measurement:
        if self.name in TARGETS:
            limit, how, text = TARGETS[self.name]
            self.target = text
            compared = self.ratio if how == "ratio" else self.value
            if compared is not None:
                self.met = compared <= limit if how == "ratio" else compared < limit
        return self


@dataclass
class Settings:
    quick: bool
    runs: int
    warmup: int
    answer_samples: int
    batch: int
    learners: int
    responses: int

    @classmethod
    def make(cls, quick: bool) -> Settings:
        if quick:
            return cls(quick=True, runs=1, warmup=1, answer_samples=24, batch=30, learners=200,
                       responses=20_000)
        return cls(quick=False, runs=7, warmup=2, answer_samples=240, batch=30, learners=10_000,
                   responses=1_000_000)


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(pct / 100 * len(ordered))))
    return ordered[rank - 1]


def _timed2(fn: Callable[[], object], runs: int, warmup: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per call, after ``warmup`` calls that are not counted. CPU time
    shows what the code costs when the machine is shared and the wall clock waits for others."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def _timed(fn: Callable[[], object], runs: int, warmup: int) -> list[float]:
    return _timed2(fn, runs, warmup)[0]


# -- start and memory: child processes ---------------------------------------------------------
def _child_env(data_dir: Path, tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Bytecode is cached, as in an installed app (pip compiles it), but in the bench's own folder.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env["TRAINER_DATA_DIR"] = str(data_dir)
    env.pop("TRAINER_DB", None)
    env["TRAINER_BENCH_QUIT_WHEN_IDLE"] = "1"
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@dataclass
class ChildRun:
    wall_ms: float
    cpu_ms: float | None
    peak_rss_mib: float | None


def run_child(args: list[str], env: dict[str, str], log: Path) -> ChildRun:
    """Start ``python args`` and wait for it; wall time from spawn to exit, and its peak memory."""
    with log.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], env=env, stdout=subprocess.DEVNULL,  # noqa: S603
                                stderr=err, stdin=subprocess.DEVNULL)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            wall = (time.perf_counter() - start) * 1000
            proc.returncode = os.waitstatus_to_exitcode(status)
            # ru_maxrss is KiB on Linux and bytes on macOS.
            scale = 1 if sys.platform == "darwin" else 1024
            rss = usage.ru_maxrss * scale / MiB
            cpu = (usage.ru_utime + usage.ru_stime) * 1000
        else:  # Windows: no rusage for a child
            proc.wait()
            wall = (time.perf_counter() - start) * 1000
            rss = cpu = None
    if proc.returncode != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-5:]
        raise RuntimeError(f"'{' '.join(args)}' exited with {proc.returncode}: "
                           + " | ".join(tail))
    return ChildRun(wall, cpu, rss)


def _seed_start_db(data_dir: Path) -> None:
    """A learner who has used the app, so the app opens on their home page, as it usually does."""
    from trainer.services.context import Services

    services = Services.open(data_dir / "trainer.db")
    try:
        learner = services.learners.add("Sam Taylor", "Social worker", "Assessment Team 2")
        services.store.set_setting("last_learner_id", str(learner.id))
        if services.library.packs:
            _answer_quiz(services, learner.id)
    finally:
        services.close()


def bench_start(settings: Settings, tmp: Path) -> list[Measurement]:
    data_dir = tmp / "start-data"
    _seed_start_db(data_dir)
    env = _child_env(data_dir, tmp)
    app_args, bare_args = ["-m", "trainer"], ["-m", "trainer.ui.bare_window"]
    for _ in range(settings.warmup):
        run_child(bare_args, env, tmp / "bare.log")
        run_child(app_args, env, tmp / "app.log")
    app: list[ChildRun] = []
    bare: list[ChildRun] = []
    for _ in range(settings.runs):  # interleaved, so a busy moment hurts both alike
        bare.append(run_child(bare_args, env, tmp / "bare.log"))
        app.append(run_child(app_args, env, tmp / "app.log"))
    app_ms, bare_ms = _median([r.wall_ms for r in app]), _median([r.wall_ms for r in bare])
    extra = {}
    if app[0].cpu_ms is not None:
        extra = {"cpu_ms": round(_median([r.cpu_ms for r in app]), 1),
                 "baseline_cpu_ms": round(_median([r.cpu_ms for r in bare]), 1)}
    start = Measurement("start", "ms", app_ms, len(app), bare_ms, "bare PySide6 window",
                        app_ms / bare_ms, extra=extra,
                        note="process start to main window shown and idle, then quit")
    if app[0].peak_rss_mib is None:
        rss = Measurement("rss_main_window", "MiB", None, 0, note="not measured on this platform")
    else:
        app_rss = _median([r.peak_rss_mib for r in app])
        bare_rss = _median([r.peak_rss_mib for r in bare])
        rss = Measurement("rss_main_window", "MiB", app_rss, len(app), bare_rss,
                          "bare PySide6 window", app_rss / bare_rss,
                          note="peak resident memory of the process with the main window shown")
    return [start, rss]


# -- content --------------------------------------------------------------------------------------
def bench_content(settings: Settings, tmp: Path) -> list[Measurement]:
    from trainer.content import cache
    from trainer.content.library import load_library

    cache_dir = tmp / "content-cache"
    problems = len(load_library().problems)
    uncached, uncached_cpu = _timed2(load_library, settings.runs, settings.warmup)
    cached, cached_cpu = _timed2(lambda: cache.load_library_cached(cache_dir=cache_dir),
                                 settings.runs, max(1, settings.warmup))
    return [
        Measurement("content_load", "ms", _median(cached), len(cached),
                    extra={"cpu_ms": round(_median(cached_cpu), 2)},
                    note="load all bundled packs as the app does at start: from the cache of "
                         "validated content, which is checked against every file's size and "
                         "hash"),
        Measurement("content_load_uncached", "ms", _median(uncached), len(uncached),
                    extra={"cpu_ms": round(_median(uncached_cpu), 2)},
                    note=f"read, parse and validate every file of all bundled packs "
                         f"({problems} problems found)"),
    ]


# -- answering --------------------------------------------------------------------------------------
def _quiz_id(pack) -> str:
    if "front-door-check" in pack.quizzes:
        return "front-door-check"
    return next(q.id for q in pack.quizzes.values() if pack.pool(q))


def _answer_quiz(services, learner_id: int, times: list[float] | None = None,
                 cpu: list[float] | None = None):
    """One attempt, every question answered right; the time of each answer into ``times``."""
    pack = services.library.packs[0]
    view = services.study.start_or_resume(learner_id, pack.id, _quiz_id(pack))
    for question in list(view.questions):
        answer = tuple(question.answer)
        start, start_cpu = time.perf_counter(), time.process_time()
        services.study.answer(view, question.id, answer, confidence="sure", seconds=12.0)
        if times is not None:
            times.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
    services.study.finish(view)
    return view


def _open_services(tmp: Path, name: str):
    from trainer.content.library import load_library
    from trainer.services.context import Services
    from trainer.store import Store

    return Services.build(Store.open(tmp / name / "trainer.db"), load_library())


def bench_answers(settings: Settings, tmp: Path) -> list[Measurement]:
    services = _open_services(tmp, "answers")
    try:
        learner = services.learners.add("Sam Taylor", "Social worker", "Assessment Team 2")
        _answer_quiz(services, learner.id)  # warm-up
        times: list[float] = []
        cpu: list[float] = []
        while len(times) < settings.answer_samples:
            _answer_quiz(services, learner.id, times, cpu)
    finally:
        services.close()
    raw = _raw_commits(tmp / "answers" / "raw.db", len(times))
    note = ("StudyService.answer: score, INSERT and COMMIT in WAL mode with synchronous=FULL, "
            "on the bench's temporary disk; baseline: a bare sqlite3 INSERT and COMMIT, same "
            "settings, same disk")
    return [
        Measurement("answer_commit_p50", "ms", _percentile(times, 50), len(times),
                    _percentile(raw, 50), "bare sqlite3 INSERT + COMMIT",
                    _percentile(times, 50) / _percentile(raw, 50), note=note,
                    extra={"cpu_ms": round(_percentile(cpu, 50), 3)}),
        Measurement("answer_commit_p95", "ms", _percentile(times, 95), len(times),
                    _percentile(raw, 95), "bare sqlite3 INSERT + COMMIT",
                    _percentile(times, 95) / _percentile(raw, 95), note=note,
                    extra={"cpu_ms": round(_percentile(cpu, 95), 3)}),
    ]


def _raw_commits(path: Path, count: int) -> list[float]:
    """The floor under answer_commit: what one committed row costs on this disk, in WAL mode with
    synchronous=FULL (mostly the fsync), without any of the app's code."""
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, q TEXT, answer TEXT, at TEXT)")
        times = []
        for index in range(count + 5):
            start = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute("INSERT INTO r(q, answer, at) VALUES (?, ?, ?)",
                         (f"q{index}", '["a"]', "2026-01-01T00:00:00+00:00"))
            conn.execute("COMMIT")
            if index >= 5:
                times.append((time.perf_counter() - start) * 1000)
    finally:
        conn.close()
    return times


# -- certificates -------------------------------------------------------------------------------------
def bench_certificates(settings: Settings, tmp: Path) -> list[Measurement]:
    services = _open_services(tmp, "certificates")
    out = tmp / "certificates"
    try:
        certificates = []
        for index in range(settings.batch):
            name = NAMES[index % len(NAMES)]
            learner = services.learners.add(name, "Social worker", "Assessment Team 2")
            view = _answer_quiz(services, learner.id)
            certificates.append(services.certificates.issue_for_attempt(view.attempt.id))
        first = certificates[0]
        single, single_cpu = _timed2(lambda: services.certificates.save_pdf(first, out / "one.pdf"),
                                     max(settings.runs, 5), max(1, settings.warmup))

        def batch():
            for cert in certificates:
                services.certificates.save_pdf(cert, out / f"{cert.id}.pdf")

        batches, batches_cpu = _timed2(batch, settings.runs, settings.warmup)
        size_kib = (out / "one.pdf").stat().st_size / 1024
        plain = _timed(lambda: _plain_page(out / "plain.pdf"), max(settings.runs, 5),
                       max(1, settings.warmup))
    finally:
        services.close()
    return [
        Measurement("certificate", "ms", _median(single), len(single), _median(plain),
                    "ReportLab page, built-in font, no QR", _median(single) / _median(plain),
                    extra={"cpu_ms": round(_median(single_cpu), 2)},
                    note=f"one A4 PDF with its QR code and the embedded DejaVu Sans font "
                         f"({size_kib:.0f} KiB), written to disk"),
        Measurement("certificate_batch_30", "ms", _median(batches), len(batches),
                    extra={"cpu_ms": round(_median(batches_cpu), 1)},
                    note=f"{settings.batch} certificates for different learners, written to disk"),
    ]


def _plain_page(path: Path) -> None:
    """The floor under a certificate: one ReportLab page with a few lines in Helvetica."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=landscape(A4), invariant=True)
    canvas.setFont("Helvetica-Bold", 30)
    canvas.drawCentredString(420, 480, "Certificate of completion")
    canvas.setFont("Helvetica", 13)
    for index, line in enumerate(("This is to certify that", "Sam Taylor", "has completed")):
        canvas.drawCentredString(420, 430 - 30 * index, line)
    canvas.showPage()
    canvas.save()


# -- the manager's views over many responses ---------------------------------------------------------
def bench_manager(settings: Settings, tmp: Path) -> list[Measurement]:
    try:
        from tests.tools.synth import generate  # the generator of issue 6, in the source checkout
    except ImportError as exc:
        raise RuntimeError("the synthetic data generator (tests/tools/synth.py) is not importable; "
                           "run the bench from a source checkout") from exc
    from trainer.content.library import load_library
    from trainer.services.context import Services
    from trainer.store import Store

    db = tmp / "manager" / "trainer.db"
    started = time.perf_counter()
    made = generate(db, settings.learners, settings.responses)
    generated = time.perf_counter() - started
    services = Services.build(Store.open(db), load_library())
    try:
        insights = services.insights

        def matrix():  # what the Manage page needs to show it: every row, the first page of cells
            rows = insights.matrix_rows()
            insights.fill(rows[:200])
            return rows

        rows = len(matrix())
        matrix_ms, matrix_cpu = _timed2(matrix, settings.runs, settings.warmup)
        stats_ms, stats_cpu = _timed2(insights.question_stats, settings.runs, settings.warmup)
        full_ms, _ = _timed2(insights.matrix, max(1, settings.runs // 2), 0)
    finally:
        services.close()
    data = (f"{made.get('learners', settings.learners):,} learners, "
            f"{made.get('responses', settings.responses):,} responses "
            f"(tests/tools/synth.py, {generated:.0f} s to make)")
    return [
        Measurement("matrix", "ms", _median(matrix_ms), len(matrix_ms),
                    note=f"learners x modules as the Manage page opens it ({rows:,} rows, the "
                         f"first 200 filled; the view fills the rest as it scrolls) over {data}",
                    extra={"cpu_ms": round(_median(matrix_cpu), 2),
                           "every_cell_ms": round(_median(full_ms), 1)}),
        Measurement("question_stats", "ms", _median(stats_ms), len(stats_ms),
                    note=f"facility, discrimination and commonest wrong answer per question over "
                         f"{data}", extra={"cpu_ms": round(_median(stats_cpu), 2)}),
    ]


# -- sizes ------------------------------------------------------------------------------------------
def _folder_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def sizes() -> dict:
    info: dict[str, float | str] = {}
    if sys.prefix != sys.base_prefix:
        info["venv_mib"] = round(_folder_size(Path(sys.prefix)) / MiB, 1)
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
        if spec and spec.submodule_search_locations:
            info["pyside6_mib"] = round(
                _folder_size(Path(next(iter(spec.submodule_search_locations)))) / MiB, 1)
    except (ImportError, ValueError):
        pass
    return info


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"platform": platform.platform(), "python": platform.python_version(), "cpu": cpu,
            "cpus": os.cpu_count(), "memory_gib": memory}


# -- running and reporting ---------------------------------------------------------------------------
SUITES = (bench_start, bench_content, bench_answers, bench_certificates, bench_manager)


def run(quick: bool = False, json_path: Path | None = None, only: list[str] | None = None,
        echo: Callable[[str], None] = print) -> dict:
    settings = Settings.make(quick)
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as folder:
        tmp = Path(folder)
        os.environ["TRAINER_DATA_DIR"] = str(tmp / "data")  # nothing in-process finds the real one
        os.environ.pop("TRAINER_DB", None)
        for suite in SUITES:
            label = suite.__name__.removeprefix("bench_")
            if only and label not in only:
                continue
            echo(f"measuring {label}...")
            try:
                results.extend(m.judge() for m in suite(settings, tmp))
            except Exception as exc:  # one failure must not hide the other figures
                echo(f"  {label} failed: {exc}")
                names = {"start": ("start", "rss_main_window"),
                         "content": ("content_load", "content_load_uncached"),
                         "answers": ("answer_commit_p50", "answer_commit_p95"),
                         "certificates": ("certificate", "certificate_batch_30"),
                         "manager": ("matrix", "question_stats")}[label]
                results.extend(Measurement(n, "", None, 0, note=f"failed: {exc}").judge()
                               for n in names)
    report = {
        "version": __version__,
        "quick": settings.quick,
        "settings": asdict(settings),
        "machine": machine(),
        "sizes": sizes(),
        "measurements": {m.name: asdict(m) for m in results},
    }
    echo("")
    echo(table(results))
    if json_path:
        Path(json_path).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
        echo(f"\nWritten to {json_path}")
    return report


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "ms" and value >= 1000:
        return f"{value / 1000:.2f} s"
    if unit == "ms" and value < 10:
        return f"{value:.2f} ms"
    return f"{value:.1f} {unit}" if unit == "MiB" or value < 100 else f"{value:.0f} {unit}"


def table(results: list[Measurement]) -> str:
    rows = [("measurement", "median", "baseline", "ratio", "target", "")]
    for m in results:
        verdict = {True: "met", False: "MISSED", None: "-"}[m.met]
        rows.append((m.name, _fmt(m.value, m.unit), _fmt(m.baseline, m.unit),
                     f"{m.ratio:.2f}x" if m.ratio is not None else "", m.target, verdict))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)
