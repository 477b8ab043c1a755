"""Which template label a token prints, if any: built once per template from its declarations.

Matching is on folded text (normalize.match_key) with the numbering split off; the numbering
and the surrounding group then decide between rows that share a text (`3.其他`, `(七)总计`).
Labels that drift in wording (`本机关不掌握相关的政府信息`) are matched by similarity, but only
within the table being read and with the row's own number when one is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum

from ..template import Group, Row, Table, Template
from .normalize import loose_key, match_key, split_markers

# Caches of what was worked out for a text: bounded, as a batch reads many reports in one process.
_CACHED_TEXT = 100  # characters
_CACHE_SIZE = 20000  # entries


class LabelKind(Enum):
    TITLE = "title"
    GROUP = "group"
    ROW = "row"
    END = "end"  # a report section that closes the tables (五、存在的主要问题…)


@dataclass(frozen=True, slots=True)
class Entry:
    kind: LabelKind
    table: str | None
    item: Row | Group | None = None

    @property
    def id(self) -> str:
        return self.item.id if self.item else (self.table or "")


@dataclass(frozen=True, slots=True)
class Match:
    """A token read as a label: the entry candidates and the markers it was printed with."""

    candidates: tuple[Entry, ...]
    markers: tuple[str, ...]
    text: str  # the label key without markers
    tail: str = ""  # after a group label printed in the same cell: `1.属于国家秘密`


class LabelIndex:
    def __init__(self, template: Template) -> None:
        self.template = template
        self._strict: dict[str, list[Entry]] = {}
        self._loose: dict[str, list[Entry]] = {}
        self._tables: dict[str, Table] = {t.id: t for t in template.tables}
        # a row's cell ids, asked for each row read (Row.cell_ids builds them anew)
        self._cell_ids = {(t.id, r.id): r.cell_ids(t.id) for t in template.tables for r in t.rows}
        for table in template.tables:
            for title in (table.title, *table.title_aliases):
                self._add(title, Entry(LabelKind.TITLE, table.id))
            for group in table.groups:
                for label in (group.label, *group.aliases):
                    self._add(label, Entry(LabelKind.GROUP, table.id, group))
            for row in table.rows:
                for label in (row.label, *row.aliases):
                    self._add(label, Entry(LabelKind.ROW, table.id, row))
        for end in template.section_ends:
            self._add(end, Entry(LabelKind.END, None))
        self._cache: dict[str, Match] = {}
        # the table reader's facts about texts that are not labels (tables.TableReader._text_facts)
        self.text_facts: dict[tuple[str, str, tuple[str, ...]], tuple[int | None, bool, bool]] = {}
        self._headers: dict[str, frozenset[str]] = {}
        self._other: dict[str, frozenset[str]] = {}
        self._similar: dict[tuple[str, str, str | None, str | None], Row | None] = {}
        self._headings = [
            (k, v) for k, v in self._strict.items() if v[0].kind in (LabelKind.TITLE, LabelKind.END) and len(k) >= 6
        ]
        self._group_keys = sorted(
            ((split_markers(match_key(g.label))[1], t.id) for t in template.tables for g in t.groups),
            key=lambda kv: -len(kv[0]),
        )

    def _add(self, label: str, entry: Entry) -> None:
        key = split_markers(match_key(label))[1]
        self._strict.setdefault(key, []).append(entry)
        loose = loose_key(key)
        if loose != key or key not in self._loose:
            self._loose.setdefault(loose, []).append(entry)

    def is_header(self, table: Table, key: str) -> bool:
        """Whether a label key is one of the table's printed headers (columns, notes)."""
        headers = self._headers.get(table.id)
        if headers is None:
            texts = (*table.headers, *(c.label for c in table.columns), *(c.parent or "" for c in table.columns))
            headers = self._headers[table.id] = frozenset(split_markers(match_key(t))[1] for t in texts if t)
        return key in headers

    def is_other_template_header(self, table: Table, key: str) -> bool:
        """Whether a label key is a header only another template prints, a unit in brackets aside."""
        keys = self._other.get(table.id)
        if keys is None:
            keys = self._other[table.id] = frozenset(
                split_markers(match_key(t))[1] for t in table.other_template_headers
            )
        return key in keys or (")" in key and loose_key(key) in keys)

    def table(self, tid: str) -> Table:
        return self._tables[tid]

    def cell_ids(self, table: Table, row: Row) -> tuple[str, ...]:
        return self._cell_ids[table.id, row.id]

    def is_distinct(self, entry: Entry) -> bool:
        """Whether a label names one row anywhere in the template (so it may locate a table)."""
        if not isinstance(entry.item, Row) or entry.item.needs_context:
            return False
        key = split_markers(match_key(entry.item.label))[1]
        return len(self._strict.get(key, ())) == 1

    def lookup(self, text: str) -> Match:
        """Candidates for a token's text (empty when it names no label). Cached: reports repeat."""
        key = match_key(text)
        match = self._cache.get(key)
        if match is None:
            match = self._find(key)
            self.remember(self._cache, key, match, key)
        return match

    @staticmethod
    def remember(cache: dict, key: object, value: object, text: str) -> None:  # type: ignore[type-arg]
        """Keep what was worked out for a text, unless the text is long (a paragraph is not seen
        twice); a cache that has grown large (a batch of many reports) starts afresh."""
        if len(text) > _CACHED_TEXT:
            return
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[key] = value

    def exactly(self, text: str) -> tuple[Entry, ...]:
        """The entries a text names word for word (its markers and spacing aside): no more, no less."""
        rest = split_markers(match_key(text))[1]
        found = self._strict.get(rest)
        if found is None and "(" not in rest:  # (the loose key drops brackets, and a `(五)` that follows)
            found = self._loose.get(loose_key(rest))
        return tuple(found or ())

    def _find(self, key: str) -> Match:
        markers, rest = split_markers(key)
        found = self._strict.get(rest) or self._loose.get(loose_key(rest)) or []
        if not found and (split := self.split_group_prefix(rest)) is not None:
            # `(三)不予公开 1.属于国家秘密` or `三、本年度办理结果(一)予以公开` in one cell
            return Match(tuple(self._strict[split[0]]), tuple(markers), split[0], split[1])
        if not found and 6 <= len(rest) <= 40:
            # a heading printed with a little more: `三、收到和处理政府信息公开申请情况表`
            for hkey, entries in self._headings:
                if hkey in rest and len(rest) - len(hkey) <= 4:
                    found = entries
                    break
        return Match(tuple(found), tuple(markers), rest)

    def split_group_prefix(self, key: str) -> tuple[str, str] | None:
        """`不予公开1.属于国家秘密` → (group key, `1.属于国家秘密`) when a group label leads."""
        for gkey, _tid in self._group_keys:
            if gkey and key.startswith(gkey) and len(key) > len(gkey):
                return gkey, key[len(gkey) :]
        return None

    def similar_row(self, table: Table, text: str, number: str | None, group: str | None) -> Row | None:
        """A row of `table` whose label `text` resembles, held to its number and group if printed."""
        if len(text) < 2:
            return None
        key = (table.id, text, number, group)
        if key in self._similar:
            return self._similar[key]
        row = self._most_similar(table, text, number, group)
        self.remember(self._similar, key, row, text)
        return row

    def _most_similar(self, table: Table, text: str, number: str | None, group: str | None) -> Row | None:
        best: tuple[float, Row | None] = (0.0, None)
        for row in table.rows:
            if number is not None and row.number != number:
                continue
            if number is not None and group is not None and row.group != group and row.group is not None:
                continue
            ref = split_markers(match_key(row.label))[1]
            ratio = max(
                SequenceMatcher(None, text, ref).ratio(),
                SequenceMatcher(None, loose_key(text), loose_key(ref)).ratio(),
            )
            threshold = 0.5 if number is not None else 0.8
            if ratio >= threshold and ratio > best[0]:
                best = (ratio, row)
        return best[1]


_INDEXES: dict[str, LabelIndex] = {}


def index_for(template: Template) -> LabelIndex:
    index = _INDEXES.get(template.id)
    if index is None or index.template is not template:
        index = _INDEXES[template.id] = LabelIndex(template)
    return index
