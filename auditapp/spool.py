"""A batch's outputs on disk, each with what it takes to add findings across reports later.

A worker renders each file's output (the summary block or the JSON line) and, for a file the
checks across reports may add to, a `Kit`: its output in pieces (the findings rendered one by
one, what stands before them). The worker appends both to its own file in the batch's spool
folder (`spool_out`) and sends back only where they stand, so the main process neither takes
in nor copies the outputs (a JSON line is ~100 KB): it keeps their offsets, and at the end
copies each output from its worker's file to standard output. A file with findings across
reports is merged with them from its kit, never read, parsed or audited again; a JSON line is
merged at the byte level (`JsonCuts`: where its findings stand), never decoded. The merged
output has the bytes the file's whole result would have given (the findings in
`sort_findings` order: a stable sort by severity).
"""

from __future__ import annotations

import os
import pickle
import secrets
import shutil
import tempfile
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from .verdict import Verdict

if TYPE_CHECKING:
    from .api import AuditResult
    from .export.wb_stream import Lean
    from .rules import Finding
    from .rules.crossreport import Digest
    from .summary import SummaryParts

_RANK = {"error": 0, "warning": 1, "info": 2}

# where a worker put a file's output: its file's name in the spool folder, the offset, the
# output's bytes and the pickled (kit, lean)'s bytes that follow them
Spooled = tuple[str, int, int, int]


def _ordered(own: list, added: list, status: str) -> tuple[list, Verdict]:
    """A file's findings (severity value, rendered) with those across reports, in the order
    shown, and the file's verdict with them."""
    items = sorted([*own, *added], key=lambda item: _RANK[item[0]])
    severities = {s for s, _ in items}
    if "error" in severities:
        return items, Verdict.ERRORS
    if status in ("failed", "partial"):
        return items, Verdict(status)
    return items, Verdict.WARNINGS if "warning" in severities else Verdict.OK


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
        items, verdict = _ordered(self.own, [(f.severity.value, self._one(f)) for f in extra], self.status)
        if isinstance(self.head, str):
            from .export.jsonl import json_join

            return json_join(self.head, [text for _, text in items]), verdict
        return self.head.join(verdict.value, items), verdict

    def _one(self, f: Finding) -> str:
        if self.json:
            return _json_finding(f, self.lang)
        from .summary import finding_line

        where = next((self.where[c] for c in (f.suspect, *f.cells) if c and c in self.where), "")
        return finding_line(f, None, self.lang, where)[1]


def _json_finding(f: Finding, lang: str) -> str:
    from .export.jsonl import encode, finding_json

    return encode(finding_json(f, lang))


@dataclass(slots=True)
class JsonCuts:
    """Where a JSON line's own findings stand in its bytes: what a JSON kit becomes on disk. The
    line itself holds its head and its findings, so only their places are kept."""

    lang: str
    status: str
    head: int  # bytes before the findings' list
    own: list[tuple[str, int, int]]  # (severity value, start, end) of each own finding's JSON

    @classmethod
    def of(cls, kit: Kit, line: bytes) -> JsonCuts | None:
        """The cuts of `line` if it is the line `kit.render([])` gives (it ends with the kit's own
        findings' list), else None. Only the findings are encoded again, not the head before them."""
        items = [text.encode("utf-8", "surrogatepass") for _, text in kit.own]
        tail = b"".join((b"[", b", ".join(items), b"]}"))
        if not line.endswith(tail):
            return None
        head = len(line) - len(tail)
        own = []
        position = head + 1  # past its "["
        for (severity, _), item in zip(kit.own, items, strict=True):
            own.append((severity, position, position + len(item)))
            position += len(item) + 2  # and its ", "
        return cls(kit.lang, kit.status, head, own)

    def merge(self, line: bytes, extra: list[Finding]) -> tuple[bytes, Verdict]:
        """The line's bytes and verdict with `extra` findings merged in."""
        added = [(f.severity.value, _json_finding(f, self.lang).encode("utf-8", "surrogatepass")) for f in extra]
        items, verdict = _ordered([(s, line[a:b]) for s, a, b in self.own], added, self.status)
        return b"".join((line[: self.head], b"[", b", ".join(x for _, x in items), b"]}")), verdict


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


