"""Text whose tables lost every delimiter: labels and the digits of a row's cells run together.

A crawler's text of a web page may keep a whole report on one line, its tables included:
`一、本年新收政府信息公开申请数量801000081二、上年结转…` is the row 80/1/0/0/0/0/81. The labels
are still there, so the template finds where each row's digits stand; how the digits split
into cells is told by the template's own relations: a row's total is the sum of its parts,
the columns add up, the applications balance. A split is used only when exactly one
satisfies them (said in a note); when several do, the row is not read and a warning names
the candidates. Nothing is guessed silently.

This reading is tried only when the usual one leaves tables unread (parse/reader.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product

from ..report import Problem
from ..source import Span
from ..template import Group, Relation, Row, Table, Template
from .normalize import nfkc
from .tokens import Token, tokenize
from .values import parse_value

_MIN_UNITS = 3  # rows found with digits after them before a line is taken for a flattened table
_MAX_CELL_DIGITS = 9
_MAX_SPLITS = 50_000  # splits tried for one row; a longer run is left unread
_MAX_COMBINATIONS = 20_000  # combinations of ambiguous rows tried against the relations
_MAX_SHOWN = 6  # candidates named in a warning
_RUN = re.compile(r"\d+(?:\.\d+)?")
_UNIT_AFTER = frozenset("件条个項项次人家%％万元年月日号")  # a number in a sentence, not a cell


@dataclass(frozen=True)
class _Hit:
    start: int  # in the original line
    end: int
    kind: str  # title, group, row, end
    table: Table | None
    item: Row | Group | None = None


@dataclass
class _Unit:
    """A run of digits and the cells it holds: one row's, or a flat table's all."""

    table: Table
    rows: tuple[Row, ...]
    start: int
    end: int
    digits: str
    cells: tuple[str, ...] = ()
    candidates: list[tuple[Decimal, ...]] = field(default_factory=list)


def retokenize(lines: tuple[str, ...] | list[str], template: Template) -> tuple[list[Token], list[Problem]] | None:
    """Tokens with the flattened lines' rows split into cells, and the notes; None when no line is one."""
    found_hits: dict[int, list[_Hit]] = {}
    units: list[tuple[int, _Unit]] = []
    for number, line in enumerate(lines, 1):
        if "|" in line or "\t" in line or len(line) < 40:
            continue
        hits = _hits(line, template)
        found = _units(line, hits)
        if len(found) >= _MIN_UNITS:
            units += [(number, u) for u in found]
            found_hits[number] = hits
    if not units:
        return None
    _split_all([u for _, u in units], template)
    replaced: dict[int, list[Token]] = {}
    problems: list[Problem] = []
    for number, hits in found_hits.items():
        mine = [u for n, u in units if n == number]
        replaced[number] = list(_tokens(lines[number - 1], number, hits, mine))
        problems += _notes(number, mine)
    tokens = [t for t in tokenize(lines) if t.line not in replaced]
    for toks in replaced.values():
        tokens += toks
    tokens.sort(key=lambda t: (t.line, t.start))
    return tokens, problems


# ---- finding the labels ------------------------------------------------------------------


