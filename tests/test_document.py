"""The block model every structured format is read into, printed as source text.

A seed laid out as the official template prints it (merged labels and headers, table 4 as one
row of 15) and printed by `to_source` must read back to the seed's 200 cells, whatever shape
its tables take: blanks for zeros, `&nbsp;` blanks, an 8th 法人小计 column.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLES, SEED_NAMES

from auditapp.api import Status, audit_source
from auditapp.docgen import Shape, report_document
from auditapp.ingest import detect_format, read_source
from auditapp.ingest.document import Paragraph, TableBlock, TableCell, clean, expand, to_source
from auditapp.parse.reader import parse_report
from auditapp.parse.values import Kind
from auditapp.rules import Severity
from auditapp.source import Origin, Source, Span

SHAPES = {
    "as printed": Shape(),
    "blank zeros": Shape(blank_zeros=True),
    "nbsp zeros": Shape(blank_zeros=True, blank_text="\xa0"),
    "subtotal column": Shape(subtotal_column=True),
    "subtotal and blanks": Shape(subtotal_column=True, blank_zeros=True),
}


@pytest.fixture(scope="module")
def seeds():
    return {name: parse_report(read_source(str(SAMPLES / name))) for name in SEED_NAMES}


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_seed_laid_out_as_the_template_reads_back_to_its_cells(seeds, name, shape):
    seed = seeds[name]
    source = to_source(name, report_document(seed, SHAPES[shape]), "test")
    result = audit_source(source)
    assert result.status is Status.OK, result.report.problems
    assert result.count(Severity.ERROR) == 0, [f.rule for f in result.findings if f.severity is Severity.ERROR]
    cells = result.report.cells
    assert set(cells) == set(seed.cells)
    for cid, cell in seed.cells.items():
        got = cells[cid]
        if SHAPES[shape].blank_zeros and cell.raw.strip() == "0":
            assert got.kind is Kind.BLANK, cid
        else:
            assert got.value == cell.value, cid
        assert source.snippet(got.span).strip() == got.raw, cid


def test_an_injected_fault_is_found_where_it_stands(seeds):
    seed = seeds[SEED_NAMES[0]]
    wrong = str(int(seed.cells["t3.granted.natural_person"].raw) + 5)
    source = to_source("x", report_document(seed, values={"t3.granted.natural_person": wrong}), "test")
    result = audit_source(source)
    cell = result.report.cells["t3.granted.natural_person"]
    assert source.snippet(cell.span) == wrong
    assert any(f.suspect == "t3.granted.natural_person" for f in result.findings if f.severity is Severity.ERROR)


def test_expand_puts_a_merged_cell_at_every_position_it_covers(seeds):
    blocks = report_document(seeds[SEED_NAMES[0]])
    t3 = next(b for b in blocks if isinstance(b, TableBlock) and any(c.text == "申请人情况" for c in b.rows[0]))
    grid = expand(t3)
    assert all(len(row) == 10 for row in grid)
    denied = [r for r, row in enumerate(grid) if row[1] is not None and row[1].text == "(三)不予公开"]
    assert len(denied) == 8 and denied == list(range(denied[0], denied[0] + 8))
    org = [c for c, cell in enumerate(grid[1]) if cell is not None and cell.text == "法人或其他组织"]
    assert org == [4, 5, 6, 7, 8]


def test_a_merged_cell_is_printed_once_and_a_blank_cell_keeps_its_place():
    table = TableBlock(
        [
            [TableCell("组", rowspan=2), TableCell("a"), TableCell("1")],
            [TableCell("b"), TableCell("")],
            [TableCell(""), TableCell(""), TableCell("")],
            [TableCell("")],
        ]
    )
    source = to_source("x", [Paragraph("标题"), table], "test")
    assert source.lines == ("标题", "组 | a | 1 |", "b |  |", " |  |  |")


def test_clean_joins_a_vertical_label_and_keeps_words_apart():
    assert clean("申\n请\n人\n情\n况") == "申请人情况"
    assert clean("  Section\n 2 \u3000 x ") == "Section 2 x"
    assert clean("a\xa0\xa0b") == "a b"


def test_origins_are_found_by_span():
    table = TableBlock(
        [
            [
                TableCell("规章", origin=Origin(sheet="表", cell="A3")),
                TableCell("7", origin=Origin(sheet="表", cell="B3")),
            ]
        ]
    )
    source = to_source("x", [Paragraph("p", Origin(page=2)), table], "xlsx")
    assert source.origin(Span(1, 0, 1)) == Origin(page=2)
    assert source.origin(Span(2, 5, 6)) == Origin(sheet="表", cell="B3")
    assert source.origin(Span(2, 0, 2)).cell == "A3"
    assert source.origin(Span(3, 0, 1)) is None
    assert Origin(sheet="表", cell="B3").describe() == "表!B3"
    assert Origin(page=4).describe("en") == "page 4"


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("a.pdf", b"%PDF-1.4\n...", "pdf"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8), "legacy"),
        ("a.txt", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("a.htm", "年度报告".encode("gb18030"), "html"),
        ("a.mht", b"MIME-Version: 1.0\r\n", "mht"),
        ("a", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", "mht"),
        ("a.txt", "政府信息公开工作年度报告".encode(), "text"),
    ],
)
def test_the_format_is_told_by_the_bytes_before_the_name(name, data, fmt):
    assert detect_format(name, data) == fmt


def _with_origins(seed, values=None) -> Source:
    """A seed's tables as a workbook would give them: every cell with its sheet and cell."""
    blocks = report_document(seed, values=values)
    for b in blocks:
        if isinstance(b, TableBlock):
            for r, row in enumerate(b.rows, 1):
                for c, cell in enumerate(row):
                    cell.origin = Origin(sheet="报表", cell=f"{chr(65 + c)}{r}")
        else:
            b.origin = Origin(page=1)
    src = to_source("book.xlsx", blocks, "xlsx", notes=("公式单元格 B9 没有计算结果",))
    return src


