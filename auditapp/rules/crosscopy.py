"""Copied reports: narratives alike across bodies (MinHash with LSH banding) and identical tables.

Linear in the batch bar the pairs that really are alike:
- identical narratives (once names and numbers are gone) are grouped by a hash and take part in
  the near-copy search once, by one member;
- in a large batch, shingles shared by more than a quarter of the distinct narratives are
  boilerplate (the template's own phrasing) and count for nothing: they would make every
  report "alike" every other and every LSH bucket hold the whole batch;
- candidates come from LSH banding of the MinHash signatures (see `_near_copies`);
- one body's own reports (its name in other forms, auditapp.rules.crossbodies) are not copies.

Each report gets one finding per check, naming the closest of the reports it resembles and how
many there are, however many copied one text.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .crossbodies import Entry, Names, same_body
from .findings import Finding, Text

COPY_THRESHOLD = 0.6
BANDS, ROWS = 20, 3  # locality-sensitive hashing of the MinHash signatures (see _near_copies)
LARGE_BATCH = 100  # distinct narratives from which on the boilerplate rule applies
BOILERPLATE = 0.25  # a shingle in more than this share of a large batch's narratives is boilerplate
_SAMPLE = 2000  # narratives sampled to find the boilerplate
_CHUNK = 20_000  # candidate pairs measured at once (~10 MB)


def minhash(shingles: array | object, boilerplate: object = None) -> array:
    """MinHash signature: per hash function, the least hash of any shingle (multiply-shift hashing).

    Two narratives agree at each position with probability equal to their Jaccard similarity.
    """
    import numpy as np

    x = np.frombuffer(shingles, dtype=np.uint32) if isinstance(shingles, array) else shingles
    if boilerplate is not None and len(boilerplate) and len(x):  # sorted (np.unique), as the shingles
        common = np.asarray(boilerplate, dtype=np.uint32)
        x = x[common[np.minimum(np.searchsorted(common, x), len(common) - 1)] != x]
    if not len(x):
        return array("I")
    a, b = _hash_parameters()
    least = None
    # in slices: the whole matrix of a crafted 2-million-character narrative was 2 GB (issue 19)
    for start in range(0, len(x), _SLICE):
        lowest = _hashed(x[start : start + _SLICE], a, b).min(axis=0)
        least = lowest if least is None else np.minimum(least, lowest)
    return array("I", least.astype(np.uint32).tobytes())


_SLICE = 4096  # shingles hashed at once: 2 MB of work space, which the processor's cache holds


def _hashed(shingles, a, b):
    """Each shingle under each hash function: (shingles × functions) in one array, worked in place
    (the temporaries of `(x * a + b) >> 32` made it four times slower)."""
    import numpy as np

    out = np.multiply.outer(shingles.astype(np.uint64), a)  # wrapping modulo 2**64 is the point
    out += b
    out >>= np.uint64(32)
    return out


_PARAMETERS: list = []


def _hash_parameters():  # numpy is imported only when copies are looked for
    if not _PARAMETERS:
        import numpy as np

        rng = np.random.default_rng(20210501)
        a = rng.integers(1, 2**63, size=BANDS * ROWS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        _PARAMETERS.extend((a, rng.integers(0, 2**63, size=BANDS * ROWS, dtype=np.uint64)))
    return _PARAMETERS[0], _PARAMETERS[1]


@dataclass(slots=True)
class Alike:
    """The closest other report and how many resemble this one (not the list: wholesale copies may be thousands)."""

    best: float
    closest: int
    count: int = 1


def _note(alike: dict[int, Alike], i: int, similarity: float, other: int, count: int = 1) -> None:
    found = alike.get(i)
    if found is None:
        alike[i] = Alike(similarity, other, count)
        return
    found.count += count
    if (similarity, other) > (found.best, found.closest):
        found.best, found.closest = similarity, other


def copied_text(entries: list[Entry], out: dict[int, list[Finding]], shingles: Callable[[int], array]) -> None:
    """Reports whose narratives have Jaccard similarity ≥ COPY_THRESHOLD with another body's."""
    if len(entries) < 2:
        return
    by_index = {e.index: e for e in entries}
    alike: dict[int, Alike] = {}
    # narratives that are the same once names and numbers are gone: copied wholesale
    same_text: dict[bytes, list[int]] = defaultdict(list)
    for e in entries:
        if e.digest.text_key is not None:
            same_text[e.digest.text_key].append(e.index)
    groups = list(same_text.values())
    for members in groups:
        if len(members) > 1:
            alike_group(members, by_index, alike)
    _near_copies(groups, by_index, alike, shingles)
    for i, found in sorted(alike.items()):
        _one_for_many("cross.copied_text", by_index[i], found, by_index, out)


