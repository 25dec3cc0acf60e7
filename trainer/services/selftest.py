"""``trainer --self-test``: the checks an IT department runs after installing the app.

Each check does the real thing on throw-away data (a database in a temporary folder, never the
person's own) and reports one line. The Qt part (opening the main window) lives in
``trainer.ui.selftest``; this module has the checks that need no display.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trainer import __version__, paths


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float = 0.0

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name}: {self.detail}"


class CheckFailed(Exception):
    """A check found something wrong; the message says what, for the person reading the line."""


@dataclass
class SelfTest:
    """Shared state between checks: the temporary folder, the loaded content, the open services."""

    workdir: Path
    extra_content: list[Path] = field(default_factory=list)
    library: object = None
    services: object = None
    attempt_id: int | None = None
    results: list[CheckResult] = field(default_factory=list)

    def run(self, name: str, check: Callable[[SelfTest], str],
            echo: Callable[[str], None] | None = None) -> CheckResult:
        started = time.perf_counter()
        try:
            result = CheckResult(name, True, check(self))
        except CheckFailed as exc:
            result = CheckResult(name, False, str(exc))
        except Exception as exc:  # noqa: BLE001 - a self-test reports every failure, never crashes
            result = CheckResult(name, False, f"{type(exc).__name__}: {exc}")
        result.seconds = time.perf_counter() - started
        self.results.append(result)
        if echo:
            echo(result.line())
        return result

    def close(self) -> None:
        if self.services is not None:
            self.services.close()
            self.services = None

    @property
    def passed(self) -> bool:
        return all(r.ok for r in self.results)


def check_installation(test: SelfTest) -> str:
    frozen = "bundle" if getattr(sys, "frozen", False) else "Python package"
    return (f"Inspection Trainer {__version__} ({frozen}), Python {platform.python_version()} "
            f"on {platform.system()} {platform.machine()}")


def check_resources(test: SelfTest) -> str:
    needed = [paths.bundled_pack_manifest(), paths.font_path(), paths.font_path(bold=True),
              paths.icon_path()]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        raise CheckFailed(f"missing files: {', '.join(missing)}")
    return f"report, fonts and icon found in {paths.resources_dir()}"


def check_content(test: SelfTest) -> str:
    from trainer.content.library import load_library

    test.library = library = load_library(test.extra_content)
    if not library.packs:
        raise CheckFailed("no content pack could be loaded"
                          + (f" ({library.problems[0]})" if library.problems else ""))
    if library.problems:
        files = list(dict.fromkeys(p.file for p in library.problems))
        shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        raise CheckFailed(f"{len(library.problems)} problem(s) in {shown}; first: "
                          f"{library.problems[0]} (run 'trainer validate' for all)")
    questions = sum(len(p.questions) for p in library.packs)
    modules = sum(len(p.modules) for p in library.packs)
    packs = ", ".join(f"{p.id} {p.version}" for p in library.packs)
    return f"{packs}: {modules} modules, {questions} questions, no problems"


def check_database(test: SelfTest) -> str:
    """Write a learner and a whole passed attempt, close the file, open it again and read back."""
    from trainer.services.context import Services
    from trainer.store import Store

    if test.library is None or not test.library.packs:
        raise CheckFailed("skipped: no content to answer questions from")
    db_path = test.workdir / "self-test.db"
    services = Services.build(Store.open(db_path), test.library)
    try:
        learner = services.learners.add("Self Test", "Other", "IT check")
        view = None
        for pack in test.library.packs:
            in_order = [q.id for m in pack.ordered_modules() if (q := pack.quiz_for_module(m.id))]
            for quiz_id in dict.fromkeys([*in_order, *pack.quizzes]):
                try:
                    view = services.study.start_or_resume(learner.id, pack.id, quiz_id)
                    break
                except Exception:  # noqa: BLE001, S112 - try the next quiz; one working is enough
                    continue
            if view is not None:
                break
        if view is None:
            raise CheckFailed("no knowledge check could be started")
        answered = 0
        while view.current is not None:
            services.study.answer(view, view.current.id, view.current.answer)
            answered += 1
        result = services.study.finish(view)
        test.attempt_id = view.attempt.id
    finally:
        services.close()
    store = Store.open(db_path)
    try:
        saved = store.attempt(test.attempt_id)
        names = [learner.name for learner in store.learners()]
        check = store.integrity_check()
    finally:
        store.close()
    if names != ["Self Test"] or saved is None or not saved.finished_at:
        raise CheckFailed(f"what was written to {db_path} did not read back")
    if check != "ok":
        raise CheckFailed(f"integrity check of {db_path} says {check}")
    if not result.attempt.passed:
        raise CheckFailed("a fully correct attempt was not marked as passed")
    test.services = Services.build(Store.open(db_path), test.library)
    return (f"wrote and read back a learner and {answered} answers ({view.attempt.quiz_id}), "
            f"integrity ok")


def check_certificate(test: SelfTest) -> str:
    if test.services is None or test.attempt_id is None:
        raise CheckFailed("skipped: the database check did not pass")
    services = test.services
    certificate = services.certificates.issue_for_attempt(test.attempt_id)
    out = services.certificates.save_pdf(certificate, test.workdir / "certificate.pdf")
    data = out.read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 5000:
        raise CheckFailed(f"the PDF at {out} looks wrong ({len(data)} bytes)")
    if not services.certificates.verify(certificate.code).genuine:
        raise CheckFailed("the new certificate's verification code was not accepted")
    return f"rendered a {len(data) // 1024} KB PDF and verified its code"


CORE_CHECKS: list[tuple[str, Callable[[SelfTest], str]]] = [
    ("installation", check_installation),
    ("resources", check_resources),
    ("content", check_content),
    ("database", check_database),
    ("certificate", check_certificate),
]


def use_offscreen_platform() -> str:
    """The self-test never needs a screen: draw offscreen unless the caller chose a platform."""
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return os.environ["QT_QPA_PLATFORM"]


def run_self_test(extra_content: list[Path] | None = None, echo: Callable[[str], None] = print,
                  window_check: Callable[[SelfTest], str] | None = None) -> int:
    """Run every check, print one line per check, and return the exit status (0 all passed)."""
    with tempfile.TemporaryDirectory(prefix="trainer-self-test-") as tmp:
        test = SelfTest(Path(tmp), list(extra_content or []))
        try:
            for name, check in CORE_CHECKS:
                test.run(name, check, echo)
            if window_check is not None:
                test.run("window", window_check, echo)
        finally:
            test.close()
        failed = [r.name for r in test.results if not r.ok]
        if failed:
            echo(f"Self-test FAILED: {', '.join(failed)}.")
            return 1
        echo(f"Self-test passed: {len(test.results)} checks.")
        return 0
