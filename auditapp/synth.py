"""Synthetic reports in the layouts real ones arrive in, for tests and benchmarks.

`consistent_values` draws a report whose arithmetic holds; `render` prints it in one of the
five seed layouts and says on which line each cell's value stands, so a test can check the
parser's provenance as well as its values. Both take the template (2021 by default, or 2019).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from decimal import Decimal

from .template import TEMPLATE_2021, Template
from .template.t2021 import T3_BODY_COLUMNS

LAYOUTS = ("pipe", "cell_per_line", "wrapped", "metadata", "tab")

_T3_HEADER = (
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
    "申请人情况",
)
_T4_HEAD = ("行政复议", "行政诉讼")
_T4_SUB = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def consistent_values(rng: random.Random, scale: int = 50, template: Template = TEMPLATE_2021) -> dict[str, str]:
    """Raw cell texts of a report whose every relation holds."""
    v: dict[str, int | str] = {}

    def small() -> int:
        return rng.choice((0, 0, 0, rng.randint(0, 3), rng.randint(0, scale)))

    t3_rows = [r.id for r in template.table("t3").rows]
    result_parts = [r for r in t3_rows if r not in ("new", "carried_over", "total", "carried_forward")]
    for col in T3_BODY_COLUMNS:
        results = {r: small() for r in result_parts}
        for r, n in results.items():
            v[f"t3.{r}.{col}"] = n
        total = sum(results.values())
        v[f"t3.total.{col}"] = total
        forward = small()
        v[f"t3.carried_forward.{col}"] = forward
        carried_over = rng.randint(0, total + forward)
        v[f"t3.carried_over.{col}"] = carried_over
        v[f"t3.new.{col}"] = total + forward - carried_over
    for r in t3_rows:
        v[f"t3.{r}.total"] = sum(int(v[f"t3.{r}.{c}"]) for c in T3_BODY_COLUMNS)
    for g in ("review", "suit_direct", "suit_after_review"):
        parts = [small() for _ in range(4)]
        for c, n in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            v[f"t4.{g}.{c}"] = n
        v[f"t4.{g}.total"] = sum(parts)
    for row in template.table("t2").rows:
        for cid, x in _t2_row(rng, small, row.columns).items():
            v[f"t2.{row.id}.{cid}"] = x
    return {k: str(x) for k, x in v.items()}


def _t2_row(rng: random.Random, small: Callable[[], int], columns: tuple[str, ...]) -> dict[str, int | str]:
    """One table-2 row's values, by what its columns mean (either template)."""
    v: dict[str, int | str] = {}
    for c in columns:
        if c in ("issued", "repealed", "made", "published", "items"):
            v[c] = small()
        elif c == "in_force":
            v[c] = max(0, int(v["issued"]) - int(v["repealed"])) + small()
        elif c == "public_total":
            v[c] = int(v["published"]) + small()
        elif c == "last_year":
            v[c] = rng.randint(0, 300)
        elif c == "change":
            v[c] = rng.choice((0, 0, rng.randint(0, 5)))  # may be negative; kept ≥ 0 while the audit says not
        elif c == "decisions":
            v[c] = rng.randint(0, 400_000)
        else:  # an amount (万元): whole or with decimals
            amount = Decimal(rng.randint(0, 10**7)) / Decimal(10 ** rng.choice((0, 2, 3, 5)))
            v[c] = format(amount, "f")
    return v


