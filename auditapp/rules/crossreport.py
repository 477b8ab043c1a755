"""Checks across the reports audited together: two years of one body, and copied reports.

- Two years: when the same body's reports for years N−1 and N are both there, this year's
  carried-over applications must be last year's carried-forward ones (per column), and this
  year's documents in force must be last year's plus those issued less those repealed.
- Copied narrative: the narrative (text outside the tables) of two different bodies compared
  as sets of character 5-grams, after dropping white space, digits and each body's own name;
  Jaccard similarity ≥ COPY_THRESHOLD is flagged. Real reports of different bodies share
  template phrasing, yet the five seeds score 0.02–0.07 against each other; seed 000 copied
  under another body's name with its numbers changed scores 0.98.
- Identical tables: two different bodies whose tables 3 and 4 hold the same numbers, not all 0.

Each finding stands on both reports and names the other file and its cells.

The checks work on digests (`digest(report)`): the few values they compare, a fingerprint of
tables 3 and 4 and the narrative's shingles, a few KB per report, so a batch of 10,000 reports
is checked without holding every report, and digests can come back from worker processes.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..parse.normalize import norm
from ..report import Report
from ..template import Template, template_by_id
from .findings import Finding, Text

COPY_THRESHOLD = 0.6
_SHINGLE = 5
_SAMPLE = 4  # candidate pairs are found on 1 in _SAMPLE shingles, then measured on all
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Digest:
    """What the checks across reports need of one report."""

    path: str
    agency: str  # folded, for grouping
    year: int | None
    template_id: str  # `template_by_id` gives the template back
    values: dict[str, Decimal | None]  # carried over/forward, documents in force, issued, repealed
    tables: bytes | None  # fingerprint of tables 3 and 4; None when a cell is missing or all are 0
    shingles: array  # sorted crc32 of the narrative's 5-grams (uint32, 4 bytes each)

    def value(self, cell_id: str) -> Decimal | None:
        return self.values.get(cell_id)

    @property
    def template(self) -> Template:
        return template_by_id(self.template_id)


def digest(report: Report) -> Digest:
    template = report.template
    wanted = [f"t3.{r}.{c}" for r in ("carried_over", "carried_forward") for c in template.table("t3").row(r).columns]
    wanted += [c for b in template.bounds for c in (b.in_force, b.issued, b.repealed)]
    ids = [c for t in ("t3", "t4") for c in template.table(t).cell_ids()]
    both = tuple(report.value(c) for c in ids)
    tables = None
    if None not in both and any(both):
        tables = hashlib.blake2b(repr((template.id, both)).encode(), digest_size=16).digest()
    return Digest(
        path=report.source.path,
        agency=norm(report.meta.agency or ""),
        year=report.meta.year,
        template_id=template.id,
        values={c: report.value(c) for c in wanted},
        tables=tables,
        shingles=array("I", sorted(_shingles(report))),
    )


@dataclass(frozen=True, slots=True)
class _Entry:
    index: int
    digest: Digest

    @property
    def agency(self) -> str:
        return self.digest.agency


def cross_check(reports: Sequence[Report | Digest | None]) -> dict[int, list[Finding]]:
    """Findings per report index (None entries are reports that could not be read)."""
    entries = [
        _Entry(i, r if isinstance(r, Digest) else digest(r))
        for i, r in enumerate(reports)
        if r is not None and (isinstance(r, Digest) or r.cells)
    ]
    out: dict[int, list[Finding]] = defaultdict(list)
    _two_years(entries, out)
    _copied_text(entries, out)
    _same_tables(entries, out)
    return out


def _name(report: Digest) -> str:
    return report.path


# ---- two years of one body ---------------------------------------------------------------


def same_body(a: str, b: str) -> bool:
    """Two folded names of one body: equal, or one the other with its region in front
    (`钱塘区人民政府` / `杭州市钱塘区人民政府`). Names alone cannot tell namesakes apart
    (城关镇人民政府 exists in many counties), so findings built on this are warnings."""
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and long.endswith(short))


def _two_years(entries: list[_Entry], out: dict[int, list[Finding]]) -> None:
    # bucket by the name's ending, so a name and its longer form meet without comparing all pairs
    by_end: dict[tuple[str, int], list[_Entry]] = defaultdict(list)
    for e in entries:
        if e.agency and e.digest.year:
            by_end[(e.agency[-4:], e.digest.year)].append(e)
    for (end, year), this_year in by_end.items():
        for last in by_end.get((end, year - 1), []):
            for this in this_year:
                if same_body(this.agency, last.agency):
                    _carry_over(last, this, out)
                    _in_force(last, this, out)


def _carry_over(last: _Entry, this: _Entry, out: dict[int, list[Finding]]) -> None:
    table = this.digest.template.table("t3")
    for col in table.row("carried_over").columns:
        now_id, before_id = f"t3.carried_over.{col}", f"t3.carried_forward.{col}"
        now, before = this.digest.value(now_id), last.digest.value(before_id)
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


def _in_force(last: _Entry, this: _Entry, out: dict[int, list[Finding]]) -> None:
    template = this.digest.template
    for bound in template.bounds:
        ids = (bound.in_force, bound.issued, bound.repealed)
        in_force, issued, repealed = (this.digest.value(c) for c in ids)
        before = last.digest.value(bound.in_force)
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


def _both(
    rule: str,
    this: _Entry,
    this_cells: tuple[str, ...],
    last: _Entry,
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


# ---- copied reports ----------------------------------------------------------------------


def _shingles(report: Report) -> set[int]:
    text = norm("\n".join(line for _, line in report.narrative_lines()))
    for name in _own_names(report):
        text = text.replace(name, "")
    text = _DIGITS.sub("", text)
    return {zlib.crc32(text[i : i + _SHINGLE].encode()) for i in range(len(text) - _SHINGLE + 1)}


def _own_names(report: Report) -> list[str]:
    agency = norm(report.meta.agency or "")
    if not agency:
        return []
    names = [agency]
    for suffix in ("人民政府", "政府", "办事处"):
        if agency.endswith(suffix) and len(agency) - len(suffix) >= 2:
            names.append(agency[: -len(suffix)])
    return names


def _copied_text(entries: list[_Entry], out: dict[int, list[Finding]]) -> None:
    if len(entries) < 2:
        return
    arrays = {e.index: e.digest.shingles for e in entries}
    by_index = {e.index: e for e in entries}
    # candidates: pairs sharing many sampled shingles; phrases every report prints are skipped
    postings: dict[int, list[int]] = defaultdict(list)
    for i, shingles in arrays.items():
        for h in shingles:
            if h % _SAMPLE == 0:
                postings[h].append(i)
    # reports whose narratives are the same once names and numbers are gone: copied wholesale
    alike: dict[int, list[tuple[float, int]]] = defaultdict(list)
    same_text: dict[bytes, list[int]] = defaultdict(list)
    for i, shingles in arrays.items():
        if shingles:
            same_text[shingles.tobytes()].append(i)
    for members in same_text.values():
        for i in members:
            others = [(1.0, j) for j in members if j != i and not same_body(by_index[i].agency, by_index[j].agency)]
            if others:
                alike[i] += others
    common = max(50, len(entries) // 4)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for docs in postings.values():
        if len(docs) > common:
            continue
        for a in range(len(docs)):
            for b in range(a + 1, len(docs)):
                shared[(docs[a], docs[b])] += 1
    for (a, b), count in shared.items():
        ea, eb = by_index[a], by_index[b]
        if same_body(ea.agency, eb.agency) or arrays[a] == arrays[b]:
            continue  # one body's own reports may repeat themselves; identical texts are done
        small = min(len(arrays[a]), len(arrays[b])) // _SAMPLE
        if count < COPY_THRESHOLD * small / 2:
            continue
        set_a, set_b = set(arrays[a]), set(arrays[b])  # only for candidate pairs: few
        union = len(set_a | set_b)
        similarity = len(set_a & set_b) / union if union else 0.0
        if similarity >= COPY_THRESHOLD:
            alike[a].append((similarity, b))
            alike[b].append((similarity, a))
    for i, others in alike.items():
        _one_for_many("cross.copied_text", by_index[i], sorted(others, reverse=True), by_index, out)


def _one_for_many(
    rule: str, own: _Entry, others: list[tuple[float, int]], by_index: dict[int, _Entry], out: dict[int, list[Finding]]
) -> None:
    """One finding per report, naming the closest of the reports it resembles and how many there are."""
    best, closest = others[0]
    name = _name(by_index[closest].digest)
    more = len(others) - 1
    out[own.index].append(
        Finding(
            rule,
            params={
                "other": name,
                "similarity": f"{best:.0%}",
                "more": Text(f"，另有 {more} 份报告也相似" if more else "", f"; {more} more alike" if more else ""),
            },
            other_file=name,
        )
    )


def _same_tables(entries: list[_Entry], out: dict[int, list[Finding]]) -> None:
    groups: dict[bytes, list[_Entry]] = defaultdict(list)
    for e in entries:
        if e.digest.tables is not None:
            groups[e.digest.tables].append(e)
    by_index = {e.index: e for e in entries}
    for members in groups.values():
        for e in members:
            others = [(1.0, m.index) for m in members if m is not e and not same_body(e.agency, m.agency)]
            if others:
                _one_for_many("cross.same_tables", e, others, by_index, out)
