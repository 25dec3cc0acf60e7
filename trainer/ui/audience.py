"""The audience view for the projector: large type, high contrast, and nothing about any learner.

It is given only content (a step, a reveal, a spread of counts), never names or answers of people.
On a second screen it opens full screen; otherwise it is a window that F11 toggles to full screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from trainer.services.answers import Spread
from trainer.services.session_steps import LETTERS, Reveal, Step
from trainer.ui.charts import PROJECTOR_COLOURS, Bar, BarChart, Block, FitText

BLACK = "#000000"
WHITE = "#ffffff"
YELLOW = "#ffd54f"
GREEN = "#00e676"
GREY = "#d0d0d0"


class AudienceWindow(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("audienceWindow")
        self.setAccessibleName("Audience view")
        self.setWindowTitle("Audience view — group session")
        self.setStyleSheet(f"QWidget#audienceWindow {{ background: {BLACK}; }}")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), BLACK)
        self.setPalette(palette)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(56, 36, 56, 36)
        layout.setSpacing(18)
        self.header = FitText("audienceHeader", max_px=30, min_px=12)
        self.header.setFixedHeight(44)
        self.title = FitText("audienceTitle", max_px=72, min_px=24)
        self.title.setMinimumHeight(90)
        self.title.setMaximumHeight(190)
        row = QHBoxLayout()
        row.setSpacing(40)
        self.body = FitText("audienceBody", max_px=48, min_px=16)
        self.chart = BarChart("audienceChart", PROJECTOR_COLOURS)
        self.chart.hide()
        row.addWidget(self.body, 3)
        row.addWidget(self.chart, 2)
        self.source = FitText("audienceSource", max_px=30, min_px=14)
        self.source.hide()
        layout.addWidget(self.header)
        layout.addWidget(self.title)
        layout.addLayout(row, 5)
        layout.addWidget(self.source, 3)

        self.setFocusPolicy(Qt.StrongFocus)
        self.resize(1280, 720)

    # -- placing ----------------------------------------------------------------------------
    def present(self, console: QWidget | None = None) -> str:
        """Open on a second screen, full screen, if there is one. Returns where it went."""
        screens = QGuiApplication.screens()
        here = console.screen() if console is not None else QGuiApplication.primaryScreen()
        others = [s for s in screens if s != here]
        if len(screens) > 1 and others:
            target = others[0]
            self.setScreen(target)
            self.setGeometry(target.geometry())
            self.showFullScreen()
            return f"full screen on {target.name() or 'the second screen'}"
        self.showNormal()
        self.raise_()
        return "in a window (press F11 in it for full screen)"

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key_F11:
            self.toggle_full_screen()
        elif event.key() == Qt.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # -- showing ----------------------------------------------------------------------------
    def show_step(self, step: Step, number: int, total: int, module_title: str,
                  reveal: Reveal | None = None, spread: Spread | None = None) -> None:
        self.header.set_blocks([Block(f"{module_title}   ·   {number} of {total}", colour=GREY)])
        self.title.set_blocks([Block(step.title if step.kind != "question" else
                                     f"{step.title}", bold=True, colour=YELLOW)])
        if step.kind == "question" and reveal is not None:
            self._show_reveal(step, reveal, spread)
            return
        self.chart.hide()
        self.source.hide()
        blocks = []
        if step.lead:
            blocks.append(Block(step.lead, colour=WHITE, gap_after=0.8,
                                bold=step.kind == "question"))
        bullet = "" if step.kind in ("question", "case") else "•  "
        for line in step.lines:
            blocks.append(Block(f"{bullet}{line}", scale=0.92, colour=WHITE, gap_after=0.45))
        if step.kind == "question":
            blocks.append(Block("Answers are being collected…", scale=0.7, colour=GREY))
        self.body.set_blocks(blocks)

    def _show_reveal(self, step: Step, reveal: Reveal, spread: Spread | None) -> None:
        blocks = [Block("Answer", scale=0.7, colour=GREY, gap_after=0.2)]
        blocks += [Block(line, bold=True, colour=GREEN, gap_after=0.3)
                   for line in reveal.answer_lines]
        blocks.append(Block(reveal.explanation, scale=0.8, colour=WHITE, gap_after=0.2))
        self.body.set_blocks(blocks)
        if spread is not None:
            right = set(step.question.answer)
            bars = [Bar(letter, spread.counts.get(option.id, 0), option.id in right)
                    for letter, option in zip(LETTERS, step.options, strict=False)]
            self.chart.set_bars(bars, show_right=True)
            self.chart.show()
        sources = [Block(f"{label}: “{text}”", colour=WHITE, gap_after=0.3)
                   for label, text in reveal.paragraphs[:1]]
        more = [label for label, _text in reveal.paragraphs[1:]]
        if more:
            sources.append(Block("Also cited: " + ", ".join(more), scale=0.8, colour=GREY,
                                 gap_after=0.3))
        sources.append(Block(reveal.attribution, scale=0.75, colour=GREY, gap_after=0))
        self.source.set_blocks([Block("In the report", scale=0.8, bold=True, colour=YELLOW,
                                      gap_after=0.2), *sources])
        self.source.show()

    def show_message(self, title: str, text: str) -> None:
        self.header.set_blocks([])
        self.title.set_blocks([Block(title, bold=True, colour=YELLOW)])
        self.body.set_blocks([Block(text, colour=WHITE)])
        self.chart.hide()
        self.source.hide()
