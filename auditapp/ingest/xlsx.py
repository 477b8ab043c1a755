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
from dataclasses import dataclass, field
from decimal import Decimal

from ..inputs import shown
from ..source import Origin, Source
from .document import Block, Paragraph, TableBlock, TableCell, to_source
from .docx import check_unpacked_size
from .errors import ReadError
from .limits import MAX_TABLE_CELLS, ZIP_ERRORS

# A formula followed by no value (or an empty one) before its cell ends: a quick look, so that a
# workbook Excel saved, with every result cached, is loaded once.
_UNCACHED = re.compile(
    rb"<(?:\w+:)?f\b[^<>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)\s*)?"
    rb"</(?:\w+:)?c>"
)  # no '<' inside a tag, no two optional runs of spaces side by side: linear on crafted sheets
_QUOTED = re.compile(r'"[^"]*"|\[[^\]\[]*\]|\\.')  # a bracket ends at the next one: linear on "[[[["
_DECIMALS = re.compile(r"\.([0#?]+)")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^<>]*?\bref=\"([^\"]+)\"")
_LISTED = 10  # cells named in a note before "等"
# Excel's last row. Read-only sheets fill the rows a sheet skips with empty ones: a row numbered
# past this (r="18446744073709551617", found by the fuzz suite) made that an endless loop.
_MAX_ROW = 1_048_576


def read(path: str, data: bytes) -> Source:
    blocks, notes = read_blocks(data)
    return to_source(path, blocks, format="xlsx", notes=notes)


def read_blocks(data: bytes) -> tuple[list[Block], list[str]]:
    """Each visible sheet's lines and tables, and what the reader has to tell about the file."""
    check_unpacked_size(data, "Excel ")
    notes: list[str] = []
    blocks: list[Block] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            workbook = _load(data, data_only=True)
            try:
                hidden = [shown(ws.title) for ws in workbook.worksheets if ws.sheet_state != "visible"]
                visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
                sheets = [(ws.title, _cells(ws, z)) for ws in visible]
            finally:
                workbook.close()
            uncached = _uncached_formulas(data, z, sheets)
    except (*ZIP_ERRORS, KeyError) as e:  # a part read here is corrupt or missing
        raise ReadError("corrupt", f"Excel 文件已损坏或不完整，无法打开（{type(e).__name__}）") from None
    if hidden:
        notes.append(f"已跳过隐藏的工作表：{'、'.join(hidden)}")
    for title, cells in sheets:
        if len(sheets) > 1:  # which sheet the following lines come from
            blocks.append(Paragraph(f"工作表：{shown(title)}", Origin(sheet=title)))  # one line, whatever it holds
        blocks += _sheet_blocks(title, cells)
        formulas = uncached.get(title)
        if formulas:
            listed = "、".join(formulas[:_LISTED]) + (f" 等 {len(formulas)} 个" if len(formulas) > _LISTED else "")
            notes.append(
                f"工作表“{shown(title)}”中的公式没有保存计算结果（{listed}），这些单元格按空白读取；"
                "请在 Excel 或 WPS 中打开并保存该文件后再审核"
            )
    return blocks, notes


def _load(data: bytes, data_only: bool):
    """The workbook in read-only mode: cells stream from the XML, and openpyxl does not restyle
    every merged range's cells, which took two thirds of the time."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():  # unsupported extensions (data validation …) are not our reader's concern
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
    except (zipfile.BadZipFile, InvalidFileException):
        raise ReadError("corrupt", "Excel 文件已损坏或不完整，无法打开") from None
    except KeyError as e:
        raise ReadError("corrupt", f"Excel 文件已损坏：缺少其中的部件 {e}") from None
    except MemoryError:  # past the memory ceiling: the file's failure, said so by audit_file
        raise
    except Exception as e:
        raise _unreadable(e) from None


def _unreadable(e: Exception) -> ReadError:
    """Malformed XML, forbidden entities, impossible values: all mean an unreadable file."""
    if _forbidden_xml(e):
        return ReadError("unsafe", "Excel 文件中含有不安全的 XML 声明（实体或 DTD），已拒绝读取")
    return ReadError("corrupt", f"Excel 文件已损坏，内容无法解析（{type(e).__name__}：{_first_line(e)}）")


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


@dataclass
class _Cells:
    """What a sheet holds: each cell's shown text, its value, which cells have borders, its merges."""

    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    values: dict[tuple[int, int], object] = field(default_factory=dict)
    bordered: set[tuple[int, int]] = field(default_factory=set)
    merges: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # top-left → (rows, columns)
    covered: set[tuple[int, int]] = field(default_factory=set)  # under a merge, not its top-left


