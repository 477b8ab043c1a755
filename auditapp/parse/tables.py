"""Token stream → the template's cells, by labels.

The reader walks the tokens once, keeping a little context: which table it is in (set by a
title, or by a row label only that table has), which group (`(三)不予公开`), and which row
came last. A row label opens a row; the value tokens after it, up to the next label or text,
are that row's cells. Line breaks do not matter, so one-cell-per-line and wrapped rows read
like any other. Whatever does not fit is recorded as a Problem, with where it was.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..report import Cell, Problem, TableRegion
from ..template import Group, Row, Table, Template
from .cells import build_cell
from .detached import Orphan, pair
from .fitting import (
    _align,
    _bracketed,
    _count_values,
    _garbled_value,
    _number,
    _span,
    _split_joined_cells,
    _words_only,
)
from .labels import Entry, LabelIndex, LabelKind, Match, index_for
from .tokens import Token
from .values import BLANK as _BLANK
from .values import Kind

_MAX_SPANS = 50  # evidence kept per problem; a runaway row must not make a finding huge
_MAX_LABELS_IN_A_CELL = 8  # group labels read from one cell (a group and its row: two)


@dataclass
class _OpenRow:
    table: Table
    row: Row | None  # None: the whole flat table in row-major order
    cell_ids: tuple[str, ...]
    label: Token | None
    tokens: list[Token] = field(default_factory=list)
    labels_on_line: int = 0  # labels printed before the values on the row's first line
    orphan: bool = False  # a line of values without a label (detached.py)
    settled: bool = False  # placed where detached.py put it: not to be held back again

    @property
    def shape(self) -> tuple[str, int]:
        """Rows of one shape share their merged-cell padding."""
        return (self.table.id, self.labels_on_line)

    @property
    def filled(self) -> int:
        return sum(1 for t in self.tokens if not t.is_empty)


@dataclass
class _Region:
    title_line: int | None
    first: int
    last: int


class TableReader:
    def __init__(self, template: Template) -> None:
        self.template = template
        self.index: LabelIndex = index_for(template)
        self.cells: dict[str, Cell] = {}
        self.problems: list[Problem] = []
        self.regions: dict[str, _Region] = {}
        self._table: Table | None = None
        self._region: _Region | None = None  # the current table's
        self._group: str | None = None
        self._last_row: str | None = None
        self._open: _OpenRow | None = None
        self._stray: list[Token] = []
        self._rows_seen: set[tuple[str, str]] = set()
        self._line_labels: tuple[int, int] = (0, 0)  # (line, labels seen on it)
        self._padding: dict[tuple[str, int], Counter[tuple[int, int]]] = defaultdict(Counter)
        self._short: list[_OpenRow] = []  # rows with blank cells, placed once padding is known
        self._flat_blanks: list[Token] = []
        # how many values follow the token being read (tokens[at]): counted only if asked for
        self._tokens: list[Token] = []
        self._at = 0
        self._next_count = -1
        self._extra_column: dict[str, int] = {}  # table → position of a column the template lacks
        self._other_template: dict[str, int] = {}  # table → line of a header of another template
        self._row_line: dict[tuple[str, str], int] = {}  # where each row's label stood
        self._orphans: list[Orphan] = []  # lines of values without a label
        self._held: list[_OpenRow] = []  # rows whose label stood apart from any values
        self._widths: dict[str, int] = {}

    # ---- the walk ------------------------------------------------------------------------

    def read(self, tokens: list[Token]) -> None:
        self._tokens = tokens
        lookup = self.index.lookup
        for i, tok in enumerate(tokens):
            if tok.is_empty or tok.is_value:
                opened = self._open
                if tok.line_start and self._orphan_line(opened, tokens, i):
                    self._close_row()
                    self._open = opened = _OpenRow(self._table, None, (), None, orphan=True)  # type: ignore[arg-type]
                if opened is None:
                    self._on_value(tok)
                    continue
                opened.tokens.append(tok)  # a value of the row being read: the common case, inlined
                region = self._region
                if region is not None and tok.line > region.last:
                    region.last = tok.line
                continue
            match = lookup(tok.text)
            self._at, self._next_count = i, -1
            if tok.header and self._on_header(tok, match):
                continue
            if match.candidates and self._on_label(tok, match):
                continue
            self._on_text(tok, match)
        self._settle_flat_blanks()
        self._close_row()
        self._flush_stray()
        self._pair_detached()
        for opened in self._short:
            typical = self._typical(opened.shape)
            if typical is None and opened.row is None and opened.tokens and opened.tokens[0].is_empty:
                # a flat table's line: leading empties are its blanks, any beyond its cells padding
                typical = (0, max(0, len(opened.tokens) - len(opened.cell_ids)))
            self._place(opened, *_align(opened.tokens, len(opened.cell_ids), typical))

    def _orphan_line(self, opened: _OpenRow | None, tokens: list[Token], i: int) -> bool:
        """Whether the line starting at token i is a row's values without its label: as many
        fields as a row has cells, where no row is open or the open one is full already."""
        table = self._table
        if table is None or table.flat:
            return False
        width = self._width(table)
        if opened is not None and opened.filled < (width if opened.orphan else len(opened.cell_ids)):
            return False
        line, count = tokens[i].line, 0
        for tok in tokens[i : i + width + 1]:
            if tok.line != line or not (tok.is_value or tok.is_empty):
                break
            count += 1
        return count == width

    def _width(self, table: Table) -> int:
        """The most cells a row of the table has (asked at each line that starts with a value)."""
        width = self._widths.get(table.id)
        if width is None:
            width = self._widths[table.id] = max((len(r.columns) for r in table.rows), default=0)
        return width

    def _pair_detached(self) -> None:
        """Value lines without labels given to the rows without values, where the template's
        order between the rows read normally leaves no doubt (detached.py); the rest as before."""
        orphans, self._orphans = self._orphans, []
        held, self._held = self._held, []
        for table in {o.table.id: o.table for o in orphans}.values():
            waiting = {
                o.row.id: (self._row_line[(table.id, o.row.id)], o.tokens) for o in held if o.table is table and o.row
            }
            anchors = {
                rid: line for (tid, rid), line in self._row_line.items() if tid == table.id and rid not in waiting
            }
            mine = [o for o in orphans if o.table is table]
            pairings = pair(table, anchors, waiting, mine) or []
            used = {id(p.tokens) for p in pairings}
            for p in pairings:
                self._rows_seen.add((table.id, p.row.id))
                label = next((o.label for o in held if o.row is p.row), None)
                ids = self.index.cell_ids(table, p.row)
                self._open = _OpenRow(table, p.row, ids, label, list(p.tokens), settled=True)
                self._close_row()
            held = [o for o in held if not (o.table is table and any(p.row is o.row for p in pairings))]
            orphans = [o for o in orphans if id(o.tokens) not in used]
            if pairings:
                spans = tuple(_span(p.tokens[0]) for p in pairings)
                lines = sorted(t.line for p in pairings for t in p.tokens)
                self.problems.append(
                    Problem("structure.rows_by_position", table.id, (lines[0], lines[-1]), spans, len(pairings))
                )
        for opened in held:
            opened.settled = True
            self._open = opened
            self._close_row()
        for orphan in orphans:
            self._stray += [t for t in orphan.tokens if not t.is_empty]
            self._table = orphan.table
            self._flush_stray()

    def _blank_row_follows(self, table: Table) -> bool:
        """Whether the label being read is followed on its line by a whole row of blank fields
        (`(六)其他处理 |  |  | … |`: a row printed with nothing in it, not a group heading)."""
        tokens, at = self._tokens, self._at
        line = tokens[at].line
        width = self._width(table)
        blanks = 0
        for tok in tokens[at + 1 : at + 2 + width]:
            if tok.line != line or not tok.is_empty:
                break
            blanks += 1
        return width > 0 and blanks >= width

    def _values_next(self) -> int:
        """How many values follow the token being read (most tokens are never asked)."""
        if self._next_count < 0:
            self._next_count = _count_values(self._tokens, self._at)
        return self._next_count

    def _on_value(self, tok: Token) -> None:
        opened = self._open
        if opened is not None:  # the common case, kept lean
            opened.tokens.append(tok)
            region = self._region
            if region is not None and tok.line > region.last:
                region.last = tok.line
        elif self._table is not None and self._table.flat and tok.is_empty:
            # blanks alone on their lines, or a line of blanks: before a flat table's numbers,
            # or all of them (a row left blank for zeros)
            if tok.line_start or (self._flat_blanks and self._flat_blanks[-1].line == tok.line):
                self._flat_blanks.append(tok)
        elif (
            self._table is not None
            and self._table.flat
            and (tok.is_value or tok.value.kind is Kind.TEXT)
            and (ids := self._flat_ids(self._table))
        ):
            table = self._table
            # empty fields before the numbers of a flat table's line are blank cells, not padding
            blanks = [Token("", tok.line, a, b, _BLANK, False) for a, b in tok.padding]
            self._open = _OpenRow(table, None, ids, None, [*self._flat_blanks, *blanks, tok])
            self._flat_blanks = []
            self._extend_region(tok.line)
        elif self._table is not None and not tok.is_empty:
            self._stray.append(tok)

    def _settle_flat_blanks(self) -> None:
        """Blanks with no number after them fill a flat table only when they are exactly its cells."""
        if not self._flat_blanks:
            return
        blanks, self._flat_blanks = self._flat_blanks, []
        table = self._table
        if blanks and self._open is None and table is not None and table.flat:
            ids = self._flat_ids(table)
            if len(blanks) == len(ids):
                self._open = _OpenRow(table, None, ids, None, blanks)
                self._extend_region(blanks[-1].line)
                self._close_row()

    def _flat_ids(self, table: Table) -> tuple[str, ...]:
        """The cells of a flat table still to fill; none once it is complete (more numbers are stray)."""
        return tuple(c for r in table.rows for c in self.index.cell_ids(table, r) if c not in self.cells)

    def _on_header(self, tok: Token, match: Match) -> bool:
        """A word of a column-header line: it names columns, not a row, and is no value. Only a
        title, a section end or another table's distinct label (which enters that table) is
        read as a label; True when the token is done with."""
        table = self._table
        current = table.id if table is not None else None
        if any(e.kind in (LabelKind.TITLE, LabelKind.END) or e.table != current for e in match.candidates):
            return False
        if table is not None:
            extra, other, _garbled = self._text_facts(table, match)
            if extra is not None:
                self._extra_column[table.id] = extra
            if other and table.id not in self._other_template:
                self._other_template[table.id] = tok.line
        opened = self._open
        if opened is not None and opened.tokens:
            self._close_row()  # a header line ends the row before it
        return True

    def _on_text(self, tok: Token, match: Match) -> None:
        self._settle_flat_blanks()
        opened = self._open
        table = self._table
        garbled = False
        if table is not None:
            # headers that change how rows read: an extra column, or another template's table
            extra, other, garbled = self._text_facts(table, match)
            if extra is not None:
                self._extra_column[table.id] = extra
            if other and table.id not in self._other_template:
                self._other_template[table.id] = tok.line
        if opened is not None and not opened.tokens and (not garbled or _words_only(match.text)):
            return  # the rest of a label that wrapped onto the next line or cell
        if opened is not None and opened.filled < len(opened.cell_ids) and garbled:
            opened.tokens.append(tok)  # a non-number where a value belongs (`约5`)
            return
        if opened is None and table is not None and table.flat and garbled and self._values_next():
            self._on_value(tok)  # a flat table's numbers that start with a non-number
            return
        if table is not None:
            row = self._similar(match)
            if row is not None:
                self._start_row(table, row, tok)
                return
        self._close_row()

    def _on_label(self, tok: Token, match: Match, depth: int = 0) -> bool:
        entry = self._choose(match)
        if entry is None:
            return False
        self._settle_flat_blanks()
        line, count = self._line_labels
        self._line_labels = (tok.line, count + 1 if line == tok.line else 1)
        if entry.kind is LabelKind.END:
            self._close_row()
            self._flush_stray()
            self._table = self._region = None
            return True
        table = self.index.table(entry.table or "")
        if entry.kind is LabelKind.TITLE:
            self._close_row()
            self._enter(table, tok.line, titled=True)
            return True
        if entry.kind is LabelKind.GROUP:
            self._close_row()
            if self._table is not table:
                return False  # a group label outside its table is just text
            self._group = entry.id
            group = entry.item
            if (
                isinstance(group, Group)
                and group.other_template_row
                and not match.tail
                and (self._values_next() or self._blank_row_follows(table))
            ):
                self._other_template.setdefault(table.id, tok.line)  # `(六)其他处理 | 0 | 0 …`: 2019's row
            # `(三)不予公开 1.属于国家秘密` in one cell; a cell of a thousand group labels (a crafted
            # file, found by the fuzz suite) is not read that deep: it overflowed the stack
            tail = match.tail or _bracketed(match.text)  # `行政诉讼（复议后起诉）`: the group, then its row
            if tail and depth < _MAX_LABELS_IN_A_CELL:
                rest = self.index.lookup(tail)
                if not (rest.candidates and self._on_label(tok, rest, depth + 1)) and (row := self._similar(rest)):
                    self._start_row(table, row, tok)
            return True
        row = entry.item
        assert isinstance(row, Row)
        if table.flat and not 0 < self._values_next() <= len(row.columns):
            self._close_row()
            return True  # a header of a flat table, not a row
        if self._table is not table:
            self._close_row()
            self._enter(table, tok.line, titled=False)
        self._start_row(table, row, tok)
        return True

    # ---- choosing between candidates -----------------------------------------------------

    def _choose(self, match: Match) -> Entry | None:
        cands = match.candidates
        here = [e for e in cands if e.table == (self._table.id if self._table else None)]
        if not here:
            # another table's label: only a title, a section end, or a row no other table has
            others = [
                e
                for e in cands
                if e.kind in (LabelKind.TITLE, LabelKind.END) or (e.kind is LabelKind.ROW and self.index.is_distinct(e))
            ]
            return others[0] if len(others) == 1 else None
        if len(here) > 1:
            marker = match.markers[-1] if match.markers else None
            here = (
                [e for e in here if _number(e) == marker]
                or [e for e in here if isinstance(e.item, Row) and e.item.group == self._group]
                or here
            )
        entry = here[0]
        if isinstance(entry.item, Row) and entry.item.needs_context and not self._confirms(entry.item, match):
            return None
        return entry

    def _confirms(self, row: Row, match: Match) -> bool:
        """Whether a short label (其他, 总计) is really this row rather than a column header."""
        if match.markers and match.markers[-1] == row.number:
            return True
        # the group alone is not enough: a header repeated after a page break stands in the group
        # too; a header is not followed by numbers, and the row must follow its predecessor
        table = self._table
        if table is None or not self._values_next():
            return False
        order = [r.id for r in table.rows]
        k = order.index(row.id)
        return k > 0 and self._last_row == order[k - 1]

    def _similar(self, match: Match) -> Row | None:
        table = self._table
        assert table is not None
        if table.flat or not match.text or len(match.text) > 60:
            return None
        marker = match.markers[-1] if match.markers else None
        if marker is None and len(match.text) < 4:
            return None
        row = self.index.similar_row(table, match.text, marker, self._group)
        if row is None or (table.id, row.id) in self._rows_seen:
            return None
        if marker is not None and row.group is not None and self._group not in (row.group, None):
            return None
        return row

    # ---- rows ----------------------------------------------------------------------------

    def _enter(self, table: Table, line: int, titled: bool) -> None:
        self._flush_stray()
        was, self._table = self._table, table
        self._group = None
        self._last_row = None
        region = self.regions.get(table.id)
        if region is None:
            region = self.regions[table.id] = _Region(line if titled else None, line, line)
        elif titled and was is not table:
            # (a title right after the section heading that names the table too only goes on with it;
            # a table printed twice in a row shows in its rows, each read twice)
            self.problems.append(Problem("structure.duplicate", table.id, (line, line)))
        self._region = region

    def _extend_region(self, line: int) -> None:
        region = self._region
        if region is not None:
            region.last = max(region.last, line)

    def _start_row(self, table: Table, row: Row, label: Token) -> None:
        opened = self._open
        if opened is not None and opened.row is row and opened.table is table and not opened.tokens:
            return  # a heading with the row's label, then (after a header line) its data line
        self._close_row()
        self._flush_stray()
        key = (table.id, row.id)
        if key in self._rows_seen:
            self.problems.append(Problem("structure.duplicate", f"{table.id}.{row.id}", (label.line, label.line)))
            self._last_row = row.id
            return
        self._rows_seen.add(key)
        self._row_line[key] = label.line
        self._group = row.group if row.group is not None else self._group
        self._last_row = row.id
        ids = self.index.cell_ids(table, row)
        on_line = self._line_labels[1] if self._line_labels[0] == label.line else 1
        self._open = _OpenRow(table, row, ids, label, labels_on_line=on_line)
        self._extend_region(label.line)

    def _close_row(self) -> None:
        opened, self._open = self._open, None
        if opened is None:
            return
        if opened.orphan:
            self._orphans.append(Orphan(opened.table, opened.tokens))
            return
        if opened.row is not None and not opened.settled and not opened.table.flat and self._apart(opened):
            self._held.append(opened)  # placed once the orphans, if any, are known
            return
        if opened.row is None:  # flat table: mark the rows it filled as seen
            for r in opened.table.rows:
                self._rows_seen.add((opened.table.id, r.id))
        filled = [i for i, t in enumerate(opened.tokens) if not t.is_empty]
        if len(filled) != len(opened.cell_ids) or opened.table.id in self._extra_column:
            # (as many values as cells, and no column announced to drop: nothing to change)
            self._drop_extra_column(opened)
            _split_joined_cells(opened)
            filled = [i for i, t in enumerate(opened.tokens) if not t.is_empty]
        n = len(opened.cell_ids)
        if filled and filled[-1] - filled[0] + 1 == n:
            first, last = filled[0], filled[-1]
            self._padding[opened.shape][(first, len(opened.tokens) - 1 - last)] += 1
            self._place(opened, opened.tokens[first : last + 1], 0, "")  # as _align places a complete row
            return
        if (filled and filled[-1] - filled[0] + 1 < n) or (not filled and opened.tokens):
            self._short.append(opened)  # blank or missing cells: wait until padding is known
            return
        self._place(opened, *_align(opened.tokens, n, None))

    def _apart(self, opened: _OpenRow) -> bool:
        """A row whose label stood apart from its values: none, or only from lines of their own."""
        tokens = opened.tokens
        if not tokens:
            return True
        label = opened.label
        return label is not None and tokens[0].line_start and tokens[0].line != label.line

    def _typical(self, shape: tuple[str, int]) -> tuple[int, int] | None:
        """The (leading, trailing) padding most complete rows of this shape have."""
        seen = self._padding.get(shape) or self._padding.get((shape[0], 1))
        return seen.most_common(1)[0][0] if seen else None

    def _place(self, opened: _OpenRow, assigned: list[Token | None], missing: int, note: str) -> None:
        cells = self.cells
        placed = False
        for cid, tok in zip(opened.cell_ids, assigned, strict=False):
            if tok is not None:
                value = tok.value
                cells[cid] = build_cell(
                    cid, tok.text, value.kind, value.number, tok.line, tok.start, tok.end, value.note
                )
                placed = True
        if placed and not missing and not note:
            return  # the common case: no problem to record
        first = opened.label.line if opened.label else (opened.tokens[0].line if opened.tokens else 0)
        last = opened.tokens[-1].line if opened.tokens else first
        target = f"{opened.table.id}.{opened.row.id}" if opened.row else opened.table.id
        if note:
            spans = tuple(_span(t) for t in opened.tokens[:_MAX_SPANS] if not t.is_empty)
            self.problems.append(Problem(note, target, (first, last), spans))
        if not placed:
            self.problems.append(Problem("structure.row_empty", target, (first, last)))
            return
        for cid in opened.cell_ids[len(assigned) - missing :] if missing else ():
            self.problems.append(Problem("structure.cell_missing", cid, (first, last)))

    def absent(self, regions: dict[str, TableRegion]) -> list[Problem]:
        """Tables and rows of the template the walk never met, with where it looked."""
        problems = []
        for table in self.template.tables:
            region = regions.get(table.id)
            if region is None:
                problems.append(Problem("structure.table_missing", table.id))
                continue
            where = (region.first_line, region.last_line)
            if region.title_line is None:
                problems.append(Problem("structure.title_missing", table.id, (region.first_line, region.first_line)))
            for row in table.rows:
                if (table.id, row.id) not in self._rows_seen:
                    problems.append(Problem("structure.row_missing", f"{table.id}.{row.id}", where))
        return problems

    def _text_facts(self, table: Table, match: Match) -> tuple[int | None, bool, bool]:
        """What a text in a table says whatever stands around it: the position of a column the
        template lacks that it announces, whether it is a header only another template prints,
        whether it looks like a value gone wrong. Kept on the index: headers repeat."""
        key = (table.id, match.text, match.markers)
        facts = self.index.text_facts.get(key)
        if facts is None:
            extra = None
            for position, label, _sums in table.extra_columns:
                if match.text.endswith(label):
                    extra = position
            other = self.index.is_other_template_header(table, match.text)
            garbled = _garbled_value(match) and not self.index.is_header(table, match.text)
            facts = (extra, other, garbled)
            self.index.remember(self.index.text_facts, key, facts, match.text)
        return facts

    def _drop_extra_column(self, opened: _OpenRow) -> None:
        """Take out a column the template lacks: announced by its header, or adding up as it should."""
        tokens = opened.tokens
        filled = [i for i, t in enumerate(tokens) if not t.is_empty]
        announced = self._extra_column.get(opened.table.id)
        if len(filled) == len(opened.cell_ids) + 1:
            fields = filled
        elif announced is not None and len(tokens) == len(opened.cell_ids) + 1:
            fields = list(range(len(tokens)))  # blanks for zeros: every field is a cell
        else:
            return
        for position, _label, sums in opened.table.extra_columns:
            numbers = [tokens[i].value.number for i in filled] if fields is filled else []
            adds_up = (
                bool(numbers)
                and all(n is not None for n in numbers)
                and numbers[position]
                == sum(
                    numbers[i]
                    for i in sums  # type: ignore[misc]
                )
            )
            if announced == position or adds_up:
                del tokens[fields[position]]
                return

    def finish(self, keep_other: bool = False) -> dict[str, TableRegion]:
        """Settle what the walk left open; returns the tables' regions.

        A table showing another template's shape is either kept as read, with a sign recorded
        for the reader to weigh against a reading with the other template (`keep_other`), or
        dropped, because its cells would be misread.
        """
        regions = {tid: TableRegion(tid, r.title_line, r.first, r.last) for tid, r in self.regions.items()}
        if keep_other:
            for tid, line in self._other_template.items():
                self.problems.append(Problem("structure.template_sign", tid, (line, line)))
            self.problems += self.absent(regions)
            return regions
        for tid, line in self._other_template.items():
            for cid in [c for c in self.cells if c.startswith(f"{tid}.")]:
                del self.cells[cid]
            self.problems = [p for p in self.problems if p.target.split(".")[0] != tid]
            self.problems.append(Problem("structure.other_template", tid, (line, line)))
        self.problems += [p for p in self.absent(regions) if p.target.split(".")[0] not in self._other_template]
        return regions

    def _flush_stray(self) -> None:
        if self._stray:
            toks, self._stray = self._stray, []
            target = self._table.id if self._table else ""
            self.problems.append(
                Problem(
                    "structure.stray_values",
                    target,
                    (toks[0].line, toks[-1].line),
                    tuple(map(_span, toks[:_MAX_SPANS])),
                    count=len(toks),
                )
            )


def read_tables(
    template: Template, tokens: list[Token], keep_other: bool = False
) -> tuple[dict[str, Cell], dict[str, TableRegion], list[Problem]]:
    reader = TableReader(template)
    reader.read(tokens)
    regions = reader.finish(keep_other)
    return reader.cells, regions, reader.problems


__all__ = ["read_tables"]
