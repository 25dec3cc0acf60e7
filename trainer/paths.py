"""Where data, backups, logs and bundled resources live.

Every other module asks here, so that tests (and IT departments) can move everything with one
option or variable: ``--db PATH`` or ``TRAINER_DB`` for the database, ``TRAINER_DATA_DIR`` for the
whole data folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from trainer import APP_ID

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder that holds the database, backups, logs and the installation's secret."""
    override = os.environ.get("TRAINER_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_ID, appauthor=False)


def default_db_path() -> Path:
    override = os.environ.get("TRAINER_DB")
    if override:
        return Path(override).expanduser()
    return data_dir() / "trainer.db"


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> Path:
    """``--db`` wins over ``TRAINER_DB``, which wins over the platform's data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    return default_db_path()


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def logs_dir() -> Path:
    return data_dir() / "logs"


def _bundle_root() -> Path | None:
    """The root of a frozen (PyInstaller) bundle, if this is one."""
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if meipass else None


def _find(name: str) -> Path:
    """Find a bundled folder: in a frozen bundle, an installed wheel, or the source checkout."""
    candidates = []
    bundle = _bundle_root()
    if bundle:
        candidates.append(bundle / name)
    candidates.append(_PACKAGE_DIR / "_data" / name)  # installed wheel
    candidates.append(_PACKAGE_DIR.parent / name)  # source checkout / editable install
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the app's {name} folder is missing (looked in {candidates})")


def resources_dir() -> Path:
    return _find("resources")


def quizzes_dir() -> Path:
    return _find("quizzes")


def bundled_pack_manifest() -> Path:
    return resources_dir() / "pack.yaml"


def font_path(bold: bool = False) -> Path:
    return resources_dir() / "fonts" / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


def icon_path() -> Path:
    """The app's icon (SVG); packaging renders the PNG sizes from it."""
    return resources_dir() / "icons" / "inspection-trainer.svg"
