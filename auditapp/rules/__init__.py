"""The audit: the rule catalogue (data), the checks that apply it, and suspect localisation."""

from .catalogue import RULE_BY_ID, RULES, Rule, Severity
from .engine import audit
from .findings import Finding

__all__ = ["RULES", "RULE_BY_ID", "Finding", "Rule", "Severity", "audit"]
