"""The report's parts against its format: each part there, in order, numbered, and saying something.

The parts and the words they are known by are data (template/parts.py); parts_find.py places
them in the text. A table's part is there when its table is (a missing table is the structure
rules' finding), so only the narrative parts can be missing or empty. A part that only says
"无" is empty, except part six, where "nothing else to report" is an answer — but a 2021-format
report must still say whether it collected information processing fees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..bodykind import KIND_EN, KIND_ZH, BodyKind, body_kind
from ..report import Report
from ..source import Span
from ..template.parts import ASSESSMENT, FEE_WORDS, Part, ReportFormat, Topic, report_format
from .checks import check
from .dates import ANY_DATE
from .findings import Finding, Text
from .parts_find import Placed, has_narrative, inner_heading, part_text, place_parts

_CN = "一二三四五六七八九十"
# page furniture a saved web page leaves after the report's last part
_CHROME = re.compile(r"扫一扫.{0,12}|打印本页|关闭窗口|【[^】]{0,6}】|分享到.{0,20}")
_PUNCT = re.compile(r"[\s\W_]+")
_NONE = {"无", "暂无", "没有", "无其他需要报告的事项", "无其他事项", "本年度无", "无需要报告的事项", "无相关情况"}


def part_words(part: Part) -> Text:
    return Text(f"{_CN[part.number - 1]}、{part.title}", f"{part.number}. {part.title_en}")


def _substance(report: Report, body: list[tuple[int, str]]) -> str:
    """What a part says once page furniture, the signature's body name and dates are gone."""
    text = "".join(t for _, t in body)
    text = _CHROME.sub("", ANY_DATE.sub("", text))
    if report.meta.agency:
        text = text.replace(report.meta.agency, "")
    return _PUNCT.sub("", text)


def _where(placed: dict[str, Placed], fmt: ReportFormat, part: Part) -> Text:
    before = [placed[p.key].at[0] for p in fmt.parts if p.number < part.number and p.key in placed]
    if not before:
        return Text("应在报告开头", "expected at the start")
    return Text(f"应在第 {max(before)} 行之后", f"expected after line {max(before)}")


def _spans(p: Placed) -> dict[str, object]:
    """A part's evidence: its heading, else (a table without one) the table's first line."""
    if p.heading is not None:
        return {"lines": (p.heading.span.line, p.heading.span.line), "spans": (p.heading.span,)}
    return {"lines": (p.at[0], p.at[0]), "spans": (Span(p.at[0], 0, 0),)}


def _missing_words(text: str, topics: tuple[Topic, ...]) -> list[Topic]:
    return [t for t in topics if not any(w in text for w in t.words)]


def _topics_text(topics: list[Topic]) -> Text:
    return Text("、".join(t.title for t in topics), ", ".join(t.title_en for t in topics))


@check
def check_parts(report: Report) -> Iterator[Finding]:
    if not report.regions or not has_narrative(report):
        return  # not a report (no table), or the tables alone (a workbook): no parts to look for
    fmt = report_format(report.template.id)
    placed, _ = place_parts(report, fmt)

    for part in fmt.parts:
        if part.table is None and part.key not in placed:
            yield _missing(report, fmt, placed, part)

    for key, p in placed.items():
        if p.part.table is not None or p.heading is None:
            continue
        substance = _substance(report, part_text(report, placed, key))
        if not substance:
            how = Text("只有标题，没有内容", "has a heading and no text")
        elif substance in _NONE and not p.part.none_ok:
            how = Text("只写了“无”", "says only “无” (none)")
        else:
            continue
        yield Finding("parts.empty", params={"part": part_words(p.part), "line": p.at[0], "how": how}, **_spans(p))

    yield from _order(placed)
    yield from _numbering(report, placed)
    yield from _contents(report, fmt, placed)


