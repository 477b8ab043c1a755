"""The source text of a report: what the user sees, and what every line number refers to."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_NEWLINES = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text stands: 1-based line, 0-based [start, end) columns in that line."""

    line: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Origin:
    """Where text of the source view stands in the original file, when lines alone do not say:
    a PDF's page, a workbook's sheet and cell."""

    page: int | None = None  # 1-based
    sheet: str | None = None
    cell: str | None = None  # "C12"

    def describe(self, lang: str = "zh") -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}" if lang == "en" else f"第 {self.page} 页")
        if self.sheet is not None:
            parts.append(f"{self.sheet}!{self.cell}" if self.cell else self.sheet)
        return ", ".join(parts) if lang == "en" else "，".join(parts)

    def as_dict(self) -> dict[str, int | str]:
        return {k: v for k in ("page", "sheet", "cell") if (v := getattr(self, k)) is not None}


@dataclass(frozen=True, slots=True)
class Anchor:
    """Text at [start, end) of a 1-based line came from `origin`."""

    line: int
    start: int
    end: int
    origin: Origin


@dataclass(frozen=True)
class Source:
    """Decoded report text. Line breaks are unified to "\\n"; nothing else is changed."""

    path: str
    text: str
    format: str = "text"
    encoding: str | None = None
    newline: str = "\n"  # what the file used, for the record
    anchors: tuple[Anchor, ...] = field(default=(), repr=False)  # sorted by (line, start)
    notes: tuple[str, ...] = ()  # what the reader had to tell about the file (pages without text …)
    lines: tuple[str, ...] = field(init=False, repr=False)
    _anchor_keys: tuple[tuple[int, int], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.text.split("\n")))
        object.__setattr__(self, "_anchor_keys", tuple((a.line, a.start) for a in self.anchors))

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

    def origin(self, span: Span) -> Origin | None:
        """Where the text at `span` came from in the original file, when the format tells more than lines."""
        k = bisect_right(self._anchor_keys, (span.line, span.start)) - 1
        if k < 0:
            return None
        a = self.anchors[k]
        return a.origin if a.line == span.line and a.start <= span.start < max(a.end, a.start + 1) else None

    def line_origin(self, number: int, lang: str = "zh") -> str:
        """Where a 1-based line came from in the original file: its page, or its first and last
        cell (`表!A3:J3`); "" when the lines alone say it."""
        lo = bisect_right(self._anchor_keys, (number, -1))
        hi = bisect_right(self._anchor_keys, (number, 1 << 30))
        origins = [a.origin for a in self.anchors[lo:hi]]
        if not origins:
            return ""
        first, last = origins[0], origins[-1]
        if first.cell and last.cell and last.cell != first.cell and first.sheet == last.sheet:
            return f"{first.describe(lang)}:{last.cell}"
        return first.describe(lang)
