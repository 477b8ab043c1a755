"""The parser on messy variants of the seeds and of synthetic reports, edited in memory.

Synthetic reports use values that differ from cell to cell (`distinct_values`), so a value read
into the wrong row or column shows; the seeds keep the real reports' layouts and labels.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import SAMPLES, SEED_NAMES

from auditapp import synth
from auditapp.api import AuditResult, Status, audit_source
from auditapp.parse.values import Kind, parse_value
from auditapp.rules import Severity
from auditapp.source import Source
from auditapp.template import TEMPLATE_2021
from auditapp.template.t2021 import T3_BODY_COLUMNS, T3_RESULT_PARTS

T3 = TEMPLATE_2021.table("t3")
SEED0 = SEED_NAMES[0]  # pipe layout, 杭州市钱塘区


def distinct_values() -> dict[str, str]:
    """A consistent report in which no two table-3 body cells hold the same number."""
    v: dict[str, int] = {}
    for j, col in enumerate(T3_BODY_COLUMNS):
        for i, row in enumerate(T3_RESULT_PARTS):
            v[f"t3.{row}.{col}"] = 1000 * (j + 1) + 10 * i + 1
        total = sum(v[f"t3.{row}.{col}"] for row in T3_RESULT_PARTS)
        v[f"t3.total.{col}"] = total
        v[f"t3.carried_forward.{col}"] = 7 + j
        v[f"t3.carried_over.{col}"] = 50 + j
        v[f"t3.new.{col}"] = total + 7 - 50
    for row in ("new", "carried_over", *T3_RESULT_PARTS, "total", "carried_forward"):
        v[f"t3.{row}.total"] = sum(v[f"t3.{row}.{c}"] for c in T3_BODY_COLUMNS)
    for k, group in enumerate(("review", "suit_direct", "suit_after_review")):
        parts = [10 * k + n for n in (1, 2, 3, 4)]
        for col, n in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            v[f"t4.{group}.{col}"] = n
        v[f"t4.{group}.total"] = sum(parts)
    v |= {
        "t2.regulations.issued": 3,
        "t2.regulations.repealed": 1,
        "t2.regulations.in_force": 40,
        "t2.normative_documents.issued": 22,
        "t2.normative_documents.repealed": 5,
        "t2.normative_documents.in_force": 130,
        "t2.licensing.decisions": 310541,
        "t2.penalty.decisions": 7537,
        "t2.coercion.decisions": 2973,
    }
    out = {k: str(n) for k, n in v.items()}
    out["t2.fees.amount"] = "15391.38389"
    return out


VALUES = distinct_values()


def synthetic(layout: str = "pipe") -> tuple[str, dict[str, int]]:
    return synth.render(VALUES, layout)


def seed_text(name: str = SEED0) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def audit_text(text: str) -> AuditResult:
    result = audit_source(Source.from_text("variant.txt", text))
    assert result.report is not None, result.error
    return result


def edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, (old, text.count(old))
        text = text.replace(old, new)
    return text


def edit_cell(text: str, line: int, old: str, new: str) -> str:
    """Replace the number `old` standing alone on 1-based `line`."""
    lines = text.split("\n")
    pattern = re.compile(rf"(?<![\d.,]){re.escape(old)}(?![\d.,])")
    assert len(pattern.findall(lines[line - 1])) == 1, lines[line - 1]
    lines[line - 1] = pattern.sub(new, lines[line - 1])
    return "\n".join(lines)


def values(result: AuditResult) -> dict[str, Decimal | None]:
    return {cid: c.value for cid, c in result.report.cells.items()}


def assert_reads_all(result: AuditResult, lines: dict[str, int] | None = None) -> None:
    """Every cell of the synthetic report read with its value (and line), and nothing to report."""
    assert result.status is Status.OK
    assert values(result) == {cid: Decimal(raw) for cid, raw in VALUES.items()}
    if lines is not None:
        assert {cid: c.span.line for cid, c in result.report.cells.items()} == lines
    assert [(f.rule, f.cells) for f in result.findings if f.severity is not Severity.INFO] == []
    assert result.count(Severity.ERROR) == 0


def errors(result: AuditResult) -> list:
    return [f for f in result.findings if f.severity is Severity.ERROR]


def test_distinct_values_are_distinct_and_consistent():
    body = [VALUES[f"t3.{r}.{c}"] for r in T3_RESULT_PARTS for c in T3_BODY_COLUMNS]
    assert len(set(body)) == len(body)
    for layout in synth.LAYOUTS:
        text, lines = synthetic(layout)
        assert_reads_all(audit_text(text), lines)


# ---- numbers written differently ------------------------------------------------------------------


def test_value_parser_basics():
    assert parse_value("1,234") == parse_value("1234") == parse_value("１２３４")
    assert parse_value("1,234").number == Decimal(1234)
    assert parse_value("７８").kind is Kind.NUMBER and parse_value("７８").number == Decimal(78)
    note = parse_value("22（其中修订16件）")
    assert (note.kind, note.number, note.note) == (Kind.NUMBER, Decimal(22), "（其中修订16件）")
    assert parse_value("约5").kind is Kind.TEXT and parse_value("约5").number is None
    assert parse_value("—").kind is Kind.PLACEHOLDER and parse_value("—").number is None
    assert parse_value("").kind is Kind.BLANK
    assert parse_value("15391.38389").number == Decimal("15391.38389")


def test_thousands_separators_in_a_seed(expected):
    text = edit(
        seed_text(), ("行政许可 | 310541 |", "行政许可 | 310,541 |"), ("行政处罚 | 7537 |", "行政处罚 | 7,537 |")
    )
    result = audit_text(text)
    assert result.status is Status.OK and result.findings == []
    cells = result.report.cells
    assert (cells["t2.licensing.decisions"].raw, cells["t2.licensing.decisions"].value) == ("310,541", 310541)
    assert (cells["t2.penalty.decisions"].raw, cells["t2.penalty.decisions"].value) == ("7,537", 7537)
    want = expected[SEED0]["cells"]
    assert cells["t2.licensing.decisions"].span.line == want["t2.licensing.decisions"]["line"]
    assert result.source.snippet(cells["t2.licensing.decisions"].span) == "310,541"


def _group_thousands(line: str) -> str:
    return re.sub(r"(?<![\d.,])\d{4,}(?![\d.,])", lambda m: f"{int(m.group(0)):,}", line)


@pytest.mark.parametrize("layout", ["pipe", "cell_per_line", "wrapped", "tab"])
def test_thousands_separators_everywhere(layout):
    text, lines = synthetic(layout)
    text = "\n".join(_group_thousands(line) if ("|" in line or "\t" in line) else line for line in text.split("\n"))
    text = edit(text, ("15391.38389", "15,391.38389"))  # a decimal with a separator (fees)
    result = audit_text(text)
    assert_reads_all(result, lines)
    cells = result.report.cells
    assert cells["t2.licensing.decisions"].raw == "310,541"
    assert cells["t2.fees.amount"].raw == "15,391.38389"
    assert cells["t3.total.total"].raw == f"{int(VALUES['t3.total.total']):,}"
    assert sum("," in c.raw for c in cells.values()) >= 150


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def test_full_width_digits_in_a_seed():
    text = edit(
        seed_text(),
        ("行政处罚 | 7537 |", "行政处罚 | ７５３７ |"),
        ("二、上年结转政府信息公开申请数量 | 23 |", "二、上年结转政府信息公开申请数量 | ２３ |"),
    )
    result = audit_text(text)
    assert result.status is Status.OK and result.findings == []
    cells = result.report.cells
    assert (cells["t2.penalty.decisions"].raw, cells["t2.penalty.decisions"].value) == ("７５３７", 7537)
    assert (cells["t3.carried_over.natural_person"].raw, cells["t3.carried_over.natural_person"].value) == ("２３", 23)


@pytest.mark.parametrize("layout", ["pipe", "cell_per_line", "wrapped", "tab"])
def test_full_width_digits_everywhere(layout):
    """Digits of values and of row numbering (`１.属于国家秘密`) all full-width."""
    text, lines = synthetic(layout)
    text = "\n".join(line.translate(FULL_WIDTH) if ("|" in line or "\t" in line) else line for line in text.split("\n"))
    result = audit_text(text)
    assert_reads_all(result, lines)
    cells = result.report.cells
    assert cells["t3.new.natural_person"].raw == VALUES["t3.new.natural_person"].translate(FULL_WIDTH)
    assert cells["t2.fees.amount"].raw == "１５３９１.３８３８９"
    assert cells["t2.fees.amount"].value == Decimal("15391.38389")


def test_trailing_note_in_a_seed():
    text = edit(seed_text(), ("行政规范性文件 | 16 | 0 | 52 |", "行政规范性文件 | 16（其中修订3件） | 0 | 52 |"))
    result = audit_text(text)
    cell = result.report.cells["t2.normative_documents.issued"]
    assert (cell.raw, cell.kind, cell.value, cell.note) == ("16（其中修订3件）", Kind.NUMBER, 16, "（其中修订3件）")
    (finding,) = result.findings
    assert (finding.rule, finding.severity, finding.cells) == ("value.note", Severity.INFO, (cell.id,))
    assert "（其中修订3件）" in finding.message() and "16" in finding.message()


@pytest.mark.parametrize("layout", ["pipe", "cell_per_line", "tab"])
@pytest.mark.parametrize(
    ("cid", "written", "note"),
    [
        ("t2.normative_documents.issued", "22（其中修订16件）", "（其中修订16件）"),
        ("t2.normative_documents.issued", "22(其中修订16件)", "(其中修订16件)"),
        ("t3.rejected_repeat.natural_person", "1141（含合并办理3件）", "（含合并办理3件）"),
        ("t3.rejected_repeat.natural_person", "1141 （含合并办理3件）", "（含合并办理3件）"),
    ],
)
def test_trailing_note_is_kept(layout, cid, written, note):
    text, lines = synthetic(layout)
    result = audit_text(edit_cell(text, lines[cid], VALUES[cid], written))
    assert values(result) == {k: Decimal(v) for k, v in VALUES.items()}
    cell = result.report.cells[cid]
    assert (cell.raw, cell.value, cell.note, cell.span.line) == (written, Decimal(VALUES[cid]), note, lines[cid])
    assert [(f.rule, f.severity, f.cells) for f in result.findings] == [("value.note", Severity.INFO, (cid,))]


def test_unit_after_a_number_is_not_a_note():
    text, lines = synthetic()
    cid = "t2.normative_documents.issued"
    result = audit_text(edit_cell(text, lines[cid], "22", "22件"))
    cell = result.report.cells[cid]
    assert (cell.raw, cell.value, cell.note) == ("22件", 22, "")
    assert result.findings == []


# ---- labels written differently ----------------------------------------------------------------

LABEL_VARIANTS = {
    "no numbering (一)": [("(一)予以公开", "予以公开")],
    "no numbering 1.": [("1.属于国家秘密", "属于国家秘密")],
    "no digit numbering at all": [
        (f"{r.number}.{r.label} |", f"{r.label} |") for r in T3.rows if (r.number or "").isdigit()
    ],
    "no numbering on headline rows": [
        ("一、本年新收", "本年新收"),
        ("二、上年结转", "上年结转"),
        ("(七)总计 |", "总计 |"),
        ("四、结转下年度继续办理", "结转下年度继续办理"),
        ("3.其他 |", "其他 |"),
    ],
    "full-width brackets": [
        ("(一)予以公开", "（一）予以公开"),
        (
            "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
        ("(三)不予公开", "（三）不予公开"),
        ("(七)总计", "（七）总计"),
    ],
    "extra spaces": [
        ("(一)予以公开", " ( 一 )  予 以 公 开 "),
        ("本年新收政府信息公开申请数量", "本年新收 政府信息公开 申请数量"),
        ("2.重复申请", "2 . 重复\u3000申请"),
        ("4.保护第三方合法权益", "4.  保护第三方 合法权益"),
    ],
    "other numbering styles": [
        ("1.属于国家秘密", "1、属于国家秘密"),
        ("2.重复申请", "（2）重复申请"),
        ("3.其他", "3、其他"),
        ("8.属于行政查询事项", "８．属于行政查询事项"),
    ],
    "drifting wording": [
        ("本机关不掌握相关政府信息", "本机关不掌握相关的政府信息"),
        ("没有现成信息需要另行制作", "没有现成信息，需要另行制作"),
        ("危及“三安全一稳定”", '危及"三安全一稳定"'),
        ("部分公开(区分处理的,只计这一情形,不计其他情形)", "部分公开"),
    ],
    "truncated long labels": [
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.申请人无正当理由逾期不补正"),
        (
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用",
        ),
    ],
}


@pytest.mark.parametrize("layout", ["pipe", "cell_per_line", "wrapped"])
@pytest.mark.parametrize("variant", sorted(LABEL_VARIANTS))
def test_label_variants_read_every_cell(variant, layout):
    text, lines = synthetic(layout)
    result = audit_text(edit(text, *LABEL_VARIANTS[variant]))
    assert_reads_all(result, lines)


def test_label_variants_in_the_tab_seed(expected):
    name = next(n for n in SEED_NAMES if n.startswith("004"))
    text = edit(
        seed_text(name),
        ("(一) 予以公开", "予以公开"),
        ("1. 属于国家秘密", "属于 国家秘密"),
        ("3. 其他", "（３）其他"),
        ("1. 本机关不掌握相关政府信息", "1. 本机关不掌握相关的政府信息"),
    )
    result = audit_text(text)
    # the seed's own true hints (it prints no date and no statistics period, and as a people's
    # government does not mention 社会评议 or 责任追究), and nothing else
    hints = ["parts.assessment", "period.not_stated", "timeliness.undecided"]
    assert result.status is Status.OK and sorted(f.rule for f in result.findings) == hints
    want = expected[name]["cells"]
    assert {cid: (float(c.value), c.span.line) for cid, c in result.report.cells.items()} == {
        cid: (float(v["value"]), v["line"]) for cid, v in want.items()
    }
    assert result.report.cells["t3.granted.natural_person"].value == 43
    assert result.report.cells["t3.other_misc.natural_person"].value == 7


def test_drifting_label_resolves_to_its_row():
    text, lines = synthetic("pipe")
    result = audit_text(edit(text, ("本机关不掌握相关政府信息", "本机关不掌握相关的政府信息")))
    for col in T3.columns:
        cid = f"t3.unable_not_held.{col.id}"
        assert result.report.cells[cid].value == Decimal(VALUES[cid])
        assert result.report.cells[cid].span.line == lines[cid]
    assert not [p for p in result.report.problems if "unable" in p.target]


def _spaced(text: str) -> str:
    """Text as PDF extraction gives it: the table's cells separated by spaces, no delimiters."""
    return "\n".join(re.sub(r"\s*\|+\s*", " ", line).strip() if "|" in line else line for line in text.split("\n"))


