"""Source lines → a stream of cell tokens with exact spans.

Copied tables arrive as `a | b | c |` rows, tab-separated rows, one cell per line, or rows
wrapped over two lines. The parser ignores line boundaries and reads the stream by labels,
so the tokeniser only has to cut cells out of lines faithfully:

- a line with `|` is split on `|`, one with a tab on tabs; any other line is one token,
  unless it is a label followed by numbers separated by spaces (text taken from PDFs);
- a Markdown table's divider line (`|---|:---:|`) is layout, not a row of "none" marks: it is
  dropped when it follows a delimited line and has as many fields as that line;
- empty fields before a line's first text are merged-cell padding and dropped, and so is
  the empty field after a line's closing delimiter; empty fields between values are kept,
  because a blank cell is information, and so is a line that is one empty cell (` |`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .values import Kind, Value, parse_value, parse_value_cached

# Text from PDFs: `(三)不予公开 1.属于国家秘密 0 0 0 0 0 0 0` — a label, then numbers.
_NUMERIC_FIELD = re.compile(r"[+\-]?[\d０-９][\d０-９.,，]*|[—\-/／]{1,2}|无")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_FIELD = re.compile(r"\S+")
_BLANK = Value(Kind.BLANK)


_NUMBER, _PLACEHOLDER, _BLANK_KIND = Kind.NUMBER, Kind.PLACEHOLDER, Kind.BLANK


@dataclass(slots=True, init=False)  # not frozen, and built by hand: tokens are many
class Token:
    text: str  # stripped, as in the source
    line: int  # 1-based
    start: int
    end: int
    value: Value
    line_start: bool  # first token cut from its line
    padding: tuple[tuple[int, int], ...]  # empty fields dropped before it on its line
    # asked of every token many times over: worked out once, when the token is made
    is_empty: bool
    is_value: bool
    header: bool  # cut from a column-header line (three or more texts and no value): not data

    def __init__(
        self,
        text: str,
        line: int,
        start: int,
        end: int,
        value: Value,
        line_start: bool,
        padding: tuple[tuple[int, int], ...] = (),
    ) -> None:
        self.text = text
        self.line = line
        self.start = start
        self.end = end
        self.value = value
        self.line_start = line_start
        self.padding = padding
        kind = value.kind
        self.is_empty = kind is _BLANK_KIND
        self.is_value = kind is _NUMBER or kind is _PLACEHOLDER
        self.header = False


def _split_spaced(line: str) -> list[tuple[int, int]]:
    """A line without delimiters: one token, or a label and the numbers after it (PDF text)."""
    fields = [(m.start(), m.end()) for m in _FIELD.finditer(line)]
    if not fields:
        return []
    k = len(fields)
    while k > 0 and _NUMERIC_FIELD.fullmatch(line, *fields[k - 1]):
        k -= 1
    if k == len(fields):
        return [(fields[0][0], fields[-1][1])]
    if k == 0:
        return fields if len(fields) >= 2 else [(fields[0][0], fields[0][1])]
    label = line[fields[0][0] : fields[k - 1][1]]
    if len(label) > 60 or _SENTENCE_END.search(label) or not _CJK.search(label) or parse_value(label).is_value:
        return [(fields[0][0], fields[-1][1])]
    return [(fields[0][0], fields[k - 1][1]), *fields[k:]]


# Page furniture of documents printed to text: `- 3 -`, `第3页`, `第 3 页 共 8 页`, `3/8`.
_PAGE_MARK = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*(?:[,，/]\s*)?共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$",
    re.IGNORECASE,
)


def _is_page_number(lines: tuple[str, ...] | list[str], k: int) -> bool:
    """A bare number on its own line between table lines that have delimiters: a page number."""
    text = lines[k].strip()
    if not text.isdigit() or len(text) > 4:
        return False
    before = next((ln for ln in reversed(lines[max(0, k - 3) : k]) if ln.strip()), "")
    after = next((ln for ln in lines[k + 1 : k + 4] if ln.strip()), "")
    return all(("|" in ln or "\t" in ln) for ln in (before, after))


_DIVIDER_FIELD = re.compile(r":?-{3,}:?")  # matched on the stripped field


def _fields(line: str) -> list[str]:
    """A delimited line's fields, without the empty ones around its outer delimiters."""
    parts = (line.replace("｜", "|") if "｜" in line else line).split("|")
    if parts and not parts[0].strip():
        parts = parts[1:]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    return parts


