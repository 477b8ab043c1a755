"""Excel .xlsx/.xlsm → blocks: each visible sheet's tables, each cell knowing its sheet and cell.

A filled template is a sheet of bordered tables with titles above them. A sheet is read row by
row: a row with a bordered cell or with two cells of text belongs to a table; a row with one
cell of text and no border is a line of its own (a title, a note); an empty row ends a table.
Each table spans the columns its rows use, so a narrow table is not padded to the width of a
wide one beside it. Values are shown as a person sees them: cached results of formulas, no
float noise, dates as ISO dates. openpyxl parses the XML through defusedxml when installed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from decimal import Decimal

from ..source import Origin, Source
from .document import Block, Paragraph, TableBlock, TableCell, to_source
from .docx import check_unpacked_size
from .errors import ReadError

# A formula followed by no value (or an empty one) before its cell ends: a quick look, so that a
# workbook Excel saved, with every result cached, is loaded once.
_UNCACHED = re.compile(
    rb"<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_DECIMALS = re.compile(r"\.([0#?]+)")
_LISTED = 10  # cells named in a note before "等"


def read(path: str, data: bytes) -> Source:
    blocks, notes = read_blocks(data)
    return to_source(path, blocks, format="xlsx", notes=notes)


def read_blocks(data: bytes) -> tuple[list[Block], list[str]]:
    """Each visible sheet's lines and tables, and what the reader has to tell about the file."""
    check_unpacked_size(data, "Excel ")
    workbook = _load(data, data_only=True)
    notes: list[str] = []
    hidden = [ws.title for ws in workbook.worksheets if ws.sheet_state != "visible"]
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    if hidden:
        notes.append(f"已跳过隐藏的工作表：{'、'.join(hidden)}")
    uncached = _uncached_formulas(data, visible)
    blocks: list[Block] = []
    for ws in visible:
        if len(visible) > 1:  # which sheet the following lines come from
            blocks.append(Paragraph(f"工作表：{ws.title}", Origin(sheet=ws.title)))
        blocks += _sheet_blocks(ws)
        cells = uncached.get(ws.title)
        if cells:
            listed = "、".join(cells[:_LISTED]) + (f" 等 {len(cells)} 个" if len(cells) > _LISTED else "")
            notes.append(
                f"工作表“{ws.title}”中的公式没有保存计算结果（{listed}），这些单元格按空白读取；"
                "请在 Excel 或 WPS 中打开并保存该文件后再审核"
            )
    return blocks, notes


def _load(data: bytes, data_only: bool):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():  # unsupported extensions (data validation …) are not our reader's concern
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only, keep_links=False)
    except (zipfile.BadZipFile, InvalidFileException):
        raise ReadError("corrupt", "Excel 文件已损坏或不完整，无法打开") from None
    except KeyError as e:
        raise ReadError("corrupt", f"Excel 文件已损坏：缺少其中的部件 {e}") from None
    except Exception as e:  # malformed XML, forbidden entities, impossible values: all mean an unreadable file
        if _forbidden_xml(e):
            raise ReadError("unsafe", "Excel 文件中含有不安全的 XML 声明（实体或 DTD），已拒绝读取") from None
        raise ReadError("corrupt", f"Excel 文件已损坏，内容无法解析（{type(e).__name__}：{_first_line(e)}）") from None


def _forbidden_xml(error: BaseException | None) -> bool:
    """defusedxml refused the XML (openpyxl wraps its error in a ValueError of its own)."""
    from defusedxml import DefusedXmlException

    while error is not None:
        if isinstance(error, DefusedXmlException):
            return True
        error = error.__cause__ or error.__context__
    return False


def _first_line(error: BaseException) -> str:
    return str(error).strip().split("\n")[0]


