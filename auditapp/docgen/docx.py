"""Blocks as a Word document, the way a body's report is typed in Word: the narrative as
paragraphs, the tables as real Word tables with their merged cells (`cell.merge`)."""

from __future__ import annotations

import io

from ..ingest.document import Block, Paragraph, TableBlock, TableCell, expand

SUFFIX = ".docx"


def write(blocks: list[Block], **_options) -> bytes:
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        else:
            _table(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document, block: TableBlock) -> None:
    grid = expand(block)
    if not grid or not grid[0]:
        return
    table = document.add_table(rows=len(grid), cols=len(grid[0]))
    table.style = "Table Grid"
    cells = [row.cells for row in table.rows]  # once: table.cell() walks the whole table each call
    seen: set[int] = set()
    for r, line in enumerate(grid):
        for c, cell in enumerate(line):
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            _fill(cells[r][c], cell)
            if cell.rowspan > 1 or cell.colspan > 1:
                cells[r][c].merge(cells[r + cell.rowspan - 1][c + cell.colspan - 1])


def _fill(target, cell: TableCell) -> None:
    # a break in a label is a new paragraph in Word, as a label typed vertically is
    lines = cell.text.split("\n")
    target.text = lines[0]
    for line in lines[1:]:
        target.add_paragraph(line)
