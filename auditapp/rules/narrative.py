"""The narrative against the tables: figures the text states about what the tables hold.

`statements(report)` finds, in the lines outside the table regions, every figure whose
meaning is clear from its sentence (applications received, new, carried over, handled,
carried forward; each result; reviews and lawsuits with their outcomes; normative documents
issued; licensing, penalty and coercion decisions; administrative fees), the percentages the
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

Left alone on purpose: rates (答复率100%), changes on last year (较上年增加42件), approximate
figures, enumerations ("予以公开和部分公开共40件", "行政复议、行政诉讼各1件"), outcomes that
could belong to either reviews or lawsuits, statements broken across lines, and 信息处理费
(recorded as kind "fees.processing", but no cell of the tables holds it: 行政事业性收费
is another thing).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..report import Report
from ..source import Span
from ..template import Template
from . import narrative_patterns as P
from .checks import check
from .findings import Finding, Text, fmt_number
from .narrative_text import paragraphs

NEW, CO, TOTAL, CF = "t3.new.total", "t3.carried_over.total", "t3.total.total", "t3.carried_forward.total"
_DENIED = ("secret", "law", "safety", "third_party", "internal", "process", "enforcement", "inquiry")
_UNABLE = ("not_held", "create", "unclear")
_REJECTED = ("petition", "repeat", "publication", "mass", "confirm")
_OTHER = ("no_supplement", "no_fee", "misc")
_SUITS = ("suit_direct", "suit_after_review")
_T4_RESULTS = {"upheld": ("结果维持", "upheld"), "corrected": ("结果纠正", "corrected"),
               "other_result": ("其他结果", "other result"), "pending": ("尚未审结", "pending")}  # fmt: skip

COUNT_UNITS = frozenset({"件", "项", "个", "宗"})


@dataclass(frozen=True, slots=True)
class Option:
    """One table figure a statement can mean: the sum of these cells."""

    cells: tuple[str, ...]
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Spec:
    what_zh: str
    what_en: str
    options: tuple[Option, ...]
    units: frozenset[str] = COUNT_UNITS
    fill: object = P.FILL_T3
    after: bool = False  # may the keyword follow the figure ("764件已办结")
    context: str = "t3"  # t3_total | t3 | t4 | t2n | t2d | t2f
    # The options read from the report's template, when its tables differ (2019: (六)其他处理 is
    # one row; 规范性文件 has 本年新制作数量 / 本年新公开数量, no 本年制发件数; no fees amount).
    derive: Callable[[Template], tuple[Option, ...]] | None = None


def _t3(row: str) -> tuple[str, ...]:
    return (f"t3.{row}.total",)


def _t3_rows(prefix: str, rows: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"t3.{prefix}_{r}.total" for r in rows)


def _rows_of(template: Template, tid: str, prefix: str) -> list[str]:
    """The ids of a table's rows that make up a group: the row `prefix` itself (2019's single
    (六)其他处理) or the rows `prefix_…` under it."""
    try:
        table = template.table(tid)
    except StopIteration:
        return []
    return [r.id for r in table.rows if r.id == prefix or r.id.startswith(prefix + "_")]


def _t3_group(prefix: str, zh: str, en: str) -> Callable[[Template], tuple[Option, ...]]:
    def derive(template: Template) -> tuple[Option, ...]:
        rows = _rows_of(template, "t3", prefix)
        if not rows:
            return ()
        cells = tuple(f"t3.{r}.total" for r in rows)
        if len(rows) == 1:
            return (Option(cells, f"表三{zh}", f"table 3 {en}"),)
        return (Option(cells, f"表三{zh}（{len(rows)}项之和）", f"table 3 {en} ({len(rows)} rows)"),)

    return derive


def _t2_normative(template: Template) -> tuple[Option, ...]:
    """2021: 本年制发件数; 2019: 本年新制作数量 or 本年新公开数量 (印发 can mean either)."""
    names = {
        "issued": ("表二行政规范性文件本年制发件数", "table 2 normative documents issued"),
        "made": ("表二规范性文件本年新制作数量", "table 2 normative documents newly made"),
        "published": ("表二规范性文件本年新公开数量", "table 2 normative documents newly published"),
    }
    cells = set(_template_cells(template))
    return tuple(
        Option((f"t2.normative_documents.{c}",), zh, en)
        for c, (zh, en) in names.items()
        if f"t2.normative_documents.{c}" in cells
    )


_O_NEW = Option((NEW,), "表三本年新收申请", "table 3 new applications")
_O_RECEIVED = Option((NEW, CO), "表三本年新收与上年结转之和", "table 3 new plus carried-over applications")
_O_TOTAL = Option((TOTAL,), "表三办理结果总计", "table 3 results total")

SPECS: dict[str, Spec] = {
    "t3.received": Spec("收到申请", "applications received", (_O_NEW, _O_RECEIVED), context="t3_total"),
    "t3.processed": Spec("处理申请", "applications dealt with", (_O_RECEIVED, _O_TOTAL, _O_NEW), context="t3_total"),
    "t3.new": Spec("新收申请", "new applications", (_O_NEW,), context="t3_total"),
    "t3.carried_over": Spec(
        "上年结转",
        "carried over",
        (Option((CO,), "表三上年结转申请", "table 3 carried-over applications"),),
        after=True,
    ),
    "t3.handled": Spec("办结（答复）", "handled or answered", (_O_TOTAL,), after=True),
    "t3.carried_forward": Spec(
        "结转下年度",
        "carried forward",
        (Option((CF,), "表三结转下年度继续办理", "table 3 carried forward"),),
        after=True,
    ),
    "t3.granted": Spec("予以公开", "granted", (Option(_t3("granted"), "表三予以公开", "table 3 granted"),), after=True),
    "t3.granted_partial": Spec(
        "予以公开及部分公开",
        "granted in full or in part",
        (
            Option(
                (*_t3("granted"), *_t3("partial")), "表三予以公开与部分公开之和", "table 3 granted plus partly granted"
            ),
        ),
        after=True,
    ),
    "t3.partial": Spec(
        "部分公开", "partly granted", (Option(_t3("partial"), "表三部分公开", "table 3 partly granted"),), after=True
    ),
    "t3.denied": Spec(
        "不予公开",
        "denied",
        (Option(_t3_rows("denied", _DENIED), "表三不予公开（8项之和）", "table 3 denied (8 rows)"),),
        after=True,
        derive=_t3_group("denied", "不予公开", "denied"),
    ),
    "t3.unable": Spec(
        "无法提供",
        "unable to provide",
        (Option(_t3_rows("unable", _UNABLE), "表三无法提供（3项之和）", "table 3 unable to provide (3 rows)"),),
        after=True,
        derive=_t3_group("unable", "无法提供", "unable to provide"),
    ),
    "t3.rejected": Spec(
        "不予处理",
        "not processed",
        (Option(_t3_rows("rejected", _REJECTED), "表三不予处理（5项之和）", "table 3 not processed (5 rows)"),),
        after=True,
        derive=_t3_group("rejected", "不予处理", "not processed"),
    ),
    "t3.other": Spec(
        "其他处理",
        "otherwise dealt with",
        (Option(_t3_rows("other", _OTHER), "表三其他处理（3项之和）", "table 3 otherwise dealt with (3 rows)"),),
        after=True,
        derive=_t3_group("other", "其他处理", "otherwise dealt with"),
    ),
    "t4.review": Spec(
        "行政复议",
        "administrative reviews",
        (Option(("t4.review.total",), "表四行政复议总计", "table 4 reviews, total"),),
        fill=P.FILL_T4,
        context="t4",
    ),
    "t4.suit": Spec(
        "行政诉讼",
        "lawsuits",
        (Option(tuple(f"t4.{g}.total" for g in _SUITS), "表四行政诉讼总计（两类之和）", "table 4 lawsuits, total"),),
        fill=P.FILL_T4,
        context="t4",
    ),
    "t2.normative_documents.issued": Spec(
        "规范性文件",
        "normative documents issued",
        (
            Option(
                ("t2.normative_documents.issued",),
                "表二行政规范性文件本年制发件数",
                "table 2 normative documents issued",
            ),
        ),
        units=frozenset({"件", "个", "份", "条"}),
        fill=P.FILL_T2,
        context="t2n",
        derive=_t2_normative,
    ),
    "t2.licensing.decisions": Spec(
        "行政许可",
        "licensing decisions",
        (Option(("t2.licensing.decisions",), "表二行政许可本年处理决定数量", "table 2 licensing decisions"),),
        units=frozenset({"件", "个", "宗"}),
        fill=P.FILL_T2,
        context="t2d",
    ),
    "t2.penalty.decisions": Spec(
        "行政处罚",
        "penalty decisions",
        (Option(("t2.penalty.decisions",), "表二行政处罚本年处理决定数量", "table 2 penalty decisions"),),
        units=frozenset({"件", "个", "宗"}),
        fill=P.FILL_T2,
        context="t2d",
    ),
    "t2.coercion.decisions": Spec(
        "行政强制",
        "coercion decisions",
        (Option(("t2.coercion.decisions",), "表二行政强制本年处理决定数量", "table 2 coercion decisions"),),
        units=frozenset({"件", "个", "宗"}),
        fill=P.FILL_T2,
        context="t2d",
    ),
    "t2.fees.amount": Spec(
        "行政事业性收费",
        "administrative fees",
        (Option(("t2.fees.amount",), "表二行政事业性收费金额（万元）", "table 2 administrative fees (10,000 yuan)"),),
        units=frozenset({"万元"}),
        fill=P.FILL_FEES,
        context="t2f",
    ),
}
for _group, _zh, _en, _cells in (
    ("review", "行政复议", "review", lambda c: (f"t4.review.{c}",)),
    ("suit", "行政诉讼", "lawsuit", lambda c: tuple(f"t4.{g}.{c}" for g in _SUITS)),
):
    for _res, (_rzh, _ren) in _T4_RESULTS.items():
        _col = "other" if _res == "other_result" else _res
        SPECS[f"t4.{_group}.{_col}"] = Spec(
            f"{_zh}{_rzh}",
            f"{_en}s {_ren}",
            (Option(_cells(_col), f"表四{_zh}{_rzh}", f"table 4 {_en}s {_ren}"),),
            fill=P.FILL_T4,
            context="t4",
        )
SPECS["t4.review_and_suit"] = Spec(
    "行政复议、行政诉讼",
    "reviews and lawsuits",
    (
        Option(
            ("t4.review.total", *(f"t4.{g}.total" for g in _SUITS)),
            "表四行政复议、行政诉讼总计之和",
            "table 4 reviews and lawsuits, total",
        ),
    ),
    fill=P.FILL_T4,
    context="t4",
)
# keyword group → statement kind (table 4 outcomes are resolved by the group they follow)
_KIND = {
    "new": "t3.new",
    "carried_over": "t3.carried_over",
    "carried_forward": "t3.carried_forward",
    "carry_year": "t3.carried_forward",
    "handled": "t3.handled",
    "received": "t3.received",
    "processed": "t3.processed",
    "granted": "t3.granted",
    "granted_partial": "t3.granted_partial",
    "partial": "t3.partial",
    "denied": "t3.denied",
    "unable": "t3.unable",
    "rejected": "t3.rejected",
    "other": "t3.other",
    "review": "t4.review",
    "suit": "t4.suit",
    "normative": "t2.normative_documents.issued",
    "licensing": "t2.licensing.decisions",
    "penalty": "t2.penalty.decisions",
    "coercion": "t2.coercion.decisions",
    "fees_admin": "t2.fees.amount",
}
# keyword groups that label a figure as not a table one
_LABELS = frozenset({"rate", "change", "blocker", "channel", "fees_processing", "prior", "withdrawn"})


@dataclass(frozen=True, slots=True)
class Statement:
    """A figure the narrative states, and what it was checked against.

    `value` is the figure as printed (a percentage for kind "share", the stated total for
    kind "sum"); `span` is where it stands. `cells` are the table cells whose sum it was
    compared with (for "share" and "sum", the cells behind the narrative figures involved;
    () when none). `expected` is what the tables, or the narrative's own figures, give; None
    when it could not be checked (a cell missing, nothing in the tables to check it against).
    `parts` are the other narrative figures it was checked with (a sum's items, a share's
    figure and base).
    """

    kind: str
    value: Decimal
    span: Span
    cells: tuple[str, ...]
    text: str
    expected: Decimal | None = None
    parts: tuple[Span, ...] = ()

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def checked(self) -> bool:
        return self.expected is not None

    @property
    def agrees(self) -> bool:
        return self.expected is None or self.value == self.expected


# ---- reading a line -------------------------------------------------------------------------


@dataclass(slots=True)
class _Kw:
    group: str
    start: int
    end: int
    index: int  # in the line's keywords


@dataclass(slots=True)
class _Fig:
    start: int
    end: int
    value: Decimal
    unit: str
    decimals: int
    approx: bool
    near: str | None = None  # the keyword group that labels the figure, whatever it is
    foreign: bool = False  # about another year, a span, a part of the year or a sub-unit
    kind: str | None = None  # the statement kind, when the figure is one the tables hold
    kw: _Kw | None = None
    item: _Item | None = None


@dataclass(slots=True)
class _Item:
    stmt: Statement
    finding: Finding | None = None


@dataclass(slots=True)
class _Line:
    n: int
    raw: str
    s: str  # translated 1:1
    figs: list[_Fig]
    items: list[_Item] = field(default_factory=list)
    stated: dict[str, _Fig] = field(default_factory=dict)  # kind → the last figure of that kind
    fig_starts: list[int] = field(default_factory=list)
    _matches: dict[object, tuple[list[int], list[int]]] = field(default_factory=dict)
    _scopes: tuple[_Marks, _Marks] | None = None
    # Found when first asked for: a line with neither a figure nor a negation never asks.
    _kws: list[_Kw] | None = None
    _kw_starts: list[int] = field(default_factory=list)
    _seps: list[int] | None = None  # clause separator positions
    _ends: list[int] = field(default_factory=list)  # sentence end positions
    _semicolons: list[int] = field(default_factory=list)
    # a paragraph wrapped over several lines: (offset in the text, line number, column there of that offset)
    breaks: tuple[tuple[int, int, int], ...] = ()

    def __post_init__(self) -> None:
        self.fig_starts = [f.start for f in self.figs]

    @property
    def seps(self) -> list[int]:
        if self._seps is None:
            self._find_separators()
        return self._seps  # type: ignore[return-value]

    @property
    def ends(self) -> list[int]:
        if self._seps is None:
            self._find_separators()
        return self._ends

    @property
    def semicolons(self) -> list[int]:
        if self._seps is None:
            self._find_separators()
        return self._semicolons

    def _find_separators(self) -> None:
        s = self.s
        self._seps = seps = [m.start() for m in P.SEPARATOR.finditer(s)]
        self._ends = [i for i in seps if s[i] in P.SENTENCE_ENDS]
        self._semicolons = [i for i in seps if s[i] in "；;"]

    @property
    def kws(self) -> list[_Kw]:
        if self._kws is None:
            self._find_keywords()
        return self._kws  # type: ignore[return-value]

    @property
    def kw_starts(self) -> list[int]:
        if self._kws is None:
            self._find_keywords()
        return self._kw_starts

    def _find_keywords(self) -> None:
        matches = P.KEYWORDS.finditer(self.s)
        self._kws = [_Kw(m.lastgroup or "", m.start(), m.end(), i) for i, m in enumerate(matches)]
        self._kw_starts = [k.start for k in self._kws]

    def has(self, pattern: re.Pattern[str], a: int, b: int) -> bool:
        """Whether `pattern` matches within [a, b): each pattern is run once over the line, so
        asking of many windows stays linear."""
        found = self._matches.get(pattern)
        if found is None:
            ms = list(pattern.finditer(self.s))
            found = self._matches[pattern] = ([m.start() for m in ms], [m.end() for m in ms])
        starts, ends = found
        i = bisect_left(starts, a)
        return i < len(starts) and ends[i] <= b

    def segment(self, pos: int) -> int:
        """Where the part of the sentence around `pos` after its last semicolon starts."""
        s0, _ = self.sentence(pos)
        i = bisect_left(self.semicolons, pos)
        return max(s0, self.semicolons[i - 1] + 1) if i else s0

    def clause(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.seps, pos - 1)
        start = self.seps[i - 1] + 1 if i else 0
        end = self.seps[i] if i < len(self.seps) else len(self.s)
        return start, end

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.ends, pos - 1)
        start = self.ends[i - 1] + 1 if i else 0
        end = self.ends[i] if i < len(self.ends) else len(self.s)
        return start, end

    def span(self, a: int, b: int) -> Span:
        """Where [a, b) of the text stands in the source: on the line the paragraph had at `a`
        (a figure that wraps is shown up to the end of its first line)."""
        if not self.breaks:
            return Span(self.n, a, b)
        at, n, col = 0, self.n, 0
        for offset, line, column in self.breaks:
            if offset > a:
                break
            at, n, col = offset, line, column
        nxt = next((o for o, _, _ in self.breaks if o > a), len(self.s))
        return Span(n, a - at + col, min(b, nxt) - at + col)

    def scope_start(self, pos: int) -> int:
        """Where what sets the scope of `pos` may stand: its sentence's start, or the start of
        the sentence a "其中…" sentence continues."""
        s0, _ = self.sentence(pos)
        while s0 > 0 and self.s[s0 : s0 + 8].lstrip().startswith("其中"):
            s0, _ = self.sentence(s0 - 1)
        return s0

    def figs_in(self, a: int, b: int) -> list[_Fig]:
        """The figures standing wholly in [a, b)."""
        i, j = bisect_left(self.fig_starts, a), bisect_left(self.fig_starts, b)
        return [f for f in self.figs[i:j] if f.end <= b]

    def kws_in(self, a: int, b: int) -> list[_Kw]:
        """The keywords standing wholly in [a, b)."""
        i, j = bisect_left(self.kw_starts, a), bisect_left(self.kw_starts, b)
        return [k for k in self.kws[i:j] if k.end <= b]


def _read_line(n: int, raw: str, s: str, breaks: tuple[tuple[int, int, int], ...] = ()) -> _Line:
    figs = []
    for m in P.FIGURE.finditer(s):
        digits, frac, unit = m.group(1), m.group(2), m.group(3)
        value = Decimal(digits.replace(",", "") + ("." + frac if frac else ""))
        approx = bool(P.APPROX_BEFORE.search(s, max(0, m.start() - 4), m.start())) or s.startswith(
            P.APPROX_AFTER, m.end()
        )
        figs.append(_Fig(m.start(), m.end(), value, unit, len(frac) if frac else 0, approx))
    return _Line(n, raw, s, figs, breaks=breaks)


_SCOPE_KEYWORDS = frozenset({"carried_over", "carried_forward", "carry_year", "change"})


@dataclass(frozen=True, slots=True)
class _Marks:
    """Where a line's marks of one sort stand, the scope each stands in, and whether the figures
    after it (up to the next mark) are foreign: resolved once per line, so that asking of each
    figure is a bisection."""

    pos: list[int]
    scope: list[int]
    foreign: list[bool]

    def at(self, scope: int, end: int) -> bool:
        i = bisect_left(self.pos, end) - 1
        return i >= 0 and self.scope[i] == scope and self.foreign[i]


def _resolve_marks(line: _Line, marks: list[tuple[int, str]]) -> _Marks:
    """Sweep the marks in order: "own" and "foreign" set the state, "weak" (累计) makes it foreign
    unless an "own" mark of the same scope came before; a new scope starts "own"."""
    pos, scopes, foreign = [], [], []
    scope, state, named = -1, "own", False
    for p, mark in sorted(marks):
        here = line.scope_start(p)
        if here != scope:
            scope, state, named = here, "own", False
        if mark == "weak":
            if not named:
                state = "foreign"
        else:
            state, named = mark, mark == "own"
        pos.append(p)
        scopes.append(scope)
        foreign.append(state == "foreign")
    return _Marks(pos, scopes, foreign)


def _scope_marks(report: Report, line: _Line) -> tuple[_Marks, _Marks]:
    """The time marks and the body marks of a line."""
    if line._scopes is not None:
        return line._scopes
    year = report.meta.year
    s = line.s
    # words inside 上年结转, 结转2024年, 较上年 set no scope
    taken = [k for k in line.kws if k.group in _SCOPE_KEYWORDS]
    taken_starts = [k.start for k in taken]

    def inside(pos: int) -> bool:
        i = bisect_right(taken_starts, pos) - 1
        return i >= 0 and pos < taken[i].end

    def of_years(*found: str | None) -> str:
        years = [int(y) for y in found if y]
        return "own" if all(y == year for y in years) else "foreign"

    times: list[tuple[int, str]] = []
    for m in P.TIME_MARKERS.finditer(s):
        if inside(m.start()):
            continue
        what = m.lastgroup
        if what in ("full", "fy1", "fy2"):
            state = of_years(m.group("fy1"), m.group("fy2"))
        elif what in ("end", "ey"):
            state = of_years(m.group("ey"))
        elif what == "year":
            state = "own" if year is not None and int(m.group("year")) == year else "foreign"
        elif what == "own":
            state = "own"
        elif what == "cumul":
            state = "weak"
        else:  # since, prior, part
            state = "foreign"
        times.append((m.start(), state))
    units: list[tuple[int, str]] = []
    agency = report.meta.agency or ""
    for m in P.SUBUNIT.finditer(s):
        if m.group("name") or not _the_body_itself(m.group("unit"), m.group("suffix"), agency):
            units.append((m.start(), "foreign"))
    units.extend((m.start(), "own") for m in P.SUBUNIT_RESET.finditer(s))
    line._scopes = (_resolve_marks(line, times), _resolve_marks(line, units))
    return line._scopes


_ITSELF = re.compile(r"(?:全[区市县旗州省镇乡街](?:各|所有)?|[我本])$")


def _the_body_itself(unit: str, suffix: str, agency: str) -> bool:
    """我局, 本部门, 全区各部门, or the body's own name (its last four characters or more)."""
    if _ITSELF.search(unit[: unit.rindex(suffix)]):
        return True
    return any(unit[i:] in agency for i in range(0, max(0, len(unit) - 3)))


