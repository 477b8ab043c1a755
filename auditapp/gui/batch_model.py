"""The batch list's model: one row per opened file, its verdict and counts; and the proxy that
filters it by verdict and by name or agency, and sorts it.

Both are read at every paint, sort and filter of a list that can hold thousands of reports, so
each row's texts and sort keys are computed once, when its result arrives (or the reviews
change), and kept in plain Python lists: the proxy's filterAcceptsRow and lessThan read those
lists directly instead of going through data().
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from ..api import AuditResult
from ..inputs import display_name, same_file_key, shown
from ..review import Review
from ..verdict import ORDER, Verdict, count, verdict, verdict_name

Index = QModelIndex | QPersistentModelIndex

VERDICT_ROLE = Qt.ItemDataRole.UserRole + 20  # int: the verdict's place in ORDER; cancelled, then pending, last
PATH_ROLE = Qt.ItemDataRole.UserRole + 21  # str: the file's path as opened
SORT_ROLE = Qt.ItemDataRole.UserRole + 22  # the column's sort key (ints for the numbers)

VERDICT, NAME, AGENCY, YEAR, FORMAT, ERRORS, WARNINGS = range(7)
COLUMNS = 7

CANCELLED_RANK = len(ORDER)
PENDING_RANK = len(ORDER) + 1

# Light backgrounds, as the workbook and the findings list colour errors and warnings.
BACKGROUNDS = {
    Verdict.ERRORS: "#F8CBAD",
    Verdict.FAILED: "#D9D9D9",
    Verdict.PARTIAL: "#FFE699",
    Verdict.WARNINGS: "#FFE699",
    Verdict.OK: "#C6EFCE",
}
# The icons' stronger colours: the verdict at a glance even in a selected (highlighted) row.
_MARKS = {
    Verdict.ERRORS: "#C00000",
    Verdict.FAILED: "#7F7F7F",
    Verdict.PARTIAL: "#BF8F00",
    Verdict.WARNINGS: "#FFC000",
    Verdict.OK: "#548235",
}


def _icon(colour: str, hollow: bool) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour))
    painter.setBrush(Qt.BrushStyle.NoBrush if hollow else QColor(colour))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


@dataclass(slots=True)
class _Row:
    path: str
    key: str  # same_file_key
    name: str  # display_name
    result: AuditResult | None = None
    cancelled: bool = False
    verdict: Verdict | None = None
    errors: int = 0
    warnings: int = 0
    agency: str = ""
    year: int | None = None
    format: str = ""
    haystack: str = ""  # what the search text is looked for in, case-folded
    keys: tuple = field(default_factory=tuple)  # a sort key per column
    tooltip: str = ""


class BatchModel(QAbstractTableModel):
    """The files opened, in opening order: verdict, name, agency, year, format, errors, warnings.

    `reviews` is the window's (path, finding key) → Review mapping, read again by `refresh`;
    `lang` ("zh" | "en") the language of the verdicts' names; `roots` the folders opened, that
    the files' names are shown relative to.
    """

    totals_changed = Signal()

    def __init__(
        self, reviews: Mapping[tuple[str, str], Review] | None = None, lang: str = "zh", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.reviews = reviews
        self.lang = "en" if lang.lower().startswith("en") else "zh"
        self.roots: list[str] = []
        self._rows: list[_Row] = []
        self._index: dict[str, int] = {}  # same_file_key → row
        self._totals: Counter[Verdict] = Counter()
        self._pending = 0
        self._cancelled = 0
        self._names_for: tuple[str, ...] = ()  # the roots the rows' names were made for
        self._headers = [
            self.tr("Verdict"),
            self.tr("File"),
            self.tr("Agency"),
            self.tr("Year"),
            self.tr("Format"),
            self.tr("Errors"),
            self.tr("Warnings"),
        ]
        self.auditing_text = self.tr("Auditing…")  # a pending row's verdict
        self.cancelled_text = self.tr("Cancelled")
        self._verdict_names = {v: verdict_name(v, self.lang) for v in ORDER}
        self._brushes = {v: QBrush(QColor(c)) for v, c in BACKGROUNDS.items()}
        self._icons = {v: _icon(c, v is Verdict.FAILED) for v, c in _MARKS.items()}
        self._pending_icon = _icon("#A0A0A0", True)

    # ---- the window's API ---------------------------------------------------------------------

    def add(self, paths: Sequence[str]) -> list[int]:
        """Append a pending row for each path not listed yet (one file under another spelling
        counts as listed); the rows of the new ones."""
        self._rename_if_roots_changed()
        new: list[_Row] = []
        seen: set[str] = set()  # within these paths
        for path in paths:
            key = same_file_key(path)
            if key in self._index or key in seen:
                continue
            seen.add(key)
            row = _Row(path, key, shown(display_name(path, self.roots)))
            self._describe(row)
            new.append(row)
        if not new:
            return []
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        for k, row in enumerate(new, first):
            self._index[row.key] = k
        self._pending += len(new)
        self.endInsertRows()
        self.totals_changed.emit()
        return list(range(first, first + len(new)))

    def paths(self) -> list[str]:
        """Every report open, as opened."""
        return [row.path for row in self._rows]

    def row_of(self, path: str) -> int | None:
        return self._index.get(same_file_key(path))

    def set_results(self, items: Iterable[tuple[int, AuditResult]]) -> None:
        """Fill rows with their results (a cancelled row's late result still shows): one
        dataChanged over the rows' span, whatever their number."""
        rows = []
        for position, result in items:
            row = self._rows[position]
            self._forget(row)
            row.result, row.cancelled = result, False
            self._describe(row)
            self._count(row)
            rows.append(position)
        self._changed(rows)

    def set_cancelled(self, rows: Iterable[int]) -> None:
        """Mark rows still waiting for their result as cancelled (rows with a result keep it)."""
        changed = []
        for position in rows:
            row = self._rows[position]
            if row.result is None and not row.cancelled:
                self._forget(row)
                row.cancelled = True
                self._describe(row)
                self._count(row)
                changed.append(position)
        self._changed(changed)

    def refresh(self, rows: Iterable[int] | None = None) -> None:
        """Decide the verdicts again (after reviews changed: a dismissed error no longer counts)."""
        positions = range(len(self._rows)) if rows is None else rows
        changed = []
        for position in positions:
            row = self._rows[position]
            if row.result is not None:
                self._forget(row)
                self._describe(row)
                self._count(row)
                changed.append(position)
        self._changed(changed)

    def remove(self, rows: Sequence[int]) -> None:
        """Take rows out of the list, the last first, one contiguous run at a time."""
        doomed = sorted({r for r in rows if 0 <= r < len(self._rows)}, reverse=True)
        if not doomed:
            return
        runs: list[list[int]] = []  # [last, first] of each run, descending
        for r in doomed:
            if runs and r == runs[-1][1] - 1:
                runs[-1][1] = r
            else:
                runs.append([r, r])
        for last, first in runs:
            self.beginRemoveRows(QModelIndex(), first, last)
            for row in self._rows[first : last + 1]:
                self._forget(row)
            del self._rows[first : last + 1]
            self.endRemoveRows()
        self._index = {row.key: k for k, row in enumerate(self._rows)}
        self.totals_changed.emit()

    def result(self, row: int) -> AuditResult | None:
        return self._rows[row].result

    def path(self, row: int) -> str:
        return self._rows[row].path

    def name(self, row: int) -> str:
        return self._rows[row].name

    def verdict(self, row: int) -> Verdict | None:
        """None while the file waits for its result, or was cancelled."""
        return self._rows[row].verdict

    def totals(self) -> Counter[Verdict]:
        """The verdicts of the rows with a result (a copy)."""
        return +self._totals  # drops the kinds counted down to zero

    def pending(self) -> int:
        return self._pending

    def cancelled(self) -> int:
        return self._cancelled

    # ---- keeping the rows' texts, keys and the totals ----------------------------------------

    def _forget(self, row: _Row) -> None:
        """Count a row out of the totals, before it changes or goes."""
        if row.verdict is not None:
            self._totals[row.verdict] -= 1
        elif row.cancelled:
            self._cancelled -= 1
        else:
            self._pending -= 1

    def _count(self, row: _Row) -> None:
        if row.verdict is not None:
            self._totals[row.verdict] += 1
        elif row.cancelled:
            self._cancelled += 1
        else:
            self._pending += 1

    def _describe(self, row: _Row) -> None:
        """The row's verdict, numbers, texts and sort keys, from its result and the reviews."""
        result = row.result
        lines = [row.path]
        if result is None:
            row.verdict, row.errors, row.warnings = None, 0, 0
            lines.append(self.cancelled_text if row.cancelled else self.auditing_text)
        else:
            counts = count(result, self.reviews)
            row.verdict = verdict(result, self.reviews)
            row.errors, row.warnings = counts.errors, counts.warnings
            meta = result.report.meta if result.report is not None else None
            row.agency = shown(meta.agency or "") if meta else ""
            row.year = meta.year if meta else None
            row.format = result.source.format if result.source is not None else ""
            if result.error:
                lines.append(result.error)
            if result.source is not None:
                lines.extend(result.source.notes)
        row.tooltip = "\n".join(map(shown, lines))  # one line each, whatever a name or a sheet holds
        self._rekey(row)

    @staticmethod
    def _rekey(row: _Row) -> None:
        """What the proxy filters and sorts the row by."""
        if row.verdict is not None:
            rank = ORDER.index(row.verdict)
        else:
            rank = CANCELLED_RANK if row.cancelled else PENDING_RANK
        name = row.name.casefold()
        row.haystack = f"{name}\n{row.agency.casefold()}"
        numbers = row.verdict is not None and row.verdict is not Verdict.FAILED
        errors, warnings = (row.errors, row.warnings) if numbers else (-1, -1)
        row.keys = (
            (rank, -row.errors, -row.warnings, name),
            name,
            (row.agency.casefold(), name),
            (row.year or 0, name),
            (row.format, name),
            (errors, name),
            (warnings, name),
        )

    def _changed(self, rows: list[int]) -> None:
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), COLUMNS - 1))
            self.totals_changed.emit()

    def _rename_if_roots_changed(self) -> None:
        """Folders opened since: the rows already listed may now be shown inside one of them."""
        roots = tuple(self.roots)
        if roots == self._names_for:
            return
        self._names_for = roots
        for row in self._rows:
            row.name = shown(display_name(row.path, roots))
            self._rekey(row)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMNS - 1))

    # ---- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._headers[section]
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            # The first click on a count or the year puts the most (the latest) first.
            descending = section in (ERRORS, WARNINGS, YEAR)
            return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip if column == NAME else None
        if column == VERDICT and row.verdict is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return self._brushes[row.verdict]
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icons[row.verdict]
        if role == Qt.ItemDataRole.DecorationRole and column == VERDICT:
            return self._pending_icon
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (YEAR, ERRORS, WARNINGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == VERDICT_ROLE:
            return row.keys[VERDICT][0]
        if role == PATH_ROLE:
            return row.path
        if role == SORT_ROLE:
            key = row.keys[column]
            return key if column == NAME else key[0]
        return None

    def _display(self, row: _Row, column: int):
        if column == NAME:
            return row.name
        if row.verdict is None:
            if column == VERDICT:
                return self.cancelled_text if row.cancelled else self.auditing_text
            return None
        if column == VERDICT:
            return self._verdict_names[row.verdict]
        if column == AGENCY:
            return row.agency
        if column == YEAR:
            return row.year
        if column == FORMAT:
            return row.format
        if row.verdict is Verdict.FAILED:  # nothing was checked: no counts, not even 0
            return None
        return row.errors if column == ERRORS else row.warnings

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class BatchProxy(QSortFilterProxyModel):
    """The list as shown: the verdicts chosen (none chosen: all), the search text in the name or
    the agency (case-insensitive); sorted by verdict, by the numbers, else by name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._verdicts: frozenset[Verdict] = frozenset()
        self._needle = ""
        self._rows: list[_Row] = []
        self._column = 0  # the column sorted by

    def setSourceModel(self, model: BatchModel) -> None:  # type: ignore[override]
        assert isinstance(model, BatchModel)
        # The model replaces neither its list nor its rows' objects, only their fields: read directly.
        self._rows = model._rows
        super().setSourceModel(model)

    def verdicts(self) -> frozenset[Verdict]:
        return self._verdicts

    def search(self) -> str:
        return self._needle

    def set_verdicts(self, verdicts: Iterable[Verdict]) -> None:
        chosen = frozenset(verdicts)
        if chosen != self._verdicts:
            self.beginFilterChange()
            self._verdicts = chosen
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row = self._rows[source_row]
        if self._verdicts and row.verdict not in self._verdicts:
            return False
        return not self._needle or self._needle in row.haystack

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column = column
        super().sort(column, order)

    def lessThan(self, left: Index, right: Index) -> bool:
        # Called n log n times a sort, each call a trip from C++ into Python: the fewer calls
        # back into Qt (left.column() was one) the better. The column is the one sorted by.
        column, rows = self._column, self._rows
        return rows[left.row()].keys[column] < rows[right.row()].keys[column]
