"""The annotated audit workbook (.xlsx): what inspectors send back and keep on file.

Sheets: 审核汇总 (one row per report), 问题清单 (one row per finding), and per report a sheet
with the three tables laid out as the template prints them (flagged cells filled and noted,
live formulas recomputing every total) and a sheet with the source text, line by line. Every
finding links to its cell, every cell to its source line.

Safety: text taken from a report is always written as text (never a formula, whatever it
starts with); the file is written to a temporary name beside the target and moved into place;
an input file is never the target. A large batch keeps table and source sheets only for the
reports with errors or warnings (FULL_LIMIT); the summary and the findings list stay complete.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..api import AuditResult, Status
from ..parse.values import Kind, plain_number
from ..review import REVIEW_ZH, Review, Reviews, finding_key
from ..rules import RULE_BY_ID, Finding, Severity
from ..rules.catalogue import SEVERITY_ZH
from ..rules.findings import evidence_line, fmt_number
from ..template import Table

log = logging.getLogger(__name__)
FULL_LIMIT = 50  # above this many reports, table and source sheets only for flagged ones

_RED = PatternFill("solid", fgColor="F8CBAD")
_AMBER = PatternFill("solid", fgColor="FFE699")
_SUSPECT = PatternFill("solid", fgColor="FF7C80")
_HEAD = PatternFill("solid", fgColor="DDEBF7")
_CALC = PatternFill("solid", fgColor="E2EFDA")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SUSPECT_BOX = Border(*(Side(style="thick", color="C00000"),) * 4)
_BOLD = Font(bold=True)
_LINK = Font(color="0563C1", underline="single")
_GREY = Font(color="808080", italic=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_SEVERITY_FILL = {Severity.ERROR: _RED, Severity.WARNING: _AMBER}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")

STATUS_ZH = {"ok": "正常", "partial": "部分解析", "failed": "无法读取"}


class ExportError(Exception):
    """The workbook could not be written; `message` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---- writing text safely -------------------------------------------------------------------


_EXCEL_CELL_LIMIT = 32_767


# What makes a spreadsheet read typed text as a formula (or DDE): `=`, `+`, `-`, `@`, and a
# tab or line break before them, which some programs strip.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def put_text(cell: XCell, text: str) -> XCell:
    """Text from a report, always as text: `=…`, `+…`, `-…`, `@…` never become formulas.

    The cell is a string cell (a workbook's formulas live in a part of the XML text never
    reaches), and text that starts like a formula is also quote-prefixed, as Excel marks what
    is typed after an apostrophe, so that editing the cell later keeps it text too.
    Control characters no workbook may hold (form feeds from PDFs, NULs) show as U+FFFD, and
    text past Excel's cell limit is cut with a mark, so no report can make the export fail.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(text))
    if len(text) > _EXCEL_CELL_LIMIT:
        text = text[: _EXCEL_CELL_LIMIT - 20] + "…（此行过长，已截断）"
    cell.value = text
    cell.data_type = "s"
    if text.lstrip(" ").startswith(_FORMULA_START):
        cell.quotePrefix = True
    return cell


def _put_number(cell: XCell, value: Decimal | None) -> XCell:
    cell.value = plain_number(value)
    return cell


# ---- the workbook --------------------------------------------------------------------------


@dataclass
class _Sheets:
    tables: str | None = None
    source: str | None = None
    cell_refs: dict[str, str] | None = None  # cell id → "B12" on the tables sheet


def write_workbook(
    results: Sequence[AuditResult],
    target: str,
    reviews: Reviews | None = None,
    full_limit: int = FULL_LIMIT,
) -> None:
    """Write the audit workbook to `target` atomically. Raises ExportError with a clear message."""
    _check_target(target, results)
    wb = build_workbook(results, reviews or {}, full_limit)
    _save_atomically(wb, target)


def build_workbook(results: Sequence[AuditResult], reviews: Reviews, full_limit: int = FULL_LIMIT) -> Workbook:
    wb = Workbook()
    summary = wb.active
    summary.title = "审核汇总"
    findings_ws = wb.create_sheet("问题清单")
    names = _SheetNames({"审核汇总", "问题清单"})
    full = len(results) <= full_limit
    sheets: list[_Sheets] = []
    for n, result in enumerate(results, 1):
        s = _Sheets()
        report = result.report
        flagged = result.count(Severity.ERROR) or result.count(Severity.WARNING)
        if report is not None and result.status is not Status.FAILED and (full or flagged):
            label = _short(report.meta.agency or os.path.basename(result.path))
            s.tables = names.make(f"{n}-{label}-表格")
            s.source = names.make(f"{n}-{label}-原文")
            src_ws = wb.create_sheet(s.source)
            tab_ws = wb.create_sheet(s.tables, index=len(wb.sheetnames) - 1)
            s.cell_refs = _write_tables(tab_ws, result, s.source, reviews)
            _write_source(src_ws, result)
        sheets.append(s)
    _write_summary(summary, results, sheets, reviews, full, full_limit)
    _write_findings(findings_ws, results, sheets, reviews)
    return wb


def _short(text: str) -> str:
    return _BAD_SHEET_CHARS.sub("", ILLEGAL_CHARACTERS_RE.sub("", text))[:12] or "报告"


class _SheetNames:
    """Valid (≤ 31 characters, no []:*?/\\ or quote) and unique sheet names."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = {t.lower() for t in taken}

    def make(self, wanted: str) -> str:
        base = _BAD_SHEET_CHARS.sub("", ILLEGAL_CHARACTERS_RE.sub("", wanted))[:31] or "sheet"
        name, k = base, 2
        while name.lower() in self.taken:
            suffix = f"~{k}"
            name, k = base[: 31 - len(suffix)] + suffix, k + 1
        self.taken.add(name.lower())
        return name