_writers: dict[str, BinaryIO] = {}  # this process's file in each spool folder it writes to


def spool_out(folder: str, text: str, kit: Kit | None, lean: Lean | None = None) -> Spooled:
    """Append a file's output, its kit and (for a streamed workbook) what the workbook needs of it
    to this process's file in `folder`; where they stand."""
    out = _writers.get(folder)
    if out is None:  # named for this process alone: a process id may come again, a token with it not
        name = f"{os.getpid()}-{secrets.token_hex(4)}.out"
        out = _writers[folder] = open(os.path.join(folder, name), "xb")  # noqa: SIM115
    data = text.encode("utf-8", "surrogatepass")  # undecodable file names survive
    piece: Kit | JsonCuts | None = kit
    if kit is not None and kit.json:
        piece = JsonCuts.of(kit, data) or kit
    packed = b""
    if piece is not None or lean is not None:
        packed = pickle.dumps((piece, lean), protocol=pickle.HIGHEST_PROTOCOL)
    offset = out.tell()
    out.write(data)
    out.write(packed)
    out.flush()  # on disk (in the system's cache) before anyone is told where
    return os.path.basename(out.name), offset, len(data), len(packed)


def close_writer(folder: str) -> None:
    out = _writers.pop(folder, None)
    if out is not None:
        out.close()


class Spool:
    """A batch's outputs, in input order: in files in a temporary folder (the workers' own and
    this process's), in memory only where each stands."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="auditapp-spool-")
        self._names: dict[str, int] = {}
        self._readers: list[BinaryIO] = []
        self._offsets = array("q")  # per output: its file, offset, bytes, bytes of its pieces

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        for f in self._readers:
            f.close()
        close_writer(self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __len__(self) -> int:
        return len(self._offsets) // 4

    def add(self, text: str, kit: Kit | None, lean: Lean | None = None) -> None:
        """A file's output written here, in this process."""
        self.add_spooled(spool_out(self.folder, text, kit, lean))

    def add_spooled(self, where: Spooled) -> None:
        """A file's output as a worker spooled it."""
        name, offset, size, packed = where
        k = self._names.get(name)
        if k is None:
            k = self._names[name] = len(self._readers)
            path = os.path.join(self.folder, name)
            self._readers.append(open(path, "rb"))  # noqa: SIM115 (closed by __exit__)
            if os.name == "posix":  # gone from the folder at once, kept while its writer or this reads
                os.unlink(path)  # it: a batch killed outright leaves no GB of outputs behind
        self._offsets.extend((k, offset, size, packed))

    def data(self, i: int) -> bytes:
        """The output's bytes (UTF-8; surrogates passed for undecodable file names)."""
        k, offset, size, _ = self._offsets[4 * i : 4 * i + 4]
        f = self._readers[k]
        f.seek(offset)
        return f.read(size)

    def text(self, i: int) -> str:
        return self.data(i).decode("utf-8", "surrogatepass")

    def _pieces(self, i: int) -> tuple[Kit | JsonCuts | None, Lean | None]:
        k, offset, size, packed = self._offsets[4 * i : 4 * i + 4]
        if not packed:
            return None, None
        f = self._readers[k]
        f.seek(offset + size)
        return pickle.loads(f.read(packed))

    def kit(self, i: int) -> Kit | JsonCuts | None:
        return self._pieces(i)[0]

    def lean(self, i: int) -> Lean | None:
        return self._pieces(i)[1]

    def merged(self, i: int, extra: list[Finding]) -> tuple[bytes, Verdict] | None:
        """The output's bytes and verdict with `extra` findings merged in; None without a kit."""
        kit = self.kit(i)
        if kit is None:
            return None
        if isinstance(kit, JsonCuts):
            return kit.merge(self.data(i), extra)
        text, verdict = kit.render(extra)
        return text.encode("utf-8", "surrogatepass"), verdict


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
