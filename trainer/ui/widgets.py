"""Small building blocks that give every control a name, an accessible name and a style role."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from trainer.ui.theme import SPACE


def button(text: str, name: str, *, role: str | None = None, accessible: str | None = None,
           description: str = "", parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setObjectName(name)
    widget.setAccessibleName(accessible or text.replace("&", ""))
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    if role:
        widget.setProperty("role", role)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setAutoDefault(False)
    return widget


def label(text: str = "", *, role: str | None = None, name: str | None = None,
          wrap: bool = True, selectable: bool = False) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                       | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return widget


AREA_SHORT = {
    "children who need help and protection": "Help and protection",
    "children looked after and achieving permanence": "Looked after",
    "adoption performance": "Adoption",
    "experiences and progress of care leavers": "Care leavers",
    "leadership, management and governance": "Leadership",
    "the lscb": "LSCB",
    "the local safeguarding children board": "LSCB",
    "the local safeguarding children board (lscb)": "LSCB",
}


def short_area(area: str) -> str:
    return AREA_SHORT.get(area.strip().casefold(), area.strip())


def grade_badge(grade: str, name: str, area: str = "") -> QLabel:
    """The report's judgement as text in a badge: colour is never the only signal."""
    text = f"{short_area(area)}: {grade}" if area else grade
    badge = label(text, role="badge", name=name, wrap=False)
    badge.setProperty("grade", grade)
    badge.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Maximum)
    badge.setAccessibleName(f"Ofsted judgement for {area or 'this area'}: {grade}")
    badge.setToolTip(area)
    return badge


class Card(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("role", "card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(SPACE["l"], SPACE["l"], SPACE["l"], SPACE["l"])
        self.body.setSpacing(SPACE["s"])


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps them onto new lines, like words in a paragraph."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line_height > 0:
                x = rect.x()
                y += line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()
