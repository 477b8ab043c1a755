"""Issue 16: the audit workbook an inspector can send back as it is.

One test (or a few) per problem of the issue, each reading the written workbook as a recipient
would (openpyxl), and each failing on the workbook as it was before: the summary's verdict,
the notes per cell, the print layout, the file names, the dismissed findings, the English
workbook, the finding without a suspect; then the corrections and the 审核意见 letter.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES, SEED_NAMES
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from test_workbook import link_of, locate

from auditapp.api import AuditResult, audit_file, audit_together
from auditapp.cli import main
from auditapp.corrections import apply_corrections, make_correction
from auditapp.export.wb_layout import PRINTABLE
from auditapp.export.workbook import write_workbook
from auditapp.review import Review, finding_key
from auditapp.template import TEMPLATE_2021
from auditapp.verdict import verdict, verdict_name

SEED0 = SEED_NAMES[0]
SUMMARY, FINDINGS = "审核汇总", "问题清单"
PARTIAL_89 = ("| 89 | 0 | 0 | 0 | 0 | 0 | 89 |", "| 98 | 0 | 0 | 0 | 0 | 0 | 89 |")  # 部分公开/自然人 89 → 98
T4_LINE = "8 | 0 | 0 | 0 | 8 | 2 | 0 | 0 | 1 | 3 | 0 | 0 | 0 | 0 | 0 |"
T4_AFTER_REVIEW = (T4_LINE, T4_LINE[:-3] + "2 |")  # 复议后起诉·总计 0 → 2: no one cell explains it
RED, AMBER, SUSPECT, INVOLVED, CORRECTED = "F8CBAD", "FFE699", "FF7C80", "FCE4D6", "9BC2E6"


def _write(folder: Path, name: str, *changes: tuple[str, str]) -> Path:
    text = (SAMPLES / SEED0).read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _headers(ws: Worksheet) -> dict[str, int]:
    return {c.value: c.column for c in ws[1] if c.value is not None}


def _rgb(cell) -> str | None:
    if cell.fill is None or cell.fill.fill_type != "solid":
        return None
    return str(cell.fill.fgColor.rgb)[-6:]


def _tables_sheet(wb, n: int = 1) -> Worksheet:
    return next(ws for ws in wb.worksheets if ws.title.startswith(f"{n}-") and ws.title.endswith(("表格", "Tables")))


def _cell(ws: Worksheet, result: AuditResult, cell_id: str):
    """The sheet cell of a report cell, read off the sheet's own layout (see test_workbook.locate)."""
    return ws[locate(ws)[cell_id]]


def _strings(wb) -> list[tuple[str, str]]:
    """Every string the recipient could read: cells, notes, page headers and footers, sheet names."""
    out = []
    for ws in wb.worksheets:
        out.append((ws.title, ws.title))
        for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right, ws.oddFooter.center):
            out.append((ws.title, part.text or ""))
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    out.append((f"{ws.title}!{c.coordinate}", c.value))
                if c.comment is not None:
                    out.append((f"{ws.title}!{c.coordinate} note", c.comment.text))
                if c.hyperlink is not None and c.hyperlink.target:
                    out.append((f"{ws.title}!{c.coordinate} link", c.hyperlink.target))
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(scope="module")
def partial89(folder) -> AuditResult:
    result = audit_file(str(_write(folder, "区/部分公开.txt", PARTIAL_89)))
    assert [f.suspect for f in result.findings] == ["t3.partial.natural_person"] * 2
    return result


@pytest.fixture(scope="module")
def book89(folder, partial89):
    target = folder / "one.xlsx"
    write_workbook([partial89], str(target), roots=[str(folder)])
    return load_workbook(target)


# ---- 1. the summary's verdict ---------------------------------------------------------------------


def test_1_the_summary_says_the_verdict_the_window_and_the_cli_say(folder, partial89):
    clean = audit_file(str(SAMPLES / SEED0))
    broken = folder / "broken.txt"
    broken.write_bytes(b"\x00\x01 not a report")
    failed = audit_file(str(broken))
    target = folder / "verdicts.xlsx"
    results = [clean, partial89, failed]
    write_workbook(results, str(target))
    ws = load_workbook(target)[SUMMARY]
    col = _headers(ws)
    got = [ws.cell(r, col["审核结论"]).value for r in (2, 3, 4)]
    assert got == [verdict_name(verdict(r)) for r in results] == ["正常", "有错误", "无法读取"]
    assert _rgb(ws.cell(3, col["审核结论"])) == RED
    assert [ws.cell(r, col["错误"]).value for r in (2, 3, 4)] == [0, 2, 0]
    assert any(c.value == "共 3 份：有错误 1 · 无法读取 1 · 正常 1" for row in ws.iter_rows() for c in row)


