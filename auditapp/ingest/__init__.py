"""Files → Source: one module per format. Only plain text is read so far."""

from __future__ import annotations

import os

from ..source import Source
from .errors import ReadError
from .text import decode_text

MAX_BYTES = 50 * 1024 * 1024  # a report is tens of kilobytes; larger files are not reports

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


def source_from_bytes(path: str, data: bytes) -> Source:
    kind = sniff_binary(data)
    if kind is not None:
        raise ReadError("unsupported", f"这是一个{kind}，不是文本格式的报告；目前只能读取文本文件（.txt）")
    text, encoding = decode_text(data)
    return Source.from_text(path, text, format="text", encoding=encoding)


def read_source(path: str) -> Source:
    """Read a report file into Source. Raises ReadError with a message for the user."""
    return source_from_bytes(path, read_bytes(path))


__all__ = ["MAX_BYTES", "TEXT_SUFFIXES", "ReadError", "decode_text", "read_source", "source_from_bytes"]
