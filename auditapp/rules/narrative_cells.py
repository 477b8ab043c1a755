"""The narrative's statements matched to table cells: what each kind of statement can mean in
the report's template (options of cells whose sum it states), and the sums the report gives.

Part of the narrative check (narrative.py); see there for what is checked and why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..report import Report
from ..source import Span
from ..template import Template
from . import narrative_patterns as P
from .findings import Text, fmt_number

NEW, CO, TOTAL, CF = "t3.new.total", "t3.carried_over.total", "t3.total.total", "t3.carried_forward.total"
_DENIED = ("secret", "law", "safety", "third_party", "internal", "process", "enforcement", "inquiry")
_UNABLE = ("not_held", "create", "unclear")
_REJECTED = ("petition", "repeat", "publication", "mass", "confirm")
_OTHER = ("no_supplement", "no_fee", "misc")
_SUITS = ("suit_direct", "suit_after_review")
_T4_RESULTS = {"upheld": ("结果维持", "upheld"), "corrected": ("结果纠正", "corrected"),
               "other_result": ("其他结果", "other result"), "pending": ("尚未审结", "pending")}  # fmt: skip

COUNT_UNITS = frozenset({"件", "项", "个", "宗"})


@dataclass(frozen=True, slots=True)
class Option:
    """One table figure a statement can mean: the sum of these cells."""

    cells: tuple[str, ...]
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Spec:
    what_zh: str
    what_en: str
    options: tuple[Option, ...]
    units: frozenset[str] = COUNT_UNITS
    fill: object = P.FILL_T3
    after: bool = False  # may the keyword follow the figure ("764件已办结")
    context: str = "t3"  # t3_total | t3 | t4 | t2n | t2d | t2f
    # The options read from the report's template, when its tables differ (2019: (六)其他处理 is
    # one row; 规范性文件 has 本年新制作数量 / 本年新公开数量, no 本年制发件数; no fees amount).
    derive: Callable[[Template], tuple[Option, ...]] | None = None


def _t3(row: str) -> tuple[str, ...]:
    return (f"t3.{row}.total",)


def _t3_rows(prefix: str, rows: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"t3.{prefix}_{r}.total" for r in rows)


def _rows_of(template: Template, tid: str, prefix: str) -> list[str]:
    """The ids of a table's rows that make up a group: the row `prefix` itself (2019's single
    (六)其他处理) or the rows `prefix_…` under it."""
    try:
        table = template.table(tid)
    except StopIteration:
        return []
    return [r.id for r in table.rows if r.id == prefix or r.id.startswith(prefix + "_")]


def _t3_group(prefix: str, zh: str, en: str) -> Callable[[Template], tuple[Option, ...]]:
    def derive(template: Template) -> tuple[Option, ...]:
        rows = _rows_of(template, "t3", prefix)
        if not rows:
            return ()
        cells = tuple(f"t3.{r}.total" for r in rows)
        if len(rows) == 1:
            return (Option(cells, f"表三{zh}", f"table 3 {en}"),)
        return (Option(cells, f"表三{zh}（{len(rows)}项之和）", f"table 3 {en} ({len(rows)} rows)"),)

    return derive


_O_NEW = Option((NEW,), "表三本年新收申请", "table 3 new applications")
_O_RECEIVED = Option((NEW, CO), "表三本年新收与上年结转之和", "table 3 new plus carried-over applications")
_O_TOTAL = Option((TOTAL,), "表三办理结果总计", "table 3 results total")

SPECS: dict[str, Spec] = {
    "t3.received": Spec("收到申请", "applications received", (_O_NEW, _O_RECEIVED), context="t3_total"),
    "t3.processed": Spec("处理申请", "applications dealt with", (_O_RECEIVED, _O_TOTAL, _O_NEW), context="t3_total"),
    "t3.new": Spec("新收申请", "new applications", (_O_NEW,), context="t3_total"),
    "t3.carried_over": Spec(
        "上年结转",
        "carried over",
        (Option((CO,), "表三上年结转申请", "table 3 carried-over applications"),),
        after=True,
    ),
    "t3.handled": Spec("办结（答复）", "handled or answered", (_O_TOTAL,), after=True),
    "t3.carried_forward": Spec(
        "结转下年度",
        "carried forward",
        (Option((CF,), "表三结转下年度继续办理", "table 3 carried forward"),),
        after=True,
    ),
    "t3.granted": Spec("予以公开", "granted", (Option(_t3("granted"), "表三予以公开", "table 3 granted"),), after=True),
    "t3.granted_partial": Spec(
        "予以公开及部分公开",
        "granted in full or in part",
        (
            Option(
                (*_t3("granted"), *_t3("partial")), "表三予以公开与部分公开之和", "table 3 granted plus partly granted"
            ),
        ),
        after=True,
    ),
    "t3.partial": Spec(
        "部分公开", "partly granted", (Option(_t3("partial"), "表三部分公开", "table 3 partly granted"),), after=True
    ),
    "t3.denied": Spec(
        "不予公开",
        "denied",
        (Option(_t3_rows("denied", _DENIED), "表三不予公开（8项之和）", "table 3 denied (8 rows)"),),
        after=True,
        derive=_t3_group("denied", "不予公开", "denied"),
    ),
    "t3.unable": Spec(
        "无法提供",
        "unable to provide",
        (Option(_t3_rows("unable", _UNABLE), "表三无法提供（3项之和）", "table 3 unable to provide (3 rows)"),),
        after=True,
        derive=_t3_group("unable", "无法提供", "unable to provide"),
    ),
    "t3.rejected": Spec(
        "不予处理",
        "not processed",
        (Option(_t3_rows("rejected", _REJECTED), "表三不予处理（5项之和）", "table 3 not processed (5 rows)"),),
        after=True,
        derive=_t3_group("rejected", "不予处理", "not processed"),
    ),
    "t3.other": Spec(
        "其他处理",
        "otherwise dealt with",
        (Option(_t3_rows("other", _OTHER), "表三其他处理（3项之和）", "table 3 otherwise dealt with (3 rows)"),),
        after=True,
        derive=_t3_group("other", "其他处理", "otherwise dealt with"),
    ),
    "t4.review": Spec(
        "行政复议",
        "administrative reviews",
        (Option(("t4.review.total",), "表四行政复议总计", "table 4 reviews, total"),),
        fill=P.FILL_T4,
        context="t4",
    ),
    "t4.suit": Spec(
        "行政诉讼",
        "lawsuits",
        (Option(tuple(f"t4.{g}.total" for g in _SUITS), "表四行政诉讼总计（两类之和）", "table 4 lawsuits, total"),),
        fill=P.FILL_T4,
        context="t4",
    ),
    "t2.licensing.decisions": Spec(
        "行政许可",
        "licensing decisions",
        (Option(("t2.licensing.decisions",), "表二行政许可本年处理决定数量", "table 2 licensing decisions"),),
        units=frozenset({"件", "个", "宗"}),
        fill=P.FILL_DECISIONS,
        context="t2d",
    ),
    "t2.penalty.decisions": Spec(
        "行政处罚",
        "penalty decisions",
        (Option(("t2.penalty.decisions",), "表二行政处罚本年处理决定数量", "table 2 penalty decisions"),),
        units=frozenset({"件", "个", "宗"}),
        fill=P.FILL_DECISIONS,
        context="t2d",
    ),
    "t2.coercion.decisions": Spec(
        "行政强制",
        "coercion decisions",
        (Option(("t2.coercion.decisions",), "表二行政强制本年处理决定数量", "table 2 coercion decisions"),),
        units=frozenset({"件", "个", "宗"}),
        fill=P.FILL_DECISIONS,
        context="t2d",
    ),
    "t2.fees.amount": Spec(
        "行政事业性收费",
        "administrative fees",
        (Option(("t2.fees.amount",), "表二行政事业性收费金额（万元）", "table 2 administrative fees (10,000 yuan)"),),
        units=frozenset({"万元"}),
        fill=P.FILL_FEES,
        context="t2f",
    ),
}
for _group, _zh, _en, _cells in (
    ("review", "行政复议", "review", lambda c: (f"t4.review.{c}",)),
    ("suit", "行政诉讼", "lawsuit", lambda c: tuple(f"t4.{g}.{c}" for g in _SUITS)),
):
    for _res, (_rzh, _ren) in _T4_RESULTS.items():
        _col = "other" if _res == "other_result" else _res
        SPECS[f"t4.{_group}.{_col}"] = Spec(
            f"{_zh}{_rzh}",
            f"{_en}s {_ren}",
            (Option(_cells(_col), f"表四{_zh}{_rzh}", f"table 4 {_en}s {_ren}"),),
            fill=P.FILL_T4,
            context="t4",
        )
SPECS["t4.review_and_suit"] = Spec(
    "行政复议、行政诉讼",
    "reviews and lawsuits",
    (
        Option(
            ("t4.review.total", *(f"t4.{g}.total" for g in _SUITS)),
            "表四行政复议、行政诉讼总计之和",
            "table 4 reviews and lawsuits, total",
        ),
    ),
    fill=P.FILL_T4,
    context="t4",
)
# keyword group → statement kind (table 4 outcomes are resolved by the group they follow)
_KIND = {
    "new": "t3.new",
    "carried_over": "t3.carried_over",
    "carried_forward": "t3.carried_forward",
    "carry_year": "t3.carried_forward",
    "handled": "t3.handled",
    "received": "t3.received",
    "processed": "t3.processed",
    "granted": "t3.granted",
    "granted_partial": "t3.granted_partial",
    "partial": "t3.partial",
    "denied": "t3.denied",
    "unable": "t3.unable",
    "rejected": "t3.rejected",
    "other": "t3.other",
    "review": "t4.review",
    "suit": "t4.suit",
    "normative": "t2.normative_documents.issued",
    "licensing": "t2.licensing.decisions",
    "penalty": "t2.penalty.decisions",
    "coercion": "t2.coercion.decisions",
    "fees_admin": "t2.fees.amount",
}
# keyword groups that label a figure as not a table one
_LABELS = frozenset({"rate", "change", "blocker", "channel", "fees_processing", "prior", "withdrawn"})


@dataclass(frozen=True, slots=True)
class Statement:
    """A figure the narrative states, and what it was checked against.

    `value` is the figure as printed (a percentage for kind "share", the stated total for
    kind "sum"); `span` is where it stands. `cells` are the table cells whose sum it was
    compared with (for "share" and "sum", the cells behind the narrative figures involved;
    () when none). `expected` is what the tables, or the narrative's own figures, give; None
    when it could not be checked (a cell missing, nothing in the tables to check it against).
    `parts` are the other narrative figures it was checked with (a sum's items, a share's
    figure and base).
    """

    kind: str
    value: Decimal
    span: Span
    cells: tuple[str, ...]
    text: str
    expected: Decimal | None = None
    parts: tuple[Span, ...] = ()

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def checked(self) -> bool:
        return self.expected is not None

    @property
    def agrees(self) -> bool:
        return self.expected is None or self.value == self.expected


# ---- checking -------------------------------------------------------------------------------


# Keyed by the template object (a test may build a template under an id already used).
_CELLS_OF: dict[int, tuple[Template, frozenset[str]]] = {}
_OPTIONS_OF: dict[tuple[int, str], tuple[Template, tuple[Option, ...]]] = {}


def _template_cells(template: Template) -> frozenset[str]:
    entry = _CELLS_OF.get(id(template))
    if entry is None or entry[0] is not template:
        entry = _CELLS_OF[id(template)] = (template, frozenset(template.cell_ids()))
    return entry[1]


def _options(report: Report, kind: str) -> tuple[Option, ...]:
    """What a statement of this kind can mean in the report's template: its cells read from the
    template (a mix such as "2021+t3:2019" takes each table's from its own); the options whose
    cells the template lacks are dropped, so such a statement stays unchecked."""
    template = report.template
    key = (id(template), kind)
    entry = _OPTIONS_OF.get(key)
    if entry is None or entry[0] is not template:
        spec = SPECS[kind]
        options = spec.derive(template) if spec.derive else spec.options
        cells = _template_cells(template)
        entry = _OPTIONS_OF[key] = (template, tuple(o for o in options if all(c in cells for c in o.cells)))
    return entry[1]


def _resolve(report: Report, options: tuple[Option, ...]) -> list[tuple[Option, Decimal]]:
    """The options whose cells all hold a value, with their sums (cells the report's template
    lacks hold none)."""
    out = []
    cells = _template_cells(report.template)
    for opt in options:
        if not all(c in cells for c in opt.cells):
            continue
        values = [_cell_value(report, c) for c in opt.cells]
        if all(v is not None for v in values):
            out.append((opt, sum(values, Decimal(0))))  # type: ignore[arg-type]
    return out


def _cell_value(report: Report, cid: str) -> Decimal | None:
    """A cell's value; a row total left blank is the sum of its row (blank cells count 0) when
    every cell of the row was read: reports that leave totals blank still state the sums."""
    value = report.value(cid)
    if value is not None or not cid.endswith(".total") or cid not in report.cells:
        return value
    tid, rid, _ = cid.split(".")
    try:
        row = report.template.table(tid).row(rid)
    except StopIteration:
        return None
    body = [report.cells.get(f"{tid}.{rid}.{c}") for c in row.columns if c != "total"]
    if not body or any(c is None for c in body):
        return None
    return sum((c.value or Decimal(0) for c in body if c is not None), Decimal(0))


def _quoted(text: str) -> str:
    """A phrase of the source fit to stand inside “…” in a message."""
    return "".join(ch for ch in text if ch not in "“”\"'‘’").strip()


def _table_words(usable: list[tuple[Option, Decimal]]) -> Text:
    """表三本年新收申请、表三本年新收与上年结转之和均为 78 …"""
    by_value: dict[Decimal, list[Option]] = {}
    for opt, v in usable:
        by_value.setdefault(v, []).append(opt)
    zh = "，".join(f"{'、'.join(o.zh for o in opts)}{'均' if len(opts) > 1 else ''}为 {fmt_number(v)}"
                  for v, opts in by_value.items())  # fmt: skip
    en = "; ".join(f"{' and '.join(o.en for o in opts)} {'are' if len(opts) > 1 else 'is'} {fmt_number(v)}"
                   for v, opts in by_value.items())  # fmt: skip
    return Text(zh, en)
