"""The classes of real text that went wrong (issue 17), each on a small text of its own."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from auditapp.parse.reader import parse_report
from auditapp.parse.tokens import tokenize
from auditapp.parse.values import Kind
from auditapp.source import Source


def _report(text: str):
    return parse_report(Source.from_text("x.md", text))


T4_THREE_TABLES = """四、政府信息公开行政复议、行政诉讼情况

### 行政复议
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|----------|----------|----------|----------|------|
| 27 | 10 | 9 | 15 | 61 |

### 行政诉讼（未经复议直接起诉）
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|----------|----------|----------|----------|------|
| 3 | 0 | 0 | 0 | 3 |

### 行政诉讼（复议后起诉）
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|---|:---:|---|---|---|
| 8 | 0 | 1 | 1 | 10 |

五、政府信息公开工作存在的主要问题及改进情况
"""


def test_markdown_divider_is_not_a_row_of_none_marks():
    tokens = tokenize(T4_THREE_TABLES.splitlines())
    assert not [t for t in tokens if t.value.kind is Kind.PLACEHOLDER]


def test_a_row_of_dashes_that_is_not_under_a_delimited_line_is_kept():
    tokens = tokenize(["规章", "| --- | --- | --- |"])
    assert [t.value.kind for t in tokens if t.text == "---"] == [Kind.PLACEHOLDER] * 3


def test_table_four_as_three_small_tables_with_headers():
    report = _report(T4_THREE_TABLES)
    values = {cid: c.value for cid, c in report.cells.items()}
    assert [values[f"t4.review.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [
        27,
        10,
        9,
        15,
        61,
    ]
    assert values["t4.suit_direct.total"] == 3
    assert [values[f"t4.suit_after_review.{c}"] for c in ("upheld", "other", "pending", "total")] == [8, 1, 1, 10]
    assert not [p for p in report.problems if p.target.startswith("t4")]


def test_heading_then_header_line_then_data_line():
    text = """三、收到和处理政府信息公开申请情况

### 一、本年新收政府信息公开申请数量
| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |
|---|---|---|---|---|---|---|---|
| 本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |

