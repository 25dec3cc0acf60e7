"""Answer editors for ordering and matching questions, usable with the keyboard alone.

Ordering: select a step (number keys or arrows), then move it with Alt+Up/Alt+Down, or press Space
to pick it up, move it with the arrows and press Space again to put it down; the Move up/Move down
buttons do the same, and drag and drop works as an extra. Matching: each item has a list of
right-hand choices; number keys go to an item, arrows change its choice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.quiz.model import Option
from trainer.quiz.scoring import matching_pair
from trainer.ui.widgets import button, label

PLACEHOLDER = "Choose a match…"


def _passes_up(event: QKeyEvent) -> bool:
    """Number keys and Enter belong to the quiz page (choose, submit), not to the list or box."""
    return (Qt.Key_1 <= event.key() <= Qt.Key_9 and not event.modifiers() & Qt.AltModifier) or \
        event.key() in (Qt.Key_Return, Qt.Key_Enter)


class OrderList(QListWidget):
    moved = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("orderingList")
        self.setAccessibleName("Steps, in your order")
        self.setAccessibleDescription("Alt+Up or Alt+Down moves the selected step. Or press Space "
                                      "to pick it up, move it with the arrows, Space to put down.")
        self.setDragDropMode(QAbstractItemView.InternalMove)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.grabbed = False
        self.model().rowsMoved.connect(lambda *args: self.moved.emit())

    def move_current(self, delta: int) -> bool:
        row = self.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.count():
            return False
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        self.moved.emit()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if _passes_up(event) or not self.isEnabled():
            event.ignore()
            return
        key = event.key()
        if key == Qt.Key_Space:
            self.grabbed = not self.grabbed
            self.moved.emit()
            return
        if key in (Qt.Key_Up, Qt.Key_Down) and (self.grabbed or event.modifiers() & Qt.AltModifier):
            self.move_current(-1 if key == Qt.Key_Up else 1)
            return
        if key == Qt.Key_Escape and self.grabbed:
            self.grabbed = False
            self.moved.emit()
            return
        super().keyPressEvent(event)


class OrderingEditor(QWidget):
    changed = Signal()

    def __init__(self, options: list[Option], parent=None):
        super().__init__(parent)
        self.setObjectName("orderingEditor")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = OrderList()
        for option in options:
            item = QListWidgetItem(option.text)
            item.setData(Qt.UserRole, option.id)
            item.setData(Qt.UserRole + 1, option.text)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list, 1)
        side = QVBoxLayout()
        self.up = button("Move up", "moveUp", description="Move the selected step up (Alt+Up)")
        self.down = button("Move down", "moveDown",
                           description="Move the selected step down (Alt+Down)")
        self.state = label("", role="muted", name="orderingState")
        side.addWidget(self.up)
        side.addWidget(self.down)
        side.addWidget(self.state)
        side.addStretch(1)
        layout.addLayout(side)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.list.moved.connect(self._refresh)
        self.list.currentRowChanged.connect(lambda _row: self._refresh())
        self._refresh()
        self.list.setStyleSheet("QListWidget#orderingList::item { padding: 6px; }")
        rows = sum(max(self.list.sizeHintForRow(r), 20) + 16 for r in range(self.list.count()))
        self.list.setFixedHeight(min(rows + 2 * self.list.frameWidth() + 16, 480))

    def _move(self, delta: int) -> None:
        self.list.move_current(delta)
        self.list.setFocus()

    def _refresh(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(f"{row + 1}. {item.data(Qt.UserRole + 1)}")
        row = self.list.currentRow()
        if self.list.grabbed and row >= 0:
            self.state.setText(f"Moving step {row + 1}: arrows move it, Space puts it down.")
        else:
            self.state.setText("")
        self.changed.emit()

    def answer(self) -> tuple[str, ...]:
        return tuple(self.list.item(r).data(Qt.UserRole) for r in range(self.list.count()))

    def select(self, number: int) -> None:
        if 1 <= number <= self.list.count():
            self.list.setCurrentRow(number - 1)
            self.list.setFocus()

    def focus_first(self) -> None:
        self.list.setFocus()

    def lock(self) -> None:
        self.list.grabbed = False
        self.list.setEnabled(False)
        self.up.setEnabled(False)
        self.down.setEnabled(False)
        self.state.setText("")


class MatchBox(QComboBox):
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if _passes_up(event):
            event.ignore()
            return
        super().keyPressEvent(event)


class MatchingEditor(QWidget):
    changed = Signal()

    def __init__(self, items: list[Option], choices: list[str], parent=None):
        super().__init__(parent)
        self.setObjectName("matchingEditor")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.items = items
        self.boxes: list[MatchBox] = []
        for row, item in enumerate(items):
            text = label(f"{row + 1}. {item.text}", name=f"matchItem-{row + 1}")
            box = MatchBox()
            box.setObjectName(f"match-{row + 1}")
            box.setAccessibleName(f"Match for item {row + 1}: {item.text}")
            box.addItem(PLACEHOLDER, "")
            for choice in choices:
                box.addItem(choice, choice)
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(24)
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
            text.setBuddy(box)
            grid.addWidget(text, row, 0)
            grid.addWidget(box, row, 1)
            self.boxes.append(box)

    def answer(self) -> tuple[str, ...]:
        """Pairs for the items matched; empty until every item has a match."""
        if any(not box.currentData() for box in self.boxes):
            return ()
        return tuple(matching_pair(item.id, box.currentData())
                     for item, box in zip(self.items, self.boxes, strict=True))

    def select(self, number: int) -> None:
        if 1 <= number <= len(self.boxes):
            self.boxes[number - 1].setFocus()

    def focus_first(self) -> None:
        if self.boxes:
            self.boxes[0].setFocus()

    def lock(self) -> None:
        for box in self.boxes:
            box.setEnabled(False)
