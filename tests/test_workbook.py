"""The annotated audit workbook (issue 5), reopened with openpyxl and, where it helps, LibreOffice.

Cells are found through the sheet's own layout (table titles, header labels, row labels), not
through the writer's internals, so the layout itself is under test; the findings list's links
and the summary's links are then checked against what the layout says.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLES, SEED_NAMES, needs_libreoffice
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from auditapp.api import AuditResult, audit_file, audit_source
from auditapp.export import workbook as wbmod
from auditapp.export.workbook import (
    FULL_LIMIT,
    ExportError,
    Review,
    build_workbook,
    finding_key,
    put_text,
    write_workbook,
)
from auditapp.ingest import legacy
from auditapp.rules import Severity
from auditapp.source import Source
from auditapp.template import TEMPLATE_2021

SEED0 = SEED_NAMES[0]  # 000_5765c3367762f63e.txt
RED, AMBER, SUSPECT, INVOLVED = "F8CBAD", "FFE699", "FF7C80", "FCE4D6"
FLAG_COLOURS = {RED, AMBER, SUSPECT}
SUMMARY, FINDINGS = "审核汇总", "问题清单"

# The injected faults (seed 000): a body cell off by one, a narrative number, formula-like text.
FAULTS = (
    ("| 782 | 8 |", "| 781 | 8 |"),  # t3.new.natural_person: row total and balance fail, suspect
    ("其中764件已办结", "其中765件已办结"),  # the narrative disagrees with t3.total.total
    ("行政许可 | 310541", '行政许可 | =HYPERLINK("x")'),  # report text that looks like a formula
)
PAYLOADS = ("=1+1", "+1+1", "-1+1", "@SUM(A1)", '=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0")
# Payloads put into value cells and lines of seed 000 (each replacement must match exactly once).
HOSTILE = (
    ("杭州市钱塘区人民政府2023年度", "=1+1区人民政府2023年度"),
    ("规章 | 0 | 0 | 0 |", "规章 | 0 | =1+1 | 0 |"),
    ("行政处罚 | 7537 |", "行政处罚 | +1+1 |"),
    ("| 23 | 0 | 0 | 0 | 0 | 0 | 23 |", "| 23 | 0 | -1+1 | 0 | 0 | 0 | 23 |"),
    ("\n8 | 0 | 0 | 0 | 8 | 2 |", "\n@SUM(A1) | 0 | 0 | 0 | 8 | 2 |"),
    (
        "2023年全区未发生政府信息公开责任追究情况。\n",
        '2023年全区未发生政府信息公开责任追究情况。\n=HYPERLINK("http://x","y")\n=cmd|\' /C calc\'!A0\n',
    ),
)
HOSTILE_CELLS = {
    "t2.regulations.repealed": "=1+1",
    "t2.penalty.decisions": "+1+1",
    "t3.carried_over.research": "-1+1",
    "t4.review.upheld": "@SUM(A1)",
}

REF = r"[A-Z]{1,3}[1-9][0-9]*"
OUR_FORMULA = re.compile(rf"=SUM\({REF}(?:,{REF})*\)(?:-SUM\({REF}(?:,{REF})*\))?|=N\({REF}\)-{REF}")
LINK = re.compile(r"#'([^']+)'!([A-Z]{1,3}[1-9][0-9]*)")
BAD_SHEET_CHARS = set("[]:*?/\\")


# ---- helpers -------------------------------------------------------------------------------------


def inject(text: str, replacements) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, f"fault anchor not found exactly once: {old!r}"
        text = text.replace(old, new)
    return text


def link_of(cell: Cell) -> str | None:
    """An in-document link as '#<location>', whichever way the file stores it."""
    h = cell.hyperlink
    if h is None:
        return None
    return f"#{h.location}" if h.location else h.target


def parse_link(cell: Cell) -> tuple[str, str]:
    link = link_of(cell)
    assert link is not None, f"{cell.coordinate} has no link"
    m = LINK.fullmatch(link)
    assert m, f"{cell.coordinate}: not an in-document link: {link!r}"
    return m.group(1), m.group(2)


def rgb(cell: Cell) -> str | None:
    if cell.fill is None or cell.fill.fill_type != "solid":
        return None
    return str(cell.fill.fgColor.rgb)[-6:]


def find(ws: Worksheet, text: str, min_row: int = 1) -> Cell:
    for row in ws.iter_rows(min_row=min_row):
        for c in row:
            if c.value == text:
                return c
    raise AssertionError(f"{text!r} not on sheet {ws.title}")


def merged_range(ws: Worksheet, coord: str) -> str:
    for rng in ws.merged_cells.ranges:
        if coord in rng:
            return str(rng)
    return coord


def headers(ws: Worksheet) -> dict[str, int]:
    return {c.value: c.column for c in ws[1] if c.value is not None}


def report_sheets(wb: Workbook, path: str) -> tuple[str | None, str | None]:
    """(tables sheet, source sheet) of a report, through the summary's links."""
    ws = wb[SUMMARY]
    col = headers(ws)
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col["文件"]).value == os.path.basename(path):
            out = []
            for name in ("表格", "原文"):
                cell = ws.cell(r, col[name])
                if link_of(cell) is None:
                    out.append(None)
                    continue
                sheet, ref = parse_link(cell)
                assert ref == "A1" and sheet in wb.sheetnames
                out.append(sheet)
            return out[0], out[1]
    raise AssertionError(f"{path} not in the summary")