# ---- 2. the notes: one full note, on the suspect, with the finding's number -------------------------


def test_2_the_suspect_alone_carries_the_note_and_says_what_it_should_be(book89, partial89):
    ws = _tables_sheet(book89)
    suspect = _cell(ws, partial89, "t3.partial.natural_person")
    assert suspect.value == 98 and _rgb(suspect) == SUSPECT
    lines = suspect.comment.text.splitlines()
    assert lines == [
        "问题 1：此格可能应为 89（现为 98），改后“办理结果总计”成立",
        "问题 2：此格可能应为 89（现为 98），改后“行合计”成立",
    ]
    noted = [c for row in ws.iter_rows() for c in row if c.comment is not None]
    assert noted == [suspect]  # 2 notes for 2 findings' cells, not 28
    correct = _cell(ws, partial89, "t3.granted.natural_person")
    assert correct.value == 447 and correct.comment is None and _rgb(correct) == INVOLVED
    # the column total's figures belong to the finding, in the findings list, never on another cell
    for c in (c for row in ws.iter_rows() for c in row if c.comment is not None and c is not suspect):
        assert "765" not in c.comment.text and "756" not in c.comment.text
    fl = book89[FINDINGS]
    col = _headers(fl)
    assert [fl.cell(r, col["序号"]).value for r in (2, 3)] == [1, 2]
    assert "765" in fl.cell(2, col["说明"]).value and "756" in fl.cell(2, col["说明"]).value
    assert fl.cell(2, col["建议"]).value == "建议改为 89"


def test_7_a_finding_without_a_suspect_points_at_its_relations_total(folder):
    result = audit_file(str(_write(folder, "t4.txt", T4_AFTER_REVIEW)))
    (finding,) = result.findings
    assert finding.rule == "t4.total" and finding.suspect is None
    target = folder / "t4.xlsx"
    write_workbook([result], str(target))
    wb = load_workbook(target)
    fl = wb[FINDINGS]
    col = _headers(fl)
    assert fl.cell(2, col["位置"]).value == TEMPLATE_2021.cell_words("t4.suit_after_review.total")
    ws = _tables_sheet(wb)
    total = _cell(ws, result, "t4.suit_after_review.total")
    upheld = _cell(ws, result, "t4.suit_after_review.upheld")
    assert link_of(fl.cell(2, col["序号"])).endswith(f"!{total.coordinate}")
    assert total.comment.text.startswith("问题 1：") and _rgb(total) == RED
    assert upheld.comment is None and _rgb(upheld) == INVOLVED


# ---- 3. paper ------------------------------------------------------------------------------------------


def _scale(ws: Worksheet) -> float:
    """The print scale fitToWidth needs, measured as the wider of the two programs measures a unit."""
    from openpyxl.utils import get_column_letter

    used = sum(ws.column_dimensions[get_column_letter(k)].width or 8.43 for k in range(1, ws.max_column + 1))
    return min(1.0, PRINTABLE[ws.page_setup.orientation] / used)


def test_3_every_sheet_prints_on_a4_legibly(book89):
    assert len(book89.sheetnames) == 5  # summary, findings, letter, tables, source
    for ws in book89.worksheets:
        ps = ws.page_setup
        assert int(ps.paperSize) == int(ws.PAPERSIZE_A4) and ps.orientation in ("portrait", "landscape"), ws.title
        assert (int(ps.fitToWidth), int(ps.fitToHeight)) == (1, 0) and ws.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text, ws.title
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        if ws.max_column == 1:  # one column is never shrunk: it must fit as it is
            assert ws.column_dimensions["A"].width <= PRINTABLE[ps.orientation], ws.title
        assert _scale(ws) >= 0.75, (ws.title, _scale(ws))
        if not ws.title.endswith("审核意见"):
            assert "部分公开.txt" in ws.oddHeader.left.text, ws.title  # the header names the report
    findings = book89[FINDINGS]
    assert findings.print_title_rows == "$1:$1"
    assert _scale(findings) * 11 >= 9  # 11 pt text prints at ≥ 9 pt
    assert findings.max_column <= 8
    for row in findings.iter_rows(min_row=2):
        for c in row:
            assert c.alignment.vertical == "top", c.coordinate
    col = _headers(findings)
    assert findings.cell(2, col["说明"]).alignment.wrap_text
    source = next(ws for ws in book89.worksheets if ws.title.endswith("原文"))
    assert source.print_title_rows == "$1:$1"
    long = [r for r in range(2, source.max_row + 1) if len(source.cell(r, 2).value or "") > 80]
    assert long and all(source.cell(r, 2).alignment.wrap_text for r in long)
    assert all((source.row_dimensions[r].height or 15) > 15 for r in long)  # the wrapped line shows whole