def _foreign(report: Report, line: _Line, a: int, b: int) -> bool:
    """Whether the figure in [a, b) is about another year, a span, a part of the year, or a
    sub-unit: decided by the last mark before its end in its scope (its sentence; a "其中…"
    sentence continues the one before it); 累计 is a span unless the report's year was named
    before it."""
    times, units = _scope_marks(report, line)
    if not times.pos and not units.pos:
        return False
    scope = line.scope_start(a)
    return times.at(scope, b) or units.at(scope, b)


def _fills(gap: str, fill) -> bool:
    return len(gap) <= P.GAP_LIMIT and not fill.sub("", gap)


def _enumerated(line: _Line, kw: _Kw) -> bool:
    """The keyword is the last of an enumeration of labels ("行政复议、行政诉讼共3件")."""
    i = kw.index
    if i == 0:
        return False
    prev = line.kws[i - 1]
    return prev.group not in _LABELS and bool(P.ENUMERATION.fullmatch(line.s, prev.end, kw.start))


def _attribute(line: _Line, fig: _Fig, year: int | None) -> None:
    """Which keyword labels this figure (the nearest before it in its clause, else the first
    after it), and whether that makes it a figure the tables hold."""
    c0, c1 = line.clause(fig.start)
    before = line.kws_in(c0, fig.start)
    after = [] if before else line.kws_in(fig.end, c1)
    if not (before or after):
        return
    kw = before[-1] if before else after[0]
    fig.near = kw.group
    if kw.group in _LABELS:
        return
    kind = _kind_of(line, kw, year)
    if kind is None:
        return
    if before:
        ok = _fills(line.s[kw.end : fig.start], SPECS[kind].fill) and not _enumerated(line, kw)
    else:
        ok = SPECS[kind].after and _fills(line.s[fig.end : kw.start], P.FILL_AFTER)
    if ok:
        fig.kind, fig.kw = kind, kw


