"""Blocks → a PDF with a text layer, laid out like a printed report (tests and benchmarks).

reportlab draws the text in its built-in CID font STSong-Light, which needs no font file:
the PDF names the font and its Adobe-GB1 encoding, and pdfminer maps the glyphs back to
Unicode with the CMaps it ships, so the text layer reads back exactly on any machine.
Tables are ruled grids with the blocks' merges as spans, the way a report's tables print;
a table longer than the page breaks across pages, through a merged cell if need be (the
merge continues blank on the next page, as Word prints it).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from ..ingest.document import Block, Paragraph, TableBlock, TableCell, expand

SUFFIX = ".pdf"
FONT = "STSong-Light"
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_NUMBER = re.compile(r"^\s*-?[\d,.]+\s*$")


def write(
    blocks: list[Block],
    font_size: float = 12,
    page_size: tuple[float, float] | None = None,
    vertical_labels: bool = False,
    split_table: int | None = None,
    repeat_header: bool = True,
    page_numbers: bool = True,
    password: Any = None,
    ruled: bool = True,
    **_options: Any,
) -> bytes:
    """The blocks as a PDF.

    `vertical_labels` writes the labels of cells merged down three rows or more one character
    per line, as printed reports do. `split_table` (an index among the tables) starts that
    table low on a fresh page so it breaks across pages; header rows are repeated after a
    break when `repeat_header`. `password` (a string or reportlab's StandardEncryption)
    encrypts the file. `ruled=False` draws the tables without lines, as some reports print them.
    """
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import CondPageBreak, PageBreak, SimpleDocTemplate, Spacer
    from reportlab.platypus import Paragraph as RLParagraph

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    size = page_size or A4
    body = ParagraphStyle("body", fontName=FONT, fontSize=font_size, leading=font_size * 1.45, wordWrap="CJK")
    indent = {"firstLineIndent": font_size * 2, "spaceAfter": font_size * 0.3}
    title = ParagraphStyle(
        "title", body, fontSize=font_size * 1.6, leading=font_size * 2.2, alignment=TA_CENTER, spaceAfter=font_size
    )
    heading = ParagraphStyle("heading", body, spaceBefore=font_size * 0.5, keepWithNext=1, **indent)
    loose = ParagraphStyle("loose", heading, keepWithNext=0)
    text = ParagraphStyle("text", body, **indent)
    cell = ParagraphStyle("cell", body, fontSize=font_size * 0.9, leading=font_size * 1.2, alignment=TA_CENTER)
    margin = 2.5 * cm
    doc = SimpleDocTemplate(
        io.BytesIO(),
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        encrypt=password,
        title="政府信息公开工作年度报告",
    )
    story: list = []
    tables = 0
    for k, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            content = escape(block.text.strip())
            if not content:
                continue
            before_table = k + 1 < len(blocks) and isinstance(blocks[k + 1], TableBlock)
            is_heading = before_table or (_HEADING.match(content) and len(content) < 40)
            style = title if k == 0 else heading if is_heading else text
            if before_table:
                # a table's caption starts a page rather than end one; kept with its table
                # (keepWithNext) it would take the table to the next page whole
                style = loose
                if tables != split_table:
                    story.append(CondPageBreak(font_size * 8))
            story.append(RLParagraph(content, style))
            continue
        if tables == split_table:
            # the table (with its title) starts low on a fresh page, so it breaks
            caption = story.pop() if story and k and isinstance(blocks[k - 1], Paragraph) else None
            story += [PageBreak(), Spacer(1, doc.height * 0.55)]
            if caption is not None:
                story.append(caption)
        layout = _Layout.of(block, doc.width, cell, vertical_labels, repeat_header, ruled)
        story += [layout.table(list(range(len(layout.grid)))), Spacer(1, font_size)]
        tables += 1

    def footer(canvas, document) -> None:
        if page_numbers:
            canvas.setFont(FONT, font_size * 0.9)
            canvas.drawCentredString(size[0] / 2, margin / 2, f"- {document.page} -")

    out = io.BytesIO()
    doc.filename = out
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


@dataclass
class _Layout:
    """A table's grid, column widths and style: what any part of it needs to be drawn."""

    grid: list[list[TableCell | None]]
    widths: list[float]
    header: int  # rows repeated after a page break (0: none)
    style: Any
    vertical_labels: bool
    ruled: bool

    @classmethod
    def of(
        cls, block: TableBlock, width: float, style, vertical_labels: bool, repeat_header: bool, ruled: bool
    ) -> _Layout:
        grid = expand(block)
        n_cols = len(grid[0]) if grid else 0
        natural = [2.0] * n_cols  # each column's wanted width, in characters
        header = _header(grid)
        for r, line in enumerate(grid):
            for c, cell in enumerate(line):
                if cell is not None and cell.colspan == 1:
                    text = cell.text.strip()
                    if _vertical(cell, vertical_labels):
                        chars = 1
                    elif _NUMBER.match(text):
                        chars = 0.55 * len(text)  # digits are half as wide as Chinese characters
                    else:  # a header's labels wrap to their column; a row's label sets it
                        chars = min(len(text), 2 if r < header else 16)
                    natural[c] = max(natural[c], chars)
        widths = _widths(natural, width, style.fontSize)
        return cls(grid, widths, header if repeat_header else 0, style, vertical_labels, ruled)

    def table(self, rows: list[int]):
        """The grid's rows `rows` (indices, ascending) as a reportlab Table. A merge cut by the
        rows shown keeps its text where it starts and continues blank."""
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph as RLParagraph
        from reportlab.platypus import TableStyle

        grid = self.grid
        data: list[list] = [[""] * len(self.widths) for _ in rows]
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ]
        if self.ruled:
            commands.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
        done: set[tuple[int, int]] = set()
        for i, r in enumerate(rows):
            for c, cell in enumerate(grid[r]):
                if cell is None or (i, c) in done:
                    continue
                down = i
                while down + 1 < len(rows) and rows[down + 1] == rows[down] + 1 and grid[rows[down + 1]][c] is cell:
                    down += 1
                right = c
                while right + 1 < len(grid[r]) and grid[r][right + 1] is cell:
                    right += 1
                done.update((a, b) for a in range(i, down + 1) for b in range(c, right + 1))
                if r == 0 or grid[r - 1][c] is not cell:  # the merge starts here: its text
                    content = escape(cell.text.strip())
                    if _vertical(cell, self.vertical_labels):
                        content = "<br/>".join(content)
                    data[i][c] = RLParagraph(content, self.style)
                if down > i or right > c:
                    commands.append(("SPAN", (c, i), (right, down)))
        return _table_class()(data, self, rows, colWidths=self.widths, style=TableStyle(commands))


