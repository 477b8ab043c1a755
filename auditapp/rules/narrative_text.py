"""The narrative's text as paragraphs: lines a PDF (or a converter) wrapped are joined again.

Text taken from PDFs breaks most sentences at the end of a printed line ("…共办理" / "103件…"),
so a statement is only whole when its paragraph is. A line continues into the next when it
does not end a sentence, is not a heading (a short line), and the next does not open a new
item (一、 （二） 3. …). Each joined paragraph keeps where its lines start, so every figure is
still shown on its own line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_ENDS = tuple("。！？!?；;：:")
_MIN_WRAPPED = 15  # a shorter line is a heading or the paragraph's last line
_OPENS = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]{1,3}[章节条]|#)"
)

Breaks = tuple[tuple[int, int, int], ...]


def _continues(prev: str, nxt: str) -> bool:
    text = prev.rstrip()
    return (
        len(text.strip()) >= _MIN_WRAPPED
        and not text.endswith(_ENDS)
        and "|" not in text
        and "\t" not in text
        and bool(nxt.strip())
        and "|" not in nxt
        and "\t" not in nxt
        and not _OPENS.match(nxt.lstrip())
    )


def paragraphs(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, Breaks]]:
    """(number of its first line, text, breaks) per paragraph; `breaks` is empty for a paragraph
    of one line, else (offset in the text, line number, column of that offset in its line)."""
    first = 0
    text = ""
    breaks: list[tuple[int, int, int]] = []
    last = -1
    for n, raw in lines:
        if not raw or raw.isspace():
            if text:
                yield first, text, tuple(breaks) if len(breaks) > 1 else ()
            text, breaks, last = "", [], -1
            continue
        if text and n == last + 1 and _continues(text, raw):
            body = raw.lstrip()
            text = text.rstrip()
            breaks.append((len(text), n, len(raw) - len(body)))
            text += body
        else:
            if text:
                yield first, text, tuple(breaks) if len(breaks) > 1 else ()
            first, text, breaks = n, raw, [(0, n, 0)]
        last = n
    if text:
        yield first, text, tuple(breaks) if len(breaks) > 1 else ()