_OUTCOME_REACH = 80  # how far before an outcome (维持1件) its group (行政复议2件) may stand


def _kind_of(line: _Line, kw: _Kw, year: int | None) -> str | None:
    group = kw.group
    if group == "carry_year":  # 结转2024年继续办理: forward when the year is after the report's
        stated = int(line.s[kw.start : kw.end].lstrip("结转至到入")[:4])
        return "t3.carried_forward" if year is not None and stated > year else None
    if group in _T4_RESULTS:  # an outcome of the one group (复议 or 诉讼) named before it
        groups = _outcome_groups(line, kw)
        if len(groups) != 1:
            return None
        col = "other" if group == "other_result" else group
        return f"t4.{groups.pop()}.{col}"
    return _KIND.get(group)


def _outcome_groups(line: _Line, kw: _Kw) -> set[str]:
    """The groups (review, suit) an outcome can belong to: the one whose figure its parenthesis
    follows ("行政诉讼3件（结果维持2件，尚未审结1件）"), else those named before it in its
    sentence after any semicolon ("行政复议8件，其中结果维持8件；")."""
    s = line.s
    i = bisect_left(line.seps, kw.start) - 1
    for j in range(i, max(i - 8, -1), -1):
        ch = s[line.seps[j]]
        if ch in "（(":
            c0, _ = line.clause(line.seps[j])
            groups = {k.group for k in line.kws_in(c0, line.seps[j]) if k.group in ("review", "suit")}
            if groups:
                return groups
            break
        if ch in "）)" or ch in P.SENTENCE_ENDS:
            break
    s0 = max(line.segment(kw.start), kw.start - _OUTCOME_REACH)
    return {k.group for k in line.kws_in(s0, kw.start) if k.group in ("review", "suit")}


