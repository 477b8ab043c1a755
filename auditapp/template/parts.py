"""The parts a report is written in, as data: the formats' six parts, their sub-topics, what
part six must report, and the words each is recognised by.

Both national formats (国办公开办函〔2019〕60号 and 〔2021〕30号) write a report in the same six
numbered parts; the 2021 format also names what 一、总体情况 covers: "主要包括主动公开、
依申请公开、政府信息管理、政府信息公开平台建设、监督保障（含《中华人民共和国政府信息公开条例》
第五十条第四项规定的各级人民政府“工作考核、社会评议和责任追究结果情况”）". Headings in real
reports vary their words (`五、政府信息公开工作存在的主要问题及改进情况`), so each part is known
by a few words any of which its heading holds; the checks (rules/parts.py) read only these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Part:
    number: int  # 一 … 六
    key: str
    title: str  # as the format prints it
    title_en: str
    words: tuple[str, ...]  # a heading holding any of these (after its numbering) names the part
    table: str | None = None  # the part that is a statistics table
    none_ok: bool = False  # "无" is an answer (nothing else to report)
    # sub-headings (（一）主要问题) that show the part's text is there when its own heading is not
    inner: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Topic:
    """Something a part must speak of, known by any of its words anywhere in the part."""

    key: str
    title: str
    title_en: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReportFormat:
    id: str  # the template id whose reports use it
    name: str
    parts: tuple[Part, ...]
    topics: tuple[Topic, ...] = ()  # what 一、总体情况 covers
    fees: bool = False  # part six reports the 信息处理费 (国办函〔2020〕109号, in force from 2021)

    def part(self, key: str) -> Part:
        return next(p for p in self.parts if p.key == key)


_PARTS = (
    Part(1, "overall", "总体情况", "Overview", ("总体情况", "总体工作情况", "基本情况", "概述")),
    Part(
        2,
        "proactive",
        "主动公开政府信息情况",
        "Information published proactively",
        ("主动公开政府信息情况", "主动公开政府信息", "主动公开情况"),
        table="t2",
    ),
    Part(
        3,
        "requests",
        "收到和处理政府信息公开申请情况",
        "Requests received and handled",
        ("收到和处理政府信息公开申请", "政府信息公开申请情况", "依申请公开政府信息情况", "处理政府信息公开申请"),
        table="t3",
    ),
    Part(
        4,
        "reviews",
        "政府信息公开行政复议、行政诉讼情况",
        "Administrative reviews and suits",
        ("行政复议", "行政诉讼"),
        table="t4",
    ),
    Part(
        5,
        "problems",
        "存在的主要问题及改进情况",
        "Main problems and improvements",
        ("存在的主要问题", "主要问题及改进", "问题及改进", "问题和改进", "存在问题"),
        inner=("主要问题", "存在问题", "改进情况", "改进措施"),
    ),
    Part(
        6,
        "other",
        "其他需要报告的事项",
        "Other matters to report",
        ("其他需要报告", "其他报告事项", "其他事项"),
        none_ok=True,
    ),
)

TOPICS_2021 = (
    Topic("proactive", "主动公开", "proactive disclosure", ("主动公开",)),
    Topic("requests", "依申请公开", "disclosure on request", ("依申请", "申请公开")),
    Topic("management", "政府信息管理", "information management", ("信息管理",)),
    Topic("platforms", "政府信息公开平台建设", "disclosure platforms", ("平台",)),
    Topic("oversight", "监督保障", "oversight and support", ("监督", "保障")),
)

# 条例 Art. 50(4): a people's government's report also gives its 工作考核、社会评议和责任追究结果
ASSESSMENT = (
    Topic("review", "工作考核", "performance review", ("考核",)),
    Topic("appraisal", "社会评议", "public appraisal", ("评议",)),
    Topic("accountability", "责任追究", "accountability", ("追究", "问责")),
)

FEE_WORDS = ("信息处理费", "收费", "收取", "费用")

FORMAT_2019 = ReportFormat("2019", "国办公开办函〔2019〕60号", _PARTS)
FORMAT_2021 = ReportFormat("2021", "国办公开办函〔2021〕30号", _PARTS, TOPICS_2021, fees=True)
FORMATS = {f.id: f for f in (FORMAT_2019, FORMAT_2021)}


def report_format(template_id: str) -> ReportFormat:
    return FORMATS.get(template_id, FORMAT_2021)


__all__ = ["ASSESSMENT", "FEE_WORDS", "FORMATS", "FORMAT_2019", "FORMAT_2021", "Part", "ReportFormat", "Topic"]