def test_origins_reach_the_json_the_text_output_and_the_workbook(seeds, tmp_path):
    from openpyxl import load_workbook

    from auditapp.export.jsonl import result_json
    from auditapp.export.workbook import write_workbook
    from auditapp.summary import summary

    seed = seeds[SEED_NAMES[0]]
    wrong = str(int(seed.cells["t3.granted.natural_person"].raw) + 5)
    result = audit_source(_with_origins(seed, {"t3.granted.natural_person": wrong}))
    out = result_json(result)
    cell = out["cells"]["t3.granted.natural_person"]
    assert cell["origin"]["sheet"] == "报表" and cell["origin"]["cell"] == "C6"
    assert out["source"]["notes"] == ["公式单元格 B9 没有计算结果"]
    text = summary(result, "zh")
    assert "公式单元格 B9 没有计算结果" in text
    assert any("报表!" in line and "t3." in line for line in text.splitlines() if "[错误]" in line)
    path = tmp_path / "audit.xlsx"
    write_workbook([result], str(path))
    book = load_workbook(path)
    sheet = next(ws for ws in book.worksheets if ws.cell(1, 3).value == "原件位置")
    line = result.report.cells["t3.granted.natural_person"].span.line
    assert sheet.cell(line + 1, 3).value.startswith("报表!A") and ":" in sheet.cell(line + 1, 3).value


def test_plain_text_has_no_origins(seeds):
    from auditapp.export.jsonl import result_json

    result = audit_source(read_source(str(SAMPLES / SEED_NAMES[0])))
    out = result_json(result)
    assert all("origin" not in c for c in out["cells"].values()) and "notes" not in out["source"]
    assert result.source.line_origin(3) == ""


def test_the_window_tells_a_cells_sheet_and_cell(seeds, qapp):
    from PySide6.QtCore import Qt

    from auditapp.gui.models import ReportTableModel

    result = audit_source(_with_origins(seeds[SEED_NAMES[0]]))
    model = ReportTableModel(result, result.report.template.table("t2"))
    index = model.index_of("t2.normative_documents.issued")
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "报表!B" in tip, tip
