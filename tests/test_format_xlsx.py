"""Excel .xlsx: each seed as a filled template workbook reads back to its 200 cells, and every
cell knows the sheet and cell it came from."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import time
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from conftest import SEED_NAMES
from roundtrip import audit_bytes as _audit_bytes
from roundtrip import errors, rewrite_part, seed_report, wrong_cells

from auditapp.api import Status, audit_file
from auditapp.docgen import Shape, report_document
from auditapp.docgen import xlsx as xlsx_writer
from auditapp.ingest import ReadError, read_source, source_from_bytes
from auditapp.ingest.document import Paragraph, TableBlock
from auditapp.ingest.xlsx import display, read_blocks
from auditapp.parse.values import Kind
from auditapp.rules import Severity
from auditapp.source import Origin

CHINESE = re.compile(r"[\u4e00-\u9fff]")
SHEET = xlsx_writer.SHEET


def seed_xlsx(name: str, shape: Shape | None = None, values: dict[str, str] | None = None) -> bytes:
    return xlsx_writer.write(report_document(seed_report(name), shape or Shape(), values=values))


def workbook(data: bytes, **kw):
    return openpyxl.load_workbook(io.BytesIO(data), **kw)


def saved(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def where(data: bytes, value) -> list[Origin]:
    """Every cell of the workbook holding `value`."""
    wb = workbook(data)
    return [
        Origin(sheet=ws.title, cell=c.coordinate)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value == value
    ]


# --- the seeds -----------------------------------------------------------------------------


def test_each_seed_reads_back_all_200_cells_without_errors(tmp_path, seed_path, expected):
    data = seed_xlsx(seed_path.name)
    result = audit_bytes(tmp_path, data)
    assert result.status is Status.OK, result.error
    assert result.source.format == "xlsx"
    assert len(result.report.cells) == 200
    assert wrong_cells(result, expected[seed_path.name]["cells"]) == []
    assert errors(result) == []
    wb = workbook(data)[SHEET]
    for cid, cell in result.report.cells.items():
        assert result.source.snippet(cell.span) == cell.raw, cid
        origin = result.source.origin(cell.span)  # the workbook's cell holds what the line shows
        assert origin is not None and origin.sheet == SHEET, cid
        assert str(wb[origin.cell].value) == cell.raw, (cid, origin)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_fault_injected_before_rendering_is_found_at_its_sheet_and_cell(tmp_path, expected, name):
    cid = "t3.new.business"
    injected = expected[name]["cells"][cid]["value"] + 1000
    data = seed_xlsx(name, values={cid: str(injected)})
    result = audit_bytes(tmp_path, data)
    flagged = [f for f in result.findings if f.severity is Severity.ERROR and (f.suspect == cid or cid in f.cells)]
    assert flagged, errors(result)
    cell = result.report.cells[cid]
    assert result.source.snippet(cell.span) == str(injected)
    (written,) = where(data, injected)  # where the writer put it
    assert result.source.origin(cell.span) == written


def test_a_fee_with_decimals_reads_as_written_without_float_noise(tmp_path):
    name = SEED_NAMES[0]  # a fee of 15391.38389 (万元)
    data = seed_xlsx(name)
    assert where(data, 15391.38389)  # written as a number
    result = audit_bytes(tmp_path, data)
    fee = result.report.cells["t2.fees.amount"]
    assert fee.raw == "15391.38389" and fee.value == Decimal("15391.38389")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_empty_cells_for_zero_read_as_blank(tmp_path, expected, name):
    result = audit_bytes(tmp_path, seed_xlsx(name, Shape(blank_zeros=True)))
    assert len(result.report.cells) == 200
    assert wrong_cells(result, expected[name]["cells"], blank_zero=True) == []
    assert errors(result) == []


def test_merged_cells_are_printed_once_with_their_spans():
    blocks, notes = read_blocks(seed_xlsx(SEED_NAMES[0]))
    assert notes == []
    source = source_from_bytes("x.xlsx", seed_xlsx(SEED_NAMES[0]))
    assert source.text.count("(三)不予公开") == 1
    assert source.text.count("三、本年度办理结果") == 1
    spans = {
        c.text: (c.rowspan, c.colspan, c.origin.cell[0])
        for b in blocks
        if isinstance(b, TableBlock)
        for row in b.rows
        for c in row
    }
    assert spans["申请人情况"] == (1, 7, "D")
    assert spans["(三)不予公开"] == (8, 1, "B")
    tables = [b for b in blocks if isinstance(b, TableBlock)]
    assert len(tables) == 3
    assert [len(row) for row in tables[2].rows] == [2, 7, 10, 15]  # table 4's 15 numbers on one row


def test_titles_are_lines_of_their_own_and_empty_rows_are_not_printed():
    name = SEED_NAMES[0]
    blocks, _ = read_blocks(seed_xlsx(name))
    titles = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert titles[0].endswith("年度报告")
    assert titles[1:] == [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    assert blocks[1].origin == Origin(sheet=SHEET, cell="A3")
    text = source_from_bytes("x.xlsx", seed_xlsx(name)).text
    assert all(line.replace("|", "").strip() for line in text.split("\n"))


def test_a_borderless_sheet_is_read_by_its_rows_of_values(tmp_path, expected):
    """A workbook a program wrote, without any cell style."""
    name = SEED_NAMES[3]
    wb = workbook(seed_xlsx(name))
    for row in wb[SHEET].iter_rows():
        for c in row:
            c.border = openpyxl.styles.Border()
    result = audit_bytes(tmp_path, saved(wb))
    assert wrong_cells(result, expected[name]["cells"]) == []
    assert errors(result) == []


def copy_sheet(source, target) -> None:
    for row in source.iter_rows():
        for c in row:
            if not isinstance(c, openpyxl.cell.cell.MergedCell):
                target[c.coordinate] = c.value
            target[c.coordinate].border = copy.copy(c.border)
    for rng in source.merged_cells.ranges:
        target.merge_cells(str(rng))


def test_tables_on_sheets_of_their_own_with_a_hidden_sheet_between(tmp_path, expected):
    name = SEED_NAMES[4]
    blocks = report_document(seed_report(name))
    tables = [k for k, b in enumerate(blocks) if isinstance(b, TableBlock)]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, k in enumerate(tables, 2):
        part = workbook(xlsx_writer.write([blocks[k - 1], blocks[k]]))
        copy_sheet(part.active, wb.create_sheet(f"表{n}"))
        if n == 2:
            hidden = wb.create_sheet("草稿")
            hidden["A1"], hidden["B1"] = "1、本机关制发", 999
            hidden.sheet_state = "hidden"
    data = saved(wb)
    result = audit_bytes(tmp_path, data)
    assert wrong_cells(result, expected[name]["cells"]) == []
    assert errors(result) == []
    assert "工作表：表3" in result.source.lines
    assert "999" not in result.source.text
    assert any("草稿" in note for note in result.source.notes)
    for cid, sheet in (("t2.regulations.issued", "表2"), ("t3.new.total", "表3"), ("t4.review.total", "表4")):
        assert result.source.origin(result.report.cells[cid].span).sheet == sheet


def test_a_wrong_dimension_and_a_merge_of_whole_columns_change_nothing(tmp_path, expected):
    """Programs write `<dimension ref="A1:XFD1048576"/>` and merge whole columns; the data stays where it is."""
    name = SEED_NAMES[0]

    def spoil(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)
        return xml.replace(b"</mergeCells>", b'<mergeCell ref="Z1:AA1048576"/><mergeCell ref="A2:XFD2"/></mergeCells>')

    data = rewrite_part(seed_xlsx(name), "xl/worksheets/sheet1.xml", spoil)
    assert b'<mergeCell ref="Z1:AA1048576"/>' in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    started = time.monotonic()
    result = audit_bytes(tmp_path, data)
    assert time.monotonic() - started < 5
    assert wrong_cells(result, expected[name]["cells"]) == []
    assert errors(result) == []


# --- values as a person sees them -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (3, "General", "3"),
        (3.0, "General", "3"),
        (15391.38389, "General", "15391.38389"),
        (15391.383890000001, "General", "15391.38389"),  # as Excel stores it: 17 digits
        (0.1 + 0.2, "General", "0.3"),
        (1.5, "0.00", "1.50"),
        (1.5, "#,##0.00_);[Red](#,##0.00)", "1.50"),
        (12, "0.00", "12"),
        (0.25, "0%", "25%"),
        (1e-7, "General", "0.0000001"),
        (None, "General", ""),
        (True, "General", "TRUE"),
        ("  无  ", "@", "  无  "),
        (dt.datetime(2024, 1, 16), "yyyy/m/d", "2024-01-16"),
        (dt.datetime(2024, 1, 16, 9, 30), "yyyy/m/d h:mm", "2024-01-16 09:30:00"),
        (dt.date(2024, 1, 16), "yyyy-mm-dd", "2024-01-16"),
    ],
)
def test_cell_values_are_shown_as_a_person_sees_them(value, number_format, shown):
    assert display(value, number_format) == shown


def test_a_date_cell_reads_as_an_iso_date():
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B1"] = "发布日期", dt.date(2024, 1, 16)
    assert source_from_bytes("x.xlsx", saved(wb)).text == "发布日期 | 2024-01-16 |"


# --- formulas -----------------------------------------------------------------------------


def with_formula_total(tmp_path, name: str) -> tuple[bytes, str]:
    """The seed's workbook with t3.new.total as a SUM formula, as openpyxl saves it: no result."""
    data = seed_xlsx(name)
    at = audit_bytes(tmp_path, data).source.origin
    report = audit_bytes(tmp_path, data).report
    total = at(report.cells["t3.new.total"].span).cell
    first = at(report.cells["t3.new.natural_person"].span).cell
    last = at(report.cells["t3.new.other_org"].span).cell
    wb = workbook(data)
    wb[SHEET][total] = f"=SUM({first}:{last})"
    return saved(wb), total