def _widths(natural: list[float], width: float, font_size: float) -> list[float]:
    """Column widths filling `width`: narrow columns (numbers, vertical labels) keep room for
    their characters; the long labels' columns give way and wrap."""
    want = [n * font_size + 6 for n in natural]  # 6: the cell's padding
    if sum(want) <= width:
        return [w * width / sum(want) for w in want]
    fixed = sum(w for w, n in zip(want, natural, strict=True) if n <= 3)
    flexible = sum(want) - fixed
    if width <= fixed or not flexible:
        return [w * width / sum(want) for w in want]
    return [w if n <= 3 else w * (width - fixed) / flexible for w, n in zip(want, natural, strict=True)]


def _header(grid: list[list[TableCell | None]]) -> int:
    """The header's rows (repeated after a page break): those above the first row of numbers."""
    return next((r for r, line in enumerate(grid) if any(c and _NUMBER.match(c.text) for c in line)), 0)


def _vertical(cell: TableCell, vertical_labels: bool) -> bool:
    return vertical_labels and cell.rowspan >= 3 and cell.colspan == 1 and bool(cell.text.strip())


@cache
def _table_class():
    """reportlab's Table, able to break through a merged cell (reportlab itself will not)."""
    from reportlab.platypus import Table

    class SplittingTable(Table):
        def __init__(self, data, layout: _Layout | None = None, rows: list[int] | None = None, **kw) -> None:
            super().__init__(data, **kw)
            self.layout = layout
            self.rows = rows

        def split(self, availWidth, availHeight):
            # break after the last row that fits, through merges, repeating the header
            if self.layout is None or self.rows is None:
                return super().split(availWidth, availHeight)
            self._calc(availWidth, availHeight)
            used = fit = 0
            for height in self._rowHeights:
                if used + height > availHeight:
                    break
                used += height
                fit += 1
            header = self.layout.header
            while header < fit < len(self.rows):
                first = self.layout.table(self.rows[:fit])
                # a merge's text cut short may need taller rows than the whole table gave it
                if first.wrap(availWidth, availHeight)[1] <= availHeight:
                    return [first, self.layout.table(list(range(header)) + self.rows[fit:])]
                fit -= 1
            return []

    return SplittingTable
