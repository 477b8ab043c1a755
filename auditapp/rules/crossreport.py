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
_BANDS, _ROWS = 20, 3  # locality-sensitive hashing of the MinHash signatures (see _copied_text)
_CHUNK = 20_000  # candidate pairs measured at once (~10 MB)
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
    signature: array  # MinHash of the shingles, _BANDS × _ROWS values

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
        shingles=(shingles := array("I", sorted(_shingles(report)))),
        signature=_minhash(shingles),
    )


@dataclass(frozen=True, slots=True)
class _Entry:
    index: int
    digest: Digest

    @property
    def agency(self) -> str:
        return self.digest.agency


def cross_check(digests: Sequence[Digest | None]) -> dict[int, list[Finding]]:
    """Findings per report index (None entries are reports with nothing to compare: `AuditResult.digest`)."""
    entries = [_Entry(i, d) for i, d in enumerate(digests) if d is not None]
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


def _minhash(shingles: array) -> array:
    """MinHash signature: per hash function, the least hash of any shingle (multiply-shift hashing).

    Two narratives agree at each position with probability equal to their Jaccard similarity.
    """
    import numpy as np

    if not shingles:
        return array("I")
    x = np.frombuffer(shingles, dtype=np.uint32).astype(np.uint64)
    a, b = _hash_parameters()
    least = None
    # in slices: the whole matrix of a crafted 2-million-character narrative was 2 GB (issue 19)
    for start in range(0, len(x), _SLICE):
        with np.errstate(over="ignore"):  # wrapping modulo 2**64 is the point
            hashed = (x[start : start + _SLICE, None] * a[None, :] + b[None, :]) >> np.uint64(32)
        part = hashed.min(axis=0)
        least = part if least is None else np.minimum(least, part)
    return array("I", least.astype(np.uint32).tobytes())


_SLICE = 16_384  # shingles hashed at once: a few MB of work space


_PARAMETERS: list = []


def _hash_parameters():  # numpy is imported only when copies are looked for
    if not _PARAMETERS:
        import numpy as np

        rng = np.random.default_rng(20210501)
        a = rng.integers(1, 2**63, size=_BANDS * _ROWS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        _PARAMETERS.extend((a, rng.integers(0, 2**63, size=_BANDS * _ROWS, dtype=np.uint64)))
    return _PARAMETERS[0], _PARAMETERS[1]


def _copied_text(entries: list[_Entry], out: dict[int, list[Finding]]) -> None:
    """Pairs with narrative Jaccard similarity ≥ COPY_THRESHOLD.

    Candidates come from locality-sensitive hashing of MinHash signatures (_BANDS bands of
    _ROWS rows): a pair at 0.6 becomes a candidate with probability 1 − (1 − 0.6³)²⁰ ≈ 99%, one
    at 0.1 with 2%, so the work grows with the number of similar pairs, not the square of the
    batch. The signatures' agreement estimates each candidate's similarity; likely ones are
    then measured exactly on the shingles.
    """
    if len(entries) < 2:
        return
    arrays = {e.index: e.digest.shingles for e in entries}
    by_index = {e.index: e for e in entries}
    alike: dict[int, _Alike] = {}
    # narratives that are the same once names and numbers are gone: copied wholesale
    same_text: dict[bytes, list[int]] = defaultdict(list)
    for i, shingles in arrays.items():
        if shingles:
            same_text[shingles.tobytes()].append(i)
    for members in same_text.values():
        if len(members) > 1:
            _alike_group(members, by_index, alike)
    _near_copies(arrays, by_index, alike)
    for i, found in sorted(alike.items()):
        _one_for_many("cross.copied_text", by_index[i], found, by_index, out)


def _near_copies(arrays: dict[int, array], by_index: dict[int, _Entry], alike: dict[int, _Alike]) -> None:
    import numpy as np

    signed = [i for i, e in by_index.items() if len(e.digest.signature) == _BANDS * _ROWS]
    if len(signed) < 2:
        return
    matrix = np.frombuffer(b"".join(by_index[i].digest.signature.tobytes() for i in signed), dtype=np.uint32)
    matrix = matrix.reshape(len(signed), _BANDS * _ROWS)

    def measure(rows_a: np.ndarray, rows_b: np.ndarray, band: int) -> None:
        if band:  # a pair that met in an earlier band was measured there
            width = band * _ROWS
            met = (matrix[rows_a, :width] == matrix[rows_b, :width]).reshape(-1, band, _ROWS).all(axis=2).any(axis=1)
            rows_a, rows_b = rows_a[~met], rows_b[~met]
        agree = (matrix[rows_a] == matrix[rows_b]).mean(axis=1)
        likely = np.nonzero(agree >= COPY_THRESHOLD - 0.2)[0]  # the estimate errs by 0.2 about 1 time in 100
        for k in likely.tolist():
            a, b = signed[int(rows_a[k])], signed[int(rows_b[k])]
            if arrays[a] == arrays[b] or same_body(by_index[a].agency, by_index[b].agency):
                continue  # identical texts are done; one body's own reports may repeat themselves
            set_a, set_b = (np.frombuffer(arrays[x], dtype=np.uint32) for x in (a, b))  # sorted, unique
            shared = np.intersect1d(set_a, set_b, assume_unique=True).size
            union = set_a.size + set_b.size - shared
            similarity = shared / union if union else 0.0
            if similarity >= COPY_THRESHOLD:
                _note(alike, a, similarity, b)
                _note(alike, b, similarity, a)

    # band by band, in chunks of pairs: memory stays bounded however alike the batch is
    for band in range(_BANDS):
        keys = matrix[:, band * _ROWS : (band + 1) * _ROWS]
        order = np.lexsort(keys.T[::-1])
        ordered = keys[order]
        starts = np.concatenate(([0], np.nonzero((ordered[1:] != ordered[:-1]).any(axis=1))[0] + 1, [len(order)]))
        chunk_a: list[np.ndarray] = []
        chunk_b: list[np.ndarray] = []
        size = 0
        for lo, hi in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True):
            members = order[lo:hi]
            for x in range(hi - lo - 1):  # row by row: a bucket of thousands never makes all its pairs at once
                chunk_a.append(np.full(hi - lo - 1 - x, members[x]))
                chunk_b.append(members[x + 1 :])
                size += hi - lo - 1 - x
                if size >= _CHUNK:
                    measure(np.concatenate(chunk_a), np.concatenate(chunk_b), band)
                    chunk_a, chunk_b, size = [], [], 0
        if size:
            measure(np.concatenate(chunk_a), np.concatenate(chunk_b), band)


