"""The narrative against table 2 (rule narrative.table2): documents issued, repealed and in force
(规章, 行政规范性文件), licensing, penalty and coercion decisions, and the fees collected.

Part of the narrative check (narrative.py, which says how figures are found and whose they are);
this module says which table-2 figure a document word means and when its sentence is clear:

- A document word (规章, 行政规范性文件) right after 现行有效 or 废止 is in force or repealed
  ("清理并集中发布现行有效行政规范性文件393件", "废止规范性文件5件"); 现行有效 / 废止 with their
  figure take the document word before them in the sentence, when no other keyword stands
  between ("规范性文件现行有效393件", "全年共制发规范性文件12件，废止3件"). Any other document
  word is issued, and checked only when a verb of issuing (制发, 印发, 出台 …) stands before it in
  its sentence and nothing in its clause makes it something else (清理, 解读, 备案, 转发 …).
- Left alone: a count in force that is what a review went through (清理现行有效规范性文件120件:
  the count before the clean-up), repeals proposed (建议废止, 拟废止) or said with changes (修改和
  废止), figures of a wider scope (全市共主动公开…规范性文件707件, 各部门…: a sentence that names
  it before the document word), a count with its parts after it (规章13件（含新制定5件，修改4件）:
  published, not all issued; a 废止 among the parts is read), sums over several kinds (制发规章和
  规范性文件共12件: an enumeration), and 规章制度 (internal rules, not 规章).
- Decisions: 行政许可 / 行政处罚 / 行政强制 (决定) with their figure, in a sentence not about items,
  lists, cases, applications or changes; "办理行政许可事项 X 件" counts when a verb of handling
  stands before it and the unit is 件 (in 项 it is the number of items on the list).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..template import Template
from . import narrative_patterns as P
from .narrative_cells import SPECS, Option, Spec, _template_cells

if TYPE_CHECKING:
    from .narrative_figures import _Fig, _Kw, _Line

DOC_UNITS = frozenset({"件", "个", "份", "条"})
_DOCS = {  # keyword group → (cell row, its name, in English)
    "normative": ("normative_documents", "行政规范性文件", "normative documents"),
    "regulations": ("regulations", "规章", "rules"),
}
_STATES = {  # keyword group → (its word, in English, the column, the context)
    "in_force": ("现行有效", "in force", "现行有效件数", "t2s"),
    "repealed": ("废止", "repealed", "本年废止件数", "t2r"),
}
# between 现行有效 / 废止 and the document word: nothing, 的, or the body's own level (市政府规章)
_ADJACENT = re.compile(r"[的了\s]{0,2}(?:[市区县省州]?(?:人民)?(?:政府)?|本级|本机关|本部门)[的\s]?")
_DOC_REACH = 40  # how far before 现行有效 / 废止 its document word may stand

# what a count of documents in force is not: what a review went through (清理现行有效…120件)
_REVIEWED = re.compile(r"(?:清理|梳理|审查|评估|修订|修改|核查|排查|审核|废止)[了的]?\s*$")
# repeals proposed, or said together with changes (修改和废止…)
_NOT_DONE = re.compile(r"(?:建议|拟|提请|申请|待|修改|修订|保留)[和及与、]?\s*$")
_WITH_CHANGES = re.compile(r"[和及与、](?:修改|修订)")
# a scope wider than the body's own documents
_WIDE = re.compile(r"各部门|各单位|各级|各地|全[市区县省州旗]")
# a count said with its parts after it: published, not all issued (规章13件（含新制定5件，修改4件）)
# (matched after the figure's spaces are skipped: a leading \s* would make a search quadratic)
_MIXED = re.compile(r"[（(]\s*(?:含|其中|包括)")
# "办理行政许可事项 X 件": a verb of handling right before the keyword
_HANDLED = re.compile(r"(?:办理|办结|审批|作出|做出)\s*$")


def _derive(doc: str, zh: str, en: str):
    """2021: 本年制发件数; 2019: 本年新制作数量 or 本年新公开数量 (印发 can mean either)."""

    def derive(template: Template) -> tuple[Option, ...]:
        names = {
            "issued": (f"表二{zh}本年制发件数", f"table 2 {en} issued"),
            "made": (f"表二{zh}本年新制作数量", f"table 2 {en} newly made"),
            "published": (f"表二{zh}本年新公开数量", f"table 2 {en} newly published"),
        }
        cells = _template_cells(template)
        return tuple(Option((f"t2.{doc}.{c}",), z, e) for c, (z, e) in names.items() if f"t2.{doc}.{c}" in cells)

    return derive


def _specs() -> None:
    for doc, zh, en in _DOCS.values():
        SPECS[f"t2.{doc}.issued"] = Spec(
            f"制发{zh}",
            f"{en} issued",
            (Option((f"t2.{doc}.issued",), f"表二{zh}本年制发件数", f"table 2 {en} issued"),),
            units=DOC_UNITS,
            fill=P.FILL_T2,
            context="t2n",
            derive=_derive(doc, zh, en),
        )
        for state_zh, state_en, column, context in _STATES.values():
            state = "in_force" if context == "t2s" else "repealed"
            SPECS[f"t2.{doc}.{state}"] = Spec(
                f"{state_zh}{zh}",
                f"{en} {state_en}",
                (Option((f"t2.{doc}.{state}",), f"表二{zh}{column}", f"table 2 {en} {state_en}"),),
                units=DOC_UNITS,
                fill=P.FILL_T2,
                context=context,
            )


_specs()
KEYWORD_GROUPS = frozenset({*_DOCS, *_STATES})


def doc_kind(line: _Line, kw: _Kw) -> str | None:
    """The statement kind of a figure labelled by a document word, 现行有效 or 废止."""
    if kw.group in _DOCS:
        doc = _DOCS[kw.group][0]
        prev = line.kws[kw.index - 1] if kw.index else None
        if prev is not None and prev.group in _STATES and _ADJACENT.fullmatch(line.s, prev.end, kw.start):
            return f"t2.{doc}.{prev.group}"
        return f"t2.{doc}.issued"
    # 现行有效 / 废止 with the figure: the document word before it, no other keyword between
    if not kw.index:
        return None
    prev = line.kws[kw.index - 1]
    s0, _ = line.sentence(kw.start)
    if prev.group not in _DOCS or prev.start < max(s0, kw.start - _DOC_REACH):
        return None
    return f"t2.{_DOCS[prev.group][0]}.{kw.group}"


def quote_start(line: _Line, kw: _Kw) -> int:
    """Where a table-2 statement's quote starts: at 现行有效 / 废止 when they stand right before
    its document word ("现行有效行政规范性文件393件")."""
    if kw.group in _DOCS and kw.index:
        prev = line.kws[kw.index - 1]
        if prev.group in _STATES and _ADJACENT.fullmatch(line.s, prev.end, kw.start):
            return prev.start
    return kw.start


def _state_kw(line: _Line, kw: _Kw) -> _Kw:
    """The 现行有效 / 废止 keyword that made a figure's kind: the keyword itself, or the one
    right before its document word."""
    return line.kws[kw.index - 1] if kw.group in _DOCS else kw


def in_context(line: _Line, fig: _Fig, spec: Spec) -> bool:
    """Whether a table-2 figure's sentence leaves no doubt about what it counts."""
    kw = fig.kw
    assert kw is not None
    s = line.s
    s0, s1 = line.sentence(fig.start)
    c0, _ = line.clause(kw.start)
    hi = max(kw.end, fig.end)
    if spec.context in ("t2n", "t2s", "t2r") and _WIDE.search(s, s0, kw.start):
        return False  # 全市共主动公开…规范性文件707件: the departments' and districts' too
    if spec.context == "t2n":
        after = fig.end
        while after < len(s) and s[after].isspace():
            after += 1
        if _MIXED.match(s, after):
            return False  # 规章13件（含新制定5件，修改4件，废止4件）: not all of them issued
        return line.has(P.ISSUE_VERBS, s0, kw.start) and not line.has(P.NORMATIVE_EXCLUDE, c0, hi)
    if spec.context in ("t2s", "t2r"):
        state = _state_kw(line, kw)
        before = s[max(0, state.start - 6) : state.start]
        if spec.context == "t2s" and _REVIEWED.search(before):
            return False
        return spec.context == "t2s" or not (_NOT_DONE.search(before) or _WITH_CHANGES.match(s, state.end))
    if spec.context == "t2d":
        gap = s[kw.end : fig.start]
        if "事项" in gap and (fig.unit != "件" or not _HANDLED.search(s, max(0, kw.start - 4), kw.start)):
            return False  # 行政许可事项 356 项: the items on the list
        # the sentence but the gap (事项 there is the keyword's own)
        return not (line.has(P.DECISION_EXCLUDE, s0, kw.end) or line.has(P.DECISION_EXCLUDE, fig.start, s1))
    if spec.context == "t2f":  # fees collected, not 减免 / 退还 / 免收 …
        return not line.has(P.FEES_EXCLUDE, s0, hi)
    return True