def _in_context(line: _Line, fig: _Fig) -> bool:
    kind, kw = fig.kind, fig.kw
    assert kind is not None and kw is not None
    spec = SPECS[kind]
    if fig.approx or fig.unit not in spec.units:
        return False
    s0, s1 = line.sentence(fig.start)
    lo, hi = min(kw.start, fig.start), max(kw.end, fig.end)
    if spec.context in ("t3", "t3_total"):
        c0, c1 = line.clause(lo)
        if line.has(P.INFO_APPLY, c0, max(c1, hi)):
            return True  # 共受理依申请公开事项59件
        if line.has(P.BLOCK_TOPIC, s0, s1):
            return False  # 受理群众诉求500件，办结480件
        if spec.context == "t3_total":  # received, new: the sentence, or a paragraph on applications
            return line.has(P.INFO_APPLY, s0, hi) or line.has(P.APPLY_PARAGRAPH, 0, lo)
        return line.has(P.INFO_APPLY, 0, lo)  # the paragraph is about applications
    if spec.context == "t4":
        anchor = kw
        if kind.count(".") == 2:  # an outcome: the context is its group's
            group = "review" if kind.startswith("t4.review") else "suit"
            reach = max(line.segment(kw.start), kw.start - _OUTCOME_REACH)
            found = [k for k in line.kws_in(reach, kw.start) if k.group == group]
            if not found:
                return False
            anchor = found[-1]
        if line.has(P.BLOCK_T4, s0, s1):
            return False
        c0, c1 = line.clause(anchor.start)
        if line.has(P.INFO_APPLY, c0, c1):
            return True  # 因政府信息公开被申请行政复议2件
        return line.has(P.APPLY_PARAGRAPH, 0, lo) and not line.has(P.BLOCK_TOPIC, s0, s1)
    if spec.context == "t2n":
        return line.has(P.ISSUE_VERBS, s0, kw.start) and not line.has(P.NORMATIVE_EXCLUDE, s0, hi)
    if spec.context == "t2d":
        return not line.has(P.DECISION_EXCLUDE, s0, s1)
    if spec.context == "t2f":  # fees collected, not 减免 / 退还 / 免收 …
        return not line.has(P.FEES_EXCLUDE, s0, hi)
    return True


