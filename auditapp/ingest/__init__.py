"""Files → Source: one module per format, chosen by what the bytes are, not by the file's name.

Each structured format (HTML, Word, PDF, Excel, legacy Office) has a module with
`read(path, data) -> Source`, imported only when a file of its kind arrives, so reading text
never pays for lxml or pdfplumber. Plain text is the fallback.
"""

from __future__ import annotations

import importlib
import io
import os
import zipfile

from ..source import Source
from .errors import ReadError
from .limits import MAX_BYTES, ZIP_ERRORS, check_text_length
from .text import decode_text

TEXT_SUFFIXES = (".txt", ".text", ".tsv", ".md")

# Magic numbers of files people rename or drop by mistake, with what to tell them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"BM", "BMP 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"%PDF-", "PDF 文档"),
    (b"PK\x03\x04", "ZIP 压缩包（可能是 Word .docx 或 Excel .xlsx 文件）"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文档（.doc/.xls/.wps）"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩文件"),
)


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of a known binary file, or None."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            if magic == b"BM" and b"\x00" not in data[:64]:
                continue  # plain text may start with "BM"
            return kind
    return None


def read_bytes(path: str) -> bytes:
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise ReadError("not_found", "文件不存在") from None
    except OSError as e:
        raise ReadError("os", f"无法访问文件：{e.strerror or e}") from None
    if os.path.isdir(path):
        raise ReadError("is_dir", "这是一个文件夹，不是文件")
    if not os.path.isfile(path):  # a pipe or device would block or never end
        raise ReadError("not_file", "这不是普通文件（可能是管道或设备），无法读取")
    if size > MAX_BYTES:
        raise ReadError(
            "too_large",
            f"文件过大（{size / 1024 / 1024:.0f} MB），超过 {MAX_BYTES // 1024 // 1024} MB 的上限，不像是一份年度报告",
        )
    try:
        with open(path, "rb") as f:  # read-only: input files are never written
            return f.read()
    except OSError as e:
        raise ReadError("os", f"无法读取文件：{e.strerror or e}") from None


HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MHT_SUFFIXES = (".mht", ".mhtml")
# format → the module that reads it (each has `read(path, data) -> Source`)
_READERS: dict[str, str] = {
    "html": "auditapp.ingest.html",
    "mht": "auditapp.ingest.mht",
    "docx": "auditapp.ingest.docx",
    "xlsx": "auditapp.ingest.xlsx",
    "legacy": "auditapp.ingest.legacy",
    "pdf": "auditapp.ingest.pdf",
}
# The extensions each format is saved under, for walking folders and the open dialog.
_SUFFIXES = {
    "html": HTML_SUFFIXES,
    "mht": MHT_SUFFIXES,
    "docx": (".docx",),
    "xlsx": (".xlsx", ".xlsm"),
    "pdf": (".pdf",),
    "legacy": (".doc", ".wps", ".et", ".xls"),
}


def report_suffixes() -> tuple[str, ...]:
    """Extensions of the files auditapp reads (plain text, and each format it has a reader for)."""
    return (*TEXT_SUFFIXES, *(s for fmt in _READERS for s in _SUFFIXES[fmt] if fmt in _SUFFIXES))


def detect_format(path: str, data: bytes) -> str:
    """The format of a file's bytes: "pdf", "docx", "xlsx", "legacy", "mht", "html" or "text"."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "legacy"
    suffix = os.path.splitext(path)[1].lower()
    lowered = data[:4096].lower()
    if suffix in MHT_SUFFIXES or (b"mime-version:" in lowered and b"multipart/related" in lowered):
        return "mht"
    if suffix in HTML_SUFFIXES or _looks_html(lowered):
        return "html"
    return "text"


def _looks_html(head: bytes) -> bool:
    """A page saved with another extension (or none): it says so in its first bytes."""
    head = head.replace(b"\x00", b"")  # UTF-16 pages
    return b"<!doctype html" in head or b"<html" in head or (b"<table" in head and b"<td" in head)


def _zip_format(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except ZIP_ERRORS:
        raise ReadError("corrupt", "文件以 ZIP 格式开头，但无法打开（文件可能已损坏或不完整）") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise ReadError(
        "unsupported", "这是一个 ZIP 压缩包，不是 Word（.docx）或 Excel（.xlsx）文件；请解压后再打开其中的报告"
    )


def source_from_bytes(path: str, data: bytes) -> Source:
    fmt = detect_format(path, data)
    if fmt in _READERS:
        module = importlib.import_module(_READERS[fmt])
        source = module.read(path, data)
        check_text_length(source.text)
        return source
    kind = sniff_binary(data)
    if kind is not None:
        raise ReadError("unsupported", f"这是一个{kind}，不是可读取的报告格式（文本、网页、Word、PDF 或 Excel）")
    text, encoding = decode_text(data)
    return Source.from_text(path, check_text_length(text), format="text", encoding=encoding)


def read_source(path: str) -> Source:
    """Read a report file into Source. Raises ReadError with a message for the user."""
    return source_from_bytes(path, read_bytes(path))


__all__ = [
    "MAX_BYTES",
    "TEXT_SUFFIXES",
    "ReadError",
    "decode_text",
    "detect_format",
    "read_source",
    "report_suffixes",
    "source_from_bytes",
]
