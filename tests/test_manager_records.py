"""Manager statistics, exports, verification, erasure and retention, without a window."""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from trainer.certificates.codes import CERTIFIED_FIELDS
from trainer.cli import run
from trainer.services import reports
from trainer.services.errors import UserError
from trainer.services.exports import DANGEROUS_FIRST, Table, csv_bytes, safe_cell, xlsx_bytes

QUIZ = "front-door-check"


def take(services, pack, learner_id, wrong=()):
    """Finish an attempt at the front-door check, answering wrong on the positions in ``wrong``."""
    view = services.study.start_or_resume(learner_id, pack.id, QUIZ)
    position = 0
    while view.current is not None:
        question = view.current
        if position in wrong:
            answer = tuple(o.id for o in question.options if o.id not in question.answer)[:1]
        else:
            answer = question.answer
        services.study.answer(view, question.id, answer, "sure")
        position += 1
    services.study.finish(view)
    return view


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


@pytest.fixture
def team(services, pack):
    """Three learners in two teams with different results."""
    s = services
    ana = s.learners.add("Ana Mensah", "Social worker", "MASH")
    ben = s.learners.add("Ben Okafor", "Team manager", "MASH")
    cat = s.learners.add("=cmd|' /C calc'!A0", "Social worker", "Court")
    views = [take(s, pack, ana.id), take(s, pack, ben.id, wrong=range(0, 6)),
             take(s, pack, cat.id, wrong=range(0, 12)), take(s, pack, ben.id, wrong=(1,))]
    return {"ana": ana, "ben": ben, "cat": cat, "views": views}


# -- summaries and statistics -----------------------------------------------------------------
def test_summaries_kept_by_triggers_equal_a_rebuild(services, team):
    store = services.store
    live = (store.question_summaries(), store.matrix())
    store.rebuild_summaries()
    rebuilt = (store.question_summaries(), store.matrix())
    assert live == rebuilt
    assert sum(s.answered for s in live[0]) == sum(len(v.questions) for v in team["views"])


def test_question_statistics_match_a_direct_computation(services, team):
    rows = sqlite3.connect(services.store.path).execute(
        "SELECT r.question_id, r.points, a.score * 100.0 / a.max_score, r.answer, r.correct "
        "FROM responses r JOIN attempts a ON a.id = r.attempt_id").fetchall()
    stats = {q.question_id: q for q in services.insights.question_stats()}
    for qid in {r[0] for r in rows}:
        mine = [r for r in rows if r[0] == qid]
        xs = [r[1] for r in mine]
        ts = [r[2] for r in mine]
        n = len(xs)
        assert stats[qid].answered == n
        assert stats[qid].facility == pytest.approx(sum(xs) / n)
        mx, mt = sum(xs) / n, sum(ts) / n
        sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
        st = math.sqrt(sum((t - mt) ** 2 for t in ts))
        if sx > 1e-9 and st > 1e-9:
            r = sum((x - mx) * (t - mt) for x, t in zip(xs, ts, strict=True)) / (sx * st)
            assert stats[qid].discrimination == pytest.approx(r)
        else:
            assert stats[qid].discrimination is None
        wrong = [r[3] for r in mine if not r[4]]
        if wrong:
            assert stats[qid].top_wrong_count == max(wrong.count(w) for w in wrong)
            assert stats[qid].top_wrong
    ordered = list(stats.values())
    assert [q.facility for q in ordered] == sorted(q.facility for q in ordered)


def test_matrix_filters_by_team_role_and_dates(services, team, pack):
    insights = services.insights
    names = [learner.name for learner in insights.matrix()]
    assert names == sorted(names, key=str.casefold)
    mash = insights.matrix(team="MASH")
    assert {learner.name for learner in mash} == {"Ana Mensah", "Ben Okafor"}
    assert [learner.name for learner in insights.matrix(role="Team manager")] == ["Ben Okafor"]
    ben = next(learner for learner in mash if learner.name == "Ben Okafor")
    cell = ben.cells["front-door"]
    assert cell.passed and cell.attempts == 2 and cell.best_percent == 90
    today = datetime.now(UTC).date()
    assert insights.matrix(since=today.isoformat(), until=today.isoformat())[0].cells
    future = (today + timedelta(days=1)).isoformat()
    assert all(not learner.cells for learner in insights.matrix(since=future))
    services.data_protection.archive(team["ana"].id)
    assert "Ana Mensah" not in [learner.name for learner in insights.matrix()]
    assert "Ana Mensah" not in [learner.name for learner in services.learners.all()]


