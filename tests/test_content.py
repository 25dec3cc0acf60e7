"""The bundled content: valid, evidence-linked, and meeting the minimum counts."""

from __future__ import annotations

import pytest

from trainer.content.library import load_library
from trainer.content.markup import numbers_in
from trainer.content.yamlio import Problem


def test_bundled_pack_has_no_problems(library):
    assert [str(p) for p in library.problems] == []


def test_front_door_module_and_knowledge_check(pack):
    module = pack.modules["front-door"]
    quiz = pack.quiz_for_module("front-door")
    assert quiz is not None and quiz.pass_mark == 80
    pool = pack.pool(quiz)
    assert len(pool) >= 10
    assert {q.type.value for q in pool} <= {"single", "multiple"}
    assert {"single", "multiple"} <= {q.type.value for q in pool}
    for question in pool:
        assert all(option.feedback for option in question.options)
        assert question.cites
    assert "[¶13]" in module.overview or any("[¶13]" in p for p in module.must_improve)


def test_every_question_cites_resolvable_paragraphs(pack):
    for question in pack.questions.values():
        for ref in question.cites:
            assert all(pack.report.get(pid) for pid in pack.report.expand(ref)), question.id


def test_numbers_rule_catches_an_invented_figure(pack):
    # The validator's own rule, applied to a figure that is not in ¶13.
    assert "37" not in numbers_in(pack.report.get("13").text)
    assert "24" in numbers_in(pack.report.get("13").text)


def test_bad_pack_reports_file_and_line(tmp_path):
    pack = tmp_path / "pack"
    (pack / "modules").mkdir(parents=True)
    (pack / "quizzes").mkdir()
    (pack / "source").mkdir()
    (pack / "source" / "report.txt").write_text("12. The MASH screens contacts within 24 hours.\n")
    (pack / "pack.yaml").write_text(
        "id: test-pack\ntitle: Test\nversion: '1.0'\nsource:\n  file: source/report.txt\n"
        "  title: T\n  licence: OGL\n  attribution: Crown copyright\nquizzes: quizzes\n")
    (pack / "quizzes" / "bank.yaml").write_text(
        "id: bank\ntitle: Bank\nmodules: [m]\nquestions:\n"
        "  - id: q-1\n    module: m\n    topic: t\n    type: single\n    difficulty: 1\n"
        "    stem: Within 48 hours?\n    options:\n"
        "      - {id: a, text: 'Yes', feedback: 'Right [¶12]'}\n"
        "      - {id: b, text: 'No', feedback: 'Wrong [¶99]'}\n"
        "    answer: [c]\n    explanation: Because.\n    cites: ['12']\n")
    library = load_library([pack], include_bundled=False)
    messages = [str(p) for p in library.problems]
    assert any(m.startswith("pack/quizzes/bank.yaml:") and "not among the options" in m
               for m in messages), messages
    assert any("¶99" in m for m in messages)
    assert any("48" in m for m in messages)
    assert any("module 'm' does not exist" in m for m in messages)
    assert all(isinstance(p, Problem) for p in library.problems)


@pytest.mark.parametrize("bad", ["a: !!python/object/apply:os.system ['echo hi']\n",
                                 "a: [unclosed\n"])
def test_unsafe_or_broken_yaml_is_rejected_with_a_line(tmp_path, bad):
    from trainer.content.yamlio import ContentError, read_yaml

    path = tmp_path / "x.yaml"
    path.write_text(bad)
    with pytest.raises(ContentError) as info:
        read_yaml(path, "x.yaml")
    assert str(info.value).startswith("x.yaml:")


def test_every_numbered_paragraph_is_cited_by_a_module(pack):
    from trainer.cli import pack_stats

    stats = pack_stats(pack)
    assert stats["paragraphs_not_cited"] == []
    assert len(stats["paragraphs_cited"]) == 124


def test_minimum_counts_and_modules(pack):
    from trainer.cli import pack_stats

    stats = pack_stats(pack)
    banks = stats["questions_per_bank"]
    assert banks["thresholds"] >= 30
    assert banks["return-home-interviews"] >= 20
    assert banks["permanence"] >= 30
    assert all(count >= 8 for count in banks.values())
    assert stats["modules"] == 11
    for module in pack.modules.values():
        assert module.case_studies, module.id
        assert len(module.reflect) >= 3, module.id
        assert module.works_well and module.must_improve, module.id
        assert all(cs.fictional for cs in module.case_studies)
        assert pack.quiz_for_module(module.id) is not None, module.id


def test_content_stats_json_command():
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "trainer", "content", "stats", "--json"],
                            capture_output=True, text=True, timeout=60)
    data = json.loads(result.stdout)
    pack = data["packs"][0]
    assert pack["id"] == "southwark-2017"
    assert set(pack) >= {"questions_per_bank", "questions_per_module", "questions_per_type",
                         "questions_per_difficulty", "paragraphs_cited", "paragraphs_not_cited"}
