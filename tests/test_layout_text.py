"""Text laid out in columns (pdftotext -layout): labels that wrap within their column (issue #17, class 9).

The files in tests/data/layout are `pdftotext -layout` of real PDFs: the published 淮安市 2024
report (../shared/real/szfgs2024.pdf) and the seeds printed to PDF by auditapp.docgen with
labels merged down printed vertically or not, ruled or not, at several sizes. In all of them
row labels wrap onto lines that carry the row's numbers, the next row's label or a piece of a
group label centred on its rows; every cell must still be read as the PDF prints it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SHARED

import auditapp.parse.reader as reader
from auditapp.api import audit_file
from auditapp.parse.layout import relayout
from auditapp.rules import Severity
from auditapp.template import TEMPLATE_2021

DATA = Path(__file__).parent / "data" / "layout"
SEEDS = json.loads((SHARED / "fixtures" / "seeds-expected.json").read_text(encoding="utf-8"))
REAL = json.loads((SHARED / "fixtures" / "real-expected.json").read_text(encoding="utf-8"))


def _expected(name: str) -> dict[str, Decimal | None]:
    if name.startswith("szfgs2024"):
        return {k: None if v is None else Decimal(str(v)) for k, v in REAL["szfgs2024.pdf"].items()}
    seed = next(s for s in SEEDS if s.startswith(name[4:7]))
    return {k: Decimal(str(v["value"])) for k, v in SEEDS[seed]["cells"].items()}


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_every_cell_of_laid_out_text(name):
    result = audit_file(str(DATA / name))
    assert result.report is not None, result.error
    cells = result.report.cells
    want = _expected(name)
    wrong = [
        f"{cid}: {cells[cid].raw if cid in cells else None!r}, want {v}"
        for cid, v in want.items()
        if cid not in cells or (v is not None and cells[cid].value != v)
    ]
    assert not wrong, "\n".join(wrong)
    assert not [f.message() for f in result.findings if f.severity is Severity.ERROR]
    assert not [p.code for p in result.report.problems if p.code in ("structure.row_missing", "structure.stray_values")]


def test_the_usual_reading_read_them_short():
    """Without the column reading, these files lose rows (so the test above shows the mechanism)."""
    path = DATA / "szfgs2024_pdftotext_layout.txt"
    saved = reader.relayout
    reader.relayout = lambda *_a: None
    try:
        result = audit_file(str(path))
    finally:
        reader.relayout = saved
    missing = {p.target for p in result.report.problems if p.code == "structure.row_missing"}
    assert "t3.other_no_supplement" in missing and "t3.other_no_fee" in missing


# A group label cut in two by the layout, a row label wrapped over three lines with its numbers
# on the middle one, and a label wrapped onto the line that starts the next row (the class 9).
_WRAPPED = """\
      三、收到和处理政府信息公开申请情况
            （一）予以公开                   12     1   0   0   0   0   13
     （二）部分公开（区分处理的，只计这一情     4     0   0   0   0   0    4
     形，不计其他情形）         1.属于国家秘密     1     0   0   0   0   0    1
     （五）不      3.要求提供公开出版物            2     0   0   0   0   0    2
     予处理
               1、申请人无正当理由逾期不补
               正、行政机关不再处理其政府信           5     0   0   0   0   0    5
               息公开申请
     （六）其
     他处理      2、申请人逾期未按收费通知要求缴纳费用       0     0   0   0   0   0    0
"""


def _labels(tokens) -> list[tuple[int, str]]:
    return [(t.line, t.text) for t in tokens if not (t.is_value or t.is_empty)]


def test_wrapped_pieces_are_joined_into_labels():
    lines = _WRAPPED.splitlines()
    tokens = relayout(lines * 2, TEMPLATE_2021)  # (twice: enough lines with columns to count as laid out)
    assert tokens is not None
    labels = _labels(tokens)[: len(_labels(tokens)) // 2 + 1]
    texts = [text for _line, text in labels]
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in texts
    assert "1.属于国家秘密" in texts  # the next row's label, cut from the wrapped line
    assert "（五）不予处理" in texts and "3.要求提供公开出版物" in texts
    assert (7, "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请") in labels
    # the group centred below its first row goes before that row's label, so the row keeps its numbers
    assert texts.index("（六）其他处理") < texts.index("2、申请人逾期未按收费通知要求缴纳费用")
    joined = next(t for t in tokens if t.text.startswith("1、申请人"))
    assert lines[joined.line - 1][joined.start : joined.end] == "1、申请人无正当理由逾期不补"  # its first piece
    values = [t.text for t in tokens if t.is_value and t.line == 8]
    assert values == ["5", "0", "0", "0", "0", "0", "5"]


def test_a_line_none_of_whose_pieces_joins_stays_whole():
    header = "结果   结果    其他结    尚未"
    lines = [*_WRAPPED.splitlines(), header] * 2
    tokens = relayout(lines, TEMPLATE_2021)
    assert tokens is not None
    assert [t.text for t in tokens if t.line == len(_WRAPPED.splitlines()) + 1] == [header]


def test_text_without_columns_is_not_relaid():
    assert relayout(["一、总体情况", "本机关全年主动公开政府信息 120 条。"] * 10, TEMPLATE_2021) is None


def test_a_complete_reading_never_tries_columns(monkeypatch):
    def fail(*_a):
        raise AssertionError("the column reading was tried on a report read whole")

    monkeypatch.setattr(reader, "relayout", fail)
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        assert audit_file(str(seed)).report is not None
