"""The source text of a report: what the user sees, and what every line number refers to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NEWLINES = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text stands: 1-based line, 0-based [start, end) columns in that line."""

    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    """Decoded report text. Line breaks are unified to "\\n"; nothing else is changed."""

    path: str
    text: str
    format: str = "text"
    encoding: str | None = None
    newline: str = "\n"  # what the file used, for the record
    lines: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.text.split("\n")))

    @classmethod
    def from_text(cls, path: str, text: str, **kw) -> Source:
        m = _NEWLINES.search(text)
        newline = m.group(0) if m else "\n"
        if "\r" in text:
            text = _NEWLINES.sub("\n", text)
        return cls(path=path, text=text, newline=newline, **kw)

    def line(self, number: int) -> str:
        """The text of a 1-based line ("" outside the text)."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def snippet(self, span: Span) -> str:
        return self.line(span.line)[span.start : span.end]