def _folded(line: str) -> tuple[str, list[int]]:
    """The line folded for matching (NFKC, no white space) and, per folded character, its index."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(line):
        if ch.isspace():
            continue
        for f in nfkc(ch):
            out.append(f)
            where.append(i)
    return "".join(out), where


def _labels(template: Template) -> list[tuple[str, str, Table | None, Row | Group | None]]:
    found: list[tuple[str, str, Table | None, Row | Group | None]] = []
    for table in template.tables:
        for title in (table.title, *table.title_aliases):
            found.append((title, "title", table, None))
        for group in table.groups:
            for label in (group.label, *group.aliases):
                found.append((label, "group", table, group))
        for row in table.rows:
            for label in (row.label, *row.aliases):
                found.append((label, "row", table, row))
    for end in template.section_ends:
        found.append((end, "end", None, None))
    return [("".join(nfkc(t).split()), kind, table, item) for t, kind, table, item in found]


def _markers(number: str) -> tuple[str, ...]:
    if number.isdigit():
        return (f"{number}.", f"{number}、")
    return (f"({number})", f"{number}、")


def _hits(line: str, template: Template) -> list[_Hit]:
    folded, where = _folded(line)
    taken = bytearray(len(folded))
    hits: list[_Hit] = []
    for key, kind, table, item in sorted(_labels(template), key=lambda x: -len(x[0])):
        if not key:
            continue
        at = folded.find(key)
        while at >= 0:
            start, end = at, at + len(key)
            number = item.number if isinstance(item, Row | Group) else None
            marker = next((m for m in _markers(number) if folded.endswith(m, 0, start)), None) if number else None
            if marker:
                start -= len(marker)
            needs = isinstance(item, Row) and item.needs_context
            if not any(taken[start:end]) and (marker or not needs):
                taken[start:end] = b"\x01" * (end - start)
                hits.append(_Hit(where[start], where[end - 1] + 1, kind, table, item))
            at = folded.find(key, at + 1)
    return sorted(hits, key=lambda h: h.start)


def _units(line: str, hits: list[_Hit]) -> list[_Unit]:
    """The digit runs that stand right after a row's label, or fill a flat table after its header."""
    units: list[_Unit] = []
    table: Table | None = None
    flat_done: set[str] = set()
    for k, hit in enumerate(hits):
        if hit.kind == "title":
            table = hit.table
        elif hit.kind == "end":
            table = None
        stop = hits[k + 1].start if k + 1 < len(hits) else len(line)
        gap = line[hit.end : stop]
        if hit.kind == "row" and isinstance(hit.item, Row) and hit.table is not None:
            m = _RUN.match(gap.lstrip())
            if m is not None:
                offset = hit.end + len(gap) - len(gap.lstrip())
                after = gap.lstrip()[m.end() :].lstrip()[:1]
                if after not in _UNIT_AFTER or not after:
                    units.append(_Unit(hit.table, (hit.item,), offset + m.start(), offset + m.end(), m.group()))
                    continue
        if table is not None and table.flat and table.id not in flat_done:
            n = len(table.cell_ids())
            for m in _RUN.finditer(gap):
                if len(m.group()) >= n and "." not in m.group():
                    units.append(_Unit(table, table.rows, hit.end + m.start(), hit.end + m.end(), m.group()))
                    flat_done.add(table.id)
                    break
    return units


# ---- splitting by the relations ----------------------------------------------------------


def _splits(digits: str, n: int) -> Iterator[tuple[Decimal, ...]]:
    """Every way to cut `digits` into n numbers, none with a leading zero."""
    if not digits:
        return
    if n == 1:
        if len(digits) <= _MAX_CELL_DIGITS + 7 and (digits == "0" or not digits.startswith("0") or "." in digits):
            yield (Decimal(digits),)
        return
    if "." in digits:
        return

    def cut(at: int, left: int) -> Iterator[tuple[int, ...]]:
        rest = len(digits) - at
        if rest < left:  # fewer digits than cells left (a mutated or cut-short row)
            return
        if left == 1:
            if rest <= _MAX_CELL_DIGITS and (rest == 1 or digits[at] != "0"):
                yield (int(digits[at:]),)
            return
        longest = 1 if digits[at] == "0" else min(_MAX_CELL_DIGITS, rest - (left - 1))
        for size in range(1, longest + 1):
            for tail in cut(at + size, left - 1):
                yield (int(digits[at : at + size]), *tail)

    for count, parts in enumerate(cut(0, n)):
        if count >= _MAX_SPLITS:
            return
        yield tuple(Decimal(p) for p in parts)


def _holds(rel: Relation, values: dict[str, Decimal]) -> bool | None:
    """Whether a relation holds for the values known; None when a cell of it is not known."""
    try:
        return sum(values[c] for c in rel.parts) == sum(values[c] for c in rel.totals)
    except KeyError:
        return None


def _split_all(units: list[_Unit], template: Template) -> None:
    """Each unit's candidate splits: those its own relations allow, then narrowed by the relations
    across units until no more can be told."""
    for unit in units:
        unit.cells = tuple(c for r in unit.rows for c in r.cell_ids(unit.table.id))
        own = [r for r in template.relations if set(r.parts) | set(r.totals) <= set(unit.cells)]
        for split in _splits(unit.digits, len(unit.cells)):
            values = dict(zip(unit.cells, split, strict=True))
            if all(_holds(r, values) for r in own):
                unit.candidates.append(split)
    by_cell = {c: u for u in units for c in u.cells}
    changed = True
    while changed:
        changed = False
        for rel in template.relations:
            cells = (*rel.parts, *rel.totals)
            if any(c not in by_cell for c in cells):
                continue  # a cell of it is not in a run: nothing to tell by
            involved = list({id(by_cell[c]): by_cell[c] for c in cells}.values())
            open_units = [u for u in involved if len(u.candidates) > 1]
            if not open_units or any(not u.candidates for u in involved):
                continue
            total = 1
            for u in open_units:
                total *= len(u.candidates)
            if total > _MAX_COMBINATIONS:
                continue
            known = [u for u in involved if len(u.candidates) == 1]
            fixed = {c: v for u in known for c, v in zip(u.cells, u.candidates[0], strict=True)}
            keep: list[set[tuple[Decimal, ...]]] = [set() for _ in open_units]
            for combo in product(*(u.candidates for u in open_units)):
                values = dict(fixed)
                for u, split in zip(open_units, combo, strict=True):
                    values.update(zip(u.cells, split, strict=True))
                if _holds(rel, values):
                    for kept, split in zip(keep, combo, strict=True):
                        kept.add(split)
            for u, kept in zip(open_units, keep, strict=True):
                if len(kept) < len(u.candidates):
                    u.candidates = [s for s in u.candidates if s in kept]
                    changed = True