# rows printed after their group label on the same line, or whose label holds a comma
_SPACED_HARD = {"granted", "partial", "denied_secret", "unable_not_held", "rejected_petition", "other_no_supplement"}


def test_space_separated_rows_from_pdf_text():
    text, lines = synthetic("pipe")
    result = audit_text(_spaced(text))
    easy = {cid: Decimal(v) for cid, v in VALUES.items() if cid.split(".")[1] not in _SPACED_HARD}
    assert {cid: result.report.cells[cid].value for cid in easy if cid in result.report.cells} == easy
    for cid in easy:
        assert result.report.cells[cid].span.line == lines[cid]


def test_space_separated_rows_with_group_labels_from_pdf_text():
    text, lines = synthetic("pipe")
    assert_reads_all(audit_text(_spaced(text)), lines)


# ---- a row that is not there -----------------------------------------------------------------------


def test_missing_row_in_a_seed(expected):
    text = "\n".join(line for line in seed_text().split("\n") if "重复申请" not in line)
    result = audit_text(text)
    assert result.status is Status.PARTIAL
    row_ids = T3.row("rejected_repeat").cell_ids("t3")
    (missing,) = [f for f in result.findings if f.rule == "structure.row_missing"]
    assert missing.cells == row_ids
    assert "重复申请" in missing.message() and "表三" in missing.message()
    # every other cell still read, with its value; lines after the removed one move up by one
    want = expected[SEED0]["cells"]
    removed_at = want["t3.rejected_repeat.total"]["line"]
    assert set(result.report.cells) == set(want) - set(row_ids)
    for cid, cell in result.report.cells.items():
        line = want[cid]["line"]
        assert (float(cell.value), cell.span.line) == (want[cid]["value"], line - (line > removed_at)), cid
    # the relations involving the row give no error; those that would not hold with it as 0 say so
    assert errors(result) == []
    cannot = {f.relation for f in result.findings if f.rule == "relation.cannot_check"}
    assert cannot == {"t3.results_total:natural_person", "t3.results_total:business", "t3.results_total:total"}
    assert {f.rule for f in result.findings if f.severity is Severity.WARNING} == {"structure.row_missing"}


