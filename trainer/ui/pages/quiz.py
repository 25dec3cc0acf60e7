"""Answering a knowledge check: one question at a time, feedback after each answer is saved.

Keyboard first: number keys choose options, Enter submits and then moves on.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
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

from trainer.quiz.draw import match_choices
from trainer.quiz.model import QuestionType
from trainer.quiz.scoring import MATCHING_RULE, MULTIPLE_RESPONSE_RULE, ORDERING_RULE
from trainer.quiz.timing import TimeLimit, clock
from trainer.services.errors import UserError
from trainer.services.feedback import answer_markdown
from trainer.services.study import AttemptView, Feedback, StudyService
from trainer.store.db import StoreError
from trainer.ui.pages.answers import MatchingEditor, OrderingEditor
from trainer.ui.pages.module import LinkedText
from trainer.ui.theme import SPACE, repolish
from trainer.ui.widgets import ChoiceCheck, ChoiceRadio, ChoiceText, FlowBox, announce, button, label

CONFIDENCE = (("unsure", "Unsure"), ("fairly", "Fairly sure"), ("sure", "Sure"))
HINTS = {
    QuestionType.SINGLE: "Choose one answer.",
    QuestionType.TRUEFALSE: "True or false? Choose one.",
    QuestionType.MULTIPLE: "Choose all that apply. " + MULTIPLE_RESPONSE_RULE,
    QuestionType.ORDERING: "Put the steps in order, first at the top. Select a step (number keys "
                           "or arrows), then move it with Alt+Up/Alt+Down or the buttons; or press "
                           "Space to pick it up and again to put it down. " + ORDERING_RULE,
    QuestionType.MATCHING: "Choose a match for every item (number keys go to an item, arrows "
                           "change its match). Some choices may match nothing. " + MATCHING_RULE,
}


def feedback_markdown(feedback: Feedback, view: AttemptView) -> str:
    q = feedback.question
    return answer_markdown(view.pack, q, view.options(q), feedback.answer)


class QuizPage(QWidget):
    finished = Signal(int)  # attempt id
    practice_finished = Signal(int)  # practice session id
    citation_requested = Signal(str)
    glossary_requested = Signal(str)
    error = Signal(str)

    def __init__(self, study: StudyService, parent=None):
        super().__init__(parent)
        self.setObjectName("quizPage")
        self.study = study
        self.service = study  # the study service, or the practice service for a practice session
        self.editor: OrderingEditor | MatchingEditor | None = None
        self.limit = TimeLimit()
        self.started = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
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
        self.time_row = QWidget()
        time_layout = QHBoxLayout(self.time_row)
        time_layout.setContentsMargins(0, 0, 0, 0)
        self.time_left = label("", name="timeLeft", wrap=True)
        self.extend_time = button("Extend by 10 minutes", "extendTime",
                                  description="Add ten minutes to the time limit")
        self.stop_time = button("Turn off time limit", "turnOffTime",
                                description="Carry on without a time limit")
        time_layout.addWidget(self.time_left, 1)
        time_layout.addWidget(self.extend_time)
        time_layout.addWidget(self.stop_time)
        self.time_row.hide()
        outer.addWidget(self.time_row)

        self.scroll = scroll = QScrollArea()
        scroll.setObjectName("questionScroll")
        scroll.setAccessibleName("Question and feedback")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setSpacing(SPACE["m"])
        self.vignette = label("", role="muted", name="questionVignette")
        self.vignette.setTextFormat(Qt.TextFormat.MarkdownText)
        self.stem = label("", role="lead", name="questionStem")
        self.stem.setTextFormat(Qt.TextFormat.MarkdownText)
        self.hint = label("", role="muted", name="questionHint")
        self.options_box = QVBoxLayout()
        self.column.addWidget(self.vignette)
        self.column.addWidget(self.stem)
        self.column.addWidget(self.hint)
        self.column.addLayout(self.options_box)

        self.confidence_row = confidence_row = FlowBox(name="confidenceRow")
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
        self.column.addWidget(confidence_row)

        self.feedback_frame = QFrame()
        self.feedback_frame.setObjectName("feedbackFrame")
        self.feedback_frame.setProperty("role", "card")
        feedback_layout = QVBoxLayout(self.feedback_frame)
        self.verdict = label("", role="h3", name="feedbackVerdict")
        self.saved_note = label("", role="muted", name="savedNote")
        self.feedback_text = LinkedText("feedbackText", "Feedback on your answer")
        self.feedback_text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        feedback_layout.addWidget(self.verdict)
        feedback_layout.addWidget(self.saved_note)
        feedback_layout.addWidget(self.feedback_text)
        self.feedback_frame.hide()
        self.column.addWidget(self.feedback_frame)
        self.column.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)

        buttons = QHBoxLayout()
        self.keys_hint = label("Keys: 1–9 choose · Enter submits", role="muted", name="keysHint")
        buttons.addWidget(self.keys_hint, 1)
        self.submit = button("Submit answer", "submitAnswer", role="primary")
        self.next = button("Next question", "nextQuestion", role="primary")
        buttons.addWidget(self.submit)
        buttons.addWidget(self.next)
        outer.addLayout(buttons)

        self.submit.clicked.connect(self.submit_answer)
        self.next.clicked.connect(self.go_next)
        self.extend_time.clicked.connect(self._extend)
        self.stop_time.clicked.connect(self._turn_off)
        self.feedback_text.citation_requested.connect(self.citation_requested)
        self.feedback_text.glossary_requested.connect(self.glossary_requested)

    # -- showing -----------------------------------------------------------------------------
    def start(self, view: AttemptView, service=None) -> None:
        """Show ``view`` (an attempt, or a practice session with ``service`` to answer it)."""
        self.view = view
        self.service = service or self.study
        self.quiz_title.setText(view.rules.title)
        self.limit = TimeLimit(view.rules.time_limit_minutes)
        self.started = time.monotonic()
        self.time_row.setVisible(self.limit.active)
        if self.limit.active:
            self.timer.start()
            self._tick()
        else:
            self.timer.stop()
        self.show_current()

    # -- the time limit: the learner can always extend it or turn it off ------------------------
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def _tick(self) -> None:
        remaining = self.limit.remaining(self.elapsed())
        if remaining is None:
            self.timer.stop()
            self.time_row.hide()
            self._update_buttons()
            return
        if remaining <= 0:
            self.time_left.setText("Time is up. Your answers so far are saved. Extend the time or "
                                   "turn the limit off to carry on.")
        else:
            self.time_left.setText(f"Time left: {clock(remaining)}")
        self.time_left.setAccessibleName(self.time_left.text())
        self._update_buttons()

    def _extend(self) -> None:
        self.limit.extend()
        self._tick()

    def _turn_off(self) -> None:
        self.limit.turn_off()
        self._tick()

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
            in_set = [q.id for q in view.questions if q.vignette == question.vignette]
            where = (f" · question {in_set.index(question.id) + 1} of {len(in_set)} about this "
                     "case" if len(in_set) > 1 else "")
            self.vignette.setText(f"**Case: {vignette.title}**{where}\n\n{vignette.text}")
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
        if self.editor is not None:
            self.editor.setParent(None)
            self.editor.deleteLater()
            self.editor = None
        self.hint.setText(HINTS[question.type])
        options = view.options(question)
        if question.type is QuestionType.ORDERING:
            self.editor = OrderingEditor(options)
        elif question.type is QuestionType.MATCHING:
            self.editor = MatchingEditor(options, match_choices(question, view.attempt.seed))
        if self.editor is not None:
            self.editor.changed.connect(self._update_buttons)
            self.options_box.addWidget(self.editor)
            self.keys_hint.setText("Keys: 1–9 go to an item · arrows move · Enter submits")
        else:
            self.keys_hint.setText("Keys: 1–9 choose · Enter submits")
        multiple = question.type is QuestionType.MULTIPLE
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multiple)
        for number, option in enumerate(options if self.editor is None else [], start=1):
            text = f"{number}. {option.text}"
            widget = ChoiceCheck() if multiple else ChoiceRadio()
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
        chain = [*self.option_buttons, *([self.editor] if self.editor else []),
                 *self.confidence_buttons.values(), self.feedback_text,
                 self.submit, self.next]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.feedback_frame.hide()
        self.next.hide()
        self.submit.show()
        self._update_buttons()
        self.shown_at = time.monotonic()
        # New controls are shown on the next event-loop turn; show them now so focus can land.
        for widget in [*self.option_buttons, *([self.editor] if self.editor else [])]:
            widget.show()
        if self.editor is not None:
            self.editor.focus_first()
        elif self.option_buttons:
            self.option_buttons[0].setFocus()

    def _update_buttons(self) -> None:
        self.submit.setEnabled(self.submitted is None and bool(self.chosen())
                               and not self.limit.expired(self.elapsed()))

    def chosen(self) -> tuple[str, ...]:
        if self.editor is not None:
            return self.editor.answer()
        return tuple(b.property("optionId") for b in self.option_buttons if b.isChecked())

    def choose(self, number: int) -> None:
        """Number keys: choose (or, for multiple response, toggle) option ``number``."""
        if self.submitted is not None:
            return
        if self.editor is not None:
            self.editor.select(number)
            return
        if not 1 <= number <= len(self.option_buttons):
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
        if self.limit.expired(self.elapsed()):
            return
        checked = self.confidence.checkedButton()
        confidence = next((k for k, b in self.confidence_buttons.items() if b is checked), None)
        try:
            feedback = self.service.answer(view, question.id, answer, confidence,
                                         round(time.monotonic() - self.shown_at, 1))
        except (UserError, StoreError) as exc:
            # Not saved, so nothing is shown as saved: the answer stays chosen and can be sent again.
            self.error.emit(str(exc))
            self._update_buttons()
            return
        self.submitted = feedback
        for widget in self.option_buttons:
            widget.setEnabled(False)
        if self.editor is not None:
            self.editor.lock()
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
        announce(self.verdict, f"{self.verdict.text()}. {self.saved_note.text()}")
        # At large text sizes the feedback starts below the fold: bring its verdict into view.
        QTimer.singleShot(0, self._reveal_feedback)

    def _reveal_feedback(self) -> None:
        if self.feedback_frame.isVisible():
            self.scroll.ensureWidgetVisible(self.verdict, 0, SPACE["xl"])

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
            self.service.finish(self.view)
        except (UserError, StoreError) as exc:
            self.error.emit(str(exc))
            return
        self.timer.stop()
        if getattr(self.view, "kind", "check") == "practice":
            self.practice_finished.emit(self.view.attempt.id)
        else:
            self.finished.emit(self.view.attempt.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.choose(key - Qt.Key.Key_0)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.submitted is None:
                self.submit_answer()
            else:
                self.go_next()
            return
        super().keyPressEvent(event)
