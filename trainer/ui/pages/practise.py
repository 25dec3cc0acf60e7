"""Practise: the questions a learner got wrong or was unsure of, back on a spaced schedule."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.quiz.schedule import RULE_TEXT
from trainer.ui.theme import SPACE
from trainer.ui.widgets import Card, button, label


class PractisePage(QWidget):
    start_requested = Signal()
    learn_requested = Signal()  # nothing to practise yet: take a knowledge check first

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("practisePage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], SPACE["xl"])
        layout.setSpacing(SPACE["m"])
        layout.addWidget(label("Practise", role="h1", name="practiseTitle"))
        layout.addWidget(label(RULE_TEXT, role="muted", name="practiseRule"))
        card = Card("practiseCard")
        self.due = label("", role="h2", name="practiseDue")
        self.detail = label("", name="practiseDetail")
        self.last = label("", role="muted", name="practiseLast")
        self.start = button("Start practice", "startPractice", role="primary")
        self.learn = button("Choose a knowledge check", "practiseGoLearn", role="primary",
                            description="Open Learn and take a module's knowledge check")
        card.body.addWidget(self.due)
        card.body.addWidget(self.detail)
        card.body.addWidget(self.last)
        card.body.addWidget(self.start, 0, Qt.AlignLeft)
        card.body.addWidget(self.learn, 0, Qt.AlignLeft)
        layout.addWidget(card)
        layout.addStretch(1)
        self.start.clicked.connect(self.start_requested)
        self.learn.clicked.connect(self.learn_requested)

    def show_queue(self, due: int, queued: int, next_due: str = "", resume: bool = False,
                   last: str = "") -> None:
        """Offer Start only when there is something to practise; otherwise say why not and, for
        a new learner, what to do first."""
        if due:
            self.due.setText(f"{due} question{'s' if due != 1 else ''} due for practice")
            self.detail.setText("A short session takes up to ten of them, with feedback on each.")
        elif resume:
            self.due.setText("Your practice session is not finished")
            self.detail.setText("Continue where you left off.")
        elif queued:
            self.due.setText("Nothing is due now")
            self.detail.setText(f"{queued} question{'s' if queued != 1 else ''} will come back "
                                f"later{f' (the next on {next_due})' if next_due else ''}.")
        else:
            self.due.setText("Nothing to practise yet")
            self.detail.setText("Take a knowledge check first: the questions you get wrong, or "
                                "are unsure of, will come back here for practice.")
        self.last.setText(last)
        self.last.setVisible(bool(last))
        self.start.setText("Continue practice" if resume else "Start practice")
        self.start.setAccessibleName(self.start.text())
        can_start = bool(due) or resume
        self.start.setEnabled(can_start)
        self.start.setVisible(can_start)
        self.learn.setVisible(not can_start and not queued)
        if can_start:
            self.start.setFocus()