@pytest.mark.parametrize("layout", ["pipe", "cell_per_line", "tab"])
@pytest.mark.parametrize(
    "row", ["granted", "denied_safety", "unable_not_held", "rejected_repeat", "other_misc", "carried_forward"]
)
def test_missing_row_names_it_and_reads_the_others(layout, row):
    text, lines = synthetic(layout)
    row_ids = T3.row(row).cell_ids("t3")
    drop = {lines[cid] for cid in row_ids}
    if layout == "cell_per_line":
        drop.add(min(drop) - 1)  # the label's own line
    else:  # the label (and any group label) stands on the values' line
        assert len(drop) == 1
    kept = [line for n, line in enumerate(text.split("\n"), 1) if n not in drop]
    result = audit_text("\n".join(kept))
    assert result.status is Status.PARTIAL
    assert [f.cells for f in result.findings if f.rule == "structure.row_missing"] == [row_ids]
    assert values(result) == {cid: Decimal(v) for cid, v in VALUES.items() if cid not in row_ids}
    assert errors(result) == []
    assert [f.rule for f in result.findings if f.severity is Severity.WARNING] == ["structure.row_missing"]
    # every relation that involves the missing row is reported as not checkable, none as failing
    involved = {f"{r.rule}:{r.key}" for r in TEMPLATE_2021.relations if set(row_ids) & {*r.parts, *r.totals}}
    cannot = {f.relation for f in result.findings if f.rule == "relation.cannot_check"}
    assert cannot <= involved
    assert f"t3.row_total:{row}" not in cannot  # nothing of that row was printed: nothing to say


