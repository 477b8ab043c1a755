"""Figures far outside the batch's spread (issue 21): hints, never errors.

Per year and per measure (rules/measures.py: the share of applications denied or that could
not be answered, the share of reviews and lawsuits that corrected the body), once at least
MIN_REPORTS reports of that year have the figure, each report's figure is set against the
others' by a robust z-score: 0.6745 × (figure − median) / MAD, the median absolute deviation;
when more than half the figures are equal (MAD 0, a batch where most bodies were never
corrected), (figure − median) / (1.2533 × the mean absolute deviation) instead, and when every
figure is the same nothing stands out. A figure is a hint when its score is at least THRESHOLD
(Iglewicz and Hoaglin's 3.5), it lies beyond Tukey's far-out fence (Q3 + 3 × the interquartile
range: where no body of the batch's middle half comes near) and it is at least FLOOR above the
median: far out, and by enough to matter. (The score alone flagged a fifth of the bodies of a
batch of random figures where most were never corrected; the fence, none.) Only the high side:
a body that denies or is corrected far more than the others wants a look; one that does so
less does not. A report counts only when its denominator
reaches the measure's minimum (1 of 2 decided cases is no rate).

The finding names its cells, the report's figure, the batch's median and interquartile range
and the method, so the reader sees the batch's figures beside the report's.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from .crossbodies import Entry
from .findings import Finding, Text
from .measures import MEASURES, Measure

MIN_REPORTS = 20  # reports of one year with the figure, before any is compared
THRESHOLD = 3.5  # robust z-score
FLOOR = 0.2  # and at least 20 percentage points above the median
FENCE = 3.0  # and beyond Q3 + 3 × IQR

_MAD = Text("稳健 z 分数（按中位数绝对偏差）", "robust z-score (median absolute deviation)")
_MEAN_AD = Text(
    "稳健 z 分数（按平均绝对偏差，多数报告的数字相同）", "robust z-score (mean absolute deviation: most figures equal)"
)


def outliers(entries: Sequence[Entry], out: dict[int, list[Finding]]) -> None:
    """Add a hint to each report whose figure stands far above its year's (linear per measure)."""
    by_year: dict[int, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.digest.year and len(e.digest.measures) == 2 * len(MEASURES):
            by_year[e.digest.year].append(e)
    for year, members in by_year.items():
        if len(members) < MIN_REPORTS:
            continue
        for k, m in enumerate(MEASURES):
            _one_measure(year, k, m, members, out)


def _one_measure(year: int, k: int, m: Measure, members: list[Entry], out: dict[int, list[Finding]]) -> None:
    import numpy as np

    counted = []
    for e in members:
        num, den = e.digest.measures[2 * k], e.digest.measures[2 * k + 1]
        if not math.isnan(den) and den >= m.minimum:
            counted.append((e, num, den))
    if len(counted) < MIN_REPORTS:
        return
    figures = np.array([num / den for _, num, den in counted])
    median = float(np.median(figures))
    deviations = np.abs(figures - median)
    mad = float(np.median(deviations))
    if mad > 0:
        scale, method = mad / 0.6745, _MAD
    else:
        mean_ad = float(np.mean(deviations))
        if mean_ad == 0:
            return  # every figure the same: none stands out
        scale, method = 1.2533 * mean_ad, _MEAN_AD
    q1, q3 = (float(q) for q in np.quantile(figures, [0.25, 0.75]))
    fence = q3 + FENCE * (q3 - q1)
    for (e, num, den), figure in zip(counted, figures, strict=True):
        z = (figure - median) / scale
        if z < THRESHOLD or figure <= fence or figure - median < FLOOR:
            continue
        cells = tuple(c for c in m.cells if _has(e, c))
        out[e.index].append(
            Finding(
                "batch.outlier",
                cells=cells,
                actual=Decimal(str(round(figure, 4))),
                params={
                    "measure": Text(m.name_zh, m.name_en),
                    "formula": Text(m.formula_zh, m.formula_en),
                    "year": year,
                    "figure": _percent(figure),
                    "numerator": _count(num),
                    "denominator": _count(den),
                    "count": len(counted),
                    "median": _percent(median),
                    "q1": _percent(q1),
                    "q3": _percent(q3),
                    "z": f"{z:.1f}",
                    "threshold": f"{THRESHOLD:g}",
                    "method": method,
                },
            )
        )


def _has(e: Entry, cell: str) -> bool:
    table, row, column = cell.split(".")
    try:
        return column in e.digest.template.table(table).row(row).columns
    except StopIteration:
        return False


def _percent(x: float) -> str:
    return f"{100 * x:.1f}%"


def _count(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
