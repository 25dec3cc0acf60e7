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


def test_db_commands(tmp_path):
    db = tmp_path / "x.db"
    assert trainer("learners", "add", "Sam", "--role", "SW", "--team", "T", db=db).returncode == 0
    made = trainer("db", "backup", db=db)
    assert made.returncode == 0 and "Backed up to" in made.stdout
    backup = made.stdout.split("Backed up to ")[1].strip()
    listed = trainer("db", "backups", db=db)
    assert backup in listed.stdout and "manual" in listed.stdout
    check = trainer("db", "check", db=db)
    assert check.returncode == 0 and check.stdout.startswith("ok:")
    trainer("learners", "add", "Later", "--role", "SW", "--team", "T", db=db)
    restored = trainer("db", "restore", backup, db=db)
    assert restored.returncode == 0, restored.stderr
    assert "before-restore" in restored.stdout
    assert "Later" not in trainer("learners", "list", db=db).stdout


def test_db_check_and_restore_of_a_damaged_database(tmp_path):
    db = tmp_path / "x.db"
    from trainer.store import Store

    store = Store.open(db)
    for i in range(60):
        store.add_learner(f"Learner {i}", "SW", "T")
    store.close()
    assert trainer("db", "backup", db=db).returncode == 0
    data = bytearray(db.read_bytes())
    for offset in range(4096 + 8, 4096 * 4, 7):
        data[offset] = 0xA5
    db.write_bytes(bytes(data))
    check = trainer("db", "check", db=db)
    assert check.returncode == 1 and "damaged" in check.stderr and "Traceback" not in check.stderr
    opened = trainer("learners", "list", db=db)
    assert opened.returncode == 1 and len(opened.stderr.strip().splitlines()) == 1
    restored = trainer("db", "restore", db=db)
    assert restored.returncode == 0, restored.stderr
    assert "damaged file was kept as" in restored.stdout
    assert list(tmp_path.glob("x.damaged-*.db"))
    assert "Learner 59" in trainer("learners", "list", db=db).stdout


def test_db_restore_while_the_app_is_open_is_refused(tmp_path):
    from trainer.store.lock import InstanceLock

    db = tmp_path / "x.db"
    assert trainer("db", "backup", db=db).returncode == 0
    with InstanceLock(db):
        result = trainer("db", "restore", db=db)
    assert result.returncode == 1 and "open in another window" in result.stderr
