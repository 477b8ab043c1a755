"""Checks across the reports audited together: one body's reports, and copied reports.

- One body-year: reports are grouped by (body name, year); a group of several (one report in
  several formats, namesakes) is one finding on each member, and one of them is chosen for:
- Two years: when the same body's reports for years N−1 and N are both there, this year's
  carried-over applications must be last year's carried-forward ones (per column), and this
  year's documents in force must be last year's plus those issued less those repealed.
- Copied narrative and identical tables of different bodies: auditapp.rules.crosscopy.
- Figures far outside the batch's spread, per year (shares denied, rates corrected): hints, in
  auditapp.rules.outliers, from the few numbers each digest keeps (rules/measures.py).

Each finding stands on both reports and names the other file and its cells. Every check is
linear in the batch (grouping and indexes, never all pairs), and each report gets a bounded
number of findings however many reports resemble it.

The checks work on digests (`digest(report)`): the few values they compare, a fingerprint of
tables 3 and 4 and the narrative's shingles, a few KB per report, so a batch of 10,000 reports
is checked without holding every report, and digests can come back from worker processes.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import pickle
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..parse.normalize import folded, norm
from ..report import Report
from ..template import Template, template_by_id
from . import crosslast
from .crossbodies import Entry, Names, same_body
from .crosscopy import BANDS, COPY_THRESHOLD, ROWS, copied_text, same_tables
from .findings import Finding, Text
from .measures import MEASURES, measured_parts
from .outliers import outliers

__all__ = ["BANDS", "COPY_THRESHOLD", "ROWS", "Digest", "cross_check", "digest", "same_body"]

_SHINGLE = 5
_template = functools.lru_cache(maxsize=16)(template_by_id)  # a digest names its template by id
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Digest:
    """What the checks across reports need of one report: ~1.5 KB once `lean` (a batch of 100,000
    holds them all), the narrative's shingles aside (auditapp.spool.ShingleStore)."""

    path: str
    agency: str  # folded, for grouping
    year: int | None
    template_id: str  # `template_by_id` gives the template back
    packed: bytes  # the values compared across years, pickled (20 Decimals would take ~3 KB)
    tables: bytes | None  # fingerprint of tables 3 and 4; None when a cell is missing or all are 0
    text_key: bytes | None  # hash of the shingles: identical narratives share it; None without narrative
    shingles: array  # sorted crc32 of the narrative's 5-grams (uint32, 4 bytes each); empty once lean
    # the narrative's sentences, packed (auditapp.rules.crosslast); empty once lean
    sentences: bytes = b""
    # numerator and denominator of each of rules.measures.MEASURES (nan: none), for the outlier hints
    measures: array = dataclasses.field(default_factory=lambda: array("d"))

    @property
    def values(self) -> dict[str, Decimal | None]:
        """Carried over/forward, documents in force, issued, repealed: {cell id: value}."""
        return pickle.loads(self.packed)

    def value(self, cell_id: str) -> Decimal | None:
        return self.values.get(cell_id)

    @property
    def named_cells(self) -> tuple[str, ...]:
        """The cells findings across reports may name: the values compared and the measures' cells."""
        return (*self.values, *(c for m in MEASURES for c in m.cells))

    @property
    def template(self) -> Template:
        return _template(self.template_id)

    def lean(self) -> Digest:
        """This digest without its shingles and sentences (kept elsewhere by whoever holds many)."""
        return dataclasses.replace(self, shingles=array("I"), sentences=b"")


def digest(report: Report) -> Digest:
    template = report.template
    wanted = [f"t3.{r}.{c}" for r in ("carried_over", "carried_forward") for c in template.table("t3").row(r).columns]
    wanted += [c for b in template.bounds for c in (b.in_force, b.issued, b.repealed)]
    ids = [c for t in ("t3", "t4") for c in template.table(t).cell_ids()]
    both = tuple(report.value(c) for c in ids)
    tables = None
    if None not in both and any(both):
        tables = hashlib.blake2b(f"{template.id}|{'|'.join(map(str, both))}".encode(), digest_size=16).digest()
    shingles = _shingles(report)
    return Digest(
        path=report.source.path,
        agency=norm(report.meta.agency or ""),
        year=report.meta.year,
        template_id=template.id,
        packed=pickle.dumps({c: report.value(c) for c in wanted}, protocol=pickle.HIGHEST_PROTOCOL),
        tables=tables,
        text_key=hashlib.blake2b(shingles.tobytes(), digest_size=16).digest() if shingles else None,
        shingles=shingles,
        sentences=crosslast.pack(crosslast.sentences(report)),
        measures=measured_parts(report.value),
    )