# ---- checking -------------------------------------------------------------------------------


# Keyed by the template object (a test may build a template under an id already used).
_CELLS_OF: dict[int, tuple[Template, frozenset[str]]] = {}
_OPTIONS_OF: dict[tuple[int, str], tuple[Template, tuple[Option, ...]]] = {}


def _template_cells(template: Template) -> frozenset[str]:
    entry = _CELLS_OF.get(id(template))
    if entry is None or entry[0] is not template:
        entry = _CELLS_OF[id(template)] = (template, frozenset(template.cell_ids()))
    return entry[1]


def _options(report: Report, kind: str) -> tuple[Option, ...]:
    """What a statement of this kind can mean in the report's template: its cells read from the
    template (a mix such as "2021+t3:2019" takes each table's from its own); the options whose
    cells the template lacks are dropped, so such a statement stays unchecked."""
    template = report.template
    key = (id(template), kind)
    entry = _OPTIONS_OF.get(key)
    if entry is None or entry[0] is not template:
        spec = SPECS[kind]
        options = spec.derive(template) if spec.derive else spec.options
        cells = _template_cells(template)
        entry = _OPTIONS_OF[key] = (template, tuple(o for o in options if all(c in cells for c in o.cells)))
    return entry[1]


def _resolve(report: Report, options: tuple[Option, ...]) -> list[tuple[Option, Decimal]]:
    """The options whose cells all hold a value, with their sums (cells the report's template
    lacks hold none)."""
    out = []
    cells = _template_cells(report.template)
    for opt in options:
        if not all(c in cells for c in opt.cells):
            continue
        values = [_cell_value(report, c) for c in opt.cells]
        if all(v is not None for v in values):
            out.append((opt, sum(values, Decimal(0))))  # type: ignore[arg-type]
    return out


