"""What every structured format is read into, and how it becomes the source text the user sees.

A reader (HTML, Word, PDF, Excel) turns its file into blocks in document order: paragraphs, and
tables whose rows list the cells that start in them, with their row and column spans, as HTML
does. `to_source` prints one line per paragraph and per table row, cells joined by ` | ` the
way a table copied from a web page arrives, so the one text parser reads every format and each
cell's line and span point into what the source view shows. Cells a merge covers are not
printed (a copy of a page does not print them either); a blank cell is, because a blank cell
is information. Where the format knows more than a line (a PDF's page, a workbook's cell), the
blocks carry an Origin and the source keeps it as an anchor on the printed text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..source import Anchor, Origin, Source
from .errors import ReadError
from .limits import MAX_COLSPAN, MAX_TABLE_CELLS

DELIMITER = " | "
_WRAP = re.compile(r"(?<!\s)\s*\n\s*")  # from a run's start only: linear on long runs of spaces
_SPACES = re.compile(r"[ \t\u3000\xa0\u2002-\u200b\ufeff]+")
_CJK_PAIR = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


@dataclass(slots=True)
class Paragraph:
    text: str
    origin: Origin | None = None


@dataclass(slots=True)
class TableCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    origin: Origin | None = None


@dataclass(slots=True)
class TableBlock:
    """Rows of the cells that start in them, in reading order (HTML's model of a table)."""

    rows: list[list[TableCell]] = field(default_factory=list)


Block = Paragraph | TableBlock


def clean(text: str) -> str:
    """One line of text: a break inside a cell or paragraph joins Chinese without a space
    (`申\\n请\\n人` is 申请人, a vertical label) and anything else with one."""
    text = _WRAP.sub("\n", text.strip())
    if "\n" in text:
        text = _CJK_PAIR.sub("", text.replace("\n", " "))
    return _SPACES.sub(" ", text).strip()


def cell_text(text: str) -> str:
    """A cell's text on a table line: its own bars would read as cell boundaries."""
    return clean(text).replace("|", "/").replace("｜", "/")


def expand(table: TableBlock) -> list[list[TableCell | None]]:
    """The table's grid: each cell at every position it spans, None where nothing stands.

    Spans are clipped as browsers clip them (a row span ends with the table, a column span at
    MAX_COLSPAN), so a crafted `rowspan=99999999` cannot make the grid endless; a grid past
    MAX_TABLE_CELLS raises ReadError."""
    grid: list[list[TableCell | None]] = []
    taken: set[tuple[int, int]] = set()
    cells = 0
    for r, row in enumerate(table.rows):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            rowspan = min(max(cell.rowspan, 1), len(table.rows) - r)
            colspan = min(max(cell.colspan, 1), MAX_COLSPAN)
            cells += rowspan * colspan
            if cells > MAX_TABLE_CELLS:
                raise ReadError(
                    "too_large", f"文件中的表格过大（超过 {MAX_TABLE_CELLS} 个单元格），不像是年度报告中的表格"
                )
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
                    while len(grid) <= r + dr:
                        grid.append([])
                    line = grid[r + dr]
                    while len(line) <= c + dc:
                        line.append(None)
                    line[c + dc] = cell
            c += colspan
    width = max((len(line) for line in grid), default=0)
    for line in grid:
        line.extend([None] * (width - len(line)))
    return grid


def to_source(path: str, blocks: list[Block], format: str, encoding: str | None = None, notes=()) -> Source:
    """Print blocks as the source text, one line per paragraph and per table row."""
    lines: list[str] = []
    anchors: list[Anchor] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            text = clean(block.text)
            if not text:
                continue
            lines.append(text)
            if block.origin is not None:
                anchors.append(Anchor(len(lines), 0, len(text), block.origin))
            continue
        for row in block.rows:
            texts = [cell_text(c.text) for c in row]
            if not any(texts) and len(row) < 2:
                continue  # a spacer; a row of blank cells is kept (a table left blank for zeros)
            number = len(lines) + 1
            parts: list[str] = []
            at = 0
            for k, (cell, text) in enumerate(zip(row, texts, strict=True)):
                start = at
                parts.append(text)
                at += len(text)
                if cell.origin is not None:
                    # the whole field, so a blank cell's span (its field) is inside it too
                    anchors.append(Anchor(number, max(start - 1, 0) if k else 0, at + 1, cell.origin))
                parts.append(DELIMITER if k < len(row) - 1 else " |")
                at += len(parts[-1])
            lines.append("".join(parts))
    return Source(
        path=path,
        text="\n".join(lines),
        format=format,
        encoding=encoding,
        anchors=tuple(sorted(anchors, key=lambda a: (a.line, a.start))),
        notes=tuple(notes),
    )
