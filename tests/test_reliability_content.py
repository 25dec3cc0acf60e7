"""Point 7: bad content is rejected with file:line: reason while the rest loads; zip packs are
unpacked safely."""

from __future__ import annotations

import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from trainer import paths
from trainer.content.library import load_library
from trainer.content.yamlio import MAX_FILE_BYTES
from trainer.services.content_import import import_content_pack
from trainer.services.errors import UserError

TINY = Path(__file__).parent / "packs" / "tiny"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<reason>.+)$")

QUESTION = """  - id: {qid}
    module: tiny
    topic: t
    type: {qtype}
    difficulty: 1
    stem: "Stem of {qid}?"
    options:
      - {{id: a, text: "Yes", feedback: "Right [¶1]."}}
      - {{id: b, text: "No", feedback: "Wrong [¶1]."}}
    answer: [a]
    explanation: "Because [¶1]."
{cites}
"""


def bank(bank_id: str, *questions: str) -> str:
    return f"id: {bank_id}\ntitle: Extra\nmodules: [tiny]\nquestions:\n" + "".join(questions)


def question(qid: str, qtype: str = "single", cites: str = "    cites: ['1']") -> str:
    return QUESTION.format(qid=qid, qtype=qtype, cites=cites)


@pytest.fixture
def pack(tmp_path) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


def load(folder: Path):
    library = load_library([folder], include_bundled=False)
    return library, [str(p) for p in library.problems]


def one_problem(messages: list[str], file_name: str) -> re.Match:
    found = [LINE.match(m) for m in messages if m.startswith(f"tiny/quizzes/{file_name}")]
    assert found and all(found), messages
    return found[0]


BAD_FILES = {
    "malformed.yaml": ("id: x\nquestions:\n  - id: [unclosed\n", 4, "not valid YAML"),
    "tagged.yaml": ("id: x\ntitle: !!python/object/apply:os.system ['echo hacked']\n", 2,
                    "YAML tag that is not allowed"),
    "unknown-type.yaml": (bank("odd", question("odd-1", qtype="essay")), 8, "type"),
    "no-citation.yaml": (bank("uncited", question("unc-1", cites="")), 5, "cites"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_reported_with_file_line_reason_and_the_rest_loads(pack, name):
    text, line, reason = BAD_FILES[name]
    (pack / "quizzes" / name).write_text(text, encoding="utf-8")
    library, messages = load(pack)
    match = one_problem(messages, name)
    assert int(match["line"]) == line, messages
    assert reason in match["reason"], messages
    loaded = library.pack("tiny-test")
    assert loaded is not None and len(loaded.questions) == 8
    assert "tiny-check" in loaded.quizzes


def test_wrong_encoding_is_reported_with_its_line(pack):
    (pack / "quizzes" / "latin1.yaml").write_bytes(
        bank("latin", question("lat-1")).replace("Stem of", "Caf\xe9 stem of").encode("latin-1"))
    library, messages = load(pack)
    match = one_problem(messages, "latin1.yaml")
    assert "UTF-8" in match["reason"] and int(match["line"]) == 10
    assert len(library.pack("tiny-test").questions) == 8


def test_huge_file_is_refused_without_reading_it(pack):
    with (pack / "quizzes" / "huge.yaml").open("w") as handle:
        handle.write("id: huge\n# " + "x" * (MAX_FILE_BYTES + 10) + "\n")
    library, messages = load(pack)
    match = one_problem(messages, "huge.yaml")
    assert "larger than" in match["reason"]
    assert len(library.pack("tiny-test").questions) == 8


def test_duplicate_question_id_is_reported_and_the_first_kept(pack):
    (pack / "quizzes" / "dupe.yaml").write_text(bank("dupe", question("tq-1"), question("new-1")),
                                                encoding="utf-8")
    library, messages = load(pack)
    match = one_problem(messages, "dupe.yaml")
    assert "tq-1" in match["reason"] and int(match["line"]) == 5, messages
    loaded = library.pack("tiny-test")
    assert "new-1" in loaded.questions and loaded.questions["tq-1"].stem.startswith("Test question")


def test_citation_of_a_missing_paragraph_is_reported(pack):
    (pack / "quizzes" / "ghost.yaml").write_text(
        bank("ghost", question("gh-1", cites="    cites: ['99']")), encoding="utf-8")
    library, messages = load(pack)
    assert any(m.startswith("tiny/quizzes/ghost.yaml:") and "99" in m for m in messages), messages
    assert "gh-1" not in library.pack("tiny-test").questions
    assert len(library.pack("tiny-test").questions) == 8


# -- zip import ---------------------------------------------------------------------------------
def pack_zip(path: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]] = (),
             top: str = "tiny/") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for file in sorted(TINY.rglob("*")):
            if file.is_file():
                zf.write(file, top + file.relative_to(TINY).as_posix())
        for info, data in extra:
            zf.writestr(info, data)
    return path


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")} if folder.exists() else set()


