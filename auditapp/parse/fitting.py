"""How a row's tokens fit its cells: the small pure helpers of the table reader (tables.py).

Blank cells placed by the padding of complete rows (`_align`), two numbers whose delimiter
went missing (`_split_joined_cells`), how many values follow a label, and what a text that
is no label may be.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..source import Span
from ..template import Group, Row
from .labels import Entry, Match
from .tokens import Token
from .values import Kind, parse_value

if TYPE_CHECKING:
    from .tables import _OpenRow

# Text inside an unfinished row is read as a cell that is not a number (`约5`, `O`, `约218460`)
# rather than as the end of the row when it is this short, or has a digit and is not much longer.
_MAX_TEXT_CELL = 6
_MAX_NUMERIC_TEXT_CELL = 24


_BRACKETED = re.compile(r"\(([^()]+)\)$")


def _bracketed(text: str) -> str:
    """What a label key ends with in brackets (`行政诉讼(复议后起诉)` → `复议后起诉`), or ''."""
    m = _BRACKETED.search(text)
    return m.group(1) if m else ""


def _number(entry: Entry) -> str | None:
    item = entry.item
    return item.number if isinstance(item, Row | Group) else None


def _garbled_value(match: Match) -> bool:
    """Whether unreadable text looks like a value that went wrong rather than a label or a note."""
    text = match.text
    if match.markers or not text:
        return False
    return len(text) <= _MAX_TEXT_CELL or (len(text) <= _MAX_NUMERIC_TEXT_CELL and any(ch.isdigit() for ch in text))


_LOOKAHEAD = 64
_NUMBERS = re.compile(r"\S+")


def _split_joined_cells(opened: _OpenRow) -> None:
    """`6 0` in a row one cell short: a delimiter went missing between two numbers; split them."""
    short = len(opened.cell_ids) - sum(1 for t in opened.tokens if not t.is_empty)
    if short <= 0:
        return
    for k, tok in enumerate(opened.tokens):
        if tok.value.kind is not Kind.TEXT:
            continue
        parts = [(m.start(), m.group()) for m in _NUMBERS.finditer(tok.text)]
        values = [parse_value(text) for _, text in parts]
        if len(parts) == short + 1 and all(v.kind is Kind.NUMBER for v in values):
            opened.tokens[k : k + 1] = [
                Token(text, tok.line, tok.start + at, tok.start + at + len(text), v, False)
                for (at, text), v in zip(parts, values, strict=True)
            ]
            return


def _count_values(tokens: list[Token], i: int) -> int:
    """How many values follow token i before the next text (counting up to _LOOKAHEAD)."""
    count = 0
    for tok in tokens[i + 1 : i + 1 + 2 * _LOOKAHEAD]:
        if tok.is_empty or (tok.header and not count):
            continue  # blanks, and a column-header line between a row's heading and its data
        if not tok.is_value or count == _LOOKAHEAD:
            break
        count += 1
    return count


def _words_only(text: str) -> bool:
    """Chinese words and no digit: the tail of a wrapped label (`信息`), not a garbled number."""
    return not any(ch.isdigit() for ch in text) and any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _span(tok: Token) -> Span:
    return Span(tok.line, tok.start, tok.end)


def _align(tokens: list[Token], n: int, typical: tuple[int, int] | None) -> tuple[list[Token | None], int, str]:
    """Fit a row's tokens to its n cells → (token or None per cell, how many missing, problem code).

    Empty fields between a row's values are blank cells. Around the values they are mostly
    merged-cell padding, which is the same for every row of one shape; so when a row comes up
    short, the padding it has beyond what its complete siblings have (`typical`) tells on which
    side its blank cells stand. Without siblings to learn from, the side with padding is taken,
    and either way the assumption is reported.
    """
    filled = [i for i, t in enumerate(tokens) if not t.is_empty]
    # Exactly as many fields as its siblings' padding and its cells: blanks around the values
    # are cells too (a row of blanks for zeros, a table from a Word file or a page).
    usual = typical[0] + n + typical[1] if typical else n
    if len(tokens) == usual and (typical or not filled or len(filled) < n):
        at = typical[0] if typical else 0
        return list(tokens[at : at + n]), 0, ""
    if not filled:
        return [], n, ""
    lead, trail = filled[0], len(tokens) - 1 - filled[-1]
    core = tokens[filled[0] : filled[-1] + 1]
    if len(core) == n:
        return list(core), 0, ""
    if len(core) > n:
        nonempty = [tokens[i] for i in filled]
        if len(nonempty) == n:
            return list(nonempty), 0, ""
        if len(nonempty) > n:
            return list(nonempty[:n]), 0, "structure.extra_values"
        return list(core[:n]), 0, "structure.alignment"
    short = n - len(core)
    usual_lead, usual_trail = typical if typical else (lead - short if lead > short else 0, 0)
    at_end = min(short, max(0, trail - usual_trail))
    at_front = min(short - at_end, max(0, lead - usual_lead))
    if at_end + at_front == 0:
        return [*core, *([None] * short)], short, ""
    front = tokens[lead - at_front : lead]
    end = tokens[filled[-1] + 1 : filled[-1] + 1 + at_end]
    missing = short - at_front - at_end
    return [*front, *core, *end, *([None] * missing)], missing, "structure.alignment"