def _is_divider(lines: tuple[str, ...] | list[str], k: int) -> bool:
    """`|---|---|` under a delimited line with as many fields: a Markdown table's divider."""
    fields = _fields(lines[k])
    if not fields or not all(_DIVIDER_FIELD.fullmatch(f.strip()) for f in fields) or k == 0:
        return False
    above = lines[k - 1]
    return ("|" in above or "｜" in above) and len(_fields(above)) == len(fields)


def tokenize(lines: tuple[str, ...] | list[str]) -> list[Token]:
    tokens: list[Token] = []
    for number, line in enumerate(lines, 1):
        if "|" in line or "｜" in line:
            # a table row (never blank, never page furniture); both bars are one character
            if "---" in line and _is_divider(lines, number - 1):
                continue
            parts = (line.replace("｜", "|") if "｜" in line else line).split("|")
        elif not line.strip() or _PAGE_MARK.match(line) or _is_page_number(lines, number - 1):
            continue
        elif "\t" in line:
            parts = line.split("\t")
        else:
            for k, (start, end) in enumerate(_split_spaced(line)):
                text = line[start:end]
                tokens.append(Token(text, number, start, end, parse_value(text), k == 0))
            continue
        if not parts[-1].strip():
            parts.pop()  # the empty field after the line's closing delimiter
        first = len(tokens)
        _cut_fields(tokens, number, parts)
        _mark_header(tokens, first)
    return tokens


_MIN_HEADER_FIELDS = 3


def _mark_header(tokens: list[Token], first: int) -> None:
    """A delimited line of three or more texts and no value is a column-header line
    (`| 类别 | 数据1 | 数据2 | … | 总计 |`): its words are not a row's values, even short ones."""
    texts = 0
    for tok in tokens[first:]:
        if tok.is_value:
            return
        if not tok.is_empty:
            texts += 1
    if texts >= _MIN_HEADER_FIELDS:
        for tok in tokens[first:]:
            tok.header = True


@lru_cache(maxsize=4096)  # fields repeat: " 0 ", labels, headers
def _field(part: str) -> tuple[str, int, Value] | None:
    """A field's text, where it starts within the field, and its value; None when blank."""
    text = part.strip()
    return (text, part.find(text), parse_value_cached(text)) if text else None


def _cut_fields(tokens: list[Token], number: int, parts: list[str]) -> None:
    """Tokens of a delimited line's fields (`parts`, each followed by a one-character delimiter)."""
    pos = 0
    padding: list[tuple[int, int]] | None = []  # None once the line's first text is cut
    for part in parts:
        end = pos + len(part)
        field = _field(part)
        if field is None:
            if padding is not None:
                padding.append((pos, end))  # before the line's first text
            else:
                # a blank cell is located by its whole field, so it can be shown
                tokens.append(Token("", number, pos, end, _BLANK, False))
        else:
            text, lead, value = field
            start = pos + lead
            if padding is not None:
                tokens.append(Token(text, number, start, start + len(text), value, True, tuple(padding)))
                padding = None
            else:
                tokens.append(Token(text, number, start, start + len(text), value, False))
        pos = end + 1
    if padding is not None:
        # no text: ` |` alone, a blank cell of a table printed one cell per line; or a row of blanks
        tokens += [Token("", number, a, b, _BLANK, k == 0) for k, (a, b) in enumerate(padding)]
