"""Writing cells safely and laying sheets out for the screen and for A4 paper."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from ..parse.values import plain_number
from ..rules import Severity

RED = PatternFill("solid", fgColor="F8CBAD")
AMBER = PatternFill("solid", fgColor="FFE699")
SUSPECT = PatternFill("solid", fgColor="FF7C80")
INVOLVED = PatternFill("solid", fgColor="FCE4D6")  # another cell of a failing relation: a hint, not a verdict
CORRECTED = PatternFill("solid", fgColor="9BC2E6")
HEAD = PatternFill("solid", fgColor="DDEBF7")
CALC = PatternFill("solid", fgColor="E2EFDA")
GREY_FILL = PatternFill("solid", fgColor="F2F2F2")
NO_FILL = PatternFill()
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SUSPECT_BOX = Border(*(Side(style="thick", color="C00000"),) * 4)
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
LINK = Font(color="0563C1", underline="single")
GREY = Font(color="808080", italic=True)
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
MIDDLE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")
RIGHT = Alignment(horizontal="right", vertical="top")
SEVERITY_FILL = {Severity.ERROR: RED, Severity.WARNING: AMBER}
BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")

# A4 with half-inch side margins: the printable width in column-width units. A unit is one
# digit of the workbook's font: 7 px in Excel (Calibri), about 9.3 px in LibreOffice where
# Calibri and its metric twin are missing (DejaVu Sans). Sized for the wider measure, sheets
# print at full size in Excel and at ≥ ~85 % elsewhere (11 pt text stays ≥ 9 pt). LibreOffice
# never shrinks a single column wider than the page: one-column sheets must fit as they are.
PRINTABLE = {"landscape": 110, "portrait": 74}

EXCEL_CELL_LIMIT = 32_767

# What makes a spreadsheet read typed text as a formula (or DDE): `=`, `+`, `-`, `@`, and a
# tab or line break before them, which some programs strip.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

# What XML cannot hold: openpyxl's illegal characters, and lone surrogates (a file name that is not
# UTF-8, carried by surrogate escapes) on which the whole save would fail.
_UNWRITABLE = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|[\ud800-\udfff]")


def put_text(cell: XCell, text: str) -> XCell:
    """Text from a report, always as text: `=…`, `+…`, `-…`, `@…` never become formulas.

    The cell is a string cell (a workbook's formulas live in a part of the XML text never
    reaches), and text that starts like a formula is also quote-prefixed, as Excel marks what
    is typed after an apostrophe, so that editing the cell later keeps it text too.
    Control characters no workbook may hold (form feeds from PDFs, NULs) show as U+FFFD, and
    text past Excel's cell limit is cut with a mark, so no report can make the export fail.
    """
    text = _UNWRITABLE.sub("\ufffd", str(text))
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - 20] + "…（此行过长，已截断）"
    cell.value = text
    cell.data_type = "s"
    if text.lstrip(" ").startswith(_FORMULA_START):
        cell.quotePrefix = True
    return cell


def put_number(cell: XCell, value: Decimal | None) -> XCell:
    cell.value = plain_number(value)
    return cell


def link(sheet: str, ref: str) -> str:
    return f"#'{sheet}'!{ref}"


def set_link(cell: XCell, sheet: str | None, ref: str) -> None:
    if sheet:
        cell.hyperlink, cell.font = link(sheet, ref), LINK


class SheetNames:
    """Valid (≤ 31 characters, no []:*?/\\ or quote) and unique sheet names."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = {t.lower() for t in taken}

    def make(self, wanted: str) -> str:
        base = BAD_SHEET_CHARS.sub("", _UNWRITABLE.sub("", wanted))[:31] or "sheet"
        name, k = base, 2
        while name.lower() in self.taken:
            suffix = f"~{k}"
            name, k = base[: 31 - len(suffix)] + suffix, k + 1
        self.taken.add(name.lower())
        return name


def short(text: str, fallback: str) -> str:
    return BAD_SHEET_CHARS.sub("", _UNWRITABLE.sub("", text))[:12] or fallback


def units(text: str) -> int:
    """Width of `text` in column units: a CJK character (or a full-width sign) counts two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` units wide (its own breaks kept)."""
    usable = max(1.0, width - 1)
    return sum(max(1, -(-units(part) // int(usable))) for part in str(text).split("\n"))


def fit_height(ws: Worksheet, row: int, texts: Sequence[tuple[str, float]], cap: int = 40) -> None:
    """Give `row` the height its tallest wrapped text needs (Excel does not grow rows itself)."""
    n = max((lines_needed(t, w) for t, w in texts if t), default=1)
    if n > 1:
        ws.row_dimensions[row].height = min(409.0, 15.0 * min(cap, n))


def header_row(ws: Worksheet, titles: Sequence[str], row: int = 1) -> None:
    for k, title in enumerate(titles, 1):
        cell = put_text(ws.cell(row, k), title)  # a title may hold a file's name
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD, MIDDLE, BOX


def widths(ws: Worksheet, sizes: Sequence[float]) -> None:
    for k, w in enumerate(sizes, 1):
        ws.column_dimensions[get_column_letter(k)].width = w


def _escape(text: str) -> str:
    """Text for a page header: `&` starts a code there; Excel caps a header at 255 characters."""
    text = _UNWRITABLE.sub("", text).replace("\n", " ").replace("&", "&&")
    return text[:100]


def print_setup(
    ws: Worksheet,
    orientation: str,
    *,
    header: str,
    footer: str,
    title_rows: str | None = None,
) -> None:
    """A4, the given orientation, fitted to the page width (as many pages down as it takes),
    a header naming the report, "第 N 页 共 M 页" in the footer, the header row on every page."""
    ps = ws.page_setup
    ps.orientation = orientation
    ps.paperSize = Worksheet.PAPERSIZE_A4  # the class's: a write-only sheet has none
    ps.fitToWidth = 1
    ps.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.oddHeader.left.text = _escape(header)
    ws.oddHeader.left.size = 9
    ws.oddHeader.right.text = "&A"  # the sheet's name
    ws.oddHeader.right.size = 9
    ws.oddFooter.center.text = footer  # our own codes (&P, &N): not escaped
    ws.oddFooter.center.size = 9
    if title_rows:
        ws.print_title_rows = title_rows