def test_training_needs_rank_the_weakest_topic_first(services, team):
    court = services.insights.training_needs("Court")
    assert court and all(need.facility == 0 for need in court)
    mash = services.insights.training_needs("MASH")
    assert [n.facility for n in mash] == sorted(n.facility for n in mash)
    assert mash[0].facility < mash[-1].facility
    assert services.insights.completions_over_time()[-1][1] == 2  # Ana and Ben passed


# -- exports ---------------------------------------------------------------------------------
@pytest.mark.parametrize("first", DANGEROUS_FIRST)
def test_dangerous_first_characters_are_neutralised(first):
    assert safe_cell(first + "SUM(A1)") == "'" + first + "SUM(A1)"
    table = Table("T", ["h"], [[first + "1+1"], [-3]])
    cells = [row[0] for row in csv.reader(io.StringIO(csv_bytes(table).decode("utf-8-sig")))]
    assert all(not cell.startswith(DANGEROUS_FIRST) for cell in cells)


def test_safe_cell_leaves_ordinary_text_alone():
    assert safe_cell("Ana Mensah") == "Ana Mensah"
    assert safe_cell(12) == "12" and safe_cell(0.5) == "0.5" and safe_cell(None) == ""


def _all_cells(table):
    return [table.headers] + table.rows


def test_csv_and_xlsx_exports_have_no_formula_cells(services, team):
    for table in (reports.matrix_table(services.insights), reports.attempts_table(services.insights),
                  reports.questions_table(services.insights)):
        text = csv_bytes(table).decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(DANGEROUS_FIRST), cell
        assert "'=cmd|' /C calc'!A0" in text or table.title == "Questions"
        book = zipfile.ZipFile(io.BytesIO(xlsx_bytes([table])))
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in sheet
        strings = book.read("xl/sharedStrings.xml").decode()
        assert "<t>=" not in strings and "<t>-" not in strings and "<t>+" not in strings


def test_matrix_export_content(services, team):
    table = reports.matrix_table(services.insights, team="MASH")
    assert table.headers[:3] == ["Learner", "Role", "Team"]
    index = next(i for i, h in enumerate(table.headers)
                 if h.startswith("The front door") and h.endswith(": best %"))
    by_name = {row[0]: row for row in table.rows}
    assert by_name["Ana Mensah"][index] == 100
    assert by_name["Ana Mensah"][index - 1] == "passed"


def test_team_summary_pdf(services, team):
    text = pdf_text(reports.team_summary_pdf(services.insights, "MASH", "Example Council"))
    assert "Training summary: MASH" in text and "The front door" in text
    assert "2 learners" in text and "(¶105)" in text