def test_a_formula_without_a_saved_result_reads_blank_and_is_noted(tmp_path):
    data, total = with_formula_total(tmp_path, SEED_NAMES[0])
    result = audit_bytes(tmp_path, data)
    assert result.report.cells["t3.new.total"].kind is Kind.BLANK
    (note,) = result.source.notes
    assert total in note and "公式" in note and SHEET in note


def test_a_formulas_saved_result_is_read(tmp_path, expected):
    name = SEED_NAMES[0]
    data, total = with_formula_total(tmp_path, name)
    value = expected[name]["cells"]["t3.new.total"]["value"]

    def cache(xml: bytes) -> bytes:  # what Excel writes: the formula and its last result
        return re.sub(
            rb"(<c r=\"" + total.encode() + rb"\"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?", rb"\g<1><v>%d</v>" % value, xml
        )

    data = rewrite_part(data, "xl/worksheets/sheet1.xml", cache)
    result = audit_bytes(tmp_path, data)
    assert result.source.notes == ()
    assert result.report.cells["t3.new.total"].value == value
    assert errors(result) == []


# --- other files -----------------------------------------------------------------------------


def test_a_macro_enabled_workbook_is_read(tmp_path, expected):
    name = SEED_NAMES[1]
    data = rewrite_part(
        seed_xlsx(name),
        "[Content_Types].xml",
        lambda xml: xml.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        ),
    )
    assert b"macroEnabled" in zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    result = audit_bytes(tmp_path, data, ".xlsm")
    assert wrong_cells(result, expected[name]["cells"]) == []


