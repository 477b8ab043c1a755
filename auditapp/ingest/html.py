"""Saved web pages (.html, .htm) → blocks → Source.

The charset comes from a byte-order mark, then the page's own declaration (`<meta charset>`,
`http-equiv="Content-Type"`, an XML declaration), else the text reader's detection; a declared
charset the bytes do not fit falls back to detection. GB2312 and GBK pages are decoded as
GB18030, the superset their bytes usually need.

lxml parses the page without fetching anything (no network, no external entities) and the
walk below never looks at scripts, styles or anything hidden. Government sites wrap whole pages
in layout tables (a table whose cells hold paragraphs or further tables); those are walked
into, and only tables of short cells come out as tables, with their row and column spans.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from ..source import Source
from . import html5
from .document import Block, Paragraph, TableBlock, TableCell, clean, to_source
from .errors import ReadError
from .text import decode_text

if TYPE_CHECKING:
    from lxml.etree import _Element

# Elements whose content a reader never sees.
_SKIP = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "select",
        "textarea",
        "button",
        "input",
    }
)
# Elements that start and end a line of text.
_BLOCK = frozenset(
    {
        "html",
        "body",
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "legend",
        "li",
        "listing",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "ul",
        "xmp",
        "caption",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
    }
)
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})

_MAX_COLSPAN = 100  # the widest report table has 16 columns; more is a broken page
_MAX_DEPTH = 200  # nesting deeper than this is not a page anyone wrote; its text is read flat
# A cell this long, made of several paragraphs, is a page's content box, not a table cell.
_LAYOUT_CELL_CHARS = 200
_LONG_CELL_CHARS = 600

_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NO_BORDER = re.compile(r"border\s*:\s*none", re.I)
# A DOCTYPE with an internal subset (entity declarations): HTML has no use for one, and libxml2's
# HTML parser would print its tail as text. Entities are never expanded either way.
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.I | re.S)
_DOCTYPE = re.compile(r"<!DOCTYPE", re.I)
_SPAN_NUMBER = re.compile(r"\s*\+?(\d{1,6})")

_DECLARED = (
    re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']?\s*([\w.:\-]+)""", re.I),
    re.compile(rb"""<meta\b[^>]{0,500}?charset\s*=\s*["']?\s*([\w.:\-]+)""", re.I),
)
_GB = frozenset(
    {"gb2312", "gbk", "gb18030", "gb_2312_80", "euc_cn", "cp936", "x_gbk", "csgb2312", "ms936", "windows_936"}
)
_BIG5 = frozenset({"big5", "big5hkscs", "big5_hkscs", "cp950", "x_x_big5", "csbig5"})
# Western code pages: Chinese pages declare them by mistake (a CMS default) more often than they use them.
_WESTERN = frozenset({"iso8859_1", "latin_1", "cp1252", "ascii", "us_ascii", "windows_1252"})


def read(path: str, data: bytes) -> Source:
    text, encoding, notes = decode_html(data)
    return source_from_html(path, text, encoding, notes, "html")


def source_from_html(path: str, text: str, encoding: str | None, notes: list[str], fmt: str) -> Source:
    """Decoded page → Source; shared by the MHT reader."""
    blocks = page_blocks(text)
    if not any(isinstance(b, TableBlock) or clean(b.text) for b in blocks):
        raise ReadError("empty", "网页中没有可显示的文字（可能只有脚本、图片或框架，报告内容不在这个文件里）")
    return to_source(path, blocks, fmt, encoding, notes)


