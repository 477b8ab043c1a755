"""The templates a report may be printed in, tables mixed from two of them, and their cell ids as Markdown.

Some bodies print one table of a template and another of the other (a 2021 table 2 beside a
2019 table 3); such a report is read with a template made of the tables it prints, whose id
says so: `2021+t3:2019` is the 2021 template with table 3 as the 2019 one.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Table, Template
from .t2019 import TEMPLATE_2019
from .t2021 import TEMPLATE_2021

TEMPLATES: tuple[Template, ...] = (TEMPLATE_2021, TEMPLATE_2019)

_MIXED: dict[str, Template] = {}


def mixed(base: Template, replace: dict[str, Template]) -> Template:
    """`base` with the tables named in `replace` taken from the template given for each.

    Relations, bounds, decimal and signed cells come with their table. A mix that is one of
    TEMPLATES (every table from one template) is that template.
    """
    owner = {t.id: replace.get(t.id, base) for t in base.tables}
    tables = tuple(owner[t.id].table(t.id) for t in base.tables)
    for template in (base, *TEMPLATES):
        if len(template.tables) == len(tables) and all(a is b for a, b in zip(template.tables, tables, strict=True)):
            return template
    changed = [(tid, src) for tid, src in owner.items() if src.table(tid) is not base.table(tid)]
    key = base.id + "".join(f"+{tid}:{src.id}" for tid, src in changed)
    if key not in _MIXED:
        relations, bounds, decimal, signed = [], [], set(), set()
        for tid, src in owner.items():  # in table order, each table's from its own template

            def mine(cell_id: str, tid: str = tid) -> bool:
                return cell_id.split(".")[0] == tid

            relations += [r for r in src.relations if mine(r.parts[0])]
            bounds += [b for b in src.bounds if mine(b.in_force)]
            decimal |= {c for c in src.decimal_cells if mine(c)}
            signed |= {c for c in src.signed_cells if mine(c)}
        names = "，".join(f"{src.table(tid).short_name}按{src.name}" for tid, src in changed)
        _MIXED[key] = Template(
            id=key,
            name=f"{base.name}（{names}）",
            tables=tables,
            relations=tuple(relations),
            bounds=tuple(bounds),
            decimal_cells=frozenset(decimal),
            signed_cells=frozenset(signed),
            section_ends=base.section_ends,
        )
    return _MIXED[key]


def template_by_id(key: str) -> Template:
    """The template an id names, mixes included (`2021+t3:2019`): digests carry ids across processes."""
    base_id, *parts = key.split("+")
    by_id = {t.id: t for t in TEMPLATES}
    if base_id not in by_id:
        raise KeyError(key)
    replace = {}
    for part in parts:
        tid, _, src = part.partition(":")
        replace[tid] = by_id[src]
    return mixed(by_id[base_id], replace)


def alternative(template: Template, tables: Iterable[str]) -> Template | None:
    """`template` with each of `tables` taken from the first other template whose table differs."""
    replace = {}
    for tid in tables:
        src = next((t for t in TEMPLATES if _has(t, tid) and t.table(tid) is not template.table(tid)), None)
        if src is not None:
            replace[tid] = src
    return mixed(template, replace) if replace else None


def _has(template: Template, tid: str) -> bool:
    return any(t.id == tid for t in template.tables)


# ---- documentation ---------------------------------------------------------------------------


def _row_words(table: Table, rid: str) -> str:
    row = table.row(rid)
    group = next((g for g in table.groups if g.id == row.group), None)
    label = table.row_label(rid)
    return f"{group.label} · {label}" if group is not None and not group.names_rows else label


def cell_ids_markdown(template: Template) -> str:
    """A template's cell ids, table by table, as Markdown: row ids and column ids with their labels.

    A table whose rows all have every column is listed as its columns and its rows (cell id
    `<table>.<row>.<column>`); any other table cell by cell.
    """
    out = [f"Template `{template.id}`: {template.name}, {len(template.cell_ids())} cells.", ""]
    for table in template.tables:
        n = len(table.cell_ids())
        out += [f"#### {table.short_name_en} — {table.title} (`{table.id}`, {n} cells)", ""]
        col_ids = [c.id for c in table.columns]
        if all(list(r.columns) == col_ids for r in table.rows):
            out += [f"Cell id: `{table.id}.<row>.<column>`.", "", "| column id | label |", "|---|---|"]
            out += [f"| `{c.id}` | {table.column_label(c.id)} |" for c in table.columns]
            out += ["", "| row id | label |", "|---|---|"]
            out += [f"| `{r.id}` | {_row_words(table, r.id)} |" for r in table.rows]
        else:
            out += ["| cell id | row | column |", "|---|---|---|"]
            for row in table.rows:
                for cid in row.columns:
                    cell = f"{table.id}.{row.id}.{cid}"
                    notes = [
                        note
                        for note, cells in (
                            ("may be a decimal", template.decimal_cells),
                            ("may be negative", template.signed_cells),
                        )
                        if cell in cells
                    ]
                    extra = f" — {', '.join(notes)}" if notes else ""
                    out.append(f"| `{cell}` | {_row_words(table, row.id)} | {table.column_label(cid)}{extra} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
