"""Text laid out in columns (pdftotext `-layout` and the like): labels wrapped within their column.

Such text keeps a table's geometry with spaces. A label too long for its column wraps onto the
next lines at the same position, and those lines carry other things beside it: the row's
numbers, the next row's label, or a group label printed in the column to the left, centred on
its rows and so cut into pieces (`（六）其` … `他处理`):

         （五）不      3.要求提供公开出版物       0   0 …
         予处理
                   1、申请人无正当理由逾期不补
                   正、行政机关不再处理其政府信     67   3 …
                   息公开申请

Read line by line, `1、申请人无正当理由逾期不补` names no row and `（五）不      3.要求提供…` is one
text, so rows go missing and their numbers stray. Here a line's text is cut at wide gaps into
the pieces of its columns, and a piece that names nothing is joined with the pieces standing
at the same position on the lines below, until together they name a label of the template;
the joined label takes the first piece's place. A piece is joined only when the whole names
a label, so text that is not a wrapped label is left as it was.

This reading is tried only when the usual one leaves rows or values unread (parse/reader.py),
and kept only when it reads more.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice

from ..template import Template
from .labels import LabelIndex, LabelKind, index_for
from .tokens import Token, tokenize
from .values import parse_value

# between columns: two spaces or more, or one after a Chinese character or a closing bracket
# (a label's words are not spaced; `三、本年度办 (四)无法提 2.没有现成信息` is three columns)
_GAP = re.compile(r"\s{2,}|(?<=[^\x00-\x7f]|[)])\s(?=\S)")
_MIN_GAPPED_LINES = 5  # lines with a wide gap inside their text before the text is taken as laid out
_ALIGN = 2  # characters a wrapped piece may reach beyond its first piece's extent (centred text)
_MAX_PIECES = 12  # pieces joined into one label (a label printed vertically, a character a line)
_MAX_LINES_APART = 4  # lines between two pieces of one label
# a piece that begins a new row or group: `2、`, `（六）`, `四、`, `3.`
_NEW_ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+\s*[、.．])")
_JOINED_KINDS = (LabelKind.ROW, LabelKind.GROUP, LabelKind.TITLE)


def relayout(lines: tuple[str, ...] | list[str], template: Template) -> list[Token] | None:
    """The tokens of laid-out text with wrapped labels joined; None when the text is not laid out
    in columns or no label was joined (the usual reading stands)."""
    tokens = tokenize(lines)
    cut = _cut_columns(tokens, lines)
    if cut is None:
        return None
    pieces, whole = cut
    return _join_wrapped(pieces, whole, index_for(template))


def _cut_columns(tokens: list[Token], lines: tuple[str, ...] | list[str]) -> tuple[list[Token], list[Token]] | None:
    """The tokens with each text of an undelimited line cut at its wide gaps, and for each the
    token it was cut from; None when too few lines have such gaps for the text to be laid out."""
    out: list[Token] = []
    whole: list[Token] = []
    gapped = 0
    for tok in tokens:
        line = lines[tok.line - 1]
        cuts = [] if tok.is_value or tok.is_empty or "|" in line or "｜" in line or "\t" in line else None
        text = line[tok.start : tok.end]
        if cuts is None:
            cuts = list(_GAP.finditer(text))
        if not cuts:
            out.append(tok)
            whole.append(tok)
            continue
        gapped += 1
        begin = 0
        for k, gap in enumerate([*cuts, None]):
            end = gap.start() if gap is not None else len(text)
            part = text[begin:end]
            start = tok.start + begin
            piece = Token(part, tok.line, start, start + len(part), parse_value(part), tok.line_start and k == 0)
            piece.header = tok.header
            out.append(piece)
            whole.append(tok)
            if gap is not None:
                begin = gap.end()
    return (out, whole) if gapped >= _MIN_GAPPED_LINES else None


def _join_wrapped(tokens: list[Token], whole: list[Token], index: LabelIndex) -> list[Token] | None:
    """Pieces that name nothing joined with the pieces below them in their column, where the
    whole names a label; None when nothing was joined. A text none of whose pieces was joined
    stays whole (a column-header line is not cut into words that happen to be labels)."""
    by_line: dict[int, list[int]] = {}
    for i, tok in enumerate(tokens):
        if not (tok.is_value or tok.is_empty) or tok.text == "无":  # (无 reads as "none", or is 无法提供's)
            by_line.setdefault(tok.line, []).append(i)
    lines = sorted(by_line)
    # lines apart are counted among the lines that carry something (blank ones and page marks aside)
    position = {line: k for k, line in enumerate(sorted({t.line for t in tokens}))}
    taken: set[int] = set()
    replaced: dict[int, Token] = {}
    for i, tok in enumerate(tokens):
        if i in taken or tok.is_value or tok.is_empty or index.lookup(tok.text).candidates:
            continue
        chain = _chain(tokens, i, by_line, lines, position, taken, index)
        if chain:
            parts = [tokens[j].text for j in (i, *chain)]
            label = Token("".join(parts), tok.line, tok.start, tok.end, parse_value("".join(parts)), tok.line_start)
            replaced[i] = label
            taken.update(chain)
    if not replaced:
        return None
    used = {id(whole[i]) for i in (*replaced, *taken)}
    out: list[Token] = []
    for i, tok in enumerate(tokens):
        origin = whole[i]
        if id(origin) not in used:
            if not out or out[-1] is not origin:
                out.append(origin)
        elif i not in taken:
            _emit(out, replaced.get(i, tok), index)
    return out


def _emit(out: list[Token], label: Token, index: LabelIndex) -> None:
    """Add a piece or a joined label; a group's goes before the row labels just read whose values
    are still to come: a group label centred on its rows stands below the first of them, and
    must not part that row's label from its numbers."""
    at = len(out)
    if not (label.is_value or label.is_empty) and any(e.kind is LabelKind.GROUP for e in index.exactly(label.text)):
        while at > 0 and not (out[at - 1].is_value or out[at - 1].is_empty):
            if not any(e.kind is LabelKind.ROW for e in index.lookup(out[at - 1].text).candidates):
                break
            at -= 1
    out.insert(at, label)


