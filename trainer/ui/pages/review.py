"""Review after an attempt: every question with the learner's answer, the right answer, the
feedback and citation chips that open the report; retake from here."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from trainer.content.pack import ContentPack
from trainer.services.feedback import CONFIDENCE_WORDS, answer_markdown, given_text
from trainer.services.study import Result, ReviewItem
from trainer.ui.pages.module import LinkedText
from trainer.ui.pages.result import marks
from trainer.ui.theme import SPACE
from trainer.ui.widgets import button, label


def review_markdown(pack: ContentPack, items: list[ReviewItem]) -> str:
    parts = []
    total = len(items)
    for item in items:
        if item.correct:
            verdict = "Right"
        elif item.points > 0:
            verdict = f"Partly right ({item.points:.2g} of 1 mark)"
        else:
            verdict = "Not right"
        sure = CONFIDENCE_WORDS.get(item.confidence or "", "not given")
        body = answer_markdown(pack, item.question, item.options, item.answer)
        parts.append(
            f"## Question {item.number} of {total}: {verdict}\n\n{item.question.stem.strip()}\n\n"
            f"**Your answer:** {given_text(item.question, item.answer)} · **How sure:** {sure}"
            f"\n\n{body}")
    return "\n\n---\n\n".join(parts)


class ReviewPage(QWidget):
    retake_requested = Signal(str)  # quiz id
    result_requested = Signal(int)  # attempt id
    citation_requested = Signal(str)
    glossary_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self.result: Result | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["xl"], SPACE["l"], SPACE["xl"], SPACE["l"])
        layout.setSpacing(SPACE["s"])
        self.title = label("", role="h1", name="reviewTitle")
        self.summary = label("", role="lead", name="reviewSummary")
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        self.text = LinkedText("reviewText", "Every question, your answer and the feedback")
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.back = button("Back to result", "reviewBack")
        self.retake = button("Retake", "reviewRetake", role="primary",
                             description="Start a new attempt with a fresh set of questions")
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.retake)
        layout.addLayout(row)
        self.back.clicked.connect(lambda: self.result_requested.emit(self.result.attempt.id))
        self.retake.clicked.connect(lambda: self.retake_requested.emit(self.result.rules.id))
        self.text.citation_requested.connect(self.citation_requested)
        self.text.glossary_requested.connect(self.glossary_requested)

    def show_review(self, result: Result, pack: ContentPack, items: list[ReviewItem]) -> None:
        self.result = result
        self.title.setText(f"Review: {result.rules.title}")
        right = sum(1 for i in items if i.correct)
        self.summary.setText(f"{marks(result.score)} of {result.max_score} marks; {right} of "
                             f"{len(items)} questions fully right. Citations open the report.")
        self.text.setMarkdown(review_markdown(pack, items))
        self.text.verticalScrollBar().setValue(0)
        self.text.setFocus()