def _cell_value(report: Report, cid: str) -> Decimal | None:
    """A cell's value; a row total left blank is the sum of its row (blank cells count 0) when
    every cell of the row was read: reports that leave totals blank still state the sums."""
    value = report.value(cid)
    if value is not None or not cid.endswith(".total") or cid not in report.cells:
        return value
    tid, rid, _ = cid.split(".")
    try:
        row = report.template.table(tid).row(rid)
    except StopIteration:
        return None
    body = [report.cells.get(f"{tid}.{rid}.{c}") for c in row.columns if c != "total"]
    if not body or any(c is None for c in body):
        return None
    return sum((c.value or Decimal(0) for c in body if c is not None), Decimal(0))


def _quoted(text: str) -> str:
    """A phrase of the source fit to stand inside “…” in a message."""
    return "".join(ch for ch in text if ch not in "“”\"'‘’").strip()


def _table_words(usable: list[tuple[Option, Decimal]]) -> Text:
    """表三本年新收申请、表三本年新收与上年结转之和均为 78 …"""
    by_value: dict[Decimal, list[Option]] = {}
    for opt, v in usable:
        by_value.setdefault(v, []).append(opt)
    zh = "，".join(f"{'、'.join(o.zh for o in opts)}{'均' if len(opts) > 1 else ''}为 {fmt_number(v)}"
                  for v, opts in by_value.items())  # fmt: skip
    en = "; ".join(f"{' and '.join(o.en for o in opts)} {'are' if len(opts) > 1 else 'is'} {fmt_number(v)}"
                   for v, opts in by_value.items())  # fmt: skip
    return Text(zh, en)


def _table_item(
    report: Report, line: _Line, kind: str, value: Decimal, a: int, b: int, decimals: int | None = None
) -> _Item:
    """A figure against the table figures it can mean; `decimals`: compare an amount at the
    precision printed (15391.38万元 against 15391.38389)."""
    spec = SPECS[kind]
    span = line.span(a, b)
    text = line.raw[a:b]
    usable = _resolve(report, _options(report, kind))
    if decimals is not None:
        quantum = Decimal(1).scaleb(-decimals)
        usable = [(o, v.quantize(quantum, rounding=ROUND_HALF_UP)) for o, v in usable]
    if not usable:
        return _Item(Statement(kind, value, span, (), text))
    for opt, v in usable:
        if v == value:
            return _Item(Statement(kind, value, span, opt.cells, text, v))
    cells = tuple(dict.fromkeys(c for o, _ in usable for c in o.cells))
    expected = usable[0][1]
    finding = Finding(
        "narrative.table",
        cells=cells,
        expected=expected,
        actual=value,
        spans=(span,),
        params={
            "line": span.line,
            "text": _quoted(text),
            "what": Text(spec.what_zh, spec.what_en),
            "table": _table_words(usable),
        },
    )
    return _Item(Statement(kind, value, span, cells, text, expected), finding)


@dataclass(frozen=True, slots=True)
class _Base:
    """What a percentage can be a share of: a stated figure, or a table figure."""

    value: Decimal
    span: Span | None
    cells: tuple[str, ...]


def _share_item(line: _Line, pct: _Fig, part: _Fig, bases: list[_Base]) -> _Item | None:
    """A stated percentage against part ÷ base, at the precision printed; the first base it
    agrees with is the one it was checked against."""
    bases = [b for b in bases if b.value > 0]
    if not bases:
        return None
    text = line.raw[part.start : pct.end]
    span = line.span(pct.start, pct.end)
    quantum = Decimal(1).scaleb(-pct.decimals)
    part_cells = part.item.stmt.cells if part.item else ()

    def rounded(base: _Base) -> Decimal:
        return (part.value * 100 / base.value).quantize(quantum, rounding=ROUND_HALF_UP)

    agreeing = [b for b in bases if rounded(b) == pct.value]
    base = agreeing[0] if agreeing else bases[0]
    expected = rounded(base)
    cells = tuple(dict.fromkeys((*part_cells, *base.cells)))
    parts = (line.span(part.start, part.end),) + ((base.span,) if base.span else ())
    stmt = Statement("share", pct.value, span, cells, text, expected, parts)
    if agreeing:
        return _Item(stmt)
    exact = (part.value * 100 / base.value).quantize(quantum.scaleb(-2), rounding=ROUND_HALF_UP)
    finding = Finding(
        "narrative.share",
        cells=cells,
        expected=expected,
        actual=pct.value,
        spans=(span, *parts),
        params={"line": span.line, "text": _quoted(text), "part": part.value, "base": base.value, "exact": exact},
    )
    return _Item(stmt, finding)


# How a list is held against its total (see _list).
FULL, SELECTION, AGREE_ONLY = "full", "selection", "agree_only"


def _sum_item(line: _Line, total: _Fig, items: list[_Fig], start: int, mode: str) -> _Item | None:
    """The items the narrative lists against the total it states. `mode`: FULL, a breakdown of
    the total, any difference is a contradiction; SELECTION, only a sum above it is; AGREE_ONLY,
    none is (channels overlap, categories of information may too): a sum equal to the total is
    recorded as agreeing, anything else is left alone."""
    got = sum((f.value for f in items), Decimal(0))
    if got != total.value and (
        mode == AGREE_ONLY or any(f.value >= total.value for f in items) or (mode == SELECTION and got < total.value)
    ):
        return None  # not a partition of the total: nothing to check
    span = line.span(total.start, total.end)
    text = line.raw[start : items[-1].end].strip()
    parts = tuple(line.span(f.start, f.end) for f in items)
    stmt = Statement("sum", total.value, span, (), text, got, parts)
    if got == total.value:
        return _Item(stmt)
    finding = Finding(
        "narrative.sum",
        expected=got,
        actual=total.value,
        spans=(span, *parts),
        params={"line": span.line, "text": _quoted(text), "parts": " + ".join(fmt_number(f.value) for f in items)},
    )
    return _Item(stmt, finding)


