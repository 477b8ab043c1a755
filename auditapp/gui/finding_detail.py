"""A finding read whole, as the findings pane shows it beside the list: its rule and review, the
message, the numbers, the suspect and the value proposed, the source lines behind it, and what
its rule checks (in the window's language)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from ..api import AuditResult
from ..parse.values import Kind
from ..review import Review
from ..rules import RULE_BY_ID, Finding
from ..rules.catalogue import checks
from ..rules.findings import fmt_number
from .i18n import review_name, severity_name
from .models import rule_title

MAX_EVIDENCE_LINES = 8  # a relation over a whole column names 25 rows: the first few tell where to look
MAX_LINE_CHARS = 200  # a PDF's line can be a whole paragraph
# Its texts are translated in the findings pane's context, whose part of the window they are.


def html_text(text: str) -> str:
    """Plain text as HTML, its line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def describe(f: Finding, result: AuditResult, review: Review, lang: str) -> str:
    """The finding whole, as HTML: what and its review, the numbers, the suspect, the evidence, the rule."""
    report = result.report
    head = f"[{severity_name(f.severity)}] {rule_title(f.rule, lang)}"
    state = QCoreApplication.translate("FindingsPane", "Review: {state}").format(state=review_name(review.state))
    parts = [f"<p><b>{html.escape(head)}</b> <span style='color:#808080'>({f.rule})</span> · {state}</p>"]
    if review.comment:
        comment = QCoreApplication.translate("FindingsPane", "Comment: {comment}").format(comment=review.comment)
        parts.append(f"<p><i>{html_text(comment)}</i></p>")
    parts.append(f"<p>{html_text(f.message(lang))}</p>")
    numbers = []
    if f.expected is not None or f.actual is not None:
        numbers.append(
            QCoreApplication.translate(
                "FindingsPane", "Expected {expected}   Actual {actual}   Difference {difference}"
            ).format(expected=fmt_number(f.expected), actual=fmt_number(f.actual), difference=fmt_number(f.difference))
        )
    if f.suspect and report is not None:
        cell = report.cells.get(f.suspect)
        now = "—" if cell is None else fmt_number(cell.number) if cell.kind is Kind.NUMBER else (cell.raw or "—")
        words = report.template.cell_words(f.suspect, lang)
        numbers.append(
            QCoreApplication.translate("FindingsPane", "Suspect: {cell}, now {value}").format(cell=words, value=now)
        )
    if numbers:
        parts.append(f"<p>{'<br>'.join(map(html.escape, numbers))}</p>")
    if f.proposed is not None:
        proposed = QCoreApplication.translate("FindingsPane", "Suggested: change to {value}").format(
            value=fmt_number(f.proposed)
        )
        parts.append(f"<p><b>{html.escape(proposed)}</b></p>")
    if f.other_file:
        other = QCoreApplication.translate("FindingsPane", "The other report: {file}").format(file=f.other_file)
        parts.append(f"<p>{html.escape(other)}</p>")
    if evidence := _evidence(f, result, lang):
        parts.append(f"<p>{'<br>'.join(map(html.escape, evidence))}</p>")
    checked = QCoreApplication.translate("FindingsPane", "The rule checks: {checks}")
    parts.append(f"<p style='color:#606060'>{html.escape(checked.format(checks=checks(RULE_BY_ID[f.rule], lang)))}</p>")
    return "".join(parts)


def _evidence(f: Finding, result: AuditResult, lang: str) -> list[str]:
    """The source lines behind a finding: its own evidence, then its cells', each once."""
    report = result.report
    if report is None:
        return []
    source = report.source
    spans = [*f.spans, *(report.cells[c].span for c in dict.fromkeys((f.suspect, *f.cells)) if c in report.cells)]
    lines = list(dict.fromkeys(span.line for span in spans))
    if not lines and f.lines:
        lines = list(range(f.lines[0], min(f.lines[1], f.lines[0] + MAX_EVIDENCE_LINES - 1) + 1))
    out = []
    for number in lines[:MAX_EVIDENCE_LINES]:
        text = source.lines[number - 1].strip() if 0 < number <= len(source.lines) else ""
        if len(text) > MAX_LINE_CHARS:
            text = text[:MAX_LINE_CHARS] + "…"
        where = source.line_origin(number, lang) if source.anchors else ""
        if where:
            out.append(
                QCoreApplication.translate("FindingsPane", "Line {line} ({where}): {text}").format(
                    line=number, where=where, text=text
                )
            )
        else:
            out.append(QCoreApplication.translate("FindingsPane", "Line {line}: {text}").format(line=number, text=text))
    if len(lines) > MAX_EVIDENCE_LINES:
        out.append(
            QCoreApplication.translate("FindingsPane", "… and {count} more lines").format(
                count=len(lines) - MAX_EVIDENCE_LINES
            )
        )
    return out
