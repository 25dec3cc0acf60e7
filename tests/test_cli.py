"""The command line as a person uses it: a real process, one-line errors, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys

from pypdf import PdfReader


def trainer(*args, db=None, env=None):
    full_env = {**os.environ, **(env or {})}
    command = [sys.executable, "-m", "trainer", *args]
    if db:
        command += ["--db", str(db)]
    return subprocess.run(command, capture_output=True, text=True, env=full_env, timeout=60)


def test_help_lists_commands():
    result = trainer("--help")
    assert result.returncode == 0
    for command in ("validate", "learners", "certificate", "content", "verify"):
        assert command in result.stdout


def test_validate_bundled_content_passes():
    result = trainer("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: southwark-2017" in result.stdout


def test_learners_add_and_list(tmp_path):
    db = tmp_path / "x.db"
    added = trainer("learners", "add", "Łukasz Żółć", "--role", "Social worker", "--team", "MASH",
                    db=db)
    assert added.returncode == 0, added.stderr
    listed = trainer("learners", "list", db=db)
    assert "Łukasz Żółć\tSocial worker\tMASH" in listed.stdout


def test_trainer_db_variable_is_used(tmp_path):
    db = tmp_path / "from-env.db"
    trainer("learners", "add", "Sam", "--role", "SW", "--team", "T", env={"TRAINER_DB": str(db)})
    assert db.exists()


def test_mistakes_give_one_line_and_status_1(tmp_path):
    db = tmp_path / "x.db"
    for args in (("learners", "add", "   ", "--role", "SW", "--team", "T"),
                 ("certificate", "99", "--out", str(tmp_path / "c.pdf")),
                 ("certificate", "notanumber", "--out", "x.pdf"),
                 ("nosuchcommand",)):
        result = trainer(*args, db=db)
        assert result.returncode == 1, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_not_a_database_gives_a_clear_message(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("hello")
    result = trainer("learners", "list", db=bad)
    assert result.returncode == 1
    assert "not a training database" in result.stderr
    assert bad.read_text() == "hello"


def test_certificate_command_writes_the_pdf(tmp_path, library, pack):
    from trainer.services.context import Services
    from trainer.store import Store

    db = tmp_path / "x.db"
    services = Services.build(Store.open(db), library)
    learner = services.learners.add("Sam Taylor", "Social worker", "MASH")
    view = services.study.start_or_resume(learner.id, pack.id, "front-door-check")
    while view.current is not None:
        services.study.answer(view, view.current.id, view.current.answer)
    services.study.finish(view)
    services.close()
    out = tmp_path / "cert.pdf"
    result = trainer("certificate", str(view.attempt.id), "--out", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert "Sam Taylor" in PdfReader(out).pages[0].extract_text()
    code = result.stdout.split("code ")[1].split(")")[0]
    assert trainer("verify", code, db=db).returncode == 0
    assert trainer("verify", "AAAA-BBBB-CCCC-DDDD", db=db).returncode == 1
