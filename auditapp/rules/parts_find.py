"""Where a report's parts stand: the headings of the format's six parts, found in messy text.

A heading is a line that starts with a top-level number (一、 五． 第三部分 2、) and names a part
within its first words (`五、政府信息公开工作存在的主要问题及改进情况`), or a short line without
a number that names one. Markdown marks (`## `, `**`) and table pipes around it are ignored;
sub-level numbers (（一） 1. ) are never a part's heading. Text a crawler ran together keeps its
headings inside one long line (`…编制。一、总体情况2023年，…`): those are found where a
top-level number stands right before a part's words. Lines inside the statistics tables are
not read (their row labels are numbered 一、 … 四、 too), except the tables' title lines.

A table's part is placed at its heading near the table, else at the table itself; a narrative
part at the first heading naming it after the part before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..report import Report
from ..source import Span
from ..template.parts import Part, ReportFormat

_CN = "一二三四五六七八九十"
_CN_VALUE = {c: i for i, c in enumerate(_CN, 1)}
_NUMBERED = re.compile(
    rf"^(?:第\s*(?P<a>[{_CN}]{{1,2}})\s*部分\s*[、.．:：]?|(?P<b>[{_CN}]{{1,2}})\s*[、.．,，]|(?P<c>\d{{1,2}})\s*[、．])\s*"
)
_INLINE = re.compile(rf"(?<![{_CN}第])(?P<b>[{_CN}]{{1,2}})、")
_MARKS = " \t#*>|"
_STOP = re.compile(r"[。：:；;，,]")
_HEAD_WORDS = 30  # a numbered heading names its part within its first words
_SHORT = 24  # an unnumbered heading is a short line
_NEAR_TABLE = 3  # a table's heading stands at most this many lines before it


_MIN_NARRATIVE = 3  # lines of text besides the tables and the title


def has_narrative(report: Report) -> bool:
    """Whether the file holds a report's text and not only its tables (a workbook of the tables):
    only then are its parts, period and dates looked for."""
    count = 0
    for _, text in report.narrative_lines():
        if text.strip():
            count += 1
            if count > _MIN_NARRATIVE:
                return True
    return False


def cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 2:  # 十一 … 十九, 二十
        return 10 + _CN_VALUE.get(text[1], 0) if text[0] == "十" else _CN_VALUE.get(text[0], 0) * 10
    return _CN_VALUE.get(text, 0)


@dataclass(frozen=True, slots=True)
class Heading:
    part: Part
    span: Span  # the heading's text in its line
    number: int | None  # the number it is printed with, if any

    @property
    def at(self) -> tuple[int, int]:
        return (self.span.line, self.span.start)


@dataclass(frozen=True, slots=True)
class Placed:
    """A part as found: its heading, or only the table it is (then `heading` is None)."""

    part: Part
    at: tuple[int, int]  # (line, column) where it starts
    heading: Heading | None


def _names(fmt: ReportFormat, text: str) -> Part | None:
    for part in fmt.parts:
        if any(w in text for w in part.words):
            return part
    return None


def _line_heading(fmt: ReportFormat, n: int, raw: str) -> Heading | None:
    start = len(raw) - len(raw.lstrip(_MARKS))
    end = len(raw.rstrip(_MARKS))
    text = raw[start:end]
    if not text or text[0] in "（(":
        return None
    m = _NUMBERED.match(text)
    if m:
        number = cn_number(m.group("a") or m.group("b") or m.group("c"))
        part = _names(fmt, text[m.end() : m.end() + _HEAD_WORDS])
        if part is not None:
            # the part's text may go on in the heading's line (`六、其他需要报告的事项：本年度…`): the
            # heading then ends at its first stop, else at the words that named it
            head = text[m.end() : m.end() + _HEAD_WORDS]
            named = m.end() + max(head.find(w) + len(w) for w in part.words if w in head)
            stop = _STOP.search(text, named)
            if stop is not None and text[stop.end() :].strip():
                end = start + stop.start()
            elif stop is None and len(text) - named > _SHORT:
                end = start + named
    else:
        number = None
        short = len(text) <= _SHORT and not text.endswith(("。", "；", "，"))
        part = _names(fmt, text) if short else None
    return Heading(part, Span(n, start, end), number) if part else None


def _inline_headings(fmt: ReportFormat, n: int, raw: str) -> list[Heading]:
    found = []
    for m in _INLINE.finditer(raw):
        head = raw[m.end() : m.end() + _HEAD_WORDS]
        for part in fmt.parts:
            ends = [head.find(w) + len(w) for w in part.words if 0 <= head.find(w) <= 10]
            if ends:
                end = m.end() + max(ends)
                found.append(Heading(part, Span(n, m.start(), min(end, len(raw))), cn_number(m.group("b"))))
                break
    return found


def headings(report: Report, fmt: ReportFormat) -> list[Heading]:
    """Every line (or place in a long line) that reads as one of the format's part headings."""
    lines = report.source.lines
    inside = bytearray(len(lines) + 2)
    for r in report.regions.values():
        a, b = max(r.first_line, 1), min(r.last_line, len(lines))
        inside[a : b + 1] = b"\x01" * max(0, b - a + 1)
        for title in (r.title_line, r.first_line):
            if title is not None and 0 < title <= len(lines):
                inside[title] = 0
    out: list[Heading] = []
    for n, raw in enumerate(lines, 1):
        if inside[n] or not raw.strip():
            continue
        h = _line_heading(fmt, n, raw)
        if h is not None:
            out.append(h)
        elif len(raw) > 200:
            out.extend(_inline_headings(fmt, n, raw))
    return out