def cross_check(
    digests: Sequence[Digest | None],
    shingles: Callable[[int], array] | None = None,
    sentences: Callable[[int], bytes] | None = None,
) -> dict[int, list[Finding]]:
    """Findings per report index (None entries are reports with nothing to compare: `AuditResult.digest`).

    `shingles(index)` and `sentences(index)` give a report's shingles and packed sentences when its
    digest is lean; by default the digest's own.

    Linear in the batch: reports are grouped by (body, year) and by their texts' and tables'
    hashes, and near copies are looked for through an LSH index, never by comparing all pairs.
    """
    entries = [Entry(i, d) for i, d in enumerate(digests) if d is not None]
    out: dict[int, list[Finding]] = defaultdict(list)
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects, none cyclic: full passes only walked them all
    try:
        chosen = _body_years(entries, out)
        _two_years(chosen, out, sentences or (lambda i: digests[i].sentences))  # type: ignore[union-attr]
        copied_text(entries, out, shingles or (lambda i: digests[i].shingles))  # type: ignore[union-attr]
        same_tables(entries, out)
        outliers(entries, out)
    finally:
        if collecting:
            gc.enable()
    return out


def _name(report: Digest) -> str:
    return report.path


# ---- one body's reports of one year, and two years of one body ---------------------------


def _known(e: Entry) -> int:
    return sum(v is not None for v in e.digest.values.values())


def _body_years(entries: list[Entry], out: dict[int, list[Finding]]) -> dict[tuple[str, int], Entry]:
    """Per (body name, year), the report the two-year checks use: the one with the most of their
    figures, the first given among equals. A body-year given more than once (one report in
    several formats, or namesakes) is one finding on each of its reports, naming a few of them."""
    groups: dict[tuple[str, int], list[Entry]] = defaultdict(list)
    for e in entries:
        if e.agency and e.digest.year:
            groups[(e.agency, e.digest.year)].append(e)
    chosen: dict[tuple[str, int], Entry] = {}
    for (_agency, year), members in groups.items():
        pick = chosen[(_agency, year)] = max(members, key=lambda e: (_known(e), -e.index))
        if len(members) > 1:
            _repeated(year, members, pick, out)
    return chosen


_LISTED = 5  # files named in a finding about a repeated body-year; the rest are counted


def _repeated(year: int, members: list[Entry], pick: Entry, out: dict[int, list[Finding]]) -> None:
    names = [_name(e.digest) for e in members[:_LISTED]]
    more = len(members) - len(names)
    files = Text(
        "、".join(names) + (f" 等（另有 {more} 份）" if more else ""),
        ", ".join(names) + (f" and {more} more" if more else ""),
    )

    # Only the figures count: one report's narrative read from a web page, a PDF and a text file
    # differs by a few characters, and its copies are the copy check's business.
    def differ(e: Entry, other: Entry) -> tuple[str, ...] | None:
        cells: tuple[str, ...] = ()
        if e.digest.packed != other.digest.packed:  # the same bytes: the same values, nothing to unpickle
            mine, theirs = e.digest.values, other.digest.values
            cells = tuple(c for c, v in mine.items() if v != theirs.get(c))
        return cells if cells or e.digest.tables != other.digest.tables else None

    # the chosen one is compared with the first that differs from it, if any; the others with it
    first = next((m for m in members if m is not pick and differ(pick, m) is not None), None)
    for e in members:
        other = pick if e is not pick else first or next(m for m in members if m is not pick)
        cells = differ(e, other)
        if cells is None:
            rule, how, cells = "cross.repeated", Text("", ""), ()
        else:
            rule = "cross.repeated_differs"
            how = Text(f"与{_name(other.digest)}的表格数字不同", f"its tables differ from {_name(other.digest)}'s")
        out[e.index].append(
            Finding(
                rule,
                cells=cells,
                params={"year": year, "count": len(members), "files": files, "chosen": _name(pick.digest), "how": how},
                other_file=_name(other.digest),
                other_cells=cells,
            )
        )


def _two_years(
    chosen: dict[tuple[str, int], Entry], out: dict[int, list[Finding]], sentences: Callable[[int], bytes]
) -> None:
    """Each body-year's chosen report against the previous year's of the same body: the same name,
    else the one other form of it (with or without its region); several candidates are namesakes
    the names cannot tell apart, and give no pair. Each report is in at most one pair per side.
    `sentences(index)` gives a report's packed sentences, for the narrative copied from last year."""
    names = {y: Names(a for a, yy in chosen if yy == y) for y in {y for _, y in chosen}}
    pairs: dict[int, list[tuple[bool, Entry, Entry]]] = defaultdict(list)  # by last year's report
    for (agency, year), this in chosen.items():
        last = chosen.get((agency, year - 1))
        exact = last is not None
        if last is None and year - 1 in names:
            forms = names[year - 1].of_body(agency)
            if len(forms) == 1:
                last = chosen[(forms.pop(), year - 1)]
        if last is not None:
            pairs[last.index].append((exact, last, this))
    for candidates in pairs.values():
        exact = [p for p in candidates if p[0]]
        for _, last, this in exact or (candidates if len(candidates) == 1 else []):
            values = (last.digest.values, this.digest.values)  # unpickled once a pair
            _carry_over(last, this, values, out)
            _in_force(last, this, values, out)
            _copied_last_year(last, this, sentences, out)


