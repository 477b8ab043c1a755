"""Where pdfminer's work explodes on a crafted file, made bounded (found by the fuzz suite and
the attack runs of issue 19); pdfminer looks these names up when it runs, so replacing them is
enough."""

from __future__ import annotations

import re
import zlib
from functools import cache
from typing import Any

from .errors import ReadError

_MAX_CID = 0xFFFF  # a CID is two bytes


@cache  # once a process: pdfminer's module attributes stay replaced
def harden_pdfminer() -> None:
    """Two places where pdfminer's work explodes on a crafted file (both found by the fuzz suite),
    made bounded; pdfminer looks these names up when it runs, so replacing them is enough.

    - An ASCII85 stream's `<~` and `~>` are stripped with patterns that backtrack on every
      position of a long run of white space (200,000 spaces in a content stream: 39 s): the
      same patterns, unambiguous, so linear.
    - A Flate stream is inflated in one call, and a corrupt one byte by byte, without a bound: 2 MB
      of deflated spaces ask for 2 GiB. Both stop at MAX_STREAM_BYTES, refusing the file.
    - A page's characters and XObject draws are counted (one `Tj` of a million characters, form
      XObjects drawing each other 16^5 times): past MAX_PAGE_CHARS / MAX_PAGE_DRAWS the file is
      refused rather than laid out for minutes and gigabytes.
    - A font's width array (/W, /W2) gives ranges of CIDs, and every CID of a range is filled
      in: `18 999999999999999999999999999999 462` never ends. Ranges are clipped to the CIDs
      that exist."""
    from pdfminer import ascii85, converter, pdffont, pdfinterp, pdftypes

    analyzer, interpreter = converter.PDFLayoutAnalyzer, pdfinterp.PDFPageInterpreter
    if not getattr(analyzer.render_char, "bounded", False):
        analyzer.render_char = _counting(analyzer.render_char, "chars", MAX_PAGE_CHARS, "个字符")
    if not getattr(interpreter.do_Do, "bounded", False):
        interpreter.do_Do = _counting(interpreter.do_Do, "draws", MAX_PAGE_DRAWS, "次图形对象绘制", device=True)

    if getattr(pdftypes, "zlib", None) is not _BoundedZlib:
        pdftypes.zlib = _BoundedZlib  # type: ignore[attr-defined]
        pdftypes.decompress_corrupted = _bounded_corrupted  # type: ignore[attr-defined]
    if getattr(ascii85, "start_re", None) is not None and getattr(ascii85, "end_re", None) is not None:
        ascii85.start_re = re.compile(rb"^\s*(?:<\s*)?~\s*")
        ascii85.end_re = re.compile(rb"(?<!\s)\s*~\s*(?:>\s*)?$")
    for name, group, resolve in (("get_widths", 3, True), ("get_widths2", 5, False)):
        original = getattr(pdffont, name, None)
        if original is not None and not getattr(original, "bounded", False):
            setattr(pdffont, name, _clipping(original, group, resolve))


MAX_STREAM_BYTES = 64 * 1024 * 1024  # one inflated PDF stream; a report's pages take a few MB in all


MAX_PAGE_CHARS = 200_000  # a dense A4 page holds ~3,000 characters
MAX_PAGE_DRAWS = 20_000  # XObjects drawn on one page, nested ones counted (a report draws a few)


def _counting(original: Any, what: str, limit: int, unit: str, device: bool = False) -> Any:
    """`original`, counting its calls on the page's device (one per page; nested XObjects share it)."""
    attr = f"_auditapp_{what}"

    def count(owner: Any) -> None:
        n = getattr(owner, attr, 0) + 1
        setattr(owner, attr, n)
        if n > limit:
            raise ReadError("too_complex", f"PDF 的一页超过 {limit:,} {unit}的上限，不像是一份年度报告，已停止读取")

    if device:  # an operator: pdfminer pops as many operands as the method's signature names

        def counted_op(self: Any, xobjid_arg: Any) -> Any:
            count(self.device)
            return original(self, xobjid_arg)

        counted_op.bounded = True  # type: ignore[attr-defined]
        return counted_op

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        count(self)
        return original(self, *args, **kwargs)

    counted.bounded = True  # type: ignore[attr-defined]
    return counted


def _too_large() -> ReadError:
    return ReadError(
        "zip_bomb",
        f"PDF 中的一个数据流解压后超过 {MAX_STREAM_BYTES // 1024 // 1024} MB 的上限"
        "（可能是恶意构造的“压缩炸弹”），已拒绝读取",
    )


def _inflate(data: bytes, corrupt_ok: bool) -> bytes:
    """Inflate up to MAX_STREAM_BYTES, in steps whose output is bounded (zlib.decompress has none)."""
    d = zlib.decompressobj()
    out = bytearray()
    step = 1024 * 1024
    pending = data
    try:
        while pending:
            out += d.decompress(pending, step)
            pending = d.unconsumed_tail
            if len(out) > MAX_STREAM_BYTES:
                raise _too_large()
        out += d.flush()
    except zlib.error:
        if not corrupt_ok:
            raise
    if len(out) > MAX_STREAM_BYTES:
        raise _too_large()
    return bytes(out)


class _BoundedZlib:
    """What pdfminer's pdftypes sees as `zlib`: the same, with a bounded `decompress`."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes) -> bytes:
        return _inflate(data, corrupt_ok=False)


def _bounded_corrupted(data: bytes) -> bytes:
    """pdfminer's reading of a corrupt Flate stream (what inflates before the damage), bounded."""
    return _inflate(data, corrupt_ok=True)


def ours(e: BaseException) -> ReadError | None:
    """Our refusal, raised inside pdfminer and perhaps wrapped by pdfplumber (PdfminerException(e))."""
    if isinstance(e, ReadError):
        return e
    inner = e.args[0] if e.args else None
    return inner if isinstance(inner, ReadError) else None


def _clipping(original: Any, group: int, resolve: bool) -> Any:
    def widths(seq: Any) -> Any:
        return original(_clipped(seq, group, resolve))

    widths.bounded = True  # type: ignore[attr-defined]
    return widths


def _clipped(seq: Any, group: int, resolve: bool) -> list:
    """A width array with the last CID of each `first last …` range at most _MAX_CID; read as
    pdfminer reads it (numbers gathered in groups, a list ending a group)."""
    from pdfminer.pdftypes import resolve1

    out: list = []
    numbers: list = []
    for v in seq:
        if resolve:
            v = resolve1(v)
        if isinstance(v, list):
            numbers = []
        elif isinstance(v, (int, float)):
            if len(numbers) == 1 and isinstance(v, int):
                v = min(v, _MAX_CID)
            numbers.append(v)
            if len(numbers) == group:
                numbers = []
        out.append(v)
    return out
