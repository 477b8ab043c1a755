"""The shapes a report template is declared in.

A template is pure data: tables, their rows and columns, the labels and aliases by which a
report prints them, and the arithmetic relations between cells. Parsing, auditing, the GUI
and the exports all read it; nothing else declares a row or a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# A table's or template's cell ids, asked for several times per report: worked out once per object
# (kept with the object, so an id is never taken for another's; templates are few).
_CELL_IDS: dict[int, tuple[object, tuple[str, ...]]] = {}


def _once(owner: object, make: Callable[[], tuple[str, ...]]) -> tuple[str, ...]:
    entry = _CELL_IDS.get(id(owner))
    if entry is None or entry[0] is not owner:
        entry = _CELL_IDS[id(owner)] = (owner, make())
    return entry[1]


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    label: str
    parent: str | None = None  # a merged header above the label, e.g. 法人或其他组织


@dataclass(frozen=True, slots=True)
class Group:
    """A label that heads several rows (`(三)不予公开`) and is not itself a row."""

    id: str
    label: str
    number: str | None = None  # the printed marker, e.g. "三" for "(三)"
    aliases: tuple[str, ...] = ()
    names_rows: bool = True  # whether a row's label is said with this group's in front
    # Another template's version of the table prints this group as one row with numbers
    # (2019: `(六)其他处理 | 0 | 0 …`); numbers right after the label tell the table is of that shape.
    other_template_row: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    label: str
    columns: tuple[str, ...]
    number: str | None = None  # marker as printed: "一" for "一、", "(一)", "1" for "1."
    group: str | None = None  # id of the Group the row sits under
    aliases: tuple[str, ...] = ()
    # A label too short to tell apart from headers (其他, 总计) is only taken as this row when
    # its printed number confirms it, or it follows the row before it and numbers follow it.
    needs_context: bool = False

    def cell_ids(self, table: str) -> tuple[str, ...]:
        return tuple(f"{table}.{self.id}.{c}" for c in self.columns)


@dataclass(frozen=True, slots=True)
class Table:
    id: str
    title: str
    title_aliases: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    groups: tuple[Group, ...] = ()
    # Flat tables print all their numbers on one line in row-major order (table 4);
    # their row labels are column headers and only start a row when numbers follow them.
    flat: bool = False
    headers: tuple[str, ...] = ()  # other header texts that are neither rows nor columns
    # Columns some reports add (法人小计): (position among the values, label, positions it sums);
    # dropped on reading.
    extra_columns: tuple[tuple[int, str, tuple[int, ...]], ...] = ()
    # Headers (or row labels) only another template's version of this table prints
    # (2019: 本年新制作数量 …): the table is of that shape and is not read as this one.
    other_template_headers: frozenset[str] = frozenset()
    short_name: str = ""
    short_name_en: str = ""

    def column(self, cid: str) -> Column:
        return next(c for c in self.columns if c.id == cid)

    def row(self, rid: str) -> Row:
        return next(r for r in self.rows if r.id == rid)

    def cell_ids(self) -> tuple[str, ...]:
        return _once(self, lambda: tuple(cid for r in self.rows for cid in r.cell_ids(self.id)))

    def row_label(self, rid: str) -> str:
        """A row's label as the template prints it, numbering and group included."""
        row = self.row(rid)
        group = next((g for g in self.groups if g.id == row.group and g.names_rows), None)
        if row.number is None:
            return f"{group.label}·{row.label}" if group else row.label
        if row.number.isdigit():
            head = f"({group.number}){group.label} " if group and group.number else ""
            return f"{head}{row.number}.{row.label}"
        return f"({row.number}){row.label}" if group else f"{row.number}、{row.label}"

    def column_label(self, cid: str) -> str:
        col = self.column(cid)
        return f"{col.parent}·{col.label}" if col.parent else col.label


@dataclass(frozen=True, slots=True)
class Relation:
    """sum(parts) must equal sum(totals); one instance of an arithmetic rule."""

    rule: str
    key: str  # which instance: a row or column id
    parts: tuple[str, ...]
    totals: tuple[str, ...]
    along: str = "column"  # "row" when the instance is a row (row totals), for naming it


@dataclass(frozen=True, slots=True)
class Bound:
    """in_force >= issued - repealed (last year's in_force cannot be negative)."""

    rule: str
    key: str
    in_force: str
    issued: str
    repealed: str


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    name: str
    tables: tuple[Table, ...]
    relations: tuple[Relation, ...]
    bounds: tuple[Bound, ...]
    decimal_cells: frozenset[str] = field(default_factory=frozenset)  # may hold fractions (fees)
    signed_cells: frozenset[str] = field(default_factory=frozenset)  # may be negative (2019: 本年增/减)
    section_ends: tuple[str, ...] = ()  # headings that close the last table

    def table(self, tid: str) -> Table:
        return next(t for t in self.tables if t.id == tid)

    def __reduce_ex__(self, protocol: object) -> object:
        """A template the registry knows travels as its id and arrives as the registry's own
        object: a batch's results from the workers share one template, not a copy each (the window
        made its table views again for every report whose template was another object)."""
        from .registry import template_by_id

        try:
            known = template_by_id(self.id) is self
        except KeyError:
            known = False
        return (template_by_id, (self.id,)) if known else object.__reduce_ex__(self, protocol)  # type: ignore[arg-type]

    @property
    def total_cells(self) -> frozenset[str]:
        """Cells a relation derives (its totals side): a blank there is "not filled"."""
        return frozenset(c for r in self.relations for c in r.totals)

    def cell_ids(self) -> tuple[str, ...]:
        return _once(self, lambda: tuple(cid for t in self.tables for cid in t.cell_ids()))

    def cell_words(self, cell_id: str, lang: str = "zh") -> str:
        """A cell named for a person: 表三“(一)予以公开”行“自然人”列; labels stay Chinese in English."""
        tid, rid, cid = cell_id.split(".")
        table = self.table(tid)
        single = len(table.row(rid).columns) == 1
        if lang == "en":
            where = f"{table.short_name_en} row “{table.row_label(rid)}”"
            return where if single else f"{where}, column “{table.column_label(cid)}”"
        if single:
            return f"{table.short_name}“{table.row_label(rid)}”"
        return f"{table.short_name}“{table.row_label(rid)}”行“{table.column_label(cid)}”列"
