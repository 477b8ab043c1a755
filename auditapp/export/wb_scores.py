"""The workbook's 评分 (scores) and 覆盖情况 (coverage) sheets.

评分: one row per deduction of each report (the pack's item, its rules, how many findings,
the points, whether the cap cut them, the findings' numbers as 问题清单 numbers them), a report
without deduction on one row; below, the ranking's groups (ranked, or the reason they are not)
and the pack: its name, source, full score and every entry with its own source.
覆盖情况: the listed bodies without a report, the names that fit several, and the reports of no
listed body.

Both are written row after row with `append` and ready-made cells, so the same code serves the
whole workbook and the streamed one (openpyxl's write-only mode) of a large batch.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..coverage import Coverage, Listed
from ..rulepack import RulePack
from ..score_text import item_title
from ..scores import Ranking, Score, fmt_points
from . import wb_layout as L

_WORDS = {
    "zh": {
        "scores": "评分", "coverage": "覆盖情况",
        "no": "序号", "report": "报告", "agency": "机关", "year": "年度", "score": "得分", "rank": "排名",
        "item": "扣分项", "rules": "规则", "count": "问题数", "points": "扣分", "capped": "封顶",
        "findings": "问题序号", "yes": "是", "no_deduction": "无扣分", "unreadable": "无法读取，不评分",
        "not_ranked": "不排名", "partial": "（只读取了部分）", "dismissed": "已驳回 {n} 处，不扣分",
        "groups": "排名分组（同类机关、同一年度，至少 {n} 份才排名）", "group": "类别与年度", "members": "份数",
        "ranked": "已排名", "pack": "评分规则包", "source": "依据", "full": "满分", "entries": "扣分项（规则包各行）",
        "each": "每处扣分", "cap": "每份至多", "line": "规则包行号", "line_source": "来源",
        "status": "情况", "body": "单位（名单）", "where": "名单行号", "file": "报告文件", "named": "报告中的机关名称",
        "missing": "未见报告", "ambiguous": "名称对应不唯一，未核对", "unlisted": "不在名单中", "matched": "有报告",
        "no_agency": "（未识别）", "cov_head": "名单共 {n} 个单位：{m} 个有报告，{k} 个未见报告",
    },
    "en": {
        "scores": "Scores", "coverage": "Coverage",
        "no": "No.", "report": "Report", "agency": "Body", "year": "Year", "score": "Score", "rank": "Rank",
        "item": "Deduction", "rules": "Rules", "count": "Findings", "points": "Points", "capped": "Capped",
        "findings": "Finding numbers", "yes": "yes", "no_deduction": "no deduction",
        "unreadable": "unreadable, not scored", "not_ranked": "not ranked", "partial": " (read in part)",
        "dismissed": "{n} dismissed, deducting nothing",
        "groups": "Ranking groups (one kind of body and year, at least {n} reports)", "group": "Kind and year",
        "members": "Reports", "ranked": "ranked", "pack": "Rule pack", "source": "Source", "full": "Full score",
        "entries": "Deductions (the pack's lines)", "each": "Per finding", "cap": "At most", "line": "Pack line",
        "line_source": "Source",
        "status": "Status", "body": "Body (list)", "where": "List line", "file": "Report file",
        "named": "Body named in the report", "missing": "no report", "ambiguous": "name fits several, not checked",
        "unlisted": "not in the list", "matched": "has a report", "no_agency": "(not found)",
        "cov_head": "The list names {n} bodies: {m} with a report, {k} without",
    },
}  # fmt: skip

_SCORE_WIDTHS = (5, 14, 17, 5, 6, 7, 19, 15, 5, 5, 5, 9)
_COVERAGE_WIDTHS = (14, 26, 8, 26, 26)


def words(lang: str) -> dict[str, str]:
    return _WORDS["en" if lang == "en" else "zh"]


def _cell(ws, value, *, number: bool = False, bold: bool = False, head: bool = False, box: bool = True):
    """A ready-made cell; one without a box is a note that runs on over the empty cells beside it."""
    cell = WriteOnlyCell(ws)
    if number or value is None:
        cell.value = value
    else:
        L.put_text(cell, str(value))
    if box:
        cell.border = L.BOX
    cell.alignment = L.MIDDLE if head else L.TOP if number or not box else L.WRAP
    if bold or head:
        cell.font = L.BOLD
    if head:
        cell.fill = L.HEAD
    return cell


def _number(value):
    """A score as a number cell (int when whole)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class _Rows:
    """Appends rows and, on a whole (not write-only) sheet, makes each tall enough for its text."""

    def __init__(self, ws, sizes: Sequence[float]) -> None:
        self.ws, self.sizes, self.row = ws, sizes, 0
        self.fit = not isinstance(ws, WriteOnlyWorksheet)

    def __call__(self, cells: list) -> None:
        self.ws.append(cells)
        self.row += 1
        if self.fit:
            texts = [(str(c.value), self.sizes[k]) for k, c in enumerate(cells)
                     if k < len(self.sizes) and isinstance(c.value, str) and c.alignment.wrap_text]  # fmt: skip
            L.fit_height(self.ws, self.row, texts, cap=8)

    def note(self, text: str, bold: bool = False) -> None:
        """A long note on as many rows as the page's width takes (it runs on over empty cells)."""
        width, line = sum(self.sizes) - 4, ""
        for ch in text:
            if L.units(line + ch) > width:
                self([_cell(self.ws, line, bold=bold, box=False)])
                line = ""
            line += ch
        self([_cell(self.ws, line, bold=bold, box=False)])


