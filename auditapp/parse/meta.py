"""The body's name, the report year and the publication date, where the report states them.

Looked for in the order a reader would trust them: the report's own title line
(`杭州市钱塘区人民政府2023年度政府信息公开工作年度报告`), the metadata table government sites
print above it (`发布单位: | 杭州市商务局`, `公开日期: | 2024-01-16`), then the opening sentence
of the narrative (`2023年,北新桥街道坚持…`).
"""

from __future__ import annotations

import re

from ..report import Meta
from ..source import Source, Span
from .normalize import nfkc

_HEAD_LINES = 40  # metadata stands near the top

_TITLE = re.compile(
    r"^\s*(?P<agency>\S(?:.*?\S)?)\s*(?P<year>(?:19|20)\d{2})\s*年\s*(?:度\s*)?(?:政府)?信息公开(?:工作)?年度报告"
)
_TITLE_NO_AGENCY = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?:度\s*)?(?:政府)?信息公开(?:工作)?年度报告")
_AGENCY_FIELD = re.compile(
    r"(?:发布单位|发布机构|发文机关|发文单位|信息来源|来源)\s*[:：]\s*(?:[|｜]\s*)?(?P<v>[^|｜\t\s]{2,40})"
)
_DATE_FIELD = re.compile(
    r"(?:发布日期|公开日期|发布时间|成文日期|生成日期|日期)\s*[:：]\s*(?:[|｜]\s*)?"
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)
_AGENCY_SUFFIX = (
    "人民政府办公厅|人民政府办公室|人民政府|办事处|委员会|管委会|管理委员会|政府|街道|"
    "局|厅|办公室|办|委|署|院|中心|公司|镇|乡|所|站|队|馆|会|处|部"
)
_OPENING = re.compile(
    rf"^\s*(?P<year>(?:19|20)\d{{2}})\s*年(?:度)?\s*[,，]\s*(?:我局|我区|我委|我办|我市|我县)?"
    rf"(?P<agency>[^\s,，。、；;:：“”()（）]{{2,30}}?(?:{_AGENCY_SUFFIX}))"
)
_TITLE_YEAR_FIRST = re.compile(
    rf"(?P<year>(?:19|20)\d{{2}})\s*年\s*(?:度\s*)?(?P<agency>[^\s,，。]{{2,30}}?(?:{_AGENCY_SUFFIX}))"
    r"\s*(?:政府)?信息公开(?:工作)?年度报告"
)
# What a title line may carry around the body's name: a breadcrumb, a Markdown heading's marks,
# a field name, `关于…的`.
_AGENCY_NOISE = re.compile(r"^.*[>＞»]\s*|^#+\s*|^(?:标题|名称|题目|文件名称)\s*[:：]\s*|\s*(?:关于|的)$")
_PERIOD = re.compile(r"统计(?:时间|期限)?(?:为|是)?\s*(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_NARRATIVE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?")


# Every character whose NFKC folding holds a colon (Unicode 14): a line without any of them
# cannot hold a field such as `公开日期：`, so it need not be folded to be looked at for one.
COLON_CHARS = ":\u2a74\ufe13\ufe55\uff1a"
_MAY_HAVE_COLON = re.compile(f"[{COLON_CHARS}]")


def _fold(text: str) -> str:
    return nfkc(text)


def _span(n: int, m: re.Match[str], group: str, line: str) -> Span | None:
    """The group's span, when folding kept the line's length (so columns still line up)."""
    if len(_fold(line)) != len(line):
        return None
    return Span(n, m.start(group), m.end(group))


def _agency(n: int, m: re.Match[str], line: str) -> tuple[str, Span | None]:
    """The body's name from a title match, without breadcrumbs, field names or `关于`."""
    raw = m.group("agency")
    name = raw
    while (cut := _AGENCY_NOISE.sub("", name)) != name:
        name = cut
    name = name.strip(" |\t:：")
    span = _span(n, m, "agency", line)
    if span is not None and name and name in raw:
        start = span.start + raw.index(name)
        span = Span(n, start, start + len(name))
    return name, span


def _wrapped_title(folded: str, after: str) -> re.Match[str] | None:
    """The title read across a line break, when the body and the year stand on the first line."""
    if not ("信息公开" in folded or "年度报告" in after) or len(folded) >= 60 or len(after) >= 60:
        return None
    joined = folded.rstrip() + after.strip()
    m = _TITLE_YEAR_FIRST.search(joined) or _TITLE.search(joined)
    return m if m is not None and m.end("agency") <= len(folded.rstrip()) else None


def extract_meta(source: Source) -> Meta:
    agency = year = published = None
    agency_span = year_span = None
    head = source.lines[:_HEAD_LINES]

    for n, line in enumerate(head, 1):
        if agency is not None and year is not None:
            if published is not None:
                break  # nothing left to look for
            if not _MAY_HAVE_COLON.search(line):
                continue  # only the date field is still looked for
        folded = _fold(line)  # NFKC keeps lengths for CJK text, so spans stay valid
        if agency is None and len(folded) < 120 and (m := _TITLE_YEAR_FIRST.search(folded) or _TITLE.search(folded)):
            agency, agency_span = _agency(n, m, line)
            year, year_span = int(m.group("year")), _span(n, m, "year", line)
        elif agency is None and n < len(head) and (m := _wrapped_title(folded, _fold(head[n]))):
            # a title wrapped over two lines (`2024 年上海市科委政府信息公开工作` / `年度报告`)
            agency, agency_span = _agency(n, m, line)
            year, year_span = int(m.group("year")), _span(n, m, "year", line)
        elif year is None and (m := _TITLE_NO_AGENCY.search(folded)) and len(folded) < 80:
            year, year_span = int(m.group("year")), _span(n, m, "year", line)
        if agency is None and (m := _AGENCY_FIELD.search(folded)):
            agency, agency_span = m.group("v"), _span(n, m, "v", line)
        if published is None and (m := _DATE_FIELD.search(folded)):
            published = f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"

    if agency is None or year is None:
        for n, line in enumerate(head, 1):
            folded = _fold(line)
            m = _OPENING.search(folded)
            if m:
                if agency is None:
                    agency, agency_span = m.group("agency"), _span(n, m, "agency", line)
                if year is None:
                    year, year_span = int(m.group("year")), _span(n, m, "year", line)
                break

    if year is None:
        for n, line in enumerate(head, 1):
            m = _PERIOD.search(_fold(line)) or _NARRATIVE_YEAR.search(_fold(line))
            if m:
                year, year_span = int(m.group("year")), _span(n, m, "year", line)
                break

    return Meta(agency or None, year, published, agency_span, year_span)
