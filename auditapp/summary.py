"""The human summary of one audited file: the text the CLI prints and the fuzz suite renders."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from .inputs import shown

if TYPE_CHECKING:
    from .api import AuditResult

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
    from .rules import Severity
    from .rules.findings import evidence_line, evidence_origin
    from .verdict import verdict, verdict_name

    words = _WORDS[lang]
    name = shown(os.path.basename(result.path) or result.path)  # a name is data: one line, however it is spelt
    status = f"【{verdict_name(verdict(result), lang)}】{name}{words['sep']}"
    if result.error:
        return status + shown(result.error)
    report = result.report
    assert report is not None and result.source is not None
    meta = report.meta
    year = words["year"].format(meta.year) if meta.year else None
    who = shown(" ".join(x for x in (meta.agency, year) if x)) or words["unknown"]
    e, w, i = (result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    source = result.source
    if source.format == "text":
        enc = words["encoding"].format(source.encoding)
    elif source.encoding:
        enc = words["file_encoding"].format(source.format.upper(), source.encoding)
    else:
        enc = words["file"].format(source.format.upper())
    head = words["head"].format(
        who=who, enc=enc, n=len(report.cells), total=len(report.template.cell_ids()), e=e, w=w, i=i
    )
    lines = [status + head]
    lines += [f"  {shown(note)}" for note in result.source.notes]  # notes name sheets, parts, pages
    for f in result.findings:
        line = evidence_line(f, report)
        where = words["line"].format(line) if line else ""
        if where and (origin := evidence_origin(f, report)) is not None:
            where = f"{where.rstrip()}({origin.describe(lang)}) "
        lines.append(f"  [{words[f.severity.value]}] {where}{f.rule}{words['sep']}{shown(f.message(lang))}")
    return "\n".join(lines)


# Control characters a report may hold (ESC above all): never sent to the terminal, where an
# escape sequence could rewrite what the inspector sees. Tabs and line breaks stay.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