def place_parts(report: Report, fmt: ReportFormat) -> tuple[dict[str, Placed], list[Heading]]:
    """Each part where it is found (missing parts absent), and every heading seen."""
    found = headings(report, fmt)
    placed: dict[str, Placed] = {}
    last = (0, 0)
    for part in fmt.parts:
        candidates = [h for h in found if h.part is part]
        region = report.regions.get(part.table) if part.table else None
        if region is not None:
            near = [h for h in candidates if region.first_line - _NEAR_TABLE <= h.span.line <= region.first_line + 1]
            pick = near[-1] if near else None
            at = pick.at if pick else (region.first_line, 0)
            placed[part.key] = Placed(part, at, pick)
        else:
            after = [h for h in candidates if h.at > last]
            pick = after[0] if after else (candidates[0] if candidates else None)
            if pick is None:
                continue
            placed[part.key] = Placed(part, pick.at, pick)
        last = max(last, placed[part.key].at)
    return placed, found


_SUB_HEADING = re.compile(rf"^[\s#*>|]*[（(][{_CN}\d]{{1,2}}[）)]\s*")


def inner_heading(report: Report, part: Part, after: int, before: int) -> Span | None:
    """A sub-heading between lines `after` and `before` that belongs to `part` (（一）主要问题): its
    text is there, only its own heading is not."""
    lines = report.source.lines
    for n in range(after + 1, min(before, len(lines) + 1)):
        raw = lines[n - 1]
        m = _SUB_HEADING.match(raw)
        if m and len(raw) - m.end() <= _HEAD_WORDS and any(w in raw[m.end() : m.end() + 12] for w in part.inner):
            return Span(n, len(raw) - len(raw.lstrip(_MARKS)), len(raw.rstrip(_MARKS)))
    return None


def part_text(report: Report, placed: dict[str, Placed], key: str) -> list[tuple[int, str]]:
    """The lines of a part's body (outside the tables), from after its heading to the next part."""
    lines = report.source.lines
    here = placed[key]
    start = here.heading.span if here.heading else Span(here.at[0], 0, 0)
    later = sorted(p.at for p in placed.values() if p.at > here.at)
    stop = later[0] if later else (len(lines) + 1, 0)
    tables = [(r.first_line, r.last_line) for r in report.regions.values()]
    out = []
    for n in range(start.line, min(stop[0], len(lines)) + 1):
        if any(a <= n <= b for a, b in tables) and n != start.line:
            continue
        text = lines[n - 1]
        a = start.end if n == start.line else 0
        b = stop[1] if n == stop[0] else len(text)
        if n == stop[0] and b == 0:
            continue
        out.append((n, text[a:b]))
    return out
