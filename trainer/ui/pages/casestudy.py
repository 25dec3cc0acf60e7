"""A branching case study: the story (marked fictional), a decision, what happened next, the path
so far as a breadcrumb, and an ending with a score and a debrief that cites the report.

Keyboard first: number keys choose, Enter continues. Each choice is saved before its consequence
is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from trainer.content.markup import to_linked_markdown
from trainer.services.casestudy import CaseStudyService, CaseView
from trainer.services.errors import UserError
from trainer.ui.pages.module import LinkedText
from trainer.ui.widgets import WrapButton, button, label, reading_column


class CaseStudyPage(QWidget):
    back_requested = Signal(str)  # module id
    citation_requested = Signal(str)
    glossary_requested = Signal(str)
    error = Signal(str)

    def __init__(self, service: CaseStudyService, parent=None):
        super().__init__(parent)
        self.setObjectName("caseStudyPage")
        self.service = service
        self.view: CaseView | None = None
        self.learner_id: int | None = None
        self.pending = False  # a consequence is on screen, waiting for Continue
        self.choice_buttons: list[QPushButton] = []

        self.back = button("← Back to module", "caseBack", role="link",
                           accessible="Back to the module")
        layout = reading_column(self, "caseScroll", "Case study", self.back)
        self.title = label("", role="h1", name="caseTitle")
        self.fictional = label("Fictional case study: the people and events are invented, built "
                               "from patterns the report describes.", role="muted",
                               name="caseFictional")
        self.breadcrumb = label("", name="caseBreadcrumb")
        self.breadcrumb.setProperty("role", "muted")
        layout.addWidget(self.title)
        layout.addWidget(self.fictional)
        layout.addWidget(self.breadcrumb)
        self.text = LinkedText("caseText", "Case study")
        # At least eight lines of the story stay in view; at large text sizes the page scrolls.
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        layout.addWidget(self.text, 1)
        self.prompt = label("", role="h3", name="casePrompt")
        layout.addWidget(self.prompt)
        self.choices_box = QVBoxLayout()
        layout.addLayout(self.choices_box)
        bottom = QHBoxLayout()
        self.keys_hint = label("Keys: 1–9 choose · Enter continues", role="muted")
        bottom.addWidget(self.keys_hint, 1)
        self.restart = button("Start again", "caseRestart",
                              description="Play the case study again from the beginning")
        self.continue_button = button("Continue", "caseContinue", role="primary")
        bottom.addWidget(self.restart)
        bottom.addWidget(self.continue_button)
        layout.addLayout(bottom)

        self.back.clicked.connect(lambda: self.back_requested.emit(
            self.view.module_id if self.view else ""))
        self.continue_button.clicked.connect(self.go_on)
        self.restart.clicked.connect(self.start_again)
        self.text.citation_requested.connect(self.citation_requested)
        self.text.glossary_requested.connect(self.glossary_requested)

    # -- showing ---------------------------------------------------------------------------------
    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.FontChange:  # the text size setting changed
            self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        super().changeEvent(event)

    def start(self, view: CaseView, learner_id: int) -> None:
        self.view = view
        self.learner_id = learner_id
        self.title.setText(f"Case study: {view.case.title}")
        self.pending = False
        self.show_node()

    def _labels(self) -> dict[str, str]:
        return {tid: t.term for tid, t in self.view.pack.glossary.items()}

    def _set_breadcrumb(self) -> None:
        path = " › ".join(self.view.walk.breadcrumb())
        self.breadcrumb.setText(f"Your path: {path}")
        self.breadcrumb.setAccessibleName(f"Your path so far: {path}")

    def _clear_choices(self) -> None:
        for old in self.choice_buttons:
            old.setParent(None)
            old.deleteLater()
        self.choice_buttons = []

    def show_node(self) -> None:
        walk = self.view.walk
        node = walk.current
        self._set_breadcrumb()
        self._clear_choices()
        if walk.finished:
            self._show_ending()
            return
        self.text.setMarkdown(to_linked_markdown(node.text.strip(), self._labels()))
        self.text.verticalScrollBar().setValue(0)
        self.prompt.setText(f"Decision {len(walk.steps) + 1}: what would you do?")
        for number, choice in enumerate(node.choices, start=1):
            widget = WrapButton(f"{number}. {choice.text}", f"choice-{number}",
                                accessible=f"Choice {number}: {choice.text}")
            widget.clicked.connect(lambda _checked=False, n=number: self.choose(n))
            self.choices_box.addWidget(widget)
            widget.show()  # shown now, not on the next event-loop turn, so focus can land
            self.choice_buttons.append(widget)
        self.prompt.show()
        self.continue_button.hide()
        self.restart.setVisible(bool(walk.steps))
        if self.choice_buttons:
            self.choice_buttons[0].setFocus()

    def choose(self, number: int) -> None:
        if self.view is None or self.pending or self.view.walk.finished:
            return
        if not 1 <= number <= len(self.view.walk.current.choices):
            return
        try:
            step = self.service.choose(self.view, number - 1)
        except UserError as exc:
            self.error.emit(str(exc))
            return
        self.pending = True
        self._clear_choices()
        self._set_breadcrumb()
        self.prompt.hide()
        self.text.setMarkdown(to_linked_markdown(
            f"**You chose:** {step.choice.text}\n\n**What happened:** {step.choice.consequence}",
            self._labels()))
        finished = self.view.walk.finished
        self.continue_button.setText("See how it ended" if finished else "Continue")
        self.continue_button.setAccessibleName(self.continue_button.text())
        self.continue_button.show()
        self.continue_button.setFocus()

    def go_on(self) -> None:
        if self.pending:
            self.pending = False
            self.show_node()

    def _show_ending(self) -> None:
        walk = self.view.walk
        node = walk.current
        best = self.view.case.best_score
        reflect = "\n".join(f"{i}. {p}" for i, p in enumerate(self.view.case.reflect, start=1))
        text = (f"## Ending: {node.title or 'the end'}\n\n**Score: {node.score} out of 100** "
                f"(the best ending scores {best}).\n\n{node.debrief.strip()}")
        if reflect:
            text += f"\n\n### Reflect\n\nNote your answers in your CPD log.\n\n{reflect}"
        self.text.setMarkdown(to_linked_markdown(text, self._labels()))
        self.text.verticalScrollBar().setValue(0)
        self.prompt.hide()
        self.continue_button.hide()
        self.restart.show()
        self.restart.setFocus()

    def start_again(self) -> None:
        if self.view is None or self.learner_id is None:
            return
        view = self.view
        try:
            fresh = self.service.restart(self.learner_id, view.pack.id, view.module_id,
                                         view.case.id)
        except UserError as exc:
            self.error.emit(str(exc))
            return
        self.start(fresh, self.learner_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if Qt.Key_1 <= key <= Qt.Key_9:
            self.choose(key - Qt.Key_0)
            return
        if key in (Qt.Key_Return, Qt.Key_Enter):
            if self.pending:
                self.go_on()
                return
            focused = self.focusWidget()
            if focused in self.choice_buttons:
                self.choose(self.choice_buttons.index(focused) + 1)
                return
        super().keyPressEvent(event)
