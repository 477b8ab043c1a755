"""The batch's figures (auditapp.figures.FigureTable) as a Qt table model, and the proxy that sorts it.

Thousands of rows by two hundred columns: each column is kept as a plain list taken once from
the DataFrame (no pandas call at paint time), and the proxy sorts by per-column keys read
directly, a blank always last whichever way the column is sorted (a blank is no figure, it is
neither the least nor the most).
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

if TYPE_CHECKING:
    from ..figures import FigureTable

Index = QModelIndex | QPersistentModelIndex
PATH_ROLE = Qt.ItemDataRole.UserRole + 40  # str: the report's path
CELL_ROLE = Qt.ItemDataRole.UserRole + 41  # str: the column's cell id, "" for the others
_MARKS = ("#F8CBAD", "#FFE699", "#DDEBF7")  # a cell's worst finding: error, warning, info (as the workbook)
_TEXT = ("file", "agency", "template", "verdict")


class FiguresModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: FigureTable | None = None
        self.columns: list[str] = []
        self._headers: list[str] = []
        self._tips: list[str] = []
        self._values: list[list] = []  # per column
        self.keys: list[list] = []  # per column: the sort keys, None for a blank
        self._rates: set[int] = set()
        self._marks: list[dict[int, int]] = []  # per row: column → rank of its worst finding
        self._brushes = [QBrush(QColor(c)) for c in _MARKS]

    def set_table(self, table: FigureTable | None) -> None:
        from ..figures import RATES

        self.beginResetModel()
        self.table = table
        if table is None:
            self.columns, self._headers, self._tips, self._values, self.keys, self._marks = [], [], [], [], [], []
        else:
            frame = table.frame
            self.columns = list(frame.columns)
            labels = [table.label(c) for c in self.columns]
            self._tips = labels
            self._headers = [_wrapped(label) for label in labels]
            self._rates = {k for k, c in enumerate(self.columns) if c in RATES}
            self._values = [frame[c].to_numpy(dtype=object, na_value=None).tolist() for c in self.columns]
            self.keys = [
                [v.casefold() if isinstance(v, str) else v for v in values] if c in _TEXT else values
                for c, values in zip(self.columns, self._values, strict=True)
            ]
            where = {c: k for k, c in enumerate(self.columns)}
            self._marks = [{where[c]: rank for c, rank in marks.items() if c in where} for marks in table.marks]
        self.endResetModel()

    def path(self, row: int) -> str:
        assert self.table is not None
        return self.table.paths[row]

    def cell_id(self, column: int) -> str:
        c = self.columns[column]
        return c if c.count(".") == 2 else ""

    # ---- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() or self.table is None else len(self.table.paths)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:  # the file's name: in sight however far right one scrolls
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and 0 <= section < self.rowCount():
                return self._values[0][section] if role == Qt.ItemDataRole.DisplayRole else self.path(section)
            return None
        if not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(self._values[column][row], column in self._rates)
        if role == Qt.ItemDataRole.BackgroundRole:
            rank = self._marks[row].get(column)
            return None if rank is None else self._brushes[rank]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[column] not in _TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._tips[column]}\n{self.path(row)}"
        if role == PATH_ROLE:
            return self.path(row)
        if role == CELL_ROLE:
            return self.cell_id(column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _wrapped(label: str, width: int = 6) -> str:
    """A header in short lines: at each ·, and every `width` characters within a part."""
    lines = []
    for part in label.split("·"):
        if part.isascii():  # English words are not cut
            lines += textwrap.wrap(part, 2 * width) or [""]
        else:
            lines += [part[k : k + width] for k in range(0, len(part), width)] or [""]
    return "\n".join(lines)


def _shown(value, rate: bool) -> str | None:
    if value is None:
        return None
    if rate:
        return f"{100 * value:.1f}%"
    if isinstance(value, float):
        return f"{value:g}" if not math.isnan(value) else None
    return str(value)


class FiguresProxy(QSortFilterProxyModel):
    """Sorts by the model's keys, read directly; blanks last in either order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._column = 0

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column = column
        super().sort(column, order)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, FiguresModel)
        keys = model.keys[self._column]
        a, b = keys[left.row()], keys[right.row()]
        if a is None or b is None:
            if a is None and b is None:
                return False
            # ascending: a figure before a blank; descending puts the "greater" first, so say the blank is less
            return (b is None) if self.sortOrder() == Qt.SortOrder.AscendingOrder else (a is None)
        return a < b