# ---- a cell that is not a number ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cid", "old", "new", "raw"),
    [
        (
            "t3.denied_inquiry.natural_person",
            "8.属于行政查询事项 | 5 |",
            "8.属于行政查询事项 | 约5 |",
            "约5",
        ),  # first in row
        ("t3.unable_not_held.business", "| 179 | 3 |", "| 179 | 约3 |", "约3"),  # inside its row
    ],
)
def test_unreadable_cell_in_a_seed(cid, old, new, raw, expected):
    result = audit_text(edit(seed_text(), (old, new)))
    assert result.status is Status.OK
    cell = result.report.cells[cid]
    assert (cell.raw, cell.kind, cell.value) == (raw, Kind.TEXT, None)
    assert cell.span.line == expected[SEED0]["cells"][cid]["line"]
    # the rest of the row keeps its place
    want = expected[SEED0]["cells"]
    row = cid.split(".")[1]
    for col in T3.columns:
        other = f"t3.{row}.{col.id}"
        if other != cid:
            assert result.report.cells[other].value == Decimal(want[other]["value"]), other
    (warning,) = [f for f in result.findings if f.severity is Severity.WARNING]
    assert (warning.rule, warning.cells) == ("value.unreadable", (cid,))
    assert cell.raw in warning.message()
    assert errors(result) == []
    cannot = {f.relation for f in result.findings if f.rule == "relation.cannot_check"}
    assert cannot == {f"t3.row_total:{row}", f"t3.results_total:{cid.split('.')[2]}"}