def _cells(ws, z: zipfile.ZipFile) -> _Cells:
    from openpyxl.cell.read_only import ReadOnlyCell

    out = _Cells()
    ws.reset_dimensions()  # a wrong <dimension> would pad every row to it
    try:
        for row in ws.iter_rows(max_row=_MAX_ROW):
            for cell in row:
                if not isinstance(cell, ReadOnlyCell):
                    continue
                at = (cell.row, cell.column)
                if cell.value is not None:
                    out.values[at] = cell.value
                    text = display(cell.value, cell.number_format)
                    if text.strip():
                        out.texts[at] = text
                if _has_border(cell):
                    out.bordered.add(at)
    except ReadError:
        raise
    except MemoryError:  # past the memory ceiling: the file's failure, said so by audit_file
        raise
    except Exception as e:
        raise _unreadable(e) from None
    _merges(out, z.read(ws._worksheet_path.lstrip("/")))  # read-only sheets do not parse merges
    return out


def _merges(cells: _Cells, xml: bytes) -> None:
    from openpyxl.utils.cell import range_boundaries

    seen = [*cells.texts, *cells.bordered]
    last_row = max((r for r, _ in seen), default=0)
    last_col = max((c for _, c in seen), default=0)
    area = 0
    for m in _MERGE.finditer(xml):
        try:
            left, top, right, bottom = range_boundaries(m.group(1).decode("ascii"))
        except (ValueError, TypeError, UnicodeDecodeError):
            continue
        if top > last_row or left > last_col:
            continue  # merges over nothing the sheet holds
        # a merge of whole columns (Z1:AA1048576) stops where the data does
        bottom, right = min(bottom, last_row), min(right, last_col)
        area += (bottom - top + 1) * (right - left + 1)
        if area > MAX_TABLE_CELLS:
            raise ReadError(
                "too_large",
                f"Excel 工作表中的合并单元格过大（超过 {MAX_TABLE_CELLS} 个单元格），不像是年度报告中的表格",
            )
        cells.merges[(top, left)] = (bottom - top + 1, right - left + 1)
        cells.covered.update((r, c) for r in range(top, bottom + 1) for c in range(left, right + 1))
    cells.covered -= set(cells.merges)
    for at in cells.covered:  # Excel shows only the top-left cell's value
        cells.texts.pop(at, None)


def _uncached_formulas(data: bytes, z: zipfile.ZipFile, sheets: list[tuple[str, _Cells]]) -> dict[str, list[str]]:
    """Per sheet, the formula cells with no saved result (a file a program wrote and Excel never
    recalculated). The workbook is loaded a second time, with formulas, only if it seems to have any."""
    if not any(_UNCACHED.search(z.read(n)) for n in z.namelist() if n.startswith("xl/worksheets/")):
        return {}
    workbook = _load(data, data_only=False)
    found: dict[str, list[str]] = {}
    try:
        for title, cells in sheets:
            for row in workbook[title].iter_rows(max_row=_MAX_ROW):
                for cell in row:
                    if getattr(cell, "data_type", None) == "f" and (cell.row, cell.column) not in cells.values:
                        found.setdefault(title, []).append(cell.coordinate)
    except MemoryError:  # past the memory ceiling: the file's failure, said so by audit_file
        raise
    except Exception as e:
        raise _unreadable(e) from None
    finally:
        workbook.close()
    return found


def _sheet_blocks(sheet: str, cells: _Cells) -> list[Block]:
    """A sheet's rows as lines of their own and tables (see the module's docstring)."""
    texts, bordered = cells.texts, cells.bordered
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
            _flush(sheet, table, cells, blocks)
            table = []
        if is_table:
            table.append(r)
        else:
            c = written[0]
            blocks.append(Paragraph(texts[(r, c)], Origin(sheet=sheet, cell=_coordinate(r, c))))
    _flush(sheet, table, cells, blocks)
    return blocks


def _left(rows: list[int], by_row: dict[int, list[int]]) -> int:
    return min(c for r in rows for c in by_row.get(r, [10**6]))


def _flush(sheet: str, rows: list[int], cells: _Cells, blocks: list[Block]) -> None:
    """Rows `rows` (consecutive) as one table over the columns they use."""
    if not rows:
        return
    texts, merges, covered = cells.texts, cells.merges, cells.covered
    first, last = rows[0], rows[-1]
    inside = [(r, c) for (r, c) in (*texts, *cells.bordered) if first <= r <= last]
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


_MAX_DECIMALS = 30  # as Excel: a number format shows at most 30 decimal places


def _number(value: int | float | Decimal, number_format: str) -> str:
    section = _QUOTED.sub("", number_format.split(";")[0])
    percent = "%" in section
    if percent:
        value = Decimal(_plain(value)) * 100
    text = _plain(value)
    m = _DECIMALS.search(section)
    wanted = min(len(m.group(1).rstrip("#?")), _MAX_DECIMALS) if m else 0  # a crafted format asks for a million
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