def _boilerplate(reps: list[Entry], shingles: Callable[[int], array]):
    """The shingles in more than BOILERPLATE of a large batch's distinct narratives (a sample's)."""
    import numpy as np

    if len(reps) < LARGE_BATCH:
        return None
    step = max(1, len(reps) // _SAMPLE)
    sample = [np.frombuffer(shingles(e.index), dtype=np.uint32) for e in reps[::step]]
    values, counts = np.unique(np.concatenate(sample), return_counts=True)
    common = values[counts > BOILERPLATE * len(sample)]
    return common if len(common) else None


def _near_copies(
    groups: list[list[int]], by_index: dict[int, Entry], alike: dict[int, Alike], shingles_of: Callable[[int], array]
) -> None:
    """Pairs of distinct narratives (one member per group of identical ones) at ≥ COPY_THRESHOLD.

    Candidates come from locality-sensitive hashing of MinHash signatures (BANDS bands of ROWS
    rows): a pair at 0.6 becomes a candidate with probability 1 − (1 − 0.6³)²⁰ ≈ 99%, one at 0.1
    with 2%, so the work grows with the number of similar pairs, not the square of the batch.
    The signatures' agreement estimates each candidate's similarity; likely ones are then
    measured exactly on the shingles.
    """
    import numpy as np

    reps = [by_index[g[0]] for g in groups]
    boilerplate = _boilerplate(reps, shingles_of)
    group_of = {g[0]: g for g in groups}
    signed: list[int] = []
    rows: list[bytes] = []
    for e in reps:  # signed here, not in the workers: in a large batch the boilerplate must go first
        signature = minhash(shingles_of(e.index), boilerplate)
        if len(signature) == BANDS * ROWS:
            signed.append(e.index)
            rows.append(signature.tobytes())
    if len(signed) < 2:
        return
    matrix = np.frombuffer(b"".join(rows), dtype=np.uint32).reshape(len(signed), BANDS * ROWS)
    del rows

    def shingles(i: int):
        x = np.frombuffer(shingles_of(i), dtype=np.uint32)  # sorted, unique
        return x if boilerplate is None else np.setdiff1d(x, boilerplate, assume_unique=True)

    def measure(rows_a: np.ndarray, rows_b: np.ndarray, band: int) -> None:
        if band:  # a pair that met in an earlier band was measured there
            width = band * ROWS
            met = (matrix[rows_a, :width] == matrix[rows_b, :width]).reshape(-1, band, ROWS).all(axis=2).any(axis=1)
            rows_a, rows_b = rows_a[~met], rows_b[~met]
        agree = (matrix[rows_a] == matrix[rows_b]).mean(axis=1)
        likely = np.nonzero(agree >= COPY_THRESHOLD - 0.2)[0]  # the estimate errs by 0.2 about 1 time in 100
        for k in likely.tolist():
            a, b = signed[int(rows_a[k])], signed[int(rows_b[k])]
            if same_body(by_index[a].agency, by_index[b].agency):
                continue  # one body's own reports may repeat themselves
            set_a, set_b = shingles(a), shingles(b)
            shared = np.intersect1d(set_a, set_b, assume_unique=True).size
            union = set_a.size + set_b.size - shared
            similarity = shared / union if union else 0.0
            if similarity >= COPY_THRESHOLD:  # every member of either group resembles the other's
                for x, y in ((a, b), (b, a)):
                    for member in group_of[x]:
                        _note(alike, member, similarity, max(group_of[y]), len(group_of[y]))

    # band by band, in chunks of pairs: memory stays bounded however alike the batch is
    for band in range(BANDS):
        keys = matrix[:, band * ROWS : (band + 1) * ROWS]
        order = np.lexsort(keys.T[::-1])
        ordered = keys[order]
        starts = np.concatenate(([0], np.nonzero((ordered[1:] != ordered[:-1]).any(axis=1))[0] + 1, [len(order)]))
        chunk_a: list[np.ndarray] = []
        chunk_b: list[np.ndarray] = []
        size = 0
        for lo, hi in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True):
            members = order[lo:hi]
            for x in range(hi - lo - 1):  # row by row: a large bucket never makes all its pairs at once
                chunk_a.append(np.full(hi - lo - 1 - x, members[x]))
                chunk_b.append(members[x + 1 :])
                size += hi - lo - 1 - x
                if size >= _CHUNK:
                    measure(np.concatenate(chunk_a), np.concatenate(chunk_b), band)
                    chunk_a, chunk_b, size = [], [], 0
        if size:
            measure(np.concatenate(chunk_a), np.concatenate(chunk_b), band)


def alike_group(members: list[int], by_index: dict[int, Entry], alike: dict[int, Alike]) -> None:
    """Each member of a group of identical narratives (or tables) resembles the others of other bodies.

    Linear in the group (a name index, not pairs): a group may be thousands strong when one text
    was copied by every body of a province.
    """
    names = Names(by_index[j].agency for j in members)
    descending = sorted(members, reverse=True)
    mine: dict[str, tuple[int, int]] = {}  # per name: how many members its body holds, its closest other
    for i in members:
        agency = by_index[i].agency
        if not agency:  # a report without a name is its own body
            count = len(members) - 1
            if count:
                alike[i] = Alike(1.0, next(j for j in descending if j != i), count)
            continue
        if agency not in mine:  # once per name: a group may be one body's copies, thousands strong
            forms = names.of_body(agency)
            closest = next((j for j in descending if by_index[j].agency not in forms), -1)
            mine[agency] = (sum(names.count[n] for n in forms), closest)
        own, closest = mine[agency]
        if len(members) > own:
            alike[i] = Alike(1.0, closest, len(members) - own)


def _one_for_many(
    rule: str, own: Entry, found: Alike, by_index: dict[int, Entry], out: dict[int, list[Finding]]
) -> None:
    """One finding per report, naming the closest of the reports it resembles and how many there are."""
    name = by_index[found.closest].digest.path
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


def same_tables(entries: list[Entry], out: dict[int, list[Finding]]) -> None:
    groups: dict[bytes, list[int]] = defaultdict(list)
    for e in entries:
        if e.digest.tables is not None:
            groups[e.digest.tables].append(e.index)
    by_index = {e.index: e for e in entries}
    alike: dict[int, Alike] = {}
    for members in groups.values():
        if len(members) > 1:
            alike_group(members, by_index, alike)
    for i, found in sorted(alike.items()):
        _one_for_many("cross.same_tables", by_index[i], found, by_index, out)
