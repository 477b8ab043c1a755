"""A batch's outputs on disk, each with what it takes to add findings across reports later.

A worker renders each file's output (the summary block or the JSON line) and, for a file the
checks across reports may add to, a `Kit`: its output in pieces (the findings rendered one by
one, what stands before them). The main process spools both to a temporary file and keeps only
their offsets, so a batch's memory does not grow with its outputs, and a file with findings
across reports is rendered again from its kit, never read, parsed or audited again. The merged
output has the bytes the file's whole result would have given (the findings in
`sort_findings` order: a stable sort by severity).
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .verdict import Verdict

if TYPE_CHECKING:
    from .api import AuditResult
    from .export.wb_stream import Lean
    from .rules import Finding
    from .rules.crossreport import Digest
    from .summary import SummaryParts

_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(slots=True)
class Kit:
    json: bool
    lang: str
    status: str  # the result's Status value
    own: list[tuple[str, str]]  # (severity value, the finding rendered) of the file's own findings, in order
    head: str | SummaryParts  # JSON: the object up to its findings' list; text: the summary's pieces
    where: dict[str, str]  # text: cell id → "第12行 " for the cells findings across reports name

    def render(self, extra: list[Finding]) -> tuple[str, Verdict]:
        """The file's output and verdict with `extra` findings merged in."""
        added = [(f.severity.value, self._one(f)) for f in extra]
        items = sorted([*self.own, *added], key=lambda item: _RANK[item[0]])
        severities = {s for s, _ in items}
        if "error" in severities:
            verdict = Verdict.ERRORS
        elif self.status in ("failed", "partial"):
            verdict = Verdict(self.status)
        else:
            verdict = Verdict.WARNINGS if "warning" in severities else Verdict.OK
        if isinstance(self.head, str):
            from .export.jsonl import json_join

            return json_join(self.head, [text for _, text in items]), verdict
        return self.head.join(verdict.value, items), verdict

    def _one(self, f: Finding) -> str:
        if self.json:
            from .export.jsonl import encode, finding_json

            return encode(finding_json(f, self.lang))
        from .summary import finding_line

        where = next((self.where[c] for c in (f.suspect, *f.cells) if c and c in self.where), "")
        return finding_line(f, None, self.lang, where)[1]


def make_kit(result: AuditResult, json: bool, lang: str, digest: Digest) -> Kit:
    """The pieces of a file's output (its result is whole here, in the worker)."""
    if json:
        from .export.jsonl import json_parts

        head, rendered = json_parts(result, lang)
        own = [(f.severity.value, text) for f, text in zip(result.findings, rendered, strict=True)]
        return Kit(True, lang, result.status.value, own, head, {})
    from .summary import finding_line, finding_where, summary_parts

    report = result.report
    cells = report.cells if report is not None else {}
    where: dict[str, str] = {}
    for cid in digest.named_cells:  # the cells the checks across reports may name
        if cid in cells:
            from .rules import Finding

            where[cid] = finding_where(Finding("cross.carry_over", cells=(cid,)), report, lang)
    own = [finding_line(f, report, lang) for f in result.findings]
    return Kit(False, lang, result.status.value, own, summary_parts(result, lang), where)


class Spool:
    """Outputs and kits in a temporary file, in input order; in memory only their offsets."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by __exit__: the spool outlives a block)
        self._offsets = array("q")  # per file: text offset, text length, kit length (0: none)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def __len__(self) -> int:
        return len(self._offsets) // 3

    def add(self, text: str, kit: Kit | bytes | None, lean: Lean | None = None) -> None:
        """A file's output, its kit (or the kit pickled, as a worker sends it) and (for a streamed
        workbook) what the workbook needs of it."""
        self._file.seek(0, 2)
        data = text.encode("utf-8", "surrogatepass")  # undecodable file names survive
        if isinstance(kit, Kit):
            kit = pickle.dumps(kit, protocol=pickle.HIGHEST_PROTOCOL)
        packed = pickle.dumps((kit, lean), protocol=pickle.HIGHEST_PROTOCOL) if kit or lean else b""
        self._offsets.extend((self._file.tell(), len(data), len(packed)))
        self._file.write(data)
        self._file.write(packed)

    def text(self, i: int) -> str:
        offset, size, _ = self._offsets[3 * i : 3 * i + 3]
        self._file.seek(offset)
        return self._file.read(size).decode("utf-8", "surrogatepass")

    def _pieces(self, i: int) -> tuple[Kit | None, Lean | None]:
        offset, size, packed = self._offsets[3 * i : 3 * i + 3]
        if not packed:
            return None, None
        self._file.seek(offset + size)
        kit, lean = pickle.loads(self._file.read(packed))
        return (pickle.loads(kit) if kit else None), lean

    def kit(self, i: int) -> Kit | None:
        return self._pieces(i)[0]

    def lean(self, i: int) -> Lean | None:
        return self._pieces(i)[1]


class ShingleStore:
    """The narratives' shingles and sentences of a batch in a temporary file (~4 KB and a few KB a
    report), read back by index for the few reports the copy checks measure exactly: `Digest.lean`
    keeps the rest in memory."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by __exit__)
        self._where: dict[int, tuple[int, int, int]] = {}  # offset, shingles, bytes of sentences

    def __enter__(self) -> ShingleStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def keep(self, index: int, digest: Digest) -> Digest:
        """Store the digest's shingles and sentences; the digest without them."""
        self._file.seek(0, 2)
        self._where[index] = (self._file.tell(), len(digest.shingles), len(digest.sentences))
        self._file.write(digest.shingles.tobytes())
        self._file.write(digest.sentences)
        return digest.lean()

    def __call__(self, index: int) -> array:
        offset, count, _ = self._where[index]
        self._file.seek(offset)
        out = array("I")
        out.frombytes(self._file.read(4 * count))
        return out

    def sentences(self, index: int) -> bytes:
        """The report's packed sentences (auditapp.rules.crosslast)."""
        offset, count, size = self._where[index]
        self._file.seek(offset + 4 * count)
        return self._file.read(size)
