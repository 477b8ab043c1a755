"""Blocks as an Excel workbook, the way a filled template is: one sheet holding the report's
title, each table's title and the tables themselves, with merged cells and borders, numbers
written as numbers. The narrative stays in the Word report; a template workbook does not hold it."""

from __future__ import annotations

import io
import re

from ..ingest.document import Block, Paragraph, TableBlock, expand

SUFFIX = ".xlsx"
SHEET = "年度报告"

_INT = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d+\.\d+")


def write(blocks: list[Block], **_options) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    width = max((len(expand(b)[0]) for b in blocks if isinstance(b, TableBlock) and b.rows), default=1)

    row = 1
    first = next((b for b in blocks if isinstance(b, Paragraph) and b.text.strip()), None)
    if first is not None and "报告" not in first.text:
        first = None
    if first is not None:  # the report's title across the sheet
        sheet.cell(row, 1, first.text.strip()).font = Font(bold=True, size=14)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 2
    for k, block in enumerate(blocks):
        if not isinstance(block, TableBlock):
            continue
        title = blocks[k - 1] if k else None
        if isinstance(title, Paragraph) and title is not first:
            sheet.cell(row, 1, title.text.strip()).font = Font(bold=True)
            row += 1
        grid = expand(block)
        seen: set[int] = set()
        for r, line in enumerate(grid):
            for c, cell in enumerate(line):
                target = sheet.cell(row + r, c + 1)
                target.border = border
                target.alignment = wrap
                if cell is None or id(cell) in seen:
                    continue
                seen.add(id(cell))
                target.value = _value(cell.text)
        # merge after the borders are set: openpyxl turns the covered cells into MergedCells
        seen.clear()
        for r, line in enumerate(grid):
            for c, cell in enumerate(line):
                if cell is None or id(cell) in seen:
                    continue
                seen.add(id(cell))
                if cell.rowspan > 1 or cell.colspan > 1:
                    sheet.merge_cells(
                        start_row=row + r,
                        start_column=c + 1,
                        end_row=row + r + cell.rowspan - 1,
                        end_column=c + cell.colspan,
                    )
        row += len(grid) + 1
    for c in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 16 if c <= 3 else 10
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _value(text: str) -> int | float | str | None:
    """What a person types into the cell: a count as a number, a fee as a decimal number."""
    stripped = text.strip()  # also a blank cell's &nbsp;
    if not stripped:
        return None
    if _INT.fullmatch(stripped):
        return int(stripped)
    if _DECIMAL.fullmatch(stripped):
        return float(stripped)
    return text
