"""The report as data: every numbered paragraph, split paragraphs joined, no markup left."""

from __future__ import annotations

import re

import pytest

from trainer import paths
from trainer.content.report import load_report

SPLIT = {16: "up to date on new risks", 40: "the independent visitors' scheme",
         46: "support when young people complete Year 11", 59: "means that children may be",
         65: "regular, reflective supervision", 80: "university, or the practical help",
         92: "improved through better engagement", 97: "child in need performance data",
         102: "further demonstrates the ambition", 117: "management arrangements for early help",
         122: "close links to other young people"}


@pytest.fixture(scope="module")
def report():
    return load_report(paths.resources_dir() / "source" / "ofsted-southwark-2017.txt")


def test_all_124_numbered_paragraphs(report):
    assert sorted(p.number for p in report.numbered) == list(range(1, 125))


@pytest.mark.parametrize("number,second_half", sorted(SPLIT.items()))
def test_split_paragraphs_hold_both_halves(report, number, second_half):
    text = report.get(str(number)).text
    assert second_half in text
    assert text.index(second_half) > 40  # the first half comes before it


def test_no_markup_or_footnote_markers_remain(report):
    for paragraph in report.paragraphs.values():
        assert not re.search(r"</?p>|[¹²³]", paragraph.text), paragraph.id


@pytest.mark.parametrize("pid", ["judgements", "exec-summary", "area-facts", "summary-children",
                                 "section-help-summary", "section-cla-summary",
                                 "section-leadership-summary", "lscb-exec-summary"])
def test_unnumbered_sections_have_stable_ids(report, pid):
    assert len(report.get(pid).text) > 40


def test_judgement_table(report):
    text = report.get("judgements").text
    assert "Adoption performance: Outstanding" in text
    assert "Experiences and progress of care leavers: Requires improvement" in text


def test_ranges_and_search(report):
    assert report.expand("12-14") == ["12", "13", "14"]
    hits = {p.id for p in report.search("return home interviews")}
    assert "29" in hits