@dataclass(slots=True)
class _Alike:
    """The closest other report and how many resemble this one (not the list: wholesale copies may be thousands)."""

    best: float
    closest: int
    count: int = 1


def _note(alike: dict[int, _Alike], i: int, similarity: float, other: int) -> None:
    found = alike.get(i)
    if found is None:
        alike[i] = _Alike(similarity, other)
        return
    found.count += 1
    if (similarity, other) > (found.best, found.closest):
        found.best, found.closest = similarity, other


def _alike_group(members: list[int], by_index: dict[int, _Entry], alike: dict[int, _Alike]) -> None:
    """Each member of a group of identical narratives (or tables) resembles the others of other bodies.

    Linear in the group, bar namesakes: a group may be thousands strong when one text was
    copied by every body of a province.
    """
    by_end: dict[str, list[int]] = defaultdict(list)  # same_body needs a common ending
    for j in members:
        by_end[by_index[j].agency[-4:]].append(j)
    descending = sorted(members, reverse=True)
    bodies: dict[str, set[int]] = {}  # by agency: a group may be one body's copies, thousands strong
    for i in members:
        agency = by_index[i].agency
        if agency not in bodies:
            bodies[agency] = {j for j in by_end[agency[-4:]] if same_body(agency, by_index[j].agency)}
        mine = bodies[agency] | {i}
        count = len(members) - len(mine)
        if count:
            closest = next(j for j in descending if j not in mine)
            alike[i] = _Alike(1.0, closest, count)


def _one_for_many(
    rule: str, own: _Entry, found: _Alike, by_index: dict[int, _Entry], out: dict[int, list[Finding]]
) -> None:
    """One finding per report, naming the closest of the reports it resembles and how many there are."""
    name = _name(by_index[found.closest].digest)
    more = found.count - 1
    out[own.index].append(
        Finding(
            rule,
            params={
                "other": name,
                "similarity": f"{found.best:.0%}",
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
    alike: dict[int, _Alike] = {}
    for members in groups.values():
        if len(members) > 1:
            _alike_group([e.index for e in members], by_index, alike)
    for i, found in sorted(alike.items()):
        _one_for_many("cross.same_tables", by_index[i], found, by_index, out)
