"""The core in one call: file → source → report → findings. Never raises for a bad input."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from .ingest import ReadError, read_source
from .memlimit import exceeded_message
from .parse.reader import parse_report
from .report import Report
from .rules import Finding, Severity, audit
from .rules.engine import sort_findings
from .source import Source
from .template import TEMPLATE_2021, Template

if TYPE_CHECKING:
    from .rules.crossreport import Digest

log = logging.getLogger(__name__)

# Problems that mean part of the report could not be read.
_INCOMPLETE = frozenset(
    {
        "structure.table_missing",
        "structure.row_missing",
        "structure.row_empty",
        "structure.cell_missing",
        "structure.other_template",
    }
)


class Status(StrEnum):
    OK = "ok"
    PARTIAL = "partial"  # some tables, rows or cells not found
    FAILED = "failed"  # the file could not be read, or holds no table at all


@dataclass
class AuditResult:
    path: str
    status: Status
    error: str | None = None
    source: Source | None = None
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    # computed once, by whoever asks first (a batch's worker, so the window need not)
    cross_digest: Digest | None = field(default=None, repr=False, compare=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def digest(self) -> Digest | None:
        """What the checks across reports need of this one; None for a report with nothing to compare."""
        if self.status is Status.FAILED or self.report is None or not self.report.cells:
            return None
        if self.cross_digest is None:
            from .rules.crossreport import digest

            self.cross_digest = digest(self.report)
        return self.cross_digest

    def add_findings(self, findings: list[Finding]) -> None:
        """Findings from outside the report's own audit (the checks across reports), in order."""
        self.findings = sort_findings([*self.findings, *findings])


def audit_source(source: Source, template: Template = TEMPLATE_2021) -> AuditResult:
    report = parse_report(source, template)
    if not report.cells:
        message = _no_tables_message(report)
        if source.notes:  # what could not be read (a broken or scanned page) is likely why
            message += "。另外，读取时发现：" + "；".join(source.notes)
        return AuditResult(source.path, Status.FAILED, message, source, report)
    findings = audit(report)
    incomplete = any(p.code in _INCOMPLETE for p in report.problems)
    return AuditResult(source.path, Status.PARTIAL if incomplete else Status.OK, None, source, report, findings)


def _no_tables_message(report: Report) -> str:
    titled = [
        f"{report.template.table(tid).short_name}（第 {r.title_line} 行）"
        for tid, r in report.regions.items()
        if r.title_line is not None
    ]
    if titled:
        return (
            f"找到了表题 {'、'.join(titled)}，但表中没有读出任何数值：表格可能是图片、"
            "被截断，或格式无法识别（例如表格内容没有随文字一起复制）"
        )
    return (
        "没有找到任何统计表：全文中既没有表二、表三、表四的表题，也没有它们的行标签。"
        "请确认这是一份政府信息公开工作年度报告"
    )


def audit_together(results: list[AuditResult]) -> None:
    """Add the checks across reports (two years of one body, copied reports) to each result."""
    from .rules.crossreport import cross_check

    extra = cross_check([r.digest() for r in results])
    for index, findings in extra.items():
        results[index].add_findings(findings)


def failed_result(path: str, message: str) -> AuditResult:
    """The result for a file whose audit could not finish (the batch engine's time-out or crash)."""
    return AuditResult(path, Status.FAILED, message)


def audit_file(path: str, template: Template = TEMPLATE_2021) -> AuditResult:
    try:
        source = read_source(path)
    except ReadError as e:
        return AuditResult(path, Status.FAILED, e.message)
    except MemoryError:  # past the worker's ceiling (auditapp.memlimit): this file's failure, said so
        return AuditResult(path, Status.FAILED, exceeded_message())
    except Exception as e:  # a reader's bug (or a library's) on a strange file: that file's failure, logged
        log.exception("internal error while reading %s", path)
        return AuditResult(path, Status.FAILED, f"内部错误，无法读取该文件：{_brief(e)}")
    try:
        return audit_source(source, template)
    except MemoryError:
        return AuditResult(path, Status.FAILED, exceeded_message(), source)
    except Exception as e:  # a bug of ours must not take the batch down; say it plainly, log the rest
        log.exception("internal error while auditing %s", path)
        return AuditResult(path, Status.FAILED, f"内部错误，无法完成审核：{_brief(e)}", source)


def _brief(e: Exception) -> str:
    """An exception in one line a user can read (libraries put whole objects in their messages)."""
    text = " ".join(f"{type(e).__name__}: {e}".split())
    return text if len(text) <= 200 else text[:200] + "…"