# ---- 4. no path of the inspector's -----------------------------------------------------------------


def test_4_file_names_are_relative_to_the_opened_folder_and_no_absolute_path_is_left(tmp_path):
    base = tmp_path / "inspector-private-folder"
    a = _write(base, "2023/区卫健委.txt", PARTIAL_89)
    agency = "杭州市钱塘区人民政府"
    b = _write(base, "2023/区教育局.txt", (agency + "2023", "杭州市某某区教育局2023"))  # the same tables: copied
    results = [audit_file(str(a)), audit_file(str(b))]
    audit_together(results)
    assert any(f.other_file for r in results for f in r.findings)  # a message that names the other file
    target = tmp_path / "out.xlsx"
    write_workbook(results, str(target), roots=[str(base)])
    wb = load_workbook(target)
    ws = wb[SUMMARY]
    col = _headers(ws)
    assert [ws.cell(r, col["文件"]).value for r in (2, 3)] == ["2023/区卫健委.txt", "2023/区教育局.txt"]
    leaks = [(where, text) for where, text in _strings(wb) if str(tmp_path) in text or "inspector-private" in text]
    assert leaks == []
    # asked for, the full path is there
    write_workbook(results, str(target), roots=[str(base)], absolute_paths=True)
    ws = load_workbook(target)[SUMMARY]
    assert ws.cell(2, col["文件"]).value == str(a)


# ---- 5. dismissed findings ------------------------------------------------------------------------------


def test_5_a_dismissed_finding_leaves_no_mark_and_does_not_count(folder, partial89):
    reviews = {
        (os.path.abspath(partial89.path), finding_key(partial89.findings[0])): Review("dismissed", "口径不同"),
        (os.path.abspath(partial89.path), finding_key(partial89.findings[1])): Review("confirmed", "已核实"),
    }
    target = folder / "reviewed.xlsx"
    write_workbook([partial89], str(target), reviews)
    wb = load_workbook(target)
    ws = wb[SUMMARY]
    col = _headers(ws)
    row = [ws.cell(2, col[k]).value for k in ("审核结论", "错误", "已确认", "已驳回")]
    assert row == ["有错误", 1, 1, 1]
    suspect = _cell(_tables_sheet(wb), partial89, "t3.partial.natural_person")
    assert suspect.comment.text.splitlines() == ["问题 2：此格可能应为 89（现为 98），改后“行合计”成立"]
    assert _rgb(_cell(_tables_sheet(wb), partial89, "t3.total.natural_person")) is None  # only the dismissed one's
    fl = wb[FINDINGS]
    assert fl.cell(2, _headers(fl)["复核"]).value == "驳回：口径不同"
    # both dismissed: nothing left to send back
    reviews[next(iter(k for k in reviews if k[1] == finding_key(partial89.findings[1])))] = Review("dismissed")
    write_workbook([partial89], str(target), reviews)
    wb = load_workbook(target)
    assert wb[SUMMARY].cell(2, col["审核结论"]).value == verdict_name(verdict(partial89, reviews)) == "正常"
    assert all(c.comment is None for row in _tables_sheet(wb).iter_rows() for c in row)


# ---- 6. English -----------------------------------------------------------------------------------------