# ---- shares and lists -----------------------------------------------------------------------

_SHARE_TAILS = ("比例为", "比重为", "比例", "比重", "比为", "比", "为", "达到", "达")


def _share_prefix(line: _Line, part: _Fig, pct: _Fig) -> str | None:
    """If the text between a count and a percentage is "，占…的" (or "（占"), the base it names
    ("" when it names none); None when the percentage is not a share of that count."""
    between = line.s[part.end : pct.start].strip()
    if between[:1] in ("，", ",", "（", "("):
        between = between[1:].lstrip()
    if not between.startswith("占"):
        return None
    rest = between[1:]
    for tail in _SHARE_TAILS:
        if rest.endswith(tail):
            rest = rest[: -len(tail)]
            break
    if rest.endswith("的"):
        return rest[:-1] or None
    return None if rest else ""


def _named_base(report: Report, line: _Line, named: str) -> _Base | None:
    """The base a share names ("占已答复件数的5.1%"): the figure stated for it, or the table's."""
    kind = "t3.handled" if any(w in named for w in ("答复", "办结", "办理")) else "t3.new" if "新收" in named else None
    if kind is None:
        return None
    fig = line.stated.get(kind)
    if fig is not None and fig.item is not None:
        return _Base(fig.value, line.span(fig.start, fig.end), fig.item.stmt.cells)
    usable = _resolve(report, _options(report, kind))
    return _Base(usable[0][1], None, usable[0][0].cells) if usable else None


def _opener(line: _Line, pos: int) -> tuple[int, bool] | None:
    """Where a list of the figure ending at `pos` begins, and whether in parentheses:
    "（…", "，其中…", or "。其中…" after clauses that only compare with last year or give a rate."""
    s = line.s
    i = pos
    while i < len(s) and s[i] == " ":
        i += 1
    if i < len(s) and s[i] in "（(":
        i += 1
        if s.startswith("其中", i):
            i += 2
            if i < len(s) and s[i] in "，,：:":
                i += 1
        return i, True
    for _ in range(3):
        if i >= len(s) or s[i] not in "，,；;。":
            return None
        i += 1
        while i < len(s) and s[i] == " ":
            i += 1
        if s.startswith("其中", i):
            i += 2
            if i < len(s) and s[i] in "，,：:":
                i += 1
            return i, False
        _, c1 = line.clause(i)
        if not line.has(P.CHANGE_OR_RATE, i, c1):
            return None
        if not all(f.near in ("change", "rate") or f.unit == "%" for f in line.figs_in(i, c1)):
            return None
        i = c1
    return None


_SEP_RANK = {"、": 0, ",": 1, "，": 1, ":": 1, "：": 1, ";": 2, "；": 2}


