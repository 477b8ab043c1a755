"""Scores and coverage in words: the blocks the CLI prints after a batch, in Chinese or English.

Every deduction line names its pack entry, the rules it counts, how many findings, the points
(and whether the cap cut them) and the findings' numbers in the report's list, so the inspector
can find each one in the report's output above.
"""

from __future__ import annotations

from collections.abc import Sequence

from .coverage import Coverage
from .rulepack import RulePack
from .rules import RULE_BY_ID
from .scores import Ranking, Score, fmt_points

_W = {
    "zh": {
        "head": "评分：{name}（满分 {full}）",
        "source": "  依据：{source}",
        "report": "  {n}. {name}{who}：得分 {score}{rank}",
        "who": "（{agency}{year}）",
        "year": "，{}年度",
        "rank": "，排名 {rank}/{of}",
        "not_scored": "  {n}. {name}{who}：无法读取，不评分",
        "partial": "（报告只读取了一部分，按读取部分评分）",
        "item": "     −{points}  {item}：{rules} {count} 处（问题 {numbers}）{capped}",
        "capped": "，已封顶",
        "dismissed": "     已驳回 {n} 处问题，不扣分",
        "groups": "  排名（同类同年度，至少 {min} 份才排名）：",
        "group": "    {label}：{n} 份，{what}",
        "ranked": "已排名",
        "sep": "、",
        "cov_head": "覆盖情况：名单 {path} 共 {n} 个单位，{matched} 个有报告",
        "missing": "  未见报告的单位（{n}）：{names}",
        "unlisted": "  不在名单中的报告（{n}）：{names}",
        "ambiguous_body": "  名称对应不唯一，未核对（{n}）：{names}",
        "fits": "{name}（可能是 {files}）",
        "no_agency": "未识别机关",
        "none": "无",
    },
    "en": {
        "head": "Scores: {name} (full score {full})",
        "source": "  Source: {source}",
        "report": "  {n}. {name}{who}: score {score}{rank}",
        "who": " ({agency}{year})",
        "year": ", {}",
        "rank": ", rank {rank}/{of}",
        "not_scored": "  {n}. {name}{who}: unreadable, not scored",
        "partial": " (read in part: scored on what was read)",
        "item": "     −{points}  {item}: {rules} ×{count} (findings {numbers}){capped}",
        "capped": ", capped",
        "dismissed": "     {n} finding(s) dismissed, deducting nothing",
        "groups": "  Ranking (one kind of body and year, at least {min} reports):",
        "group": "    {label}: {n} report(s), {what}",
        "ranked": "ranked",
        "sep": ", ",
        "cov_head": "Coverage: the list {path} names {n} bodies, {matched} with a report",
        "missing": "  Bodies without a report ({n}): {names}",
        "unlisted": "  Reports of no listed body ({n}): {names}",
        "ambiguous_body": "  Names that fit several, not checked ({n}): {names}",
        "fits": "{name} (may be {files})",
        "no_agency": "agency not found",
        "none": "none",
    },
}


def words(lang: str) -> dict[str, str]:
    return _W["en" if lang == "en" else "zh"]


def item_title(pack: RulePack, entry: int, lang: str) -> str:
    """An entry's words: the evaluator's item, else its rules' titles."""
    d = pack.deductions[entry]
    return d.item_in(lang) or words(lang)["sep"].join(rule_titles(d.rules, lang))


def rule_titles(rules: Sequence[str], lang: str) -> list[str]:
    return [RULE_BY_ID[r].title_en if lang == "en" else RULE_BY_ID[r].title_zh for r in rules]


def scores_text(pack: RulePack, scores: Sequence[Score], ranking: Ranking, names: Sequence[str], lang: str) -> str:
    w = words(lang)
    out = [w["head"].format(name=pack.name_in(lang), full=fmt_points(pack.full))]
    out.append(w["source"].format(source=pack.source_in(lang)))
    for n, (s, name) in enumerate(zip(scores, names, strict=True), 1):
        year = w["year"].format(s.year) if s.year is not None else ""
        who = w["who"].format(agency=s.agency, year=year) if s.agency else ""
        if s.score is None:
            out.append(w["not_scored"].format(n=n, name=name, who=who))
            continue
        group = ranking.groups[ranking.group_of[n - 1]]
        place = ranking.rank(n - 1)
        rank = w["rank"].format(rank=place, of=len(group.members)) if place is not None else ""
        line = w["report"].format(n=n, name=name, who=who, score=fmt_points(s.score), rank=rank)
        out.append(line + (w["partial"] if s.partial else ""))
        for item in s.items:
            out.append(
                w["item"].format(
                    points=fmt_points(item.points),
                    item=item_title(pack, item.entry, lang),
                    rules=w["sep"].join(item.rules),
                    count=item.count,
                    numbers=w["sep"].join(map(str, item.findings)),
                    capped=w["capped"] if item.capped else "",
                )
            )
        if s.dismissed:
            out.append(w["dismissed"].format(n=s.dismissed))
    out.append(w["groups"].format(min=pack.rank_min))
    for g in ranking.groups:
        what = w["ranked"] if g.ranked else g.reason(pack.rank_min, lang)
        out.append(w["group"].format(label=g.label(lang), n=len(g.members), what=what))
    return "\n".join(out)


def coverage_text(cov: Coverage, path: str, names: Sequence[str], agencies: Sequence[str | None], lang: str) -> str:
    """`names`: each report's file as shown; `agencies`: each report's agency."""
    w = words(lang)
    sep = w["sep"]

    def listing(items: list[str]) -> str:
        return sep.join(items) if items else w["none"]

    out = [w["cov_head"].format(path=path, n=len(cov.bodies), matched=len(cov.matched))]
    out.append(w["missing"].format(n=len(cov.missing), names=listing([cov.bodies[i].name for i in cov.missing])))
    unlisted = [f"{names[j]}（{agencies[j] or w['no_agency']}）" for j in cov.unlisted]
    if lang == "en":
        unlisted = [f"{names[j]} ({agencies[j] or w['no_agency']})" for j in cov.unlisted]
    out.append(w["unlisted"].format(n=len(cov.unlisted), names=listing(unlisted)))
    if cov.ambiguous_bodies:
        fits = [
            w["fits"].format(name=cov.bodies[i].name, files=sep.join(names[j] for j in reports))
            for i, reports in sorted(cov.ambiguous_bodies.items())
        ]
        out.append(w["ambiguous_body"].format(n=len(fits), names=listing(fits)))
    return "\n".join(out)


__all__ = ["coverage_text", "item_title", "rule_titles", "scores_text", "words"]
