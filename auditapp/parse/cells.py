"""Cells built for the table reader without their frozen dataclasses' __init__.

A frozen dataclass sets each of its fields through object.__setattr__, which makes a report's
200 cells and their 200 spans the costliest objects the parser builds (a quarter of the table
reader's time). Setting their slots directly gives the very same objects in 60% of the time
(measured on Python 3.11). That is done only
while Cell and Span are the plain frozen slotted dataclasses of the fields named here (no
other field, no __post_init__), which is checked when this module loads; otherwise the classes
build the cells themselves, and nothing but speed is lost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from ..report import Cell
from ..source import Span
from .values import Kind

_SPAN_FIELDS = ("line", "start", "end")
_CELL_FIELDS = ("id", "raw", "kind", "number", "span", "note")


def _plain(cls: type, names: tuple[str, ...]) -> bool:
    """Whether `cls` is a frozen slotted dataclass whose __init__ only sets `names`, in order."""
    if not dataclasses.is_dataclass(cls) or "__post_init__" in dir(cls):
        return False
    fields = dataclasses.fields(cls)
    return (
        tuple(f.name for f in fields) == names
        and all(f.init for f in fields)
        and getattr(cls, "__slots__", None) == names
        and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        and cls.__new__ is object.__new__
    )


CellBuilder = Callable[[str, str, Kind, "Decimal | None", int, int, int, str], Cell]


def _by_constructors(
    cid: str, raw: str, kind: Kind, number: Decimal | None, line: int, start: int, end: int, note: str
) -> Cell:
    return Cell(cid, raw, kind, number, Span(line, start, end), note)


def _by_slots() -> CellBuilder:
    new = object.__new__
    set_line, set_start, set_end = (getattr(Span, n).__set__ for n in _SPAN_FIELDS)
    set_id, set_raw, set_kind, set_number, set_span, set_note = (getattr(Cell, n).__set__ for n in _CELL_FIELDS)

    def build(
        cid: str, raw: str, kind: Kind, number: Decimal | None, line: int, start: int, end: int, note: str
    ) -> Cell:
        span = new(Span)
        set_line(span, line)
        set_start(span, start)
        set_end(span, end)
        cell = new(Cell)
        set_id(cell, cid)
        set_raw(cell, raw)
        set_kind(cell, kind)
        set_number(cell, number)
        set_span(cell, span)
        set_note(cell, note)
        return cell

    return build


BY_SLOTS = _plain(Span, _SPAN_FIELDS) and _plain(Cell, _CELL_FIELDS)
# Cell(cid, raw, kind, number, Span(line, start, end), note)
build_cell: CellBuilder = _by_slots() if BY_SLOTS else _by_constructors
