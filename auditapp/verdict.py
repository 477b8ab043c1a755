"""One verdict per audited file, decided here once for the CLI, the window and the workbook.

Errors come first: a report read only in part may still hold arithmetic errors, and those are
what the inspector must send back. Then a file that could not be read (nothing was checked),
then a partly read report (some checks could not run), then warnings, then a clean report.
Findings the inspector dismissed count for nothing; confirmed ones count as they are.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from .review import Review, finding_key
from .rules import Finding, Severity

if TYPE_CHECKING:
    from .api import AuditResult


class Verdict(StrEnum):
    ERRORS = "errors"
    FAILED = "failed"
    PARTIAL = "partial"
    WARNINGS = "warnings"
    OK = "ok"


ORDER: tuple[Verdict, ...] = tuple(Verdict)  # the most urgent first, for sorting and the totals line

_NAMES = {
    "zh": {
        Verdict.ERRORS: "有错误",
        Verdict.FAILED: "无法读取",
        Verdict.PARTIAL: "部分解析",
        Verdict.WARNINGS: "有警告",
        Verdict.OK: "正常",
    },
    "en": {
        Verdict.ERRORS: "Errors",
        Verdict.FAILED: "Unreadable",
        Verdict.PARTIAL: "Partly read",
        Verdict.WARNINGS: "Warnings",
        Verdict.OK: "OK",
    },
}


def verdict_name(verdict: Verdict, lang: str = "zh") -> str:
    return _NAMES["en" if lang == "en" else "zh"][verdict]


@dataclass(frozen=True, slots=True)
class Counts:
    """A file's findings by severity, the dismissed left out; the review decisions apart."""

    errors: int = 0
    warnings: int = 0
    info: int = 0
    confirmed: int = 0
    dismissed: int = 0

    def of(self, severity: Severity) -> int:
        return {Severity.ERROR: self.errors, Severity.WARNING: self.warnings, Severity.INFO: self.info}[severity]


def review_of(result: AuditResult, finding: Finding, reviews: Mapping[tuple[str, str], Review] | None) -> Review:
    """The inspector's decision on one finding of a file (an empty Review when none)."""
    if not reviews:
        return Review()
    return reviews.get((os.path.abspath(result.path), finding_key(finding)), Review())


def count(result: AuditResult, reviews: Mapping[tuple[str, str], Review] | None = None) -> Counts:
    by: Counter[Severity] = Counter()
    confirmed = dismissed = 0
    for f in result.findings:
        state = review_of(result, f, reviews).state if reviews else None
        if state == "dismissed":
            dismissed += 1
            continue
        confirmed += state == "confirmed"
        by[f.severity] += 1
    return Counts(by[Severity.ERROR], by[Severity.WARNING], by[Severity.INFO], confirmed, dismissed)


def verdict(result: AuditResult, reviews: Mapping[tuple[str, str], Review] | None = None) -> Verdict:
    from .api import Status

    counts = count(result, reviews)
    if counts.errors:
        return Verdict.ERRORS
    if result.status is Status.FAILED:
        return Verdict.FAILED
    if result.status is Status.PARTIAL:
        return Verdict.PARTIAL
    if counts.warnings:
        return Verdict.WARNINGS
    return Verdict.OK


def totals_line(verdicts: Iterable[Verdict], lang: str = "zh") -> str:
    """ "共 300 份：有错误 19 · 有警告 41 · 部分解析 3 · 无法读取 2" (the kinds present, most urgent first)."""
    tally = Counter(verdicts)
    total = sum(tally.values())
    parts = [f"{verdict_name(v, lang)} {tally[v]}" for v in ORDER if tally[v]]
    if lang == "en":
        head = f"{total} report{'s' if total != 1 else ''}"
        return f"{head}: {' · '.join(parts)}" if parts else head
    return f"共 {total} 份：{' · '.join(parts)}" if parts else f"共 {total} 份"
