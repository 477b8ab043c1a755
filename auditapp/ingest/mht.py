"""Single-file web pages (.mht, .mhtml; Word's and Internet Explorer's "网页，单个文件").

An MHT file is a MIME message: the page is its first text/html part (quoted-printable or
base64, with its charset in the part's header), the pictures and styles are other parts and
are ignored. The page is then read as any other page, format "mht".
"""

from __future__ import annotations

import email
import email.message

from ..source import Source
from . import _looks_html
from .errors import ReadError
from .html import decode_html, source_from_html


def read(path: str, data: bytes) -> Source:
    if not data.strip():
        raise ReadError("empty", "文件为空，没有可读取的内容")
    part = _html_part(data)
    if part is None:
        if _looks_html(data[:4096].lower()):  # a plain page saved under an .mht name
            text, encoding, notes = decode_html(data)
            return source_from_html(path, text, encoding, notes, "mht")
        raise ReadError("mht", "这个 MHT 单文件网页中没有网页正文（text/html）部分，无法读取（文件可能已损坏）")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise ReadError("mht", "这个 MHT 单文件网页的网页正文部分是空的，无法读取")
    text, encoding, notes = decode_html(payload, declared=part.get_content_charset())
    return source_from_html(path, text, encoding, notes, "mht")


def _html_part(data: bytes) -> email.message.Message | None:
    try:
        message = email.message_from_bytes(data)
        for part in message.walk():
            if part.get_content_type() == "text/html" and not part.is_multipart():
                return part
    except (ValueError, LookupError, TypeError, IndexError):
        return None
    except RecursionError:  # multiparts nested thousands deep: the parser recurses once per level
        raise ReadError("mht", "这个 MHT 单文件网页的结构嵌套过深（可能是恶意构造的文件），无法读取") from None
    return None
