"""Small charts drawn with QPainter (no QtCharts, to keep the install small). Each chart also
describes itself in words, for screen readers and for anyone who prefers numbers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
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

    def _begin(self, has_data: bool):
        """A painter on the chart's cleared background, or None (the empty text drawn) when
        there is nothing to chart."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), self._colours()[3])
        if has_data:
            return painter
        painter.setPen(self._colours()[1])
        painter.drawText(self.rect(), Qt.AlignCenter, self.empty_text)
        painter.end()
        return None

    def _row(self) -> int:
        """A bar's height: the text's line height and some air, so it grows with the text."""
        return max(20, int(self.fontMetrics().lineSpacing() * 1.5))


class BarChart(_Chart):
    """Horizontal bars, one per label, values 0–1 shown as per cent."""

    def __init__(self, name: str, title: str, parent=None):
        super().__init__(name, title, parent)
        self.bars: list[tuple[str, float]] = []

    def set_bars(self, bars: list[tuple[str, float]]) -> None:
        self.bars = bars
        self._fit_height()
        self.setAccessibleDescription("; ".join(f"{name}: {round(v * 100)}%" for name, v in bars)
                                      or self.empty_text)
        self.update()

    def _fit_height(self) -> None:
        self.setMinimumHeight(max(120, self._row() * len(self.bars) + 40))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()

    def paintEvent(self, _event) -> None:  # noqa: N802
        text, muted, accent, surface, border = self._colours()
        painter = self._begin(bool(self.bars))
        if painter is None:
            return
        label_w = min(self.fontMetrics().averageCharWidth() * 26, int(self.width() * 0.42))
        right = self.width() - self.fontMetrics().horizontalAdvance("100%") - 16
        row_h = max(20, (self.height() - 16) / len(self.bars))
        for i, (name, value) in enumerate(self.bars):
            y = 8 + i * row_h
            painter.setPen(text)
            metrics = painter.fontMetrics()
            painter.drawText(QRectF(8, y, label_w - 12, row_h), Qt.AlignVCenter | Qt.AlignRight,
                             metrics.elidedText(name, Qt.ElideRight, label_w - 12))
            width = max(1.0, (right - label_w) * max(0.0, min(1.0, value)))
            painter.fillRect(QRectF(label_w, y + row_h * 0.2, width, row_h * 0.6), accent)
            painter.drawText(QRectF(label_w + width + 6, y, self.width() - label_w - width - 6,
                                    row_h), Qt.AlignVCenter, f"{round(value * 100)}%")
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
        painter = self._begin(bool(self.points))
        if painter is None:
            return
        small = QFont(painter.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        metrics = painter.fontMetrics()  # the axis labels grow with the text size
        line = metrics.height()
        top_value = max(v for _, v in self.points) or 1
        left = max(56, metrics.horizontalAdvance(str(top_value)) + 18)
        top, bottom = line, self.height() - line - 12
        right = self.width() - 16
        painter.setPen(QPen(border, 1))
        painter.drawLine(left, bottom, right, bottom)
        painter.drawLine(left, top, left, bottom)
        painter.setPen(text)
        painter.drawText(QRectF(0, top - line / 2, left - 6, line), Qt.AlignRight, str(top_value))
        painter.drawText(QRectF(0, bottom - line / 2, left - 6, line), Qt.AlignRight, "0")
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
        painter.setBrush(accent)  # a dot on each point: one month alone is not an empty chart
        for i, (_label, value) in enumerate(self.points):
            x = left + i * step if n > 1 else (left + right) / 2
            painter.drawEllipse(QPointF(x, bottom - (bottom - top) * value / top_value), 3.5, 3.5)
        painter.setPen(text)
        every = max(1, n // 6)
        for i in range(0, n, every):
            x = left + i * step if n > 1 else (left + right) / 2
            half = metrics.horizontalAdvance(self.points[i][0]) / 2 + 4
            painter.drawText(QRectF(x - half, bottom + 4, 2 * half, line), Qt.AlignHCenter,
                             self.points[i][0])
