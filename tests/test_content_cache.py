"""The cache of validated content: same content as a full load, refreshed when a file changes,
and harmless when damaged."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.content import cache
from trainer.content.library import load_library

FRONT_DOOR = "01-front-door.yaml"


def _plain(library):
    """Everything a screen reads from the packs, as plain data."""
    out = []
    for pack in library.packs:
        out.append((pack.id, pack.version, pack.attribution,
                    {m.id: m.model_dump() for m in pack.modules.values()},
                    {t.id: t.model_dump() for t in pack.glossary.values()},
                    pack.questions, pack.quizzes, sorted(pack.report.paragraphs)))
    return out, [str(p) for p in library.problems]


def test_cached_library_is_the_same_content(tmp_path):
    fresh = cache.load_library_cached(cache_dir=tmp_path)  # a full load, which writes the cache
    assert list(tmp_path.glob("content-*.cache"))
    cached = cache.load_library_cached(cache_dir=tmp_path)
    assert cached is not fresh
    assert type(cached.packs[0].modules["front-door"]).__module__ == "trainer.content.cache"
    assert _plain(cached) == _plain(fresh)
    module = cached.packs[0].modules["front-door"]
    assert module.title and module.judgements[0].grade  # attributes, nested records
    assert cached.packs[0].ordered_modules()[0].id == fresh.packs[0].ordered_modules()[0].id


@pytest.fixture
def pack_copy(tmp_path):
    from trainer import paths

    root = tmp_path / "pack"
    shutil.copytree(paths.resources_dir(), root / "resources",
                    ignore=shutil.ignore_patterns("fonts"))
    shutil.copytree(paths.quizzes_dir(), root / "quizzes")
    return root / "resources"


def test_a_changed_file_is_loaded_afresh(tmp_path, pack_copy):
    cache_dir = tmp_path / "cache"

    def load():
        return cache.load_library_cached([pack_copy], include_bundled=False, cache_dir=cache_dir)

    first = load()
    title = first.packs[0].modules["front-door"].title
    module_file = pack_copy / "modules" / FRONT_DOOR
    text = module_file.read_text(encoding="utf-8")
    module_file.write_text(re.sub(r"(?m)^title: .*$", 'title: "A changed title"', text, count=1),
                           encoding="utf-8")
    second = load()
    assert title != "A changed title"
    assert second.packs[0].modules["front-door"].title == "A changed title"

    # A new file in a folder the pack reads from is noticed too, and so is a broken one.
    (pack_copy / "glossary" / "zz-new.yaml").write_text("terms: [oops\n", encoding="utf-8")
    third = load()
    assert any("zz-new.yaml" in str(p) for p in third.problems)


def test_a_damaged_or_foreign_cache_means_a_full_load(tmp_path):
    library = cache.load_library_cached(cache_dir=tmp_path)
    path = next(tmp_path.glob("content-*.cache"))
    path.write_bytes(path.read_bytes()[:-5000])  # cut short
    again = cache.load_library_cached(cache_dir=tmp_path)
    assert _plain(again) == _plain(library)

    # A pickle that would call anything else is refused, not run.
    header, _, _ = path.read_bytes().partition(b"\n")
    body = path.read_bytes().split(b"\n", 2)
    evil = pickle.dumps(print)
    path.write_bytes(header + b"\n" + body[1] + b"\n" + evil)
    assert cache._read(path, cache._manifests(None, True)) is None
    assert cache.load_library_cached(cache_dir=tmp_path).packs


def test_the_full_load_matches_the_uncached_loader():
    assert _plain(load_library()) == _plain(load_library())  # the loader itself is stable


def test_starting_the_app_does_not_import_the_heavy_libraries(tmp_path):
    """What the first screen does not need is imported when it is first used: pydantic and PyYAML
    (content comes from the cache), sqlite-utils, ReportLab and segno. See BENCHMARKS.md."""
    data = tmp_path / "data"
    cache.load_library_cached(cache_dir=data / "cache")  # as the app's first start leaves it
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import trainer.ui.app, trainer.ui.main_window\n"
        "from trainer.services.context import Services\n"
        f"Services.open(Path({str(data)!r}) / 'trainer.db').close()\n"
        "heavy = ('pydantic', 'yaml', 'sqlite_utils', 'reportlab', 'segno', 'openpyxl')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy}))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "TRAINER_DATA_DIR": str(data)}, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]", (
        "modules imported at start that the first screen does not need: " + result.stdout
        + "(import them inside the function that uses them, or under TYPE_CHECKING)")


def test_cache_lives_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path / "d"))
    cache.load_library_cached()
    assert list((tmp_path / "d" / "cache").glob("content-*.cache"))
    assert Path(cache.__file__).name == "cache.py"
