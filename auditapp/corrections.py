"""The inspector's corrections of cells the reader got wrong, and the audit on corrected values.

A correction never touches the report file: it is recorded (the cell, the text and span the
reader took, the value the inspector entered, their reason and the time) in the review
session, and the report is audited again with the corrected values. The original result is
kept, so a correction can be undone by applying the others to it again.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from .parse.values import Kind
from .report import Cell
from .source import Span

if TYPE_CHECKING:
    from .api import AuditResult

CorrectionKey = tuple[str, str]  # (report path, absolute) , cell id

# The parser's problems that a corrected cell settles: the cell is no longer missing or unreadable.
_SETTLED = frozenset({"structure.cell_missing"})


@dataclass(frozen=True, slots=True)
class Correction:
    """One cell's value as the inspector corrected it, with what the reader had taken."""

    cell: str  # template cell id, "t3.granted.natural"
    value: Decimal | None  # the corrected value; None: the cell is blank
    original: str | None  # the text the reader took (None: the reader found no cell)
    line: int | None = None  # where that text stands in the source view (1-based)
    start: int | None = None
    end: int | None = None
    reason: str = ""
    time: str = ""  # ISO 8601, local time, seconds

    @property
    def span(self) -> Span | None:
        if self.line is None or self.start is None or self.end is None:
            return None
        return Span(self.line, self.start, self.end)

    def as_dict(self) -> dict[str, object]:
        d = dataclasses.asdict(self)
        d["value"] = None if self.value is None else str(self.value)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, object]) -> Correction:
        value = d.get("value")
        return cls(
            cell=str(d["cell"]),
            value=None if value is None else parse_value(str(value)),
            original=None if d.get("original") is None else str(d["original"]),
            line=_int_or_none(d.get("line")),
            start=_int_or_none(d.get("start")),
            end=_int_or_none(d.get("end")),
            reason=str(d.get("reason") or ""),
            time=str(d.get("time") or ""),
        )


def _int_or_none(v: object) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


class BadValue(ValueError):
    """What the inspector typed is not a count."""


def parse_value(text: str) -> Decimal | None:
    """A count as the inspector types it: digits (full-width too, thousands separators allowed);
    empty means blank. Anything else, a negative or a fraction raises BadValue."""
    import unicodedata

    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise BadValue(text) from None
    if not value.is_finite() or value < 0 or value != value.to_integral_value() or len(cleaned) > 15:
        raise BadValue(text)
    return value.quantize(Decimal(1))


def make_correction(result: AuditResult, cell_id: str, value: Decimal | None, reason: str = "") -> Correction:
    """A correction of `cell_id` in `result` (the result as read, not an already corrected one)."""
    assert result.report is not None
    cell = result.report.cells.get(cell_id)
    span = cell.span if cell is not None else None
    return Correction(
        cell=cell_id,
        value=value,
        original=cell.raw if cell is not None else None,
        line=span.line if span else None,
        start=span.start if span else None,
        end=span.end if span else None,
        reason=reason,
        time=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
    )


def corrections_for(result: AuditResult, corrections: Mapping[CorrectionKey, Correction]) -> dict[str, Correction]:
    """The corrections of one report, by cell id."""
    path = os.path.abspath(result.path)
    return {cell: c for (file, cell), c in corrections.items() if file == path}


def apply_corrections(result: AuditResult, corrections: Mapping[str, Correction]) -> AuditResult:
    """`result` audited again with the corrected cells (by cell id); the checks across reports'
    findings are kept as they were. With no correction, `result` itself."""
    from .api import Status
    from .report import Report
    from .rules import audit
    from .rules.findings import is_across

    report = result.report
    if not corrections or report is None or result.status is Status.FAILED:
        return result
    valid = set(report.template.cell_ids())
    cells = dict(report.cells)
    for cid, c in corrections.items():
        if cid not in valid:
            continue  # a session from another template's reading: ignored, never a crash
        old = cells.get(cid)
        span = old.span if old is not None else (c.span or Span(_table_line(report, cid), 0, 0))
        raw = old.raw if old is not None else ""
        kind = Kind.NUMBER if c.value is not None else Kind.BLANK
        cells[cid] = Cell(cid, raw, kind, c.value, span, old.note if old is not None else "")
    problems = [p for p in report.problems if not (p.code in _SETTLED and p.target in corrections)]
    corrected = Report(report.source, report.template, cells, report.regions, problems, report.meta)
    findings = audit(corrected)
    cross = [f for f in result.findings if is_across(f)]
    fixed = dataclasses.replace(result, report=corrected, findings=findings, cross_digest=None)
    if cross:
        fixed.add_findings(cross)
    return fixed


def _table_line(report, cell_id: str) -> int:
    region = report.regions.get(cell_id.split(".")[0])
    return region.first_line if region is not None else 1
