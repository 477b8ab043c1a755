"""A parsed report: cells with provenance, what could not be found, and metadata."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from .parse.values import Kind
from .source import Source, Span
from .template import Template

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class Cell:
    id: str
    raw: str  # the cell's text exactly as in the source
    kind: Kind
    number: Decimal | None  # only for Kind.NUMBER
    span: Span
    note: str = ""  # text the report wrote after the number

    @property
    def value(self) -> Decimal | None:
        """The number the audit uses: a placeholder for "none" reads as 0, a blank as nothing."""
        if self.kind is Kind.NUMBER:
            return self.number
        if self.kind is Kind.PLACEHOLDER:
            return Decimal(0)
        return None

    @property
    def is_placeholder(self) -> bool:
        """A mark written for "none" (—, -, /, 无); a blank cell is not one: nothing was written."""
        return self.kind is Kind.PLACEHOLDER


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the parser could not read as the template expects.

    `code` names a structure rule in the catalogue; `target` is a table, row or cell id;
    `lines` is where the parser looked (first, last), 1-based.
    """

    code: str
    target: str
    lines: tuple[int, int] | None = None
    spans: tuple[Span, ...] = ()
    count: int = 0  # how many items, when there are more than the spans kept
    detail: str = ""  # numbers the message names (a row's digits and how they split), in no language


@dataclass(frozen=True, slots=True)
class Meta:
    agency: str | None = None
    year: int | None = None
    published: str | None = None  # ISO date as the report states it
    agency_span: Span | None = None
    year_span: Span | None = None


@dataclass(frozen=True, slots=True)
class TableRegion:
    table: str
    title_line: int | None  # None when the title was not found and rows gave the table away
    first_line: int
    last_line: int


@dataclass
class Report:
    source: Source
    template: Template
    cells: dict[str, Cell] = field(default_factory=dict)
    regions: dict[str, TableRegion] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    meta: Meta = field(default_factory=Meta)

    def narrative_lines(self) -> Iterator[tuple[int, str]]:
        """(1-based number, text) of the lines outside the tables."""
        lines = self.source.lines
        inside = bytearray(len(lines) + 2)
        for r in self.regions.values():
            a, b = max(r.first_line, 1), min(r.last_line, len(lines))
            inside[a : b + 1] = b"\x01" * max(0, b - a + 1)
        for n, text in enumerate(lines, 1):
            if not inside[n]:
                yield n, text

    def value(self, cell_id: str) -> Decimal | None:
        cell = self.cells.get(cell_id)
        return cell.value if cell else None

    def frames(self, by: Literal["label", "id"] = "label") -> dict[str, pd.DataFrame]:
        """The tables as DataFrames labelled as the template labels them (pandas imported lazily)."""
        from .frames import report_frames

        return report_frames(self, by)
