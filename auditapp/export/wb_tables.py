"""A report's three tables laid out as the template prints them, with the audit on them.

Flagged cells are filled; each finding's note stands on its anchor cell alone (the suspect, or
the relation's total) with the finding's number; the other cells of a failing relation are
only shaded. Cells the inspector corrected are blue with a note saying what they were. Live
formulas recompute every total beside or under it. Sized to print on A4 landscape.
"""

from __future__ import annotations

from collections import defaultdict

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..api import AuditResult
from ..parse.values import Kind, plain_number
from ..rules import Finding, Severity
from ..rules.findings import fmt_number
from ..template import Table
from . import wb_layout as L
from .wb_context import Book, anchor

LABEL_WIDTHS = (6, 10, 22)  # section, group, item
VALUE_WIDTH = 6.5
CALC_WIDTH = 8
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


class Grid:
    """Writes one report's tables; remembers where each cell went."""

    def __init__(self, book: Book, ws: Worksheet, result: AuditResult, source_sheet: str) -> None:
        self.book = book
        self.w = book.w
        self.ws = ws
        self.report = result.report
        assert self.report is not None
        self.source_sheet = source_sheet
        self.refs: dict[str, str] = {}
        self.anchored: dict[str, list[tuple[int, Finding]]] = defaultdict(list)
        self.involved: dict[str, list[int]] = defaultdict(list)
        self.suspects: set[str] = set()
        for n, f in enumerate(result.findings, 1):
            if f.severity is Severity.INFO or book.dismissed(result, f):
                continue  # a dismissed finding leaves no mark on the table
            at = anchor(f, self.report.template)
            if at is not None:
                self.anchored[at].append((n, f))
            for cid in f.cells:
                if cid != at:
                    self.involved[cid].append(n)
            if f.suspect:
                self.suspects.add(f.suspect)
        self.corrected = book.corrections_of(result)

    def label(self, r: int, c: int, text: str, *, span: tuple[int, int] = (1, 1), fill=L.HEAD) -> None:
        ws = self.ws
        cell = L.put_text(ws.cell(r, c), text) if text else ws.cell(r, c)
        if span != (1, 1):
            ws.merge_cells(start_row=r, start_column=c, end_row=r + span[0] - 1, end_column=c + span[1] - 1)
        for rr in range(r, r + span[0]):
            for cc in range(c, c + span[1]):
                ws.cell(rr, cc).border = L.BOX
                ws.cell(rr, cc).fill = fill
        cell.alignment = L.MIDDLE

    def value(self, r: int, c: int, cell_id: str, span_cols: int = 1) -> None:
        ws = self.ws
        if span_cols > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span_cols - 1)
            for cc in range(c, c + span_cols):
                ws.cell(r, cc).border = L.BOX
        target = ws.cell(r, c)
        target.border = L.BOX
        self.refs[cell_id] = target.coordinate
        cell = self.report.cells.get(cell_id)
        if cell is None:
            L.put_text(target, self.w["missing"])
            target.font = L.GREY
        elif cell.kind is Kind.NUMBER:
            target.value = plain_number(cell.number)
            target.hyperlink = L.link(self.source_sheet, f"B{cell.span.line + 1}")
        else:  # placeholders and unreadable text stay as they were written
            L.put_text(target, cell.raw)
            target.font = L.GREY
            target.hyperlink = L.link(self.source_sheet, f"B{cell.span.line + 1}")
        target.alignment = Alignment(horizontal="right", vertical="center")
        notes: list[str] = []
        here = self.anchored.get(cell_id, [])
        for n, f in here:
            notes.append(self._note(n, f, cell_id, cell))
        if notes and self.involved.get(cell_id):
            notes.append(self.w["note_also"].format(self.w["sep"].join(map(str, self.involved[cell_id]))))
        correction = self.corrected.get(cell_id)
        if correction is not None:
            notes.append(self.book.correction_note(correction))
        if cell_id in self.suspects:
            target.fill, target.border, target.font = L.SUSPECT, L.SUSPECT_BOX, L.BOLD
        elif here:
            worst = min(here, key=lambda nf: 0 if nf[1].severity is Severity.ERROR else 1)[1].severity
            target.fill = L.SEVERITY_FILL[worst]
        elif correction is not None:
            target.fill = L.CORRECTED
        elif self.involved.get(cell_id):
            target.fill = L.INVOLVED
        elif cell is not None and cell.kind is not Kind.NUMBER:
            target.fill = L.GREY_FILL
        if notes:
            text = "\n".join(notes)
            comment = Comment(text, "auditapp")
            comment.width = 360
            comment.height = 30 + 20 * sum(L.lines_needed(x, 48) for x in notes)
            target.comment = comment

    def _note(self, n: int, f: Finding, cell_id: str, cell) -> str:
        """The finding's note on its anchor, in one line: what the cell should be and why, or the message."""
        w = self.w
        if f.suspect == cell_id and f.proposed is not None:
            now = fmt_number(cell.number) if cell is not None and cell.number is not None else (
                cell.raw if cell is not None else w["blank"])  # fmt: skip
            what = f"“{self.book.rule_title(f.rule)}”"
            return w["note_suspect"].format(n=n, proposed=fmt_number(f.proposed), value=now, what=what)
        if f.suspect == cell_id:
            return w["note_suspect_plain"].format(n=n, message=self.book.message(f))
        return w["note_anchor"].format(n=n, message=self.book.message(f))

    def calc(self, r: int, c: int, formula: str) -> None:
        cell = self.ws.cell(r, c, formula)  # our own formula, from cell references only
        cell.fill, cell.border = L.CALC, L.BOX
        cell.alignment = Alignment(horizontal="right", vertical="center")


