"""Qt models over the core's results: a report's table, and its findings."""

from __future__ import annotations

import os

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..api import AuditResult
from ..parse.values import Kind
from ..review import REVIEW_ZH, Review, finding_key
from ..rules import RULE_BY_ID, Finding, Severity
from ..rules.catalogue import SEVERITY_ZH
from ..rules.findings import evidence_line, fmt_number
from ..template import Table

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the template cell id behind a table item
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2  # the Finding behind a findings row

_ERROR = QColor("#F8CBAD")
_WARNING = QColor("#FFE699")
_SUSPECT = QColor("#FF7C80")
_PLACEHOLDER = QColor("#808080")
_LABEL = QColor("#EEF4FB")

Index = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """One table of one report: the template's rows and columns, the report's cells in them."""

    def __init__(self, result: AuditResult, table: Table, parent=None) -> None:
        super().__init__(parent)
        assert result.report is not None
        self.report = result.report
        self.table = table
        self.columns = [c for c in table.columns if any(c.id in r.columns for r in table.rows)]
        self.flagged: dict[str, list[Finding]] = {}
        self.suspects: set[str] = set()
        for f in result.findings:
            if f.severity is Severity.INFO:
                continue
            for cid in f.cells:
                self.flagged.setdefault(cid, []).append(f)
            if f.suspect:
                self.suspects.add(f.suspect)

    # Two label columns down the side, as the template prints them: the group (`(三)不予公开`,
    # merged over its rows) and the row (`1.属于国家秘密`); a row without a group spans both.
    LABELS = 2

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.LABELS + len(self.columns)

    def cell_id(self, row: int, column: int) -> str | None:
        if column < self.LABELS:
            return None
        r, c = self.table.rows[row], self.columns[column - self.LABELS]
        return f"{self.table.id}.{r.id}.{c.id}" if c.id in r.columns else None

    def index_of(self, cell_id: str) -> QModelIndex:
        _, rid, cid = cell_id.split(".")
        for row, r in enumerate(self.table.rows):
            if r.id == rid:
                for column, c in enumerate(self.columns):
                    if c.id == cid:
                        return self.index(row, self.LABELS + column)
        return QModelIndex()

    def _group(self, row: int):
        gid = self.table.rows[row].group
        return next((g for g in self.table.groups if g.id == gid), None)

    def _label(self, row: int, column: int) -> str:
        r, group = self.table.rows[row], self._group(row)
        if group is None:
            return self.table.row_label(r.id) if column == 0 else ""
        if column == 0:
            return f"({group.number}){group.label}" if group.number and group.id != "results" else group.label
        if r.number is None:
            return r.label
        return f"{r.number}.{r.label}" if r.number.isdigit() else f"({r.number}){r.label}"

    def spans(self) -> list[tuple[int, int, int, int]]:
        """(row, column, rows, columns) of merged label cells, for QTableView.setSpan."""
        out = []
        row = 0
        rows = self.table.rows
        while row < len(rows):
            if rows[row].group is None:
                out.append((row, 0, 1, self.LABELS))
                row += 1
                continue
            end = row
            while end + 1 < len(rows) and rows[end + 1].group == rows[row].group:
                end += 1
            if end > row:
                out.append((row, 0, end - row + 1, 1))
            row = end + 1
        return out

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.cell_id(index.row(), index.column()) is None:
            return Qt.ItemFlag.NoItemFlags if not index.isValid() else Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.column() < self.LABELS:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._label(index.row(), index.column())
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_LABEL)
            return None
        cid = self.cell_id(index.row(), index.column())
        if cid is None:
            return None
        cell = self.report.cells.get(cid)
        if role == CELL_ID_ROLE:
            return cid
        if role == Qt.ItemDataRole.DisplayRole:
            if cell is None:
                return "（缺）"
            return fmt_number(cell.number) if cell.kind is Kind.NUMBER else (cell.raw or "（空）")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            found = self.flagged.get(cid)
            if cid in self.suspects:
                return QBrush(_SUSPECT)
            if found:
                errors = any(f.severity is Severity.ERROR for f in found)
                return QBrush(_ERROR if errors else _WARNING)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and (cell is None or cell.kind is not Kind.NUMBER):
            return QBrush(_PLACEHOLDER)
        if role == Qt.ItemDataRole.FontRole and cid in self.suspects:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.report.template.cell_words(cid)]
            if cell is not None:
                lines.append(f"原文第 {cell.span.line} 行：“{cell.raw}”")
            for f in self.flagged.get(cid, []):
                lines.append(f"[{SEVERITY_ZH[f.severity]}] {RULE_BY_ID[f.rule].title_zh}：{f.message()}")
            return "\n".join(lines)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section < self.LABELS:
                return "" if section >= 0 else None
            if section - self.LABELS >= len(self.columns):
                return None
            col = self.columns[section - self.LABELS]
            return f"{col.parent}\n{col.label}" if col.parent else col.label  # the merged header above it
        return str(section + 1) if 0 <= section < len(self.table.rows) else None


class FindingsModel(QAbstractTableModel):
    """A report's findings: severity, rule, message, where, and the inspector's review."""

    HEAD = ("级别", "规则", "说明", "位置", "复核", "复核意见")

    def __init__(self, result: AuditResult | None = None, reviews: dict | None = None, parent=None) -> None:
        super().__init__(parent)
        self.result = result
        self.reviews = reviews if reviews is not None else {}
        self.findings: list[Finding] = list(result.findings) if result else []

    def review_key(self, f: Finding) -> tuple[str, str]:
        assert self.result is not None
        return (os.path.abspath(self.result.path), finding_key(f))

    def review(self, f: Finding) -> Review:
        return self.reviews.get(self.review_key(f), Review()) if self.result else Review()

    def set_review(self, row: int, review: Review) -> None:
        self.reviews[self.review_key(self.findings[row])] = review
        self.dataChanged.emit(self.index(row, 4), self.index(row, 5))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEAD)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.findings[index.row()]
        if role == FINDING_ROLE:
            return f
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return SEVERITY_ZH[f.severity]
            if column == 1:
                return RULE_BY_ID[f.rule].title_zh
            if column == 2:
                return f.message()
            if column == 3:
                line = evidence_line(f, self.result.report if self.result else None)
                return f"第 {line} 行" if line else ""
            review = self.review(f)
            return REVIEW_ZH[review.state] if column == 4 else review.comment
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 0:
            return {Severity.ERROR: QBrush(_ERROR), Severity.WARNING: QBrush(_WARNING)}.get(f.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f.message()
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEAD[section] if 0 <= section < len(self.HEAD) else None
        return None