def locate(ws: Worksheet) -> dict[str, str]:
    """Cell id → coordinate, read off the tables sheet's layout (titles, headers, row labels)."""
    refs: dict[str, str] = {}
    t2, t3, t4 = (TEMPLATE_2021.table(t) for t in ("t2", "t3", "t4"))
    # Table 2: per group its label, a 信息内容 header naming the columns, then its rows.
    start = find(ws, f"{t2.short_name}\u3000{t2.title}").row
    for group in t2.groups:
        g = find(ws, group.label, start)
        head = g.row + 1
        assert ws.cell(head, 1).value == "信息内容"
        cols = {c.value: c.column for c in ws[head] if c.value is not None}
        rows = [row for row in t2.rows if row.group == group.id]
        for k, row in enumerate(rows):
            r = head + 1 + k
            assert ws.cell(r, 1).value == row.label, (r, row.label)
            for cid in row.columns:
                refs[f"t2.{row.id}.{cid}"] = ws.cell(r, cols[t2.column_label(cid)]).coordinate
    # Table 3: 申请人情况 over the column headers; one sheet row per template row, in order.
    top = find(ws, "申请人情况")
    h, c0 = top.row, top.column
    col_at: dict[str, int] = {}
    for col in t3.columns:
        hits = [c for r in (h + 1, h + 2) for c in range(c0, c0 + len(t3.columns)) if ws.cell(r, c).value == col.label]
        assert len(hits) == 1, (col.label, hits)
        col_at[col.id] = hits[0]
        if col.parent:
            anchor = merged_range(ws, ws.cell(h + 1, hits[0]).coordinate).split(":")[0]
            assert ws[anchor].value == col.parent
    for k, row in enumerate(t3.rows):
        r = h + 3 + k
        labels = [ws.cell(r, c).value for c in (1, 2, 3) if ws.cell(r, c).value]
        assert labels and labels[-1].endswith(row.label), (r, labels, row.label)
        for cid in row.columns:
            refs[f"t3.{row.id}.{cid}"] = ws.cell(r, col_at[cid]).coordinate
    # Table 4: 行政复议 | 行政诉讼 (two row headers), column labels, then one row of numbers.
    first = find(ws, t4.row("review").label, h)
    h4 = first.row
    for row in t4.rows:
        label = find(ws, row.label, h4)
        assert label.row in (h4, h4 + 1)
        for k, col in enumerate(t4.columns):
            c = label.column + k
            below = ws.cell(h4 + 2, c).value
            assert (below if below is not None else ws.cell(h4 + 1, c).value) == col.label
            refs[f"t4.{row.id}.{col.id}"] = ws.cell(h4 + 3, c).coordinate
    assert set(refs) == set(TEMPLATE_2021.cell_ids())
    assert len(set(refs.values())) == len(refs)
    return refs


def terms(formula: str) -> tuple[frozenset[str], frozenset[str]]:
    """(added, subtracted) references of one of our formulas: =SUM(a,…)[-SUM(b,…)] or =N(a)-b."""
    m = re.fullmatch(rf"=SUM\(({REF}(?:,{REF})*)\)(?:-SUM\(({REF}(?:,{REF})*)\))?", formula)
    if m:
        minus = frozenset(m.group(2).split(",")) if m.group(2) else frozenset()
        return frozenset(m.group(1).split(",")), minus
    m = re.fullmatch(rf"=N\(({REF})\)-({REF})", formula)
    assert m, formula
    return frozenset({m.group(1)}), frozenset({m.group(2)})


def relation_cells(ws: Worksheet, refs: dict[str, str]) -> dict[str, tuple[str, str]]:
    """'<rule>:<key>' → (recomputation cell, difference cell) for every relation of the template."""
    by_terms: dict[tuple[frozenset, frozenset], list[str]] = {}
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f":
                by_terms.setdefault(terms(c.value), []).append(c.coordinate)
    out = {}
    for rel in TEMPLATE_2021.relations:
        want = (frozenset(refs[p] for p in rel.parts), frozenset(refs[t] for t in rel.totals[1:]))
        calc = by_terms.get(want, [])
        assert len(calc) == 1, f"{rel.rule}:{rel.key}: recomputation {want} found {calc}"
        diff = by_terms.get((frozenset({refs[rel.totals[0]]}), frozenset(calc)), [])
        assert len(diff) == 1, f"{rel.rule}:{rel.key}: difference cell found {diff}"
        out[f"{rel.rule}:{rel.key}"] = (calc[0], diff[0])
    return out


def all_cells(wb: Workbook) -> Iterator[tuple[Worksheet, Cell]]:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                yield ws, c


def number(value) -> Decimal:
    assert isinstance(value, int | float) and not isinstance(value, bool), f"not a number: {value!r}"
    return Decimal(str(value))


