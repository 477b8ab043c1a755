"""Rows whose labels and values were printed apart, paired by the template's row order.

Text converted from a PDF by other tools sometimes keeps a table's rows as `| label | values |`
lines but loses some labels to the running text: a label on a line of its own, wrapped, with
no values after it, and its values on a line of their own without a label (`| 0 | 0 | … |`),
often not even next to each other. Such a value line is an *orphan*; such a label a row
*without values*. Between two rows read normally (the anchors) the template says which rows
stand there, in which order; when the orphans and rows without values in that stretch are
equally many, the n-th value line belongs to the n-th row. Otherwise nothing is assumed (the
orphans stay values without a row). Every pairing made is reported, with where.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..template import Row, Table
from .tokens import Token


@dataclass
class Orphan:
    """A line of values without a label, as many as a row has cells."""

    table: Table
    tokens: list[Token]

    @property
    def line(self) -> int:
        return self.tokens[0].line


@dataclass
class Pairing:
    row: Row
    tokens: list[Token]


def pair(
    table: Table,
    anchors: dict[str, int],
    waiting: dict[str, tuple[int, list[Token]]],
    orphans: list[Orphan],
) -> list[Pairing] | None:
    """Value lines for the rows of `table` between its anchors, or None when not sure of any.

    `anchors`: row id → line of the rows read normally; `waiting`: row id → (label line, values
    read after it from lines of their own) of the rows whose label stood apart; `orphans`: the
    table's value lines without a label. Rows neither anchored nor waiting were never found.
    """
    order = [r for r in table.rows]
    lines = [anchors[r.id] for r in order if r.id in anchors]
    if lines != sorted(lines):
        return None  # the rows read normally are not in the template's order: no order to go by
    pairings: list[Pairing] = []
    gap: list[Row] = []
    low = 0
    for row in [*order, None]:
        if row is not None and row.id not in anchors:
            gap.append(row)
            continue
        high = anchors[row.id] if row is not None else 1 << 30
        found = _in_gap(gap, waiting, orphans, low, high)
        if found is not None:
            pairings += found
        gap, low = [], high
    return pairings or None


def _in_gap(
    gap: list[Row], waiting: dict[str, tuple[int, list[Token]]], orphans: list[Orphan], low: int, high: int
) -> list[Pairing] | None:
    lone = [o for o in orphans if low < o.line < high]
    if not gap or not lone:
        return None
    sets = sorted(
        [(o.line, o.tokens) for o in lone]
        + [(toks[0].line, toks) for rid, (_line, toks) in waiting.items() if toks and any(r.id == rid for r in gap)],
        key=lambda s: s[0],
    )
    if len(sets) != len(gap) or any(not low < line < high for line, _ in sets):
        return None
    return [Pairing(row, toks) for row, (_line, toks) in zip(gap, sets, strict=True)]