def write_tables(book: Book, ws: Worksheet, result: AuditResult, source_sheet: str) -> dict[str, str]:
    report = result.report
    assert report is not None
    w = book.w
    g = Grid(book, ws, result, source_sheet)
    meta = report.meta
    name = book.name(result)
    title = w["title"].format(agency=meta.agency or "", year=meta.year or "", name=name, template=report.template.name)
    L.put_text(ws.cell(1, 1), title.strip()).font = L.TITLE
    c = ws.cell(2, 1, w["back"])
    c.hyperlink, c.font = f"#'{w['summary']}'!A1", L.LINK
    L.put_text(ws.cell(2, 4), w["legend"]).font = L.GREY
    r = 4
    for table in report.template.tables:
        L.put_text(ws.cell(r, 1), f"{table.short_name}\u3000{table.title}").font = L.BOLD
        r += 1
        if table.flat:
            r = _flat_table(g, table, r)
        elif table.id == "t3" or all(len(row.columns) == len(table.columns) for row in table.rows):
            r = _grid_table(g, table, r)
        else:
            r = _grouped_table(g, table, r)
        r += 2
    L.widths(ws, LABEL_WIDTHS)
    last = max(column_index_from_string(ref.rstrip("0123456789")) for ref in g.refs.values()) if g.refs else 12
    for col in range(4, max(last, 12) + 1):
        ws.column_dimensions[get_column_letter(col)].width = VALUE_WIDTH
    t3 = next((t for t in report.template.tables if t.id == "t3"), None)
    if t3 is not None:  # the row-total check columns beside table 3
        for col in (4 + len(t3.columns), 5 + len(t3.columns)):
            ws.column_dimensions[get_column_letter(col)].width = CALC_WIDTH
    ws.freeze_panes = "A4"
    L.print_setup(ws, "landscape", header=f"{name} {meta.agency or ''}", footer=w["page"])
    return g.refs


