"""The batch's figures a reader compares across bodies: a few shares and rates of the tables,
declared once for the data table (auditapp.figures) and the outlier hints (rules/outliers.py).

A measure is numerator / denominator, each the sum of some cells. It cannot be computed (None)
when one of its cells is missing or blank, or when the denominator is 0: a rate of nothing is
no rate, never 0. Both templates (2021, 2019) have every cell named here (table 3's results and
table 4 keep their ids in 2019), so reports of either template are compared alike.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

_DENIED = tuple(
    f"t3.denied_{k}.total"
    for k in ("secret", "law", "safety", "third_party", "internal", "process", "enforcement", "inquiry")
)
_UNABLE = tuple(f"t3.unable_{k}.total" for k in ("not_held", "create", "unclear"))
_SUITS = ("suit_direct", "suit_after_review")


def _decided(*rows: str) -> tuple[str, ...]:
    """已审结: the cases of table 4's rows with a result (维持, 纠正, 其他), not those pending."""
    return tuple(f"t4.{r}.{c}" for r in rows for c in ("upheld", "corrected", "other"))


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    name_zh: str
    name_en: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    # the least denominator for a report's figure to count among the batch's (1 of 2 is no rate)
    minimum: int
    formula_zh: str
    formula_en: str

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh

    @property
    def cells(self) -> tuple[str, ...]:
        return (*self.numerator, *self.denominator)

    def parts(self, value: Callable[[str], Decimal | None]) -> tuple[Decimal, Decimal] | None:
        """(numerator, denominator) from a report's values; None when a cell is blank or missing."""
        sums = []
        for side in (self.numerator, self.denominator):
            total = Decimal(0)
            for cell in side:
                v = value(cell)
                if v is None:
                    return None
                total += v
            sums.append(total)
        return sums[0], sums[1]

    def figure(self, value: Callable[[str], Decimal | None]) -> Decimal | None:
        parts = self.parts(value)
        if parts is None or parts[1] == 0:
            return None
        return parts[0] / parts[1]


MEASURES: tuple[Measure, ...] = (
    Measure(
        "denied_share",
        "不予公开占比",
        "Share denied",
        _DENIED,
        ("t3.total.total",),
        10,
        "表三(三)不予公开各项之和 / 办理结果总计",
        "Table 3 (三) denied, all items / results total",
    ),
    Measure(
        "unable_share",
        "无法提供占比",
        "Share unable to provide",
        _UNABLE,
        ("t3.total.total",),
        10,
        "表三(四)无法提供各项之和 / 办理结果总计",
        "Table 3 (四) unable to provide, all items / results total",
    ),
    Measure(
        "review_corrected",
        "行政复议纠错率",
        "Reviews corrected",
        ("t4.review.corrected",),
        _decided("review"),
        3,
        "表四行政复议：结果纠正 / 已审结（维持 + 纠正 + 其他）",
        "Table 4 administrative reviews: corrected / decided (upheld + corrected + other)",
    ),
    Measure(
        "suit_corrected",
        "行政诉讼纠错率",
        "Lawsuits corrected",
        tuple(f"t4.{r}.corrected" for r in _SUITS),
        _decided(*_SUITS),
        3,
        "表四行政诉讼（未经复议直接起诉、复议后起诉）：结果纠正 / 已审结",
        "Table 4 lawsuits (direct and after review): corrected / decided",
    ),
)

# The batch's counts, summed under the table: (id, Chinese, English, cells summed).
COUNTS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("applications", "申请总数（本年新收）", "Applications (new this year)", ("t3.new.total",)),
    ("reviews", "行政复议", "Administrative reviews", ("t4.review.total",)),
    ("suits", "行政诉讼", "Lawsuits", tuple(f"t4.{r}.total" for r in _SUITS)),
)


def measure(measure_id: str) -> Measure:
    return next(m for m in MEASURES if m.id == measure_id)


def measured_parts(value: Callable[[str], Decimal | None]) -> array:
    """Numerator and denominator of every measure, in order, as floats (nan: cannot be computed):
    what a digest keeps of a report for the outlier hints."""
    out = array("d")
    for m in MEASURES:
        parts = m.parts(value)
        out.extend((math.nan, math.nan) if parts is None else (float(parts[0]), float(parts[1])))
    return out