### (六) 其他
| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |
|---|---|---|---|---|---|---|---|
| 1. 申请人无正当理由逾期不补正, 行政机关不再处理其政府信息公开申请 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |
"""
    report = _report(text)
    cells = report.cells
    assert cells["t3.new.natural_person"].value == Decimal(705)
    assert cells["t3.new.natural_person"].span.line == 6
    assert cells["t3.new.total"].value == Decimal(713)
    assert cells["t3.other_no_supplement.natural_person"].value == Decimal(9)
    assert not [p for p in report.problems if p.code in ("structure.duplicate", "structure.extra_values")]


def test_a_2019_table_three_whose_single_other_row_is_blank():
    from test_template_2019 import REPORT_2019

    row = "(六)其他处理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||"
    assert row in REPORT_2019
    report = _report(REPORT_2019.replace(row, "(六)其他处理 |  |  |  |  |  |  |  | ||"))
    assert report.template.table("t3").row("other") is not None
    other = [c for cid, c in report.cells.items() if cid.startswith("t3.other.")]
    assert len(other) == 7 and all(c.kind is Kind.BLANK for c in other)
    assert not [p for p in report.problems if p.code in ("structure.row_missing", "structure.cell_missing")]


DETACHED = """三、收到和处理政府信息公开申请情况
| 一、本年新收政府信息公开申请数量 | 10 | 0 | 0 | 0 | 0 | 0 | 10 |
| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| （一）予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |
| 0 | 0 | 0 | 0 | 0 | 0 | 0 |
（二）部分公开（区分处理的，只
计这一情形，不计其他情形）
2.其他法律行政法规禁
止公开
| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
"""


def test_value_lines_without_labels_go_to_the_rows_without_values_in_template_order():
    report = _report(DETACHED)
    cells = report.cells
    assert cells["t3.partial.total"].value == 0 and cells["t3.partial.total"].span.line == 5
    assert cells["t3.denied_law.natural_person"].value == 3 and cells["t3.denied_law.total"].span.line == 11
    assert cells["t3.denied_secret.total"].span.line == 10
    notes = [p for p in report.problems if p.code == "structure.rows_by_position"]
    assert len(notes) == 1 and notes[0].count == 2 and notes[0].lines == (5, 11)
    assert not [p for p in report.problems if p.code in ("structure.extra_values", "structure.stray_values")]


def test_value_lines_that_do_not_match_the_rows_in_number_are_not_guessed():
    # one more value line than rows without values between the two rows read normally
    text = DETACHED.replace(
        "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n", "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    )
    report = _report(text)
    assert "t3.denied_law.total" not in report.cells
    assert [p.lines for p in report.problems if p.code == "structure.stray_values"] == [(11, 11), (12, 12)]


def _flattened(values: dict, first: str = "") -> str:
    """A report whose tables lost every delimiter, as a crawler keeps a web page: one line."""
    from auditapp.template import TEMPLATE_2021

    parts = ["2023年政府信息公开工作年度报告。一、总体情况 本年度共主动公开政府信息1234条。", first]
    for table in TEMPLATE_2021.tables:
        parts.append(table.title)
        if table.flat:
            parts.append("结果维持结果纠正其他结果尚未审结总计" + "".join(str(values[c]) for c in table.cell_ids()))
            continue
        for row in table.rows:
            label = table.row_label(row.id).replace(" ", "").replace("·", "")
            parts.append(label + "".join(str(values[c]) for c in row.cell_ids(table.id)))
    parts.append("五、存在的主要问题及改进情况 一是宣传不够。")
    return "".join(parts)


def _seed_values() -> dict:
    from conftest import SAMPLES

    from auditapp.api import audit_file

    cells = audit_file(str(SAMPLES / "000_5765c3367762f63e.txt")).report.cells
    return {cid: int(c.value) if c.value == int(c.value) else c.value for cid, c in cells.items()}


def test_flattened_rows_are_split_by_the_relations_with_a_note():
    values = _seed_values()
    report = _report(_flattened(values))
    t3 = {cid: c.value for cid, c in report.cells.items() if cid.startswith(("t3.", "t4."))}
    assert t3 == {cid: v for cid, v in values.items() if cid.startswith(("t3.", "t4."))}
    notes = {p.target: p for p in report.problems if p.code == "structure.digits_split"}
    assert notes["t3"].count == 25 and notes["t4"].count == 1
    cell = report.cells["t3.new.total"]
    assert report.source.snippet(cell.span) == str(values["t3.new.total"])  # the digits' own place


def test_flattened_rows_with_several_splits_are_not_guessed():
    values = _seed_values()
    # two rows whose first two cells swap between them: each split keeps every sum
    values.update({f"t3.granted.{c}": v for c, v in zip(("natural_person", "business"), (11, 1), strict=True)})
    values.update({f"t3.partial.{c}": v for c, v in zip(("natural_person", "business"), (1, 11), strict=True)})
    for row in ("granted", "partial"):
        values.update({f"t3.{row}.{c}": 0 for c in ("research", "social_org", "legal_service", "other_org")})
        values[f"t3.{row}.total"] = 12
    from auditapp.template.t2021 import T3_RESULT_PARTS

    for c in ("natural_person", "business", "research", "social_org", "legal_service", "other_org", "total"):
        values[f"t3.total.{c}"] = sum(values[f"t3.{r}.{c}"] for r in T3_RESULT_PARTS)  # the sums still hold
        values[f"t3.new.{c}"] = (
            values[f"t3.total.{c}"] + values[f"t3.carried_forward.{c}"] - values[f"t3.carried_over.{c}"]
        )
    report = _report(_flattened(values))
    unsure = {p.target: p for p in report.problems if p.code == "structure.digits_ambiguous"}
    assert {"t3.granted", "t3.partial"} <= set(unsure)  # (and table 2, which has no relations)
    assert "11/1/0/0/0/0/12" in unsure["t3.granted"].detail and "1/11/0/0/0/0/12" in unsure["t3.granted"].detail
    assert not [c for c in report.cells if c.startswith(("t3.granted.", "t3.partial."))]
    assert not [p for p in report.problems if p.code == "structure.row_empty"]


def test_a_report_for_2020_or_later_in_the_2019_format_gets_a_hint():
    from test_template_2019 import REPORT_2019

    hints = [p for p in _report(REPORT_2019).problems if p.code == "template.old_format"]
    assert hints == []  # a 2019 report in the 2019 format: as it should be
    later = REPORT_2019.replace("2019年政府信息公开工作年度报告", "2021年政府信息公开工作年度报告")
    hints = [p for p in _report(later).problems if p.code == "template.old_format"]
    assert {p.target for p in hints} == {"t2", "t3"} and all(p.detail == "2021" for p in hints)


@given(st.text(alphabet="0123456789", max_size=14), st.integers(min_value=1, max_value=8))
def test_run_together_digits_are_cut_every_way_without_fail(digits, n):
    """Every cut of a run of digits into n cells gives n numbers that spell the run again; a run
    shorter than its cells has none (the fuzz suite found an IndexError there)."""
    from auditapp.parse.flattened import _splits

    for split in _splits(digits, n):
        assert len(split) == n
        assert "".join(str(int(v)) for v in split) == digits or n == 1
