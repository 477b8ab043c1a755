"""The checks: small functions over a Report that yield Findings, registered for the engine.

Arithmetic reads the template's relations and bounds; nothing here restates a row or column.
A relation whose operands are not all filled is never an error: if it holds with the blanks
read as 0 nothing is said beyond the blank cells' own finding, otherwise it "cannot be checked".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal

from ..parse.values import Kind
from ..report import Report
from ..source import Span
from ..template import Relation, Template
from .catalogue import RULE_BY_ID
from .findings import Finding, Text

Check = Callable[[Report], Iterable[Finding]]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def cell_text(template: Template, cell_id: str) -> Text:
    return Text(template.cell_words(cell_id), template.cell_words(cell_id, "en"))


def cells_text(template: Template, cell_ids: list[str], limit: int = 3) -> Text:
    """A few cells named, and how many more there are."""
    shown = cell_ids[:limit]
    zh = "、".join(template.cell_words(c) for c in shown)
    en = "; ".join(template.cell_words(c, "en") for c in shown)
    if len(cell_ids) > limit:
        zh += f"等 {len(cell_ids)} 个单元格"
        en += f" and {len(cell_ids) - limit} more cells"
    return Text(zh, en)


def relation_words(report: Report, rel: Relation) -> dict[str, str]:
    """What a relation's message says of where it is: the row or the column."""
    table = report.template.table(rel.parts[0].split(".")[0])
    if rel.along == "row":
        return {"row": table.row_label(rel.key)}
    return {"column": table.column_label(rel.key)}


def cell_values(report: Report) -> dict[str, Decimal]:
    """The value of every filled cell, worked out once for the many relations that read them."""
    return {cid: v for cid, cell in report.cells.items() if (v := cell.value) is not None}


