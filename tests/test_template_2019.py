"""The 2019 national format (国办公开办函〔2019〕60号): recognised, read, audited, documented.

Its table 2 has other columns and two more rows, and its table 3 prints (六)其他处理 as one row.
A report is read as 2021 first and only read again when a table shows the other shape; tables of
both formats in one report are read with a mixed template (`2021+t3:2019`).
"""

from __future__ import annotations

import random

import pytest
from conftest import SAMPLES, SEED_NAMES

from auditapp.api import AuditResult, Status, audit_source
from auditapp.export.jsonl import result_json
from auditapp.parse import reader
from auditapp.parse.reader import parse_report
from auditapp.rules import Severity
from auditapp.source import Source
from auditapp.synth import LAYOUTS, consistent_values, render
from auditapp.template import TEMPLATE_2019, TEMPLATE_2021, TEMPLATES, alternative, cell_ids_markdown, mixed

# A 2019-format report as copied from a web page (the layout of seed 000): hand-written, consistent.
REPORT_2019 = """\
某某市某某区人民政府2019年政府信息公开工作年度报告
发布日期:2020-01-20 09:15 信息来源:区政府办公室
本报告根据新修订的《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,由某某区人民政府办公室编制。本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。
一、总体情况
2019年,某某区人民政府认真贯彻落实新修订的《条例》,围绕区委区政府中心工作,持续深化政务公开,全年主动公开政府信息5263条。
(一)主动公开
全年制发规范性文件8件,全部在区政府门户网站公开。公开行政许可处理决定3125件、行政处罚决定986件。
(二)依申请公开
全年共收到政府信息公开申请129件,上年结转5件,已答复132件,结转下年度继续办理2件。
(三)政府信息管理
建立健全公开属性源头认定机制,公文类信息在拟文时即明确公开属性。
(四)平台建设
对区政府门户网站信息公开专栏进行改版,新增政策解读、重点领域信息公开等栏目。
(五)监督保障
将政务公开工作纳入年度绩效考核,全年未发生政府信息公开责任追究情况。
二、主动公开政府信息情况
第二十条第(一)项 | |||
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
规章 | 0 | 0 | 0 |
规范性文件 | 8 | 8 | 56 |
第二十条第(五)项 | |||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政许可 | 156 | 4 | 3125 |
其他对外管理服务事项 | 37 | 2 | 1208 |
第二十条第(六)项 | |||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政处罚 | 412 | 0 | 986 |
行政强制 | 23 | 1 | 42 |
第二十条第(八)项 | |||
信息内容 | 上一年项目数量 | 本年增/减 | |
行政事业性收费 | 6 | 0 | |
第二十条第(九)项 | |||
信息内容 | 采购项目数量 | 采购总金额 | |
政府集中采购 | 19 | 1256.37 | |
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||
自然人 | 法人或其他组织 | 总计 | |||||||
商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||
一、本年新收政府信息公开申请数量 | 120 | 6 | 0 | 1 | 2 | 0 | 129 | ||
二、上年结转政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||
三、本年度办理结果 | (一)予以公开 | 58 | 3 | 0 | 1 | 1 | 0 | 63 | |
(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 12 | 1 | 0 | 0 | 0 | 0 | 13 | ||
(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |
2.其他法律行政法规禁止公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||
3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||
4.保护第三方合法权益 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||
5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||
6.属于四类过程性信息 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | ||
7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||
8.属于行政查询事项 | 4 | 0 | 0 | 0 | 0 | 0 | 4 | ||
(四)无法提供 | 1.本机关不掌握相关政府信息 | 25 | 1 | 0 | 0 | 1 | 0 | 27 | |
2.没有现成信息需要另行制作 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||
3.补正后申请内容仍不明确 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | ||
(五)不予处理 | 1.信访举报投诉类申请 | 6 | 0 | 0 | 0 | 0 | 0 | 6 | |
2.重复申请 | 2 | 1 | 0 | 0 | 0 | 0 | 3 | ||
3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||
4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||
5.要求行政机关确认或重新出具已获取信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||
(六)其他处理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||
(七)总计 | 123 | 6 | 0 | 1 | 2 | 0 | 132 | ||
四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼 | |||||||||||||
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||
2 | 1 | 0 | 0 | 3 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |
五、存在的主要问题及改进情况
2019年我区政府信息公开工作取得了一定成效,但也存在一些不足:一是部分单位对新修订的《条例》学习理解不够深入;二是政策解读的形式还不够丰富。2020年,我区将进一步加强业务培训,丰富解读形式,提升公开质量。
六、其他需要报告的事项
本年度未收取信息处理费。无其他需要报告的事项。
"""
LINES_2019 = REPORT_2019.split("\n")
SEED0 = (SAMPLES / "000_5765c3367762f63e.txt").read_text(encoding="utf-8")


