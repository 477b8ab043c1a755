"""Hostile and broken inputs, made from good ones: the fuzz suite's engine (tests, benchmarks).

Seeds are the bundled reports, as text and in every format `auditapp.docgen` has a writer for.
Each input is a seed with one to three mutations of the kinds inspectors' files really suffer
or an attacker would try: flipped bytes, a cut, lines shuffled, duplicated or dropped, random
Unicode, huge, negative and fractional numbers, labels with nothing after them, endless lines
and labels repeated thousands of times. Zip containers (docx, xlsx) are also broken member by
member (a part mutated like text, dropped or doubled) so the XML inside them is attacked too.

`check` audits one file and says what, if anything, is wrong with the outcome: anything but a
result whose status and message make sense is a fault. An "uncaught exception" is a result
whose message is the catch-all's (内部错误), a crash of the worker, or a problem `check` finds;
a time-out is the batch engine's. Qt-free; imported only by tests and benchmarks.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import tempfile
import time
import warnings
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"

INTERNAL = "内部错误"  # how the catch-alls (api.audit_file, batch's worker) begin their message
TIMED_OUT = "审核超过"  # batch's time-out message
CRASHED = "审核进程意外退出"  # batch's message for a worker that died
WORKBOOK_EVERY = 8  # one input in this many is also exported as a workbook (the slowest check)
BOMB_EVERY = 40  # one input in this many is a crafted bomb (auditapp.bombs) instead of a mutation
NAME_EVERY = 25  # one input in this many is written under an odd name (a line break, bidi, GBK bytes)


# ---- seeds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    name: str  # e.g. "000_5765c3367762f63e.docx"
    format: str  # "text" or the docgen writer's name
    data: bytes


@cache
def seeds(formats: tuple[str, ...] | None = None) -> tuple[Seed, ...]:
    """The bundled reports as text, and written by each docgen writer (two table shapes each),
    as Word's .mht of the web page, and as legacy .doc/.xls (LibreOffice converting the .docx
    and .xlsx seeds, when it is installed)."""
    from .docgen import Shape, report_document, writers
    from .ingest import read_source
    from .parse.reader import parse_report

    def wanted(fmt: str) -> bool:
        return formats is None or fmt in formats

    texts = sorted(SAMPLES.glob("*.txt"))
    out: list[Seed] = []
    if wanted("text"):
        out += [Seed(p.name, "text", p.read_bytes()) for p in texts]
    found = writers()
    needed = {k for k in found if wanted(k)}
    if wanted("mht") and "html" in found:
        needed.add("html")
    if wanted("legacy"):
        needed |= {"docx", "xlsx"} & set(found)
    if not needed:
        return tuple(out)
    reports = [(p.stem, parse_report(read_source(str(p)))) for p in texts]
    plain: dict[str, list[Seed]] = {}
    for fmt in sorted(needed):
        module = found[fmt]
        for stem, report in reports:
            for shape in (Shape(), Shape(blank_zeros=True, blank_text="\xa0", subtotal_column=True)):
                blocks = report_document(report, shape)
                tag = "" if shape == Shape() else "-blank"
                seed = Seed(f"{stem}{tag}{module.SUFFIX}", fmt, module.write(blocks))  # type: ignore[attr-defined]
                if wanted(fmt):
                    out.append(seed)
                if not tag:
                    plain.setdefault(fmt, []).append(seed)
                if wanted("mht") and fmt == "html":
                    mht = module.write_mht(blocks)  # type: ignore[attr-defined]
                    out.append(Seed(f"{stem}{tag}.mht", "mht", mht))
    if wanted("legacy"):
        out += _legacy(plain.get("docx", []) + plain.get("xlsx", []))
    return tuple(out)


def _legacy(sources: list[Seed]) -> list[Seed]:
    """The .docx and .xlsx seeds saved by LibreOffice as .doc and .xls (none without LibreOffice)."""
    import subprocess

    from .ingest.legacy import find_soffice

    soffice = find_soffice()
    if soffice is None or not sources:
        return []
    out: list[Seed] = []
    with tempfile.TemporaryDirectory(prefix="auditapp-fuzz-lo-") as tmp:
        for suffix, target in ((".docx", "doc"), (".xlsx", "xls")):
            files = []
            for s in sources:
                if s.name.endswith(suffix):
                    files.append(os.path.join(tmp, s.name))
                    Path(files[-1]).write_bytes(s.data)
            if not files:
                continue
            profile = Path(tmp, "profile").as_uri()
            command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
            subprocess.run(
                [*command, "--outdir", os.path.join(tmp, target), *files], capture_output=True, timeout=600, check=False
            )
            for f in files:
                name = Path(f).stem + "." + target
                converted = Path(tmp, target, name)
                if converted.is_file():
                    out.append(Seed(name, "legacy", converted.read_bytes()))
    return out


def formats_available() -> list[str]:
    from .docgen import writers
    from .ingest.legacy import find_soffice

    found = writers()
    extra = ["mht"] if "html" in found else []
    if find_soffice() is not None and {"docx", "xlsx"} & set(found):
        extra.append("legacy")
    return sorted(["text", *found, *extra])


# ---- mutations on bytes ------------------------------------------------------------------------

Mutator = Callable[[bytes, random.Random], bytes]
_DIGITS = re.compile(rb"\d+")
_CJK_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
_LABELS = (
    "总计",
    "（一）予以公开",
    "行政复议",
    "其他处理",
    "三、本年度办理结果",
    "结果维持",
    "收到和处理政府信息公开申请情况",
)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def byte_flips(data: bytes, rnd: random.Random) -> bytes:
    if not data:
        return b"\xff"
    out = bytearray(data)
    for _ in range(rnd.choice((1, 1, 2, 4, 16))):
        out[rnd.randrange(len(out))] ^= rnd.randint(1, 255)
    return bytes(out)


def truncation(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(len(data))] if data else data


def shuffled_lines(data: bytes, rnd: random.Random) -> bytes:
    lines = _lines(data)
    start = rnd.randrange(len(lines))
    window = lines[start : start + rnd.randint(2, 40)]
    rnd.shuffle(window)
    return b"\n".join(lines[:start] + window + lines[start + len(window) :])


def duplicated_lines(data: bytes, rnd: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rnd.randint(1, 5)):
        k = rnd.randrange(len(lines))
        lines[k:k] = [lines[k]] * rnd.choice((1, 2, 10, 300))
    return b"\n".join(lines)


def dropped_lines(data: bytes, rnd: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rnd.randint(1, 10)):
        if len(lines) > 1:
            del lines[rnd.randrange(len(lines))]
    return b"\n".join(lines)


def _random_char(rnd: random.Random) -> str:
    plane = rnd.random()
    if plane < 0.3:
        return chr(rnd.randint(0x4E00, 0x9FFF))  # CJK
    if plane < 0.4:
        return rnd.choice("0123456789０１２３４５６７８９|｜\t ,，.。-—()（）")
    if plane < 0.5:
        return chr(rnd.randint(0, 0x1F))  # controls, NUL
    if plane < 0.6:
        return chr(rnd.choice((0x200B, 0x200E, 0x202E, 0x2028, 0x2029, 0xFEFF, 0xFFFD, 0x0085, 0x00A0, 0x3000)))
    if plane < 0.7:
        return chr(rnd.randint(0xD800, 0xDFFF))  # lone surrogates, written as invalid bytes
    if plane < 0.8:
        return chr(rnd.randint(0x10000, 0x10FFFF))
    return chr(rnd.randint(0x80, 0xFFFF))


def random_unicode(data: bytes, rnd: random.Random) -> bytes:
    out = data
    for _ in range(rnd.randint(1, 20)):
        at = rnd.randrange(len(out) + 1)
        text = "".join(_random_char(rnd) for _ in range(rnd.randint(1, 8)))
        out = out[:at] + text.encode("utf-8", "surrogatepass") + out[at:]
    return out


def _numbers(data: bytes, rnd: random.Random, replace: Callable[[bytes], bytes]) -> bytes:
    found = list(_DIGITS.finditer(data))
    if not found:
        return data
    out = bytearray(data)
    for m in sorted(rnd.sample(found, min(len(found), rnd.randint(1, 8))), key=lambda m: -m.start()):
        out[m.start() : m.end()] = replace(m.group())
    return bytes(out)


def huge_numbers(data: bytes, rnd: random.Random) -> bytes:
    choices = (b"1" + b"0" * 400, b"9" * 30, b"9" * 5000, b"18446744073709551617", b"1e999", b"99999999999.999999")
    return _numbers(data, rnd, lambda _: rnd.choice(choices))


def negative_counts(data: bytes, rnd: random.Random) -> bytes:
    return _numbers(data, rnd, lambda d: rnd.choice((b"-", b"\xef\xbc\x8d", b"\xe2\x88\x92")) + d)  # - － −


def fractional_counts(data: bytes, rnd: random.Random) -> bytes:
    return _numbers(data, rnd, lambda d: d + rnd.choice((b".5", b".25", b",5", b".0000001", b"\xef\xbc\x8e5")))


def labels_alone(data: bytes, rnd: random.Random) -> bytes:
    """Rows cut right after their label: the label, then nothing."""
    lines = _lines(data)
    for _ in range(rnd.randint(1, 30)):
        k = rnd.randrange(len(lines))
        text = lines[k].decode("utf-8", "surrogateescape")
        m = _CJK_RUN.search(text)
        if m:
            lines[k] = text[: m.end()].encode("utf-8", "surrogateescape")
    return b"\n".join(lines)


def long_line(data: bytes, rnd: random.Random) -> bytes:
    unit = rnd.choice((" ", "|", "1 ", "9", "\t", "申", "总计 ", "0 | ", "（", "\u3000"))
    line = (unit * (rnd.choice((10_000, 100_000, 400_000)) // len(unit))).encode("utf-8")
    lines = _lines(data)
    k = rnd.randrange(len(lines) + 1)
    if rnd.random() < 0.5 and k < len(lines):
        lines[k] = lines[k] + line  # a real line grown endless
    else:
        lines.insert(k, line)
    return b"\n".join(lines)


def repeated_labels(data: bytes, rnd: random.Random) -> bytes:
    label = rnd.choice(_LABELS)
    tail = rnd.choice(("", " | 1 | 2", " 0 0 0 0 0 0 0", " |"))
    block = ((label + tail + "\n") * rnd.choice((100, 1000, 10_000))).encode("utf-8")
    at = rnd.randrange(len(data) + 1)
    return data[:at] + block + data[at:]


# The classes of hostile input the issue names; the README and the tests refer to these names.
MUTATORS: dict[str, Mutator] = {
    "byte_flips": byte_flips,
    "truncation": truncation,
    "shuffled_lines": shuffled_lines,
    "duplicated_lines": duplicated_lines,
    "dropped_lines": dropped_lines,
    "random_unicode": random_unicode,
    "huge_numbers": huge_numbers,
    "negative_counts": negative_counts,
    "fractional_counts": fractional_counts,
    "labels_alone": labels_alone,
    "long_line": long_line,
    "repeated_labels": repeated_labels,
}


# ---- mutations of zip containers ----------------------------------------------------------------


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def _zip(members: Sequence[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of one mutation
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info, body in members:
                name = info.filename if isinstance(info, zipfile.ZipInfo) else info
                z.writestr(name, body)
    return out.getvalue()


def zip_member(data: bytes, rnd: random.Random) -> tuple[bytes, str]:
    """One part of the container mutated like text (most often the document's own XML), or a
    part dropped, doubled or renamed. Returns the new bytes and what was done."""
    members = _members(data)
    xml = [k for k, (info, _) in enumerate(members) if info.filename.endswith(".xml")]
    main = [k for k in xml if re.search(r"(document|sheet\d*|sharedStrings)\.xml$", members[k][0].filename)]
    k = rnd.choice(main if main and rnd.random() < 0.7 else xml or range(len(members)))
    info, body = members[k]
    action = rnd.random()
    if action < 0.8:
        name = rnd.choice(sorted(MUTATORS))
        members[k] = (info, MUTATORS[name](body, rnd))
        return _zip(members), f"member:{name}"
    if action < 0.88:
        del members[k]
        return _zip(members), "member:dropped"
    if action < 0.95:
        members.insert(k, (info, MUTATORS["truncation"](body, rnd)))
        return _zip(members), "member:doubled"
    members[k] = (info.filename + ".bak", body)
    return _zip(members), "member:renamed"


ZIPPED = frozenset({"docx", "xlsx"})


def mutate(seed: Seed, rnd: random.Random) -> tuple[bytes, list[str]]:
    """The seed with one to three mutations; returns the bytes and the mutations' names."""
    data, done = seed.data, []
    for _ in range(rnd.choice((1, 1, 1, 2, 3))):
        if seed.format in ZIPPED and rnd.random() < 0.6:
            try:
                data, what = zip_member(data, rnd)
                done.append(what)
                continue
            except Exception:  # broken by an earlier mutation (bad zip, bad deflate data): mutate the bytes instead
                pass
        name = rnd.choice(sorted(MUTATORS))
        data = MUTATORS[name](data, rnd)
        done.append(name)
    return data, done


# ---- checking one outcome ---------------------------------------------------------------------


@dataclass
class Outcome:
    """What auditing one fuzzed file gave, small enough to send back from a worker."""

    status: str
    error: str | None = None
    cells: int = 0
    findings: int = 0
    seconds: float = 0.0
    fault: str | None = None  # an invariant broken: the outcome makes no sense
    peak_mb: float = 0.0  # the worker's peak resident memory so far: a bound on this file's


def check(path: str) -> Outcome:
    """Audit a file and check the result as every consumer (JSON, text, window) would use it."""
    from .api import AuditResult, Status, audit_file
    from .export.jsonl import dumps
    from .export.workbook import build_workbook
    from .summary import summary

    start = time.perf_counter()
    result = audit_file(path)
    seconds = time.perf_counter() - start
    out = Outcome(result.status.value, result.error, seconds=seconds)
    try:
        if not isinstance(result, AuditResult) or result.status not in Status:
            out.fault = f"not a result: {result!r:.200}"
            return out
        if result.status is Status.FAILED:
            if not (isinstance(result.error, str) and result.error.strip()):
                out.fault = "failed without a message"
            elif len(summary(result, "zh").splitlines()) != 1:
                out.fault = "a name or message broke the text output's line"
            return out
        report, source = result.report, result.source
        if result.error is not None or report is None or source is None or not report.cells:
            out.fault = "read but with no cells or with an error"
            return out
        out.cells, out.findings = len(report.cells), len(result.findings)
        n = len(source.lines)
        for cid, cell in report.cells.items():
            line = cell.span.line
            if not (1 <= line <= n and 0 <= cell.span.start <= cell.span.end <= len(source.line(line))):
                out.fault = f"cell {cid} points outside the source: {cell.span}"
                return out
        for f in result.findings:
            f.message("zh")
            f.message("en")
        dumps(result)
        result.digest()  # what the checks across reports compute (the copy check's shingles)
        text = summary(result, "zh")  # the CLI's text
        if len(text.splitlines()) != 1 + len(source.notes) + len(result.findings):
            out.fault = "a name, note or finding broke the text output's lines"
        if zlib.crc32(path.encode("utf-8", "surrogatepass")) % WORKBOOK_EVERY == 0:
            build_workbook([result], {}).save(io.BytesIO())  # the export, for a share of the inputs
    except Exception as e:  # a consumer of the result would crash: that is a fault of ours too
        out.fault = f"{type(e).__name__}: {e}"[:300]
    finally:
        out.peak_mb = _peak_mb()
    return out


def _peak_mb() -> float:
    from .memlimit import peak_rss_mb

    return peak_rss_mb() or 0.0


def failed(path: str, message: str) -> Outcome:
    """The batch engine's result for a file that did not finish (time-out, crash)."""
    return Outcome("failed", message)


def classify(outcome: Outcome) -> str:
    """ "ok", "partial", "failed", "exception" (uncaught, or an outcome that makes no sense) or "timeout"."""
    error = outcome.error or ""
    if outcome.fault or error.startswith((INTERNAL, CRASHED)):
        return "exception"
    if error.startswith(TIMED_OUT):
        return "timeout"
    return outcome.status


def message_class(message: str) -> str:
    """A failure message without its particulars (numbers, paths, names), to count by kind."""
    text = re.sub(r"\d+(?:\.\d+)?", "N", message)
    text = re.sub(r"[（(][^）)]{0,80}[）)]", "", text)
    return text[:40]


# ---- a run --------------------------------------------------------------------------------------


@dataclass
class Figures:
    inputs: Counter = field(default_factory=Counter)  # format → inputs
    outcomes: Counter = field(default_factory=Counter)  # (format, class) → count
    mutations: Counter = field(default_factory=Counter)  # mutation → inputs it was applied to
    messages: Counter = field(default_factory=Counter)  # failure message class → count
    faults: list[tuple[str, list[str], str]] = field(default_factory=list)  # (input, mutations, what)
    changed: list[str] = field(default_factory=list)  # inputs whose bytes changed on disk
    slowest: tuple[float, str] = (0.0, "")
    seconds: float = 0.0
    peak_mb: float = 0.0  # the highest peak resident memory of any worker (bounds every file's)

    def count(self, kind: str) -> int:
        return sum(n for (_, k), n in self.outcomes.items() if k == kind)


def inputs(n: int, formats: Sequence[str] | None = None, seed: int = 0) -> Iterator[tuple[Seed, bytes, list[str]]]:
    """n fuzzed inputs, formats taken in turn so every format gets its share."""
    pool = seeds(tuple(formats) if formats else None)
    by_format: dict[str, list[Seed]] = {}
    for s in pool:
        by_format.setdefault(s.format, []).append(s)
    order = sorted(by_format)
    for k in range(n):
        rnd = random.Random(f"{seed}:{k}")  # input k of a seed is the same however many come before it
        chosen = rnd.choice(by_format[order[k % len(order)]])
        if k % BOMB_EVERY == BOMB_EVERY - 1:
            from .bombs import crafted

            text = next((s.data for s in pool if s.format == "text"), b"")
            suffix, data, kind = crafted(rnd, text)
            yield Seed(f"bomb-{kind}{suffix}", "bomb", data), data, [kind]
            continue
        data, done = mutate(chosen, rnd)
        yield chosen, data, done


def run(
    n: int,
    formats: Sequence[str] | None = None,
    seed: int = 0,
    workers: int | None = None,
    timeout: float = 30.0,
    chunk: int = 400,
    keep: str | None = None,
    progress: Callable[[Figures, int], None] | None = None,
) -> Figures:
    """Fuzz n inputs through `check` in the batch engine's worker processes (each with a time
    limit), chunk by chunk so the disk holds at most `chunk` inputs. Inputs that fault are
    copied to `keep` if given."""
    from .batch import Batch

    figures = Figures()
    start = time.perf_counter()
    stream = inputs(n, formats, seed)
    done = 0
    with tempfile.TemporaryDirectory(prefix="auditapp-fuzz-") as tmp:
        while done < n:
            batch: list[tuple[str, Seed, list[str], str]] = []
            for k in range(min(chunk, n - done)):
                s, data, what = next(stream)
                name = s.name
                if (done + k) % NAME_EVERY == NAME_EVERY - 1:
                    from .bombs import odd_name

                    name = odd_name((done + k) // NAME_EVERY) + os.path.splitext(s.name)[1]
                    what = [*what, "odd_name"]
                path = os.path.join(tmp, f"{done + k:06d}-{name}")
                with open(path, "wb") as f:
                    f.write(data)
                batch.append((path, s, what, hashlib.sha256(data).hexdigest()))
            paths = [b[0] for b in batch]
            for position, path, outcome in Batch(paths, check, failed, workers=workers, timeout=timeout):
                _, s, what, digest = batch[position]
                kind = classify(outcome)
                figures.inputs[s.format] += 1
                figures.outcomes[(s.format, kind)] += 1
                figures.mutations.update(what)
                if kind == "failed" and outcome.error:
                    figures.messages[message_class(outcome.error)] += 1
                if kind in ("exception", "timeout"):
                    figures.faults.append((os.path.basename(path), what, outcome.fault or outcome.error or ""))
                    if keep:
                        os.makedirs(keep, exist_ok=True)
                        with open(path, "rb") as src, open(os.path.join(keep, os.path.basename(path)), "wb") as dst:
                            dst.write(src.read())
                with open(path, "rb") as f:
                    if hashlib.sha256(f.read()).hexdigest() != digest:
                        figures.changed.append(os.path.basename(path))
                figures.peak_mb = max(figures.peak_mb, outcome.peak_mb)
                if outcome.seconds > figures.slowest[0]:
                    figures.slowest = (outcome.seconds, os.path.basename(path))
            for path in paths:
                os.remove(path)
            done += len(batch)
            if progress is not None:
                progress(figures, done)
    figures.seconds = time.perf_counter() - start
    return figures