def _missing(report: Report, fmt: ReportFormat, placed: dict[str, Placed], part: Part) -> Finding:
    """Shown where the part should stand: at sub-headings of its own (its text without its
    heading), else after the heading of the part before it, else at the title."""
    before = [placed[p.key] for p in fmt.parts if p.number < part.number and p.key in placed]
    later = [placed[p.key].at[0] for p in fmt.parts if p.number > part.number and p.key in placed]
    after = max((p.at[0] for p in before), default=0)
    inner = inner_heading(report, part, after, min(later, default=len(report.source.lines) + 1)) if part.inner else None
    if inner is not None:
        text = report.source.line(inner.line)[inner.start : inner.end]
        where = Text(
            f"第 {inner.line} 行起的“{text}”像是该部分的内容", f"“{text}” from line {inner.line} looks like its text"
        )
        evidence: dict[str, object] = {"lines": (inner.line, inner.line), "spans": (inner,)}
    else:
        where = _where(placed, fmt, part)
        if before:
            evidence = _spans(max(before, key=lambda p: p.at))
        elif (span := report.meta.agency_span or report.meta.year_span) is not None:
            evidence = {"lines": (span.line, span.line), "spans": (span,)}
        else:
            evidence = {}
    return Finding("parts.missing", params={"part": part_words(part), "where": where}, **evidence)


def _order(placed: dict[str, Placed]) -> Iterator[Finding]:
    ahead: Placed | None = None
    for p in sorted(placed.values(), key=lambda p: p.at):
        if ahead is not None and p.part.number < ahead.part.number:
            params = {
                "part": part_words(p.part),
                "line": p.at[0],
                "before": part_words(ahead.part),
                "before_line": ahead.at[0],
            }
            yield Finding("parts.order", params=params, **_spans(p))
        elif ahead is None or p.part.number > ahead.part.number:
            ahead = p


def _numbering(report: Report, placed: dict[str, Placed]) -> Iterator[Finding]:
    wrong = [
        p.heading
        for p in sorted(placed.values(), key=lambda p: p.at)
        if p.heading is not None and p.heading.number is not None and p.heading.number != p.part.number
    ]
    if not wrong:
        return
    zh, en = [], []
    for h in wrong:
        text = report.source.lines[h.span.line - 1][h.span.start : h.span.end]
        right = _CN[h.part.number - 1]
        zh.append(f"第 {h.span.line} 行“{text}”应编为“{right}、”")
        en.append(f"line {h.span.line} “{text}” should be numbered {h.part.number}")
    params = {"count": len(wrong), "list": Text("；".join(zh), "; ".join(en))}
    yield Finding(
        "parts.numbering",
        lines=(wrong[0].span.line, wrong[-1].span.line),
        spans=tuple(h.span for h in wrong),
        params=params,
    )


def _contents(report: Report, fmt: ReportFormat, placed: dict[str, Placed]) -> Iterator[Finding]:
    overall = placed.get("overall")
    if fmt.topics and overall is not None:
        text = "".join(t for _, t in part_text(report, placed, "overall"))
        missing = _missing_words(text, fmt.topics)
        if missing:
            params = {"line": overall.at[0], "topics": _topics_text(missing)}
            yield Finding("parts.topics", params=params, **_spans(overall))

    other = placed.get("other")
    if fmt.fees and other is not None and (report.meta.year is None or report.meta.year >= 2021):
        text = "".join(t for _, t in part_text(report, placed, "other"))
        if not any(w in text for w in FEE_WORDS):
            yield Finding("parts.fees", params={"line": other.at[0]}, **_spans(other))

    kind = body_kind(report.meta.agency)
    if kind is BodyKind.GOVERNMENT or (kind is BodyKind.TOWNSHIP and "政府" in (report.meta.agency or "")):
        text = "".join(t for _, t in report.narrative_lines())
        missing = _missing_words(text, ASSESSMENT)
        if missing:
            span = report.meta.agency_span
            params = {"kind": Text(KIND_ZH[kind], KIND_EN[kind]), "items": _topics_text(missing)}
            yield Finding(
                "parts.assessment",
                lines=(span.line, span.line) if span else None,
                spans=(span,) if span else (),
                params=params,
            )