def test_a_good_pack_is_imported_into_the_packs_folder(tmp_path):
    from trainer.store import Store

    store = Store.open(tmp_path / "data" / "trainer.db")
    imported = import_content_pack(pack_zip(tmp_path / "tiny.zip"), store)
    assert imported.path == paths.packs_dir() / "tiny-test"
    assert (imported.path / "pack.yaml").is_file() and imported.problems == []
    assert any(b.name.endswith("before-import.db") for b in (tmp_path / "data" / "backups").iterdir())
    from trainer.services.context import Services

    services = Services.open(tmp_path / "data" / "other.db")
    assert services.library.pack("tiny-test") is not None
    services.close()
    with pytest.raises(UserError, match="already installed"):
        import_content_pack(pack_zip(tmp_path / "tiny.zip"))
    assert import_content_pack(pack_zip(tmp_path / "tiny.zip"), replace=True).pack_id == "tiny-test"


def symlink_entry(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


BAD_ARCHIVES = {
    "traversal": ([("tiny/../../escaped.txt", b"x")], "climb out"),
    "traversal-backslash": ([("tiny\\..\\..\\escaped.txt", b"x")], "climb out"),
    "absolute": ([("/tmp/issue8-absolute.txt", b"x")], "absolute paths"),
    "drive": ([("C:/Windows/evil.txt", b"x")], "absolute paths"),
    "symlink": ([symlink_entry("tiny/link", "/etc/passwd")], "links are not allowed"),
}


@pytest.mark.parametrize("case", sorted(BAD_ARCHIVES))
def test_unsafe_archives_are_refused_and_nothing_is_written(tmp_path, case):
    extra, reason = BAD_ARCHIVES[case]
    archive = pack_zip(tmp_path / f"{case}.zip", extra)
    before = files_under(tmp_path)
    with pytest.raises(UserError, match=reason):
        import_content_pack(archive)
    after = files_under(tmp_path) - before
    assert after <= {paths.packs_dir(), paths.packs_dir().parent}, after
    assert not any(paths.packs_dir().iterdir())
    assert not Path("/tmp/issue8-absolute.txt").exists()
    assert not (tmp_path / "escaped.txt").exists()


def test_oversize_archives_are_refused(tmp_path, monkeypatch):
    from trainer.content import importer

    monkeypatch.setattr(importer, "MAX_UNPACKED_BYTES", 200_000)
    bomb = zipfile.ZipInfo("tiny/bomb.txt")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    archive = pack_zip(tmp_path / "bomb.zip", [(bomb, b"0" * 5_000_000)])
    assert archive.stat().st_size < 100_000
    with pytest.raises(UserError, match="more than is allowed"):
        import_content_pack(archive)
    assert not (paths.packs_dir() / "tiny-test").exists()
    monkeypatch.setattr(importer, "MAX_ARCHIVE_BYTES", 1000)
    with pytest.raises(UserError, match="at most"):
        import_content_pack(pack_zip(tmp_path / "big.zip"))


def test_not_a_zip_or_not_a_pack_is_refused(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_text("hello")
    with pytest.raises(UserError, match="not a zip archive"):
        import_content_pack(junk)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "no pack here")
    with pytest.raises(UserError, match="no pack.yaml"):
        import_content_pack(empty)
    assert not any((paths.packs_dir()).glob("*/pack.yaml"))


def test_content_import_command(tmp_path):
    import subprocess
    import sys

    env = {**__import__("os").environ, "TRAINER_DATA_DIR": str(tmp_path / "d")}
    ok = subprocess.run([sys.executable, "-m", "trainer", "content", "import",
                         str(pack_zip(tmp_path / "tiny.zip"))], capture_output=True, text=True,
                        env=env, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert "Imported tiny-test 1.0" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "trainer", "content", "import",
                          str(pack_zip(tmp_path / "t.zip", BAD_ARCHIVES["traversal"][0]))],
                         capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
    assert "climb out" in bad.stderr and "Traceback" not in bad.stderr
