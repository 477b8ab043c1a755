"""Copied from last year: how much of a body's narrative repeats its report of the previous year.

The share is measured on sentences (split at 。！？；, a PDF's wrapped lines joined first): each
is normalised (NFKC, no white space, no punctuation, no digits, so that the year and the figures
do not count) and hashed; this year's sentences whose hash is among last year's are repeated.
The share is the repeated sentences' characters over all the sentences' characters, counting
only sentences that say something of the body's own:
- sentences shorter than MIN_CHARS (headings, 无。) count for nothing;
- sentences every report repeats because the format asks for them (the report's basis, its
  statistics period, where to get it and whom to ask, 信息处理费, 其他需要报告的事项) count for
  nothing either (BOILERPLATE);
- a sentence said twice in one report counts once;
- rows of tables outside the three (a metadata table: 索引号 | 发布单位 …) are no sentences.
A narrative with fewer than MIN_TOTAL characters of such sentences is too short to tell.

Per report the digest keeps its sentences' hashes, lengths and where they stand (and the start
of each, to quote): a few KB, kept on disk by the batch (auditapp.spool.ShingleStore) and read
back only for the pairs of consecutive years the two-year checks form, so the work is linear in
the batch. `repeated(this, last)` is what both the check and the window's side-by-side view use.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..parse.normalize import fold
from ..report import Report
from ..source import Span
from .narrative_text import paragraphs

THRESHOLD = 0.5  # above this share the report is flagged
MIN_CHARS = 12  # shorter sentences (headings, 无。) count for nothing
MIN_TOTAL = 200  # characters of sentences that count, below which the share says nothing
MAX_SENTENCES = 2000  # per report: a crafted narrative stays bounded
PASSAGES = 10  # repeated passages a finding shows (spans and quotes)
_QUOTE = 40  # characters of a sentence kept to quote it

_ENDS = re.compile(r"[^。！？!?；;]*[。！？!?；;]?")
# what is neither a letter nor a CJK character: punctuation, symbols, digits
_NOT_WORD = re.compile(r"[^\w]|[\d_]")
BOILERPLATE = re.compile(
    r"本报告|年度报告|报告中所列|统计期限|统计期间|如有疑问|疑问|联系电话|联系地址|联系方式|邮政编码|邮编|电子邮箱|传真"
    r"|地址|信息处理费|其他需要报告|下载|查阅"
    # the format's own headings
    r"|^[一二三四五六七八九十]*(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况"
    r"|政府信息公开行政复议行政诉讼情况|存在的主要问题及改进情况)$"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    key: int  # hash of the normalised sentence
    weight: int  # its normalised characters
    spans: tuple[Span, ...]  # where it stands (one per line a PDF wrapped it over)
    quote: str  # its start, to quote


def _key(text: str) -> str:
    return _NOT_WORD.sub("", fold(text))


def _spans(n: int, breaks: tuple[tuple[int, int, int], ...], a: int, b: int) -> tuple[Span, ...]:
    if not breaks:
        return (Span(n, a, b),)
    out = []
    for k, (offset, line, column) in enumerate(breaks):
        nxt = breaks[k + 1][0] if k + 1 < len(breaks) else b
        lo, hi = max(a, offset), min(b, nxt)
        if lo < hi:
            out.append(Span(line, lo - offset + column, hi - offset + column))
    return tuple(out)


def sentences(report: Report) -> Iterator[Sentence]:
    """The narrative's sentences that count, in order (at most MAX_SENTENCES)."""
    count = 0
    for n, text, breaks in paragraphs(report.narrative_lines()):
        for m in _ENDS.finditer(text):
            a, b = m.span()
            raw = text[a:b]
            if "|" in raw or "\t" in raw:  # a row of a table outside the three (索引号 | 发布单位 …)
                continue
            key = _key(raw)
            if len(key) < MIN_CHARS or BOILERPLATE.search(key):
                continue
            stripped = raw.strip()
            a += len(raw) - len(raw.lstrip())
            b = a + len(stripped)
            digest = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")
            yield Sentence(digest, len(key), _spans(n, breaks, a, b), stripped[:_QUOTE])
            count += 1
            if count >= MAX_SENTENCES:
                return


# ---- the digest's part: packed small -------------------------------------------------------


def pack(found: Iterable[Sentence]) -> bytes:
    """Sentences packed for a digest: hashes, weights, first spans, quotes (compressed)."""
    keys, weights, where, quotes = array("Q"), array("I"), array("I"), []
    for s in found:
        keys.append(s.key)
        weights.append(s.weight)
        first = s.spans[0]
        where.extend((first.line, first.start, first.end))
        quotes.append(s.quote.replace("\x00", " "))
    if not keys:
        return b""
    blob = pickle.dumps((keys, weights, where, "\x00".join(quotes)), protocol=pickle.HIGHEST_PROTOCOL)
    return zlib.compress(blob, 1)


def share(this: bytes, last: bytes) -> tuple[float, int]:
    """The share and total `repeated(unpack(this), unpack(last))` gives, from the hashes and
    weights alone: most pairs are not flagged, and their sentences need not be unpacked."""
    if not this:
        return 0.0, 0
    keys, weights, _, _ = pickle.loads(zlib.decompress(this))
    before = set(pickle.loads(zlib.decompress(last))[0]) if last else set()
    seen: set[int] = set()
    total = same = 0
    for key, weight in zip(keys, weights, strict=True):
        if key not in seen:
            seen.add(key)
            total += weight
            same += weight if key in before else 0
    return same / total if total else 0.0, total


def unpack(packed: bytes) -> list[Sentence]:
    if not packed:
        return []
    keys, weights, where, quotes = pickle.loads(zlib.decompress(packed))
    texts = quotes.split("\x00")
    return [
        Sentence(k, w, (Span(where[3 * i], where[3 * i + 1], where[3 * i + 2]),), texts[i])
        for i, (k, w) in enumerate(zip(keys, weights, strict=True))
    ]


# ---- the share ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Repeated:
    share: float  # repeated characters ÷ all the characters of the sentences that count
    total: int  # characters of the sentences that count
    sentences: int  # this year's sentences repeated
    passages: tuple[tuple[Sentence, ...], ...]  # runs of consecutive repeated sentences, in order

    @property
    def decided(self) -> bool:
        return self.total >= MIN_TOTAL


def repeated(this: list[Sentence], last: list[Sentence]) -> Repeated:
    """How much of `this` (this year's sentences) repeats `last` (last year's)."""
    before = {s.key for s in last}
    seen: set[int] = set()
    total = same = count = 0
    passages: list[list[Sentence]] = []
    run: list[Sentence] | None = None
    for s in this:
        if s.key in seen:  # said twice in one report: counted once, and no passage of its own
            continue
        seen.add(s.key)
        total += s.weight
        if s.key in before:
            same += s.weight
            count += 1
            if run is None:
                run = []
                passages.append(run)
            run.append(s)
        else:
            run = None
    return Repeated(same / total if total else 0.0, total, count, tuple(tuple(p) for p in passages))