def _link(sheet: str, ref: str) -> str:
    return f"#'{sheet}'!{ref}"


# ---- 审核汇总 ------------------------------------------------------------------------------


_SUMMARY_HEAD = (
    "序号",
    "文件",
    "报告单位",
    "年度",
    "模板",
    "状态",
    "错误",
    "警告",
    "无法核对",
    "提示",
    "复核",
    "表格",
    "原文",
)


def _write_summary(ws: Worksheet, results, sheets, reviews: Reviews, full: bool, full_limit: int) -> None:
    _header(ws, _SUMMARY_HEAD)
    for n, (result, s) in enumerate(zip(results, sheets, strict=True), 1):
        r = n + 1
        report = result.report
        meta = report.meta if report else None
        ws.cell(r, 1, n)
        put_text(ws.cell(r, 2), result.path)
        put_text(ws.cell(r, 3), (meta.agency if meta else None) or "")
        ws.cell(r, 4, meta.year if meta else None)
        put_text(ws.cell(r, 5), report.template.id if report else "")
        status = STATUS_ZH[result.status.value] + (f"：{result.error}" if result.error else "")
        put_text(ws.cell(r, 6), status)
        cannot = sum(1 for f in result.findings if f.rule in ("relation.cannot_check", "value.blank_total"))
        info = result.count(Severity.INFO) - sum(1 for f in result.findings if f.rule == "relation.cannot_check")
        counts = (result.count(Severity.ERROR), result.count(Severity.WARNING), cannot, info)
        for col, v in zip((7, 8, 9, 10), counts, strict=True):
            ws.cell(r, col, v)
        reviewed = sum(1 for f in result.findings if reviews.get((result.path, finding_key(f)), Review()).state)
        ws.cell(r, 11, f"{reviewed}/{len(result.findings)}" if result.findings else "—")
        for col, sheet in ((12, s.tables), (13, s.source)):
            if sheet:
                c = ws.cell(r, col, "打开")
                c.hyperlink, c.font = _link(sheet, "A1"), _LINK
        if result.count(Severity.ERROR):
            ws.cell(r, 6).fill = _RED
        elif result.status is not Status.OK or result.count(Severity.WARNING):
            ws.cell(r, 6).fill = _AMBER
    last = len(results) + 1
    if not full:
        note = ws.cell(last + 2, 1)
        put_text(
            note, f"本批共 {len(results)} 份报告，超过 {full_limit} 份：只为有错误或警告的报告生成表格和原文工作表。"
        )
    _finish(ws, (6, 28, 22, 7, 10, 18, 6, 6, 9, 6, 8, 6, 6), last)