# ---- charset --------------------------------------------------------------------------------


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares in its first bytes, if any."""
    head = data[:16384]
    for pattern in _DECLARED:
        m = pattern.search(head)
        if m:
            return m.group(1).decode("ascii", "replace").strip().lower()
    return None


def _codec(name: str) -> str | None:
    """Python's codec for a declared charset; GB2312/GBK as GB18030, Big5 as Big5-HKSCS."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        codec = name.replace("-", "_")
    key = codec.replace("-", "_")
    if key in _GB or name.replace("-", "_") in _GB:
        return "gb18030"
    if key in _BIG5:
        return "big5hkscs"
    try:  # "base64", "rot13" are codecs too, but not of text; "idna", "undefined" refuse text outright
        "x".encode(codec, "ignore")
        b"x".decode(codec)
    except (LookupError, UnicodeError, TypeError, ValueError):
        return None
    return codecs.lookup(codec).name


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """(text, encoding, notes): the page decoded by its BOM, its declaration, or detection."""
    if not data.strip():
        raise ReadError("empty", "文件为空，没有可读取的内容")
    for bom in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            text, encoding = decode_text(data)  # the text reader knows BOMs and refuses broken ones
            return text, encoding, []
    nuls = data.count(0)
    if nuls and nuls <= max(2, len(data) // 100):
        data = data.replace(b"\x00", b"")  # a stray NUL or two (UTF-16 pages have one in every other byte)
    notes: list[str] = []
    declared = declared or declared_charset(data)
    codec = _codec(declared) if declared else None
    if codec is not None and codec.startswith(("utf_16", "utf_32", "utf-16", "utf-32")):
        # ASCII-compatible bytes are not UTF-16, whatever they say; real UTF-16 without a BOM
        # has its byte order told by detection
        codec = "utf-8" if b"\x00" not in data[:4096] else None
    if codec is not None and codec.replace("-", "_") not in _WESTERN:
        try:
            return data.decode(codec), codec, notes
        except UnicodeDecodeError:
            notes.append(f"网页声明的字符编码为 {declared}，但内容不符合该编码，已自动识别编码")
    try:
        text, encoding = decode_text(data)
    except ReadError:
        if codec is None:
            raise
        # nothing fits better: the declaration, with what does not decode shown as U+FFFD
        notes.append(f"网页内容有部分字节无法按声明的编码 {declared} 解码，已显示为替换字符")
        return data.decode(codec, errors="replace"), codec, notes
    return text, encoding, notes


# ---- blocks ---------------------------------------------------------------------------------


def _without_subset(page: str) -> str:
    """The page without its DOCTYPE's internal subset. Tried at the first DOCTYPE only: tried at
    every one, as a search does, "<!DOCTYPE x[" repeated made each attempt scan to the end."""
    found = _DOCTYPE.search(page)
    m = _DOCTYPE_SUBSET.match(page, found.start()) if found else None
    return page[: m.start()] + page[m.end() :] if m else page


def page_blocks(text: str) -> list[Block]:
    """A decoded page as paragraphs and data tables, in document order."""
    from lxml import etree, html  # lazy: reading text files never pays for lxml

    parser = html.HTMLParser(
        encoding="utf-8",  # the text is decoded already; whatever the page declares is ignored
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        default_doctype=False,
    )
    try:
        page = _without_subset(text.replace("\x00", ""))
        # as a browser reads it: an unclosed <embed> or <map> hides nothing
        if html5.available() and not html5.too_deep(page):
            root = html5.parse(page)
        else:  # a build without selectolax, or absurd nesting: libxml2's HTML 4 rules
            root = etree.fromstring(page.encode("utf-8", "surrogatepass"), parser)
    except (etree.LxmlError, ValueError):
        root = None
    if root is None:
        raise ReadError("html", "网页无法解析：文件中没有可读取的网页内容（可能已损坏或为空）")
    walker = _Walker()
    title = root.find("head/title")
    walker.walk(root, 0)
    walker.flush()
    blocks = walker.blocks
    heading = clean(title.text_content()) if title is not None else ""
    # the page's <title> names the report when the body does not (its heading is a picture)
    if _names_report(heading) and not any(
        isinstance(b, Paragraph) and _names_report(clean(b.text)) for b in blocks[:10]
    ):
        blocks.insert(0, Paragraph(heading))
    return blocks


def _names_report(text: str) -> bool:
    return "年度报告" in text and len(text) <= 100


def _tag(el: _Element) -> str | None:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None  # comments, entities, PIs have no name


def _hidden(el: _Element) -> bool:
    style = el.get("style")
    return el.get("hidden") is not None or (style is not None and _HIDDEN.search(style) is not None)


def _skipped(el: _Element, tag: str | None) -> bool:
    return tag is None or tag in _SKIP or _hidden(el)


class _Walker:
    """Document order: inline text gathers into a line; a block element or <br> ends it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.line: list[str] = []

    def flush(self) -> None:
        text = "".join(self.line)
        self.line = []
        if text.strip():
            self.blocks.append(Paragraph(text))

    def walk(self, el: _Element, depth: int) -> None:
        tag = _tag(el)
        if _skipped(el, tag):
            return
        if depth > _MAX_DEPTH:
            self.line.append(_text(el, 0))
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(el, depth)
            return
        if tag in ("pre", "xmp", "listing"):  # line breaks in the source are the text's lines
            self.flush()
            self.blocks += [Paragraph(line) for line in _text(el, 0).split("\n")]
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if el.text:
            self.line.append(el.text)
        for child in el:
            self.walk(child, depth + 1)
            if child.tail:
                self.line.append(child.tail)
        if block:
            self.flush()

    def table(self, table: _Element, depth: int) -> None:
        rows = _rows(table)
        if _is_layout(table, rows):
            for child in table:  # captions, rows and cells, in order, as any other content
                self.walk(child, depth + 1)
            return
        for caption in table.iterchildren("caption"):
            if text := _text(caption, depth):
                self.blocks.append(Paragraph(text))
        self.blocks.append(_data_table(rows, depth))


def _rows(table: _Element) -> list[_Element]:
    """The table's own rows (not those of tables nested in its cells), in document order."""
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in _SECTIONS:
            rows += [r for r in child if _tag(r) == "tr"]
    return [r for r in rows if not _hidden(r) and not _spacer(r)]


def _spacer(row: _Element) -> bool:
    """Word's `<tr height=0>` of borderless empty cells that fixes column widths: not a row of blanks."""
    cells = _cells(row)
    if not cells or any(c.text_content().strip() for c in cells):
        return False
    return row.get("height", "").strip() == "0" or all(_NO_BORDER.search(c.get("style", "")) for c in cells)


def _cells(row: _Element) -> list[_Element]:
    return [c for c in row if _tag(c) in _CELLS]


def _is_layout(table: _Element, rows: list[_Element]) -> bool:
    """A table that arranges a page rather than holding figures: one cell per row at most, a
    table inside a cell, or a cell holding paragraphs of prose."""
    cells = [_cells(r) for r in rows]
    if max((len(c) for c in cells), default=0) <= 1:
        return True
    for row in cells:
        for cell in row:
            if next(cell.iter("table"), None) is not None:
                return True
            size = len(cell.text_content())
            if size > _LONG_CELL_CHARS:
                return True
            if size > _LAYOUT_CELL_CHARS and sum(1 for e in cell.iter() if _tag(e) in _BLOCK or _tag(e) == "br") > 2:
                return True
    return False


def _data_table(rows: list[_Element], depth: int) -> TableBlock:
    out: list[list[TableCell]] = []
    for r, row in enumerate(rows):
        left = len(rows) - r  # rows from this one to the table's end
        line = []
        for cell in _cells(row):
            rowspan = _span(cell.get("rowspan"), left)
            colspan = _span(cell.get("colspan"), 1)
            line.append(TableCell(_text(cell, depth), min(rowspan, left), min(colspan, _MAX_COLSPAN)))
        out.append(line)
    return TableBlock(out)


def _span(value: str | None, zero: int) -> int:
    """A rowspan/colspan as browsers read it: leading digits, 0 meaning `zero`, junk meaning 1."""
    if value is None:
        return 1
    m = _SPAN_NUMBER.match(value)
    if m is None:
        return 1
    n = int(m.group(1))
    return zero if n == 0 else n


def _text(el: _Element, depth: int) -> str:
    """An element's visible text; a <br> or block boundary inside it is a line break, which
    `document.clean` later joins (without a space between Chinese characters)."""
    parts: list[str] = []

    def visit(e: _Element, d: int) -> None:
        tag = _tag(e)
        if _skipped(e, tag):
            return
        if tag == "br":
            parts.append("\n")
            return
        block = tag in _BLOCK
        if block:
            parts.append("\n")
        if e.text:
            parts.append(e.text)
        if d < _MAX_DEPTH:
            for child in e:
                visit(child, d + 1)
                if child.tail:
                    parts.append(child.tail)
        if block:
            parts.append("\n")

    visit(el, depth)
    return "".join(parts).strip("\n")
