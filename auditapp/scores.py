"""Scores under a rule pack: each report's deductions itemised, and the batch ranked where fair.

A report starts from the pack's full score; each entry of the pack deducts its points for each
finding of its rules, at most its cap; the score is never below 0. Findings the inspector
dismissed deduct nothing. Every deduction names the findings it counts by their numbers in the
report's list (问题 1, 2, … as the window and the workbook number them), so each point can be
traced back. An unreadable report is not scored (nothing was checked): a full score would lie.

Ranking compares like with like: reports of one kind of body (auditapp.bodykind) and one year,
and only a group of at least `pack.rank_min` reports; any other group's ranking is withheld
with the reason. Scores are computed from what a batch keeps of each report (the rule of each
finding, in order), so a batch of any size is scored in bounded memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .bodykind import KIND_EN, KIND_ZH, BodyKind, body_kind
from .rulepack import RulePack
from .rules.findings import fmt_number


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of the pack applied to one report."""

    entry: int  # index in pack.deductions
    count: int  # findings counted (the dismissed left out)
    points: Decimal  # deducted, after the cap
    capped: bool  # the cap cut the deduction
    findings: tuple[int, ...]  # the findings' numbers in the report's list (1-based)
    rules: tuple[str, ...] = ()  # the entry's rules these findings are of


@dataclass(frozen=True, slots=True)
class Score:
    """A report's score: None when it could not be scored (`note` says why)."""

    path: str
    agency: str | None
    year: int | None
    score: Decimal | None
    items: tuple[Item, ...] = ()
    dismissed: int = 0  # findings of the pack's rules the inspector dismissed (they deduct nothing)
    partial: bool = False  # read in part: a score over what could be read

    @property
    def kind(self) -> BodyKind:
        return body_kind(self.agency)

    @property
    def deducted(self) -> Decimal:
        return sum((i.points for i in self.items), Decimal(0))


def score_report(
    pack: RulePack,
    path: str,
    agency: str | None,
    year: int | None,
    findings: Iterable[tuple[str, bool]],
    *,
    failed: bool = False,
    partial: bool = False,
) -> Score:
    """Score one report from its findings in list order: (rule id, dismissed) each."""
    if failed:
        return Score(path, agency, year, None)
    numbers: dict[int, list[int]] = defaultdict(list)
    found: dict[int, dict[str, None]] = defaultdict(dict)  # entry → its rules found, in order
    dismissed = 0
    for n, (rule_id, was_dismissed) in enumerate(findings, 1):
        entry = pack.entry_of(rule_id)
        if entry is None:
            continue
        if was_dismissed:
            dismissed += 1
            continue
        numbers[entry].append(n)
        found[entry][rule_id] = None
    items = []
    for entry in sorted(numbers):
        d = pack.deductions[entry]
        raw = d.points * len(numbers[entry])
        points = min(raw, d.cap) if d.cap is not None else raw
        items.append(Item(entry, len(numbers[entry]), points, points < raw, tuple(numbers[entry]), tuple(found[entry])))
    deducted = sum((i.points for i in items), Decimal(0))
    return Score(path, agency, year, max(pack.full - deducted, Decimal(0)), tuple(items), dismissed, partial)


def score_result(pack: RulePack, result, reviews=None) -> Score:
    """Score an AuditResult, the inspector's dismissals (auditapp.review) applied."""
    from .api import Status
    from .verdict import review_of

    meta = result.report.meta if result.report is not None else None
    findings = [(f.rule, review_of(result, f, reviews).state == "dismissed") for f in result.findings]
    return score_report(
        pack, result.path, meta.agency if meta else None, meta.year if meta else None, findings,
        failed=result.status is Status.FAILED, partial=result.status is Status.PARTIAL,
    )  # fmt: skip


