"""``trainer ui-audit``: open every page and dialog offscreen, screenshot it, and check it.

Pages come from the main window's stack (through the sidebar where possible, then the page states
in trainer.ui.registry, then any page not yet seen); dialogs from the registry, from QDialog
subclasses that need only a parent, and from any dialog that opens modally on the way. Each screen
is shown in every variant (light at 100% and 200%, dark, high contrast) and checked for:

- ``name``: a focusable widget without an object name or an accessible name (WCAG 4.1.2);
- ``contrast``: a theme colour pair, or a label's or button's text on its background, under its
  minimum (4.5:1 text, 3:1 large text and controls: WCAG 1.4.3, 1.4.11);
- ``keyboard``: a text box that keeps Tab (a trap, 2.1.2) or a Tab order that goes back up the
  page (2.4.3);
- ``size``: text cut off, widgets on top of each other, or a window that must grow past the
  screen at 200% (1.4.4).

The Tab order of each screen is written too. Findings make the command exit with status 1.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, qInstallMessageHandler
from PySide6.QtGui import QAccessible, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

import trainer.ui
from trainer.ui import registry
from trainer.ui.theme import THEMES, apply_theme, contrast_ratio, palette_findings

SCREEN = QSize(1280, 820)
VARIANTS = (("light-100", "light", 1.0), ("light-200", "light", 2.0), ("dark-100", "dark", 1.0),
            ("high-contrast-100", "high-contrast", 1.0))


@dataclass
class Screen:
    name: str
    kind: str  # page or dialog
    variant: str
    screenshot: str
    tab_order: list[str] = field(default_factory=list)


@dataclass
class Audit:
    out: Path
    screens: list[Screen] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)

    def find(self, screen: str, variant: str, kind: str, widget: QWidget | None, problem: str,
             **extra) -> None:
        entry = {"screen": screen, "variant": variant, "kind": kind,
                 "widget": describe(widget) if widget is not None else "", "problem": problem}
        entry.update(extra)
        if entry not in self.findings:
            self.findings.append(entry)

    def as_json(self) -> dict:
        return {
            "variants": [v[0] for v in VARIANTS],
            "screens": [vars(s) for s in self.screens],
            "findings": self.findings,
            "skipped": self.skipped,
        }


# -- what a widget is --------------------------------------------------------------------------
def describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text()[:40]
    return f"{type(widget).__name__}#{widget.objectName() or '?'}" + (f" '{text}'" if text else "")


def _is_internal(widget: QWidget) -> bool:
    """A part of a composite Qt widget (a combo box's line edit, a message box's label)."""
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QDialogButtonBox, QMessageBox)):
            return not (isinstance(parent, QMessageBox) and isinstance(widget, QAbstractButton))
        parent = parent.parentWidget()
    return False


def focusable(widget: QWidget, root: QWidget) -> bool:
    return (bool(widget.focusPolicy() & Qt.TabFocus) and widget.isVisibleTo(root)
            and widget.isEnabled() and not widget.isWindow())


def accessible_name(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Name) if interface is not None else ""


def tab_order(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits inside ``root``, in order."""
    order, seen = [], set()
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and id(widget) not in seen:
        seen.add(id(widget))
        if root.isAncestorOf(widget) and focusable(widget, root) and not _is_internal(widget):
            order.append(widget)
        widget = widget.nextInFocusChain()
    return order


def _background(widget: QWidget):
    current = widget
    while current is not None:
        draws = (current.testAttribute(Qt.WA_StyledBackground) or current.autoFillBackground()
                 or current.isWindow()
                 or (current is widget and isinstance(current, (QPushButton, QToolButton))))
        colour = current.palette().color(current.backgroundRole())
        if draws and colour.alpha() > 0:
            return colour
        current = current.parentWidget()
    return widget.palette().color(widget.backgroundRole())


def _large(font: QFont) -> bool:
    points = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75
    return points >= 18 or (font.weight() >= QFont.DemiBold and points >= 14)


