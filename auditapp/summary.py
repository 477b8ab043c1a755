"""The human summary of one audited file: the text the CLI prints and the fuzz suite renders."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .inputs import shown

if TYPE_CHECKING:
    from .api import AuditResult
    from .report import Report
    from .rules import Finding

_WORDS = {
    "zh": {
        "unknown": "（未识别报告单位）",
        "year": "{}年度", "head": "{who}；{enc}；读取单元格 {n}/{total}；错误 {e}，警告 {w}，提示 {i}",
        "encoding": "编码 {}", "file": "{} 文件", "file_encoding": "{} 文件，编码 {}",
        "line": "第{}行 ", "sep": "：", "error": "错误", "warning": "警告", "info": "提示",
    },
    "en": {
        "unknown": "(agency not found)",
        "year": "{}", "head": "{who}; {enc}; cells read {n}/{total}; errors {e}, warnings {w}, info {i}",
        "encoding": "encoding {}", "file": "{} file", "file_encoding": "{} file, encoding {}",
        "line": "line {} ", "sep": ": ", "error": "error", "warning": "warning", "info": "info",
    },
}  # fmt: skip


def summary(result: AuditResult, lang: str = "zh") -> str:
    """A file's verdict, what was read and its findings with their lines, as the CLI prints it
    (control characters of the report replaced, so none reaches a terminal)."""
    return CONTROL.sub("\ufffd", _text(result, lang))


def _text(result: AuditResult, lang: str) -> str:
    from .verdict import verdict

    parts = summary_parts(result, lang)
    if parts.error is not None:
        return parts.status(verdict(result).value) + parts.error
    return parts.join(verdict(result).value, [finding_line(f, result.report, lang) for f in result.findings])


@dataclass(slots=True)
class SummaryParts:
    """A file's summary in pieces: the findings' lines are joined (and counted) at the end, so
    findings across reports can join them without the report (auditapp.spool)."""

    lang: str
    name: str
    error: str | None = None
    who: str = ""
    enc: str = ""
    cells: int = 0
    total: int = 0
    notes: tuple[str, ...] = ()

    def status(self, verdict: str) -> str:
        from .verdict import Verdict, verdict_name

        return f"【{verdict_name(Verdict(verdict), self.lang)}】{self.name}{_WORDS[self.lang]['sep']}"

    def join(self, verdict: str, lines: list[tuple[str, str]]) -> str:
        """`lines`: (severity value, the finding's line) in the order shown."""
        counts = [sum(1 for s, _ in lines if s == severity) for severity in ("error", "warning", "info")]
        e, w, i = counts
        head = _WORDS[self.lang]["head"].format(
            who=self.who, enc=self.enc, n=self.cells, total=self.total, e=e, w=w, i=i
        )
        return CONTROL.sub(
            "\ufffd", "\n".join([self.status(verdict) + head, *(f"  {n}" for n in self.notes), *(x for _, x in lines)])
        )


def summary_parts(result: AuditResult, lang: str) -> SummaryParts:
    words = _WORDS[lang]
    name = shown(os.path.basename(result.path) or result.path)  # a name is data: one line, however it is spelt
    if result.error:
        return SummaryParts(lang, name, shown(result.error))
    report = result.report
    assert report is not None and result.source is not None
    meta = report.meta
    year = words["year"].format(meta.year) if meta.year else None
    who = shown(" ".join(x for x in (meta.agency, year) if x)) or words["unknown"]
    source = result.source
    if source.format == "text":
        enc = words["encoding"].format(source.encoding)
    elif source.encoding:
        enc = words["file_encoding"].format(source.format.upper(), source.encoding)
    else:
        enc = words["file"].format(source.format.upper())
    return SummaryParts(
        lang, name, None, who, enc, len(report.cells), len(report.template.cell_ids()), tuple(map(shown, source.notes))
    )


def finding_where(f: Finding, report: Report | None, lang: str) -> str:
    """`第12行 ` (with the page or sheet cell when known) before a finding's line, or nothing."""
    from .rules.findings import evidence_line, evidence_origin

    line = evidence_line(f, report)
    where = _WORDS[lang]["line"].format(line) if line else ""
    if where and (origin := evidence_origin(f, report)) is not None:
        where = f"{where.rstrip()}({origin.describe(lang)}) "
    return where


def finding_line(f: Finding, report: Report | None, lang: str, where: str | None = None) -> tuple[str, str]:
    """(severity value, the finding's line in the summary); `where` given spares the report."""
    words = _WORDS[lang]
    where = finding_where(f, report, lang) if where is None else where
    severity = f.severity.value
    return severity, f"  [{words[severity]}] {where}{f.rule}{words['sep']}{shown(f.message(lang))}"


# Control characters a report may hold (ESC above all): never sent to the terminal, where an
# escape sequence could rewrite what the inspector sees. Tabs and line breaks stay.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
