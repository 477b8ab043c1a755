"""Figures far outside the batch's spread (issue 21): `batch.outlier` hints, grouped by year, only
from 20 reports of a year on, never in a uniform batch, never an error."""

from __future__ import annotations

from decimal import Decimal

from auditapp.api import AuditResult, audit_source, audit_together
from auditapp.rules import Severity
from auditapp.rules.catalogue import rule
from auditapp.source import Source
from auditapp.synth import render
from auditapp.template import TEMPLATE_2021


def _values(granted: int, denied: int, decided: int = 0, corrected: int = 0) -> dict[str, str]:
    """A report whose relations hold: natural persons' applications granted or denied (secret),
    and `decided` administrative reviews of which `corrected` corrected the body."""
    v = dict.fromkeys(TEMPLATE_2021.cell_ids(), "0")
    total = granted + denied
    for col in ("natural_person", "total"):
        v[f"t3.granted.{col}"], v[f"t3.denied_secret.{col}"] = str(granted), str(denied)
        v[f"t3.total.{col}"] = v[f"t3.new.{col}"] = str(total)
    v["t4.review.corrected"], v["t4.review.upheld"] = str(corrected), str(decided - corrected)
    v["t4.review.total"] = str(decided)
    return v


def _report(k: int, values: dict[str, str], year: int = 2023) -> AuditResult:
    text, _ = render(values, "pipe", agency=f"第{k}号县人民政府", year=year)
    return audit_source(Source.from_text(f"r{k:03d}.txt", text))


def _hints(results: list[AuditResult]) -> dict[str, list]:
    audit_together(results)
    return {r.path: [f for f in r.findings if f.rule == "batch.outlier"] for r in results}


def _batch(n: int, planted: bool = True, year: int = 2023) -> list[AuditResult]:
    """n reports denying 4–6 of 100 applications; the first denying 60 of 100 when `planted`."""
    results = [_report(k, _values(100 - (4 + k % 3), 4 + k % 3), year) for k in range(1, n)]
    first = _values(40, 60) if planted else _values(95, 5)
    return [_report(0, first, year), *results]


def test_a_share_planted_far_out_is_a_hint_with_the_batchs_figures():
    hints = _hints(_batch(25))
    flagged = {path: found for path, found in hints.items() if found}
    assert list(flagged) == ["r000.txt"]
    (f,) = flagged["r000.txt"]
    assert f.severity is Severity.INFO and rule("batch.outlier").severity is Severity.INFO
    assert f.params["figure"] == "60.0%" and f.params["numerator"] == "60" and f.params["denominator"] == "100"
    assert f.params["count"] == 25 and f.params["median"] == "5.0%"
    assert (f.params["q1"], f.params["q3"]) == ("4.0%", "6.0%")
    assert "t3.denied_secret.total" in f.cells and "t3.total.total" in f.cells
    zh, en = f.message("zh"), f.message("en")
    assert "不予公开占比为 60.0%" in zh and "中位数 5.0%" in zh and "中位数绝对偏差" in zh
    assert "Share denied is 60.0%" in en and "median 5.0%" in en and "median absolute deviation" in en


def test_nothing_below_twenty_reports_of_a_year():
    assert not any(_hints(_batch(19)).values())
    # 30 reports, but 15 of each year: neither year has 20
    results = _batch(15, year=2022) + [_report(100 + k, _values(95, 5), 2023) for k in range(15)]
    assert not any(_hints(results).values())


def test_nothing_in_a_uniform_batch():
    assert not any(_hints(_batch(30, planted=False)).values())
    same = [_report(k, _values(90, 10, decided=4, corrected=1)) for k in range(25)]
    assert not any(_hints(same).values())


def test_a_rate_where_most_bodies_were_never_corrected():
    """Most reviews upheld (the median absolute deviation is 0): the mean deviation decides, and a
    body corrected in 5 of 6 reviews stands out; one corrected in 1 of 10 (less than 20 percentage
    points above the median) does not."""
    results = [_report(k, _values(95, 5, decided=5)) for k in range(2, 26)]
    results += [_report(0, _values(95, 5, decided=6, corrected=5)), _report(1, _values(95, 5, decided=10, corrected=1))]
    hints = _hints(results)
    assert [p for p, found in hints.items() if found] == ["r000.txt"]
    (f,) = hints["r000.txt"]
    assert f.params["measure"].zh == "行政复议纠错率" and f.params["figure"] == "83.3%"
    assert "平均绝对偏差" in f.message("zh")
    assert set(f.cells) == {"t4.review.corrected", "t4.review.upheld", "t4.review.other"}


def test_small_denominators_are_left_out():
    """One review corrected out of one is no rate: it is neither compared nor counted."""
    results = [_report(k, _values(95, 5, decided=5)) for k in range(1, 25)]
    results.append(_report(0, _values(95, 5, decided=1, corrected=1)))
    assert not any(_hints(results).values())


def test_nothing_in_a_batch_of_random_figures_but_the_one_planted():
    """Figures drawn at random (many bodies never corrected, the others anything): no body is far
    out; one denying 95 of 100 applications is."""
    import random

    from auditapp.synth import consistent_values

    rng = random.Random(7)
    results = [_report(k, consistent_values(rng)) for k in range(1, 40)]
    assert not any(_hints(results).values())
    hints = _hints([_report(0, _values(5, 95)), *(_report(k, consistent_values(rng)) for k in range(1, 40))])
    assert [p for p, found in hints.items() if found] == ["r000.txt"]


def test_a_corrected_report_keeps_its_hint():
    """A correction audits the report again alone: the findings across reports stay, once."""
    from auditapp.corrections import apply_corrections, make_correction

    results = _batch(25)
    _hints(results)
    fixed = apply_corrections(
        results[0], {"t2.regulations.issued": make_correction(results[0], "t2.regulations.issued", Decimal(1), "test")}
    )
    assert fixed is not results[0]
    assert [f.rule for f in fixed.findings].count("batch.outlier") == 1