Values = tuple[dict[str, Decimal | None], dict[str, Decimal | None]]  # last year's, this year's


def _carry_over(last: Entry, this: Entry, values: Values, out: dict[int, list[Finding]]) -> None:
    table = this.digest.template.table("t3")
    for col in table.row("carried_over").columns:
        now_id, before_id = f"t3.carried_over.{col}", f"t3.carried_forward.{col}"
        now, before = values[1].get(now_id), values[0].get(before_id)
        if now is None or before is None or now == before:
            continue
        column = table.column_label(col)
        _both(
            "cross.carry_over",
            this,
            (now_id,),
            last,
            (before_id,),
            expected=before,
            actual=now,
            params={"column": column, "year": this.digest.year, "last_year": last.digest.year},
            out=out,
        )


def _in_force(last: Entry, this: Entry, values: Values, out: dict[int, list[Finding]]) -> None:
    template = this.digest.template
    for bound in template.bounds:
        ids = (bound.in_force, bound.issued, bound.repealed)
        in_force, issued, repealed = (values[1].get(c) for c in ids)
        before = values[0].get(bound.in_force)
        if None in (in_force, issued, repealed, before):
            continue
        assert in_force is not None and issued is not None and repealed is not None and before is not None
        expected = before + issued - repealed
        if expected == in_force:
            continue
        table = template.table(bound.in_force.split(".")[0])
        _both(
            "cross.in_force",
            this,
            ids,
            last,
            (bound.in_force,),
            expected=expected,
            actual=in_force,
            params={
                "row": table.row_label(bound.key),
                "year": this.digest.year,
                "last_year": last.digest.year,
                "before": before,
                "issued": issued,
                "repealed": repealed,
            },
            out=out,
        )


def _copied_last_year(
    last: Entry, this: Entry, sentences: Callable[[int], bytes], out: dict[int, list[Finding]]
) -> None:
    """This year's narrative repeating last year's above the threshold: a finding on this year's
    report, with the first repeated passages as its evidence (crosslast.py says how it is measured)."""
    mine, theirs = sentences(this.index), sentences(last.index)
    share, total = crosslast.share(mine, theirs)
    if total < crosslast.MIN_TOTAL or share <= crosslast.THRESHOLD:
        return
    found = crosslast.repeated(crosslast.unpack(mine), crosslast.unpack(theirs))
    shown = found.passages[: crosslast.PASSAGES]
    spans = tuple(s.spans[0] for p in shown for s in p)[: 3 * crosslast.PASSAGES]
    quotes = [p[0].quote + ("…" if len(p) > 1 or len(p[0].quote) >= 40 else "") for p in shown[:3]]
    out[this.index].append(
        Finding(
            "cross.copied_last_year",
            spans=spans,
            params={
                "share": f"{found.share:.0%}",
                "sentences": found.sentences,
                "year": this.digest.year,
                "last_year": last.digest.year,
                "other": _name(last.digest),
                "passages": Text("；".join(f"“{q}”" for q in quotes), "; ".join(f"“{q}”" for q in quotes)),
            },
            other_file=_name(last.digest),
        )
    )


def _both(
    rule: str,
    this: Entry,
    this_cells: tuple[str, ...],
    last: Entry,
    last_cells: tuple[str, ...],
    *,
    expected: Decimal | None,
    actual: Decimal | None,
    params: dict[str, object],
    out: dict[int, list[Finding]],
) -> None:
    for own, own_cells, other, other_cells in (
        (this, this_cells, last, last_cells),
        (last, last_cells, this, this_cells),
    ):
        out[own.index].append(
            Finding(
                rule,
                cells=own_cells,
                expected=expected,
                actual=actual,
                params={**params, "other": _name(other.digest)},
                other_file=_name(other.digest),
                other_cells=other_cells,
            )
        )


# ---- the narrative's shingles -----------------------------------------------------------


def _shingles(report: Report) -> array:
    """The narrative's 5-grams hashed to 32 bits, sorted, unique (numpy: a set of crc32 per
    5-gram was a third of a report's digest)."""
    import numpy as np

    text = folded("\n".join(line for _, line in report.narrative_lines()))
    for name in _own_names(report):
        text = text.replace(name, "")
    text = _DIGITS.sub("", text)
    if len(text) < _SHINGLE:
        return array("I")
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    n = len(points) - _SHINGLE + 1
    hashed = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):  # a polynomial hash modulo 2**64, its high 32 bits kept
        for k, factor in enumerate(_FACTORS):
            hashed += points[k : k + n] * np.uint64(factor)
    return array("I", np.unique((hashed >> np.uint64(32)).astype(np.uint32)).tobytes())


_FACTORS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD)


def _own_names(report: Report) -> list[str]:
    agency = norm(report.meta.agency or "")
    if not agency:
        return []
    names = [agency]
    for suffix in ("人民政府", "政府", "办事处"):
        if agency.endswith(suffix) and len(agency) - len(suffix) >= 2:
            names.append(agency[: -len(suffix)])
    return names