def _grouped_table(g: Grid, table: Table, r: int) -> int:
    """Table 2: per group, its label, its column header, then its rows (label over A–C)."""
    width = max(len(row.columns) for row in table.rows)
    for group in table.groups:
        rows = [row for row in table.rows if row.group == group.id]
        if not rows:
            continue
        g.label(r, 1, group.label, span=(1, 3 + width))
        r += 1
        cols = rows[0].columns
        g.label(r, 1, g.w["content"], span=(1, 3))
        each = width // len(cols)
        for k, cid in enumerate(cols):
            n = each if k < len(cols) - 1 else width - k * each
            g.label(r, 4 + k * each, table.column_label(cid), span=(1, n))
        L.fit_height(g.ws, r, [(table.column_label(cid), VALUE_WIDTH * each) for cid in cols])
        r += 1
        for row in rows:
            g.label(r, 1, row.label, span=(1, 3), fill=PatternFill())
            for k, cid in enumerate(row.columns):
                n = each if k < len(row.columns) - 1 else width - k * each
                g.value(r, 4 + k * each, f"{table.id}.{row.id}.{cid}", span_cols=n)
            r += 1
    return r


def _grid_table(g: Grid, table: Table, r: int) -> int:
    """Table 3: merged headers; labels down the side (section, group, item); recomputations."""
    report = g.report
    cols = [c.id for c in table.columns]
    parents: dict[str, list[int]] = defaultdict(list)
    for k, col in enumerate(table.columns):
        if col.parent:
            parents[col.parent].append(k)
    g.label(r, 1, g.w["t3_note"], span=(2 + bool(parents), 3))
    g.label(r, 4, g.w["applicants"], span=(1, len(cols)))
    for k, col in enumerate(table.columns):
        if col.parent is None:
            g.label(r + 1, 4 + k, col.label, span=(2, 1) if parents else (1, 1))
        else:
            g.label(r + 2, 4 + k, col.label)
    for parent, ks in parents.items():
        g.label(r + 1, 4 + ks[0], parent, span=(1, len(ks)))
    L.fit_height(g.ws, r + 2, [(col.label, VALUE_WIDTH) for col in table.columns])
    row_rels = [rel for rel in report.template.relations if rel.along == "row" and rel.rule.startswith(table.id)]
    col_rels = [rel for rel in report.template.relations if rel.along == "column" and rel.rule.startswith(table.id)]
    calc_col = 4 + len(cols)
    if row_rels:
        g.label(r, calc_col, g.w["calc_row"], span=(3, 1), fill=L.CALC)
        g.label(r, calc_col + 1, g.w["diff"], span=(3, 1), fill=L.CALC)
    r += 3
    first = r
    rows_at: dict[str, int] = {}
    for k, row in enumerate(table.rows):
        rows_at[row.id] = r + k
    _side_labels(g, table, rows_at)
    for row in table.rows:
        for cid in row.columns:
            g.value(rows_at[row.id], 4 + cols.index(cid), f"{table.id}.{row.id}.{cid}")
    for rel in row_rels:  # next to each row total: the recomputation and the difference
        rr = rows_at[rel.key]
        parts = ",".join(g.refs[c] for c in rel.parts)
        total = g.refs[rel.totals[0]]
        g.calc(rr, calc_col, f"=SUM({parts})")
        g.calc(rr, calc_col + 1, f"=N({total})-{get_column_letter(calc_col)}{rr}")
    r = first + len(table.rows)
    for rule in dict.fromkeys(rel.rule for rel in col_rels):  # under the totals: per relation family
        rels = [rel for rel in col_rels if rel.rule == rule]
        title = g.book.rule_title(rule)
        g.label(r, 1, g.w["calc_rel"].format(title), span=(1, 3), fill=L.CALC)
        g.label(r + 1, 1, g.w["diff_rel"].format(title), span=(1, 3), fill=L.CALC)
        for rel in rels:
            c = 4 + cols.index(rel.key)
            plus = f"SUM({','.join(g.refs[x] for x in rel.parts)})"  # SUM reads — and / as 0
            minus = f"-SUM({','.join(g.refs[x] for x in rel.totals[1:])})" if rel.totals[1:] else ""
            g.calc(r, c, f"={plus}{minus}")
            g.calc(r + 1, c, f"=N({g.refs[rel.totals[0]]})-{get_column_letter(c)}{r}")
        r += 2
    return r


