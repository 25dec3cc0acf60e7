"""Small charts drawn with QPainter (no QtCharts, to keep the install small). Each chart also
describes itself in words, for screen readers and for anyone who prefers numbers."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from trainer.ui.theme import current_palette


class _Chart(QWidget):
    def __init__(self, name: str, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.title = title
        self.setAccessibleName(title)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.empty_text = "No data yet."

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(560, 260)

    def _colours(self):
        p = current_palette()
        return QColor(p.text), QColor(p.muted), QColor(p.accent), QColor(p.surface), QColor(
            p.border)


class BarChart(_Chart):
    """Horizontal bars, one per label, values 0–1 shown as per cent."""

    def __init__(self, name: str, title: str, parent=None):
        super().__init__(name, title, parent)
        self.bars: list[tuple[str, float]] = []

    def set_bars(self, bars: list[tuple[str, float]]) -> None:
        self.bars = bars
        self.setMinimumHeight(max(120, 28 * len(bars) + 40))
        self.setAccessibleDescription("; ".join(f"{name}: {round(v * 100)}%" for name, v in bars)
                                      or self.empty_text)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        text, muted, accent, surface, border = self._colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), surface)
        if not self.bars:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignCenter, self.empty_text)
            return
        label_w = min(300, int(self.width() * 0.42))
        right = self.width() - 56
        row_h = max(20, (self.height() - 16) / len(self.bars))
        for i, (name, value) in enumerate(self.bars):
            y = 8 + i * row_h
            painter.setPen(text)
            metrics = painter.fontMetrics()
            painter.drawText(QRectF(8, y, label_w - 12, row_h), Qt.AlignVCenter | Qt.AlignRight,
                             metrics.elidedText(name, Qt.ElideRight, label_w - 12))
            width = max(1.0, (right - label_w) * max(0.0, min(1.0, value)))
            painter.fillRect(QRectF(label_w, y + row_h * 0.2, width, row_h * 0.6), accent)
            painter.drawText(QRectF(label_w + width + 6, y, 60, row_h), Qt.AlignVCenter,
                             f"{round(value * 100)}%")
        painter.setPen(QPen(border, 1))
        painter.drawLine(QPointF(label_w, 4), QPointF(label_w, self.height() - 4))


class LineChart(_Chart):
    """A rising line of (label, count) points, such as modules passed by month."""

    def __init__(self, name: str, title: str, parent=None):
        super().__init__(name, title, parent)
        self.points: list[tuple[str, int]] = []

    def set_points(self, points: list[tuple[str, int]]) -> None:
        self.points = points
        self.setAccessibleDescription("; ".join(f"{k}: {v}" for k, v in points) or self.empty_text)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        text, muted, accent, surface, border = self._colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), surface)
        if not self.points:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignCenter, self.empty_text)
            return
        left, top, bottom = 56, 16, self.height() - 36
        right = self.width() - 16
        top_value = max(v for _, v in self.points) or 1
        painter.setPen(QPen(border, 1))
        painter.drawLine(left, bottom, right, bottom)
        painter.drawLine(left, top, left, bottom)
        painter.setPen(text)
        small = QFont(painter.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        painter.drawText(QRectF(0, top - 8, left - 6, 16), Qt.AlignRight, str(top_value))
        painter.drawText(QRectF(0, bottom - 8, left - 6, 16), Qt.AlignRight, "0")
        n = len(self.points)
        step = (right - left) / max(1, n - 1)
        path = QPainterPath()
        for i, (_label, value) in enumerate(self.points):
            x = left + i * step if n > 1 else (left + right) / 2
            y = bottom - (bottom - top) * value / top_value
            if i == 0:
                path.moveTo(x, y)
            else:
                path.lineTo(x, y)
        painter.setPen(QPen(accent, 2.5))
        painter.drawPath(path)
        painter.setPen(text)
        every = max(1, n // 6)
        for i in range(0, n, every):
            x = left + i * step if n > 1 else (left + right) / 2
            painter.drawText(QRectF(x - 40, bottom + 4, 80, 18), Qt.AlignHCenter, self.points[i][0])
