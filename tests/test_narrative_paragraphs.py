"""The narrative across wrapped lines, and the figures it states that are sums of cells (issue 17)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SHARED

from auditapp.api import audit_file
from auditapp.rules.narrative import statements
from auditapp.rules.narrative_text import paragraphs

REAL = SHARED / "real"


def test_wrapped_lines_are_one_paragraph_and_keep_where_each_line_starts():
    lines = [
        (1, "一、总体情况"),
        (2, "全年收到政府信息公开申请 34 件，上年结转政府信息公开"),
        (3, "  申请 2 件，所有申请均已按要求办理完成。"),
        (4, "（二）改进情况"),
        (5, "短行"),
    ]
    got = list(paragraphs(lines))
    assert [p[0] for p in got] == [1, 2, 4, 5]
    _first, text, breaks = got[1]
    assert text == "全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件，所有申请均已按要求办理完成。"
    assert breaks == ((0, 2, 0), (len("全年收到政府信息公开申请 34 件，上年结转政府信息公开"), 3, 2))
    assert got[0][2] == () and got[2][1] == "（二）改进情况"


@pytest.fixture(scope="module")
def shanghai():
    path = REAL / "shanghai_office_2019.html"
    if not path.exists():
        pytest.skip("shared real files not found")
    return audit_file(str(path))


def test_a_figure_of_two_results_together_is_their_sum(shanghai):
    st = next(s for s in statements(shanghai.report) if s.kind == "t3.granted_partial")
    assert st.value == 258 and st.expected == 275  # 272 granted (its total left blank) + 3 partly
    assert st.cells == ("t3.granted.total", "t3.partial.total")


def test_a_group_is_summed_from_its_rows_even_where_their_totals_are_blank(shanghai):
    by_kind = {s.kind: s for s in statements(shanghai.report)}
    assert by_kind["t3.denied"].expected == 35 == by_kind["t3.denied"].value
    assert by_kind["t3.unable"].value == 265 and by_kind["t3.unable"].expected == 337
    assert by_kind["t3.rejected"].expected == 158


def test_the_real_discrepancies_of_shanghai_2019_are_found(shanghai):
    found = sorted(
        (f.rule, str(f.actual), str(f.expected)) for f in shanghai.findings if f.rule.startswith("narrative")
    )
    assert found == [
        ("narrative.share", "33.9", "32.0"),
        ("narrative.share", "4.34", "4.35"),
        ("narrative.table", "258", "275"),
        ("narrative.table", "265", "337"),
    ]


def test_statements_broken_by_a_line_end_are_checked():
    path = REAL / "szfgs2024.pdf"
    if not path.exists():
        pytest.skip("shared real files not found")
    result = audit_file(str(path))
    got = {(s.kind, s.value) for s in statements(result.report) if s.expected == s.value}
    for kind, value in [
        ("t3.carried_forward", 103),
        ("t4.review.pending", 37),
        ("t4.suit.upheld", 25),
        ("t4.suit.corrected", 5),
        ("t4.suit.other", 9),
        ("t4.suit.pending", 7),
    ]:
        assert (kind, Decimal(value)) in got, kind
    assert not [f for f in result.findings if f.rule.startswith("narrative")]
