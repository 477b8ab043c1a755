"""PDF with a text layer → blocks → Source, with pdfplumber.

Ruled tables are found from the page's lines (`find_tables`); each becomes a TableBlock whose
spans come from its cells' boxes measured against the table's grid, so merged labels and a
header spanning columns print as one cell, as a page copied from a browser does. The text
outside the tables becomes paragraphs: the lines a paragraph wraps into are joined again
(a line that runs to the right margin continues on the next, unindented one, also over a
page break); a table drawn without lines stays one text line per row. Blocks follow each
other by position, page after page; a table broken across pages is simply the next page's
table, since the parser reads rows by their labels. Every block carries its page (a
paragraph carried over a page break, the page it starts on). A PDF without text (a scan)
cannot be read without OCR, and says so.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from ..source import Origin, Source
from .document import Block, Paragraph, TableBlock, TableCell, to_source
from .errors import ReadError
from .pdf_guard import harden_pdfminer, ours

log = logging.getLogger(__name__)

MAX_PAGES = 300  # a report has a few pages; more is another kind of document, and slow
MAX_EDGES = 20_000  # a page drawn with this many lines is a chart or a map, not a table
_SNAP = 2.0  # points: cell edges closer than this are one grid line
_MIN_TEXT = 20  # a page with fewer characters than this and an image is a scanned page
# Page furniture in the top or bottom margin: `- 3 -`, `3`, `第3页`, `第 3 页 共 8 页`, `3/8`.
_PAGE_MARK = re.compile(
    r"^\s*(?:(?:[-—–]\s*)?\d{1,4}(?:\s*[-—–])?|第\s*\d{1,4}\s*页(?:\s*(?:[,，/]\s*)?共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"  # no two optional runs of spaces side by side: linear on any line
)
_MARGIN = 0.09  # of the page's height: where page numbers stand
# A heading after a paragraph whose last line happened to fill the width: `（四）平台建设`.
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_END = re.compile(r"[。：:；;！!？?]\s*$")
_NUMERIC = re.compile(r"^[-+]?\d[\d,.]*%?$")
_WORD = re.compile(r"[0-9A-Za-z.,%]+")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def _more_pages_than(pdf: Any, limit: int) -> bool:
    """Pages counted lazily, up to the limit: pdfplumber's `pages` builds every page first
    (seven seconds for a crafted file of 50,000 empty pages)."""
    from pdfminer.pdfpage import PDFPage

    return next(itertools.islice(PDFPage.create_pages(pdf.doc), limit, None), None) is not None


@contextlib.contextmanager
def _closing(pdf: Any):
    """Close the PDF at the end. pdfplumber's close builds every page first: skipped when the
    pages were never built (the stream is ours, a BytesIO); and a broken file that fails to
    close must not replace the message already raised."""
    try:
        yield pdf
    finally:
        try:
            if hasattr(pdf, "_pages"):
                pdf.close()
        except Exception as e:
            log.debug("closing a broken PDF failed: %r", e)


def read(path: str, data: bytes) -> Source:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    harden_pdfminer()

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as e:
        raise ours(e) or _open_error(e.args[0] if e.args else e, data) from None
    except Exception as e:  # pdfminer meets broken files with all kinds of errors
        raise ours(e) or _open_error(e, data) from None
    with _closing(pdf):
        try:
            if _more_pages_than(pdf, MAX_PAGES):
                raise ReadError("too_many_pages", f"PDF 超过 {MAX_PAGES} 页的上限，不像是一份年度报告")
            pages = pdf.pages
        except ReadError:
            raise
        except Exception as e:
            raise ours(e) or _open_error(e, data) from None
        if not pages:
            raise ReadError("corrupt", "PDF 文件中没有任何页面（文件可能已损坏或不完整）")
        if len(pages) > MAX_PAGES:
            raise ReadError("too_many_pages", f"PDF 共 {len(pages)} 页，超过 {MAX_PAGES} 页的上限，不像是一份年度报告")
        blocks: list[Block] = []
        scanned: list[int] = []
        skipped: list[int] = []
        chars = unmapped = 0
        end_slack: float | None = None  # room after the previous page's last line, if a paragraph's
        broken: list[int] = []
        for page in pages:
            number = page.page_number
            try:
                found = _read_page(page)
            except MemoryError:  # past the memory ceiling: the file's failure, not a "broken page"
                raise
            except Exception as e:  # a broken page: say which one and keep the others
                if refused := ours(e):  # a bomb is the file's failure, not one page's
                    raise refused from None
                log.warning("PDF page %d of %s unreadable: %r", number, path, e)
                broken.append(number)
                end_slack = None  # no paragraph joins across the missing page
                continue
            finally:
                page.close()  # free the page's parsed objects as we go
            page_blocks = found.blocks
            if (
                end_slack is not None
                and found.flush_start
                and isinstance(blocks[-1], Paragraph)
                and isinstance(page_blocks[0], Paragraph)
                and _wrapped(end_slack, page_blocks[0].text)
                and not _tabular(blocks[-1].text)
                and not _tabular(page_blocks[0].text)
            ):
                # a paragraph carried over the page break is one paragraph (anchored where it starts)
                first = page_blocks.pop(0)
                assert isinstance(first, Paragraph)
                blocks[-1].text += _joiner(blocks[-1].text, first.text) + first.text
            blocks += page_blocks
            end_slack = found.end_slack if page_blocks else end_slack
            chars += found.chars
            unmapped += found.unmapped
            if found.chars < _MIN_TEXT and found.images:
                scanned.append(number)
            if found.skipped_tables:
                skipped.append(number)
    if broken and chars == 0:
        raise ReadError(
            "corrupt",
            f"PDF 的全部 {len(pages)} 页都无法解析，文件已损坏"
            if len(broken) == len(pages)
            else f"PDF 第 {_pages(broken)} 页已损坏、无法解析，其余各页也没有可读的文字",
        )
    if len(scanned) == len(pages) or chars == 0:
        raise ReadError(
            "needs_ocr",
            "这个 PDF 没有文字层，页面是扫描的图片（或文字已转为图形），无法直接读取其中的文字；"
            "请先用文字识别（OCR）软件把它转成带文字的 PDF 或 Word 文件，再进行审核",
        )
    if unmapped > chars / 2:
        raise ReadError(
            "no_unicode",
            "这个 PDF 的字体没有文字编码信息，提取出的只是字形编号而不是文字；"
            "请先用文字识别（OCR）软件处理，或改用该报告的网页或 Word 版本",
        )
    notes = []
    if broken:
        notes.append(f"PDF 第 {_pages(broken)} 页已损坏，无法解析，其中的内容未能读取；其余各页照常读取")
    if scanned:
        notes.append(
            f"PDF 第 {_pages(scanned)} 页没有文字层（可能是扫描图片），其中的内容无法读取，需要文字识别（OCR）"
        )
    if skipped:
        notes.append(f"PDF 第 {_pages(skipped)} 页的线条过多或无法分析（可能是图表），其中的表格按文字行读取")
    if unmapped:
        notes.append(f"PDF 中有 {unmapped} 个字符的字体没有文字编码信息，显示为 (cid:编号)")
    return to_source(path, blocks, "pdf", notes=notes)


def _open_error(error: BaseException, data: bytes) -> ReadError:
    name = type(error).__name__
    if "Password" in name or "Encryption" in name:
        return ReadError(
            "encrypted", "这个 PDF 设置了打开密码（已加密），无法读取；请用密码打开后另存为不加密的 PDF 再审核"
        )
    if b"%%EOF" not in data[-2048:]:
        return ReadError("truncated", "PDF 文件不完整（缺少文件结尾），可能没有下载完或已损坏；请重新下载")
    return ReadError("corrupt", f"PDF 文件已损坏，无法打开（{name}）")


def _pages(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers)


@dataclass
class _PageText:
    blocks: list[Block]
    chars: int  # printable characters
    unmapped: int  # characters whose font gives no Unicode: `(cid:123)`
    images: int
    skipped_tables: bool
    end_slack: float | None = None  # room left after the last line, in characters, when it is a paragraph's
    flush_start: bool = False  # the page starts with a line at the left margin (not a paragraph's first)


def _read_page(page) -> _PageText:
    origin = Origin(page=page.page_number)
    chars = _dedupe(page.chars)
    found = _PageText(
        blocks=[],
        chars=sum(1 for c in chars if not c["text"].isspace()),
        unmapped=sum(1 for c in chars if c["text"].startswith("(cid:")),
        images=len(page.images),
        skipped_tables=False,
    )
    tables: list[_Grid] = []
    if chars and (page.lines or page.rects):
        if len(page.edges) > MAX_EDGES:
            found.skipped_tables = True
        else:
            try:
                tables = [_Grid(t.cells) for t in page.find_tables() if len(t.cells) > 1]
            except Exception as e:  # odd drawings: the page is still read, as text
                log.warning("PDF page %d: table finding failed: %r", page.page_number, e)
                found.skipped_tables = True
    outside = []
    for char in chars:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not any(g.add(char, x, y) for g in tables):
            outside.append(char)
    text = _Text(page, outside, tables, origin)
    placed: list[tuple[float, Block]] = [(g.top, g.block(origin)) for g in tables]
    placed += text.paragraphs
    placed.sort(key=lambda p: p[0])
    found.blocks = [b for _, b in placed]
    if placed and isinstance(placed[0][1], Paragraph):
        found.flush_start = text.flush_start
    if placed and isinstance(placed[-1][1], Paragraph):
        found.end_slack = text.end_slack
    return found


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Without the copies that fake bold (the same glyph printed twice, a hair apart).

    pdfplumber's own `dedupe_chars` orders its result with `list.index`, quadratic in a page's
    characters; a set of rounded positions does the same here in one pass."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for c in chars:
        key = (c["text"], round(c["x0"]), round(c["top"]))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _snap(values: list[float]) -> list[float]:
    """Grid lines from cell edges: values closer than _SNAP are one line."""
    lines: list[float] = []
    for v in sorted(values):
        if not lines or v - lines[-1] > _SNAP:
            lines.append(v)
    return lines


def _index(lines: list[float], v: float) -> int:
    """The grid line nearest to an edge at v."""
    k = bisect_right(lines, v + _SNAP) - 1
    return max(k, 0)


class _Grid:
    """A ruled table: its cells placed on the grid their edges make, and the characters in each."""

    def __init__(self, cells: list[tuple[float, float, float, float]]) -> None:
        self.xs = _snap([v for c in cells for v in (c[0], c[2])])
        self.ys = _snap([v for c in cells for v in (c[1], c[3])])
        self.left, self.top, self.right, self.bottom = self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]
        # (row, col, rowspan, colspan) of each cell, and which cell stands at each grid position
        self.cells: list[tuple[int, int, int, int]] = []
        self.at: dict[tuple[int, int], int] = {}
        self.chars: list[list[dict[str, Any]]] = []
        for x0, top, x1, bottom in cells:
            c0, c1 = _index(self.xs, x0), _index(self.xs, x1)
            r0, r1 = _index(self.ys, top), _index(self.ys, bottom)
            if c1 <= c0 or r1 <= r0:
                continue
            k = len(self.cells)
            self.cells.append((r0, c0, r1 - r0, c1 - c0))
            self.chars.append([])
            for r in range(r0, r1):
                for c in range(c0, c1):
                    self.at.setdefault((r, c), k)

    def add(self, char: dict[str, Any], x: float, y: float) -> bool:
        """Take a character whose centre is in one of the table's cells."""
        if not (self.left <= x < self.right and self.top <= y < self.bottom):
            return False
        k = self.at.get((bisect_right(self.ys, y) - 1, bisect_right(self.xs, x) - 1))
        if k is None:
            return False
        self.chars[k].append(char)
        return True

    def block(self, origin: Origin) -> TableBlock:
        rows: list[list[TableCell]] = [[] for _ in range(len(self.ys) - 1)]
        for k in sorted(range(len(self.cells)), key=lambda k: self.cells[k][:2]):
            r, _, rowspan, colspan = self.cells[k]
            rows[r].append(TableCell(_cell_text(self.chars[k]), rowspan, colspan, origin))
        return TableBlock(rows)


