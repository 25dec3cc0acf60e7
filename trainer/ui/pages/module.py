"""A module, read top to bottom, with its citations one click from the report."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from trainer.content.pack import ContentPack
from trainer.services.lesson import module_markdown
from trainer.services.study import ModuleStatus
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
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        layout.addWidget(self.text, 1)
        self.case_buttons: list = []
        self.check_info = label("", role="muted", name="checkInfo")
        self.start_check = button("Start knowledge check", "startCheck", role="primary")
        layout.addWidget(self.check_info)
        # Case studies, then the knowledge check, wrapping onto a new line at large text sizes.
        self.case_row = FlowBox(name="moduleActions")
        self.case_row.addWidget(self.start_check)
        layout.addWidget(self.case_row)
        self.back.clicked.connect(self.back_requested)
        self.start_check.clicked.connect(lambda: self.check_requested.emit(self.module_id or ""))
        self.text.case_requested.connect(
            lambda case_id: self.case_requested.emit(self.module_id or "", case_id))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Keep at least ten lines of the module in view; when the window is too small for that
        at a large text size, the whole page scrolls instead of squeezing the title."""
        if event.type() == QEvent.FontChange:
            self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        super().changeEvent(event)

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
        self.text.verticalScrollBar().setValue(0)
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
