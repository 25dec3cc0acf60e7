"""Table models for the Progress and Manage pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from trainer.store.reporting import MatrixLearner


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

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole, Qt.ToolTipRole):
            if value is None:
                return "–"
            return f"{value:.2f}" if isinstance(value, float) else str(value)
        if role == Qt.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(
                self.headers):
            return self.headers[section]
        if role == Qt.DisplayRole and orientation == Qt.Vertical:
            return str(section + 1)
        return None


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

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= self.loaded:
            return None
        learner = self.learners[index.row()]
        column = index.column()
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole, Qt.ToolTipRole):
            if column == 0:
                return learner.name
            if column == 1:
                return learner.team
            if column == 2:
                return learner.role
            module_id, title = self.modules[column - len(self.FIXED)]
            text = cell_text(learner.cells.get(module_id))
            return f"{title}: {text}" if role == Qt.ToolTipRole else text
        if role == Qt.UserRole and column >= len(self.FIXED):
            return learner.cells.get(self.modules[column - len(self.FIXED)][0])
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal:
            return str(section + 1) if role == Qt.DisplayRole else None
        if section < len(self.FIXED):
            return self.FIXED[section] if role == Qt.DisplayRole else None
        if 0 <= section - len(self.FIXED) < len(self.modules):
            title = self.modules[section - len(self.FIXED)][1]
            if role == Qt.DisplayRole:
                short = title.split(":")[0]
                return short if len(short) <= 28 else short[:27] + "…"
            if role == Qt.ToolTipRole:
                return title
        return None
