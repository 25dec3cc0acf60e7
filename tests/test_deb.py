"""The .deb from `make package`, installed on this machine, with the installed launcher's self-test.

Building the bundle takes minutes, so this runs only when asked: `make package-test` (which builds
the .deb first) sets TRAINER_TEST_DEB=1, or TRAINER_TEST_DEB=PATH names a .deb. Needs root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WANTED = os.environ.get("TRAINER_TEST_DEB", "")
ID = "uk.inspectiontrainer.InspectionTrainer"
PREFIX = Path("/opt/inspection-trainer")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(not WANTED, reason="set TRAINER_TEST_DEB=1 (make package-test)"),
    pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="installing needs root"),
]


def _deb_path() -> Path:
    if WANTED not in ("1", "yes", "true"):
        return Path(WANTED)
    debs = sorted((ROOT / "dist").glob("inspection-trainer_*.deb"), key=lambda p: p.stat().st_mtime)
    assert debs, "no .deb in dist/: run `make package` first"
    return debs[-1]


@pytest.fixture(scope="module")
def installed():
    deb = _deb_path().resolve()
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    result = subprocess.run(["apt-get", "install", "-y", "-qq", "--reinstall", str(deb)],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    yield deb
    if not os.environ.get("TRAINER_KEEP_DEB"):
        subprocess.run(["dpkg", "--purge", "inspection-trainer"], capture_output=True, timeout=300)


def clean_env(tmp_path: Path) -> dict[str, str]:
    """What a person's session has: no project virtual environment, no Qt platform chosen."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path),
            "TRAINER_DATA_DIR": str(tmp_path / "data"), "LANG": "C.UTF-8"}


def test_deb_installs_the_app_its_launcher_and_desktop_files(installed):
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status} ${Version}", "inspection-trainer"],
                            capture_output=True, text=True)
    assert status.stdout.startswith("install ok installed")
    assert (PREFIX / "trainer").is_file() and os.access(PREFIX / "trainer", os.X_OK)
    assert (PREFIX / "_internal" / "resources" / "pack.yaml").is_file()
    assert shutil.which("trainer", path="/usr/bin") == "/usr/bin/trainer"
    desktop = Path(f"/usr/share/applications/{ID}.desktop")
    assert "Exec=trainer" in desktop.read_text()
    assert Path(f"/usr/share/metainfo/{ID}.metainfo.xml").is_file()
    assert Path("/usr/share/icons/hicolor/scalable/apps/inspection-trainer.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert Path(f"/usr/share/icons/hicolor/{size}x{size}/apps/inspection-trainer.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                               text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_installed_launcher_passes_its_self_test(installed, tmp_path):
    env = clean_env(tmp_path)
    version = subprocess.run(["trainer", "--version"], capture_output=True, text=True, env=env,
                             cwd=tmp_path, timeout=120)
    assert version.returncode == 0, version.stderr
    result = subprocess.run(["trainer", "--self-test"], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=300)
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines()[:-1])
    assert "(bundle)" in lines["ok    installation"], result.stdout + result.stderr
    assert str(PREFIX / "_internal" / "resources") in lines["ok    resources"]
    for check in ("database", "certificate", "window"):
        assert f"ok    {check}" in lines, result.stdout + result.stderr
    checkout = subprocess.run([sys.executable, "-m", "trainer", "validate"], capture_output=True,
                              cwd=ROOT, timeout=120)
    assert result.returncode == checkout.returncode, result.stdout  # 0 once the content is valid
    assert not (tmp_path / "data").exists()
