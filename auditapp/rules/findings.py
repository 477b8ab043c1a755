"""A finding: which rule, which cells, the numbers, and (where one cell explains it) the suspect."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from ..source import Origin, Span
from .catalogue import Severity, rule

if TYPE_CHECKING:
    from ..report import Report


def fmt_number(value: Decimal | int | None) -> str:
    if value is None:
        return "—"
    d = Decimal(value)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


@dataclass(frozen=True, slots=True)
class Text:
    """A phrase of a message in both languages (a cell's name, a table's)."""

    zh: str
    en: str

    def __str__(self) -> str:
        return self.zh


def _localise(value: object, lang: str) -> object:
    if isinstance(value, Text):
        return value.en if lang == "en" else value.zh
    if isinstance(value, Decimal):
        return fmt_number(value)
    return value


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    cells: tuple[str, ...] = ()
    expected: Decimal | None = None
    actual: Decimal | None = None
    suspect: str | None = None
    proposed: Decimal | None = None  # the suspect's value that would satisfy every failing relation
    relation: str | None = None  # "<rule>:<key>" for arithmetic findings
    lines: tuple[int, int] | None = None  # where the parser looked, for structure findings
    spans: tuple[Span, ...] = ()  # evidence beyond the cells' own spans
    params: Mapping[str, object] = field(default_factory=dict)
    # a finding across two reports names the other one and its cells
    other_file: str | None = None
    other_cells: tuple[str, ...] = ()

    @property
    def severity(self) -> Severity:
        return rule(self.rule).severity

    @property
    def difference(self) -> Decimal | None:
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    def message(self, lang: str = "zh") -> str:
        r = rule(self.rule)
        params = {
            "expected": fmt_number(self.expected),
            "actual": fmt_number(self.actual),
            "difference": fmt_number(self.difference),
            **{k: _localise(v, lang) for k, v in self.params.items()},
        }
        text = (r.message_en if lang == "en" else r.message_zh).format_map(_Lenient(params))
        if self.suspect is not None and self.proposed is not None:
            who = params.get("suspect_words", self.suspect)
            if lang == "en":
                text += f"; most likely {who} is wrong: {fmt_number(self.proposed)} would satisfy every check"
            else:
                text += f"；最可能有误的是{who}，改为 {fmt_number(self.proposed)} 可使相关勾稽关系全部成立"
        return text


ACROSS = ("cross.", "batch.")  # the families of rules the checks across reports raise


def is_across(f: Finding) -> bool:
    """Whether a finding comes from the checks across reports (kept apart when a report is audited
    again alone, and replaced when the checks across reports run again)."""
    return f.rule.startswith(ACROSS)


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def evidence_origin(f: Finding, report: Report | None) -> Origin | None:
    """Where a finding's evidence stands in the original file (page, sheet and cell), when known."""
    if report is None or not report.source.anchors:
        return None
    spans = [*f.spans, *(report.cells[c].span for c in (f.suspect, *f.cells) if c and c in report.cells)]
    return report.source.origin(spans[0]) if spans else None


def evidence_line(f: Finding, report: Report | None) -> int | None:
    """The line to show for a finding: its evidence, else its (suspect) cell, else where it looked."""
    if f.spans:
        return f.spans[0].line
    if report is not None:
        for cid in (f.suspect, *f.cells):
            if cid and cid in report.cells:
                return report.cells[cid].span.line
    return f.lines[0] if f.lines else None
