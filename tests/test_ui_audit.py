"""The accessibility audit: it finds real problems, and the app as built has none."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.audit import Audit, check
from trainer.ui.theme import THEMES, apply_theme, contrast_ratio, palette_findings, resolve_theme


def test_contrast_ratio_matches_wcag():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54  # the classic AA grey
    assert contrast_ratio("#123456", "#123456") == 1.0


def test_every_theme_meets_its_contrast_minimums():
    for palette in THEMES.values():
        assert palette_findings(palette) == [], palette.name


def test_system_theme_resolves_to_a_real_theme(qapp):
    assert resolve_theme("dark", qapp) == "dark"
    assert resolve_theme("system", qapp) in THEMES
    assert resolve_theme("no-such-theme", qapp) in THEMES


def test_audit_checks_find_each_kind_of_problem(qtbot, tmp_path, qapp):
    apply_theme(qapp, "light", 2.0)
    root = QWidget()
    root.setObjectName("badPage")
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    nameless = QLineEdit()  # no objectName, no accessible name, no label
    faint = QLabel("Faint grey text")
    faint.setObjectName("faint")
    faint.setStyleSheet("color: #bbbbbb;")
    trap = QPlainTextEdit()
    trap.setObjectName("notes")
    trap.setAccessibleName("Notes")
    scroll = QScrollArea()
    scroll.setObjectName("wide")
    scroll.setAccessibleName("Wide content")
    wide = QPushButton("A button far too wide for the page " * 6)
    wide.setObjectName("wideButton")
    scroll.setWidget(wide)
    below = QPushButton("Below")
    below.setObjectName("below")
    above = QPushButton("Above")
    above.setObjectName("above")
    for widget in (above, nameless, faint, trap, scroll, below):
        layout.addWidget(widget)
    QWidget.setTabOrder(nameless, above)  # Tab goes from the line edit back up to "Above"
    root.resize(500, 600)
    root.show()
    qtbot.waitExposed(root)
    audit = Audit(tmp_path)
    check(audit, root, "badPage", "light-200", 2.0)
    problems = {(f["kind"], f["widget"].split(" ")[0]) for f in audit.findings}
    assert ("name", "QLineEdit#?") in problems
    assert ("contrast", "QLabel#faint") in problems
    assert ("keyboard", "QPlainTextEdit#notes") in problems
    assert ("size", "QScrollArea#wide") in problems
    assert ("keyboard", "QPushButton#above") in problems
    apply_theme(qapp, "light", 1.0)


def test_ui_audit_command_finds_nothing_on_any_screen(tmp_path, qapp):
    """Every page (found from the main window's stack) and every dialog, at 100% and 200%, dark
    and high contrast: no nameless control, no colour under its minimum, nothing cut off."""
    from trainer.cli import run
    from trainer.ui.main_window import NAV

    out = tmp_path / "audit"
    code = run(["ui-audit", "--out", str(out)])
    report = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert report["findings"] == []
    assert code == 0
    names = {s["name"] for s in report["screens"] if s["kind"] == "page"}
    assert {key for key, _text in NAV} <= names
    assert {"welcome", "module", "question", "question-feedback", "result"} <= names
    assert {"glossaryDialog", "errorMessage", "aboutDialog", "backupsDialog", "verifyDialog",
            "pinDialog", "finishSessionDialog", "textDialog", "saveFileDialog", "folderDialog",
            "audienceWindow"} <= {s["name"] for s in report["screens"] if s["kind"] == "dialog"}
    for screen in report["screens"]:
        assert (out / screen["screenshot"]).stat().st_size > 1000
    variants = {s["variant"] for s in report["screens"]}
    assert {"light-100", "light-200", "high-contrast-100", "dark-100"} == variants
    settings = next(s for s in report["screens"] if s["name"] == "settings")
    assert settings["tab_order"][:3] == ["settingsScroll", "textSize", "themeChoice"]
    assert report["skipped"] == []


def test_audit_checks_every_other_row_of_a_table(qtbot, tmp_path, qapp):
    """Dark text settings with a pale alternate row: the rows in between cannot be read."""
    from PySide6.QtGui import QColor, QPalette, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    apply_theme(qapp, "dark", 1.0)
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    model = QStandardItemModel(4, 1)
    for row in range(4):
        model.setItem(row, 0, QStandardItem(f"Module {row}"))
    table = QTableView()
    table.setObjectName("stripes")
    table.setAccessibleName("Stripes")
    table.setModel(model)
    table.setAlternatingRowColors(True)
    layout.addWidget(table)
    root.show()
    qtbot.waitExposed(root)
    audit = Audit(tmp_path)
    check(audit, root, "stripes", "dark-100", 1.0)
    assert not [f for f in audit.findings if f["kind"] == "contrast"]  # the theme's stripes pass
    palette = table.palette()
    palette.setColor(QPalette.AlternateBase, QColor("#f7f7f7"))  # Qt's default, a pale grey
    table.setPalette(palette)
    check(audit, root, "stripes", "dark-100", 1.0)
    found = [f for f in audit.findings if f["kind"] == "contrast"]
    assert found and "every other row" in found[0]["problem"]
    apply_theme(qapp, "light", 1.0)
