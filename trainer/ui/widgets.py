"""Small building blocks that give every control a name, an accessible name and a style role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

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
    widget.setCursor(Qt.PointingHandCursor)
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
    widget.setTextFormat(Qt.PlainText)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
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


def field_label(text: str, buddy: QWidget, name: str | None = None) -> QLabel:
    """A label tied to its field: Alt plus the underlined letter moves there, and screen readers
    read the label as the field's name."""
    widget = QLabel(text)
    widget.setBuddy(buddy)
    widget.setWordWrap(True)
    if name:
        widget.setObjectName(name)
    if not buddy.accessibleName():
        buddy.setAccessibleName(text.replace("&", ""))
    return widget


class EmptyState(QFrame):
    """What to do when there is nothing to show yet: a title and the next step, never a blank."""

    def __init__(self, name: str, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("role", "empty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], SPACE["xl"])
        layout.setSpacing(SPACE["s"])
        self.title = label(title, role="h3", name=f"{name}Title")
        self.text = label(text, role="muted", name=f"{name}Text")
        layout.addWidget(self.title)
        layout.addWidget(self.text)