@pytest.mark.parametrize("layout", ["pipe", "cell_per_line", "tab"])
@pytest.mark.parametrize(
    "cid",
    [
        "t3.new.natural_person",
        "t3.granted.business",
        "t3.granted.total",
        "t3.carried_forward.total",
        "t4.review.corrected",
        "t4.suit_after_review.total",
        "t2.regulations.issued",
        "t2.fees.amount",
        "t3.total.total",
        "t4.review.upheld",
    ],
)
def test_unreadable_cell_keeps_the_other_cells_in_place(layout, cid):
    text, lines = synthetic(layout)
    result = audit_text(edit_cell(text, lines[cid], VALUES[cid], f"约{VALUES[cid]}"))
    cell = result.report.cells[cid]
    assert (cell.raw, cell.kind, cell.value, cell.span.line) == (f"约{VALUES[cid]}", Kind.TEXT, None, lines[cid])
    assert values(result) == {k: (None if k == cid else Decimal(v)) for k, v in VALUES.items()}
    assert [(f.rule, f.cells) for f in result.findings if f.severity is not Severity.INFO] == [
        ("value.unreadable", (cid,))
    ]
    involved = {f"{r.rule}:{r.key}" for r in TEMPLATE_2021.relations if cid in (*r.parts, *r.totals)}
    assert {f.relation for f in result.findings if f.rule == "relation.cannot_check"} == involved


