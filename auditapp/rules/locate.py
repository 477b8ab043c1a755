"""Which cell is wrong: the one change that would make every failing relation hold.

A wrong body cell of table 3 breaks exactly its row total and its column's relations, and
nothing else. So a cell is a suspect when every complete relation it takes part in fails,
and all of them agree on the value it should have had. When exactly one cell explains a
failing relation that way, the finding names it and the value it proposes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from ..report import Report
from ..template import Relation
from .checks import cell_values, evaluate, template_facts
from .findings import Finding, Text


def _fix(rel: Relation, cell: str, current: Decimal, parts: Decimal, totals: Decimal) -> Decimal:
    """The value of `cell` that makes sum(parts) == sum(totals)."""
    gap = totals - parts
    return current + gap if cell in rel.parts else current - gap


def locate_suspects(report: Report, findings: list[Finding]) -> list[Finding]:
    relations = template_facts(report.template).relations
    failing = {f.relation for f in findings if f.relation in relations and f.rule == relations[f.relation].rule}
    if not failing:
        return findings

    sums: dict[str, tuple[Decimal, Decimal]] = {}
    by_cell: dict[str, list[str]] = defaultdict(list)
    values = cell_values(report)
    for key, rel in relations.items():
        parts, totals, unfilled = evaluate(report, rel, values)
        if unfilled:
            continue  # unknown, neither passing nor failing
        sums[key] = (parts, totals)
        for cid in (*rel.parts, *rel.totals):
            by_cell[cid].append(key)

    explains: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)  # relation → (cell, value)
    for key in failing:
        for cid in (*relations[key].parts, *relations[key].totals):
            keys = by_cell.get(cid, [])
            if not keys or any(k not in failing for k in keys):
                continue  # changing it would break a relation that holds
            current = report.value(cid)
            assert current is not None
            proposals = {_fix(relations[k], cid, current, *sums[k]) for k in keys}
            if len(proposals) != 1:
                continue
            value = proposals.pop()
            if value < 0 or (cid not in report.template.decimal_cells and value != value.to_integral_value()):
                continue
            explains[key].append((cid, value))

    out = []
    for f in findings:
        candidates = explains.get(f.relation or "", [])
        if len(candidates) == 1:
            cid, value = candidates[0]
            words = Text(report.template.cell_words(cid), report.template.cell_words(cid, "en"))
            params = {**f.params, "suspect_words": words}
            f = replace(f, suspect=cid, proposed=value, params=params)
        out.append(f)
    return out
