"""What every sheet of one workbook shares: language, reviews, corrections, file names, numbering.

Each finding of a report has a number (问题 1, 2, … in the report's order) and one anchor cell:
its suspect, else its relation's total, else its first cell. The anchor carries the finding's
note; the other cells of its relation are only shaded, so no cell claims numbers that belong
to another.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..api import AuditResult
from ..corrections import Correction, CorrectionKey, corrections_for
from ..inputs import display_name
from ..review import Review
from ..rules import RULE_BY_ID, Finding
from ..rules.findings import fmt_number
from ..template import Template
from ..verdict import Counts, Verdict, count, review_of, verdict, verdict_name
from .wb_words import SEVERITY, words

Reviews = Mapping[tuple[str, str], Review]


@dataclass
class ReportSheets:
    """The sheets a report got (None when a large batch leaves them out) and its cells' places."""

    tables: str | None = None
    source: str | None = None
    letter: str | None = None
    cell_refs: dict[str, str] = field(default_factory=dict)  # cell id → "B12" on the tables sheet


@dataclass
class Book:
    results: Sequence[AuditResult]
    reviews: Reviews
    corrections: Mapping[CorrectionKey, Correction]
    lang: str
    roots: Sequence[str]
    absolute_paths: bool
    sheets: list[ReportSheets] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.w = words(self.lang)
        self._names: dict[str, str] = {}
        self._paths: re.Pattern[str] | None = None
        self._swap: dict[str, str] = {}
        if not self.absolute_paths:
            self._learn_paths()

    # ---- names and paths ---------------------------------------------------------------------

    def name(self, result: AuditResult) -> str:
        """The file as the recipient should read it: relative to the opened folder, or its bare name."""
        if self.absolute_paths:
            return os.path.abspath(result.path)
        got = self._names.get(result.path)
        if got is None:
            got = self._names[result.path] = display_name(result.path, self.roots)
        return got

    def _learn_paths(self) -> None:
        """Every spelling of every file's path and folder, for taking them out of messages
        (a cross-report finding names the other file; a read error may name its own)."""
        for result in self.results:
            shown = self.name(result)
            for spelling in {result.path, os.path.abspath(result.path)}:
                if os.sep in spelling or "/" in spelling:
                    self._swap[spelling] = shown
                    folder = os.path.dirname(spelling)
                    if folder and folder not in (os.sep, "."):
                        self._swap.setdefault(folder + os.sep, "")
                        self._swap.setdefault(folder, ".")
        for root in self.roots:
            folder = os.path.abspath(root)
            if folder != os.sep:
                self._swap.setdefault(folder + os.sep, "")
                self._swap.setdefault(folder, ".")
        if self._swap:
            alternatives = sorted(self._swap, key=len, reverse=True)
            self._paths = re.compile("|".join(map(re.escape, alternatives)))

    def clean(self, text: str) -> str:
        """`text` with no path of the inspector's in it (unless absolute paths were asked for)."""
        if self._paths is None or not text or ("/" not in text and os.sep not in text):
            return text
        return self._paths.sub(lambda m: self._swap[m.group(0)], text)

    # ---- findings ----------------------------------------------------------------------------

    def review(self, result: AuditResult, f: Finding) -> Review:
        return review_of(result, f, self.reviews)

    def dismissed(self, result: AuditResult, f: Finding) -> bool:
        return self.review(result, f).state == "dismissed"

    def counts(self, result: AuditResult) -> Counts:
        return count(result, self.reviews)

    def verdict(self, result: AuditResult) -> Verdict:
        return verdict(result, self.reviews)

    def verdict_text(self, result: AuditResult) -> str:
        return verdict_name(self.verdict(result), self.lang)

    def message(self, f: Finding) -> str:
        return self.clean(f.message(self.lang))

    def severity(self, f: Finding) -> str:
        return SEVERITY[self.lang][f.severity.value]

    def rule_title(self, rule_id: str) -> str:
        r = RULE_BY_ID[rule_id]
        return r.title_en if self.lang == "en" else r.title_zh

    def review_text(self, review: Review) -> str:
        state = {"confirmed": self.w["confirmed"], "dismissed": self.w["dismissed"]}.get(
            review.state or "", self.w["not_reviewed"]
        )
        sep = ": " if self.lang == "en" else "："
        return f"{state}{sep}{review.comment}" if review.comment else state

    def advice(self, f: Finding, short: bool = False) -> str:
        """What to do: the suspect's value that satisfies every check, else to check (short: after 建议：)."""
        if f.proposed is not None:
            return self.w["change_to" if short else "advise_value"].format(fmt_number(f.proposed))
        return {"error": self.w["advise_check"], "warning": self.w["advise_look"]}.get(f.severity.value, "")

    def corrections_of(self, result: AuditResult) -> dict[str, Correction]:
        return corrections_for(result, self.corrections) if self.corrections else {}

    def correction_note(self, c: Correction) -> str:
        w = self.w
        value = w["blank"] if c.value is None else fmt_number(c.value)
        original = w["blank"] if not c.original else c.original
        line = w["note_line"].format(c.line) if c.line else ""
        reason = ((": " if self.lang == "en" else "：") + c.reason) if c.reason else ""
        return w["note_corrected"].format(original=original, line=line, value=value, reason=reason)

    def where(self, template: Template | None, cell_id: str | None) -> str:
        if template is None or cell_id is None:
            return ""
        try:
            return template.cell_words(cell_id, self.lang)
        except (StopIteration, ValueError):  # a cell of another template's reading
            return cell_id


def anchor(f: Finding, template: Template | None) -> str | None:
    """The one cell a finding's note goes on: its suspect, its relation's total, its first cell."""
    if f.suspect:
        return f.suspect
    if f.relation and template is not None:
        rule, _, key = f.relation.partition(":")
        for rel in template.relations:
            if rel.rule == rule and rel.key == key:
                return rel.totals[0]
    return f.cells[0] if f.cells else None
