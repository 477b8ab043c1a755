"""The narrative against table 2 (narrative.table2): documents issued, repealed and in force,
licensing, penalty and coercion decisions, on real reports and on sentences put into a seed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SHARED
from test_narrative import LINE17, audited, narrative_findings, only_narrative_finding

from auditapp.api import audit_file
from auditapp.rules.catalogue import RULE_BY_ID, Severity, basis
from auditapp.rules.narrative import statements

D = Decimal
REAL = SHARED / "real"
# seed 000's table 2: rules 0/0/0; normative documents issued 16, repealed 0, in force 52;
# licensing 310541, penalty 7537, coercion 2973


def _line17(sentence: str):
    result = audited("000", (LINE17, sentence))
    found = [(s.kind, s.value, s.expected) for s in statements(result.report) if s.line == 17 and s.kind[:3] == "t2."]
    return result, found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        (
            "全年共制发规范性文件16件，废止0件。",
            [("t2.normative_documents.issued", 16, 16), ("t2.normative_documents.repealed", 0, 0)],
        ),
        ("截至2023年底，现行有效行政规范性文件52件。", [("t2.normative_documents.in_force", 52, 52)]),
        ("区政府现行有效的规范性文件共52件。", [("t2.normative_documents.in_force", 52, 52)]),
        ("本机关行政规范性文件现行有效52件。", [("t2.normative_documents.in_force", 52, 52)]),
        ("全年未制定政府规章，现行有效市政府规章0件。", [("t2.regulations.in_force", 0, 0)]),
        (
            "全年作出行政处罚决定7537件，行政强制决定2973件。",
            [("t2.penalty.decisions", 7537, 7537), ("t2.coercion.decisions", 2973, 2973)],
        ),
        ("全年共办理行政许可事项310541件。", [("t2.licensing.decisions", 310541, 310541)]),
        # a count with its parts: published, not all issued; the repeals among them are read
        ("主动公开区政府规章3件（含新制定0件，修改3件，废止0件）。", [("t2.regulations.repealed", 0, 0)]),
    ],
)
def test_statements_that_agree_with_table_2(sentence, found):
    result, stated = _line17(sentence)
    assert stated == found
    assert narrative_findings(result) == []


@pytest.mark.parametrize(
    ("sentence", "cells", "expected", "actual", "quote"),
    [
        (
            "清理并集中发布现行有效行政规范性文件393件。",
            ("t2.normative_documents.in_force",),
            52,
            393,
            "现行有效行政规范性文件393件",
        ),
        ("全年共制发规范性文件16件，废止3件。", ("t2.normative_documents.repealed",), 0, 3, "废止3件"),
        ("全年印发规范性文件12件。", ("t2.normative_documents.issued",), 16, 12, "规范性文件12件"),
        ("废止规范性文件5件。", ("t2.normative_documents.repealed",), 0, 5, "废止规范性文件5件"),
        ("全年出台政府规章2件。", ("t2.regulations.issued",), 0, 2, "政府规章2件"),
        ("作出行政处罚决定7500件。", ("t2.penalty.decisions",), 7537, 7500, "行政处罚决定7500件"),
        ("办理行政许可事项310000件。", ("t2.licensing.decisions",), 310541, 310000, "行政许可事项310000件"),
    ],
)
def test_statements_that_contradict_table_2(sentence, cells, expected, actual, quote):
    result = audited("000", (LINE17, sentence))
    f = only_narrative_finding(result)
    assert (f.rule, f.cells, f.expected, f.actual) == ("narrative.table2", cells, expected, actual)
    (span,) = f.spans
    line = result.source.lines[16]
    assert span.line == 17 and line[span.start : span.end] == quote
    assert "与表二不符" in f.message("zh") and "table 2" in f.message("en")


@pytest.mark.parametrize(
    "sentence",
    [
        "全年清理现行有效规范性文件120件。",  # what the review went through, not the count after it
        "全市现行有效规范性文件1200件。",  # all departments'
        "全区共主动公开行政规范性文件707件。",  # the districts' and departments' too
        "各部门废止规范性文件30件。",
        "建议废止规范性文件5件。",  # proposed
        "修改和废止规范性文件5件。",  # with changes
        "全年制发规章和规范性文件共12件。",  # a sum over two kinds
        "2022年现行有效规范性文件40件。",  # another year
        "上半年制发规范性文件5件。",  # a part of the year
        "完善各项规章制度12件。",  # internal rules
        "全年发布规范性文件解读12件。",  # explanations
        "主动公开行政处罚信息7500条。",  # information published, not decisions
        "梳理行政许可事项356项。",  # the items on the list
        "受理行政许可申请12000件。",
        "区市场监管局作出行政处罚决定120件。",  # a sub-unit
        "全年行政许可、行政处罚、行政强制决定共5000件。",  # an enumeration
    ],
)
def test_figures_about_something_else_are_left_alone(sentence):
    result, stated = _line17(sentence)
    assert narrative_findings(result) == []
    assert [k for k, _, expected in stated if expected is not None] == []


def _real(name: str):
    path = REAL / name
    if not path.exists():
        pytest.skip("shared real files not found")
    return audit_file(str(path))


def test_a_real_report_says_393_in_force_where_its_table_says_470():
    result = _real("pingtan_2023_extract.html")
    (f,) = [f for f in result.findings if f.rule == "narrative.table2"]
    assert (f.cells, f.expected, f.actual) == (("t2.normative_documents.in_force",), 470, 393)
    (span,) = f.spans
    assert result.source.lines[span.line - 1][span.start : span.end] == "现行有效行政规范性文件393件"
    stated = [(s.kind, s.value, s.expected) for s in statements(result.report) if s.kind.startswith("t2.")]
    assert ("t2.normative_documents.issued", 77, 77) in stated  # 本年度制发的规范性文件77件, in the same sentence


@pytest.mark.parametrize(
    ("name", "stated"),
    [
        ("kewei_2024.md", [("t2.normative_documents.issued", 13, 13)]),
        ("szfgs2024.pdf", [("t2.regulations.issued", 1, 1)]),
        ("shanghai_office_2019.html", [("t2.regulations.issued", 13, 13), ("t2.normative_documents.issued", 60, 60)]),
        ("shuyang_county_2025.txt", []),
        ("pingtan_2023_page.txt", []),
    ],
)
def test_the_other_real_reports_agree_with_their_table_2(name, stated):
    result = _real(name)
    assert [(s.kind, s.value, s.expected) for s in statements(result.report) if s.kind.startswith("t2.")] == stated
    assert [f for f in result.findings if f.rule == "narrative.table2"] == []


def test_the_rule_is_a_warning_with_its_source():
    rule = RULE_BY_ID["narrative.table2"]
    assert rule.severity is Severity.WARNING
    assert "第二十条" in basis(rule) and "article 20" in basis(rule, "en")
