"""Word .docx → blocks: the body's paragraphs and tables in document order, merged cells kept.

The main part is parsed with lxml and walked as XML, because python-docx's object model
leaves out what real reports hold: content controls (`w:sdt`) around paragraphs, rows or cells, runs
inside tracked insertions or hyperlinks, text boxes, and merged cells (it hands back the same
cell for every grid position a merge covers). Headers and footers are page furniture and are
not read.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from ..source import Source
from .document import Block, Paragraph, TableBlock, TableCell, to_source
from .errors import ReadError
from .limits import ZIP_ERRORS, check_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _TBL, _TR, _TC = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{W}sdt", f"{W}sdtContent", f"{W}customXml"
_T, _TAB, _BR, _CR = f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"
_TXBX = f"{W}txbxContent"
_ALT_CHUNK = f"{W}altChunk"
_VAL = f"{W}val"
_TR_PR, _TC_PR = f"{W}trPr", f"{W}tcPr"
_GRID_BEFORE, _GRID_SPAN, _V_MERGE, _H_MERGE = (f"{W}{n}" for n in ("gridBefore", "gridSpan", "vMerge", "hMerge"))
# Wrappers whose children are content of the same level as themselves.
_WRAPPERS = frozenset({_SDT, _SDT_CONTENT, _CUSTOM_XML})
# Inside a paragraph: properties hold no text, deleted text is not shown, and a text box's
# fallback (`mc:Fallback`, VML) repeats the text of its `mc:Choice`.
_NO_TEXT = frozenset(
    {f"{W}pPr", f"{W}rPr", f"{W}del", f"{W}moveFrom", f"{W}sdtPr", f"{W}sdtEndPr", f"{MC}Fallback", f"{W}instrText"}
)
_TABS = f"{W}tabs"
# what needs the careful walk: text not shown, or shown elsewhere
_RARE = (f"{W}del", f"{W}moveFrom", f"{MC}Fallback", _TXBX)
_CHARS = {_TAB: "\t", _BR: "\n", _CR: "\n", f"{W}noBreakHyphen": "-", f"{W}softHyphen": ""}

# A table whose cells hold tables and that is this narrow is page layout (a whole page wrapped
# in a one-cell table, as documents copied from web pages are): its content is read as blocks.
_LAYOUT_MAX_COLUMNS = 3


def read(path: str, data: bytes) -> Source:
    body, damage = _body(data)
    blocks: list[Block] = []
    _read_blocks(body, blocks)
    notes = []
    if damage:
        notes.append(f"Word 正文的 XML 有损坏（{damage}），已读出其余内容；损坏处附近的文字或表格可能缺失")
    chunks = sum(1 for _ in body.iter(_ALT_CHUNK))
    if chunks:  # web pages exported to Word embed their HTML whole; Word renders it, the XML does not hold it
        notes.append(f"文档中有 {chunks} 处嵌入的其他格式内容（如网页），未能读取；请在 Word 中另存为 .docx 后再打开")
    return to_source(path, blocks, format="docx", notes=notes)


def read_blocks(data: bytes) -> list[Block]:
    """The body's paragraphs and tables in document order."""
    blocks: list[Block] = []
    _read_blocks(_body(data)[0], blocks)
    return blocks


def check_unpacked_size(data: bytes, kind: str) -> None:
    """Refuse a package that would unpack to far more than any report, or holds a zip bomb
    (shared with the .xlsx reader; the limits are ingest.limits')."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            check_zip(z, f"{kind}文件")
    except ZIP_ERRORS:
        raise ReadError("corrupt", f"{kind}文件已损坏或不完整，无法打开（ZIP 结构有误）") from None


def _body(data: bytes):
    """The main document part's w:body, and where its XML is damaged ("" if it is not). Only
    that part is read: opening the package with python-docx parses every XML part and reads
    every image, fifteen times the work."""
    check_unpacked_size(data, "Word ")
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            name = _main_part(z, parser)
            xml = z.read(name)
    except KeyError:
        raise ReadError("corrupt", "Word 文件已损坏：找不到正文部分（word/document.xml）") from None
    except ZIP_ERRORS as e:
        raise ReadError("corrupt", f"Word 文件已损坏或不完整，无法打开（{e}）") from None
    if b"<!DOCTYPE" in xml:  # Word never writes one; entities are never expanded, but say so plainly
        raise ReadError("unsafe", "Word 文件中含有不安全的 XML 声明（实体或 DTD），已拒绝读取")
    damage = ""
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as e:
        # A damaged part (a flipped byte, a cut-off file): keep what lxml's recovering parser
        # reads around the damage, and say where it is, rather than lose the whole report.
        damage = _where(e)
        recovering = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True, recover=True)
        try:
            root = etree.fromstring(xml, recovering)
        except etree.XMLSyntaxError:
            root = None
    body = root.find(f"{W}body") if root is not None else None
    if body is None:
        if damage:
            raise ReadError("corrupt", f"Word 文件已损坏：正文的 XML 无法解析（{damage}）")
        raise ReadError("corrupt", "Word 文件已损坏：正文部分没有内容（缺少 w:body）")
    return body, damage


def _where(error) -> str:
    """An lxml syntax error as "第 L 行第 C 列：message" (its message repeats the place in English)."""
    message = re.sub(r",\s*line \d+, column \d+\s*$", "", str(error.msg))
    line, column = error.position if error.position else (error.lineno, None)
    if not line:
        return message
    return f"第 {line} 行{f'第 {column} 列' if column else ''}：{message}"


def _main_part(z: zipfile.ZipFile, parser) -> str:
    """The part the package's relationships name as the office document (word/document.xml as Word saves it)."""
    from lxml import etree

    try:
        rels = etree.fromstring(z.read("_rels/.rels"), parser)
    except (KeyError, etree.XMLSyntaxError):
        return "word/document.xml"
    for rel in rels:
        if str(rel.get("Type", "")).endswith("/officeDocument") and rel.get("TargetMode") != "External":
            return posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
    return "word/document.xml"