# ---- ranking ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Group:
    """Reports of one kind and year: ranked, or withheld with the reason."""

    kind: BodyKind
    year: int | None
    members: tuple[int, ...]  # indices into the scores
    ranked: bool

    def label(self, lang: str = "zh") -> str:
        if lang == "en":
            year = f"{self.year}" if self.year is not None else "year unknown"
            return f"{KIND_EN[self.kind]}, {year}"
        year = f"{self.year}年度" if self.year is not None else "年度不明"
        return f"{KIND_ZH[self.kind]}，{year}"

    def reason(self, rank_min: int, lang: str = "zh") -> str:
        """Why this group is not ranked ("" when it is)."""
        if self.ranked:
            return ""
        n = len(self.members)
        if self.kind is BodyKind.UNKNOWN:
            if lang == "en":
                return "the kind of body cannot be told from its name: not compared"
            return "无法从机关名称判断机关类别，不参与比较"
        if self.year is None:
            return "the report's year is unknown: not compared" if lang == "en" else "无法识别报告年度，不参与比较"
        if lang == "en":
            return f"only {n} report{'s' if n != 1 else ''} of this kind and year (fewer than {rank_min}): not ranked"
        return f"同类同年度报告仅 {n} 份（少于 {rank_min} 份），不排名"


@dataclass(frozen=True, slots=True)
class Ranking:
    groups: tuple[Group, ...]
    ranks: dict[int, int]  # score index → rank within its group (1 = best; ties share a rank)
    group_of: dict[int, int]  # score index → index into groups

    def rank(self, index: int) -> int | None:
        return self.ranks.get(index)


def rank(scores: Sequence[Score], rank_min: int) -> Ranking:
    """Rank the scored reports within their (kind, year) groups of at least `rank_min`."""
    members: dict[tuple[BodyKind, int | None], list[int]] = defaultdict(list)
    for i, s in enumerate(scores):
        if s.score is not None:
            members[(s.kind, s.year)].append(i)
    groups: list[Group] = []
    ranks: dict[int, int] = {}
    group_of: dict[int, int] = {}
    order = sorted(members, key=lambda k: (k[0] is BodyKind.UNKNOWN, list(BodyKind).index(k[0]), k[1] or 0))
    for kind, year in order:
        idx = members[(kind, year)]
        fair = kind is not BodyKind.UNKNOWN and year is not None and len(idx) >= rank_min
        groups.append(Group(kind, year, tuple(idx), fair))
        for i in idx:
            group_of[i] = len(groups) - 1
        if fair:
            ordered = sorted(idx, key=lambda i: -(scores[i].score or 0))
            for position, i in enumerate(ordered, 1):
                prev = ordered[position - 2] if position > 1 else None
                same = prev is not None and scores[prev].score == scores[i].score
                ranks[i] = ranks[prev] if same and prev is not None else position
    return Ranking(tuple(groups), ranks, group_of)


fmt_points = fmt_number  # points as a finding's numbers are printed: 5, 0.5, — for none


# ---- what a batch keeps of each report ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facts:
    """What scoring and coverage need of one report, made where its result is whole (a worker)."""

    path: str
    agency: str | None
    year: int | None
    failed: bool
    partial: bool
    rules: tuple[str, ...]  # the rule of each finding, in the report's order

    @classmethod
    def of(cls, result) -> Facts:
        from .api import Status

        meta = result.report.meta if result.report is not None else None
        return cls(
            result.path, meta.agency if meta else None, meta.year if meta else None,
            result.status is Status.FAILED, result.status is Status.PARTIAL, tuple(f.rule for f in result.findings),
        )  # fmt: skip

    def score(self, pack: RulePack, extra: Sequence[str] = ()) -> Score:
        """The score with `extra` findings (the checks across reports: their rules) merged in
        as `sort_findings` merges them (a stable sort by severity), so the numbers match."""
        from .rules import Finding
        from .rules.engine import sort_findings

        rules = [f.rule for f in sort_findings([Finding(r) for r in (*self.rules, *extra)])]
        return score_report(
            pack, self.path, self.agency, self.year, [(r, False) for r in rules],
            failed=self.failed, partial=self.partial,
        )  # fmt: skip


__all__ = ["Facts", "Group", "Item", "Ranking", "Score", "fmt_points", "rank", "score_report", "score_result"]
