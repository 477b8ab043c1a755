"""The report's parts, dates and year (issue 20) on real text: the seeds, the shared real reports,
and variants made from them (a part deleted or emptied, parts swapped or renumbered, a date moved
past the deadline, the title's year changed as when last year's report is copied)."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLES, SEED_NAMES, SHARED

from auditapp.api import audit_file, audit_source
from auditapp.ingest import source_from_bytes
from auditapp.rules import Severity
from auditapp.rules.catalogue import RULE_BY_ID, basis, catalogue_markdown

REAL = SHARED / "real"
NEW = ("parts.", "timeliness.", "period.")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

# Every finding of the new rules on each seed and real report, each checked by hand (true):
SEEDS = {
    # 杭州市钱塘区人民政府 2023: all six parts; published 2024-02-01, a government's deadline is 03-31
    SEED_NAMES[0]: [],
    # 城中区人民政府 2024: no date anywhere; no statistics period; mentions 考核 but not 社会评议/责任追究
    SEED_NAMES[1]: ["parts.assessment", "period.not_stated", "timeliness.undecided"],
    # 北新桥街道 2023: no date, no period stated
    SEED_NAMES[2]: ["period.not_stated", "timeliness.undecided"],
    # 杭州市商务局 2023: published 2024-01-16 (on time for a department); no period stated
    SEED_NAMES[3]: ["period.not_stated"],
    # 灤河回族区人民政府 2023: no date, no period, no 社会评议/责任追究
    SEED_NAMES[4]: ["parts.assessment", "period.not_stated", "timeliness.undecided"],
}
REAL_FINDINGS = {
    # Shanghai's own outline: the tables' parts numbered 一 二 三, 其他 as 五; the heading
    # 五/四、存在的主要问题及改进情况 is not in the converted text (only （一）主要问题 （二）改进情况); no date
    "kewei_2024.md": ["parts.missing", "parts.numbering", "timeliness.undecided"],
    # 平潭综合实验区 2023, published 2024-03-08: before 03-31, after 01-31, and its kind the name does not tell
    "pingtan_2023_extract.html": ["timeliness.undecided"],
    "pingtan_2023_page.txt": ["timeliness.undecided"],
    # 2019 format: 六 says "无" (allowed), published 2020-01-31 by a department: on time
    "shanghai_office_2019.html": [],
    # 总体情况 has 主动公开, 依申请公开, 平台, 监督 but no 政府信息管理; no 社会评议/责任追究; signed 2026-01-23
    "shuyang_county_2025.txt": ["parts.assessment", "parts.topics"],
    # the PDF prints no date; it mentions neither 考核 nor 社会评议 nor 责任追究
    "szfgs2024.pdf": ["parts.assessment", "timeliness.undecided"],
}


def new_rules(result) -> list[str]:
    return sorted(f.rule for f in result.findings if f.rule.startswith(NEW))


def audit_text(text: str, name: str = "variant.txt"):
    """Audit text as the file `name` would be read (a web page's HTML as a page)."""
    return audit_source(source_from_bytes(name, text.encode("utf-8")))


def seed(i: int) -> str:
    return (SAMPLES / SEED_NAMES[i]).read_text(encoding="utf-8")


def only(result, rule: str):
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1, [f.message() for f in result.findings if f.rule.startswith(NEW)]
    return found[0]


def evidence(result, finding) -> str:
    span = finding.spans[0]
    return result.source.line(span.line)[span.start : span.end]


# ---- the seeds and the real reports -------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seeds(name):
    result = audit_file(str(SAMPLES / name))
    assert new_rules(result) == SEEDS[name]
    assert all(f.severity is not Severity.ERROR for f in result.findings)


@pytest.mark.parametrize("name", sorted(REAL_FINDINGS))
def test_real_reports(name):
    if not (REAL / name).exists():
        pytest.skip("needs ../shared/real")
    result = audit_file(str(REAL / name))
    assert new_rules(result) == REAL_FINDINGS[name]


def test_kewei_numbering_and_missing_part_point_at_lines():
    if not (REAL / "kewei_2024.md").exists():
        pytest.skip("needs ../shared/real")
    result = audit_file(str(REAL / "kewei_2024.md"))
    numbering = only(result, "parts.numbering")
    texts = [result.source.line(s.line)[s.start : s.end] for s in numbering.spans]
    assert texts == [
        "一、主动公开政府信息情况",
        "二、收到和处理政府信息公开申请情况",
        "三、政府信息公开行政复议、行政诉讼情况",
        "五、其他需要报告的事项",
    ]
    missing = only(result, "parts.missing")
    assert "五、存在的主要问题及改进情况" in missing.message()
    # its text is there, under sub-headings of its own: the finding shows where
    assert evidence(result, missing) == "（一）主要问题" and "第 192 行起" in missing.message()


def test_crawler_text_finds_the_headings_inside_its_one_long_line():
    if not (REAL / "pingtan_2023_page.txt").exists():
        pytest.skip("needs ../shared/real")
    result = audit_file(str(REAL / "pingtan_2023_page.txt"))
    assert not [f for f in result.findings if f.rule.startswith("parts.")]
    undecided = only(result, "timeliness.undecided")
    assert evidence(result, undecided).startswith("2024-03-08")


def test_a_workbook_of_the_tables_alone_has_no_parts_to_look_for():
    result = audit_file(str(SAMPLES / "formats" / "000_5765c3367762f63e.xlsx"))
    assert new_rules(result) == []


# ---- parts ----------------------------------------------------------------------------------------


def _cut(text: str, start: str, stop: str, instead: str = "") -> str:
    a, b = text.index(start), text.index(stop)
    return text[:a] + instead + text[b:]


def test_a_part_deleted_is_missing_with_where_it_should_stand():
    text = _cut(seed(0), "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    result = audit_text(text)
    f = only(result, "parts.missing")
    assert f.severity is Severity.WARNING
    assert "五、存在的主要问题及改进情况" in f.message()
    assert "4. Administrative reviews" not in f.message("en") and "5. Main problems" in f.message("en")
    assert result.source.line(f.lines[0]).startswith("四、政府信息公开行政复议")  # the part before it


def test_a_heading_renamed_beyond_recognition_is_missing():
    result = audit_text(seed(0).replace("一、总体情况", "一、工作开展情况", 1))
    f = only(result, "parts.missing")
    assert "一、总体情况" in f.message() and "报告开头" in f.message()


def test_a_part_that_says_only_none_is_empty():
    text = _cut(seed(0), "回顾过去一年", "六、其他需要报告的事项", "无。\n")
    result = audit_text(text)
    f = only(result, "parts.empty")
    assert "只写了“无”" in f.message() and "says only" in f.message("en")
    assert evidence(result, f) == "五、存在的主要问题及改进情况"


def test_a_part_with_a_heading_and_no_text_is_empty():
    text = _cut(seed(0), "回顾过去一年", "六、其他需要报告的事项")
    f = only(audit_text(text), "parts.empty")
    assert "只有标题" in f.message()


def test_part_six_may_say_none_but_must_say_the_fees():
    text = seed(3).replace("本年度我局未收取信息处理费。", "无。")
    result = audit_text(text)
    assert not [f for f in result.findings if f.rule == "parts.empty"]
    f = only(result, "parts.fees")
    assert evidence(result, f) == "六、其他需要报告的事项"
    assert "信息处理费" in RULE_BY_ID["parts.fees"].checks_zh


def test_a_part_whose_text_goes_on_in_its_heading_line_is_not_empty():
    text = seed(3).replace("六、其他需要报告的事项\n本年度", "六、其他需要报告的事项：本年度")
    result = audit_text(text)
    assert new_rules(result) == ["period.not_stated"]  # the seed's own hint, nothing else
    five = "五、存在的主要问题及改进情况"
    text = _cut(seed(0), five, "六、其他需要报告的事项", five + "。无。\n")
    result = audit_text(text)
    assert evidence(result, only(result, "parts.empty")) == five


def test_impossible_dates_are_no_dates():
    for wrong in ("2024-13-45", "2024-02-30"):
        result = audit_text(seed(3).replace("2024-01-16", wrong))
        assert "timeliness.undecided" in new_rules(result) and "timeliness.late" not in new_rules(result)


def test_parts_swapped_are_out_of_order():
    text = seed(0)
    five = text[text.index("五、存在的主要问题") : text.index("六、其他需要报告的事项")]
    six = text[text.index("六、其他需要报告的事项") :]
    text = text[: text.index("五、存在的主要问题")] + six.rstrip("\n") + "\n" + five
    result = audit_text(text)
    f = only(result, "parts.order")
    assert "“五、存在的主要问题及改进情况”" in f.message() and "“六、其他需要报告的事项”" in f.message()
    assert evidence(result, f) == "五、存在的主要问题及改进情况"
    assert "parts.numbering" not in new_rules(result)  # each still carries its own number


def test_parts_renumbered_are_a_hint():
    result = audit_text(seed(0).replace("六、其他需要报告的事项", "七、其他需要报告的事项"))
    f = only(result, "parts.numbering")
    assert f.severity is Severity.INFO and evidence(result, f) == "七、其他需要报告的事项"


def test_headings_in_markdown_full_width_and_other_numbering():
    text = (
        seed(0)
        .replace("一、总体情况", "## 一．总体情况", 1)
        .replace("五、存在的主要问题及改进情况", "**五、 政府信息公开工作存在的主要问题及改进情况**")
        .replace("六、其他需要报告的事项", "第六部分 其他需要报告的事项")
    )
    assert new_rules(audit_text(text)) == []


def test_a_topic_of_the_overview_not_mentioned():
    result = audit_text(seed(0).replace("(三)政府信息管理\n", ""))
    f = only(result, "parts.topics")
    assert f.severity is Severity.INFO and "政府信息管理" in f.message()
    assert "information management" in f.message("en")


def test_the_2019_format_asks_no_topics_and_no_fees():
    if not (REAL / "shanghai_office_2019.html").exists():
        pytest.skip("needs ../shared/real")
    result = audit_file(str(REAL / "shanghai_office_2019.html"))
    assert result.report.template.id == "2019"
    assert new_rules(result) == []


# ---- timeliness -----------------------------------------------------------------------------------


def test_a_department_late_after_31_january():
    result = audit_text(seed(3).replace("2024-01-16", "2024-02-05"))
    f = only(result, "timeliness.late")
    assert "2024-02-05" in f.message() and "2024-01-31" in f.message()
    assert "政府部门" in f.message() and "department" in f.message("en")
    assert evidence(result, f) == "2024-02-05"


def test_a_government_has_until_31_march():
    assert new_rules(audit_text(seed(0).replace("2024-02-01", "2024-03-30"))) == []
    result = audit_text(seed(0).replace("2024-02-01", "2024-04-02"))
    f = only(result, "timeliness.late")
    assert "2024-03-31" in f.message() and "县级以上人民政府" in f.message()


def test_a_body_of_unknown_kind_is_late_only_after_31_march():
    if not (REAL / "pingtan_2023_extract.html").exists():
        pytest.skip("needs ../shared/real")
    text = (REAL / "pingtan_2023_extract.html").read_text(encoding="utf-8")
    assert new_rules(audit_text(text.replace("2024-03-08", "2024-01-20"), "p.html")) == []
    late = audit_text(text.replace("2024-03-08", "2024-04-10"), "p.html")
    f = only(late, "timeliness.late")
    assert "任何机关" in f.message() and "2024-03-31" in f.message()
    undecided = only(audit_text(text, "p.html"), "timeliness.undecided")
    assert undecided.severity is Severity.INFO and "平潭综合实验区" in undecided.message()


def test_the_date_under_the_signature_in_chinese_numerals():
    text = seed(1).rstrip("\n")
    on_time = audit_text(text + "\n城中区人民政府\n二〇二五年三月二十日\n")
    assert "timeliness.undecided" not in new_rules(on_time) and "timeliness.late" not in new_rules(on_time)
    late = audit_text(text + "\n城中区人民政府\n二〇二五年四月二日\n")
    f = only(late, "timeliness.late")
    assert "2025-04-02" in f.message() and evidence(late, f) == "二〇二五年四月二日"


def test_no_date_is_a_hint_pointing_at_the_title():
    result = audit_file(str(SAMPLES / SEED_NAMES[2]))
    f = only(result, "timeliness.undecided")
    assert f.severity is Severity.INFO and f.lines is not None


# ---- the year ------------------------------------------------------------------------------------


def test_last_years_report_copied_with_the_title_changed():
    """The 2023 report republished as 2024's: the period and the 结转 still say 2023 and 2024."""
    result = audit_text(seed(0).replace("杭州市钱塘区人民政府2023年度", "杭州市钱塘区人民政府2024年度", 1))
    assert result.report.meta.year == 2024
    found = [f for f in result.findings if f.rule == "period.mismatch"]
    said = [evidence(result, f) for f in found]
    assert said[0].startswith("2023年1月1日至12月31日")
    assert "结转2024年" in said
    assert "2024-02-01" in said[2]  # dated before the year it reports on ended
    assert len(found) == 3 and all(f.severity is Severity.WARNING for f in found)


def test_a_period_of_another_year():
    result = audit_text(seed(0).replace("统计时间为2023年1月1日", "统计时间为2022年1月1日"))
    f = only(result, "period.mismatch")
    assert "2022" in f.message() and "2023" in f.message()


def test_a_period_wrapped_over_two_lines_is_read():
    if not (REAL / "kewei_2024.md").exists():
        pytest.skip("needs ../shared/real")
    text = (REAL / "kewei_2024.md").read_text(encoding="utf-8")
    assert "period.not_stated" not in new_rules(audit_text(text, "k.md"))
    wrong = text.replace("为 2024 年 1 月 1 日至 12 月 31 日", "为 2023 年 1 月 1 日至 12 月 31 日")
    result = audit_text(wrong, "k.md")
    assert evidence(result, only(result, "period.mismatch")).startswith("2023 年 1 月 1 日")


# ---- the catalogue ---------------------------------------------------------------------------------


def test_every_new_rule_has_its_source_and_english():
    ids = [r for r in RULE_BY_ID if r.startswith(NEW)]
    assert {"parts.missing", "timeliness.late"} <= set(ids)
    markdown = catalogue_markdown()
    for rid in ids:
        assert f"`{rid}`" in markdown
        assert basis(RULE_BY_ID[rid]) and basis(RULE_BY_ID[rid], "en")
    assert "第四十九条" in basis(RULE_BY_ID["timeliness.late"])
    assert "第五十条" in basis(RULE_BY_ID["parts.assessment"])


def test_english_messages_quote_what_is_chinese():
    quoted = re.compile(r"“[^”]*”|'[^']*'")
    variants = [
        seed(0).replace("2024-02-01", "2024-04-02").replace("一、总体情况", "一、工作情况", 1),
        seed(0).replace("六、其他需要报告的事项", "七、其他需要报告的事项").replace("统计时间为2023", "统计时间为2022"),
        seed(1),
    ]
    for text in variants:
        for f in audit_text(text).findings:
            if f.rule.startswith(NEW):
                assert not CJK.findall(quoted.sub("", f.message("en"))), f.message("en")


def test_a_year_said_wrong_many_times_is_said_in_a_few_findings():
    text = seed(0).replace("无其他需要报告的事项。", "无其他需要报告的事项。\n" + "其中结转2030年继续办理。\n" * 50)
    found = [f for f in audit_text(text).findings if f.rule == "period.mismatch"]
    assert len(found) == 10 and all("2030" in f.message() for f in found)