def render(
    values: Mapping[str, str],
    layout: str = "pipe",
    agency: str = "某某市某某区人民政府",
    year: int = 2023,
    template: Template = TEMPLATE_2021,
) -> tuple[str, dict[str, int]]:
    """(report text, 1-based line of each cell's value)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; one of {LAYOUTS}")
    out = _Writer(layout)
    if layout == "metadata":
        out.row(["索引号:", "000000000/2024-00001", "公开方式:", "主动公开"])
        out.row(["文号:", "公开日期:", f"{year + 1}-01-16", ""])
        out.row(["发布单位:", agency, "主题分类:", "政务公开"])
    else:
        out.text(f"{agency}{year}年度政府信息公开工作年度报告")
    out.text("一、总体情况")
    # one line that says what a complete report's overview says (the parts' checks look for it)
    out.text(
        f"{year}年,{agency}认真贯彻落实政务公开各项决策部署,全面推进政府信息公开工作。本报告所列数据的统计期限为"
        f"{year}年1月1日至12月31日。主动公开、依申请公开、政府信息管理、平台建设和监督保障工作有序开展,"
        "政务公开纳入绩效考核,开展社会评议,全年未发生责任追究情况。"
    )
    out.text("二、主动公开政府信息情况")
    t2 = template.table("t2")
    for group in t2.groups:
        rows = [r for r in t2.rows if r.group == group.id]
        out.row([group.label, "", "", ""])
        out.row(["信息内容", *(t2.column(c).label for c in rows[0].columns)])
        for row in rows:
            out.data_row([row.label], [(c, values.get(c, "")) for c in row.cell_ids("t2")])
    out.text("三、收到和处理政府信息公开申请情况")
    out.row([*_T3_HEADER, "", ""])
    out.row(["自然人", "法人或其他组织", "总计"])
    out.row(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    t3 = template.table("t3")
    printed_groups: set[str] = set()
    for row in t3.rows:
        labels = []
        if row.group and row.group not in printed_groups and row.id != "total":
            group = next(g for g in t3.groups if g.id == row.group)
            if row.group != "results" or "results" not in printed_groups:
                labels.append(f"({group.number}){group.label}" if row.group != "results" else "三、本年度办理结果")
            printed_groups.add(row.group)
            if row.group != "results":
                printed_groups.add("results")
        labels.append(_printed(row.label, row.number, row.group))
        out.data_row(labels, [(c, values.get(c, "")) for c in row.cell_ids("t3")], wrap=row.group == "rejected")
    out.text("四、政府信息公开行政复议、行政诉讼情况")
    out.row([*_T4_HEAD])
    out.row([*_T4_SUB, "未经复议直接起诉", "复议后起诉"])
    out.row([*_T4_SUB, *_T4_SUB])
    t4 = template.table("t4")
    out.data_row([], [(c, values.get(c, "")) for r in t4.rows for c in r.cell_ids("t4")])
    out.text("五、存在的主要问题及改进情况")
    out.text("一是公开内容的深度和广度有待拓展。二是政策解读形式还需丰富。")
    out.text("六、其他需要报告的事项")
    out.text("本年度未收取信息处理费。")
    out.text(agency)
    out.text(f"{year + 1}年1月20日")
    return "\n".join(out.lines) + "\n", out.cell_lines


def _printed(label: str, number: str | None, group: str | None) -> str:
    if number is None:
        return label
    if number.isdigit():
        return f"{number}.{label}"
    return f"({number}){label}" if group else f"{number}、{label}"


class _Writer:
    def __init__(self, layout: str) -> None:
        self.layout = layout
        self.lines: list[str] = []
        self.cell_lines: dict[str, int] = {}

    def text(self, line: str) -> None:
        if self.layout == "tab":
            self.lines.append("")  # the tab seed separates paragraphs with blank lines
            line = _full_width(line)
        self.lines.append(line)

    def row(self, cells: list[str]) -> None:
        if self.layout == "cell_per_line":
            self.lines.extend(f"{c} |" for c in cells if c)
        elif self.layout == "tab":
            self.lines.append("\t".join(_full_width(c) for c in cells) + "\t")
        else:
            self.lines.append(" | ".join(cells) + " | ||")

    def data_row(self, labels: list[str], cells: list[tuple[str, str]], wrap: bool = False) -> None:
        if self.layout == "cell_per_line":
            self.lines.extend(f"{label} |" for label in labels)
            for cid, raw in cells:
                self.lines.append(f"{raw} |")
                self.cell_lines[cid] = len(self.lines)
            return
        if self.layout == "tab":
            # leading cells of merged labels are missing; labels get spaces and full-width brackets
            fields = [_spaced(_full_width(x)) for x in labels]
            lead = [""] if len(labels) == 1 else []
            indent = "\t\t" if len(labels) == 1 and labels[0][:1].isdigit() else ""
            line = indent + "\t".join([*fields, *lead, *(raw for _, raw in cells)]) + "\t"
            self.lines.append(line)
            for cid, _ in cells:
                self.cell_lines[cid] = len(self.lines)
            return
        head = "".join(f"{x} | " for x in labels)
        if wrap and self.layout == "wrapped" and len(cells) > 1:
            first, last = cells[:-1], cells[-1:]
            self.lines.append(head + " | ".join(raw for _, raw in first) + " |")
            for cid, _ in first:
                self.cell_lines[cid] = len(self.lines)
            self.lines.append(f"{last[0][1]} | ||")
            self.cell_lines[last[0][0]] = len(self.lines)
            return
        self.lines.append(head + " | ".join(raw for _, raw in cells) + " | ||")
        for cid, _ in cells:
            self.cell_lines[cid] = len(self.lines)


def _full_width(text: str) -> str:
    return text.replace("(", "（").replace(")", "）").replace(":", "：").replace(",", "，")


def _spaced(label: str) -> str:
    """`（一）予以公开` → `（一） 予以公开`, `1.属于` → `1. 属于`, as the tab seed prints them."""
    for mark in ("）", "."):
        i = label.find(mark)
        if 0 < i < 4:
            return label[: i + 1] + " " + label[i + 1 :]
    return label
