"""A module, read top to bottom, with its citations one click from the report."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from trainer.content.pack import ContentPack
from trainer.services.lesson import module_markdown
from trainer.services.study import ModuleStatus
from trainer.ui.theme import SPACE
from trainer.ui.widgets import FlowBox, button, grade_badge, label, reading_column


class LinkedText(QTextBrowser):
    """Markdown with ``cite:`` and ``glossary:`` links that the main window handles."""

    citation_requested = Signal(str)
    glossary_requested = Signal(str)
    case_requested = Signal(str)

    def __init__(self, name: str, accessible: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._clicked)
        self._grows = False

    def grow_with_text(self) -> None:
        """Be as tall as the text, with no scroll bar of its own, so the page around it scrolls
        as one (one scroll bar, not a box of text inside a scrolling page)."""
        self._grows = True
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())

    def _fit(self) -> None:
        if not self._grows:
            return
        document = self.document()
        document.setTextWidth(self.viewport().width())
        height = int(document.size().height()) + 2 * self.frameWidth() + 4
        if height != self.minimumHeight():
            self.setMinimumHeight(height)
            self.setMaximumHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("cite:"):
            self.citation_requested.emit(text[5:])
        elif text.startswith("glossary:"):
            self.glossary_requested.emit(text[9:])
        elif text.startswith("case:"):
            self.case_requested.emit(text[5:])


class ModulePage(QWidget):
    check_requested = Signal(str)
    back_requested = Signal()
    case_requested = Signal(str, str)  # module id, case study id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("modulePage")
        self.module_id: str | None = None
        self.back = button("← All modules", "backToModules", role="link",
                           accessible="Back to all modules")
        layout = reading_column(self, "moduleScroll", "Module", self.back)
        self.title = label("", role="h1", name="moduleTitle")
        layout.addWidget(self.title)
        self.badges = FlowBox(name="moduleJudgements")
        layout.addWidget(self.badges)
        self.text = LinkedText("moduleText", "Module text")
        self.text.grow_with_text()
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.case_buttons: list = []
        # Under the scrolling text, always in view: the knowledge check and the case studies,
        # wrapping onto a new line at large text sizes.
        actions = QFrame()
        actions.setObjectName("moduleActionBar")
        actions.setProperty("role", "actionbar")
        bar = QVBoxLayout(actions)
        bar.setContentsMargins(SPACE["xl"], SPACE["s"], SPACE["xl"], SPACE["m"])
        bar.setSpacing(SPACE["s"])
        self.check_info = label("", role="muted", name="checkInfo")
        self.start_check = button("Start knowledge check", "startCheck", role="primary")
        bar.addWidget(self.check_info)
        self.case_row = FlowBox(name="moduleActions")
        self.case_row.addWidget(self.start_check)
        bar.addWidget(self.case_row)
        self.layout().addWidget(actions)
        self.scroll = self.findChild(QScrollArea, "moduleScroll")
        self.back.clicked.connect(self.back_requested)
        self.start_check.clicked.connect(lambda: self.check_requested.emit(self.module_id or ""))
        self.text.case_requested.connect(
            lambda case_id: self.case_requested.emit(self.module_id or "", case_id))

    def show_module(self, pack: ContentPack, module_id: str, status: ModuleStatus | None) -> None:
        module = pack.modules[module_id]
        self.module_id = module_id
        self.title.setText(module.title)
        self.badges.clear()
        for index, judgement in enumerate(module.judgements):
            self.badges.addWidget(grade_badge(judgement.grade, f"moduleJudgement-{index}",
                                              judgement.area))
        self.text.setMarkdown(module_markdown(pack, module))
        for old in self.case_buttons:
            old.setParent(None)
            old.deleteLater()
        self.case_buttons = []
        for index, study in enumerate(module.case_studies):
            case_button = button("Open case study" if index == 0 else f"Case study {index + 1}",
                                 f"openCase-{study.id}",
                                 accessible=f"Open case study: {study.title}",
                                 description=f"Fictional case study: {study.title}")
            case_button.clicked.connect(
                lambda _checked=False, cid=study.id: self.case_requested.emit(module_id, cid))
            self.case_row.addWidget(case_button)
            self.case_buttons.append(case_button)
        self.case_row.removeWidget(self.start_check)
        self.case_row.addWidget(self.start_check)
        chain = [*self.case_buttons, self.start_check]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.scroll.verticalScrollBar().setValue(0)
        quiz = pack.quiz_for_module(module_id)
        if quiz is None:
            self.start_check.setEnabled(False)
            self.check_info.setText("This module has no knowledge check yet.")
            return
        self.start_check.setEnabled(True)
        count = quiz.draw or len(pack.pool(quiz))
        resume = status is not None and status.unfinished_attempt is not None
        self.start_check.setText("Resume knowledge check" if resume else "Start knowledge check")
        self.start_check.setAccessibleName(self.start_check.text())
        timing = (f"Time limit {quiz.time_limit_minutes} minutes (you can extend it or turn it "
                  "off)." if quiz.time_limit_minutes else "No time limit.")
        self.check_info.setText(f"Knowledge check: {count} questions, pass mark "
                                f"{quiz.pass_mark}%. {timing}")
