"""The wheel carries everything the app needs: built from this checkout, installed into a fresh
virtual environment outside it, and run there (``trainer validate`` and ``trainer --self-test``)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # builds and installs: minutes


def _data_files() -> set[str]:
    """Every file under resources/ and quizzes/, as the wheel should name it."""
    names = set()
    for folder in ("resources", "quizzes"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                names.add(f"trainer/_data/{path.relative_to(ROOT).as_posix()}")
    return names


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    (built,) = out.glob("inspection_trainer-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A clean virtual environment (no system site-packages) with only the wheel installed."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, capture_output=True, timeout=900)
    return venv


def run_installed(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "QT_QPA_PLATFORM", "VIRTUAL_ENV")}
    env["TRAINER_DATA_DIR"] = str(cwd / "data")
    return subprocess.run([str(venv / "bin" / "trainer"), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=180)


def test_wheel_holds_every_resource_and_quiz_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = _data_files() - names
    assert not missing, f"missing from the wheel: {sorted(missing)[:10]}"
    for needed in ("trainer/_data/resources/pack.yaml",
                   "trainer/_data/resources/source/ofsted-southwark-2017.txt",
                   "trainer/_data/resources/fonts/DejaVuSans.ttf",
                   "trainer/_data/resources/icons/inspection-trainer.svg",
                   "trainer/cli.py", "trainer/ui/about.py"):
        assert needed in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_wheel_validates_and_passes_its_self_test(installed, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    version = run_installed(installed, "--version", cwd=outside)
    assert version.returncode == 0 and version.stdout.startswith("trainer ")

    validate = run_installed(installed, "validate", cwd=outside)
    checkout = subprocess.run([sys.executable, "-m", "trainer", "validate"], capture_output=True,
                              text=True, cwd=ROOT, timeout=120)
    # The installed copy finds the same content as the checkout and judges it the same way.
    assert validate.returncode == checkout.returncode, validate.stdout + validate.stderr
    assert len(validate.stdout.splitlines()) == len(checkout.stdout.splitlines())
    if checkout.returncode == 0:
        assert "ok: southwark-2017" in validate.stdout

    result = run_installed(installed, "--self-test", cwd=outside)
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines()[:-1])
    resources = lines["ok    resources"]
    assert str(installed) in resources and "site-packages/trainer/_data/resources" in resources
    for check in ("installation", "database", "certificate", "window"):
        assert f"ok    {check}" in lines, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.returncode == checkout.returncode, result.stdout
    assert not (outside / "data").exists()  # the self-test used a temporary folder only