def _side_labels(g: Grid, table: Table, rows_at: dict[str, int]) -> None:
    """Section label in A, group label in B, item label in C, merged as the template prints them."""
    spans: dict[str, list[int]] = defaultdict(list)
    for row in table.rows:
        if row.group:
            spans[row.group].append(rows_at[row.id])
    section = next((grp for grp in table.groups if grp.number and not any(
        r.group == grp.id and r.number and r.number.isdigit() for r in table.rows)), None)  # fmt: skip
    section_rows = [rows_at[r.id] for r in table.rows if r.group and r.id != "carried_forward"]
    if section is not None and section_rows:
        g.label(min(section_rows), 1, f"{section.number}、{section.label}", span=(len(section_rows), 1))
    a, b, c = LABEL_WIDTHS
    for row in table.rows:
        rr = rows_at[row.id]
        group = next((grp for grp in table.groups if grp.id == row.group), None)
        printed = table.row_label(row.id)
        if group is None:
            g.label(rr, 1, printed, span=(1, 3), fill=PatternFill())
            L.fit_height(g.ws, rr, [(printed, a + b + c)])
        elif group is section:
            g.label(rr, 2, printed, span=(1, 2), fill=PatternFill())
            L.fit_height(g.ws, rr, [(printed, b + c)])
        else:
            rows = spans[group.id]
            if rr == min(rows):
                g.label(rr, 2, f"({group.number}){group.label}", span=(len(rows), 1))
            text = f"{row.number}.{row.label}"
            g.label(rr, 3, text, fill=PatternFill())
            g.ws.cell(rr, 3).alignment = _LEFT
            L.fit_height(g.ws, rr, [(text, c)])


def _flat_table(g: Grid, table: Table, r: int) -> int:
    """Table 4: all numbers on one row under three header rows; recomputed totals below."""
    cols = table.columns
    n = len(cols)
    top = [row for row in table.rows if row.group is None]
    grouped: dict[str, list] = defaultdict(list)
    for row in table.rows:
        if row.group:
            grouped[row.group].append(row)
    c = 4  # the value columns of table 3; A–C hold the labels
    g.label(r, 1, "", span=(3, 3))
    for row in top:
        g.label(r, c, row.label, span=(1, n))
        for k, col in enumerate(cols):
            g.label(r + 1, c + k, col.label, span=(2, 1))
        c += n
    for gid, rows in grouped.items():
        group = next(grp for grp in table.groups if grp.id == gid)
        g.label(r, c, group.label, span=(1, n * len(rows)))
        for row in rows:
            g.label(r + 1, c, row.label, span=(1, n))
            for k, col in enumerate(cols):
                g.label(r + 2, c + k, col.label)
            c += n
    L.fit_height(g.ws, r + 2, [(col.label, VALUE_WIDTH) for col in cols])
    values = r + 3
    g.label(values, 1, g.w["quantity"], span=(1, 3))
    c = 4
    for row in [*top, *(x for rows in grouped.values() for x in rows)]:
        for k, col in enumerate(cols):
            g.value(values, c + k, f"{table.id}.{row.id}.{col.id}")
        c += n
    rels = [rel for rel in g.report.template.relations if rel.rule.startswith(table.id)]
    if rels:
        g.label(values + 1, 1, g.w["calc_total"], span=(1, 3), fill=L.CALC)
        g.label(values + 2, 1, g.w["diff_total"], span=(1, 3), fill=L.CALC)
        for rel in rels:
            total = g.refs[rel.totals[0]]
            col = total.rstrip("0123456789")
            g.calc(values + 1, column_index_from_string(col), f"=SUM({','.join(g.refs[x] for x in rel.parts)})")
            g.calc(values + 2, column_index_from_string(col), f"=N({total})-{col}{values + 1}")
    return values + 3