def flagged(result: AuditResult) -> tuple[dict[str, list], set[str]]:
    cells: dict[str, list] = {}
    suspects = set()
    for f in result.findings:
        if f.severity is Severity.INFO:
            continue
        for cid in f.cells:
            cells.setdefault(cid, []).append(f)
        if f.suspect:
            suspects.add(f.suspect)
    return cells, suspects


def fmt(d: Decimal) -> str:
    return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_text() -> str:
    return (SAMPLES / SEED0).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed() -> AuditResult:
    result = audit_file(str(SAMPLES / SEED0))
    assert result.status.value == "ok" and result.findings == []
    return result


@pytest.fixture(scope="module")
def faulty(tmp_path_factory, seed_text) -> AuditResult:
    path = tmp_path_factory.mktemp("faulty") / "000_faulty.txt"
    path.write_text(inject(seed_text, FAULTS), encoding="utf-8")
    result = audit_file(str(path))
    rules = sorted(f.rule for f in result.findings)
    assert rules == ["narrative.table", "structure.row_empty", "t3.balance", "t3.row_total"], rules
    return result


@pytest.fixture(scope="module")
def book(tmp_path_factory, seed, faulty) -> tuple[Path, Workbook]:
    """The seed and the faulty report in one workbook, written to disk and reopened."""
    target = tmp_path_factory.mktemp("book") / "audit.xlsx"
    write_workbook([seed, faulty], str(target))
    return target, load_workbook(target)


@pytest.fixture(scope="module")
def layout(book, seed, faulty) -> dict[str, dict]:
    _, wb = book
    out = {}
    for name, result in (("seed", seed), ("faulty", faulty)):
        tables, source = report_sheets(wb, result.path)
        assert tables and source
        out[name] = {"tables": tables, "source": source, "refs": locate(wb[tables]), "result": result}
    return out


# ---- every value ---------------------------------------------------------------------------------