def _head(ws, n: int, name: str, s: Score, rank_text: str) -> list:
    """A report's cells, made anew for each of its rows (a cell stands in one place only)."""
    return [
        _cell(ws, n, number=True), _cell(ws, name), _cell(ws, s.agency or ""), _cell(ws, s.year, number=True),
        _cell(ws, _number(s.score), number=True, bold=True), _cell(ws, rank_text),
    ]  # fmt: skip


def _setup(ws, sizes: Sequence[float], header: str, footer: str) -> None:
    """Widths, frozen header, page: all before the first row (a write-only sheet writes them with it)."""
    L.widths(ws, sizes)
    ws.freeze_panes = "A2"
    L.print_setup(ws, "landscape", header=header, footer=footer, title_rows="1:1")


def write_scores(
    ws, pack: RulePack, scores: Sequence[Score], ranking: Ranking, names: Sequence[str], lang: str, *,
    header: str, footer: str,
) -> None:  # fmt: skip
    w = words(lang)
    sep = ", " if lang == "en" else "、"
    _setup(ws, _SCORE_WIDTHS, header, footer)
    rows = _Rows(ws, _SCORE_WIDTHS)
    keys = ("no", "report", "agency", "year", "score", "rank", "item", "rules", "count", "points", "capped", "findings")
    rows([_cell(ws, w[k], head=True) for k in keys])
    for n, (s, name) in enumerate(zip(scores, names, strict=True), 1):
        place = ranking.rank(n - 1)
        if s.score is None:
            rank_text = ""
        elif place is not None:
            rank_text = f"{place}/{len(ranking.groups[ranking.group_of[n - 1]].members)}"
        else:
            rank_text = w["not_ranked"]
        head = functools.partial(_head, ws, n, name, s, rank_text)

        if s.score is None:
            rows([*head(), _cell(ws, w["unreadable"]), *(_cell(ws, None) for _ in range(5))])
            continue
        note = (w["partial"] if s.partial else "") + (
            ("; " if lang == "en" else "；") + w["dismissed"].format(n=s.dismissed) if s.dismissed else ""
        )
        if not s.items:
            rows([*head(), _cell(ws, w["no_deduction"] + note), *(_cell(ws, None) for _ in range(5))])
        for k, item in enumerate(s.items):
            d = pack.deductions[item.entry]
            rows(
                [
                    *head(),
                    _cell(ws, item_title(pack, item.entry, lang) + (note if k == 0 else "")),
                    _cell(ws, sep.join(item.rules)),
                    _cell(ws, item.count, number=True),
                    _cell(ws, _number(item.points), number=True),
                    _cell(ws, w["yes"] if item.capped else ""),
                    _cell(ws, sep.join(map(str, item.findings))),
                ]
            )
    rows([])
    rows.note(w["groups"].format(n=pack.rank_min), bold=True)
    rows([_cell(ws, w[k], head=True) for k in ("no", "group", "members", "rank")])
    for n, g in enumerate(ranking.groups, 1):
        what = w["ranked"] if g.ranked else g.reason(pack.rank_min, lang)
        rows([_cell(ws, n, number=True), _cell(ws, g.label(lang)), _cell(ws, len(g.members), number=True),
              _cell(ws, what, box=False)])  # fmt: skip
    rows([])
    colon = ": " if lang == "en" else "："
    rows.note(f"{w['pack']}{colon}{pack.name_in(lang)}", bold=True)
    rows.note(f"{w['source']}{colon}{pack.source_in(lang)}")
    rows.note(f"{w['full']}{colon}{fmt_points(pack.full)}")
    rows([_cell(ws, w[k], head=True) for k in ("line", "item", "rules", "each", "cap")]
         + [_cell(ws, w["line_source"], bold=True, box=False)])  # fmt: skip
    for entry, d in enumerate(pack.deductions):
        rows(
            [
                _cell(ws, d.line, number=True), _cell(ws, item_title(pack, entry, lang)),
                _cell(ws, sep.join(d.rules)), _cell(ws, _number(d.points), number=True),
                _cell(ws, _number(d.cap), number=True), _cell(ws, d.source_in(lang), box=False),
            ]
        )  # fmt: skip


