"""The report viewer: browse by section, search, and citations and glossary terms from lessons."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.gui_helpers import click_link, link_targets, modal_titles, type_text


def sign_in(window):
    learner = window.services.learners.add("Sam Taylor", "Social worker", "MASH")
    window.set_learner(learner.id)


def test_browse_and_search_the_report(qtbot, window):
    sign_in(window)
    report_row = [window.nav.item(r).text() for r in range(window.nav.count())].index("The report")
    window.nav.setCurrentRow(report_row)  # by name: other sections sit above it in the sidebar
    page = window.report
    assert window.stack.currentWidget() is page
    # Browse: pick ¶55 under its section in the tree.
    tree = page.sections
    target = None
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).data(0, Qt.UserRole) == "55":
                target = top.child(j)
    assert target is not None
    tree.setCurrentItem(target)
    assert page.view.current_id == "55"
    assert "195 enquiries" in page.view.highlighted_text()
    assert "children looked after" in page.view.heading.text().lower()

    # Search: words anywhere in a paragraph; picking a hit shows it.
    type_text(page.search, "return home interviews")
    assert page.results.isVisible() and page.results.count() > 0
    page.results.setCurrentRow(0)
    assert "return home interview" in page.view.highlighted_text().lower()
    assert "Open Government Licence" in page.view.attribution.text()


def test_glossary_link_opens_its_definition(qtbot, window):
    sign_in(window)
    window.open_module("front-door")
    seen = modal_titles(lambda: click_link(qtbot, window.module.text, "glossary:mash"))
    assert seen and "MASH" in seen[0]


def read_glossary(qtbot, window, term_id: str) -> tuple[str, list[str]]:
    """Open a term from the module page; what its dialog says, and where its links lead."""
    seen = []

    def read():
        dialog = QApplication.activeModalWidget()
        seen.append((dialog.text.toPlainText(), link_targets(dialog.text)))
        dialog.accept()

    QTimer.singleShot(0, read)
    click_link(qtbot, window.module.text, f"glossary:{term_id}")
    assert seen, f"no dialog for {term_id}"
    return seen[0]


def test_glossary_shows_each_citation_once(qtbot, window):
    sign_in(window)
    window.open_module("front-door")
    # Cited in the definition itself: each chip once, not again after it.
    text, links = read_glossary(qtbot, window, "mash")
    assert links == ["cite:12", "cite:exec-summary"]
    assert text.count("¶ 12") == 1 and text.count("¶ executive summary") == 1
    # Cited partly in the definition: the others follow it, still each once.
    text, links = read_glossary(qtbot, window, "threshold")
    assert sorted(links) == ["cite:107", "cite:117", "cite:12"]
    assert "Also in the report" in text


def test_a_term_in_a_definition_opens_its_own_definition(qtbot, window):
    sign_in(window)
    window.open_module("permanence-adoption")
    inner: list[str] = []
    outer = modal_titles(
        lambda: click_link(qtbot, window.module.text, "glossary:care-proceedings"),
        then=lambda dialog: inner.extend(modal_titles(
            lambda: click_link(qtbot, dialog.text, "glossary:public-law-outline"))))
    assert outer + inner == ["Glossary: Care proceedings", "Glossary: Public Law Outline (PLO)"]


def test_open_citation_in_the_full_report(qtbot, window):
    sign_in(window)
    window.open_module("front-door")
    click_link(qtbot, window.module.text, "cite:13")
    qtbot.mouseClick(window.panel.open_full, Qt.LeftButton)
    assert window.stack.currentWidget() is window.report
    assert window.report.view.current_id == "13"
    assert not window.panel.isVisible()