def audit(text: str) -> AuditResult:
    return audit_source(Source.from_text("report.txt", text))


def errors(result: AuditResult) -> list:
    return [f for f in result.findings if f.severity is Severity.ERROR]


def line_of(prefix: str, lines: list[str] = LINES_2019) -> int:
    return next(i for i, line in enumerate(lines, 1) if line.startswith(prefix))


# ---- the template as data ---------------------------------------------------------------------


def test_2019_ids_keep_the_2021_ones_where_the_meaning_is_the_same():
    ids19, ids21 = set(TEMPLATE_2019.cell_ids()), set(TEMPLATE_2021.cell_ids())
    assert len(ids19) == 22 + 23 * 7 + 15
    assert {c for c in ids19 if c.startswith("t4.")} == {c for c in ids21 if c.startswith("t4.")}
    t3_19, t3_21 = ids19 - ids21, ids21 - ids19
    assert {c for c in t3_19 if c.startswith("t3.")} == {f"t3.other.{c.id}" for c in TEMPLATE_2019.table("t3").columns}
    assert {c.split(".")[1] for c in t3_21 if c.startswith("t3.")} == {
        "other_no_supplement",
        "other_no_fee",
        "other_misc",
    }
    t2 = TEMPLATE_2019.table("t2")
    assert [r.id for r in t2.rows] == [
        "regulations", "normative_documents", "licensing", "other_services", "penalty", "coercion", "fees",
        "procurement",
    ]  # fmt: skip
    assert t2.row("regulations").columns == ("made", "published", "public_total")
    assert t2.row("licensing").columns == t2.row("coercion").columns == ("last_year", "change", "decisions")
    assert t2.row("fees").columns == ("last_year", "change")
    assert t2.row("procurement").columns == ("items", "amount")
    assert TEMPLATE_2019.decimal_cells == {"t2.procurement.amount"}
    assert "t2.licensing.change" in TEMPLATE_2019.signed_cells
    assert TEMPLATES == (TEMPLATE_2021, TEMPLATE_2019)


def test_2019_relations_are_table_3_and_table_4_only():
    rules = {r.rule for r in TEMPLATE_2019.relations}
    assert rules == {"t3.balance", "t3.results_total", "t3.row_total", "t4.total"}
    assert not TEMPLATE_2019.bounds  # no 废止 column: nothing bounds 对外公开总数量
    results = next(r for r in TEMPLATE_2019.relations if r.rule == "t3.results_total" and r.key == "total")
    assert "t3.other.total" in results.parts and len(results.parts) == 2 + 8 + 3 + 5 + 1
    assert len([r for r in TEMPLATE_2019.relations if r.rule == "t3.row_total"]) == 23
    assert not [c for r in TEMPLATE_2019.relations for c in (*r.parts, *r.totals) if c.startswith("t2.")]


def test_cell_ids_markdown_documents_every_id_of_both_templates():
    for template in TEMPLATES:
        doc = cell_ids_markdown(template)
        assert f"`{template.id}`" in doc
        for table in template.tables:
            for row in table.rows:
                assert f"`{row.id}`" in doc or f"`{table.id}.{row.id}." in doc
                for cid in row.columns:
                    assert f"`{table.id}.{row.id}.{cid}`" in doc or f"`{cid}`" in doc
    doc19 = cell_ids_markdown(TEMPLATE_2019)
    assert "| `t2.procurement.amount` | 第二十条第(九)项 · 政府集中采购 | 采购总金额 — may be a decimal |" in doc19
    assert "| `t2.licensing.change` | 第二十条第(五)项 · 行政许可 | 本年增/减 — may be negative |" in doc19
    assert "| `other` | (六)其他处理 |" in doc19
    assert "| `other_misc` | (六)其他处理 3.其他 |" in cell_ids_markdown(TEMPLATE_2021)


def test_mixed_templates_take_relations_with_their_tables():
    mix = alternative(TEMPLATE_2021, ["t3"])
    assert mix is mixed(TEMPLATE_2021, {"t3": TEMPLATE_2019}) and mix.id == "2021+t3:2019"
    assert mix.table("t2") is TEMPLATE_2021.table("t2") and mix.table("t3") is TEMPLATE_2019.table("t3")
    assert mix.bounds == TEMPLATE_2021.bounds and mix.decimal_cells == {"t2.fees.amount"}
    assert {r.key for r in mix.relations if r.rule == "t3.row_total"} >= {"other"}
    assert alternative(TEMPLATE_2021, ["t2", "t3"]) is TEMPLATE_2019
    assert alternative(TEMPLATE_2019, ["t2", "t3"]) is TEMPLATE_2021
    assert alternative(TEMPLATE_2021, ["t4"]) is None  # the same table in both