def write_coverage(
    ws, cov: Coverage, names: Sequence[str], agencies: Sequence[str | None], lang: str, *, header: str, footer: str
) -> None:
    w = words(lang)
    _setup(ws, _COVERAGE_WIDTHS, header, footer)
    rows = _Rows(ws, _COVERAGE_WIDTHS)
    rows([_cell(ws, w[k], head=True) for k in ("status", "body", "where", "file", "named")])

    def body(i: int) -> list:
        b: Listed = cov.bodies[i]
        return [_cell(ws, b.name), _cell(ws, b.where, number=True)]

    def report(j: int) -> list:
        return [_cell(ws, names[j]), _cell(ws, agencies[j] or w["no_agency"])]

    for i in cov.missing:
        rows([_cell(ws, w["missing"]), *body(i), _cell(ws, ""), _cell(ws, "")])
    for i, reports in sorted(cov.ambiguous_bodies.items()):
        for j in reports:
            rows([_cell(ws, w["ambiguous"]), *body(i), *report(j)])
    for j in cov.unlisted:
        rows([_cell(ws, w["unlisted"]), _cell(ws, ""), _cell(ws, None), *report(j)])
    for i, reports in sorted(cov.matched.items()):
        for j in reports:
            rows([_cell(ws, w["matched"]), *body(i), *report(j)])
    rows([])
    text = w["cov_head"].format(n=len(cov.bodies), m=len(cov.matched), k=len(cov.missing))
    rows.note(text, bold=True)


def add_sheets(
    wb, pack: RulePack | None, scores: Sequence[Score], bodies: Sequence[Listed] | None,
    names: Sequence[str], agencies: Sequence[str | None], lang: str, *, header: str, footer: str,
) -> None:  # fmt: skip
    """The 评分 sheet (with a pack) and the 覆盖情况 sheet (with a list), appended to `wb`."""
    from ..coverage import match
    from ..scores import rank

    w = words(lang)
    if pack is not None:
        ws = wb.create_sheet(w["scores"])
        write_scores(ws, pack, scores, rank(scores, pack.rank_min), names, lang, header=header, footer=footer)
    if bodies is not None:
        ws = wb.create_sheet(w["coverage"])
        write_coverage(ws, match(bodies, agencies), names, agencies, lang, header=header, footer=footer)


__all__ = ["add_sheets", "write_coverage", "write_scores"]