def test_every_value_of_the_seed_is_in_its_cell_as_a_number(book, layout, expected):
    _, wb = book
    seed = layout["seed"]
    ws, src = wb[seed["tables"]], wb[seed["source"]]
    cells = expected[SEED0]["cells"]
    assert set(cells) == set(seed["refs"])
    for cid, want in cells.items():
        cell = ws[seed["refs"][cid]]
        assert cell.data_type == "n", (cid, cell.value)
        assert number(cell.value) == Decimal(str(want["value"])), cid
        assert type(cell.value) is type(want["value"]), (cid, cell.value)  # 782 as int, 15391.38389 as float
        # each numeric cell links to its source line, and that row holds the line
        sheet, ref = parse_link(cell)
        assert (sheet, ref) == (seed["source"], f"B{want['line'] + 1}"), cid
        assert src[ref].value == seed["result"].source.line(want["line"])
        assert src[f"A{want['line'] + 1}"].value == want["line"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_seed_round_trips_its_values(name, expected):
    result = audit_file(str(SAMPLES / name))
    wb = build_workbook([result], {})
    tables, _ = report_sheets(wb, result.path)
    refs = locate(wb[tables])
    for cid, want in expected[name]["cells"].items():
        assert number(wb[tables][refs[cid]].value) == Decimal(str(want["value"])), (name, cid)


def test_the_faulty_report_shows_what_it_says(book, layout, faulty):
    _, wb = book
    f = layout["faulty"]
    ws = wb[f["tables"]]
    assert ws[f["refs"]["t3.new.natural_person"]].value == 781
    missing = ws[f["refs"]["t2.licensing.decisions"]]  # the formula-like text is not a number
    assert missing.data_type == "s" and missing.value == "（缺）"
    for cid, cell in faulty.report.cells.items():
        if cell.number is not None:
            assert number(ws[f["refs"][cid]].value) == cell.number, cid
    # the source sheet keeps the formula-looking line as text
    line = faulty.report.source.lines.index('行政许可 | =HYPERLINK("x") | ||') + 1
    src = wb[f["source"]][f"B{line + 1}"]
    assert src.data_type == "s" and src.value == '行政许可 | =HYPERLINK("x") | ||'


# ---- fills and notes -----------------------------------------------------------------------------


def test_fills_and_notes_on_exactly_the_flagged_cells(book, layout, faulty):
    """Each finding's note stands on one cell, its anchor (the suspect, else its first cell), with
    its number; the other cells of a failing relation are only shaded (issue 16, problem 2)."""
    _, wb = book
    f = layout["faulty"]
    ws = wb[f["tables"]]
    refs = f["refs"]
    by_cell, suspects = flagged(faulty)
    assert suspects == {"t3.new.natural_person"}
    anchors: dict[str, list[int]] = {}
    for n, x in enumerate(faulty.findings, 1):
        if x.severity is not Severity.INFO:
            anchors.setdefault(x.suspect or x.cells[0], []).append(n)
    assert set(anchors) == {"t3.new.natural_person", "t2.licensing.decisions", "t3.total.total"}
    for cid, ref in refs.items():
        cell = ws[ref]
        found = by_cell.get(cid)
        if not found:
            assert cell.comment is None, cid
            assert rgb(cell) not in FLAG_COLOURS | {INVOLVED}, cid
            continue
        if cid not in anchors:  # another cell of a failing relation: shaded, no note
            assert cell.comment is None, (cid, cell.comment.text)
            assert rgb(cell) == INVOLVED, cid
            continue
        text = cell.comment.text
        assert [line.split("：")[0] for line in text.splitlines()] == [f"问题 {n}" for n in anchors[cid]], text
        if cid in suspects:
            assert rgb(cell) == SUSPECT, cid
            assert {cell.border.left.style, cell.border.right.style} == {"thick"}
            assert {cell.border.top.style, cell.border.bottom.style} == {"thick"}
        else:
            assert rgb(cell) == AMBER, cid  # the two anchored warnings
    # the named cells, spelled out
    assert "764" in ws[refs["t3.total.total"]].comment.text and "765" in ws[refs["t3.total.total"]].comment.text
    note = ws[refs["t3.new.natural_person"]].comment.text
    assert note.splitlines() == [
        "问题 1：此格可能应为 782（现为 781），改后“申请数量平衡”成立",
        "问题 2：此格可能应为 782（现为 781），改后“行合计”成立",
    ]
    assert rgb(ws[refs["t3.new.total"]]) == INVOLVED
    # no note anywhere but on the anchors
    noted = {(s.title, c.coordinate) for s, c in all_cells(wb) if c.comment is not None}
    assert noted == {(f["tables"], refs[cid]) for cid in anchors}


def test_a_clean_seed_has_no_fill_or_note(book, layout):
    _, wb = book
    for key in ("tables", "source"):
        ws = wb[layout["seed"][key]]
        for row in ws.iter_rows():
            for c in row:
                assert c.comment is None, c.coordinate
                assert rgb(c) not in FLAG_COLOURS, (ws.title, c.coordinate)
                assert c.border.left.style != "thick"


def test_the_source_sheet_highlights_lines_of_flagged_cells(book, layout, faulty):
    _, wb = book
    f = layout["faulty"]
    src = wb[f["source"]]
    lines = faulty.report.source.lines
    assert src.max_row == len(lines) + 1
    line_37 = faulty.report.cells["t3.new.natural_person"].span.line  # errors → red
    assert rgb(src[f"B{line_37 + 1}"]) == RED and rgb(src[f"A{line_37 + 1}"]) == RED
    narrative = next(x for x in faulty.findings if x.rule == "narrative.table").spans[0].line
    assert rgb(src[f"B{narrative + 1}"]) == AMBER
    assert "765件已办结" in src[f"B{narrative + 1}"].value
    clean = faulty.report.cells["t3.granted.total"].span.line
    assert rgb(src[f"B{clean + 1}"]) is None


def test_every_listed_warning_line_is_highlighted(book, layout, faulty):
    _, wb = book
    src = wb[layout["faulty"]["source"]]
    row_empty = next(x for x in faulty.findings if x.rule == "structure.row_empty")
    line = row_empty.lines[0]
    assert src[f"B{line + 1}"].value.startswith("行政许可")
    assert rgb(src[f"B{line + 1}"]) == AMBER


# ---- links -------------------------------------------------------------------------------------


def test_each_finding_row_links_to_its_cell_and_source_line(book, layout, seed, faulty):
    _, wb = book
    ws = wb[FINDINGS]
    col = headers(ws)
    assert list(col) == ["序号", "报告", "位置", "原文行", "级别", "说明", "建议", "复核"]  # what a reader needs
    f = layout["faulty"]
    rows = list(range(2, ws.max_row + 1))
    assert len(rows) == len(seed.findings) + len(faulty.findings) == 4
    for n, (r, finding) in enumerate(zip(rows, faulty.findings, strict=True), 1):
        assert ws.cell(r, col["序号"]).value == n  # 问题 n, as the notes on the cells call it
        assert ws.cell(r, col["报告"]).value == "000_faulty.txt"
        assert ws.cell(r, col["说明"]).value == finding.message()
        assert ws.cell(r, col["说明"]).alignment.wrap_text
        first = finding.suspect or finding.cells[0]
        assert ws.cell(r, col["位置"]).value == TEMPLATE_2021.cell_words(first)
        sheet, ref = parse_link(ws.cell(r, col["序号"]))
        assert (sheet, ref) == (f["tables"], f["refs"][first])
        target = wb[sheet][ref]
        cell = faulty.report.cells.get(first)
        if cell is not None and cell.number is not None:
            assert number(target.value) == cell.number
        line_cell = ws.cell(r, col["原文行"])
        line = line_cell.value
        assert isinstance(line, int)
        assert parse_link(line_cell) == (f["source"], f"B{line + 1}")
        assert wb[f["source"]][f"B{line + 1}"].value == faulty.report.source.line(line)
    advice = [ws.cell(r, col["建议"]).value for r, x in zip(rows, faulty.findings, strict=True) if x.suspect]
    assert advice == ["建议改为 782", "建议改为 782"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")


def test_summary_rows_link_to_the_reports_sheets(book, layout, seed, faulty):
    _, wb = book
    ws = wb[SUMMARY]
    col = headers(ws)
    assert [ws.cell(r, col["文件"]).value for r in (2, 3)] == ["000_5765c3367762f63e.txt", "000_faulty.txt"]
    assert [ws.cell(r, col["审核结论"]).value for r in (2, 3)] == ["正常", "有错误"]
    assert [ws.cell(r, col["报告单位"]).value for r in (2, 3)] == ["杭州市钱塘区人民政府"] * 2
    assert [ws.cell(r, col["年度"]).value for r in (2, 3)] == [2023, 2023]
    assert [ws.cell(2, col[k]).value for k in ("错误", "警告")] == [0, 0]
    assert [ws.cell(3, col[k]).value for k in ("错误", "警告")] == [2, 2]
    for key, result in (("seed", seed), ("faulty", faulty)):
        tables, source = layout[key]["tables"], layout[key]["source"]
        assert os.path.basename(result.path) in wb[tables]["A1"].value
        assert os.path.basename(result.path) in wb[source]["B1"].value
        back = find(wb[tables], "← 审核汇总")
        assert parse_link(back) == (SUMMARY, "A1")
    assert layout["seed"]["tables"] != layout["faulty"]["tables"]
    assert len(wb.sheetnames) == 8  # summary, findings, figures; tables and source of both; the faulty one's letter


# ---- merged headers ------------------------------------------------------------------------------


def test_merged_header_ranges_of_tables_3_and_4(book, layout):
    _, wb = book
    ws = wb[layout["seed"]["tables"]]
    refs = layout["seed"]["refs"]

    def cols(cids):
        return sorted(ws[refs[c]].column for c in cids)

    def bounds(text):  # min_col, min_row, max_col, max_row of the merged range a label heads
        return range_boundaries(merged_range(ws, find(ws, text).coordinate))

    t3_cols = cols(f"t3.new.{c.id}" for c in TEMPLATE_2021.table("t3").columns)
    c1, _, c2, _ = bounds("申请人情况")
    assert (c1, c2) == (t3_cols[0], t3_cols[-1]) and c2 - c1 + 1 == 7
    org = cols(f"t3.new.{c}" for c in ("business", "research", "social_org", "legal_service", "other_org"))
    c1, _, c2, _ = bounds("法人或其他组织")
    assert (c1, c2) == (org[0], org[-1]) and c2 - c1 + 1 == 5
    c1, r1, c2, r2 = bounds("自然人")
    assert c1 == c2 == t3_cols[0] and r2 - r1 == 1  # over two header rows
    # side labels: the results section and a group spanning their rows
    results = [r for r in TEMPLATE_2021.table("t3").rows if r.group and r.id != "carried_forward"]
    rows = sorted(ws[refs[f"t3.{r.id}.total"]].row for r in results)
    _, r1, _, r2 = bounds("三、本年度办理结果")
    assert (r1, r2) == (rows[0], rows[-1])
    denied = sorted(ws[refs[f"t3.{r.id}.total"]].row for r in results if r.group == "denied")
    _, r1, _, r2 = bounds("(三)不予公开")
    assert (r1, r2) == (denied[0], denied[-1]) and len(denied) == 8
    # table 4
    c4 = TEMPLATE_2021.table("t4").columns
    review = cols(f"t4.review.{c.id}" for c in c4)
    suits = cols(f"t4.{r}.{c.id}" for r in ("suit_direct", "suit_after_review") for c in c4)
    c1, _, c2, _ = bounds("行政复议")
    assert (c1, c2) == (review[0], review[-1]) and c2 - c1 + 1 == 5
    c1, _, c2, _ = bounds("行政诉讼")
    assert (c1, c2) == (suits[0], suits[-1]) and c2 - c1 + 1 == 10
    for label in ("未经复议直接起诉", "复议后起诉"):
        c1, _, c2, _ = bounds(label)
        assert c2 - c1 + 1 == 5


# ---- live formulas -------------------------------------------------------------------------------


def test_live_formulas_reference_the_right_cells(book, layout):
    _, wb = book
    for key in ("seed", "faulty"):
        ws = wb[layout[key]["tables"]]
        refs = layout[key]["refs"]
        rels = relation_cells(ws, refs)
        assert len(rels) == len(TEMPLATE_2021.relations)
        for rel in TEMPLATE_2021.relations:
            calc, diff = rels[f"{rel.rule}:{rel.key}"]
            total = ws[refs[rel.totals[0]]]
            if rel.rule == "t3.row_total":  # next to the row total: =SUM(six body cells), then the difference
                assert ws[calc].value.startswith("=SUM(")
                assert ws[calc].row == ws[diff].row == total.row
                assert ws[calc].column == total.column + 1 and ws[diff].column == total.column + 2
                assert len(terms(ws[calc].value)[0]) == 6
            else:  # under the table, in the total's column
                assert ws[calc].column == ws[diff].column == total.column
                assert ws[calc].row > total.row and ws[diff].row == ws[calc].row + 1
        # every formula on the sheet is one of these
        formulas = {c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"}
        assert formulas == {x for pair in rels.values() for x in pair}
    faulty_ws = wb[layout["faulty"]["tables"]]
    new_row = faulty_ws[layout["faulty"]["refs"]["t3.new.natural_person"]].row
    assert f"=SUM(D{new_row},E{new_row},F{new_row},G{new_row},H{new_row},I{new_row})" in {
        c.value for c in faulty_ws[new_row]
    }


def _soffice(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    profile = (cwd / "lo-profile").as_uri()
    return subprocess.run(
        [legacy.find_soffice() or "soffice", f"-env:UserInstallation={profile}", "--headless", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


needs_soffice = needs_libreoffice("calc")  # the workbooks are recalculated and printed by Calc


@needs_soffice
def test_libreoffice_computes_zero_differences_on_the_seed_and_one_at_the_fault(book, layout, tmp_path):
    path, wb = book
    out = tmp_path / "calc"
    done = _soffice(["--convert-to", "xlsx", "--outdir", str(out), str(path)], tmp_path)
    assert done.returncode == 0, done.stderr
    values = load_workbook(out / path.name, data_only=True)
    faulty_nonzero = {"t3.row_total:new", "t3.balance:natural_person"}
    for key in ("seed", "faulty"):
        name, refs = layout[key]["tables"], layout[key]["refs"]
        rels = relation_cells(wb[name], refs)
        ws = values[name]
        for rel, (calc, diff) in rels.items():
            got = ws[diff].value
            want = 1 if key == "faulty" and rel in faulty_nonzero else 0
            assert got == want, (key, rel, diff, got)
            assert isinstance(ws[calc].value, int | float), (key, rel, calc, ws[calc].value)
    f = layout["faulty"]
    calc, _ = relation_cells(wb[f["tables"]], f["refs"])["t3.row_total:new"]
    assert values[f["tables"]][calc].value == 790


@needs_soffice
def test_libreoffice_converts_the_workbook_to_pdf(book, tmp_path):
    path, _ = book
    out = tmp_path / "pdf"
    done = _soffice(["--convert-to", "pdf", "--outdir", str(out), str(path)], tmp_path)
    assert done.returncode == 0, done.stderr
    pdf = out / "audit.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):  # a page renders to an image
        subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(out / "page")], check=True)
        pngs = list(out.glob("page*.png"))
        assert pngs and pngs[0].stat().st_size > 1000


# ---- review columns ------------------------------------------------------------------------------


def test_review_columns(seed, faulty):
    first, second = faulty.findings[0], faulty.findings[1]
    reviews = {
        (faulty.path, finding_key(first)): Review("confirmed", "已核实"),
        (faulty.path, finding_key(second)): Review("dismissed", "口径不同"),
        ("elsewhere.txt", finding_key(first)): Review("confirmed", "别的报告"),
    }
    wb = build_workbook([seed, faulty], reviews)
    ws = wb[FINDINGS]
    col = headers(ws)
    got = [ws.cell(r, col["复核"]).value for r in range(2, ws.max_row + 1)]
    assert got == ["确认：已核实", "驳回：口径不同", "未复核", "未复核"]
    summary = wb[SUMMARY]
    scol = headers(summary)
    counts = [tuple(summary.cell(r, scol[k]).value for k in ("错误", "已确认", "已驳回")) for r in (2, 3)]
    assert counts == [(0, 0, 0), (1, 1, 1)]  # the dismissed error no longer counts
    # without reviews nothing is counted
    plain = build_workbook([faulty], {})
    assert [plain[SUMMARY].cell(2, scol[k]).value for k in ("错误", "已确认", "已驳回")] == [2, 0, 0]


def test_a_review_marks_only_its_own_finding(seed_text):
    text = inject(
        seed_text,
        (
            ("其中764件已办结", "其中765件已办结"),
            (
                "2023年全区未发生政府信息公开责任追究情况。",
                "2023年全区未发生政府信息公开责任追究情况。全年共办结申请766件。",
            ),
        ),
    )
    result = audit_source(Source.from_text("two.txt", text))
    narrative = [f for f in result.findings if f.rule == "narrative.table"]
    assert len(narrative) == 2 and narrative[0].spans[0].line != narrative[1].spans[0].line
    key = (os.path.abspath(result.path), finding_key(narrative[0]))  # reviews are kept by absolute path
    wb = build_workbook([result], {key: Review("confirmed", "已核实")})
    col = headers(wb[SUMMARY])
    assert wb[SUMMARY].cell(2, col["已确认"]).value == 1
    assert len({finding_key(f) for f in result.findings}) == len(result.findings)


# ---- nothing from report text is a formula -------------------------------------------------------


def test_put_text_keeps_formula_payloads_as_text(tmp_path):
    wb = Workbook()
    ws = wb.active
    for r, payload in enumerate(PAYLOADS, 1):
        assert put_text(ws.cell(r, 1), payload) is ws.cell(r, 1)
    wb.save(tmp_path / "p.xlsx")
    back = load_workbook(tmp_path / "p.xlsx").active
    assert [(back.cell(r, 1).value, back.cell(r, 1).data_type) for r in range(1, len(PAYLOADS) + 1)] == [
        (p, "s") for p in PAYLOADS
    ]


def test_no_cell_from_report_text_is_a_formula(tmp_path, seed_text, faulty):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(inject(seed_text, HOSTILE), encoding="utf-8")
    result = audit_file(str(hostile))
    assert result.report.meta.agency == "=1+1区人民政府"
    reviews = {(result.path, finding_key(f)): Review("dismissed", "=cmd|' /C calc'!A0") for f in result.findings}
    target = tmp_path / "out.xlsx"
    write_workbook([result, faulty], str(target), reviews)
    wb = load_workbook(target)
    formulas = 0
    for ws, c in all_cells(wb):
        if c.data_type == "f":
            formulas += 1
            assert OUR_FORMULA.fullmatch(c.value), (ws.title, c.coordinate, c.value)
            assert ws.title not in (SUMMARY, FINDINGS) and not ws.title.endswith("原文")
    assert formulas > 0
    texts = {c.value for _, c in all_cells(wb) if c.data_type == "s"}
    assert set(PAYLOADS) <= texts
    assert '行政许可 | =HYPERLINK("x") | ||' in texts
    tables, source = report_sheets(wb, result.path)
    refs = locate(wb[tables])
    for cid, payload in HOSTILE_CELLS.items():
        cell = wb[tables][refs[cid]]
        assert (cell.value, cell.data_type) == (payload, "s"), cid
        assert rgb(cell) not in FLAG_COLOURS and cell.comment is None  # value.unreadable, dismissed
    src = [c.value for c in wb[source]["B"]]
    assert '=HYPERLINK("http://x","y")' in src and "=cmd|' /C calc'!A0" in src
    col = headers(wb[SUMMARY])
    agency = wb[SUMMARY].cell(2, col["报告单位"])
    assert (agency.value, agency.data_type) == ("=1+1区人民政府", "s")
    fcol = headers(wb[FINDINGS])
    comments = {wb[FINDINGS].cell(r, fcol["复核"]).value for r in range(2, wb[FINDINGS].max_row + 1)}
    assert "驳回：=cmd|' /C calc'!A0" in comments


# ---- sheet names ---------------------------------------------------------------------------------


def test_sheet_names_valid_and_unique_for_60_reports_of_one_agency(seed_text, tmp_path):
    hostile_agency = "杭州市[钱塘]区:人民*政府/办公室?'测试'很长很长很长很长的名字"
    text = seed_text.replace("杭州市钱塘区人民政府2023年度", hostile_agency + "2023年度", 1)
    results = [audit_source(Source.from_text(f"r{n:02}.txt", text)) for n in range(60)]
    assert results[0].report.meta.agency == hostile_agency
    wb = build_workbook(results, {}, full_limit=100)
    names = wb.sheetnames
    assert len(names) == 3 + 2 * 60  # summary, findings, figures; tables and source of each
    assert len({n.lower() for n in names}) == len(names)
    for n in names:
        assert 1 <= len(n) <= 31, n
        assert not (set(n) & BAD_SHEET_CHARS) and "'" not in n, n
    # and each summary row links to its own pair
    pairs = {report_sheets(wb, r.path) for r in results}
    assert len(pairs) == 60
    wb.save(tmp_path / "names.xlsx")
    assert load_workbook(tmp_path / "names.xlsx", read_only=True).sheetnames == names


# ---- a large batch -------------------------------------------------------------------------------


def test_large_batch_keeps_sheets_only_for_flagged_reports(tmp_path, faulty):
    assert FULL_LIMIT >= 6
    seeds = [audit_file(str(SAMPLES / name)) for name in SEED_NAMES]
    results = [*seeds, faulty]
    assert len(build_workbook(results, {}).sheetnames) == 3 + 2 * 6 + 1  # every report; a letter for the flagged
    target = tmp_path / "batch.xlsx"
    write_workbook(results, str(target), full_limit=3)
    wb = load_workbook(target)
    tables, source = report_sheets(wb, faulty.path)
    assert wb.sheetnames == [SUMMARY, FINDINGS, "数据汇总", "6-杭州市钱塘区人民政府-审核意见", tables, source]
    assert all(report_sheets(wb, s.path) == (None, None) for s in seeds)
    ws = wb[SUMMARY]
    col = headers(ws)
    assert [ws.cell(r, col["序号"]).value for r in range(2, 8)] == [1, 2, 3, 4, 5, 6]
    assert [ws.cell(r, col["文件"]).value for r in range(2, 8)] == [os.path.basename(r.path) for r in results]
    notes = [c.value for row in ws.iter_rows(min_row=8) for c in row if isinstance(c.value, str)]
    assert notes[0] == "共 6 份：有错误 1 · 正常 5"
    assert len(notes) == 2 and "6" in notes[1] and "3" in notes[1] and "错误" in notes[1]
    fs = wb[FINDINGS]
    fcol = headers(fs)
    messages = [fs.cell(r, fcol["说明"]).value for r in range(2, fs.max_row + 1)]
    # the faulty report's 4 and the seeds' own true hints (parts, dates: see test_parts.py)
    assert messages == [f.message() for r in results for f in r.findings]
    assert len(messages) == 4 + sum(len(s.findings) for s in seeds)
    refs = locate(wb[tables])
    name = os.path.basename(faulty.path)
    faulty_rows = [r for r in range(2, fs.max_row + 1) if fs.cell(r, fcol["报告"]).value == name]
    assert len(faulty_rows) == 4  # the seeds' rows link nowhere: their sheets were left out
    for r in faulty_rows:
        sheet, ref = parse_link(fs.cell(r, fcol["序号"]))
        assert sheet == tables and ref in refs.values()


# ---- the file: atomic, never an input, clear messages -------------------------------------------


@pytest.fixture
def folder(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "out.xlsx").write_bytes(b"the previous workbook")
    return out


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), RuntimeError("boom")])
def test_a_failed_save_leaves_the_old_file_and_no_temp_file(folder, seed, monkeypatch, error):
    target = folder / "out.xlsx"
    before = sha256(target)

    from openpyxl.writer.excel import ExcelWriter

    def broken_write(self):
        self._archive.writestr("half.xml", "half a zip")  # mid-write
        raise error

    monkeypatch.setattr(ExcelWriter, "write_data", broken_write)
    with pytest.raises(ExportError) as info:  # a bug mid-write too is a message, never a traceback
        write_workbook([seed], str(target))
    if isinstance(error, OSError):
        assert "No space left on device" in info.value.message
    else:
        assert "内部错误（RuntimeError）" in info.value.message and "原有文件未改动" in info.value.message
    assert sha256(target) == before
    assert sorted(p.name for p in folder.iterdir()) == ["out.xlsx"]


def test_a_successful_write_replaces_the_target_and_leaves_no_temp_file(folder, seed):
    target = folder / "out.xlsx"
    write_workbook([seed], str(target))
    assert load_workbook(target).sheetnames[:2] == [SUMMARY, FINDINGS]
    assert sorted(p.name for p in folder.iterdir()) == ["out.xlsx"]


def test_an_input_file_is_never_the_target(tmp_path, seed_text):
    report = tmp_path / "report.xlsx"  # a text report that happens to be named .xlsx
    report.write_text(seed_text, encoding="utf-8")
    result = audit_file(str(report))
    assert result.status.value == "ok"
    before = sha256(report)
    link = tmp_path / "link.xlsx"
    link.symlink_to(report)
    for target in (report, tmp_path / "." / "report.xlsx", link):
        with pytest.raises(ExportError) as info:
            write_workbook([result], str(target))
        assert "输入" in info.value.message
        assert sha256(report) == before
    txt = audit_file(str(SAMPLES / SEED0))
    with pytest.raises(ExportError):
        write_workbook([txt], txt.path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.xlsx", "report.xlsx"]


@pytest.mark.parametrize("lock", ["~$out.xlsx", ".~lock.out.xlsx#"])
def test_a_lock_file_beside_the_target_gives_a_clear_error(folder, seed, lock):
    (folder / lock).write_text("someone,host", encoding="utf-8")
    before = sha256(folder / "out.xlsx")
    with pytest.raises(ExportError) as info:
        write_workbook([seed], str(folder / "out.xlsx"))
    assert "打开" in info.value.message and "out.xlsx" in info.value.message
    assert sha256(folder / "out.xlsx") == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(["out.xlsx", lock])


@pytest.mark.parametrize("name", ["out.xls", "out.csv", "out", "out.xlsx.txt"])
def test_a_target_not_ending_in_xlsx_is_refused(tmp_path, seed, name):
    with pytest.raises(ExportError) as info:
        write_workbook([seed], str(tmp_path / name))
    assert ".xlsx" in info.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_gives_a_clear_error(tmp_path, seed):
    with pytest.raises(ExportError) as info:
        write_workbook([seed], str(tmp_path / "nowhere" / "out.xlsx"))
    assert "nowhere" in info.value.message


def test_replace_refused_says_the_file_may_be_open(folder, seed, monkeypatch):
    target = folder / "out.xlsx"
    before = sha256(target)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(wbmod.os, "replace", refuse)
    with pytest.raises(ExportError) as info:
        write_workbook([seed], str(target))
    assert "其他程序" in info.value.message and "打开" in info.value.message
    assert sha256(target) == before
    assert sorted(p.name for p in folder.iterdir()) == ["out.xlsx"]


def test_a_read_only_folder_gives_an_export_error(folder, seed, monkeypatch):
    def read_only(*args, **kwargs):  # what mkstemp does in a folder without write permission
        raise PermissionError(13, "Permission denied", kwargs.get("dir"))

    monkeypatch.setattr(wbmod.tempfile, "mkstemp", read_only)
    with pytest.raises(ExportError):
        write_workbook([seed], str(folder / "out.xlsx"))


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_written_file_has_ordinary_permissions(tmp_path, seed):
    old = os.umask(0o022)
    try:
        target = tmp_path / "out.xlsx"
        write_workbook([seed], str(target))
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("char", ["\x0c", "\x00"])
def test_control_characters_in_the_report_do_not_break_the_export(tmp_path, seed_text, char):
    path = tmp_path / "ff.txt"
    path.write_text(seed_text.replace("一、总体情况", "一、总体情况" + char, 1), encoding="utf-8")
    result = audit_file(str(path))
    assert result.status.value == "ok" and char in result.source.text
    target = tmp_path / "out.xlsx"
    write_workbook([result], str(target))
    wb = load_workbook(target)
    _, source = report_sheets(wb, result.path)
    assert wb[source]["B5"].value.startswith("一、总体情况")