# ---- a hand-written 2019 report -------------------------------------------------------------


def test_a_2019_report_is_recognised_and_every_cell_read_with_its_line():
    result = audit(REPORT_2019)
    report = result.report
    assert report.template is TEMPLATE_2019
    assert result.status is Status.OK and errors(result) == []
    assert not [f for f in result.findings if f.rule.startswith(("structure.", "value.", "relation."))]
    assert set(report.cells) == set(TEMPLATE_2019.cell_ids())
    for cid, cell in report.cells.items():
        assert cell.value is not None, cid
        line = LINES_2019[cell.span.line - 1]
        assert line[cell.span.start : cell.span.end] == cell.raw, cid
    values = {cid: str(c.value) for cid, c in report.cells.items()}
    assert values["t2.normative_documents.public_total"] == "56"
    assert values["t2.other_services.decisions"] == "1208"
    assert values["t2.fees.change"] == "0"
    assert values["t2.procurement.amount"] == "1256.37"
    assert report.cells["t2.procurement.amount"].span.line == line_of("政府集中采购")
    other_lines = {c.span.line for cid, c in report.cells.items() if cid.startswith("t3.other.")}
    assert other_lines == {line_of("(六)其他处理")}
    assert values["t3.other.total"] == "3" and values["t3.total.total"] == "132"
    assert [values[f"t4.suit_direct.{c}"] for c in ("upheld", "pending", "total")] == ["1", "1", "2"]


def test_json_says_2019():
    meta = result_json(audit(REPORT_2019))["meta"]
    assert (meta["template"], meta["year"]) == ("2019", 2019)


def test_a_changed_number_in_the_2019_table_3_is_caught_with_its_suspect():
    text = REPORT_2019.replace("(六)其他处理 | 3 | 0 |", "(六)其他处理 | 5 | 0 |")
    result = audit(text)
    assert result.report.template is TEMPLATE_2019
    found = {(f.rule, f.relation) for f in errors(result)}
    assert found == {("t3.row_total", "t3.row_total:other"), ("t3.results_total", "t3.results_total:natural_person")}
    assert {f.suspect for f in errors(result)} == {"t3.other.natural_person"}
    assert {f.proposed for f in errors(result)} == {3}


def test_a_changed_total_in_the_2019_table_3_breaks_the_balance():
    text = REPORT_2019.replace("四、结转下年度继续办理 | 2 | 0", "四、结转下年度继续办理 | 3 | 0")
    rules = {f.rule for f in errors(audit(text))}
    assert rules == {"t3.balance", "t3.row_total"}


def test_2019_table_4_totals_are_checked():
    text = REPORT_2019.replace("2 | 1 | 0 | 0 | 3 | 1 |", "2 | 1 | 0 | 0 | 4 | 1 |")
    assert [(f.rule, f.relation) for f in errors(audit(text))] == [("t4.total", "t4.total:review")]


def test_2019_counts_are_whole_and_the_procurement_amount_may_be_a_decimal():
    text = REPORT_2019.replace("行政处罚 | 412 | 0 | 986 |", "行政处罚 | 412 | 0 | 98.6 |")
    assert [(f.rule, f.cells) for f in errors(audit(text))] == [("value.not_whole", ("t2.penalty.decisions",))]
    negative = REPORT_2019.replace("(六)其他处理 | 3 | 0 |", "(六)其他处理 | -3 | 0 |")
    assert "value.negative" in {f.rule for f in errors(audit(negative))}


def test_a_decrease_in_the_number_of_items_is_not_an_error():
    text = REPORT_2019.replace("行政许可 | 156 | 4 |", "行政许可 | 156 | -4 |")
    result = audit(text)
    assert result.report.cells["t2.licensing.change"].value == -4
    assert errors(result) == []


def test_without_detection_a_2019_report_is_refused_not_misread():
    report = parse_report(Source.from_text("r.txt", REPORT_2019), TEMPLATE_2021, detect=False)
    other = {p.target: p.lines for p in report.problems if p.code == "structure.other_template"}
    assert other == {"t2": (line_of("信息内容"),) * 2, "t3": (line_of("(六)其他处理"),) * 2}
    assert {c.split(".")[0] for c in report.cells} == {"t4"}