# ---- 问题清单 ------------------------------------------------------------------------------


_FINDINGS_HEAD = (
    "报告", "表", "单元格", "规则", "规则名称", "级别", "说明", "应为", "实为", "差额", "建议值",
    "原文行号", "原文内容", "复核结论", "复核意见",
)  # fmt: skip


def _write_findings(ws: Worksheet, results, sheets, reviews: Reviews) -> None:
    _header(ws, _FINDINGS_HEAD)
    r = 1
    for result, s in zip(results, sheets, strict=True):
        report = result.report
        for f in result.findings:
            r += 1
            first = f.suspect or (f.cells[0] if f.cells else None)
            put_text(ws.cell(r, 1), os.path.basename(result.path))
            if report is not None and first is not None:
                table = report.template.table(first.split(".")[0])
                put_text(ws.cell(r, 2), table.short_name)
                put_text(ws.cell(r, 3), report.template.cell_words(first))
            put_text(ws.cell(r, 4), f.rule)
            put_text(ws.cell(r, 5), RULE_BY_ID[f.rule].title_zh)
            put_text(ws.cell(r, 6), SEVERITY_ZH[f.severity])
            ws.cell(r, 6).fill = _SEVERITY_FILL.get(f.severity, PatternFill())
            put_text(ws.cell(r, 7), f.message())
            for col, v in ((8, f.expected), (9, f.actual), (10, f.difference), (11, f.proposed)):
                _put_number(ws.cell(r, col), v)
            line = evidence_line(f, report)
            if line is not None and report is not None:
                ws.cell(r, 12, line)
                put_text(ws.cell(r, 13), report.source.line(line))
                if s.source:
                    ws.cell(r, 12).hyperlink, ws.cell(r, 12).font = _link(s.source, f"B{line + 1}"), _LINK
            review = reviews.get((result.path, finding_key(f)), Review())
            put_text(ws.cell(r, 14), REVIEW_ZH.get(review.state, "未复核"))
            put_text(ws.cell(r, 15), review.comment)
            ref = s.cell_refs.get(first) if s.cell_refs and first else None
            if s.tables and ref:  # each row links to its cell
                ws.cell(r, 3).hyperlink, ws.cell(r, 3).font = _link(s.tables, ref), _LINK
            for col in (3, 7, 13, 15):
                ws.cell(r, col).alignment = _WRAP
            ws.row_dimensions[r].height = _height(f.message(), 60)
    _finish(ws, (22, 6, 34, 20, 14, 6, 60, 8, 8, 8, 8, 8, 50, 9, 24), r)


