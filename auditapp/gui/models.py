"""Qt models over the core's results: a report's table, and its findings."""

from __future__ import annotations

import os

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ..api import AuditResult
from ..corrections import Correction
from ..parse.values import Kind
from ..review import Review, finding_key
from ..rules import RULE_BY_ID, Finding, Severity
from ..rules.findings import evidence_line, evidence_origin, fmt_number
from ..template import Table
from .grouped_header import HEADER_GROUP_ROLE
from .i18n import review_name, severity_name

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the template cell id behind a table item
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2  # the Finding behind a findings row
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3  # a findings row's severity, "error" | "warning" | "info"

_ERROR = QColor("#F8CBAD")
_WARNING = QColor("#FFE699")
_SUSPECT = QColor("#FF7C80")
_PLACEHOLDER = QColor("#808080")
_LABEL = QColor("#EEF4FB")
CORRECTED = QColor("#BDD7EE")  # a cell the inspector corrected

Index = QModelIndex | QPersistentModelIndex


def rule_title(rule: str, lang: str) -> str:
    r = RULE_BY_ID[rule]
    return r.title_en if lang == "en" else r.title_zh


class ReportTableModel(QAbstractTableModel):
    """One table of one report: the template's rows and columns, the report's cells in them.

    The labels are the report's own (Chinese) wording in either language; `lang` ("zh" | "en")
    is the language of the findings' messages in the tooltips. A value cell can be edited (F2 or
    a double click): the model does not change it, it asks for a correction by `edit_requested`,
    and the window shows the report audited again. `corrections` are shown as corrected cells.
    """

    edit_requested = Signal(str, str)  # (cell id, the text the inspector typed)

    def __init__(
        self,
        result: AuditResult,
        table: Table,
        parent=None,
        lang: str = "zh",
        corrections: dict[str, Correction] | None = None,
    ) -> None:
        super().__init__(parent)
        assert result.report is not None
        self.lang = lang
        self.corrections = corrections or {}
        self.report = result.report
        self.table = table
        self.columns = [c for c in table.columns if any(c.id in r.columns for r in table.rows)]
        # every paint asks for each cell's id several times: worked out once
        self._ids = [
            [f"{table.id}.{r.id}.{c.id}" if c.id in r.columns else None for c in self.columns] for r in table.rows
        ]
        self._where = {
            cid: (row, self.LABELS + column)
            for row, ids in enumerate(self._ids)
            for column, cid in enumerate(ids)
            if cid is not None
        }
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
        if column < self.LABELS or not 0 <= row < len(self._ids):
            return None
        return self._ids[row][column - self.LABELS]

    def index_of(self, cell_id: str) -> QModelIndex:
        where = self._where.get(cell_id)
        return self.index(*where) if where is not None else QModelIndex()

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
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cid = self.cell_id(index.row(), index.column()) if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or cid is None:
            return False
        self.edit_requested.emit(cid, str(value))
        return False  # the value shown changes when the report is audited again

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
        if role == Qt.ItemDataRole.EditRole:
            return fmt_number(cell.number) if cell is not None and cell.number is not None else ""
        if role == Qt.ItemDataRole.DisplayRole:
            if cell is None:
                return self.tr("(missing)")
            return fmt_number(cell.number) if cell.kind is Kind.NUMBER else (cell.raw or self.tr("(empty)"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            found = self.flagged.get(cid)
            if cid in self.suspects:
                return QBrush(_SUSPECT)
            if cid in self.corrections:
                return QBrush(CORRECTED)
            if found:
                errors = any(f.severity is Severity.ERROR for f in found)
                return QBrush(_ERROR if errors else _WARNING)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and (cell is None or cell.kind is not Kind.NUMBER):
            return QBrush(_PLACEHOLDER)
        if role == Qt.ItemDataRole.FontRole and (cid in self.suspects or cid in self.corrections):
            font = QFont()
            font.setBold(cid in self.suspects)
            font.setItalic(cid in self.corrections)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.report.template.cell_words(cid, self.lang)]
            if cell is not None:
                origin = self.report.source.origin(cell.span) if self.report.source.anchors else None
                if origin is not None:  # a PDF's page, a workbook's sheet and cell
                    lines.append(
                        self.tr("Source line {line} ({where}): “{text}”").format(
                            line=cell.span.line, where=origin.describe(self.lang), text=cell.raw
                        )
                    )
                else:
                    lines.append(self.tr("Source line {line}: “{text}”").format(line=cell.span.line, text=cell.raw))
            if (fix := self.corrections.get(cid)) is not None:
                lines.append(self.correction_words(fix))
            for f in self.flagged.get(cid, []):
                lines.append(
                    self.tr("[{severity}] {rule}: {message}").format(
                        severity=severity_name(f.severity),
                        rule=rule_title(f.rule, self.lang),
                        message=f.message(self.lang),
                    )
                )
            return "\n".join(lines)
        return None

    def correction_words(self, fix: Correction) -> str:
        new = fmt_number(fix.value) if fix.value is not None else self.tr("(blank)")
        if fix.original is None:
            text = self.tr("Corrected by the inspector: not read, entered as {new}").format(new=new)
        else:
            text = self.tr("Corrected by the inspector: read “{old}” on line {line}, now {new}").format(
                old=fix.original, line=fix.line, new=new
            )
        return f"{text} ({fix.reason})" if fix.reason else text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, HEADER_GROUP_ROLE):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section < self.LABELS:
                return ("" if role == Qt.ItemDataRole.DisplayRole else None) if section >= 0 else None
            if section - self.LABELS >= len(self.columns):
                return None
            col = self.columns[section - self.LABELS]
            if role == HEADER_GROUP_ROLE:  # merged over its columns by GroupedHeader
                return col.parent or None
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{col.parent} · {col.label}" if col.parent else col.label
            return col.label
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(section + 1) if 0 <= section < len(self.table.rows) else None


class FindingsModel(QAbstractTableModel):
    """A report's findings: severity, rule, message, where, and the inspector's review.

    `lang` ("zh" | "en") is the language of the rule titles and messages, the window's.
    """

    COLUMNS = 6  # severity, rule, message, location, review, review comment

    def __init__(
        self, result: AuditResult | None = None, reviews: dict | None = None, parent=None, lang: str = "zh"
    ) -> None:
        super().__init__(parent)
        self.lang = lang
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
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.findings[index.row()]
        if role == FINDING_ROLE:
            return f
        if role == SEVERITY_ROLE:
            return f.severity.value
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return severity_name(f.severity)
            if column == 1:
                return rule_title(f.rule, self.lang)
            if column == 2:
                return f.message(self.lang)
            if column == 3:
                report = self.result.report if self.result else None
                line = evidence_line(f, report)
                if not line:
                    return ""
                origin = evidence_origin(f, report)
                if origin is not None:
                    return self.tr("Line {line} ({where})").format(line=line, where=origin.describe(self.lang))
                return self.tr("Line {line}").format(line=line)
            review = self.review(f)
            return review_name(review.state) if column == 4 else review.comment
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 0:
            return {Severity.ERROR: QBrush(_ERROR), Severity.WARNING: QBrush(_WARNING)}.get(f.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f.message(self.lang)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            head = (
                self.tr("Severity"),
                self.tr("Rule"),
                self.tr("Message"),
                self.tr("Location"),
                self.tr("Review"),
                self.tr("Review Comment"),
            )
            return head[section] if 0 <= section < len(head) else None
        return None
