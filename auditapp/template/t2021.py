"""The 2021 national format (国办公开办函〔2021〕30号): three tables, their labels, their relations.

Cell ids are `<table>.<row>.<column>` as in shared/spec/template-2021.md.
"""

from __future__ import annotations

from .model import Bound, Column, Group, Relation, Row, Table, Template

# ---- Table 2: 主动公开政府信息情况 -----------------------------------------------------------

_DOC_COLS = ("issued", "repealed", "in_force")

T2 = Table(
    id="t2",
    short_name="表二",
    short_name_en="Table 2",
    title="主动公开政府信息情况",
    title_aliases=("主动公开政府信息",),
    columns=(
        Column("issued", "本年制发件数"),
        Column("repealed", "本年废止件数"),
        Column("in_force", "现行有效件数"),
        Column("decisions", "本年处理决定数量"),
        Column("amount", "本年收费金额(单位:万元)"),
    ),
    groups=(
        Group("art20_1", "第二十条第(一)项", names_rows=False),
        Group("art20_5", "第二十条第(五)项", names_rows=False),
        Group("art20_6", "第二十条第(六)项", names_rows=False),
        Group("art20_8", "第二十条第(八)项", names_rows=False),
    ),
    rows=(
        Row("regulations", "规章", _DOC_COLS, group="art20_1"),
        Row("normative_documents", "行政规范性文件", _DOC_COLS, group="art20_1", aliases=("规范性文件",)),
        Row("licensing", "行政许可", ("decisions",), group="art20_5"),
        Row("penalty", "行政处罚", ("decisions",), group="art20_6"),
        Row("coercion", "行政强制", ("decisions",), group="art20_6"),
        Row("fees", "行政事业性收费", ("amount",), group="art20_8"),
    ),
    headers=("信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
    other_template_headers=frozenset(
        {"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减"}
        | {"采购项目数量", "采购总金额", "其他对外管理服务事项", "政府集中采购"}
    ),  # the 2019 format's table 2 (t2019.py)
)

# ---- Table 3: 收到和处理政府信息公开申请情况 -------------------------------------------------

T3_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("business", "商业企业", "法人或其他组织"),
    Column("research", "科研机构", "法人或其他组织"),
    Column("social_org", "社会公益组织", "法人或其他组织"),
    Column("legal_service", "法律服务机构", "法人或其他组织"),
    Column("other_org", "其他", "法人或其他组织"),
    Column("total", "总计"),
)
_C3 = tuple(c.id for c in T3_COLUMNS)
T3_BODY_COLUMNS = _C3[:-1]


def _r3(rid: str, label: str, number: str | None, group: str | None = None, **kw) -> Row:
    return Row(rid, label, _C3, number=number, group=group, **kw)


T3 = Table(
    id="t3",
    short_name="表三",
    short_name_en="Table 3",
    title="收到和处理政府信息公开申请情况",
    title_aliases=("收到和处理政府信息公开申请",),
    columns=T3_COLUMNS,
    groups=(
        Group("results", "本年度办理结果", "三"),
        Group("denied", "不予公开", "三"),
        Group("unable", "无法提供", "四"),
        Group("rejected", "不予处理", "五"),
        Group("other", "其他处理", "六", other_template_row=True),  # one row in 2019
    ),
    rows=(
        _r3("new", "本年新收政府信息公开申请数量", "一"),
        _r3("carried_over", "上年结转政府信息公开申请数量", "二"),
        _r3("granted", "予以公开", "一", "results"),
        _r3("partial", "部分公开(区分处理的,只计这一情形,不计其他情形)", "二", "results"),
        _r3("denied_secret", "属于国家秘密", "1", "denied"),
        _r3("denied_law", "其他法律行政法规禁止公开", "2", "denied"),
        _r3("denied_safety", "危及“三安全一稳定”", "3", "denied"),
        _r3("denied_third_party", "保护第三方合法权益", "4", "denied"),
        _r3("denied_internal", "属于三类内部事务信息", "5", "denied"),
        _r3("denied_process", "属于四类过程性信息", "6", "denied"),
        _r3("denied_enforcement", "属于行政执法案卷", "7", "denied"),
        _r3("denied_inquiry", "属于行政查询事项", "8", "denied"),
        _r3("unable_not_held", "本机关不掌握相关政府信息", "1", "unable"),
        _r3("unable_create", "没有现成信息需要另行制作", "2", "unable"),
        _r3("unable_unclear", "补正后申请内容仍不明确", "3", "unable"),
        _r3("rejected_petition", "信访举报投诉类申请", "1", "rejected"),
        _r3("rejected_repeat", "重复申请", "2", "rejected"),
        _r3("rejected_publication", "要求提供公开出版物", "3", "rejected"),
        _r3("rejected_mass", "无正当理由大量反复申请", "4", "rejected"),
        _r3("rejected_confirm", "要求行政机关确认或重新出具已获取信息", "5", "rejected"),
        _r3(
            "other_no_supplement",
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "1",
            "other",
        ),
        _r3(
            "other_no_fee",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "2",
            "other",
        ),
        _r3("other_misc", "其他", "3", "other", needs_context=True),
        _r3("total", "总计", "七", "results", aliases=("合计",), needs_context=True),
        _r3("carried_forward", "结转下年度继续办理", "四"),
    ),
    extra_columns=((6, "小计", (1, 2, 3, 4, 5)),),  # 法人或其他组织·小计, printed by some reports after 其他
    headers=(
        "申请人情况",
        "法人或其他组织",
        "本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和",
    ),
)

