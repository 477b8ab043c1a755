"""Reports as documents, for writing them in other formats (tests and benchmarks).

`report_document` lays a parsed report out as the official 2021 template prints it: the
narrative as paragraphs, and the three tables with the merged cells government sites and
Word files use (group labels spanning their rows, 法人或其他组织 over its five columns, table
4's two header rows above one row of 15 numbers). Writers for each format (`docgen.html`,
`docgen.docx` …) take these blocks; the readers in `auditapp.ingest` must give the cells back.

Options cover the shapes real documents take: blank cells for zero, `&nbsp;` in blank cells,
an 8th `法人小计` column, and any cell's text replaced (a fault injected before rendering).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass

from ..ingest.document import Block, Paragraph, TableBlock, TableCell
from ..report import Report
from ..template import TEMPLATE_2021

T3_HEADER_NOTE = "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"
T4_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
_TITLES = {
    "t2": "二、主动公开政府信息情况",
    "t3": "三、收到和处理政府信息公开申请情况",
    "t4": "四、政府信息公开行政复议、行政诉讼情况",
}


@dataclass(frozen=True)
class Shape:
    """How the document prints its tables."""

    blank_zeros: bool = False  # a 0 printed as an empty cell
    blank_text: str = ""  # what an empty cell holds ("\xa0" for a page's &nbsp;)
    subtotal_column: bool = False  # table 3's 8th column, 法人或其他组织·小计


def report_document(report: Report, shape: Shape = Shape(), values: Mapping[str, str] | None = None) -> list[Block]:
    """The report as paragraphs and tables; `values` replaces the text of the cells it names."""
    raw = {cid: c.raw for cid, c in report.cells.items()}
    raw.update(values or {})
    tables = {"t2": _table2, "t3": _table3, "t4": _table4}
    regions = sorted(report.regions.values(), key=lambda r: r.first_line)
    lines = report.source.lines
    blocks: list[Block] = []
    n = 1
    for region in regions:
        first = region.first_line if region.title_line is None else min(region.first_line, region.title_line)
        blocks += [Paragraph(t) for t in lines[n - 1 : first - 1] if t.strip()]
        blocks.append(Paragraph(_TITLES[region.table]))
        blocks.append(tables[region.table](lambda cid: _text(raw.get(cid, ""), shape), shape))
        n = max(region.last_line, region.title_line or 0) + 1
    blocks += [Paragraph(t) for t in lines[n - 1 :] if t.strip()]
    return blocks


def _text(raw: str, shape: Shape) -> str:
    if shape.blank_zeros and raw.strip() == "0":
        return shape.blank_text
    return raw if raw.strip() else shape.blank_text


def _c(text: str, rowspan: int = 1, colspan: int = 1) -> TableCell:
    return TableCell(text, rowspan, colspan)


def _table2(value, shape: Shape) -> TableBlock:
    rows: list[list[TableCell]] = []
    docs = ("regulations", "normative_documents")
    rows.append([_c("第二十条第(一)项", colspan=4)])
    rows.append([_c("信息内容"), _c("本年制发件数"), _c("本年废止件数"), _c("现行有效件数")])
    t2 = TEMPLATE_2021.table("t2")
    for rid in docs:
        rows.append([_c(t2.row(rid).label), *(_c(value(f"t2.{rid}.{c}")) for c in ("issued", "repealed", "in_force"))])
    for group, head, rids, col in (
        ("第二十条第(五)项", "本年处理决定数量", ("licensing",), "decisions"),
        ("第二十条第(六)项", "本年处理决定数量", ("penalty", "coercion"), "decisions"),
        ("第二十条第(八)项", "本年收费金额(单位:万元)", ("fees",), "amount"),
    ):
        rows.append([_c(group, colspan=4)])
        rows.append([_c("信息内容"), _c(head, colspan=3)])
        for rid in rids:
            rows.append([_c(t2.row(rid).label), _c(value(f"t2.{rid}.{col}"), colspan=3)])
    return TableBlock(rows)


def _table3(value, shape: Shape) -> TableBlock:
    t3 = TEMPLATE_2021.table("t3")
    body = [c.id for c in t3.columns]
    orgs = [c for c in t3.columns if c.parent]
    width = len(orgs) + (1 if shape.subtotal_column else 0)
    header = [
        [_c(T3_HEADER_NOTE, rowspan=3, colspan=3), _c("申请人情况", colspan=2 + width)],
        [_c("自然人", rowspan=2), _c("法人或其他组织", colspan=width), _c("总计", rowspan=2)],
        [*(_c(c.label) for c in orgs), *([_c("小计")] if shape.subtotal_column else [])],
    ]

    def numbers(rid: str) -> list[TableCell]:
        texts = [value(f"t3.{rid}.{c}") for c in body]
        if shape.subtotal_column:
            texts.insert(6, _subtotal(texts[1:6], shape))
        return [_c(t) for t in texts]

    rows = list(header)
    groups = {g.id: g for g in t3.groups}
    results = [r for r in t3.rows if r.group is not None]
    group_seen: set[str] = set()
    for r in t3.rows:
        if r.group is None:
            rows.append([_c(f"{r.number}、{r.label}", colspan=3), *numbers(r.id)])
            continue
        lead: list[TableCell] = []
        if r is results[0]:
            lead.append(_c("三、本年度办理结果", rowspan=len(results)))
        if r.group == "results":
            lead.append(_c(f"({r.number}){r.label}", colspan=2))
        else:
            if r.group not in group_seen:
                g = groups[r.group]
                size = sum(1 for x in t3.rows if x.group == r.group)
                lead.append(_c(f"({g.number}){g.label}", rowspan=size))
                group_seen.add(r.group)
            lead.append(_c(f"{r.number}.{r.label}"))
        rows.append([*lead, *numbers(r.id)])
    return TableBlock(rows)


def _subtotal(texts: list[str], shape: Shape) -> str:
    """法人小计 as a report prints it: the sum of what it printed (a blank read as 0)."""
    try:
        total = sum(int(t.strip() or 0) for t in texts)
    except ValueError:
        return ""
    return _text(str(total), shape)


def _table4(value, shape: Shape) -> TableBlock:
    rows = [
        [_c("行政复议", colspan=5), _c("行政诉讼", colspan=10)],
        [*(_c(t, rowspan=2) for t in T4_RESULTS), _c("未经复议直接起诉", colspan=5), _c("复议后起诉", colspan=5)],
        [_c(t) for t in T4_RESULTS * 2],
        [
            _c(value(f"t4.{g}.{c}"))
            for g in ("review", "suit_direct", "suit_after_review")
            for c in ("upheld", "corrected", "other", "pending", "total")
        ],
    ]
    return TableBlock(rows)


def writers() -> dict[str, object]:
    """The writer modules by format name (each has SUFFIX and write(blocks, **options) -> bytes),
    imported when asked for: reportlab and lxml are not needed to lay a report out."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "write") and hasattr(module, "SUFFIX"):
            found[info.name] = module
    return found