def _cell_text(chars: list[dict[str, Any]]) -> str:
    """A cell's text on one line: its lines are where the cell wrapped it (or a label written
    one character per line), joined as a paragraph's are."""
    if not chars:
        return ""
    from pdfplumber.utils import extract_text

    text = ""
    for line in extract_text(chars).split("\n"):
        line = line.strip()
        if line:
            text += (_joiner(text, line) if text else "") + line
    return text


class _Text:
    """The text outside the tables: one paragraph per printed paragraph, wrapped lines joined."""

    def __init__(self, page, chars: list[dict[str, Any]], tables: list[_Grid], origin: Origin) -> None:
        self.paragraphs: list[tuple[float, Paragraph]] = []
        self.flush_start = False
        self.end_slack: float | None = None
        if not chars:
            return
        ids = {id(c) for c in chars}
        lines = page.filter(lambda o: o.get("object_type") != "char" or id(o) in ids).extract_text_lines(
            return_chars=False
        )
        height = float(page.height)
        lines = [
            ln
            for ln in lines
            if ln["text"].strip()
            and not (
                _PAGE_MARK.match(ln["text"]) and (ln["bottom"] < height * _MARGIN or ln["top"] > height * (1 - _MARGIN))
            )
        ]
        if not lines:
            return
        self.left = min(ln["x0"] for ln in lines)
        # where the text column ends: most long lines end there (a line ending in punctuation may
        # overhang it, so not the largest x)
        long = sorted(ln["x1"] for ln in lines if ln["x1"] - self.left > (max(x["x1"] for x in lines) - self.left) / 2)
        self.right = long[len(long) * 3 // 4]
        self.body = sorted(ln["bottom"] - ln["top"] for ln in lines)[len(lines) // 2]  # the body text's size
        prev = None
        for ln in lines:
            if prev is not None and self._continues(prev, ln, tables):
                paragraph = self.paragraphs[-1][1]
                paragraph.text += _joiner(paragraph.text, ln["text"]) + ln["text"]
            else:
                self.paragraphs.append((ln["top"], Paragraph(ln["text"], origin)))
            prev = ln
        first, last = lines[0], lines[-1]
        self.flush_start = self._flush(first) and not _HEADING.match(first["text"])
        self.end_slack = self._slack(last)

    def _slack(self, line) -> float:
        """The room left at the end of a line, in characters."""
        return (self.right - line["x1"]) / (line["bottom"] - line["top"])

    def _flush(self, line) -> bool:
        """The line starts at the left margin (a paragraph's first line is indented)."""
        return line["x0"] <= self.left + 0.6 * (line["bottom"] - line["top"])

    def _continues(self, prev, line, tables: list[_Grid]) -> bool:
        size = line["bottom"] - line["top"]
        if line["top"] - prev["bottom"] > 1.2 * size or any(prev["bottom"] <= g.top <= line["top"] for g in tables):
            return False
        prev_size = prev["bottom"] - prev["top"]
        if prev_size > self.body * 1.15 and abs(prev_size - size) < 0.5:
            return True  # a title in a larger type, wrapped (centred, so not flush left)
        return (
            not _tabular(prev["text"])
            and not _tabular(line["text"])
            and _wrapped(self._slack(prev), line["text"])
            and self._flush(line)
            and not (_HEADING.match(line["text"]) and _END.search(prev["text"]))
        )


def _tabular(text: str) -> bool:
    """A row of a table drawn without lines, read as a line of text: mostly numbers."""
    tokens = text.split()
    numbers = sum(1 for t in tokens if _NUMERIC.match(t))
    return numbers >= 3 and numbers * 2 >= len(tokens)


def _wrapped(slack: float, after: str) -> bool:
    """Whether a line with `slack` characters of room left wrapped because the next line's first
    word did not fit: a Chinese character, or a run of digits and letters (half as wide)."""
    word = _WORD.match(after)
    return slack < 1.5 + 0.55 * (len(word.group()) if word else 0)


def _joiner(before: str, after: str) -> str:
    """What stood where a line wrapped: nothing in Chinese or inside a number, a space between words."""
    a, b = before[-1:], after[:1]
    if _WIDE.match(a) or _WIDE.match(b) or (a.isdigit() and b.isdigit()):
        return ""
    return " "
