"""Synthetic reports in the layouts real ones arrive in, for tests and benchmarks.

`consistent_values` draws a report whose arithmetic holds; `render` prints it in one of the
five seed layouts and says on which line each cell's value stands, so a test can check the
parser's provenance as well as its values.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from decimal import Decimal

from .template import TEMPLATE_2021, Template
from .template.t2021 import T3_BODY_COLUMNS, T3_RESULT_PARTS

LAYOUTS = ("pipe", "cell_per_line", "wrapped", "metadata", "tab")

_T3_HEADER = (
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
    "申请人情况",
)
_T4_HEAD = ("行政复议", "行政诉讼")
_T4_SUB = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def consistent_values(rng: random.Random, scale: int = 50) -> dict[str, str]:
    """Raw cell texts of a report whose every relation holds."""
    v: dict[str, int | str] = {}

    def small() -> int:
        return rng.choice((0, 0, 0, rng.randint(0, 3), rng.randint(0, scale)))

    for col in T3_BODY_COLUMNS:
        results = {r: small() for r in T3_RESULT_PARTS}
        for r, n in results.items():
            v[f"t3.{r}.{col}"] = n
        total = sum(results.values())
        v[f"t3.total.{col}"] = total
        forward = small()
        v[f"t3.carried_forward.{col}"] = forward
        carried_over = rng.randint(0, total + forward)
        v[f"t3.carried_over.{col}"] = carried_over
        v[f"t3.new.{col}"] = total + forward - carried_over
    for r in ("new", "carried_over", *T3_RESULT_PARTS, "total", "carried_forward"):
        v[f"t3.{r}.total"] = sum(int(v[f"t3.{r}.{c}"]) for c in T3_BODY_COLUMNS)
    for g in ("review", "suit_direct", "suit_after_review"):
        parts = [small() for _ in range(4)]
        for c, n in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            v[f"t4.{g}.{c}"] = n
        v[f"t4.{g}.total"] = sum(parts)
    for r in ("regulations", "normative_documents"):
        issued, repealed = small(), small()
        v[f"t2.{r}.issued"], v[f"t2.{r}.repealed"] = issued, repealed
        v[f"t2.{r}.in_force"] = max(0, issued - repealed) + small()
    for r in ("licensing", "penalty", "coercion"):
        v[f"t2.{r}.decisions"] = rng.randint(0, 400_000)
    fee = Decimal(rng.randint(0, 10**7)) / Decimal(10 ** rng.choice((0, 2, 3, 5)))
    v["t2.fees.amount"] = format(fee, "f")
    return {k: str(x) for k, x in v.items()}


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
    out.text(f"{year}年,{agency}认真贯彻落实政务公开各项决策部署,全面推进政府信息公开工作。")
    out.text("二、主动公开政府信息情况")
    t2 = template.table("t2")
    for group, rows, heads in (
        ("第二十条第(一)项", ("regulations", "normative_documents"), ("本年制发件数", "本年废止件数", "现行有效件数")),
        ("第二十条第(五)项", ("licensing",), ("本年处理决定数量",)),
        ("第二十条第(六)项", ("penalty", "coercion"), ("本年处理决定数量",)),
        ("第二十条第(八)项", ("fees",), ("本年收费金额(单位:万元)",)),
    ):
        out.row([group, "", "", ""])
        out.row(["信息内容", *heads])
        for rid in rows:
            row = t2.row(rid)
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
