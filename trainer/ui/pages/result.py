"""The result of an attempt: score, pass or not, calibration, topics; certificate after a pass."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.services.study import Result
from trainer.ui.theme import SPACE
from trainer.ui.widgets import Card, FlowBox, button, label, scroll_body


def marks(points: float) -> str:
    """Marks as people write them: 10, 7.5, 3.08 (never 3.08333)."""
    return f"{round(points, 2):g}"


def calibration_sentence(result: Result) -> str:
    cal = result.calibration
    parts = []
    if cal.sure_wrong:
        topics = ", ".join(f"{count} on {topic.replace('-', ' ')}" for topic, count in
                           sorted(cal.by_topic_sure_wrong.items()))
        parts.append(f"You were sure and wrong on {cal.sure_wrong} "
                     f"question{'s' if cal.sure_wrong != 1 else ''} ({topics}). Confident wrong "
                     "decisions are the costly ones in practice: look at these again first.")
    if cal.unsure_right:
        parts.append(f"You were unsure but right on {cal.unsure_right}: trust that knowledge.")
    levels = [(key, word) for key, word in (("sure", "Sure"), ("fairly", "Fairly sure"),
                                            ("unsure", "Unsure")) if key in cal.by_level]
    table = " · ".join(f"{word}: {cal.by_level[key][0]} of {cal.by_level[key][1]} right"
                       for key, word in levels)
    if not parts:
        parts.append("Your confidence matched your answers." if levels else
                     "You did not say how sure you were; next time, rating each answer shows "
                     "where confidence and knowledge part company.")
    if table:
        parts.append(f"({table})")
    return " ".join(parts)


class ResultPage(QWidget):
    certificate_requested = Signal(int)
    retake_requested = Signal(str)
    module_requested = Signal(str)
    review_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("resultPage")
        self.result: Result | None = None
        layout = QVBoxLayout(scroll_body(self, "resultScroll", "Your result"))
        layout.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], SPACE["xl"])
        layout.setSpacing(SPACE["m"])
        self.headline = label("", role="h1", name="resultHeadline")
        self.detail = label("", role="lead", name="resultDetail")
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        card = Card("calibrationCard")
        card.body.addWidget(label("How sure you were", role="h3"))
        self.calibration = label("", name="resultCalibration")
        card.body.addWidget(self.calibration)
        layout.addWidget(card)
        topics = Card("topicsCard")
        topics.body.addWidget(label("By topic", role="h3"))
        self.topics = label("", name="resultTopics")
        topics.body.addWidget(self.topics)
        layout.addWidget(topics)
        self.certificate_note = label("", role="muted", name="certificateNote", selectable=True)
        layout.addWidget(self.certificate_note)
        row = FlowBox(name="resultActions")  # wraps at large text sizes, never scrolls sideways
        self.save_certificate = button("Save certificate…", "saveCertificate", role="primary",
                                       description="Save your certificate as a PDF file")
        self.retake = button("Retake", "retakeQuiz",
                             description="Start a new attempt with a fresh set of questions")
        self.back = button("Back to module", "backToModule")
        self.review = button("Review answers", "reviewAnswers",
                             description="Every question with your answer, the right answer and "
                                         "the feedback")
        row.addWidget(self.save_certificate)
        row.addWidget(self.review)
        row.addWidget(self.retake)
        row.addWidget(self.back)
        layout.addWidget(row)
        layout.addStretch(1)
        self.save_certificate.clicked.connect(
            lambda: self.certificate_requested.emit(self.result.attempt.id))
        self.retake.clicked.connect(lambda: self.retake_requested.emit(self.result.rules.id))
        self.back.clicked.connect(lambda: self.module_requested.emit(self.result.attempt.module_id))
        self.review.clicked.connect(lambda: self.review_requested.emit(self.result.attempt.id))

    def show_result(self, result: Result) -> None:
        self.result = result
        got = marks(result.score)
        if result.passed:
            self.headline.setText(f"You passed — {got} of {result.max_score}")
        else:
            self.headline.setText(f"Not passed this time — {got} of {result.max_score}")
        self.detail.setText(f"{result.percent}%. The pass mark is {result.rules.pass_mark}%."
                            + ("" if result.passed else " Read the feedback on the topics below "
                               "and try again when you are ready."))
        self.calibration.setText(calibration_sentence(result))
        lines = []
        for topic, (points, out_of) in sorted(result.by_topic.items(),
                                              key=lambda kv: kv[1][0] / kv[1][1]):
            lines.append(f"{topic.replace('-', ' ').capitalize()}: {marks(points)} of {out_of}")
        self.topics.setText("\n".join(lines))
        self.save_certificate.setVisible(result.passed)
        self.certificate_note.setText("")
        (self.save_certificate if result.passed else self.retake).setFocus(Qt.FocusReason.OtherFocusReason)

    def certificate_saved(self, path: str, certificate_id: str, code: str) -> None:
        self.certificate_note.setText(f"Certificate {certificate_id} saved to {path}. "
                                      f"Verification code: {code}")