def _text(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return re.sub(r"<[^>]+>", "", widget.text()).strip()
    return ""


# -- checks ------------------------------------------------------------------------------------
def check(audit: Audit, root: QWidget, screen: str, variant: str, scale: float) -> list[str]:
    widgets = [w for w in root.findChildren(QWidget) if w.isVisibleTo(root)]
    order = tab_order(root)
    for widget in order:
        if not widget.objectName():
            audit.find(screen, variant, "name", widget, "focusable widget without an objectName")
        if not accessible_name(widget).strip():
            audit.find(screen, variant, "name", widget,
                       "focusable widget without an accessible name: give it one, or a label "
                       "with setBuddy")
        if isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly() \
                and not widget.tabChangesFocus():
            audit.find(screen, variant, "keyboard", widget,
                       "editable text box keeps the Tab key (keyboard trap): "
                       "call setTabChangesFocus(True)")
    _check_visual_order(audit, root, order, screen, variant)
    for widget in widgets:
        if not widget.isEnabled() or _is_internal(widget):
            continue
        _check_contrast(audit, widget, screen, variant)
        if scale > 1:
            _check_size(audit, root, widget, screen, variant)
    return [w.objectName() or describe(w) for w in order]


def _check_contrast(audit: Audit, widget: QWidget, screen: str, variant: str) -> None:
    palette = widget.palette()
    if isinstance(widget, (QLabel, QAbstractButton)) and _text(widget):
        fg = palette.color(widget.foregroundRole())
        bg = _background(widget)
    elif isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractItemView)):
        fg, bg = palette.color(palette.ColorRole.Text), palette.color(palette.ColorRole.Base)
    else:
        return
    pairs = [(fg, bg, "")]
    if isinstance(widget, QAbstractItemView) and widget.alternatingRowColors():
        pairs.append((fg, palette.color(palette.ColorRole.AlternateBase), " (every other row)"))
    minimum = 3.0 if _large(widget.font()) else 4.5
    for fore, back, where in pairs:
        ratio = contrast_ratio(fore.name(), back.name())
        if ratio < minimum:
            audit.find(screen, variant, "contrast", widget,
                       f"text {fore.name()} on {back.name()}{where} is {ratio:.2f}:1, under "
                       f"{minimum}:1", ratio=round(ratio, 2), minimum=minimum)


def _scroll_content(widget: QWidget) -> QWidget | None:
    """The content widget of the scroll area that holds ``widget``, if any."""
    current = widget
    while current is not None:
        parent = current.parentWidget()
        if parent is not None and isinstance(parent.parentWidget(), QAbstractScrollArea) \
                and parent is parent.parentWidget().viewport():
            return current
        current = parent
    return None


def _check_size(audit: Audit, root: QWidget, widget: QWidget, screen: str, variant: str) -> None:
    if isinstance(widget, QLabel) and widget.text():
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 2:
                audit.find(screen, variant, "size", widget,
                           f"text cut off: needs {needed}px height, has {widget.height()}px")
        elif widget.textFormat() != Qt.RichText and widget.sizeHint().width() > widget.width() + 2:
            audit.find(screen, variant, "size", widget,
                       f"text cut off: needs {widget.sizeHint().width()}px width, has "
                       f"{widget.width()}px")
    elif isinstance(widget, QAbstractButton) and widget.text() and widget.hasHeightForWidth():
        needed = widget.heightForWidth(widget.width())
        if needed > widget.height() + 2:
            audit.find(screen, variant, "size", widget,
                       f"button text cut off: needs {needed}px height, has {widget.height()}px")
    elif isinstance(widget, QAbstractButton) and widget.text():
        hint = widget.sizeHint()
        if hint.width() > widget.width() + 2 or hint.height() > widget.height() + 2:
            audit.find(screen, variant, "size", widget,
                       f"button text cut off: needs {hint.width()}x{hint.height()}, has "
                       f"{widget.width()}x{widget.height()}")
    if isinstance(widget, QListWidget) and widget.count() and not widget.wordWrap():
        needed = widget.sizeHintForColumn(0)
        if needed > widget.viewport().width() + 2 and not widget.horizontalScrollBar().isVisible():
            audit.find(screen, variant, "size", widget,
                       f"list items cut off: need {needed}px width, have "
                       f"{widget.viewport().width()}px")
    if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
        audit.find(screen, variant, "size", widget,
                   "the page scrolls sideways at this text size: let its content wrap "
                   "(WCAG 1.4.10 reflow)")
    if _scroll_content(widget) is None and widget.parentWidget() is not None:
        window = widget.window()
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not window.rect().adjusted(-1, -1, 1, 1).contains(rect) and widget.width() > 0:
            audit.find(screen, variant, "size", widget,
                       "outside the window at this text size: put the page in a scroll area")
    if widget.layout() is not None:
        children = [c for c in widget.children() if isinstance(c, QWidget) and c.isVisible()
                    and not c.isWindow()]
        for i, first in enumerate(children):
            for second in children[i + 1:]:
                overlap = first.geometry().intersected(second.geometry())
                if overlap.width() > 2 and overlap.height() > 2:
                    audit.find(screen, variant, "size", first,
                               f"overlaps {describe(second)} at this text size")