@pytest.mark.parametrize(
    ("layout", "cid"),
    [
        ("pipe", "t3.new.natural_person"),
        ("pipe", "t3.granted.business"),
        ("cell_per_line", "t3.granted.business"),
        ("tab", "t3.granted.business"),
        ("pipe", "t3.granted.total"),
        ("pipe", "t4.review.upheld"),
        ("tab", "t4.review.upheld"),
        ("cell_per_line", "t4.review.corrected"),
        ("cell_per_line", "t4.review.upheld"),  # a line that is one empty cell: ` |`
    ],
)
def test_blank_cell_keeps_the_other_cells_in_place(layout, cid):
    text, lines = synthetic(layout)
    result = audit_text(edit_cell(text, lines[cid], VALUES[cid], ""))
    cell = result.report.cells.get(cid)
    assert cell is not None
    assert (cell.raw, cell.kind, cell.value, cell.span.line) == ("", Kind.BLANK, None, lines[cid])
    assert values(result) == {k: (None if k == cid else Decimal(v)) for k, v in VALUES.items()}
    assert errors(result) == []
    blank = [f for f in result.findings if f.rule in ("value.blank", "value.blank_total")]
    assert [f.cells for f in blank] == [(cid,)]


@pytest.mark.parametrize(
    ("layout", "cid"),
    [
        ("pipe", "t4.suit_after_review.total"),
        ("tab", "t4.suit_after_review.total"),
        ("cell_per_line", "t4.suit_after_review.total"),
        ("wrapped", "t4.suit_after_review.total"),
        ("pipe", "t3.carried_forward.total"),
        ("wrapped", "t3.rejected_repeat.total"),
    ],
)
def test_blank_last_cell_never_shifts_the_other_values(layout, cid):
    """A blank at a row's end looks like merged-cell padding; read as blank or as missing, never shifted."""
    text, lines = synthetic(layout)
    result = audit_text(edit_cell(text, lines[cid], VALUES[cid], ""))
    assert {k: v for k, v in values(result).items() if k != cid} == {
        k: Decimal(v) for k, v in VALUES.items() if k != cid
    }
    assert errors(result) == []
    cell = result.report.cells.get(cid)
    if cell is None:
        assert [f.cells for f in result.findings if f.rule == "structure.cell_missing"] == [(cid,)]
    else:
        assert (cell.kind, cell.value) == (Kind.BLANK, None)


# ---- rows that share a label: 1. … 3.其他 under several groups ----------------------------------

NUMBERED = [r.id for r in T3.rows if (r.number or "").isdigit()]


@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_numbered_rows_resolve_to_their_group(layout):
    text, lines = synthetic(layout)
    result = audit_text(text)
    cells = result.report.cells
    assert len(NUMBERED) == 19
    for row in NUMBERED:
        for col in T3_BODY_COLUMNS:
            cid = f"t3.{row}.{col}"
            assert (cells[cid].raw, cells[cid].span.line) == (VALUES[cid], lines[cid]), cid
    assert_reads_all(result, lines)