def _read_blocks(container, out: list[Block]) -> None:
    """Paragraphs and tables of a body, a cell, a content control or a text box, in order."""
    for child in container:
        tag = child.tag
        if tag == _P:
            boxes: list = []
            out.append(Paragraph(_text(child, boxes)))
            for box in boxes:  # a text box's content reads after the paragraph it is anchored in
                _read_blocks(box, out)
        elif tag == _TBL:
            _read_table(child, out)
        elif tag in _WRAPPERS:
            _read_blocks(child, out)


def _text(p, boxes: list) -> str:
    if next(p.iter(*_RARE), None) is None:  # most paragraphs: their text elements in order
        return "".join(
            el.text or "" if el.tag == _T else _CHARS[el.tag]
            for el in p.iter(*_CHARS, _T)
            if el.tag != _TAB or el.getparent().tag != _TABS  # a tab stop's definition is no tab
        )
    parts: list[str] = []
    _collect(p, parts, boxes)
    return "".join(parts)


def _collect(element, parts: list[str], boxes: list) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag in _CHARS:
            parts.append(_CHARS[tag])
        elif tag == _TXBX:
            boxes.append(child)
        elif tag not in _NO_TEXT and isinstance(tag, str):  # comments and processing instructions have no str tag
            _collect(child, parts, boxes)


def _children(element, tag: str):
    """`element`'s children of `tag`, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _int_prop(props, tag: str, default: int) -> int:
    el = props.find(tag) if props is not None else None
    if el is None:
        return default
    try:
        return max(int(el.get(_VAL, default)), 0)
    except ValueError:
        return default


def _merge(props, tag: str) -> str | None:
    """ "restart", "continue" or None for a cell's vMerge/hMerge (no value means continue)."""
    el = props.find(tag) if props is not None else None
    if el is None:
        return None
    return "restart" if el.get(_VAL) == "restart" else "continue"


def _read_table(tbl, out: list[Block]) -> None:
    rows: list[list[TableCell]] = []
    contents: list[list[list[Block]]] = []  # each started cell's own blocks, for a layout table
    open_merges: dict[int, TableCell] = {}  # grid column → the cell a vertical merge started
    width = 0
    nested = False
    for tr in _children(tbl, _TR):
        col = _int_prop(tr.find(_TR_PR), _GRID_BEFORE, 0)
        row: list[TableCell] = []
        row_blocks: list[list[Block]] = []
        merging: dict[int, TableCell] = {}
        for tc in _children(tr, _TC):
            props = tc.find(_TC_PR)
            span = max(_int_prop(props, _GRID_SPAN, 1), 1)
            vmerge = _merge(props, _V_MERGE)
            if vmerge == "continue" and col in open_merges:
                above = open_merges[col]
                above.rowspan += 1
                merging[col] = above
                col += span
                continue
            if _merge(props, _H_MERGE) == "continue" and row:  # Word 97's horizontal merge
                row[-1].colspan += span
                col += span
                continue
            blocks: list[Block] = []
            _read_blocks(tc, blocks)
            nested = nested or any(isinstance(b, TableBlock) for b in blocks)
            cell = TableCell(_cell_text(blocks), colspan=span)
            row.append(cell)
            row_blocks.append(blocks)
            if vmerge == "restart":
                merging[col] = cell
            col += span
        open_merges = merging
        width = max(width, col)
        rows.append(row)
        contents.append(row_blocks)
    if nested and width <= _LAYOUT_MAX_COLUMNS:
        for row_blocks in contents:
            for blocks in row_blocks:
                out.extend(blocks)
        return
    out.append(TableBlock(rows))


def _cell_text(blocks: list[Block]) -> str:
    """A cell's paragraphs joined by line breaks (`clean` joins them); a nested table's rows too."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.text.strip():
                lines.append(block.text)
        else:
            lines += [" ".join(c.text for c in row if c.text.strip()) for row in block.rows]
    return "\n".join(line for line in lines if line.strip())
