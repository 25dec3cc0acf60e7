"""A module, read top to bottom, with its citations one click from the report."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QTextBrowser, QVBoxLayout, QWidget

from trainer.content.pack import ContentPack
from trainer.services.lesson import module_markdown
from trainer.services.study import ModuleStatus
from trainer.ui.theme import SPACE
from trainer.ui.widgets import FlowLayout, button, grade_badge, label


class LinkedText(QTextBrowser):
    """Markdown with ``cite:`` and ``glossary:`` links that the main window handles."""

    citation_requested = Signal(str)
    glossary_requested = Signal(str)

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


class ModulePage(QWidget):
    check_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("modulePage")
        self.module_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["xl"], SPACE["l"], SPACE["xl"], SPACE["l"])
        layout.setSpacing(SPACE["s"])
        top = QHBoxLayout()
        self.back = button("← All modules", "backToModules", role="link",
                           accessible="Back to all modules")
        top.addWidget(self.back)
        top.addStretch(1)
        layout.addLayout(top)
        self.title = label("", role="h1", name="moduleTitle")
        layout.addWidget(self.title)
        self.badges = FlowLayout()
        layout.addLayout(self.badges)
        self.text = LinkedText("moduleText", "Module text")
        layout.addWidget(self.text, 1)
        self.check_info = label("", role="muted", name="checkInfo")
        self.start_check = button("Start knowledge check", "startCheck", role="primary")
        layout.addWidget(self.check_info)
        layout.addWidget(self.start_check, 0, Qt.AlignLeft)
        self.back.clicked.connect(self.back_requested)
        self.start_check.clicked.connect(lambda: self.check_requested.emit(self.module_id or ""))

    def show_module(self, pack: ContentPack, module_id: str, status: ModuleStatus | None) -> None:
        module = pack.modules[module_id]
        self.module_id = module_id
        self.title.setText(module.title)
        while self.badges.count():
            item = self.badges.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for index, judgement in enumerate(module.judgements):
            self.badges.addWidget(grade_badge(judgement.grade, f"moduleJudgement-{index}",
                                              judgement.area))
        self.text.setMarkdown(module_markdown(pack, module))
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
        self.check_info.setText(f"Knowledge check: {count} questions, pass mark "
                                f"{quiz.pass_mark}%. No time limit.")
