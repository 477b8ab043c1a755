"""Finding the figures the narrative states: a paragraph's figures and keywords, whose year and
body a figure is, what it is about, and the statement it makes about the tables.

Part of the narrative check (narrative.py); see there for what is checked and why.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..report import Report
from ..source import Span
from . import narrative_patterns as P
from .findings import Finding, Text
from .narrative_cells import _KIND, _LABELS, _T4_RESULTS, SPECS, Statement, _options, _quoted, _resolve, _table_words
from .narrative_table2 import KEYWORD_GROUPS as T2_GROUPS
from .narrative_table2 import doc_kind
from .narrative_table2 import in_context as t2_in_context

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
    if group in T2_GROUPS:  # 规章, 规范性文件, 现行有效, 废止 (narrative_table2.py)
        return doc_kind(line, kw)
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
    if spec.context.startswith("t2"):
        return t2_in_context(line, fig, spec)
    return True


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
        "narrative.table2" if kind.startswith("t2.") else "narrative.table",
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
