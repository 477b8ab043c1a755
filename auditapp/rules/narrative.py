"""The narrative against the tables: figures the text states about what the tables hold.

`statements(report)` finds, in the lines outside the table regions, every figure whose
meaning is clear from its sentence (applications received, new, carried over, handled,
carried forward; each result; reviews and lawsuits with their outcomes; rules and normative
documents issued, repealed and in force; licensing, penalty and coercion decisions;
administrative fees: table 2's are rule narrative.table2, see narrative_table2.py), the percentages the
text states of them, and the sums the text makes itself (a total and the items it lists).
Each statement says what it is checked against: table cells, or the narrative's own figures.

Conservative by design: a figure is taken only when a keyword stands right next to it with
nothing but filler words in between ("共处理政府信息公开申请件814件", "764件已办结"), its
sentence or paragraph is about applications for disclosure (or reviews and lawsuits about
them; a paragraph on 依申请公开 is context enough for "本年度共收到申请79件" too), and it is
not approximate ("近17250件", "1700 余条"). Words that can mean two table figures are checked
against both ("共受理…59件" is either the new applications or new plus carried over) and agree
when either does. Anything else is left alone: a false alarm costs an inspector more than a
missed remark.

Whose figure: only the report's own year and the body itself. A figure is left unchecked when
what stands before it in its sentence (a "其中…" sentence continues the one before it) makes it
another year's (2022年…, 上年度, 去年, 前年; the report's year said again, 本年度 / 全年 / 2023年,
makes the rest the year's own again; comparisons such as 较2022年, 与上年相比 and the keywords
上年结转 / 结转2024年 set nothing), a span's (自2019年以来, 自…起, 至今; 累计 unless the year was
named before it: 全年累计 is the year's), a part of the year's (11月份, 一季度, 上半年; but
1月1日至12月31日 and 截至12月31日 are the whole year), or a sub-unit's (区政府办公室受理…,
区市场监管局作出…, 以区政府办公室名义印发…; not 我局, 全区各部门 or the body's own name; 全区, 我区
… make the rest the body's again). Words that name something else next to a keyword are labels
too: 维持原答复 (the answer under review), 撤回 / 不再处理 (withdrawn), and 减免 / 退还 / 免收
行政事业性收费 (not the fees collected).

Sums the narrative makes: a total followed by "其中…" or "（…）" and items that carry no table
keyword (区政府36件、部门街道778件; 信函申请39件…当面申请0件). A list is held to add up to its
total only when it is clearly a breakdown of it: the total is a count of applications the
tables hold (each comes once, by one channel, from one applicant) and nothing says the list is
a selection. When something does (主要, 涉及, 类, 等, or a clause "其余…" after it) only a sum
above the total is flagged. Lists of any other total (information published: its channels and
categories overlap, 政策文件500条，政策解读200条 is a selection) and a sentence of channels after a
total (网站1475条，微博739条，微信854条 after 主动公开…3068条) are recorded when they add up and
never flagged, above the total or below it. A list ends at an item with a table keyword, at a
switch between items labelled by a channel and items that are not (网上申请60件，当面申请18件，
自然人申请70件…), and at a separator stronger than the one between its first items (…18件；
自然人70件); when its first items already add up to the total the rest is another list; a
parenthesis inside it (网站1200条（含转载300条）) is a remark, not items.
Percentages ("占83%", "占已答复件数的5.1%") are compared with part ÷ base rounded half up at
the decimals printed; the base is the one named, else the list's total (or, for results,
the answered or received total of the table).

Cells come from the report's template (`report.template`, a mix such as "2021+t3:2019"
included): in the 2019 tables (六)其他处理 is the one row t3.other, 规范性文件 has 本年新制作数量
and 本年新公开数量 (either agrees) and no cell holds the fees collected; a statement whose cells
the template lacks stays unchecked.

Figures that are sums of cells are checked as such: two results said together ("予以公开及部分
公开258件" against granted + partly granted) and a group (无法提供, the sum of its rows, each row's
total taken as the sum of its cells where the report left it blank); a result's share said
without its base ("不予公开35件，占4.34%") is held against the table's totals. A paragraph that a
PDF wrapped over several lines is read whole (narrative_text.py), each figure still shown on its
own line.

The parts: narrative_text.py joins the paragraphs; narrative_figures.py finds the figures and
what they are about; narrative_cells.py says which cells a statement can mean and sums them;
narrative_sums.py checks the shares and the lists; narrative_table2.py tells what a table-2
figure counts (issued, repealed, in force) and when its sentence is clear; this module runs them
over the report.

Left alone on purpose: rates (答复率100%), changes on last year (较上年增加42件), approximate
figures, other enumerations ("行政复议、行政诉讼各1件"), outcomes that could belong to either
reviews or lawsuits, and 信息处理费
(recorded as kind "fees.processing", but no cell of the tables holds it: 行政事业性收费
is another thing).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..report import Report
from . import narrative_patterns as P
from .checks import check
from .findings import Finding
from .narrative_cells import SPECS, Statement  # noqa: F401  (the narrative's statement kinds, for callers)
from .narrative_figures import _attribute, _foreign, _in_context, _Item, _Line, _read_line, _table_item
from .narrative_sums import _lists
from .narrative_table2 import quote_start
from .narrative_text import paragraphs

# ---- the whole narrative --------------------------------------------------------------------


def _narrative_lines(report: Report) -> Iterator[tuple[int, str, str, tuple[tuple[int, int, int], ...]]]:
    """(first line's number, text, text translated 1:1, where its lines start) of the paragraphs
    outside the tables that hold a figure or a negation; a paragraph wrapped over lines (text
    taken from a PDF) is read whole, so a sentence broken by a line end is still read."""
    for n, raw, breaks in paragraphs(report.narrative_lines()):
        s = raw.translate(P.FULLWIDTH) if P.HAS_FULLWIDTH.search(raw) else raw  # (translate is slow)
        if "无" in s or "未" in s or (P.DIGIT.search(s) and P.FIGURE.search(s)):
            yield n, raw, s, breaks


def _figures(report: Report, line: _Line) -> None:
    year = report.meta.year
    s = line.s
    for fig in line.figs:
        if fig.unit == "%":
            continue
        _attribute(line, fig, year)
        if fig.kind is None or fig.kw is None or not _in_context(line, fig):
            fig.kind = None
            continue
        a, b = min(fig.kw.start, fig.start), max(fig.kw.end, fig.end)
        if fig.kind.startswith("t2."):  # quoted from 现行有效 / 废止 before the document word
            a = min(a, quote_start(line, fig.kw))
        if _foreign(report, line, a, b):  # another year, a span, a month, a sub-unit
            fig.kind, fig.foreign = None, True
            continue
        if a and s[a - 1] in "“‘「" and any(q in s[a:b] for q in "”’」"):
            a -= 1  # the keyword is quoted: “予以公开”3件
        decimals = fig.decimals if fig.kind == "t2.fees.amount" else None
        fig.item = _table_item(report, line, fig.kind, fig.value, a, b, decimals)
        line.items.append(fig.item)
        line.stated[fig.kind] = fig


def _negations(report: Report, line: _Line) -> None:
    """Zeros said in words: 无行政复议、行政诉讼; 未收到政府信息公开申请; 未收取信息处理费."""
    s = line.s
    for m in P.NONE_T4.finditer(s):
        c0, c1 = line.clause(m.start())
        s0, s1 = line.sentence(m.start())
        if line.has(P.NONE_T4_EXCLUDE, m.start(), c1) or line.has(P.BLOCK_T4, s0, s1):
            continue
        if not (line.has(P.INFO_APPLY, c0, c1) or line.has(P.APPLY_PARAGRAPH, 0, m.start())):
            continue
        if _foreign(report, line, m.start(), m.end()):
            continue
        what = m.group("what")
        kind = "t4.review_and_suit" if len(what) > 4 else "t4.review" if what == "行政复议" else "t4.suit"
        line.items.append(_table_item(report, line, kind, Decimal(0), m.start(), m.end()))
    for m in P.NONE_T3.finditer(s):
        if _foreign(report, line, m.start(), m.end()):
            continue
        line.items.append(_table_item(report, line, "t3.new", Decimal(0), m.start(), m.end()))
    for m in P.FEES_NONE.finditer(s):
        span = line.span(m.start(), m.end())
        line.items.append(_Item(Statement("fees.processing", Decimal(0), span, (), line.raw[m.start() : m.end()])))


def _analyse(report: Report) -> list[_Item]:
    out: list[_Item] = []
    for n, raw, s, breaks in _narrative_lines(report):
        line = _read_line(n, raw, s, breaks)
        _figures(report, line)
        _negations(report, line)
        _lists(report, line)
        out.extend(sorted(line.items, key=lambda i: (i.stmt.span.start, i.stmt.kind)))
    return out


def statements(report: Report) -> list[Statement]:
    """Every figure the narrative states that the tables (or the narrative itself) can check,
    in the order of the text; those with `expected` None were found but could not be checked."""
    return [i.stmt for i in _analyse(report)]


@check
def narrative(report: Report) -> Iterator[Finding]:
    for item in _analyse(report):
        if item.finding is not None:
            yield item.finding
