"""Checking the shares and sums the narrative makes: percentages against part ÷ base, and the
lists it gives after a total against that total.

Part of the narrative check (narrative.py); see there for what is checked and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..report import Report
from ..source import Span
from . import narrative_patterns as P
from .findings import Finding, fmt_number
from .narrative_cells import _O_NEW, _O_RECEIVED, _O_TOTAL, Statement, _options, _quoted, _resolve
from .narrative_figures import _Fig, _Item, _Line


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