def _height(text: str, width: int) -> float:
    """A row height that shows `text` wrapped in a column `width` wide (CJK counts double)."""
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return 15.0 * min(8, max(1, -(-units // width)))


# ---- the tables, as printed ------------------------------------------------------------------


class _Grid:
    """Writes one report's tables; remembers where each cell went."""

    def __init__(self, ws: Worksheet, result: AuditResult, source_sheet: str, reviews: Reviews) -> None:
        self.ws = ws
        self.report = result.report
        assert self.report is not None
        self.source_sheet = source_sheet
        self.refs: dict[str, str] = {}
        self.by_cell: dict[str, list[Finding]] = defaultdict(list)
        self.suspects: set[str] = set()
        for f in result.findings:
            if f.severity is Severity.INFO:
                continue
            for cid in f.cells:
                self.by_cell[cid].append(f)
            if f.suspect:
                self.suspects.add(f.suspect)

    def label(self, r: int, c: int, text: str, *, span: tuple[int, int] = (1, 1), fill=_HEAD) -> None:
        ws = self.ws
        cell = ws.cell(r, c, text)
        if span != (1, 1):
            ws.merge_cells(start_row=r, start_column=c, end_row=r + span[0] - 1, end_column=c + span[1] - 1)
        for rr in range(r, r + span[0]):
            for cc in range(c, c + span[1]):
                ws.cell(rr, cc).border = _BOX
                ws.cell(rr, cc).fill = fill
        cell.alignment = _CENTER

    def value(self, r: int, c: int, cell_id: str, span_cols: int = 1) -> None:
        ws = self.ws
        report = self.report
        if span_cols > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span_cols - 1)
            for cc in range(c, c + span_cols):
                ws.cell(r, cc).border = _BOX
        target = ws.cell(r, c)
        target.border = _BOX
        self.refs[cell_id] = target.coordinate
        cell = report.cells.get(cell_id)
        if cell is None:
            put_text(target, "（缺）")
            target.font = _GREY
        elif cell.kind is Kind.NUMBER:
            target.value = plain_number(cell.number)
            target.hyperlink = _link(self.source_sheet, f"B{cell.span.line + 1}")
        else:  # placeholders and unreadable text stay as they were written
            put_text(target, cell.raw)
            target.font = _GREY
            target.hyperlink = _link(self.source_sheet, f"B{cell.span.line + 1}")
        target.alignment = Alignment(horizontal="right")
        found = self.by_cell.get(cell_id)
        if found:
            worst = min(found, key=lambda f: 0 if f.severity is Severity.ERROR else 1).severity
            target.fill = _SUSPECT if cell_id in self.suspects else _SEVERITY_FILL[worst]
            if cell_id in self.suspects:
                target.border = _SUSPECT_BOX
                target.font = _BOLD
            target.comment = _note(found, cell_id)
        elif cell is not None and cell.kind is not Kind.NUMBER:
            target.fill = PatternFill("solid", fgColor="F2F2F2")

    def calc(self, r: int, c: int, formula: str) -> None:
        cell = self.ws.cell(r, c, formula)  # our own formula, from cell references only
        cell.fill, cell.border = _CALC, _BOX
        cell.alignment = Alignment(horizontal="right")


def _note(found: list[Finding], cell_id: str) -> Comment:
    lines = []
    for f in found:
        head = f"[{SEVERITY_ZH[f.severity]}] {RULE_BY_ID[f.rule].title_zh}（{f.rule}）"
        nums = f"应为 {fmt_number(f.expected)}，实为 {fmt_number(f.actual)}" if f.expected is not None else ""
        if f.suspect == cell_id and f.proposed is not None:
            nums += f"；此格最可能有误，建议改为 {fmt_number(f.proposed)}"
        lines.append("\n".join(x for x in (head, nums) if x))
    comment = Comment("\n\n".join(lines), "auditapp")
    comment.width, comment.height = 320, 60 + 60 * len(found)
    return comment


def _write_tables(ws: Worksheet, result: AuditResult, source_sheet: str, reviews: Reviews) -> dict[str, str]:
    report = result.report
    assert report is not None
    g = _Grid(ws, result, source_sheet, reviews)
    meta = report.meta
    title = f"{meta.agency or ''} {meta.year or ''}年度 — {os.path.basename(result.path)}（{report.template.name}）"
    put_text(ws.cell(1, 1), title).font = Font(bold=True, size=13)
    c = ws.cell(2, 1, "← 审核汇总")
    c.hyperlink, c.font = "#'审核汇总'!A1", _LINK
    r = 4
    for table in report.template.tables:
        put_text(ws.cell(r, 1), f"{table.short_name}　{table.title}").font = _BOLD
        r += 1
        if table.flat:
            r = _flat_table(g, table, r)
        elif table.id == "t3" or all(len(row.columns) == len(table.columns) for row in table.rows):
            r = _grid_table(g, table, r)
        else:
            r = _grouped_table(g, table, r)
        r += 2
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 64
    for col in range(4, 20):
        ws.column_dimensions[get_column_letter(col)].width = 11
    ws.freeze_panes = "A4"
    _print_setup(ws)
    return g.refs


def _grouped_table(g: _Grid, table: Table, r: int) -> int:
    """Table 2: per group, its label, its column header, then its rows (label over A–C)."""
    width = max(len(row.columns) for row in table.rows)
    for group in table.groups:
        rows = [row for row in table.rows if row.group == group.id]
        if not rows:
            continue
        g.label(r, 1, group.label, span=(1, 3 + width))
        r += 1
        cols = rows[0].columns
        g.label(r, 1, "信息内容", span=(1, 3))
        each = width // len(cols)
        for k, cid in enumerate(cols):
            n = each if k < len(cols) - 1 else width - k * each
            g.label(r, 4 + k * each, table.column_label(cid), span=(1, n))
        r += 1
        for row in rows:
            g.label(r, 1, row.label, span=(1, 3), fill=PatternFill())
            for k, cid in enumerate(row.columns):
                n = each if k < len(row.columns) - 1 else width - k * each
                g.value(r, 4 + k * each, f"{table.id}.{row.id}.{cid}", span_cols=n)
            r += 1
    return r


def _grid_table(g: _Grid, table: Table, r: int) -> int:
    """Table 3: merged headers; labels down the side (section, group, item); recomputations."""
    report = g.report
    cols = [c.id for c in table.columns]
    parents: dict[str, list[int]] = defaultdict(list)
    for k, col in enumerate(table.columns):
        if col.parent:
            parents[col.parent].append(k)
    g.label(r, 1, "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", span=(2 + bool(parents), 3))
    g.label(r, 4, "申请人情况", span=(1, len(cols)))
    for k, col in enumerate(table.columns):
        if col.parent is None:
            g.label(r + 1, 4 + k, col.label, span=(2, 1) if parents else (1, 1))
        else:
            g.label(r + 2, 4 + k, col.label)
    for parent, ks in parents.items():
        g.label(r + 1, 4 + ks[0], parent, span=(1, len(ks)))
    row_rels = [rel for rel in report.template.relations if rel.along == "row" and rel.rule.startswith(table.id)]
    col_rels = [rel for rel in report.template.relations if rel.along == "column" and rel.rule.startswith(table.id)]
    calc_col = 4 + len(cols)
    if row_rels:
        g.label(r, calc_col, "核算：各列之和（公式）", span=(3, 1), fill=_CALC)
        g.label(r, calc_col + 1, "差额", span=(3, 1), fill=_CALC)
    r += 3
    first = r
    rows_at: dict[str, int] = {}
    for k, row in enumerate(table.rows):
        rows_at[row.id] = r + k
    _side_labels(g, table, rows_at)
    for row in table.rows:
        for cid in row.columns:
            g.value(rows_at[row.id], 4 + cols.index(cid), f"{table.id}.{row.id}.{cid}")
    for rel in row_rels:  # next to each row total: the recomputation and the difference
        rr = rows_at[rel.key]
        parts = ",".join(g.refs[c] for c in rel.parts)
        total = g.refs[rel.totals[0]]
        g.calc(rr, calc_col, f"=SUM({parts})")
        g.calc(rr, calc_col + 1, f"=N({total})-{get_column_letter(calc_col)}{rr}")
    r = first + len(table.rows)
    for rule in dict.fromkeys(rel.rule for rel in col_rels):  # under the totals: per relation family
        rels = [rel for rel in col_rels if rel.rule == rule]
        title = RULE_BY_ID[rule].title_zh
        g.label(r, 1, f"核算：{title}（公式）", span=(1, 3), fill=_CALC)
        g.label(r + 1, 1, f"差额：{title}", span=(1, 3), fill=_CALC)
        for rel in rels:
            c = 4 + cols.index(rel.key)
            plus = f"SUM({','.join(g.refs[x] for x in rel.parts)})"  # SUM reads — and / as 0
            minus = f"-SUM({','.join(g.refs[x] for x in rel.totals[1:])})" if rel.totals[1:] else ""
            g.calc(r, c, f"={plus}{minus}")
            g.calc(r + 1, c, f"=N({g.refs[rel.totals[0]]})-{get_column_letter(c)}{r}")
        r += 2
    return r


def _side_labels(g: _Grid, table: Table, rows_at: dict[str, int]) -> None:
    """Section label in A, group label in B, item label in C, merged as the template prints them."""
    spans: dict[str, list[int]] = defaultdict(list)
    for row in table.rows:
        if row.group:
            spans[row.group].append(rows_at[row.id])
    section = next((grp for grp in table.groups if grp.number and not any(
        r.group == grp.id and r.number and r.number.isdigit() for r in table.rows)), None)  # fmt: skip
    section_rows = [rows_at[r.id] for r in table.rows if r.group and r.id != "carried_forward"]
    if section is not None and section_rows:
        g.label(min(section_rows), 1, f"{section.number}、{section.label}", span=(len(section_rows), 1))
    for row in table.rows:
        rr = rows_at[row.id]
        group = next((grp for grp in table.groups if grp.id == row.group), None)
        printed = table.row_label(row.id)
        if group is None:
            g.label(rr, 1, printed, span=(1, 3), fill=PatternFill())
        elif group is section:
            g.label(rr, 2, printed, span=(1, 2), fill=PatternFill())
        else:
            rows = spans[group.id]
            if rr == min(rows):
                g.label(rr, 2, f"({group.number}){group.label}", span=(len(rows), 1))
            g.label(rr, 3, f"{row.number}.{row.label}", fill=PatternFill())
            g.ws.cell(rr, 3).alignment = Alignment(horizontal="left", vertical="center")


def _flat_table(g: _Grid, table: Table, r: int) -> int:
    """Table 4: all numbers on one row under three header rows; recomputed totals below."""
    cols = table.columns
    n = len(cols)
    top = [row for row in table.rows if row.group is None]
    grouped: dict[str, list] = defaultdict(list)
    for row in table.rows:
        if row.group:
            grouped[row.group].append(row)
    c = 4  # the value columns of table 3; A–C hold the labels
    g.label(r, 1, "", span=(3, 3))
    for row in top:
        g.label(r, c, row.label, span=(1, n))
        for k, col in enumerate(cols):
            g.label(r + 1, c + k, col.label, span=(2, 1))
        c += n
    for gid, rows in grouped.items():
        group = next(grp for grp in table.groups if grp.id == gid)
        g.label(r, c, group.label, span=(1, n * len(rows)))
        for row in rows:
            g.label(r + 1, c, row.label, span=(1, n))
            for k, col in enumerate(cols):
                g.label(r + 2, c + k, col.label)
            c += n
    values = r + 3
    g.label(values, 1, "数量", span=(1, 3))
    c = 4
    for row in [*top, *(x for rows in grouped.values() for x in rows)]:
        for k, col in enumerate(cols):
            g.value(values, c + k, f"{table.id}.{row.id}.{col.id}")
        c += n
    rels = [rel for rel in g.report.template.relations if rel.rule.startswith(table.id)]
    if rels:
        g.label(values + 1, 1, "核算：总计（公式）", span=(1, 3), fill=_CALC)
        g.label(values + 2, 1, "差额：总计", span=(1, 3), fill=_CALC)
        for rel in rels:
            total = g.refs[rel.totals[0]]
            col = total.rstrip("0123456789")
            g.calc(values + 1, _col_index(col), f"=SUM({','.join(g.refs[x] for x in rel.parts)})")
            g.calc(values + 2, _col_index(col), f"=N({total})-{col}{values + 1}")
    return values + 3


def _col_index(letters: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letters)


# ---- the source ------------------------------------------------------------------------------


def _write_source(ws: Worksheet, result: AuditResult) -> None:
    report = result.report
    assert report is not None and result.source is not None
    worst: dict[int, Severity] = {}
    for f in result.findings:
        if f.severity is Severity.INFO:
            continue
        lines = {s.line for s in f.spans} | {report.cells[c].span.line for c in f.cells if c in report.cells}
        if not lines and f.lines:
            lines = {f.lines[0]}
        for line in lines:
            if worst.get(line) is not Severity.ERROR:
                worst[line] = f.severity
    source = result.source
    how = f"编码 {source.encoding}" if source.format == "text" else f"{source.format.upper()} 文件"
    if source.format != "text" and source.encoding:
        how += f"，编码 {source.encoding}"
    titles = ["行号", f"原文（{os.path.basename(result.path)}，{how}）"]
    if source.anchors:  # a PDF's pages, a workbook's cells
        titles.append("原件位置")
    _header(ws, titles)
    for n, line in enumerate(source.lines, 1):
        ws.cell(n + 1, 1, n)
        text = put_text(ws.cell(n + 1, 2), line)
        text.alignment = _WRAP
        if source.anchors:
            put_text(ws.cell(n + 1, 3), source.line_origin(n))
        if n in worst:
            ws.cell(n + 1, 1).fill = text.fill = _SEVERITY_FILL[worst[n]]
    _finish(ws, (7, 120, 18) if source.anchors else (7, 120), len(source.lines) + 1)


# ---- shared layout -----------------------------------------------------------------------------


def _header(ws: Worksheet, titles: Sequence[str]) -> None:
    for k, title in enumerate(titles, 1):
        cell = put_text(ws.cell(1, k), title)  # a title may hold a file's name
        cell.font, cell.fill, cell.alignment, cell.border = _BOLD, _HEAD, _CENTER, _BOX


def _finish(ws: Worksheet, widths: Sequence[int], last_row: int) -> None:
    for k, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(k)].width = w
    ws.freeze_panes = "A2"
    if last_row > 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{last_row}"
    ws.print_title_rows = "1:1"
    _print_setup(ws)


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


# ---- the file ------------------------------------------------------------------------------------


def _check_target(target: str, results: Sequence[AuditResult]) -> None:
    if not target.lower().endswith(".xlsx"):
        raise ExportError(f"导出文件须以 .xlsx 结尾：{target}")
    real = os.path.realpath(target)
    for result in results:
        if os.path.realpath(result.path) == real:
            raise ExportError(f"不能把审核结果写到输入的报告文件上：{target}")
    folder, name = os.path.split(real)
    for lock in (f"~${name}", f".~lock.{name}#"):
        if os.path.exists(os.path.join(folder, lock)):
            raise ExportError(f"目标文件正被其他程序（如 Excel、WPS）打开，请关闭后重试：{target}")
    if not os.path.isdir(folder):
        raise ExportError(f"目标文件夹不存在：{folder}")


def _save_atomically(wb: Workbook, target: str) -> None:
    folder = os.path.dirname(os.path.realpath(target))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".auditapp-", suffix=".xlsx", dir=folder)
        os.close(fd)
        wb.save(tmp)
        with open(tmp, "rb+") as f:  # on disk before it replaces the old file: a crash leaves one or the other
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))  # mkstemp makes it private; a workbook is for sharing
        os.replace(tmp, target)
    except PermissionError:
        raise ExportError(f"无法写入 {target}：文件可能正被其他程序（如 Excel、WPS）打开，或没有写入权限") from None
    except OSError as e:
        raise ExportError(f"无法写入 {target}：{e.strerror or e}") from None
    except Exception as e:  # a bug of ours (or openpyxl's) on strange text: the old file stays, the user is told
        log.exception("writing the workbook %s failed", target)
        raise ExportError(f"无法写入 {target}：内部错误（{type(e).__name__}），原有文件未改动") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.remove(tmp)


def _mode_for(target: str) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
