"""The 2019 national format (国办公开办函〔2019〕60号): the tables reports for 2019 (and some later) print.

Against the 2021 format (t2021.py):

- Table 2 differs: 第二十条第(一)项 counts 本年新制作数量 / 本年新公开数量 / 对外公开总数量 of 规章
  and 规范性文件; (五) 行政许可 and 其他对外管理服务事项, (六) 行政处罚 and 行政强制 print
  上一年项目数量 / 本年增/减 / 处理决定数量; (八) 行政事业性收费 prints 上一年项目数量 / 本年增/减;
  (九) 政府集中采购 prints 采购项目数量 / 采购总金额 (an amount, may be a decimal).
- Table 3: (六)其他处理 is one row, not three items.
- Table 4 is the same table.

Ids keep the 2021 ones where the meaning is the same (the rows of table 2, every row of table 3
but (六), table 4, the column `decisions`); what differs has ids of its own. Relations: table 3
balances, adds up per column and per row as in 2021, with the single (六) row among the results;
table 4 adds up. No relation holds inside table 2: 上一年项目数量 + 本年增/减 is this year's
number of items, which no cell prints (next year's 上一年项目数量 would), and neither is tied to
处理决定数量; what was made, published this year and is public in all need not agree either.
"""

from __future__ import annotations

from .model import Column, Group, Relation, Row, Table, Template
from .t2021 import T3 as T3_2021
from .t2021 import T3_BODY_COLUMNS, T3_COLUMNS, T4, TEMPLATE_2021

# ---- Table 2: 主动公开政府信息情况 (2019) ----------------------------------------------------

_DOC_COLS = ("made", "published", "public_total")
_ITEM_COLS = ("last_year", "change", "decisions")

T2 = Table(
    id="t2",
    short_name="表二",
    short_name_en="Table 2",
    title="主动公开政府信息情况",
    title_aliases=("主动公开政府信息",),
    columns=(
        Column("made", "本年新制作数量"),
        Column("published", "本年新公开数量"),
        Column("public_total", "对外公开总数量"),
        Column("last_year", "上一年项目数量"),
        Column("change", "本年增/减"),
        Column("decisions", "处理决定数量"),
        Column("items", "采购项目数量"),
        Column("amount", "采购总金额"),
    ),
    groups=(
        Group("art20_1", "第二十条第(一)项", names_rows=False),
        Group("art20_5", "第二十条第(五)项", names_rows=False),
        Group("art20_6", "第二十条第(六)项", names_rows=False),
        Group("art20_8", "第二十条第(八)项", names_rows=False),
        Group("art20_9", "第二十条第(九)项", names_rows=False),
    ),
    rows=(
        Row("regulations", "规章", _DOC_COLS, group="art20_1"),
        Row("normative_documents", "规范性文件", _DOC_COLS, group="art20_1", aliases=("行政规范性文件",)),
        Row("licensing", "行政许可", _ITEM_COLS, group="art20_5"),
        Row("other_services", "其他对外管理服务事项", _ITEM_COLS, group="art20_5"),
        Row("penalty", "行政处罚", _ITEM_COLS, group="art20_6"),
        Row("coercion", "行政强制", _ITEM_COLS, group="art20_6"),
        Row("fees", "行政事业性收费", ("last_year", "change"), group="art20_8"),
        Row("procurement", "政府集中采购", ("items", "amount"), group="art20_9"),
    ),
    headers=(
        "信息内容",
        "本年增减",
        "本年增(减)",
        "本年处理决定数量",
        "采购总金额(万元)",
        "采购总金额(单位:万元)",
        "采购总金额(元)",
    ),
    # what only the 2021 table prints (本年处理决定数量 means the same as 处理决定数量: not a sign)
    other_template_headers=frozenset(
        {"本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "本年收费金额(单位:万元)"}
    ),
)

# ---- Table 3: 收到和处理政府信息公开申请情况 (2019) ------------------------------------------

_C3 = tuple(c.id for c in T3_COLUMNS)
_OTHER_2021 = tuple(r for r in T3_2021.rows if r.group == "other")


def _rows_2019() -> tuple[Row, ...]:
    """The 2021 rows, with its three (六)其他处理 items as one row `other`."""
    rows: list[Row] = []
    for row in T3_2021.rows:
        if row is _OTHER_2021[0]:
            rows.append(Row("other", "其他处理", _C3, number="六", group="results"))
        if row not in _OTHER_2021:
            rows.append(row)
    return tuple(rows)


T3 = Table(
    id="t3",
    short_name="表三",
    short_name_en="Table 3",
    title=T3_2021.title,
    title_aliases=T3_2021.title_aliases,
    columns=T3_COLUMNS,
    groups=tuple(g for g in T3_2021.groups if g.id != "other"),
    rows=_rows_2019(),
    extra_columns=T3_2021.extra_columns,
    headers=T3_2021.headers,
    # the three items of the 2021 (六)其他处理: a table 3 printed in the 2021 shape
    other_template_headers=frozenset(r.label for r in _OTHER_2021 if not r.needs_context),
)

T3_RESULT_PARTS = tuple(
    r.id for r in T3.rows if r.group in ("results", "denied", "unable", "rejected") and r.id != "total"
)

# ---- relations ---------------------------------------------------------------------------------


def _row_totals(rule: str, table: Table, body: tuple[str, ...]) -> list[Relation]:
    return [
        Relation(rule, r.id, tuple(f"{table.id}.{r.id}.{c}" for c in body), (f"{table.id}.{r.id}.total",), "row")
        for r in table.rows
    ]


def _relations() -> tuple[Relation, ...]:
    rels = [
        Relation(
            "t3.balance",
            col,
            parts=(f"t3.new.{col}", f"t3.carried_over.{col}"),
            totals=(f"t3.total.{col}", f"t3.carried_forward.{col}"),
        )
        for col in _C3
    ]
    rels += [
        Relation(
            "t3.results_total", col, parts=tuple(f"t3.{r}.{col}" for r in T3_RESULT_PARTS), totals=(f"t3.total.{col}",)
        )
        for col in _C3
    ]
    rels += _row_totals("t3.row_total", T3, T3_BODY_COLUMNS)
    rels += _row_totals("t4.total", T4, tuple(c.id for c in T4.columns if c.id != "total"))
    return tuple(rels)


TEMPLATE_2019 = Template(
    id="2019",
    name="2019年版(国办公开办函〔2019〕60号)",
    tables=(T2, T3, T4),
    relations=_relations(),
    bounds=(),
    decimal_cells=frozenset({"t2.procurement.amount"}),
    signed_cells=frozenset(f"t2.{r.id}.change" for r in T2.rows if "change" in r.columns),
    section_ends=TEMPLATE_2021.section_ends,
)
