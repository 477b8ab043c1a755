"""The report's dates: published on time (条例 Art. 49), and its year told the same way throughout.

The date a report went public is the one a saved page prints beside it (`发布日期：2024-01-16`,
`时间：2024-03-08 15:34`); failing that, the date the report is signed with — a line that is only
a date, under the title or at the end (`2026年1月23日`, `（二〇二四年一月十六日）`). The deadline
depends on the kind of body (bodykind.py): 31 January of the next year for every body but a local
people's government's own report, which has until 31 March. A date within February or March of a
body whose kind the name does not tell is left undecided, said as a hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..bodykind import KIND_EN, KIND_ZH, BodyKind, body_kind
from ..parse.normalize import nfkc
from ..report import Report
from ..source import Span
from .checks import check
from .findings import Finding, Text
from .parts_find import has_narrative

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "О": 0, "Ｏ": 0, "o": 0}
_ARABIC = r"(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?"
_CHINESE = (
    r"(?P<cy>[〇零○一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月(?P<cd>[一二三四五六七八九十]{1,3})日"
)
ANY_DATE = re.compile(f"{_ARABIC}|{_CHINESE}")
_FIELD = re.compile(rf"(?:发布日期|公开日期|发布时间|成文日期|生成日期|日期|时间)\s*[:：]\s*(?:[|｜]\s*)?{_ARABIC}")
_ALONE = re.compile(rf"^[\s#*>|（(]*(?:{_ARABIC}|{_CHINESE})[\s）)|*]*$")
_EDGE = 12  # a signature's date stands among the first or last lines
# what a line with a date has before it is folded: a digit (any width) or a Chinese year's 〇/零
_MAY_DATE = re.compile(r"[0-9０-９〇零○]")

_PERIOD = re.compile(
    r"统计[^。；]{0,40}?(?P<y>(?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|-|~|－)\s*"
    r"(?:(?P<y2>(?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日"
)
_MAX_MISMATCHES = 10
_CARRIED = re.compile(r"结转(?:至|到)?\s*(?P<y>(?:19|20)\d{2})\s*年")


@dataclass(frozen=True, slots=True)
class Dated:
    day: date
    span: Span
    text: str


def _cn_small(text: str) -> int:
    if text.startswith("十"):
        return 10 + (_CN_DIGIT.get(text[1], 0) if len(text) > 1 else 0)
    if len(text) > 1 and text[1] == "十":
        return _CN_DIGIT[text[0]] * 10 + (_CN_DIGIT.get(text[2], 0) if len(text) > 2 else 0)
    return _CN_DIGIT.get(text, 0)


def _date(m: re.Match[str]) -> date | None:
    try:
        if m.groupdict().get("y"):
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        year = int("".join(str(_CN_DIGIT[c]) for c in m.group("cy")))
        return date(year, _cn_small(m.group("cm")), _cn_small(m.group("cd")))
    except (ValueError, KeyError):
        return None


def _dated(n: int, line: str, m: re.Match[str], folded: str) -> Dated | None:
    day = _date(m)
    if day is None:
        return None
    group = "y" if m.groupdict().get("y") else "cy"
    start, end = m.start(group), m.start() + len(m.group(0).rstrip())
    if len(folded) != len(line):
        start, end = 0, len(line)
    return Dated(day, Span(n, start, end), line[start:end].strip())


_LAST: list[tuple[Report, Dated | None]] = []  # the last report's date: two checks ask for it


def report_date(report: Report) -> Dated | None:
    """The date the report was published (a page's field), else the date it is signed with."""
    last = _LAST[0] if _LAST else None  # (one read: another thread may replace it meanwhile)
    if last is not None and last[0] is report:
        return last[1]
    found = _report_date(report)
    _LAST[:] = [(report, found)]
    return found


def _report_date(report: Report) -> Dated | None:
    lines = report.source.lines
    for n, line in enumerate(lines[:40], 1):
        if not _MAY_DATE.search(line):
            continue  # (most lines: no need to fold them)
        folded = nfkc(line)
        if (m := _FIELD.search(folded)) and (d := _dated(n, line, m, folded)):
            return d
    edge = [n for n, t in enumerate(lines, 1) if t.strip()]
    for n in [*edge[:_EDGE], *reversed(edge[-_EDGE:])]:
        line = lines[n - 1]
        if not _MAY_DATE.search(line):
            continue
        folded = nfkc(line)
        if (m := _ALONE.match(folded)) and (d := _dated(n, line, m, folded)):
            return d
    return None


def _title(report: Report) -> dict[str, object]:
    """Evidence for what is not there: the title's year, where a date or period would be read with."""
    span = report.meta.year_span or report.meta.agency_span
    return {"lines": (span.line, span.line), "spans": (span,)} if span else {}


def _iso(d: date) -> str:
    return d.isoformat()


@check
def check_timeliness(report: Report) -> Iterator[Finding]:
    if not report.cells or not has_narrative(report):
        return  # the tables alone (a workbook) carry no date
    year = report.meta.year
    dated = report_date(report)
    if year is None:
        yield Finding("timeliness.undecided", params={"reason": Text("报告年度不明", "the report's year is unknown")})
        return
    if dated is None:
        reason = Text("报告中没有找到发布日期或落款日期", "no date of publication or signature was found")
        yield Finding("timeliness.undecided", params={"reason": reason}, **_title(report))
        return
    kind = body_kind(report.meta.agency)
    january, march = date(year + 1, 1, 31), date(year + 1, 3, 31)
    where = {"lines": (dated.span.line, dated.span.line), "spans": (dated.span,)}
    if dated.day <= january or (kind is BodyKind.GOVERNMENT and dated.day <= march):
        return
    if kind is BodyKind.UNKNOWN and dated.day <= march:
        name = report.meta.agency or ""
        reason = Text(
            f"报告日期为 {_iso(dated.day)}，在1月31日之后、3月31日之前，而机关“{name}”的类别无法从名称判断"
            "（县级以上地方人民政府本级报告的期限为3月31日，其他机关为1月31日）",
            f"the report is dated {_iso(dated.day)}, after 31 January and by 31 March, and the kind of body "
            f"“{name}” cannot be told from its name (a local people's government's own report is due by 31 March, "
            "other bodies' by 31 January)",
        )
        yield Finding("timeliness.undecided", params={"reason": reason}, **where)
        return
    deadline = march if kind is BodyKind.GOVERNMENT else january
    kind_words = Text(KIND_ZH[kind], KIND_EN[kind]) if kind is not BodyKind.UNKNOWN else Text("任何机关", "any body")
    if kind is BodyKind.UNKNOWN:
        deadline = march
    params = {"published": _iso(dated.day), "line": dated.span.line, "kind": kind_words, "deadline": _iso(deadline)}
    yield Finding("timeliness.late", params=params, **where)


def _mismatch(span: Span, text: str, detail: Text) -> Finding:
    params = {"line": span.line, "text": text, "detail": detail}
    return Finding("period.mismatch", lines=(span.line, span.line), spans=(span,), params=params)


@check
def check_period(report: Report) -> Iterator[Finding]:
    """The first few disagreements of the year: a report saying its year wrong a thousand times
    (a hostile or broken file) says so in a handful of findings, not a thousand."""
    said = 0
    for finding in _period_findings(report):
        if finding.rule == "period.mismatch":
            said += 1
            if said > _MAX_MISMATCHES:
                return
        yield finding


def _period_findings(report: Report) -> Iterator[Finding]:
    year = report.meta.year
    if year is None or not report.cells or not has_narrative(report):
        return
    lines = report.source.lines
    stated = False
    previous = ""
    for n, line in enumerate(lines, 1):  # all lines: a crawler's page runs the tables into its text
        if "统计" not in line and "统计" not in previous:
            previous = ""
            continue  # a period is only read after the word 统计, on its line or the line before
        folded = nfkc(line)
        same = len(folded) == len(line)
        m = _PERIOD.search(folded)
        joined = None if m else _PERIOD.search(previous + folded)
        previous = folded[-40:]
        if m is None and joined is None:
            continue
        stated = True
        if m is None:
            assert joined is not None
            offset = len(joined.string) - len(folded)
            if joined.start("y") < offset:
                continue  # the year stands on the line before; that line was read already
            start, end = joined.start("y") - offset, joined.end() - offset
            years = (joined.group("y"), joined.group("y2"))
        else:
            start, end, years = m.start("y"), m.end(), (m.group("y"), m.group("y2"))
        wrong = [int(y) for y in years if y and int(y) != year]
        if wrong:
            span = Span(n, start, end) if same else Span(n, 0, len(line))
            detail = Text(
                f"统计期限是 {wrong[0]} 年，报告标题的年度是 {year} 年",
                f"the statistics period is {wrong[0]}, the title's year {year}",
            )
            yield _mismatch(span, line[span.start : span.end], detail)
    if not stated:
        yield Finding("period.not_stated", params={"year": year}, **_title(report))

    for n, line in enumerate(lines, 1):
        if "结转" not in line:
            continue
        folded = nfkc(line)
        for m in _CARRIED.finditer(folded):
            if int(m.group("y")) != year + 1:
                span = Span(n, m.start(), m.end()) if len(folded) == len(line) else Span(n, 0, len(line))
                detail = Text(
                    f"结转到 {m.group('y')} 年，而 {year} 年度的报告应结转到 {year + 1} 年",
                    f"carried forward to {m.group('y')}, but a report for {year} carries forward to {year + 1}",
                )
                yield _mismatch(span, line[span.start : span.end], detail)

    dated = report_date(report)
    if dated is not None and dated.day < date(year + 1, 1, 1):
        detail = Text(
            f"报告日期 {_iso(dated.day)} 早于 {year} 年度结束",
            f"the report is dated {_iso(dated.day)}, before the year {year} ended",
        )
        yield _mismatch(dated.span, dated.text, detail)
