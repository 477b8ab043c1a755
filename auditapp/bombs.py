"""Crafted bombs and odd names: files built to cost far more than their size (issue 19).

Unlike the fuzz suite's mutations, these are written on purpose: a PDF stream inflating to
gigabytes, a Word part whose deflate data runs past what its zip directory says, form XObjects
drawing each other thousands of times, one `Tj` of a million characters, a Word body of
millions of empty paragraphs, an .mht nested thousands of multiparts deep, pages in charsets
Python knows but cannot decode with, and report names no file should have. Every builder takes
a size so tests can keep bombs small (a missing ceiling is caught by a low one). Qt-free;
imported only by tests and the fuzz benchmark.
"""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Callable

_CHUNK = 16 * 1024 * 1024


def deflate_run(n: int, byte: bytes = b" ", raw: bool = False, prefix: bytes = b"", suffix: bytes = b"") -> bytes:
    """`prefix`, `n` copies of `byte`, `suffix`, deflated (zlib-wrapped, or raw for a zip member)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    out = [c.compress(prefix)]
    block = byte * min(n, _CHUNK)
    left = n
    while left > 0:
        out.append(c.compress(block[: min(left, len(block))]))
        left -= min(left, len(block))
    out.append(c.compress(suffix))
    out.append(c.flush())
    return b"".join(out)


def pdf(content: bytes, *, filtered: bool = True, extra: dict[str, bytes] | None = None) -> bytes:
    """A one-page PDF drawing `content` (already deflated when `filtered`) in Helvetica;
    `extra` names more objects ("/X0" → a form XObject's body, already complete)."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"",  # the page, filled in below once the XObjects are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d%s >>\nstream\n" % (len(content), b" /Filter /FlateDecode" if filtered else b"")
        + content
        + b"\nendstream",
    ]
    xobjects = b""
    for name, body in (extra or {}).items():
        objects.append(body)
        xobjects += b"%s %d 0 R " % (name.encode(), len(objects))
    objects[2] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << " + xobjects + b">> >> >>"
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_inflation(n: int) -> bytes:
    """A page whose content stream inflates to `n` bytes of spaces (2 MB of file per 2 GiB)."""
    return pdf(deflate_run(n, prefix=b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n"))


def pdf_long_run(n: int) -> bytes:
    """One `Tj` of `n` characters (a 2 KB file for a million)."""
    return pdf(deflate_run(n, b"1", prefix=b"BT /F1 1 Tf 10 700 Td (", suffix=b") Tj ET"))


def pdf_fanout(depth: int, fan: int = 16) -> bytes:
    """Form XObjects each drawing the next `fan` times, `depth` deep: fan**depth leaf draws."""
    extra: dict[str, bytes] = {}
    for level in range(depth):
        calls = b"" if level == depth - 1 else b" ".join([b"/X%d Do" % (level + 1)] * fan)
        leaf = b"BT /F1 1 Tf 0 0 Td (7) Tj ET " if level == depth - 1 else b""
        body = leaf + calls
        refs = b" ".join(b"/X%d %d 0 R" % (k, 6 + k) for k in range(depth))
        extra[f"/X{level}"] = (
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> /XObject << "
            + refs
            + b" >> >> /Length %d >>\nstream\n" % len(body)
            + body
            + b"\nendstream"
        )
    return pdf(b"/X0 Do", filtered=False, extra=extra)


def _zip_member(name: str, declared: bytes, deflated: bytes) -> tuple[bytes, bytes]:
    """A stored-by-hand deflated zip member: (local header + data, central directory entry),
    the entry's CRC and size those of `declared` whatever `deflated` inflates to."""
    crc = zlib.crc32(declared)
    encoded = name.encode()
    fields = (20, 0, 8, 0, 0x21, crc, len(deflated), len(declared), len(encoded), 0)
    local = struct.pack("<4s5HIIIHH", b"PK\x03\x04", *fields) + encoded + deflated
    central = struct.pack("<4s6HIII5HII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0) + encoded
    return local, central


def zip_by_hand(members: list[tuple[str, bytes, bytes]]) -> bytes:
    """A zip of (name, declared content, deflate data) members; central offsets filled in."""
    body = bytearray()
    directory = bytearray()
    for name, declared, deflated in members:
        local, central = _zip_member(name, declared, deflated)
        directory += central[:42] + struct.pack("<I", len(body)) + central[46:]
        body += local
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(body), 0)
    return bytes(body + directory + end)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
    b'main+xml"/></Types>'
)


def _document(body: bytes) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="' + _W.encode() + b'"><w:body>' + body


def docx_lying(n: int) -> bytes:
    """A .docx whose document.xml is declared (size, CRC) as a small valid body, while its deflate
    data goes on for `n` more bytes: zipfile inflated up to 1 GiB in one call before cutting."""
    declared = _document(b"<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>")
    deflated = deflate_run(n, b"<w:p/>"[:1], raw=True, prefix=declared)
    return zip_by_hand([("[Content_Types].xml", _TYPES, _raw(_TYPES)), ("word/document.xml", declared, deflated)])


def docx_paragraphs(n: int) -> bytes:
    """A .docx whose body is `n` empty paragraphs, declared truthfully (7 bytes each inflated)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("word/document.xml", _document(b"<w:p/>" * n + b"</w:body></w:document>"))
    return out.getvalue()


def _raw(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def mht_nested(depth: int) -> bytes:
    """An .mht whose multipart holds a multipart … `depth` deep (a RecursionError in the parser)."""
    head = b"MIME-Version: 1.0\r\n"
    parts = []
    for k in range(depth):
        parts.append(b'Content-Type: multipart/related; boundary="b%d"\r\n\r\n--b%d\r\n' % (k, k))
    inner = b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>\r\n"
    tail = b"".join(b"\r\n--b%d--\r\n" % k for k in reversed(range(depth)))
    return head + b"".join(parts) + inner + tail


def html_charset(charset: str, body: str = "<p>报告</p>") -> bytes:
    """A web page declaring a charset Python knows by name but cannot decode text with."""
    return (f'<html><head><meta charset="{charset}"></head><body>{body}</body></html>').encode()


def text_narrative(seed: bytes, n: int, rnd: random.Random) -> bytes:
    """A text report followed by `n` random CJK characters (millions of shingles for the copy check)."""
    return seed + "".join(chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(n)).encode()


# Names (stems: the input's suffix follows): a line break, a forged verdict, a bidi override, an
# option, a tab, separators, and bytes that are not UTF-8 (GBK, as unzip leaves Chinese names).
ODD_NAMES: tuple[str | bytes, ...] = (
    "报告\n【正常】伪造的报告",
    "报告\r伪造",
    "\u202etxt.exe\u202c报告",
    "--timeout=nan",
    "tab\there",
    "零宽\u200b空格\u2028分行",
    "区卫健委".encode("gbk"),
)


def odd_name(k: int) -> str:
    """The k-th odd name as the file system takes it (bytes names carried by surrogate escapes)."""
    import os

    names = [n for n in ODD_NAMES if isinstance(n, str) or os.name != "nt"]
    name = names[k % len(names)]
    return os.fsdecode(name) if isinstance(name, bytes) else name


def crafted(rnd: random.Random, seed_text: bytes) -> tuple[str, bytes, str]:
    """One crafted bomb: (suffix, bytes, what it is). Sizes are drawn so each costs its reader far
    more than any report, yet the file stays under the 50 MB limit."""
    kind = rnd.choice(sorted(KINDS))
    suffix, build = KINDS[kind]
    return suffix, build(rnd, seed_text), kind


KINDS: dict[str, tuple[str, Callable[[random.Random, bytes], bytes]]] = {
    "pdf_inflation": (".pdf", lambda r, _: pdf_inflation(r.randint(80, 300) * 1024 * 1024)),
    "pdf_fanout": (".pdf", lambda r, _: pdf_fanout(r.randint(4, 7), 16)),
    "pdf_long_run": (".pdf", lambda r, _: pdf_long_run(r.randint(250_000, 1_000_000))),
    "docx_lying": (".docx", lambda r, _: docx_lying(r.randint(80, 300) * 1024 * 1024)),
    "docx_paragraphs": (".docx", lambda r, _: docx_paragraphs(r.randint(5_000_000, 8_000_000))),
    "mht_nested": (".mht", lambda r, _: mht_nested(r.randint(500, 5000))),
    "html_charset": (".html", lambda r, _: html_charset(r.choice(["idna", "undefined", "base64", "rot13"]))),
    "html_deep": (".html", lambda r, _: b"<html><body>" + b"<div>" * r.randint(5_000, 300_000) + "表二".encode()),
    "text_narrative": (".txt", lambda r, seed: text_narrative(seed, r.randint(200_000, 1_900_000), r)),
}