T3_RESULT_ROWS = tuple(r.id for r in T3.rows if r.group in ("results", "denied", "unable", "rejected", "other"))
T3_RESULT_PARTS = tuple(r for r in T3_RESULT_ROWS if r != "total")

# ---- Table 4: 政府信息公开行政复议、行政诉讼情况 --------------------------------------------

_C4 = ("upheld", "corrected", "other", "pending", "total")

T4 = Table(
    id="t4",
    short_name="表四",
    short_name_en="Table 4",
    title="政府信息公开行政复议、行政诉讼情况",
    title_aliases=("政府信息公开行政复议、行政诉讼", "行政复议、行政诉讼情况"),
    columns=(
        Column("upheld", "结果维持"),
        Column("corrected", "结果纠正"),
        Column("other", "其他结果"),
        Column("pending", "尚未审结"),
        Column("total", "总计"),
    ),
    groups=(Group("suit", "行政诉讼"),),
    rows=(
        Row("review", "行政复议", _C4),
        Row("suit_direct", "未经复议直接起诉", _C4, group="suit"),
        Row("suit_after_review", "复议后起诉", _C4, group="suit"),
    ),
    flat=True,
    headers=("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果", "其他", "尚未", "维持", "纠正"),
)


def _row_totals(rule: str, table: Table, body: tuple[str, ...]) -> list[Relation]:
    """Each row's total column is the sum of its body columns."""
    return [
        Relation(rule, r.id, tuple(f"{table.id}.{r.id}.{c}" for c in body), (f"{table.id}.{r.id}.total",), "row")
        for r in table.rows
    ]


def _relations() -> tuple[Relation, ...]:
    rels: list[Relation] = []
    for col in _C3:  # balance: 第一项加第二项之和, 等于第三项加第四项之和
        rels.append(
            Relation(
                "t3.balance",
                col,
                parts=(f"t3.new.{col}", f"t3.carried_over.{col}"),
                totals=(f"t3.total.{col}", f"t3.carried_forward.{col}"),
            )
        )
    for col in _C3:
        rels.append(
            Relation(
                "t3.results_total",
                col,
                parts=tuple(f"t3.{r}.{col}" for r in T3_RESULT_PARTS),
                totals=(f"t3.total.{col}",),
            )
        )
    rels += _row_totals("t3.row_total", T3, T3_BODY_COLUMNS)
    rels += _row_totals("t4.total", T4, _C4[:-1])
    return tuple(rels)


TEMPLATE_2021 = Template(
    id="2021",
    name="2021年版(国办公开办函〔2021〕30号)",
    tables=(T2, T3, T4),
    relations=_relations(),
    bounds=tuple(
        Bound("t2.in_force_bound", r, f"t2.{r}.in_force", f"t2.{r}.issued", f"t2.{r}.repealed")
        for r in ("regulations", "normative_documents")
    ),
    decimal_cells=frozenset({"t2.fees.amount"}),
    section_ends=("存在的主要问题及改进情况", "其他需要报告的事项", "总体情况"),
)