def test_cli_export_each_table(services, team, tmp_path, capsys):
    db = str(services.store.path)
    for what in ("matrix", "attempts", "questions"):
        for fmt in ("csv", "xlsx"):
            out = tmp_path / f"{what}.{fmt}"
            assert run(["export", what, "--format", fmt, "--out", str(out), "--db", db]) == 0
            assert out.stat().st_size > 0
    assert services.store.audit_entries()[0].action == "export questions"
    out = tmp_path / "mash.csv"
    assert run(["export", "attempts", "--team", "Court", "--out", str(out), "--db", db]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][1] == "'=cmd|' /C calc'!A0"
    ana = str(team["ana"].id)
    assert run(["export", "cpd", "--learner", ana, "--out", str(tmp_path / "c.csv"),
                "--db", db]) == 0
    assert run(["export", "cpd", "--format", "pdf", "--learner", ana,
                "--out", str(tmp_path / "c.pdf"), "--db", db]) == 0
    assert "CPD record: Ana Mensah" in pdf_text((tmp_path / "c.pdf").read_bytes())
    capsys.readouterr()
    assert run(["export", "cpd", "--out", str(tmp_path / "x.csv"), "--db", db]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--learner" in err


# -- CPD ---------------------------------------------------------------------------------------
def test_cpd_entry_drafted_after_a_pass_and_reflection_saved(services, team):
    ana = team["ana"]
    entries = services.progress.cpd_entries(ana.id)
    assert len(entries) == 1
    entry = entries[0]
    assert "The front door" in entry.activity and entry.minutes > 0
    assert "Report areas:" in entry.covered
    services.progress.save_reflection(entry.id, "learnt", "Consent <must> be & recorded")
    services.progress.save_reflection(entry.id, "peer", "Talked with Zoë")
    assert services.progress.cpd_entries(ana.id)[0].learnt == "Consent <must> be & recorded"
    assert len(services.progress.cpd_entries(ana.id)) == 1  # drafting again adds nothing
    assert services.progress.cpd_entries(team["cat"].id) == []  # no pass, no entry
    text = pdf_text(services.progress.cpd_pdf(ana.id))
    assert "Consent <must> be & recorded" in text and "Talked with Zoë" in text
    table = services.progress.cpd_table(ana.id)
    assert table.rows[0][5] == "Consent <must> be & recorded"
    with pytest.raises(UserError):
        services.progress.save_reflection(entry.id, "learner_id", "1")


# -- verification and revocation -------------------------------------------------------------
@pytest.mark.parametrize("field", CERTIFIED_FIELDS)
def test_changing_any_certified_field_fails_verification(services, team, field):
    attempt = team["views"][0].attempt
    certificate = services.certificates.issue_for_attempt(attempt.id)
    assert services.certificates.verify(certificate.code).genuine
    value = getattr(certificate, field)
    changed = value + 1 if isinstance(value, int) else value + "x"
    conn = sqlite3.connect(services.store.path)
    with conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(f"UPDATE certificates SET {field} = ? WHERE code = ?",  # noqa: S608
                     (changed, certificate.code))
    verdict = services.certificates.verify(certificate.code)
    assert not verdict.genuine


def test_revoke_with_a_reason_is_audited(services, team):
    certificate = services.certificates.issue_for_attempt(team["views"][0].attempt.id)
    with pytest.raises(UserError):
        services.data_protection.revoke(certificate.id, "")
    services.data_protection.revoke(certificate.id, "Issued to the wrong person")
    verdict = services.certificates.verify(certificate.code)
    assert not verdict.genuine and "Issued to the wrong person" in verdict.message
    entry = services.store.audit_entries()[0]
    assert entry.action == "certificate revoked" and certificate.id in entry.detail
    with pytest.raises(UserError):
        services.data_protection.revoke(certificate.id, "again and again")


# -- data protection ---------------------------------------------------------------------------
def test_subject_access_has_everything_on_one_learner_only(services, team):
    ana = team["ana"]
    services.certificates.issue_for_attempt(team["views"][0].attempt.id)
    services.progress.sync_cpd(ana.id)
    archive = zipfile.ZipFile(io.BytesIO(services.data_protection.subject_access_zip(ana.id)))
    data = json.loads(archive.read("data.json"))
    assert data["learner"][0]["name"] == "Ana Mensah"
    asked = len(team["views"][0].questions)
    assert len(data["attempts"]) == 1 and len(data["responses"]) == asked
    assert len(data["certificates"]) == 1 and len(data["cpd_entries"]) == 1
    assert {a["learner_id"] for a in data["attempts"]} == {ana.id}
    for name in ("attempts.csv", "responses.csv", "cpd_entries.csv", "certificates.csv"):
        assert name in archive.namelist()
    assert "Ben Okafor" not in archive.read("data.json").decode()
    assert services.store.audit_entries()[0].action == "subject access export"


def _rows_about(path, learner_id):
    conn = sqlite3.connect(path)
    counts = {}
    for table in ("learners", "attempts", "certificates", "cpd_entries", "lesson_progress"):
        column = "id" if table == "learners" else "learner_id"
        counts[table] = conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?",  # noqa: S608
                                     (learner_id,)).fetchone()[0]
    counts["responses"] = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
    return counts