# ---- synthetic reports in every layout --------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", range(4))
def test_synthetic_2019_reports_read_exactly(seed, layout):
    values = consistent_values(random.Random(seed), template=TEMPLATE_2019)
    assert set(values) == set(TEMPLATE_2019.cell_ids())
    text, lines = render(values, layout, year=2019, template=TEMPLATE_2019)
    result = audit(text)
    assert result.report.template is TEMPLATE_2019
    assert result.status is Status.OK and errors(result) == []
    got = {cid: (c.raw, c.span.line) for cid, c in result.report.cells.items()}
    assert got == {cid: (values[cid], lines[cid]) for cid in values}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_synthetic_2021_reports_stay_2021(layout):
    values = consistent_values(random.Random(7))
    result = audit(render(values, layout)[0])
    assert result.report.template is TEMPLATE_2021 and errors(result) == []
    assert len(result.report.cells) == 200


# ---- which template, and what it costs -------------------------------------------------------


@pytest.fixture
def readings(monkeypatch) -> list[str]:
    """The template ids the parser read with, in order."""
    seen: list[str] = []
    real = reader.read_tables

    def counting(template, tokens, keep_other=False):
        seen.append(template.id)
        return real(template, tokens, keep_other)

    monkeypatch.setattr(reader, "read_tables", counting)
    return seen


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seeds_are_2021_and_read_once(name, readings):
    result = audit((SAMPLES / name).read_text(encoding="utf-8"))
    assert result.report.template is TEMPLATE_2021 and errors(result) == []
    assert readings == ["2021"]


def test_a_2019_report_is_read_twice_at_most(readings):
    audit(REPORT_2019)
    assert readings == ["2021", "2019"]


def test_a_2021_report_given_the_2019_template_is_read_as_2021():
    report = parse_report(Source.from_text("seed", SEED0), TEMPLATE_2019)
    assert report.template is TEMPLATE_2021 and len(report.cells) == 200


# ---- mixed reports ---------------------------------------------------------------------------


def _seed0_with_one_other_row(total: str = "4") -> str:
    lines = SEED0.split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("(六)其他处理"))
    lines[i : i + 3] = [f"(六)其他处理 | 4 | 0 | 0 | 0 | 0 | 0 | {total} | ||"]
    return "\n".join(lines)


def test_a_2021_table_2_with_a_2019_table_3_is_read_with_a_mixed_template():
    result = audit(_seed0_with_one_other_row())
    report = result.report
    assert report.template.id == "2021+t3:2019" and result_json(result)["meta"]["template"] == "2021+t3:2019"
    assert result.status is Status.OK and errors(result) == []
    assert set(report.cells) == set(report.template.cell_ids()) and len(report.cells) == 10 + 161 + 15
    assert report.cells["t2.fees.amount"].raw == "15391.38389"  # the 2021 table 2 as in seed 000
    assert report.cells["t3.other.natural_person"].value == 4
    assert not [f for f in result.findings if f.rule.startswith("structure.")]


def test_a_mixed_report_is_still_audited():
    result = audit(_seed0_with_one_other_row(total="5"))
    assert result.report.template.id == "2021+t3:2019"
    assert {f.relation for f in errors(result)} == {"t3.row_total:other", "t3.results_total:total"}
    assert {f.suspect for f in errors(result)} == {"t3.other.total"}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_synthetic_mixed_reports_read_exactly(layout):
    template = mixed(TEMPLATE_2021, {"t3": TEMPLATE_2019})
    values = consistent_values(random.Random(11), template=template)
    text, lines = render(values, layout, template=template)
    result = audit(text)
    assert result.report.template is template and errors(result) == []
    assert {cid: (c.raw, c.span.line) for cid, c in result.report.cells.items()} == {
        cid: (values[cid], lines[cid]) for cid in values
    }


def test_2019_tables_as_frames():
    frames = audit(REPORT_2019).report.frames(by="id")
    assert list(frames["t2"].index) == [r.id for r in TEMPLATE_2019.table("t2").rows]
    assert frames["t2"].loc["procurement", "amount"] == 1256.37
    assert frames["t3"].loc["other", "total"] == 3


def test_a_template_travels_between_processes_as_its_id():
    """Results from the workers share the registry's template (not a 17 KB copy each); a template
    the registry does not know still travels whole."""
    import dataclasses
    import pickle

    from auditapp.api import audit_file
    from auditapp.template.registry import template_by_id

    mix = template_by_id("2021+t3:2019")
    for template in (TEMPLATE_2021, TEMPLATE_2019, mix):
        data = pickle.dumps(template, protocol=pickle.HIGHEST_PROTOCOL)
        assert pickle.loads(data) is template and len(data) < 200
    result = pickle.loads(pickle.dumps(audit_file(str(SAMPLES / "000_5765c3367762f63e.txt"))))
    assert result.report.template is TEMPLATE_2021
    odd = dataclasses.replace(TEMPLATE_2021, name="某个未登记的格式")
    back = pickle.loads(pickle.dumps(odd))
    assert back == odd and back is not odd
