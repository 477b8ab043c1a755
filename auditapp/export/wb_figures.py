"""The 数据汇总 sheet: the batch's figures, one row per report (auditapp.figures), in the workbook.

A header row of the template's labels (frozen with the file and agency columns, filterable), one
row per report, the batch's sums in bold below, then a legend. A cell with a finding is filled
with its worst finding's colour (as the tables sheets mark them). The same writer serves the
whole workbook and the streamed one (openpyxl's write-only mode: each row goes to disk as it
is appended), so the rows are appended, never addressed; only the cells that need a style are
cell objects, the numbers go in plain. Text is always written as text (wb_layout.put_text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from . import wb_layout as L

if TYPE_CHECKING:
    from ..figures import FigureTable
    from .wb_context import ReportSheets

SHEET = {"zh": "数据汇总", "en": "Figures"}
_INFO = PatternFill("solid", fgColor="DDEBF7")
_MARK_FILL = (L.RED, L.AMBER, _INFO)  # by the worst finding's rank: error, warning, info
_LEGEND = {
    "zh": "标色的单元格有审核发现：红色为错误，黄色为警告，蓝色为提示。空白表示报告未填写或未找到该单元格，"
    "不等于 0。比例一行按全部报告的分子、分母之和计算。",
    "en": "Coloured cells have findings: red an error, yellow a warning, blue a hint. A blank means the report "
    "left the cell empty or it was not found; it is not 0. The rates of the totals row are the summed "
    "numerators over the summed denominators.",
}
_TITLE = {"zh": "数据汇总 — {n} 份报告", "en": "Figures — {n} reports"}
_PAGE = {"zh": "第 &P 页 共 &N 页", "en": "Page &P of &N"}
_TEXT = ("file", "agency", "template", "verdict")
_WIDTHS = {"file": 24, "agency": 16, "year": 6, "template": 6, "verdict": 8, "errors": 6, "warnings": 6, "info": 6}


def write_figures(ws, table: FigureTable, sheets: Sequence[ReportSheets] | None = None) -> None:
    """Fill `ws` (a new sheet, write-only or not) with the table, its sums and its legend.

    `sheets` (the whole workbook's, per report): the file name then links to the report's tables
    sheet, and a marked cell to the cell itself there, where its finding's note is."""
    import pandas as pd

    from ..figures import RATES

    frame, lang = table.frame, table.lang
    columns = list(frame.columns)
    sizes = [_WIDTHS.get(c, 8 if c.count(".") == 2 else 10) for c in columns]
    labels = [table.label(c) for c in columns]
    L.widths(ws, sizes)  # a write-only sheet writes its columns and view with its first row: set before
    tallest = max((L.lines_needed(t, w) for t, w in zip(labels, sizes, strict=True)), default=1)
    ws.row_dimensions[1].height = 15.0 * min(tallest, 8)  # Excel does not grow a row to its wrapped text
    ws.freeze_panes = "C2"
    title = _TITLE[lang].format(n=len(frame))
    L.print_setup(ws, "landscape", header=title, footer=_PAGE[lang], title_rows="1:1")
    ws.sheet_properties.pageSetUpPr.fitToPage = False  # 200 columns fitted to one page are unreadable
    ws.print_title_cols = "A:B"
    ws.append([_styled(ws, t, font=L.BOLD, fill=L.HEAD, alignment=L.MIDDLE) for t in labels])
    rate_at = {k for k, c in enumerate(columns) if c in RATES}
    text_at = {k for k, c in enumerate(columns) if c in _TEXT}
    position = {c: k for k, c in enumerate(columns)}
    data = [frame[c].to_numpy(dtype=object, na_value=None) for c in columns]
    for i, values in enumerate(zip(*data, strict=True)):
        row = list(values)
        for k in text_at:
            if row[k] is not None:
                row[k] = _styled(ws, row[k])
        for k in rate_at:
            if row[k] is not None:
                row[k] = _styled(ws, row[k], number_format="0.0%")
        links = []
        own = sheets[i] if sheets is not None and i < len(sheets) else None
        for cell_id, rank in table.marks[i].items():
            k = position.get(cell_id)
            if k is not None:
                row[k] = _styled(ws, row[k], fill=_MARK_FILL[rank])
                if own is not None and cell_id in own.cell_refs:
                    links.append((row[k], own.cell_refs[cell_id]))
        if own is not None and own.tables and row[0] is not None:
            links.append((row[0], "A1"))
        ws.append(row)
        for cell, ref in links:  # once appended: a link names the cell's own place (an ordinary sheet only)
            L.set_link(cell, own.tables, ref)
    totals = [None if v is None or v is pd.NA else v for v in table.totals().tolist()]
    ws.append(
        [
            _styled(ws, v, font=L.BOLD, number_format="0.0%" if k in rate_at and v is not None else None)
            for k, v in enumerate(totals)
        ]
    )
    ws.append([])
    ws.append([_styled(ws, _LEGEND[lang], alignment=L.TOP)])
    if len(frame):  # written after the rows (a write-only sheet)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(frame) + 1}"


def _styled(ws, value, *, font=None, fill=None, alignment=None, number_format=None):
    """A cell that carries a style (works for write-only and ordinary sheets alike)."""
    cell = WriteOnlyCell(ws)
    if isinstance(value, str):
        L.put_text(cell, value)
    else:
        cell.value = value
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None:
        cell.number_format = number_format
    return cell
