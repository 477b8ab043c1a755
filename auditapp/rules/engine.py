"""Report → findings: run every registered check, then name the suspects."""

from __future__ import annotations

from ..report import Report
from . import checks
from .catalogue import Severity
from .dates import check_period as _period  # noqa: F401  (registers its checks)
from .findings import Finding
from .locate import locate_suspects
from .narrative import narrative as _narrative  # noqa: F401  (registers its checks)
from .parts import check_parts as _parts  # noqa: F401  (registers its check)

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def audit(report: Report) -> list[Finding]:
    findings: list[Finding] = []
    for fn in checks.CHECKS:
        findings.extend(fn(report))
    return sort_findings(locate_suspects(report, findings))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; template order within a severity (a stable sort)."""
    return sorted(findings, key=lambda f: _ORDER[f.severity])