def test_group_labels_on_their_own_lines():
    text, lines = synthetic("pipe")
    text = edit(
        text,
        ("(三)不予公开 | 1.属于", "(三)不予公开 | | | | | | | | ||\n1.属于"),
        ("(四)无法提供 | 1.", "(四)无法提供 | ||\n1."),
        ("(五)不予处理 | 1.", "(五)不予处理\n1."),
        ("(六)其他处理 | 1.", "(六)其他处理 |\n1."),
    )
    result = audit_text(text)
    assert_reads_all(result)
    shift = {"denied": 1, "unable": 2, "rejected": 3, "other": 4}
    for row in NUMBERED:
        cid = f"t3.{row}.natural_person"
        assert result.report.cells[cid].span.line == lines[cid] + shift[T3.row(row).group], cid


@pytest.mark.parametrize(
    ("old", "new", "row"),
    [
        ("(三)不予公开 | 1.属于", "(三)不予公开 1.属于", "denied_secret"),
        ("(四)无法提供 | 1.", "(四)无法提供1.", "unable_not_held"),
        ("(五)不予处理 | 1.", "（五）不予处理\u30001.", "rejected_petition"),
        ("三、本年度办理结果 | (一)予以公开", "三、本年度办理结果(一)予以公开", "granted"),
    ],
    ids=["denied-space", "unable-fused", "rejected-ideographic-space", "results-fused"],
)
def test_group_and_row_label_in_one_cell(old, new, row):
    text, lines = synthetic("pipe")
    result = audit_text(edit(text, (old, new)))
    for col in T3.columns:
        cid = f"t3.{row}.{col.id}"
        assert cid in result.report.cells, cid
        assert result.report.cells[cid].value == Decimal(VALUES[cid])
    assert_reads_all(result, lines)


# ---- column headers 其他 / 总计 are not the rows 3.其他 / (七)总计 ------------------------------------


def test_seed_headers_are_not_rows(seed_path, expected):
    result = audit_text(seed_text(seed_path.name))
    want = expected[seed_path.name]["cells"]
    for row in ("other_misc", "total"):
        for col in T3.columns:
            cid = f"t3.{row}.{col.id}"
            cell = result.report.cells[cid]
            assert (float(cell.value), cell.span.line) == (want[cid]["value"], want[cid]["line"]), cid
    assert not [p for p in result.report.problems if p.code in ("structure.duplicate", "structure.row_empty")]
    # the header lines stand above the first row, the rows far below
    header_line = next(n for n, line in enumerate(result.source.lines, 1) if "法律服务机构" in line)
    assert header_line < want["t3.new.natural_person"]["line"] < want["t3.other_misc.natural_person"]["line"]


ONE_LINE_HEADER = {
    "pipe": "申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 | ||",
    "cell_per_line": "其他 |\n总计 |",
    "tab": "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\t",
}


@pytest.mark.parametrize("layout", sorted(ONE_LINE_HEADER))
def test_header_ending_in_other_and_total(layout):
    text, lines = synthetic(layout)
    first = lines["t3.new.natural_person"] - (2 if layout == "cell_per_line" else 1)  # 0-based label line
    rows = text.split("\n")
    rows.insert(first, ONE_LINE_HEADER[layout])
    result = audit_text("\n".join(rows))
    added = ONE_LINE_HEADER[layout].count("\n") + 1
    assert_reads_all(result, {cid: n + (added if n > first else 0) for cid, n in lines.items()})


REPEATED_HEADER = {
    "pipe": ["自然人 | 法人或其他组织 | 总计 | ||", "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | ||"],
    "cell_per_line": [
        "自然人 |",
        "法人或其他组织 |",
        "总计 |",
        "商业企业 |",
        "科研机构 |",
        "社会公益组织 |",
        "法律服务机构 |",
        "其他 |",
    ],
}


@pytest.mark.parametrize("layout", sorted(REPEATED_HEADER))
@pytest.mark.parametrize(
    "after", ["partial", "denied_secret", "unable_create", "rejected_mass", "other_no_fee", "total"]
)
def test_header_repeated_mid_table_is_not_taken_for_a_row(layout, after):
    text, lines = synthetic(layout)
    at = lines[f"t3.{after}.total"]
    rows = text.split("\n")
    rows[at:at] = REPEATED_HEADER[layout]
    result = audit_text("\n".join(rows))
    added = len(REPEATED_HEADER[layout])
    assert_reads_all(result, {cid: n + (added if n > at else 0) for cid, n in lines.items()})
    assert not [p for p in result.report.problems if p.code == "structure.duplicate"]