def _uncached_formulas(data: bytes, sheets) -> dict[str, list[str]]:
    """Per sheet, the formula cells with no saved result (a file a program wrote and Excel never
    recalculated). The workbook is loaded a second time, with formulas, only if it seems to have any."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if not any(_UNCACHED.search(z.read(n)) for n in z.namelist() if n.startswith("xl/worksheets/")):
            return {}
    formulas = _load(data, data_only=False)
    found: dict[str, list[str]] = {}
    for ws in sheets:
        fs = formulas[ws.title]
        for (r, c), cell in sorted(fs._cells.items()):
            if cell.data_type == "f" and ws.cell(r, c).value is None:
                found.setdefault(ws.title, []).append(cell.coordinate)
    return found


def _sheet_blocks(ws) -> list[Block]:
    """A sheet's rows as lines of their own and tables (see the module's docstring)."""
    merges: dict[tuple[int, int], tuple[int, int]] = {}  # top-left → (rows, columns)
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        merges[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        covered.update((r, c) for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1))
    covered -= set(merges)
    texts: dict[tuple[int, int], str] = {}
    bordered: set[tuple[int, int]] = set()
    # the cells the file holds (iter_rows would create every empty cell of the used range)
    for (r, c), cell in ws._cells.items():
        if (r, c) not in covered:
            text = display(cell.value, cell.number_format)
            if text.strip():
                texts[(r, c)] = text
        if _has_border(cell):
            bordered.add((r, c))
    by_row: dict[int, list[int]] = {}
    for r, c in sorted(texts):
        by_row.setdefault(r, []).append(c)
    bordered_rows = {r for r, _ in bordered}
    blocks: list[Block] = []
    table: list[int] = []
    for r in sorted(by_row.keys() | bordered_rows):
        written = by_row.get(r, [])
        continues = bool(table) and table[-1] == r - 1
        # a borderless table's row with one number (blanks for zeros) is still in the table
        is_table = r in bordered_rows or len(written) > 1 or (continues and written[0] > _left(table, by_row))
        if not is_table or not continues:
            _flush(ws.title, table, texts, bordered, merges, covered, blocks)
            table = []
        if is_table:
            table.append(r)
        else:
            c = written[0]
            blocks.append(Paragraph(texts[(r, c)], Origin(sheet=ws.title, cell=_coordinate(r, c))))
    _flush(ws.title, table, texts, bordered, merges, covered, blocks)
    return blocks


def _left(rows: list[int], by_row: dict[int, list[int]]) -> int:
    return min(c for r in rows for c in by_row.get(r, [10**6]))


def _flush(sheet, rows: list[int], texts, bordered, merges, covered, blocks: list[Block]) -> None:
    """Rows `rows` (consecutive) as one table over the columns they use."""
    if not rows:
        return
    first, last = rows[0], rows[-1]
    inside = [(r, c) for (r, c) in (*texts, *bordered) if first <= r <= last]
    for (r, c), (_, w) in merges.items():
        if first <= r <= last:
            inside.append((r, c + w - 1))
    left = min(c for _, c in inside)
    right = max(c for _, c in inside)
    table = TableBlock()
    for r in rows:
        row: list[TableCell] = []
        for c in range(left, right + 1):
            if (r, c) in covered:
                continue
            h, w = merges.get((r, c), (1, 1))
            row.append(
                TableCell(
                    texts.get((r, c), ""),
                    rowspan=min(h, last - r + 1),
                    colspan=min(w, right - c + 1),
                    origin=Origin(sheet=sheet, cell=_coordinate(r, c)),
                )
            )
        table.rows.append(row)
    blocks.append(table)


def _has_border(cell) -> bool:
    if not cell.has_style:
        return False
    b = cell.border
    return any(side is not None and side.style for side in (b.left, b.right, b.top, b.bottom))


def _coordinate(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{row}"


def display(value, number_format: str | None = "General") -> str:
    """A cell's value as Excel shows it, as far as the audit cares: numbers without float noise
    (Excel itself shows 15 significant digits), padded to the decimals the cell's format asks
    for; percentages with %; dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return _number(value, number_format or "General")
    return str(value)


def _number(value: int | float | Decimal, number_format: str) -> str:
    section = _QUOTED.sub("", number_format.split(";")[0])
    percent = "%" in section
    if percent:
        value = Decimal(_plain(value)) * 100
    text = _plain(value)
    m = _DECIMALS.search(section)
    wanted = len(m.group(1).rstrip("#?")) if m else 0
    if "." in text and len(text.split(".")[1]) < wanted:  # a fee of 1.5 in a "0.00" cell reads 1.50
        text = text + "0" * (wanted - len(text.split(".")[1]))
    return text + ("%" if percent else "")


def _plain(value: int | float | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.15g}"
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