# ---- tokens and notes --------------------------------------------------------------------


def _tokens(line: str, number: int, hits: list[_Hit], units: list[_Unit]) -> Iterator[Token]:
    """The line as the table reader reads a table: labels, and the cells of the rows split for sure."""
    spans: list[tuple[int, int, str]] = [(h.start, h.end, "label") for h in _table_hits(hits, units)]
    spans += [(u.start, u.end, "unit") for u in units]
    spans.sort()
    by_start = {u.start: u for u in units}
    pos = 0
    first = True
    for start, end, what in spans:
        if start < pos:
            continue
        if start > pos and line[pos:start].strip():
            text = line[pos:start].strip()
            at = line.index(text, pos)
            yield Token(text, number, at, at + len(text), parse_value(text), first)
            first = False
        if what == "label":
            yield Token(line[start:end], number, start, end, parse_value(line[start:end]), first)
        else:
            unit = by_start[start]
            if len(unit.candidates) == 1:
                at = start
                for value in unit.candidates[0]:
                    text = line[at : at + len(str(value))] if "." not in unit.digits else unit.digits
                    yield Token(text, number, at, at + len(text), parse_value(text), first)
                    at += len(text)
                    first = False
        first = False
        pos = end
    if line[pos:].strip():
        text = line[pos:].strip()
        at = line.index(text, pos)
        yield Token(text, number, at, at + len(text), parse_value(text), first)


def _table_hits(hits: list[_Hit], units: list[_Unit]) -> list[_Hit]:
    """The labels that belong to the tables: a row's with its digits, the group and title just
    before (nothing but labels or header text between), and the section end after the last.
    The same words in the running text stay text."""
    heads = {u.start for u in units}
    kept: list[_Hit] = []
    last_unit = max(u.end for u in units)
    for k, hit in enumerate(hits):
        after = hits[k + 1 :]
        if hit.kind == "row":
            nxt = next((u for u in units if u.start >= hit.end), None)
            if nxt is not None and nxt.start in heads and not any(h.start < nxt.start for h in after):
                kept.append(hit)
        elif hit.kind == "group":
            if after and after[0].kind == "row" and after[0].start - hit.end <= 2:
                kept.append(hit)
        elif hit.kind == "title":
            nxt = next((u for u in units if u.start >= hit.end), None)
            between = [h for h in after if nxt is not None and h.start < nxt.start and h.kind in ("title", "end")]
            if nxt is not None and nxt.table is hit.table and not between:
                kept.append(hit)
        elif hit.start >= last_unit and not any(h.kind == "end" and h.start >= last_unit for h in kept):
            kept.append(hit)
    return kept


def _notes(number: int, units: list[_Unit]) -> list[Problem]:
    notes: list[Problem] = []
    split = [u for u in units if len(u.candidates) == 1 and len(u.cells) > 1]
    for table in {u.table.id: u.table for u in split}.values():
        mine = [u for u in split if u.table is table]
        detail = "；".join(f"{u.digits} → {'/'.join(map(str, u.candidates[0]))}" for u in mine)
        spans = tuple(Span(number, u.start, u.end) for u in mine)
        notes.append(Problem("structure.digits_split", table.id, (number, number), spans, len(mine), detail))
    for u in units:
        if len(u.candidates) == 1:
            continue
        target = f"{u.table.id}.{u.rows[0].id}" if len(u.rows) == 1 else u.table.id
        shown = ["/".join(map(str, s)) for s in u.candidates[:_MAX_SHOWN]]
        more = "…" if len(u.candidates) > _MAX_SHOWN else ""
        detail = f"{u.digits} → {'、'.join(shown)}{more}" if u.candidates else f"{u.digits}"
        notes.append(
            Problem(
                "structure.digits_ambiguous",
                target,
                (number, number),
                (Span(number, u.start, u.end),),
                len(u.candidates),
                detail,
            )
        )
    return notes