def test_erasure_needs_the_exact_name_then_removes_everything(services, team, pack):
    ana = team["ana"]
    services.certificates.issue_for_attempt(team["views"][0].attempt.id)
    services.progress.sync_cpd(ana.id)
    services.store.mark_module_opened(ana.id, pack.id, "front-door")
    before = _rows_about(services.store.path, ana.id)
    with pytest.raises(UserError):
        services.data_protection.erase(ana.id, "Ana")
    assert _rows_about(services.store.path, ana.id) == before
    answered_before = sum(s.answered for s in services.store.question_summaries())
    services.data_protection.erase(ana.id, "Ana Mensah")
    after = _rows_about(services.store.path, ana.id)
    assert {k: v for k, v in after.items() if k != "responses"} == dict.fromkeys(
        ("learners", "attempts", "certificates", "cpd_entries", "lesson_progress"), 0)
    asked = len(team["views"][0].questions)
    assert after["responses"] == before["responses"] - asked
    assert sum(s.answered for s in services.store.question_summaries()) == answered_before - asked
    entry = services.store.audit_entries()[0]
    assert entry.action == "learner erased" and "Ana" not in entry.detail
    dump = "\n".join(sqlite3.connect(services.store.path).iterdump())
    assert "Ana Mensah" not in dump


def test_retention_removes_only_old_records(services, team):
    dp = services.data_protection
    assert dp.apply_retention() == {}  # keep everything by default
    dp.set_retention_years(2)
    old = team["views"][0].attempt.id
    conn = sqlite3.connect(services.store.path)
    with conn:
        conn.execute("UPDATE attempts SET started_at = '2019-01-01T00:00:00+00:00' WHERE id = ?",
                     (old,))
    counts = dp.apply_retention()
    assert counts["attempts"] == 1 and counts["responses"] == len(team["views"][0].questions)
    assert services.store.attempt(old) is None
    assert len(services.store.attempt_rows()) == 3
    assert services.store.audit_entries()[0].action == "retention applied"
    with pytest.raises(UserError):
        dp.set_retention_years(0)


def test_upgrade_from_v1_builds_the_summaries_from_existing_attempts(tmp_path):
    from sqlite_utils import Database

    from trainer.store import Store
    from trainer.store.migrations import MIGRATIONS

    path = tmp_path / "v1.db"
    db = Database(sqlite3.connect(path))
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version=1")
    db.execute("INSERT INTO learners(id, name, role, team, created_at) VALUES "
               "(1, 'Ana', 'SW', 'MASH', '2024-01-01')")
    db.execute("INSERT INTO attempts(id, learner_id, pack_id, pack_version, quiz_id, module_id, "
               "seed, question_ids, pass_mark, started_at, finished_at, score, max_score, passed) "
               "VALUES (1, 1, 'p', '1', 'q', 'm', 1, '[\"a\",\"b\"]', 50, '2024-01-01', "
               "'2024-01-01T10:00:00', 1, 2, 1)")
    db.execute("INSERT INTO responses(attempt_id, question_id, position, answer, points, correct, "
               "answered_at) VALUES (1, 'a', 0, '[\"x\"]', 1, 1, '2024'), "
               "(1, 'b', 1, '[\"y\"]', 0, 0, '2024')")
    db.conn.commit()
    db.close()
    store = Store.open(path)
    assert store.schema_version == len(MIGRATIONS)
    summaries = {s.question_id: s for s in store.question_summaries()}
    assert summaries["a"].answered == 1 and summaries["b"].top_wrong_answer == '["y"]'
    cell = store.matrix()[0].cells["m"]
    assert cell.best_percent == 50 and cell.passed
    store.close()


def test_cli_verify_says_revoked(services, team, capsys):
    certificate = services.certificates.issue_for_attempt(team["views"][0].attempt.id)
    db = str(services.store.path)
    assert run(["verify", certificate.code, "--db", db]) == 0
    services.data_protection.revoke(certificate.id, "Issued to the wrong person")
    capsys.readouterr()
    assert run(["verify", certificate.code, "--db", db]) == 1
    out = capsys.readouterr().out
    assert "revoked" in out and "Issued to the wrong person" in out


def test_erasure_and_subject_access_cover_practice_records(services, team):
    ben = team["ben"]
    queued = services.store.db.conn.execute(
        "SELECT count(*) FROM practice_queue WHERE learner_id = ?", (ben.id,)).fetchone()[0]
    assert queued > 0  # his wrong answers are queued for practice
    data = json.loads(zipfile.ZipFile(io.BytesIO(
        services.data_protection.subject_access_zip(ben.id))).read("data.json"))
    assert len(data["practice_queue"]) == queued
    services.data_protection.erase(ben.id, "Ben Okafor")
    left = services.store.db.conn.execute(
        "SELECT count(*) FROM practice_queue WHERE learner_id = ?", (ben.id,)).fetchone()[0]
    assert left == 0
