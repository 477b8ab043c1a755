"""Scores by a rule pack: a handmade pack, a batch with known findings, the itemised scores and
the ranking computed by hand; dismissed findings deduct nothing; bad packs refused by line."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from auditapp.api import audit_file
from auditapp.bodykind import BodyKind
from auditapp.review import Review, finding_key
from auditapp.rulepack import RulePackError, default_pack, load_pack, parse_pack
from auditapp.rules import RULE_BY_ID, Finding
from auditapp.scores import rank, score_report, score_result

SEEDS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "seeds")

PACK = """\
# a county's pack, made up for the test
[pack]
name = "测试规则包"
name_en = "Test pack"
source = "测试用"
full = 100
rank_min = 3

[[deduct]]
rule = "t3.balance"
points = 2
cap = 5

[[deduct]]
rules = ["cross.copied_text", "cross.copied_last_year"]
points = 0.5
item = "与上年或其他单位重复"

[[deduct]]
rule = "parts.missing"
points = 10
"""


def pack():
    return parse_pack(PACK, "test.toml")


def test_pack_is_read():
    p = pack()
    assert p.name == "测试规则包" and p.name_in("en") == "Test pack" and p.full == 100 and p.rank_min == 3
    assert [d.rules for d in p.deductions] == [
        ("t3.balance",),
        ("cross.copied_text", "cross.copied_last_year"),
        ("parts.missing",),
    ]
    assert p.deductions[1].points == Decimal("0.5") and p.deductions[1].cap is None
    assert [d.line for d in p.deductions] == [9, 14, 19]
    assert p.entry_of("t3.balance") == 0 and p.entry_of("t4.total") is None


def test_itemised_score_by_hand():
    # findings in list order: 1 t3.balance, 2 t3.balance, 3 t4.total, 4 t3.balance, 5 copied, 6 last year
    rules = ["t3.balance", "t3.balance", "t4.total", "t3.balance", "cross.copied_text", "cross.copied_last_year"]
    s = score_report(pack(), "a.txt", "甲县人民政府", 2023, [(r, False) for r in rules])
    # t3.balance: 3 × 2 = 6, capped at 5; copies: 2 × 0.5 = 1; t4.total is not in the pack
    assert [(i.entry, i.count, i.points, i.capped, i.findings) for i in s.items] == [
        (0, 3, Decimal(5), True, (1, 2, 4)),
        (1, 2, Decimal(1), False, (5, 6)),
    ]
    assert s.score == Decimal(94) and s.deducted == Decimal(6)


def test_dismissed_finding_deducts_nothing():
    rules = [("t3.balance", False), ("cross.copied_text", True), ("parts.missing", True)]
    s = score_report(pack(), "a.txt", "甲县人民政府", 2023, rules)
    assert s.score == Decimal(98) and s.dismissed == 2
    assert [(i.entry, i.findings) for i in s.items] == [(0, (1,))]


def test_score_floor_and_unreadable():
    s = score_report(pack(), "a.txt", None, None, [("parts.missing", False)] * 12)
    assert s.score == 0  # 120 deducted from 100: never below 0
    assert score_report(pack(), "b.txt", None, None, [], failed=True).score is None


def test_dismissed_review_of_a_real_report(tmp_path):
    seed = sorted(os.listdir(SEEDS))[0]
    result = audit_file(os.path.join(SEEDS, seed))
    missing = Finding("parts.missing", lines=(3, 3), params={"part": "六"})
    result.add_findings([missing])
    p = pack()
    assert score_result(p, result).score == 90
    reviews = {(os.path.abspath(result.path), finding_key(missing)): Review("dismissed", "在附件中")}
    scored = score_result(p, result, reviews)
    assert scored.score == 100 and scored.items == () and scored.dismissed == 1


def test_ranking_by_hand():
    p = pack()  # rank_min 3
    batch = [
        ("甲县人民政府", 2023, ["t3.balance"]),  # 98
        ("乙县人民政府", 2023, []),  # 100
        ("丙县人民政府", 2023, ["t3.balance"]),  # 98
        ("丁县人民政府", 2023, ["parts.missing", "parts.missing"]),  # 80
        ("甲县卫生健康委员会", 2023, []),  # a department: only two of its kind
        ("乙县卫生健康委员会", 2023, ["parts.missing"]),
        ("戊县人民政府", 2022, []),  # another year: alone
    ]
    scores = [score_report(p, f"{n}.txt", a, y, [(r, False) for r in rules]) for n, (a, y, rules) in enumerate(batch)]
    assert [s.score for s in scores] == [98, 100, 98, 80, 100, 90, 100]
    ranking = rank(scores, p.rank_min)
    assert [ranking.rank(i) for i in range(7)] == [2, 1, 2, 4, None, None, None]
    groups = {(g.kind, g.year): g for g in ranking.groups}
    assert groups[(BodyKind.GOVERNMENT, 2023)].ranked
    dept = groups[(BodyKind.DEPARTMENT, 2023)]
    assert not dept.ranked and dept.reason(3) == "同类同年度报告仅 2 份（少于 3 份），不排名"
    assert "fewer than 3" in dept.reason(3, "en")
    assert not groups[(BodyKind.GOVERNMENT, 2022)].ranked


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (PACK.replace('rule = "parts.missing"', 'rule = "parts.absent"'), 20, "parts.absent"),
        (PACK.replace("points = 2\n", "points = \n"), 11, "TOML"),
        (PACK.replace("cap = 5", "cap = -1"), 12, "cap"),
        (PACK.replace("points = 10", "points = 10\ncolour = 1"), 22, "colour"),
        (PACK.replace('rule = "parts.missing"', 'rule = "t3.balance"'), 20, "t3.balance"),
        (PACK.replace("full = 100", 'full = "100"'), 6, "full"),
    ],
)
def test_bad_pack_refused_naming_the_line(text, line, words):
    with pytest.raises(RulePackError) as e:
        parse_pack(text, "bad.toml")
    assert e.value.line == line
    assert f"第 {line} 行" in e.value.message() and words in e.value.message()
    assert f"line {line}" in e.value.message("en")


def test_a_pack_nested_too_deep_is_refused():
    with pytest.raises(RulePackError) as e:
        parse_pack("a = " + "[" * 100_000 + "]" * 100_000, "deep.toml")
    assert "TOML" in e.value.message()


def test_pack_file_not_utf8_or_missing(tmp_path):
    bad = tmp_path / "gbk.toml"
    bad.write_bytes(PACK.replace("测试用", "测试").encode("gbk"))
    with pytest.raises(RulePackError) as e:
        load_pack(str(bad))
    assert e.value.line == 3 and "UTF-8" in e.value.message()
    with pytest.raises(RulePackError):
        load_pack(str(tmp_path / "none.toml"))


def test_default_pack_cites_a_source_on_every_line():
    p = default_pack()
    assert p.full == 10 and "鲤城区" in p.source
    for d in p.deductions:
        assert d.source and d.item and all(r in RULE_BY_ID for r in d.rules)