def _closing(s: str, i: int) -> int:
    """The position of the parenthesis closing the one at `i` (len(s) when none does)."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] in "（(":
            depth += 1
        elif s[j] in "）)":
            depth -= 1
            if depth == 0:
                return j
        elif s[j] in P.SENTENCE_ENDS:
            break
    return len(s)


def _list_after(line: _Line, start: int, paren: bool, unit: str) -> tuple[list[_Fig], dict[int, _Fig], bool, int]:
    """The items of a list from `start`: one figure in `unit` per clause, each perhaps followed
    by a clause giving its share. A list of plain items (no keyword of the tables) ends at the
    first item that has one, or whose label switches between a channel and none ("网上申请60件，
    当面申请18件，自然人70件…": two lists), or after a separator stronger than the one between its
    first items ("…18件；自然人70件"). A parenthesis inside the list ("网站1200条（含转载300条）")
    is a remark on its item, not items. Returns (items, share of item i, whether 等 ends it,
    where the clause that ended it starts)."""
    s = line.s
    items: list[_Fig] = []
    shares: dict[int, _Fig] = {}
    plain: bool | None = None
    rank: int | None = None
    pos = start
    while pos < len(s):
        c0, c1 = line.clause(pos)
        c0 = max(c0, pos)
        clause = s[c0:c1].strip()
        figs = line.figs_in(c0, c1)
        if clause.startswith("其中"):
            break
        if not clause:
            pass
        elif len(figs) == 1 and figs[0].unit == "%":
            if not items or len(items) - 1 in shares or _share_prefix(line, items[-1], figs[0]) is None:
                break
            shares[len(items) - 1] = figs[0]
        elif len(figs) == 1 and figs[0].unit == unit and not figs[0].approx:
            fig = figs[0]
            is_plain = fig.near in (None, "channel")
            if plain is None:
                plain = is_plain
            elif plain and not is_plain:
                break
            if items and plain and (fig.near == "channel") != (items[0].near == "channel"):
                break
            if items:
                gap = max((_SEP_RANK.get(ch, -1) for ch in s[items[-1].end : fig.start]), default=-1)
                if rank is None:
                    rank = gap
                elif gap > rank:
                    break
            items.append(fig)
        else:
            break
        if c1 >= len(s) or s[c1] in P.SENTENCE_ENDS or (paren and s[c1] in "）)"):
            pos = len(s)
            break
        if not paren and s[c1] in "（(":  # a remark on the item: skip it
            c1 = _closing(s, c1)
            if c1 + 1 >= len(s) or s[c1 + 1] in P.SENTENCE_ENDS:
                pos = len(s)
                break
        pos = c1 + 1
    etc = bool(items) and s.startswith("等", items[-1].end)
    return items, shares, etc, pos


def _lists(report: Report, line: _Line) -> None:
    """Sums and shares of the lists the narrative makes after a total."""
    in_list: set[int] = set()
    used: set[int] = set()
    for total in line.figs:
        if total.unit == "%" or total.approx or id(total) in in_list or total.near in ("change", "rate"):
            continue
        if total.foreign:
            continue
        pos = total.end
        for _ in range(2):  # 收到申请814件（含上年结转23件），其中予以公开449件，占58.8%…
            opened = _opener(line, pos)
            if opened is None:
                break
            start, paren = opened
            items, shares, etc, stop = _list_after(line, start, paren, total.unit)
            in_list.update(id(f) for f in items)
            used.update(id(p) for p in shares.values())
            rest = P.REMAINDER.match(line.s, stop) is not None if stop < len(line.s) else False
            _list(report, line, total, start, items, shares, etc or rest)
            if not (paren and items):
                break
            _, pos = line.clause(items[-1].end)  # after the closing parenthesis
            if pos >= len(line.s) or line.s[pos] not in "）)":
                break
            pos += 1
    # shares outside lists, when they name their base ("予以公开20件，占已办结件数的20%")
    for pct in line.figs:
        if pct.unit != "%" or id(pct) in used:
            continue
        s0, _ = line.sentence(pct.start)
        counts = [f for f in line.figs_in(max(s0, pct.start - 40), pct.start) if f.unit != "%"]
        if not counts or counts[-1].approx or counts[-1].foreign:
            continue
        named = _share_prefix(line, counts[-1], pct)
        base = _named_base(report, line, named) if named else None
        bases = [base] if base else _result_bases(report, line, counts[-1], pct)
        if bases:
            item = _share_item(line, pct, counts[-1], bases)
            if item:
                line.items.append(item)
    _channel_sentences(line)


_RESULTS = frozenset(
    {"t3.granted", "t3.partial", "t3.granted_partial", "t3.denied", "t3.unable", "t3.rejected", "t3.other"}
)


def _result_bases(report: Report, line: _Line, part: _Fig, pct: _Fig) -> list[_Base]:
    """A result's share said right after it without naming its base ("不予公开35件，占4.34%"):
    a share of the applications the table says were dealt with (or received)."""
    gap = line.s[part.end : pct.start]
    if part.kind not in _RESULTS or len(gap) > 4 or "占" not in gap:
        return []
    return [_Base(v, None, o.cells) for o, v in _resolve(report, (_O_TOTAL, _O_RECEIVED, _O_NEW))]


# The totals whose lists are breakdowns: applications (each comes once, by one channel, from
# one applicant, to one office) and the results of dealing with them.
_BROKEN_DOWN = frozenset(
    {"t3.received", "t3.processed", "t3.new", "t3.carried_over", "t3.handled", "t3.carried_forward"}
)


def _list(report: Report, line: _Line, total: _Fig, start: int, items: list[_Fig], shares, partial: bool) -> None:
    """Shares and the sum of a list after a total. The sum is held against the total only as
    far as the list is clearly a breakdown of it: FULL when the total is a count of applications
    the tables hold (its own year, the body itself) and nothing says the list is a selection;
    SELECTION when something does (主要, 涉及, 类, 等, "其余…" after it); AGREE_ONLY for any other
    total (information published: its channels and categories may overlap). Two lists of one
    total in a row: the longest run of first items that adds up to the total is the list."""
    base = _Base(total.value, line.span(total.start, total.end), total.item.stmt.cells if total.item else ())
    plain = bool(items) and items[0].near in (None, "channel")
    if plain and len(items) > 2:
        running, cut = Decimal(0), None
        for k, f in enumerate(items):
            running += f.value
            if k >= 1 and running == total.value:
                cut = k
        if cut is not None and cut < len(items) - 1:
            items = items[: cut + 1]
            shares = {i: p for i, p in shares.items() if i <= cut}
    for i, pct in shares.items():
        named = _share_prefix(line, items[i], pct)
        if named:
            bases = [b for b in [_named_base(report, line, named)] if b]
        elif plain:
            bases = [base]
        else:  # a share of a result: of the total the list follows, or of what the table says
            bases = [base] + [_Base(v, None, o.cells) for o, v in _resolve(report, (_O_TOTAL, _O_RECEIVED, _O_NEW))]
        item = _share_item(line, pct, items[i], bases)
        if item:
            line.items.append(item)
    if plain and len(items) >= 2:
        labels = "".join(line.s[line.clause(f.start)[0] : f.start] for f in items)
        if total.kind not in _BROKEN_DOWN:
            mode = AGREE_ONLY
        elif partial or P.PARTIAL_LIST.search(labels):
            mode = SELECTION
        else:
            mode = FULL
        item = _sum_item(line, total, items, start, mode)
        if item:
            line.items.append(item)


def _channel_sentences(line: _Line) -> None:
    """A sentence listing only figures by channel ("通过政府网站公开政府信息1475条，政务微博公开739条，
    微信公开政府信息854条。") after a sentence whose first figure in that unit is a total. The
    channels may leave some out, or overlap (one item on the website and on WeChat): no sum
    contradicts the total, so one that equals it is recorded as agreeing and nothing is flagged."""
    if len(line.figs) < 2:
        return  # no sentence can list two
    s = line.s
    bounds = [-1, *line.ends, len(s)]
    for k in range(1, len(bounds) - 1):
        s0, s1 = bounds[k] + 1, bounds[k + 1]
        figs = line.figs_in(s0, s1)
        if len(figs) < 2 or "其中" in s[s0:s1]:
            continue
        unit = figs[0].unit
        if unit == "%" or any(f.unit != unit or f.near != "channel" or f.approx for f in figs):
            continue
        if len({line.clause(f.start) for f in figs}) != len(figs):
            continue
        previous = [f for f in line.figs_in(bounds[k - 1] + 1, bounds[k]) if f.unit == unit]
        if not previous or previous[0].approx or previous[0].foreign:
            continue
        total = previous[0]
        c0, c1 = line.clause(total.start)
        if s[c0:c1].lstrip().startswith("其中") or not line.has(P.TOTAL_WORDS, c0, c1):
            continue
        item = _sum_item(line, total, figs, s0, AGREE_ONLY)
        if item:
            line.items.append(item)


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