class TemplateFacts:
    """What the checks ask of a template for every report, which the template builds anew each time."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.cell_ids = template.cell_ids()
        self.total_cells = template.total_cells
        self.relations = {f"{r.rule}:{r.key}": r for r in template.relations}


_FACTS: dict[str, TemplateFacts] = {}


def template_facts(template: Template) -> TemplateFacts:
    facts = _FACTS.get(template.id)
    if facts is None or facts.template is not template:
        facts = _FACTS[template.id] = TemplateFacts(template)
    return facts


def evaluate(
    report: Report, rel: Relation, values: Mapping[str, Decimal] | None = None
) -> tuple[Decimal, Decimal, list[str]]:
    """(sum of parts, sum of totals, unfilled operands) with unfilled operands read as 0.

    `values`: cell_values(report), when the caller has it.
    """
    if values is not None:
        get_filled = values.__getitem__
        try:  # the common case: all filled
            return sum(map(get_filled, rel.parts), Decimal(0)), sum(map(get_filled, rel.totals), Decimal(0)), []
        except KeyError:
            pass
    get = values.get if values is not None else report.value
    unfilled: list[str] = []
    sums = []
    for side in (rel.parts, rel.totals):
        total = Decimal(0)
        for cid in side:
            v = get(cid)
            if v is None:
                unfilled.append(cid)
            else:
                total += v
        sums.append(total)
    return sums[0], sums[1], unfilled


@check
def relations(report: Report) -> Iterator[Finding]:
    values = cell_values(report)
    for rel in report.template.relations:
        expected, actual, unfilled = evaluate(report, rel, values)
        if expected == actual:
            continue
        operands = len(rel.parts) + len(rel.totals)
        if len(unfilled) == operands:
            continue  # nothing of it was printed: the structure findings say so
        words = relation_words(report, rel)
        if unfilled:
            rule = RULE_BY_ID[rel.rule]
            place = words.get("row") or words.get("column")
            yield Finding(
                "relation.cannot_check",
                cells=(*rel.parts, *rel.totals),
                relation=f"{rel.rule}:{rel.key}",
                params={
                    "relation": Text(f"{rule.title_zh}（{place}）", f"{rule.title_en} (“{place}”)"),
                    "missing": cells_text(report.template, unfilled),
                },
            )
            continue
        yield Finding(
            rel.rule,
            cells=(*rel.parts, *rel.totals),
            expected=expected,
            actual=actual,
            relation=f"{rel.rule}:{rel.key}",
            params=words,
        )


@check
def bounds(report: Report) -> Iterator[Finding]:
    for b in report.template.bounds:
        in_force, issued, repealed = (report.value(c) for c in (b.in_force, b.issued, b.repealed))
        if in_force is None or issued is None or repealed is None:
            continue
        if in_force < issued - repealed:
            table = report.template.table(b.in_force.split(".")[0])
            yield Finding(
                b.rule,
                cells=(b.issued, b.repealed, b.in_force),
                expected=issued - repealed,
                actual=in_force,
                suspect=None,
                relation=f"{b.rule}:{b.key}",
                params={"row": table.row_label(b.key), "issued": issued, "repealed": repealed},
            )


@check
def values(report: Report) -> Iterator[Finding]:
    template = report.template
    facts = template_facts(template)
    cell_ids, totals = facts.cell_ids, facts.total_cells
    number, placeholder, text = Kind.NUMBER, Kind.PLACEHOLDER, Kind.TEXT
    signed, decimal = template.signed_cells, template.decimal_cells
    placeholders: list[str] = []
    blanks: list[str] = []
    cells = report.cells
    for cid in cell_ids:
        cell = cells.get(cid)
        if cell is None:
            continue
        kind = cell.kind
        if kind is number and cell.number is not None:
            if cell.number < 0 and cid not in signed:  # 本年增/减 may fall
                yield Finding("value.negative", (cid,), actual=cell.number, params={"cell": cell_text(template, cid)})
            elif cid not in decimal and cell.number != cell.number.to_integral_value():
                yield Finding("value.not_whole", (cid,), actual=cell.number, params={"cell": cell_text(template, cid)})
            if cell.note:
                yield Finding(
                    "value.note",
                    (cid,),
                    actual=cell.number,
                    params={"cell": cell_text(template, cid), "raw": cell.raw, "note": cell.note},
                )
        elif kind is placeholder:
            placeholders.append(cid)
        elif kind is text:
            yield Finding("value.unreadable", (cid,), params={"cell": cell_text(template, cid), "raw": cell.raw})
        elif cid in totals:
            yield Finding("value.blank_total", (cid,), params={"cell": cell_text(template, cid)})
        else:
            blanks.append(cid)
    if placeholders:
        raws = [r for r, _ in Counter(report.cells[c].raw for c in placeholders).most_common()]
        yield Finding(
            "value.placeholder",
            tuple(placeholders),
            params={"count": len(placeholders), "raws": Text("”“".join(raws), "', '".join(raws))},
        )
    if blanks:
        yield Finding(
            "value.blank", tuple(blanks), params={"count": len(blanks), "cells": cells_text(template, blanks)}
        )


@check
def replaced_chars(report: Report) -> Iterator[Finding]:
    source = report.source
    if "\ufffd" not in source.text:
        return
    spans = tuple(
        Span(n, i, i + 1) for n, line in enumerate(source.lines, 1) for i, ch in enumerate(line) if ch == "\ufffd"
    )
    lines = sorted({s.line for s in spans})
    shown = "、".join(map(str, lines[:5])) + ("等" if len(lines) > 5 else "")
    yield Finding(
        "source.replaced_chars",
        lines=(lines[0], lines[-1]),
        spans=spans,
        params={"count": len(spans), "encoding": _encoding_phrase(source.encoding), "lines": shown},
    )


def _encoding_phrase(encoding: str | None) -> Text:
    """The encoding as a message names it; a Word, Excel or PDF source has none of its own."""
    return Text(f" {encoding} ", encoding) if encoding else Text("其编码", "text")


@check
def structure(report: Report) -> Iterator[Finding]:
    template = report.template
    for p in report.problems:
        params: dict[str, object] = {"target": p.target, "count": p.count or len(p.spans)}
        if p.detail:
            params["detail"] = p.detail
        if p.lines:
            params["first"], params["last"] = p.lines
        parts = p.target.split(".")
        cells: tuple[str, ...] = ()
        if parts[0] and parts[0] in {t.id for t in template.tables}:
            table = template.table(parts[0])
            params["table"] = Text(table.short_name, table.short_name_en)
            params["title"] = table.title
            params["target"] = Text(table.short_name, table.short_name_en)
            if len(parts) >= 2:
                row = table.row_label(parts[1])
                params["row"] = row
                params["target"] = Text(f"{table.short_name}·{row}", f"{table.short_name_en} “{row}”")
                cells = table.row(parts[1]).cell_ids(table.id)
            if len(parts) == 3:
                params["cell"] = cell_text(template, p.target)
                cells = (p.target,)
        else:
            params["table"] = Text("统计表", "the tables")
        if p.code == "structure.extra_values" and "table" in params:
            params["count"] = len(cells) if cells else len(template.table(parts[0]).cell_ids())
        yield Finding(p.code, cells=cells, lines=p.lines, spans=p.spans, params=params)
