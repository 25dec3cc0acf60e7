"""Answering a knowledge check: one question at a time, feedback after each answer is saved.

Keyboard first: number keys choose options, Enter submits and then moves on.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.quiz.model import QuestionType
from trainer.quiz.scoring import MULTIPLE_RESPONSE_RULE
from trainer.services.errors import UserError
from trainer.services.study import AttemptView, Feedback, StudyService
from trainer.ui.pages.module import LinkedText
from trainer.ui.theme import SPACE, repolish
from trainer.ui.widgets import ChoiceText, FlowLayout, button, label

CONFIDENCE = (("unsure", "Unsure"), ("fairly", "Fairly sure"), ("sure", "Sure"))
SUPPORTED = {QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE}


def feedback_markdown(feedback: Feedback, view: AttemptView) -> str:
    q = feedback.question
    right = set(q.answer)
    chosen = set(feedback.answer)
    lines = []
    for option in view.options(q):
        if option.id in chosen or option.id in right:
            if option.id in chosen and option.id in right:
                mark = "Your answer, and a right one"
            elif option.id in chosen:
                mark = "Your answer"
            else:
                mark = "Right answer"
            lines.append(f"**{mark}:** {option.text}\n\n{option.feedback}")
    others = [o for o in view.options(q) if o.id not in chosen and o.id not in right]
    text = "\n\n".join(lines)
    if others:
        text += "\n\n**The other options**\n\n" + "\n".join(
            f"- *{o.text}* {o.feedback}" for o in others)
    text += f"\n\n**Why**\n\n{q.explanation.strip()}"
    pack = view.pack
    if q.guidance:
        sources = [pack.guidance[g].source for g in q.guidance if g in pack.guidance]
        text += "\n\n**National guidance:** " + "; ".join(sources)
    text += "\n\n**In the report:** " + " ".join(f"[¶{c}]" for c in q.cites)
    from trainer.content.markup import to_linked_markdown

    return to_linked_markdown(text)


class QuizPage(QWidget):
    finished = Signal(int)  # attempt id
    citation_requested = Signal(str)
    glossary_requested = Signal(str)
    error = Signal(str)

    def __init__(self, study: StudyService, parent=None):
        super().__init__(parent)
        self.setObjectName("quizPage")
        self.study = study
        self.view: AttemptView | None = None
        self.submitted: Feedback | None = None
        self.shown_at = time.monotonic()
        self.option_buttons: list[QAbstractButton] = []
        self.option_texts: list[ChoiceText] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACE["xl"], SPACE["l"], SPACE["xl"], SPACE["l"])
        self.quiz_title = label("", role="h2", name="quizTitle")
        outer.addWidget(self.quiz_title)
        progress_row = QHBoxLayout()
        self.position = label("", name="questionPosition", wrap=False)
        self.progress = QProgressBar()
        self.progress.setObjectName("quizProgress")
        self.progress.setAccessibleName("Progress through the knowledge check")
        self.progress.setTextVisible(False)
        progress_row.addWidget(self.position)
        progress_row.addWidget(self.progress, 1)
        outer.addLayout(progress_row)

        scroll = QScrollArea()
        scroll.setObjectName("questionScroll")
        scroll.setAccessibleName("Question and feedback")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setSpacing(SPACE["m"])
        self.vignette = label("", role="muted", name="questionVignette")
        self.vignette.setTextFormat(Qt.MarkdownText)
        self.stem = label("", role="lead", name="questionStem")
        self.stem.setTextFormat(Qt.MarkdownText)
        self.hint = label("", role="muted", name="questionHint")
        self.options_box = QVBoxLayout()
        self.column.addWidget(self.vignette)
        self.column.addWidget(self.stem)
        self.column.addWidget(self.hint)
        self.column.addLayout(self.options_box)

        confidence_row = FlowLayout()
        confidence_row.addWidget(label("How sure are you? (optional)", wrap=False))
        self.confidence = QButtonGroup(self)
        self.confidence_buttons: dict[str, QRadioButton] = {}
        for key, text in CONFIDENCE:
            radio = QRadioButton(text)
            radio.setObjectName(f"confidence-{key}")
            radio.setAccessibleName(f"Confidence: {text}")
            self.confidence.addButton(radio)
            self.confidence_buttons[key] = radio
            confidence_row.addWidget(radio)
        self.column.addLayout(confidence_row)

        self.feedback_frame = QFrame()
        self.feedback_frame.setObjectName("feedbackFrame")
        self.feedback_frame.setProperty("role", "card")
        feedback_layout = QVBoxLayout(self.feedback_frame)
        self.verdict = label("", role="h3", name="feedbackVerdict")
        self.saved_note = label("", role="muted", name="savedNote")
        self.feedback_text = LinkedText("feedbackText", "Feedback on your answer")
        self.feedback_text.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        feedback_layout.addWidget(self.verdict)
        feedback_layout.addWidget(self.saved_note)
        feedback_layout.addWidget(self.feedback_text)
        self.feedback_frame.hide()
        self.column.addWidget(self.feedback_frame)
        self.column.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)

        buttons = QHBoxLayout()
        self.keys_hint = label("Keys: 1–9 choose · Enter submits", role="muted")
        buttons.addWidget(self.keys_hint, 1)
        self.submit = button("Submit answer", "submitAnswer", role="primary")
        self.next = button("Next question", "nextQuestion", role="primary")
        buttons.addWidget(self.submit)
        buttons.addWidget(self.next)
        outer.addLayout(buttons)

        self.submit.clicked.connect(self.submit_answer)
        self.next.clicked.connect(self.go_next)
        self.feedback_text.citation_requested.connect(self.citation_requested)
        self.feedback_text.glossary_requested.connect(self.glossary_requested)

    # -- showing -----------------------------------------------------------------------------
    def start(self, view: AttemptView) -> None:
        self.view = view
        self.quiz_title.setText(view.rules.title)
        self.show_current()

    def show_current(self) -> None:
        view = self.view
        question = view.current
        total = len(view.questions)
        if question is None:
            self.finish()
            return
        index = view.state.current_index
        self.submitted = None
        self.position.setText(f"Question {index + 1} of {total}")
        self.progress.setRange(0, total)
        self.progress.setValue(index)
        self.progress.setAccessibleDescription(f"{index} of {total} answered")
        vignette = view.pack.vignettes.get(question.vignette) if question.vignette else None
        self.vignette.setVisible(vignette is not None)
        if vignette:
            self.vignette.setText(f"**{vignette.title}**\n\n{vignette.text}")
        self.stem.setText(question.stem.strip())
        self.stem.setAccessibleName(f"Question {index + 1}")
        self.stem.setAccessibleDescription(question.stem.strip())
        for old in self.option_buttons + self.option_texts:
            old.setParent(None)
            old.deleteLater()
        self.option_buttons = []
        self.option_texts: list[ChoiceText] = []
        while self.options_box.count():  # the emptied rows of the last question
            item = self.options_box.takeAt(0)
            if item.layout() is not None:
                item.layout().deleteLater()
        if question.type not in SUPPORTED:
            self.hint.setText("This type of question cannot be shown yet.")
            return
        multiple = question.type is QuestionType.MULTIPLE
        self.hint.setText(("Choose all that apply. " + MULTIPLE_RESPONSE_RULE) if multiple
                          else "Choose one answer.")
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multiple)
        for number, option in enumerate(view.options(question), start=1):
            text = f"{number}. {option.text}"
            widget = QCheckBox() if multiple else QRadioButton()
            widget.setObjectName(f"option-{number}")
            widget.setProperty("optionId", option.id)
            widget.setAccessibleName(f"Option {number}: {option.text}")
            widget.setStyleSheet("")
            widget.toggled.connect(self._update_buttons)
            self.group.addButton(widget)
            row = QHBoxLayout()
            row.setSpacing(0)
            row.addWidget(widget, 0, Qt.AlignTop)
            self.option_texts.append(ChoiceText(text, widget, f"optionText-{number}"))
            row.addWidget(self.option_texts[-1], 1)
            self.options_box.addLayout(row)
            widget.show()  # a widget moved into a shown page is shown only when told
            self.option_texts[-1].show()
            self.option_buttons.append(widget)
        for radio in self.confidence_buttons.values():
            radio.setEnabled(True)
        self.confidence.setExclusive(False)
        for radio in self.confidence_buttons.values():
            radio.setChecked(False)
        self.confidence.setExclusive(True)
        # New options join the end of the focus chain: put Tab back in reading order.
        chain = [*self.option_buttons, *self.confidence_buttons.values(), self.feedback_text,
                 self.submit, self.next]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.feedback_frame.hide()
        self.next.hide()
        self.submit.show()
        self._update_buttons()
        self.shown_at = time.monotonic()
        if self.option_buttons:
            self.option_buttons[0].setFocus()

    def _update_buttons(self) -> None:
        self.submit.setEnabled(self.submitted is None and bool(self.chosen()))

    def chosen(self) -> tuple[str, ...]:
        return tuple(b.property("optionId") for b in self.option_buttons if b.isChecked())

    def choose(self, number: int) -> None:
        """Number keys: choose (or, for multiple response, toggle) option ``number``."""
        if self.submitted is not None or not 1 <= number <= len(self.option_buttons):
            return
        widget = self.option_buttons[number - 1]
        if isinstance(widget, QCheckBox):
            widget.setChecked(not widget.isChecked())
        else:
            widget.setChecked(True)
        widget.setFocus()

    # -- answering ---------------------------------------------------------------------------
    def submit_answer(self) -> None:
        view = self.view
        question = view.current if view else None
        answer = self.chosen()
        if question is None or not answer or self.submitted is not None:
            return
        checked = self.confidence.checkedButton()
        confidence = next((k for k, b in self.confidence_buttons.items() if b is checked), None)
        try:
            feedback = self.study.answer(view, question.id, answer, confidence,
                                         round(time.monotonic() - self.shown_at, 1))
        except UserError as exc:
            self.error.emit(str(exc))
            return
        self.submitted = feedback
        for widget in self.option_buttons:
            widget.setEnabled(False)
        for radio in self.confidence_buttons.values():
            radio.setEnabled(False)
        self.submit.hide()
        last = view.state.finished
        self.next.setText("See your result" if last else "Next question")
        self.next.setAccessibleName(self.next.text())
        self.next.show()
        self.progress.setValue(view.state.current_index)
        if view.rules.feedback == "immediate":
            self._show_feedback(feedback)
        else:
            self.verdict.setText("Answer saved")
            self.saved_note.setText("You will see feedback on every question at the end.")
            self.feedback_text.clear()
            self.feedback_frame.show()
        self.next.setFocus()

    def _show_feedback(self, feedback: Feedback) -> None:
        if feedback.correct:
            verdict, state = "Right", "right"
        elif feedback.points > 0:
            verdict, state = f"Partly right: {feedback.points:.2g} of 1 mark", "partly"
        else:
            verdict, state = "Not quite", "wrong"
        self.verdict.setText(verdict)
        self.verdict.setAccessibleName(f"Feedback: {verdict}")
        self.feedback_frame.setProperty("verdict", state)
        repolish(self.feedback_frame)
        self.saved_note.setText("Your answer is saved.")
        self.feedback_text.setMarkdown(feedback_markdown(feedback, self.view))
        self.feedback_frame.show()
        self._fit_feedback()

    def _fit_feedback(self) -> None:
        """Grow the feedback to its text, so the page scrolls as one and nothing is hidden."""
        document = self.feedback_text.document()
        document.setTextWidth(max(200, self.feedback_text.viewport().width()))
        height = int(document.size().height()) + 24
        self.feedback_text.setMinimumHeight(min(max(height, 160), 2000))

    def go_next(self) -> None:
        if self.submitted is None:
            return
        if self.view.state.finished:
            self.finish()
        else:
            self.show_current()

    def finish(self) -> None:
        try:
            self.study.finish(self.view)
        except UserError as exc:
            self.error.emit(str(exc))
            return
        self.finished.emit(self.view.attempt.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if Qt.Key_1 <= key <= Qt.Key_9:
            self.choose(key - Qt.Key_0)
            return
        if key in (Qt.Key_Return, Qt.Key_Enter):
            if self.submitted is None:
                self.submit_answer()
            else:
                self.go_next()
            return
        super().keyPressEvent(event)