def _check_visual_order(audit: Audit, root: QWidget, order: list[QWidget], screen: str,
                        variant: str) -> None:
    def rect(widget: QWidget) -> QRect:
        """The part on screen now (a scroll area hides the rest), in the root's coordinates."""
        seen = widget.visibleRegion().boundingRect()
        return QRect(widget.mapTo(root, seen.topLeft()), seen.size())

    for before, after in zip(order, order[1:], strict=False):
        a, b = rect(before), rect(after)
        if a.isEmpty() or b.isEmpty():
            continue
        same_column = a.left() < b.right() and b.left() < a.right()
        if same_column and b.bottom() < a.top():
            audit.find(screen, variant, "keyboard", after,
                       f"Tab goes back up the page from {describe(before)}: fix the Tab order "
                       "(setTabOrder) to follow the reading order")


# -- going through the app ---------------------------------------------------------------------
def _import_ui_modules() -> None:
    for info in pkgutil.walk_packages(trainer.ui.__path__, "trainer.ui."):
        if info.name != __name__:
            importlib.import_module(info.name)


def _dialog_classes() -> list[type]:
    found, todo = [], list(QDialog.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("trainer.") and cls not in found:
            found.append(cls)
    return found


def _needs_only_parent(cls: type) -> bool:
    try:
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    except (TypeError, ValueError):
        return False
    return all(p.default is not inspect.Parameter.empty or p.name == "parent"
               or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params)


def _settle(app: QApplication) -> None:
    """Let layouts finish and widgets that pages replaced go away before looking."""
    for _ in range(3):
        app.sendPostedEvents(None, QEvent.DeferredDelete)
        app.processEvents()


class _ModalCatcher:
    """Closes any dialog that opens modally while the audit goes through the pages, after
    auditing it, so that nothing waits for a person."""

    def __init__(self, run: Callable[[QWidget], None]):
        self.run = run
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._tick)
        self.busy = False

    def _tick(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or self.busy:
            return
        self.busy = True
        try:
            self.run(modal)
        finally:
            self.busy = False
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()


def _quiet(_kind, _context, message: str) -> None:
    """The offscreen platform's notes about window hints are not findings; drop them."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def run_audit(out: Path, content: list[Path] | None = None) -> Audit:
    """Audit every screen into ``out`` (screenshots and audit.json), on a throwaway database."""
    from trainer.services.context import Services
    from trainer.ui.app import make_app
    from trainer.ui.main_window import MainWindow

    out = Path(out)
    (out / "screens").mkdir(parents=True, exist_ok=True)
    audit = Audit(out)
    for palette in THEMES.values():
        for entry in palette_findings(palette):
            audit.find("theme", palette.name, "contrast", None,
                       f"{entry['pair']}: {entry['ratio']}:1, under {entry['minimum']}:1",
                       **{k: entry[k] for k in ("foreground", "background", "ratio", "minimum")})
    app = make_app()
    previous = qInstallMessageHandler(_quiet)
    _import_ui_modules()
    with tempfile.TemporaryDirectory(prefix="trainer-audit-") as tmp:
        services = Services.open(Path(tmp) / "audit.db", content)
        window = MainWindow(services)
        try:
            _audit_window(app, audit, window, services)
        finally:
            window.close()
            window.deleteLater()
            _settle(app)
            services.close()
        apply_theme(app, "light", 1.0)
    qInstallMessageHandler(previous)
    (out / "audit.json").write_text(json.dumps(audit.as_json(), indent=2, ensure_ascii=False),
                                    encoding="utf-8")
    return audit


def _audit_window(app: QApplication, audit: Audit, window, services) -> None:
    learner = services.learners.add("Alex Morgan", "Social worker", "Assessment Team 2")
    window.resize(SCREEN)
    window.show()
    window.set_learner(learner.id)
    _settle(app)
    state = {"variant": VARIANTS[0], "dialogs_seen": set()}

    def shoot(widget: QWidget, name: str, kind: str, root: QWidget | None = None) -> None:
        variant, _theme, scale = state["variant"]
        _settle(app)
        file = f"screens/{kind}-{name}-{variant}.png"
        widget.grab().save(str(audit.out / file))
        screen = Screen(name, kind, variant, file)
        screen.tab_order = check(audit, root or widget, name, variant, scale)
        audit.screens.append(screen)

    def audit_modal(modal: QWidget) -> None:
        name = modal.objectName() or type(modal).__name__
        shoot(modal, name, "dialog")
        state["dialogs_seen"].add(name)

    catcher = _ModalCatcher(audit_modal)
    catcher.timer.start()
    try:
        for variant in VARIANTS:
            state["variant"] = variant
            apply_theme(app, variant[1], variant[2])
            _audit_pages(app, window, shoot, audit, variant)
            _audit_dialogs(app, window, shoot, audit, variant is VARIANTS[0])
    finally:
        catcher.timer.stop()


def _reset(app: QApplication, window) -> None:
    window.panel.hide()
    if window.learner is not None:
        window.set_learner(window.learner.id)
    window.resize(SCREEN)
    _settle(app)


def _audit_pages(app: QApplication, window, shoot, audit: Audit, variant_row) -> None:
    variant, _theme, scale = variant_row
    seen: set[int] = set()

    def page_screen(name: str) -> None:
        page = window.stack.currentWidget()
        seen.add(id(page))
        window.resize(SCREEN)
        _settle(app)
        if window.size().width() > SCREEN.width() or window.size().height() > SCREEN.height():
            audit.find(name, variant, "size", None,
                       f"the window needs {window.width()}x{window.height()} to show this page "
                       f"(screen {SCREEN.width()}x{SCREEN.height()}): let the page scroll")
        shoot(window, name, "page", page)
        if window.panel.isVisible():
            audit.screens[-1].tab_order += check(audit, window.panel, name, variant, scale)
        # Every tab of the page too: a hidden tab's controls are not checked with the first.
        for tabs in page.findChildren(QTabWidget):
            if not tabs.isVisibleTo(page):
                continue
            first = tabs.currentIndex()
            for index in range(tabs.count()):
                if index == first:
                    continue
                tabs.setCurrentIndex(index)
                _settle(app)
                slug = re.sub(r"[^a-z0-9]+", "-", tabs.tabText(index).lower()).strip("-")
                shoot(window, f"{name}-{slug}", "page", page)
            tabs.setCurrentIndex(first)

    from trainer.ui.main_window import SECTION_OF_PAGE

    if getattr(window, "group", None) is not None:
        window.group.unlocked = True  # Manage and Group sessions; the PIN dialog has a sample
    _reset(app, window)
    chrome_checked = False
    for row in range(window.nav.count()):
        _reset(app, window)
        key = window.nav.item(row).data(Qt.UserRole)
        window.go(key)
        shown = window.stack.currentWidget()
        if SECTION_OF_PAGE.get(shown.objectName() if shown else "") != key:
            audit.find(str(key), variant, "keyboard", None,
                       f"the sidebar's {key!r} did not open its page "
                       f"({shown.objectName() if shown else 'nothing'} is shown)")
        page_screen(str(key))
        if not chrome_checked:
            for part in (window.sidebar, window.findChild(QWidget, "header")):
                if part is not None:
                    check(audit, part, "sidebar-and-header", variant, scale)
            chrome_checked = True
    for name, prepare in registry.PAGE_STATES.items():
        _reset(app, window)
        prepare(window)
        page_screen(name)
    for index in range(window.stack.count()):
        page = window.stack.widget(index)
        if id(page) in seen:
            continue
        _reset(app, window)
        window.stack.setCurrentWidget(page)
        page_screen(page.objectName() or type(page).__name__)
    _reset(app, window)


def _audit_dialogs(app: QApplication, window, shoot, audit: Audit, record_skips: bool) -> None:
    covered: set[type] = set()

    def show(name: str, build: Callable) -> None:
        _reset(app, window)
        dialog = build(window)
        if dialog is None:
            return
        covered.add(type(dialog))
        if isinstance(dialog, QDialog):
            dialog.setModal(False)
        dialog.show()
        _settle(app)
        shoot(dialog, name, "dialog")
        dialog.close()
        dialog.deleteLater()

    for name, build in registry.DIALOG_SAMPLES.items():
        show(name, build)
    for cls in _dialog_classes():
        if cls in covered:
            continue
        if _needs_only_parent(cls):
            show(cls.__name__, lambda w, cls=cls: cls(parent=w))
        elif record_skips:
            audit.skipped.append({"dialog": cls.__name__, "module": cls.__module__,
                                  "reason": "needs arguments: register a sample with "
                                            "trainer.ui.registry.dialog_sample"})
    _settle(app)