def _chain(
    tokens: list[Token],
    i: int,
    by_line: dict[int, list[int]],
    lines: list[int],
    position: dict[int, int],
    taken: set[int],
    index: LabelIndex,
) -> list[int]:
    """The pieces below token i, in its column, that complete it into a label (empty: none do).
    The longest such label wins: `(六)其他` names a row, `(六)其他处理` the group it is part of."""
    first = tokens[i]
    text, chain, best = first.text, [], 0
    last_line = first.line
    # (the lines below, read lazily: the walk stops a few lines down, so a long text costs no more)
    for line in islice(lines, bisect_right(lines, first.line), None):
        if position[line] - position[last_line] > _MAX_LINES_APART or len(chain) >= _MAX_PIECES - 1:
            break
        below = next((j for j in by_line[line] if _within(tokens[j], first)), None)
        if below is None:
            continue
        piece = tokens[below]
        if below in taken or _NEW_ITEM.match(piece.text) or piece.header or index.lookup(piece.text).candidates:
            break  # the column goes on with something else: a new row, a label of its own
        text += piece.text
        chain.append(below)
        last_line = line
        if any(e.kind in _JOINED_KINDS for e in index.exactly(text)):
            best = len(chain)  # (a label and more, `(四)无法提供确`, is not a label)
    return chain[:best]


def _within(piece: Token, first: Token) -> bool:
    """Whether a piece stands in the column of the first piece of a label: under its extent,
    left-aligned or centred as a cell's text is."""
    return first.start - _ALIGN <= piece.start and piece.end <= first.end + _ALIGN


__all__ = ["relayout"]
