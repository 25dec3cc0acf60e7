"""Table models for the Progress and Manage pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from trainer.store.reporting import MatrixLearner

# Roles as plain ints, looked up once: comparing with Qt's enum members on every data() call costs
# tens of microseconds each, which adds up to a visible pause on a large table.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_TEXT_ROLES = frozenset({_DISPLAY, Qt.ItemDataRole.AccessibleTextRole.value, _TOOLTIP})
_ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
_USER = Qt.ItemDataRole.UserRole.value
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_HORIZONTAL = Qt.Orientation.Horizontal


def _role(role) -> int:
    return role if isinstance(role, int) else role.value


class RowsModel(QAbstractTableModel):
    """A read-only table of rows given as lists of display values."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence] = (), parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[list] = [list(r) for r in rows]

    def set_rows(self, rows: Sequence[Sequence]) -> None:
        self.beginResetModel()
        self.rows = [list(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=_DISPLAY):
        role = _role(role)
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        value = self.rows[index.row()][index.column()]
        if role in _TEXT_ROLES:
            if value is None:
                return "–"
            return f"{value:.2f}" if isinstance(value, float) else str(value)
        if role == _ALIGN and isinstance(value, int | float):
            return _RIGHT
        return None

    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802 - Qt API
        if _role(role) != _DISPLAY:
            return None
        if orientation == _HORIZONTAL:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)


def cell_text(cell) -> str:
    if cell is None:
        return "Not started"
    date = (cell.first_passed_at or cell.last_finished_at)[:10]
    return f"{'Passed' if cell.passed else 'Not yet'} {cell.best_percent}% · {date}"


class MatrixModel(QAbstractTableModel):
    """Learners × modules. Rows arrive in order at once; the cells of a page of rows are read
    when the view first needs them (``fetchMore``), so opening the view stays quick with
    thousands of learners."""

    PAGE = 200
    FIXED = ("Learner", "Team", "Role")

    def __init__(self, modules: Sequence[tuple[str, str]],
                 fill: Callable[[list[MatrixLearner]], None], parent=None):
        super().__init__(parent)
        self.modules = list(modules)
        self.fill = fill
        self.learners: list[MatrixLearner] = []
        self.loaded = 0

    def set_learners(self, learners: list[MatrixLearner]) -> None:
        self.beginResetModel()
        self.learners = learners
        self.loaded = min(len(learners), self.PAGE)  # the first page comes with the reset
        self.fill(learners[:self.loaded])
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.FIXED) + len(self.modules)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self.loaded < len(self.learners)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or self.loaded >= len(self.learners):
            return
        end = min(len(self.learners), self.loaded + self.PAGE)
        self.fill(self.learners[self.loaded:end])
        self.beginInsertRows(QModelIndex(), self.loaded, end - 1)
        self.loaded = end
        self.endInsertRows()

    def data(self, index, role=_DISPLAY):
        role = _role(role)
        if not index.isValid() or index.row() >= self.loaded:
            return None
        learner = self.learners[index.row()]
        column = index.column()
        if role in _TEXT_ROLES:
            if column == 0:
                return learner.name
            if column == 1:
                return learner.team
            if column == 2:
                return learner.role
            module_id, title = self.modules[column - len(self.FIXED)]
            text = cell_text(learner.cells.get(module_id))
            return f"{title}: {text}" if role == _TOOLTIP else text
        if role == _USER and column >= len(self.FIXED):
            return learner.cells.get(self.modules[column - len(self.FIXED)][0])
        return None

    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802
        role = _role(role)
        if orientation != _HORIZONTAL:
            return str(section + 1) if role == _DISPLAY else None
        if section < len(self.FIXED):
            return self.FIXED[section] if role == _DISPLAY else None
        if 0 <= section - len(self.FIXED) < len(self.modules):
            title = self.modules[section - len(self.FIXED)][1]
            if role == _DISPLAY:
                short = title.split(":")[0]
                return short if len(short) <= 28 else short[:27] + "…"
            if role == _TOOLTIP:
                return title
        return None
