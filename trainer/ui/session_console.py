"""The presenter console: the steps on the left (attendance in a tab beside them, as it is taken
once), the current step beside them: what the room sees and collecting answers, with the speaker
notes in the biggest part; notes and Previous/Next at the foot, and the audience view for the room.

Every action goes straight to the session service, which commits it before the screen changes.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.quiz.model import QuestionType
from trainer.services.answers import HANDS, MODES, PerAttendee, ShowOfHands
from trainer.services.errors import UserError
from trainer.services.session_steps import LETTERS, Step, reveal_for, speaker_notes_markdown
from trainer.services.sessions import SessionRun, SessionService
from trainer.ui.audience import AudienceWindow
from trainer.ui.charts import Bar, BarChart
from trainer.ui.pages.module import LinkedText
from trainer.ui.theme import SPACE, current_palette
from trainer.ui.widgets import Card, button, label, scroll_body

# The page's width, in characters of its text, from which the steps and the step sit side by side;
# narrower (twice the text size on a laptop) they go one above the other and the page scrolls down.
WIDE_IN_CHARACTERS = 110


def clock(seconds: int) -> str:
    hours, rest = divmod(max(0, seconds), 3600)
    return f"{hours:d}:{rest // 60:02d}:{rest % 60:02d}"


class ConsolePage(QWidget):
    finish_requested = Signal(int)  # session id
    leave_requested = Signal()
    citation_requested = Signal(str)  # a paragraph of the report, from the speaker notes
    glossary_requested = Signal(str)  # a glossary term, from the speaker notes
    error = Signal(str)

    def _fit_to_text(self) -> None:
        """Sizes in lines of the current text: the page scrolls down (never sideways) when the
        window is smaller than that."""
        self._fit_side()
        self.wide = None  # arrange again for the new text size
        self._arrange()

    def _fit_side(self) -> None:
        """The steps column as wide as its tabs, so both tab names show whole (the chosen one
        in bold)."""
        slack = self.fontMetrics().averageCharWidth() * 3
        self.side.setMinimumWidth(self.side.tabBar().sizeHint().width() + slack)

    def _arrange(self) -> None:
        """Side by side when the window is wide enough for the text size, one above the other
        when it is not (twice the text size on a laptop), so the page never scrolls sideways."""
        wide = self.width() >= self.fontMetrics().averageCharWidth() * WIDE_IN_CHARACTERS
        if wide == self.wide:
            return
        self.wide = wide
        for flow in self.flows:
            flow.setDirection(QBoxLayout.LeftToRight if wide else QBoxLayout.TopToBottom)
        self.heading.removeWidget(self.status)
        self.top_row.removeWidget(self.status)
        if wide:  # the time and where the audience view is, between the way back and the buttons
            self.top_row.insertWidget(1, self.status, 1)
        else:  # on a line of its own under the title
            self.heading.addWidget(self.status)
        # Side by side they share the window's height; one above the other each has its own.
        lines = self.fontMetrics().lineSpacing()
        self.speaker_notes.setMinimumHeight(lines * (5 if wide else 12))
        self.step_content.setMinimumHeight(lines * (3 if wide else 6))
        self.chart.setMinimumHeight(lines * 5)
        self.chart.setSizePolicy(QSizePolicy.Expanding,
                                 QSizePolicy.Ignored if wide else QSizePolicy.Preferred)
        self.notes.setMaximumHeight(lines * 3 + 10)
        self.side.setMinimumHeight(lines * (10 if wide else 8))
        self.split.setOrientation(Qt.Horizontal if wide else Qt.Vertical)
        self.parts.setOrientation(Qt.Horizontal if wide else Qt.Vertical)
        if wide:
            self.split.setSizes([self.side.minimumWidth(), 10_000])
            self.parts.setSizes([4_000, 6_000])  # the speaker notes get the most room
        else:
            # One above the other: each part at its own height, the page scrolls.
            side = self.side.minimumHeight()
            self.split.setSizes([side, max(side, self.split.height() - side)])
        # Side by side, the steps and the step fill the height there is and no more: their own
        # sizes must not push Previous, Next and the notes field below the window.
        self.split.setSizePolicy(QSizePolicy.Expanding,
                                 QSizePolicy.Ignored if wide else QSizePolicy.Preferred)
        align = Qt.AlignRight if wide else Qt.AlignLeft
        self.clock.setAlignment(align)
        self.where.setAlignment(align)
        if self.run is not None and self.step.question is not None:
            self._fit_inputs()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.FontChange and hasattr(self, "notes_box"):
            self._fit_to_text()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange()

    def __init__(self, sessions: SessionService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("consolePage")
        self.sessions = sessions
        self.run: SessionRun | None = None
        self.audience: AudienceWindow | None = None
        self.step_started = time.monotonic()
        self.tally_boxes: dict[str, QSpinBox] = {}
        self.answer_buttons: dict[tuple[int, str], QPushButton] = {}
        self._loading = False
        self._notes_for: int | None = None  # the step whose notes are in the notes field
        self.wide: bool | None = None  # side by side, or one above the other (see _arrange)

        # In a scroll area, so that at large text sizes the console scrolls instead of squeezing.
        outer = QVBoxLayout(scroll_body(self, "consoleScroll", "Session console"))
        outer.setContentsMargins(SPACE["l"], SPACE["m"], SPACE["l"], SPACE["m"])
        outer.setSpacing(SPACE["s"])
        outer.addLayout(self._build_heading())

        self.split = QSplitter(Qt.Horizontal)
        self.split.setObjectName("consoleSplitter")
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self._build_side())
        self.split.addWidget(self._build_step())
        self.split.setStretchFactor(1, 1)
        outer.addWidget(self.split, 1)
        outer.addLayout(self._build_bottom())
        self._fit_to_text()

        self.notes_timer = QTimer(self)
        self.notes_timer.setSingleShot(True)
        self.notes_timer.setInterval(400)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)

        forward = QAction("Next step", self)
        forward.setShortcuts([QKeySequence(Qt.Key_PageDown)])
        forward.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        forward.triggered.connect(lambda: self.step_by(1))
        back = QAction("Previous step", self)
        back.setShortcuts([QKeySequence(Qt.Key_PageUp)])
        back.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        back.triggered.connect(lambda: self.step_by(-1))
        self.addAction(forward)
        self.addAction(back)

        self.step_list.currentRowChanged.connect(self._row_chosen)
        self.next.clicked.connect(lambda: self.step_by(1))
        self.previous.clicked.connect(lambda: self.step_by(-1))
        self.notes.textChanged.connect(self.notes_timer.start)
        self.notes_timer.timeout.connect(self.save_notes)
        self.ticker.timeout.connect(self._tick)
        self.attendee_list.itemChanged.connect(self._attendance_changed)
        self.audience_button.clicked.connect(self.open_audience)
        self.finish_button.clicked.connect(self._finish_clicked)
        self.leave.clicked.connect(self._leave)
        self.reveal_button.clicked.connect(self.reveal)
        self.speaker_notes.citation_requested.connect(self.citation_requested)
        self.speaker_notes.glossary_requested.connect(self.glossary_requested)

    def _build_heading(self) -> QVBoxLayout:
        """The way back, the time and the session's buttons; the session's title."""
        self.heading = QVBoxLayout()
        self.heading.setSpacing(SPACE["xs"])
        self.top_row = QHBoxLayout()
        self.top_row.setSpacing(SPACE["s"])
        self.leave = button("← Sessions", "leaveConsole", role="link",
                            accessible="Back to the list of sessions",
                            description="The session keeps running; resume it from the list")
        self.audience_button = button("Show audience view", "openAudience", role="primary",
                                      description="Open the projector view (F11 toggles full "
                                                  "screen)")
        self.finish_button = button("Finish session…", "finishSession",
                                    description="Mark attendance and close the session")
        self.status = QWidget()
        self.status.setObjectName("sessionStatus")
        timing = QVBoxLayout(self.status)
        timing.setContentsMargins(0, 0, 0, 0)
        timing.setSpacing(0)
        self.clock = label("", name="sessionClock", wrap=False)
        self.clock.setAccessibleName("Session time")
        self.where = label("Open the audience view for the projector.", role="muted",
                           name="audiencePlacement")
        timing.addWidget(self.clock)
        timing.addWidget(self.where)
        self.top_row.addWidget(self.leave)
        self.top_row.addWidget(self.status, 1)  # moved under the title when the page is narrow
        self.top_row.addStretch(0)  # keeps the buttons to the right when it is
        self.top_row.addSpacing(SPACE["m"])
        self.top_row.addWidget(self.audience_button)
        self.top_row.addWidget(self.finish_button)
        self.heading.addLayout(self.top_row)
        self.title = label("", role="h3", name="consoleTitle")  # wraps a long module title
        self.heading.addWidget(self.title)
        return self.heading

    def _build_side(self) -> QTabWidget:
        """The steps, with attendance in a tab beside them: it is taken once, at the start."""
        self.side = QTabWidget()
        self.side.setObjectName("consoleSideTabs")
        self.side.setAccessibleName("Steps and attendance")
        self.side.setDocumentMode(True)
        self.step_list = QListWidget()
        self.step_list.setObjectName("sessionSteps")
        self.step_list.setAccessibleName("Steps of the session")
        self.step_list.setWordWrap(True)
        self.step_list.setMinimumWidth(160)
        self.side.addTab(self.step_list, "Steps")
        register = QWidget()
        register.setObjectName("attendanceTab")
        register_layout = QVBoxLayout(register)
        register_layout.setContentsMargins(0, SPACE["s"], 0, 0)
        register_layout.setSpacing(SPACE["xs"])
        self.present_count = label("", role="h3", name="presentCount")
        register_layout.addWidget(self.present_count)
        register_layout.addWidget(label("Tick who is here.", role="muted"))
        self.attendee_list = QListWidget()
        self.attendee_list.setObjectName("attendeeList")
        self.attendee_list.setAccessibleName("Attendance: tick each person who is here")
        register_layout.addWidget(self.attendee_list, 1)
        self.side.addTab(register, "Attendance")
        return self.side

    def _build_step(self) -> QWidget:
        """The current step: what the room sees beside the speaker notes (the biggest part), and
        for a question, collecting answers across the foot."""
        middle = QWidget()
        mid = QVBoxLayout(middle)
        mid.setContentsMargins(0, 0, 0, 0)
        mid.setSpacing(SPACE["s"])
        self.step_title = label("", role="h2", name="stepTitle")
        mid.addWidget(self.step_title)
        self.parts = QSplitter(Qt.Horizontal)
        self.parts.setObjectName("stepParts")
        self.parts.setChildrenCollapsible(False)
        screen_box = QWidget()
        screen_layout = QVBoxLayout(screen_box)
        screen_layout.setContentsMargins(0, 0, 0, 0)
        screen_layout.setSpacing(SPACE["xs"])
        screen_layout.addWidget(label("On the screen", role="h3"))
        self.step_content = QTextBrowser()
        self.step_content.setObjectName("stepContent")
        self.step_content.setAccessibleName("What the room sees")
        screen_layout.addWidget(self.step_content, 1)
        self.parts.addWidget(screen_box)
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.setSpacing(SPACE["xs"])
        notes_layout.addWidget(label("Speaker notes", role="h3"))
        # Citations open the report beside the console; terms open their definitions.
        self.speaker_notes = LinkedText("speakerNotes", "Speaker notes")
        notes_layout.addWidget(self.speaker_notes, 1)
        self.prompts = label("", name="discussionPrompts", selectable=True)
        self.prompts.setAccessibleName("Discussion prompts")
        notes_layout.addWidget(self.prompts)
        self.next_label = label("", role="muted", name="nextStepLabel")
        notes_layout.addWidget(self.next_label)
        self.parts.addWidget(notes_box)
        self.notes_box = notes_box
        self.parts.setStretchFactor(0, 4)
        self.parts.setStretchFactor(1, 6)
        mid.addWidget(self.parts, 1)
        self.collect_card = Card("collectCard")
        self.collect_card.body.setContentsMargins(SPACE["m"], SPACE["s"], SPACE["m"], SPACE["s"])
        self._build_collect(self.collect_card)
        mid.addWidget(self.collect_card)
        return middle

    def _build_bottom(self) -> QBoxLayout:
        """The facilitator's notes on the step and moving on, always at the foot of the page."""
        bottom = QBoxLayout(QBoxLayout.LeftToRight)
        bottom.setSpacing(SPACE["m"])
        notes_column = QVBoxLayout()
        notes_column.setSpacing(SPACE["xs"])
        notes_column.addWidget(label("Notes on this step (saved as you type)", role="muted"))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("stepNotes")
        self.notes.setTabChangesFocus(True)  # Tab moves on; no keyboard trap
        self.notes.setAccessibleName("Notes on this step")
        self.notes.setPlaceholderText("What the group said, questions to follow up…")
        notes_column.addWidget(self.notes)
        bottom.addLayout(notes_column, 1)
        nav = QHBoxLayout()
        nav.setSpacing(SPACE["s"])
        nav.addStretch(1)
        self.previous = button("← Previous", "previousStep", accessible="Previous step")
        self.next = button("Next step →", "nextStep", role="primary", accessible="Next step")
        nav.addWidget(self.previous, 0, Qt.AlignBottom)
        nav.addWidget(self.next, 0, Qt.AlignBottom)
        bottom.addLayout(nav)
        self.flows.append(bottom)  # the buttons go under the notes when the page is narrow
        return bottom

    def _build_collect(self, card: Card) -> None:
        """How answers are collected, the inputs beside the spread so far, and Reveal."""
        header = QBoxLayout(QBoxLayout.LeftToRight)
        header.addWidget(label("Collect answers", role="h3", wrap=False))
        header.addSpacing(SPACE["m"])
        modes = QHBoxLayout()
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for key, text in MODES.items():
            radio = QRadioButton(text)
            radio.setObjectName(f"collect-{key}")
            radio.setAccessibleName(f"Collect answers by {text.lower()}")
            self.mode_group.addButton(radio)
            self.mode_buttons[key] = radio
            modes.addWidget(radio)
            radio.toggled.connect(lambda on, k=key: on and self._mode_chosen(k))
        modes.addStretch(1)
        header.addLayout(modes, 1)
        card.body.addLayout(header)
        self.collect_hint = label("", role="muted", name="collectHint")
        self.collect_area = QWidget()
        self.collect_area.setObjectName("collectArea")
        self.collect_grid = QGridLayout(self.collect_area)
        self.collect_grid.setContentsMargins(0, 0, 0, 0)
        self.collect_grid.setVerticalSpacing(SPACE["xs"])
        palette = current_palette()
        self.collect_area.setStyleSheet(
            "#collectArea { background: transparent; } "
            f"QPushButton:checked {{ background: {palette.accent}; color: {palette.accent_text}; "
            f"border: 2px solid {palette.accent}; font-weight: 600; }}")
        self.collect_scroll = QScrollArea()
        self.collect_scroll.setObjectName("collectScroll")
        self.collect_scroll.setWidgetResizable(True)
        self.collect_scroll.setFrameShape(QScrollArea.NoFrame)
        self.collect_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.collect_scroll.setWidget(self.collect_area)
        self.collect_scroll.viewport().setAutoFillBackground(False)  # the card's own background
        self.collect_area.setAutoFillBackground(False)
        self.collect_scroll.setMinimumHeight(72)
        body = QBoxLayout(QBoxLayout.LeftToRight)
        body.setSpacing(SPACE["l"])
        inputs = QVBoxLayout()
        inputs.setSpacing(SPACE["xs"])
        inputs.addWidget(self.collect_hint)
        inputs.addWidget(self.collect_scroll, 1)
        body.addLayout(inputs, 3)
        # The spread of answers so far, beside the inputs that fill it.
        spread = QVBoxLayout()
        spread.setSpacing(SPACE["xs"])
        tally_row = QHBoxLayout()
        self.tally_title = label("Answers", role="h3", name="tallyTitle", wrap=False)
        self.tally_summary = label("", role="muted", name="tallySummary")
        tally_row.addWidget(self.tally_title)
        tally_row.addWidget(self.tally_summary, 1)
        spread.addLayout(tally_row)
        self.chart = BarChart("consoleChart")
        self.chart.setMinimumWidth(200)  # and as tall as there is room for (see _arrange)
        spread.addWidget(self.chart, 1)
        body.addLayout(spread, 2)
        card.body.addLayout(body, 1)
        row = QHBoxLayout()
        self.reveal_button = button("Reveal the answer", "revealAnswer", role="primary",
                                    description="Show the right answer, why, the report's "
                                                "words and the spread of answers")
        self.revealed_label = label("", name="revealedLabel")
        row.addWidget(self.reveal_button)
        row.addWidget(self.revealed_label, 1)
        card.body.addLayout(row)
        self.flows = [header, body]  # side by side when there is room (see _arrange)

    # -- loading ----------------------------------------------------------------------------
    def load(self, run: SessionRun) -> None:
        self.save_notes()
        self._notes_for = None
        self.run = run
        self.title.setText(f"{run.session.title}")
        self._loading = True
        self.step_list.clear()
        for number, step in enumerate(run.steps, start=1):
            item = QListWidgetItem(f"{number}. {step.title}")
            item.setData(Qt.UserRole, number - 1)
            self.step_list.addItem(item)
        self._fill_attendees()
        self._loading = False
        self.show_step(run.current)
        self.ticker.start()
        self._tick()

    def _fill_attendees(self) -> None:
        self._loading = True
        self.attendee_list.clear()
        for attendee in self.sessions.attendees(self.run.session.id):
            item = QListWidgetItem(attendee.name)
            item.setToolTip(f"{attendee.role}, {attendee.team}")
            item.setData(Qt.UserRole, attendee.learner_id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if attendee.present else Qt.Unchecked)
            self.attendee_list.addItem(item)
        self._loading = False
        self._count_present()

    def attendee_item(self, learner_id: int) -> QListWidgetItem | None:
        for row in range(self.attendee_list.count()):
            item = self.attendee_list.item(row)
            if item.data(Qt.UserRole) == learner_id:
                return item
        return None

    def _count_present(self) -> None:
        total = self.attendee_list.count()
        here = sum(1 for r in range(total)
                   if self.attendee_list.item(r).checkState() == Qt.Checked)
        self.present_count.setText(f"Attendance: {here} of {total} present")
        self.side.setTabText(1, f"Attendance ({here}/{total})")
        self.side.setTabToolTip(1, self.present_count.text())
        self._fit_side()

    def _attendance_changed(self, item: QListWidgetItem) -> None:
        if self._loading or self.run is None:
            return
        self.sessions.set_present(self.run, int(item.data(Qt.UserRole)),
                                  item.checkState() == Qt.Checked)
        self._count_present()

    # -- moving between steps ---------------------------------------------------------------
    @property
    def position(self) -> int:
        return self.run.current if self.run else 0

    @property
    def step(self) -> Step:
        return self.run.steps[self.position]

    def step_by(self, delta: int) -> None:
        if self.run is None:
            return
        target = self.position + delta
        if 0 <= target < len(self.run.steps):
            self.show_step(target)

    def _row_chosen(self, row: int) -> None:
        if not self._loading and self.run is not None and row >= 0 and row != self.position:
            self.show_step(row)

    def show_step(self, position: int) -> None:
        run = self.run
        self.save_notes()
        try:
            self.sessions.go_to(run, position)
        except UserError as exc:
            self.error.emit(str(exc))
            return
        self.step_started = time.monotonic()
        step = self.step
        record = run.record(self.position)
        self._loading = True
        self.step_list.setCurrentRow(self.position)
        self.notes.setPlainText(record.notes)
        self._notes_for = self.position
        self._loading = False
        self.step_title.setText(f"Step {self.position + 1} of {len(run.steps)}: {step.title}")
        screen = []
        if step.lead:
            screen.append(step.lead)
        bullet = "" if step.kind in ("question", "case") else "- "
        screen += [f"{bullet}{line}" for line in step.lines]
        self.step_content.setMarkdown("\n\n".join(screen))
        self.speaker_notes.setMarkdown(speaker_notes_markdown(run.pack, step))
        self.prompts.setText("Discussion: " + "  ·  ".join(step.prompts) if step.prompts else "")
        if self.position + 1 < len(run.steps):
            self.next_label.setText(f"Next: {run.steps[self.position + 1].title}")
        else:
            self.next_label.setText("This is the last step. Finish the session when you are "
                                    "ready.")
        self.previous.setEnabled(self.position > 0)
        self.next.setEnabled(self.position + 1 < len(run.steps))
        self.collect_card.setVisible(step.question is not None)
        if step.question is not None:
            self._loading = True
            self.mode_buttons[record.collect_mode].setChecked(True)
            self._loading = False
            self._build_inputs()
        self._refresh_answers()
        self._tick()

    # -- collecting -------------------------------------------------------------------------
    def _collector(self) -> ShowOfHands | PerAttendee:
        collector = self.sessions.collector(self.run, self.position)
        collector.subscribe(lambda _qid: self._refresh_answers())
        return collector

    def _mode_chosen(self, mode: str) -> None:
        if self._loading or self.run is None or self.step.question is None:
            return
        self.sessions.set_mode(self.run, self.position, mode)
        self._build_inputs()
        self._refresh_answers()

    def _clear_inputs(self) -> None:
        while self.collect_grid.count():
            item = self.collect_grid.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        for column in range(self.collect_grid.columnCount()):
            self.collect_grid.setColumnStretch(column, 0)
        self.tally_boxes = {}
        self.answer_buttons = {}

    def _build_inputs(self) -> None:
        self._clear_inputs()
        step = self.step
        question = step.question
        mode = self.run.record(self.position).collect_mode
        collector = self.sessions.collector(self.run, self.position)
        multiple = question.type is QuestionType.MULTIPLE
        if mode == HANDS:
            self.collect_hint.setText("Count the hands for each option on the screen." + (
                " People may raise a hand for more than one." if multiple else ""))
            spread = collector.spread(question)
            # A count for each option, side by side: the options' words are on the screen above.
            columns = 3 if len(step.options) > 4 else 2
            for index, (letter, option) in enumerate(zip(LETTERS, step.options, strict=False)):
                box = QSpinBox()
                box.setObjectName(f"tally-{letter}")
                box.setAccessibleName(f"Hands for option {letter}")
                box.setAccessibleDescription(option.text)
                box.setToolTip(option.text)
                box.setRange(0, 999)
                box.setValue(spread.counts.get(option.id, 0))
                box.setMinimumWidth(90)
                box.valueChanged.connect(lambda value, o=option.id: self._tally(o, value))
                letter_label = label(f"{letter}.", role="h3", wrap=False)
                letter_label.setBuddy(box)
                letter_label.setToolTip(option.text)
                cell = QHBoxLayout()
                cell.setContentsMargins(0, 0, SPACE["m"], 0)
                cell.addWidget(letter_label)
                cell.addWidget(box)
                holder = QWidget()
                holder.setLayout(cell)
                self.collect_grid.addWidget(holder, index // columns, index % columns)
                self.tally_boxes[letter] = box
            self.collect_grid.setColumnStretch(columns, 1)
        else:
            self.collect_hint.setText("Click each person's answer" + (
                " (they may choose more than one)." if multiple else "."))
            answers = collector.answers(question)
            for row, attendee in enumerate(self.sessions.attendees(self.run.session.id)):
                self.collect_grid.addWidget(label(attendee.name, wrap=False), row, 0)
                chosen = set(answers.get(attendee.learner_id, ()))
                cell = QHBoxLayout()
                for letter, option in zip(LETTERS, step.options, strict=False):
                    choice = QPushButton(letter)
                    choice.setObjectName(f"answer-{attendee.learner_id}-{letter}")
                    choice.setAccessibleName(f"{attendee.name} answers {letter}")
                    choice.setCheckable(True)
                    choice.setChecked(option.id in chosen)
                    choice.setAutoDefault(False)
                    choice.setMinimumWidth(44)
                    choice.clicked.connect(
                        lambda _on, lid=attendee.learner_id: self._attendee_answer(lid))
                    cell.addWidget(choice)
                    self.answer_buttons[(attendee.learner_id, letter)] = choice
                cell.addStretch(1)
                holder = QWidget()
                holder.setLayout(cell)
                cell.setContentsMargins(0, 0, 0, 0)
                self.collect_grid.addWidget(holder, row, 1)
            self.collect_grid.setColumnStretch(1, 1)
        self._fit_inputs()

    def _fit_inputs(self) -> None:
        """Show a show-of-hands grid whole; a long list of people scrolls inside the card. Tab
        goes from the way of collecting through the new inputs to Reveal, in reading order."""
        previous: QWidget = self.mode_buttons[list(MODES)[-1]]
        for widget in [*self.tally_boxes.values(), *self.answer_buttons.values()]:
            QWidget.setTabOrder(previous, widget)
            previous = widget
        QWidget.setTabOrder(previous, self.reveal_button)
        for index in range(self.collect_grid.count()):  # shown now, to be measured
            widget = self.collect_grid.itemAt(index).widget()
            if widget is not None:
                widget.show()
        self.collect_grid.activate()
        wanted = self.collect_grid.sizeHint().height() + 4
        lines = self.fontMetrics().lineSpacing()
        self.collect_scroll.setMinimumHeight(min(wanted, lines * (5 if self.wide else 10)))

    def _tally(self, option_id: str, value: int) -> None:
        try:
            self._collector().set_count(self.step.question, option_id, value)
        except UserError as exc:
            self.error.emit(str(exc))

    def _attendee_answer(self, learner_id: int) -> None:
        step = self.step
        question = step.question
        sender = self.sender()
        if question.type is not QuestionType.MULTIPLE and sender is not None and sender.isChecked():
            for (lid, _letter), other in self.answer_buttons.items():
                if lid == learner_id and other is not sender:
                    other.setChecked(False)
        chosen = [option.id for letter, option in zip(LETTERS, step.options, strict=False)
                  if self.answer_buttons[(learner_id, letter)].isChecked()]
        try:
            self._collector().answer(question, learner_id, chosen)
        except UserError as exc:
            self.error.emit(str(exc))

    def _refresh_answers(self) -> None:
        step = self.step if self.run else None
        question = step.question if step else None
        self.chart.setVisible(question is not None)
        self.tally_title.setVisible(question is not None)
        if question is None:
            self.tally_summary.setText("")
            self._update_audience()
            return
        spread = self.sessions.spread(self.run, self.position)
        revealed = self.run.record(self.position).revealed_at is not None
        right = set(question.answer)
        self.chart.set_bars([Bar(letter, spread.counts.get(o.id, 0), o.id in right)
                             for letter, o in zip(LETTERS, step.options, strict=False)],
                            show_right=revealed)
        summary = f"{spread.answered} answered"
        if spread.correct is not None:
            summary += f" · {spread.correct} right"
        self.tally_summary.setText(summary)
        self.reveal_button.setEnabled(not revealed)
        letters = ", ".join(letter for letter, o in zip(LETTERS, step.options, strict=False)
                            if o.id in right)
        self.revealed_label.setText(f"Revealed: the answer is {letters}." if revealed else
                                    "The room sees the question without the counts until you "
                                    "reveal.")
        self._update_audience()

    def reveal(self) -> None:
        try:
            self.sessions.reveal(self.run, self.position)
        except UserError as exc:
            self.error.emit(str(exc))
            return
        self._refresh_answers()

    # -- the audience view ------------------------------------------------------------------
    def open_audience(self) -> None:
        if self.audience is None:
            self.audience = AudienceWindow(self)  # a window of its own, closed with the console
        where = self.audience.present(self.window())
        self.where.setText(f"Audience view: {where}.")
        self._update_audience()

    def _update_audience(self) -> None:
        if self.audience is None or self.run is None:
            return
        step = self.step
        reveal = spread = None
        if step.question is not None and self.run.record(self.position).revealed_at:
            reveal = reveal_for(self.run.pack, step)
            spread = self.sessions.spread(self.run, self.position)
        self.audience.show_step(step, self.position + 1, len(self.run.steps),
                                self.run.module.title, reveal, spread)

    def close_audience(self) -> None:
        if self.audience is not None:
            self.audience.close()
            self.audience.deleteLater()
            self.audience = None

    # -- time, notes, finishing -------------------------------------------------------------
    def _tick(self) -> None:
        if self.run is None:
            return
        total = self.sessions.elapsed_seconds(self.run)
        here = int(time.monotonic() - self.step_started)
        self.clock.setText(f"Session {clock(total)}  ·  This step {clock(here)}")

    def save_notes(self) -> None:
        self.notes_timer.stop()
        if self._loading or self.run is None or self._notes_for is None:
            return
        if self.run.session.status != "running":
            return
        text = self.notes.toPlainText()
        if text != self.run.record(self._notes_for).notes:
            self.sessions.save_step_notes(self.run, self._notes_for, text)

    def _finish_clicked(self) -> None:
        self.save_notes()
        if self.run is not None:
            self.finish_requested.emit(self.run.session.id)

    def stop(self) -> None:
        """Leave the console (the session itself is untouched)."""
        self.save_notes()
        self.ticker.stop()
        self.close_audience()

    def _leave(self) -> None:
        self.stop()
        self.leave_requested.emit()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.save_notes()
        super().hideEvent(event)

