"""Drawn with QPainter: the spread of answers as bars, and text that fits the room's screen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True)
class ChartColours:
    background: str
    text: str
    bar: str
    right: str
    grid: str


PROJECTOR_COLOURS = ChartColours("#000000", "#ffffff", "#4fc3f7", "#00e676", "#8a8a8a")
CONSOLE_COLOURS = ChartColours("#ffffff", "#1b262e", "#1f5f7a", "#1e6b3a", "#8795a1")


@dataclass(frozen=True)
class Bar:
    label: str  # the option letter
    count: int
    right: bool = False


class BarChart(QWidget):
    """Horizontal bars, one per option. The right answer is marked in words, not only colour."""

    def __init__(self, name: str, colours: ChartColours = CONSOLE_COLOURS, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName("Spread of answers")
        self.colours = colours
        self.bars: list[Bar] = []
        self.show_right = False
        self.setMinimumSize(220, 120)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def set_bars(self, bars: list[Bar], show_right: bool) -> None:
        self.bars = list(bars)
        self.show_right = show_right
        parts = [f"{b.label}: {b.count}" + (" (right answer)" if show_right and b.right else "")
                 for b in self.bars]
        self.setAccessibleDescription("; ".join(parts))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(360, 40 * max(3, len(self.bars)))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        colours = self.colours
        rect = self.rect()
        painter.fillRect(rect, QColor(colours.background))
        if not self.bars:
            return
        rows = len(self.bars)
        row_height = rect.height() / rows
        font = QFont(self.font())
        font.setPixelSize(max(12, int(row_height * 0.42)))
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        label_width = metrics.horizontalAdvance("W ✓") + 16
        count_width = metrics.horizontalAdvance("999") + 16
        legend = self.show_right and any(b.right for b in self.bars)
        bar_space = max(10.0, rect.width() - label_width - count_width)
        most = max((b.count for b in self.bars), default=0) or 1
        usable = rect.height() - (row_height * 0.6 if legend else 0)
        row_height = usable / rows
        for index, bar in enumerate(self.bars):
            top = index * row_height
            highlight = self.show_right and bar.right
            painter.setPen(QColor(colours.right if highlight else colours.text))
            painter.drawText(QRectF(0, top, label_width, row_height),
                             Qt.AlignVCenter | Qt.AlignLeft,
                             f"{bar.label} ✓" if highlight else bar.label)
            length = bar_space * bar.count / most
            inner = QRectF(label_width, top + row_height * 0.18, length, row_height * 0.64)
            colour = QColor(colours.right if highlight else colours.bar)
            if length > 0:
                painter.fillRect(inner, colour)
            else:
                painter.setPen(QPen(QColor(colours.grid), 1))
                painter.drawLine(int(label_width), int(top + row_height * 0.2),
                                 int(label_width), int(top + row_height * 0.8))
            painter.setPen(QColor(colours.text))
            painter.drawText(QRectF(label_width + length + 8, top, count_width, row_height),
                             Qt.AlignVCenter | Qt.AlignLeft, str(bar.count))
        if legend:
            small = QFont(font)
            small.setPixelSize(max(11, int(font.pixelSize() * 0.7)))
            small.setBold(False)
            painter.setFont(small)
            painter.setPen(QColor(colours.text))
            painter.drawText(QRectF(0, usable, rect.width(), rect.height() - usable),
                             Qt.AlignVCenter | Qt.AlignLeft, "✓ = the right answer")
        painter.end()


@dataclass(frozen=True)
class Block:
    text: str
    scale: float = 1.0  # relative to the fitted size
    bold: bool = False
    colour: str = "#ffffff"
    gap_after: float = 0.5  # in lines of the fitted size


class FitText(QWidget):
    """Paragraphs drawn at the largest size (up to ``max_px``) that fits the widget.

    On a projector nothing can scroll, so the text shrinks to fit rather than being cut off.
    """

    def __init__(self, name: str, max_px: int, min_px: int = 14, background: str = "#000000",
                 align=Qt.AlignLeft | Qt.AlignTop, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.max_px = max_px
        self.min_px = min_px
        self.background = background
        self.align = align
        self.blocks: list[Block] = []
        self.fitted_px = max_px
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def set_blocks(self, blocks: list[Block]) -> None:
        self.blocks = [b for b in blocks if b.text]
        self.setAccessibleDescription("\n".join(b.text for b in self.blocks))
        self.update()

    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def _font(self, px: int, block: Block) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(8, int(px * block.scale)))
        font.setBold(block.bold)
        return font

    def _height(self, px: int, width: int) -> int:
        total = 0
        for block in self.blocks:
            metrics = QFontMetrics(self._font(px, block))
            box = metrics.boundingRect(QRect(0, 0, width, 100_000),
                                       Qt.TextWordWrap | Qt.AlignLeft, block.text)
            total += box.height() + int(metrics.lineSpacing() * block.gap_after)
        return total

    def fit(self) -> int:
        width, height = max(10, self.width()), max(10, self.height())
        low, high = self.min_px, self.max_px
        if self._height(high, width) <= height:
            return high
        while low < high:
            middle = (low + high + 1) // 2
            if self._height(middle, width) <= height:
                low = middle
            else:
                high = middle - 1
        return low

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.TextAntialiasing)
        painter.fillRect(self.rect(), QColor(self.background))
        self.fitted_px = px = self.fit()
        width = self.width()
        y = 0
        if self.align & Qt.AlignVCenter:
            y = max(0, (self.height() - self._height(px, width)) // 2)
        for block in self.blocks:
            font = self._font(px, block)
            painter.setFont(font)
            painter.setPen(QColor(block.colour))
            metrics = QFontMetrics(font)
            flags = Qt.TextWordWrap | (self.align & Qt.AlignHorizontal_Mask)
            box = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, block.text)
            painter.drawText(QRect(0, y, width, box.height()), flags, block.text)
            y += box.height() + int(metrics.lineSpacing() * block.gap_after)
        painter.end()
