"""One report's figures, as the batch's table (auditapp.figures) needs them: a small record.

Made where the report is whole (a batch's worker, the window) and sent on: its facts, its
counts of findings, its cells' values packed (float64 in its template's cell order, nan for a
blank or a cell not found, zlib-compressed: a few hundred bytes) and the cells with findings.
No pandas here: workers make these without importing it.
"""

from __future__ import annotations

import math
import zlib
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import AuditResult
    from .review import Review
    from .rules import Finding

_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(slots=True)
class FigureRow:
    """What the table needs of one report: its facts, its counts and its cells' values packed."""

    path: str
    agency: str | None
    year: int | None
    template_id: str | None
    status: str  # auditapp.api.Status value
    errors: int
    warnings: int
    info: int
    values: bytes  # float64 per cell of its template, in its order, zlib-compressed; nan: blank or not found
    marks: dict[str, int] = field(default_factory=dict)  # cell id → its worst finding (0 error, 1 warning, 2 info)

    @property
    def verdict(self) -> str:
        """The verdict as auditapp.verdict decides it (errors first, then an unread file)."""
        if self.errors:
            return "errors"
        if self.status in ("failed", "partial"):
            return self.status
        return "warnings" if self.warnings else "ok"

    def add_findings(self, findings: Iterable[Finding]) -> None:
        """Findings from the checks across reports: counted, and their cells marked."""
        for f in findings:
            self._count(f)

    def _count(self, f: Finding) -> None:
        severity = f.severity.value
        if severity == "error":
            self.errors += 1
        elif severity == "warning":
            self.warnings += 1
        else:
            self.info += 1
        rank = _RANK[severity]
        for cell in (f.suspect, *f.cells):
            if cell and self.marks.get(cell, 3) > rank:
                self.marks[cell] = rank


def figure_row(
    result: AuditResult, reviews: Mapping[tuple[str, str], Review] | None = None, values: bytes | None = None
) -> FigureRow:
    """The record of one audited report; findings the inspector dismissed neither count nor mark.
    `values`: the report's packed values made before (`pack_values`), for a report shown again."""
    from .verdict import review_of

    report = result.report
    row = FigureRow(result.path, None, None, None, result.status.value, 0, 0, 0, b"")
    if report is not None:
        row.agency, row.year, row.template_id = report.meta.agency, report.meta.year, report.template.id
        row.values = pack_values(result) if values is None else values
    for f in result.findings:
        if reviews and review_of(result, f, reviews).state == "dismissed":
            continue
        row._count(f)
    return row


def pack_values(result: AuditResult) -> bytes:
    """The report's values, float64 in its template's cell order (nan: blank or not found), zlib'd:
    most cells are 0, so ~1.7 KB becomes a few hundred bytes."""
    report = result.report
    if report is None:
        return b""
    packed = array("d", (_number(report.value(c)) for c in report.template.cell_ids()))
    return zlib.compress(packed.tobytes(), 1)


def _number(value) -> float:
    return math.nan if value is None else float(value)