def test_6_an_english_workbook_and_message_from_the_cli(tmp_path, capsys):
    reports = tmp_path / "reports"
    _write(reports, "sub/faulty.txt", PARTIAL_89)
    shutil.copy(SAMPLES / SEED_NAMES[1], reports / "clean.txt")
    target = tmp_path / "out.xlsx"
    code = main(["audit", str(reports), "--xlsx", str(target), "--lang", "en", "--workers", "0"])
    assert code == 1
    err = capsys.readouterr().err
    assert f"Audit workbook written to {target}" in err and "审核工作簿" not in err
    wb = load_workbook(target)
    assert wb.sheetnames[:2] == ["Summary", "Findings"]
    assert any(n.endswith("-Opinion") for n in wb.sheetnames) and any(n.endswith("-Tables") for n in wb.sheetnames)
    ws = wb["Summary"]
    col = _headers(ws)
    assert {"File", "Agency", "Verdict", "Errors", "Warnings", "Confirmed", "Dismissed"} <= set(col)
    rows = {ws.cell(r, col["File"]).value: ws.cell(r, col["Verdict"]).value for r in (2, 3)}
    assert rows == {"clean.txt": "OK", "sub/faulty.txt": "Errors"}  # relative to the folder given
    fl = wb["Findings"]
    fcol = _headers(fl)
    assert list(fcol) == ["No.", "Report", "Where", "Line", "Severity", "Finding", "Advice", "Review"]
    result = audit_file(str(reports / "sub" / "faulty.txt"))
    first = next(r for r in range(2, fl.max_row + 1) if fl.cell(r, fcol["Report"]).value == "sub/faulty.txt")
    assert fl.cell(first, fcol["Finding"]).value == result.findings[0].message("en")
    assert fl.cell(first, fcol["Severity"]).value == "Error" and fl.cell(first, fcol["Review"]).value == "Not reviewed"
    assert fl.oddFooter.center.text == "Page &P of &N"
    for ws in wb.worksheets:  # English words are longer: still legible on A4
        if ws.title == "Figures":  # 200 columns: printed at full size, pages across, file and agency on each
            assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_cols == "$A:$B"
            continue
        assert _scale(ws) >= 0.75, (ws.title, _scale(ws))
    tables = _tables_sheet(wb, 2)
    note = _cell(tables, result, "t3.partial.natural_person").comment.text
    assert note.startswith("Finding 1: this cell should probably be 89 (now 98)")
    assert "Results total" in note  # the rule's English title
    # a file given alone: its bare name
    code = main(["audit", str(reports / "sub" / "faulty.txt"), "--xlsx", str(target), "--workers", "0"])
    assert "审核工作簿已写入" in capsys.readouterr().err
    assert load_workbook(target)[SUMMARY].cell(2, 2).value == "faulty.txt"


# ---- corrections and the letter -------------------------------------------------------------------------


def test_a_correction_shows_as_a_corrected_cell_with_its_reason(folder, partial89):
    fix = make_correction(partial89, "t3.partial.natural_person", __import__("decimal").Decimal(89), "原件为 89")
    corrected = apply_corrections(partial89, {fix.cell: fix})
    assert corrected.findings == []
    target = folder / "corrected.xlsx"
    corrections = {(os.path.abspath(partial89.path), fix.cell): fix}
    write_workbook([corrected], str(target), corrections=corrections)
    wb = load_workbook(target)
    cell = _cell(_tables_sheet(wb), corrected, "t3.partial.natural_person")
    line = partial89.report.cells[fix.cell].span.line
    assert cell.value == 89 and _rgb(cell) == CORRECTED
    assert cell.comment.text == f"原为 98（第 {line} 行），由审核人员改为 89：原件为 89"
    assert wb.sheetnames[2] == "更正记录"
    log = wb["更正记录"]
    col = _headers(log)
    assert [log.cell(2, col[k]).value for k in ("原为", "改为", "原文行", "理由")] == ["98", "89", line, "原件为 89"]
    assert wb[SUMMARY].cell(2, _headers(wb[SUMMARY])["审核结论"]).value == "正常"  # audited on the corrected values
    letter = next(ws for ws in wb.worksheets if ws.title.endswith("审核意见"))
    text = "\n".join(c.value for c in letter["A"] if c.value)
    assert "更正" in text and "原为 98，更正为 89" in text


def test_the_letter_lists_each_problem_with_its_place_and_fix(book89, partial89):
    letter = next(ws for ws in book89.worksheets if ws.title.endswith("审核意见"))
    lines = [c.value for c in letter["A"] if c.value]
    assert lines[0] == "关于《杭州市钱塘区人民政府2023年度政府信息公开工作年度报告》的审核意见"
    assert lines[1] == "杭州市钱塘区人民政府："
    assert "\u3000\u3000审核结论：有错误。" in lines
    where = TEMPLATE_2021.cell_words("t3.partial.natural_person")
    line = partial89.report.cells["t3.partial.natural_person"].span.line
    assert f"问题 1（错误）\u3000位置：{where}（原文第 {line} 行）" in lines
    assert "\u3000\u3000建议：改为 89" in lines
    assert lines[-3] == "\u3000\u3000请核实上述问题，修改后重新报送。"
    assert letter.column_dimensions["A"].width <= PRINTABLE["portrait"]


def test_a_batch_letters_only_its_flagged_reports(folder, partial89):
    clean = [audit_file(str(SAMPLES / name)) for name in SEED_NAMES]
    target = folder / "batch.xlsx"
    write_workbook([*clean, partial89], str(target))
    names = load_workbook(target, read_only=True).sheetnames
    assert [n for n in names if n.endswith("审核意见")] == ["6-杭州市钱塘区人民政府-审核意见"]