def test_a_truncated_xlsx_is_a_read_error_in_chinese(tmp_path):
    data = seed_xlsx(SEED_NAMES[0])
    path = tmp_path / "broken.xlsx"
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ReadError) as e:
        read_source(str(path))
    assert e.value.code == "corrupt" and CHINESE.search(e.value.message)
    result = audit_file(str(path))
    assert result.status is Status.FAILED and CHINESE.search(result.error)


def test_an_xlsx_with_broken_sheet_xml_is_a_read_error():
    data = rewrite_part(seed_xlsx(SEED_NAMES[0]), "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    with pytest.raises(ReadError) as e:
        source_from_bytes("x.xlsx", data)
    assert e.value.code == "corrupt"
    assert "Excel" in e.value.message and CHINESE.search(e.value.message)


def test_an_xlsx_declaring_xml_entities_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'

    def declare(xml: bytes) -> bytes:
        return bomb + (xml[xml.index(b"?>") + 2 :] if xml.startswith(b"<?xml") else xml)

    data = rewrite_part(seed_xlsx(SEED_NAMES[0]), "xl/worksheets/sheet1.xml", declare)
    with pytest.raises(ReadError) as e:
        source_from_bytes("x.xlsx", data)
    assert e.value.code == "unsafe" and CHINESE.search(e.value.message)


def audit_bytes(tmp_path, data: bytes, suffix: str = ".xlsx"):
    return _audit_bytes(tmp_path, data, suffix)
