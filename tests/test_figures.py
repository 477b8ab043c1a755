"""The batch's figures in one table (issue 21): the DataFrame, its CSV, the 数据汇总 sheet, `auditapp table`."""

from __future__ import annotations

import csv
import io
import random
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES, SEED_NAMES, needs_libreoffice
from openpyxl import load_workbook
from test_cli import cli, seed_text, write

from auditapp.api import AuditResult, audit_file, audit_source, audit_together
from auditapp.export.figures_csv import figures_csv
from auditapp.figures import KEY_FIGURES, META, FigureTable, figure_row, figures_table
from auditapp.parse.values import Kind
from auditapp.rules import Severity
from auditapp.source import Source
from auditapp.synth import consistent_values, render
from auditapp.template import TEMPLATE_2019, TEMPLATE_2021

SEEDS = [SAMPLES / name for name in SEED_NAMES]


def _table(results: list[AuditResult], lang: str = "zh") -> FigureTable:
    audit_together(results)
    return figures_table([figure_row(r) for r in results], lang)


def test_the_seeds_table_holds_every_cell_as_read(expected):
    results = [audit_file(str(p)) for p in SEEDS]
    table = _table(results)
    frame = table.frame
    assert list(frame.columns[: len(META) + len(KEY_FIGURES)]) == [*META, *KEY_FIGURES]
    assert table.cells == list(TEMPLATE_2021.cell_ids())  # no 2019 report: no 2019 columns
    assert list(frame["file"]) == SEED_NAMES and list(frame["template"]) == ["2021"] * len(SEEDS)
    for i, result in enumerate(results):
        cells = expected[SEED_NAMES[i]]["cells"]
        for cell_id, want in cells.items():
            got = frame.at[i, cell_id]
            assert (got is pd.NA) if want["value"] is None else Decimal(str(got)) == Decimal(str(want["value"]))
        assert frame.at[i, "errors"] == result.count(Severity.ERROR) == expected[SEED_NAMES[i]]["error_findings"]
        assert frame.at[i, "warnings"] == result.count(Severity.WARNING)
        assert frame.at[i, "info"] == result.count(Severity.INFO)
    assert str(frame["t3.new.total"].dtype) == "Int64" and str(frame["t2.fees.amount"].dtype) == "Float64"
    applications = sum(int(r.report.value("t3.new.total")) for r in results)
    assert table.totals()["applications"] == applications == frame["t3.new.total"].sum()


def _generated(n: int, seed: int = 21) -> list[AuditResult]:
    rng = random.Random(seed)
    results = []
    for k in range(n):
        values = consistent_values(rng)
        text, _ = render(values, ("pipe", "tab")[k % 2], agency=f"第{k}号县人民政府", year=2023)
        results.append(audit_source(Source.from_text(f"g{k:03d}.txt", text)))
    return results


def test_a_generated_batch_keeps_blanks_apart_from_zeros_and_counts_its_findings():
    rng = random.Random(5)
    values = consistent_values(rng)
    values["t2.regulations.issued"] = "—"  # written for "none": 0, as the audit reads it
    values["t2.regulations.repealed"] = ""  # left blank: <NA>, never 0
    values["t3.granted.natural_person"] = str(int(values["t3.granted.natural_person"]) + 7)  # sums break
    no_reviews = consistent_values(rng)
    for c in ("upheld", "corrected", "other", "pending", "total"):
        no_reviews[f"t4.review.{c}"] = "0"
    old, _ = render(
        consistent_values(rng, template=TEMPLATE_2019), agency="某市某局", year=2019, template=TEMPLATE_2019
    )
    results = [
        audit_source(Source.from_text("odd.txt", render(values, agency="某县人民政府", year=2023)[0])),
        audit_source(Source.from_text("none.txt", render(no_reviews, agency="某区人民政府", year=2023)[0])),
        audit_source(Source.from_text("old.txt", old)),
        *_generated(20),
    ]
    assert results[2].report.template is TEMPLATE_2019
    table = _table(results)
    frame = table.frame
    assert results[0].report.cells["t2.regulations.repealed"].kind is Kind.BLANK
    assert frame.at[0, "t2.regulations.issued"] == 0 and frame.at[0, "t2.regulations.repealed"] is pd.NA
    # the findings columns, and the cells with findings marked (0: an error)
    odd = results[0]
    assert frame.at[0, "errors"] == odd.count(Severity.ERROR) > 0 and frame.at[0, "verdict"] == "有错误"
    assert table.marks[0]["t3.granted.natural_person"] == 0 or table.marks[0]["t3.granted.total"] == 0
    assert table.marks[0]["t2.regulations.repealed"] == 2  # value.blank: a hint
    # no review decided: no rate, not 0
    assert frame.at[1, "reviews"] == 0 and frame.at[1, "review_corrected"] is pd.NA
    # the 2019 report: its own cells in columns of their own, after 2021's; 2021's own are <NA> for it
    only_2019 = [c for c in TEMPLATE_2019.cell_ids() if c not in TEMPLATE_2021.cell_ids()]
    assert table.cells == [*TEMPLATE_2021.cell_ids(), *only_2019]
    assert frame.at[2, "t2.regulations.made"] == results[2].report.value("t2.regulations.made")
    assert frame.at[2, "t2.regulations.issued"] is pd.NA and frame.at[0, "t2.regulations.made"] is pd.NA
    assert frame.at[2, "t3.granted.total"] == results[2].report.value("t3.granted.total")
    assert table.label("t2.regulations.made").endswith("（2019年版）")
    # sums: every count summed; a rate from the summed parts of the reports that have it
    totals = table.totals()
    assert totals["t3.total.total"] == sum(r.report.value("t3.total.total") for r in results)
    assert totals["errors"] == sum(r.count(Severity.ERROR) for r in results)
    corrected = sum(r.report.value("t4.review.corrected") for r in results)
    decided = sum(r.report.value(f"t4.review.{c}") for r in results for c in ("upheld", "corrected", "other"))
    assert totals["review_corrected"] == pytest.approx(float(corrected / decided))


def test_a_failed_file_has_a_row_without_figures_or_counts(tmp_path):
    bad = write(tmp_path, "empty.txt", "这不是一份年度报告。")
    table = _table([audit_file(str(bad)), audit_file(str(SEEDS[0]))])
    row = table.frame.iloc[0]
    assert row["verdict"] == "无法读取" and row["errors"] is pd.NA and row["t3.new.total"] is pd.NA
    assert table.totals()["t3.new.total"] == table.frame.at[1, "t3.new.total"]


def test_csv_has_a_bom_readable_headers_blank_fields_and_the_sums_last():
    results = [audit_file(str(p)) for p in SEEDS]
    hostile = seed_text().replace("杭州市钱塘区人民政府", "=HYPERLINK(1)区人民政府")
    results.append(
        audit_source(Source.from_text("h.txt", hostile.replace("规章 | 0 | 0 | 0 |", "规章 | 0 |  | 0 |", 1)))
    )
    data = figures_csv(_table(results))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    head = rows[0]
    assert head[:5] == ["文件", "机关", "年度", "模板", "审核结论"]
    assert "表三·(三)不予公开 1.属于国家秘密·总计" in head and "不予公开占比（%）" in head
    col = {h: k for k, h in enumerate(head)}
    assert len(rows) == len(results) + 2 and rows[-1][0] == f"合计（{len(results)} 份报告）"
    hostile_row = rows[len(results)]
    assert hostile_row[col["机关"]].startswith("'=")  # never a formula in Excel
    assert hostile_row[col["表二·规章·本年废止件数"]] == ""  # blank, not 0
    assert hostile_row[col["表二·规章·本年制发件数"]] == "0"
    assert rows[-1][col["表三·一、本年新收政府信息公开申请数量·总计"]] == str(
        sum(int(r.report.value("t3.new.total")) for r in results)
    )


def test_cli_table_writes_csv_and_a_figures_workbook(tmp_path):
    out = cli(tmp_path, "table", SAMPLES, "--csv", tmp_path / "f.csv", "--xlsx", tmp_path / "f.xlsx", "--workers", "0")
    assert out.returncode == 0, out.stderr
    assert "申请总数（本年新收）" in out.stdout and "数据汇总已写入" in out.stderr
    text = (tmp_path / "f.csv").read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("文件,机关,年度") and "杭州市钱塘区人民政府" in text
    wb = load_workbook(tmp_path / "f.xlsx")
    assert wb.sheetnames == ["数据汇总"]
    ws = wb["数据汇总"]
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref.startswith("A1:")
    assert ws.cell(1, 1).value == "文件" and str(ws.cell(ws.max_row - 2, 1).value).startswith("合计")
    en = cli(tmp_path, "table", SEEDS[0], "--csv", tmp_path / "en.csv", "--lang", "en")
    assert en.returncode == 0 and "Applications (new this year)" in en.stdout
    assert (tmp_path / "en.csv").read_text(encoding="utf-8-sig").startswith("File,Agency,Year")


def test_cli_table_needs_a_target_and_never_writes_onto_an_input(tmp_path):
    none = cli(tmp_path, "table", SEEDS[0])
    assert none.returncode == 2 and "--csv" in none.stderr
    copy = write(tmp_path, "report.txt", seed_text())
    before = copy.read_bytes()
    wrong = cli(tmp_path, "table", copy, "--csv", copy)
    assert wrong.returncode == 2 and ".csv" in wrong.stderr and copy.read_bytes() == before
    target = tmp_path / "r.csv"
    locked = tmp_path / ".~lock.r.csv#"
    locked.write_text("", encoding="utf-8")
    assert cli(tmp_path, "table", copy, "--csv", target).returncode == 2 and not target.exists()


def test_audit_xlsx_has_the_figures_sheet_with_marked_cells(tmp_path):
    faulty = seed_text().replace("| 782 |", "| 783 |", 1)
    paths = [write(tmp_path, "faulty.txt", faulty), *SEEDS[:2]]
    target = tmp_path / "book.xlsx"
    out = cli(tmp_path, "audit", *paths, "--xlsx", target, "--workers", "0")
    assert out.returncode == 1
    wb = load_workbook(target)
    assert wb.sheetnames[:3] == ["审核汇总", "问题清单", "数据汇总"]
    ws = wb["数据汇总"]
    head = {ws.cell(1, k).value: k for k in range(1, ws.max_column + 1)}
    assert ws.cell(2, head["文件"]).value == "faulty.txt" and ws.cell(2, head["错误"]).value > 0
    marked = [c for c in ws[2] if c.fill is not None and c.fill.fgColor.rgb in ("00F8CBAD", "FFF8CBAD")]
    assert marked, "the cells with errors are filled"
    # traced back: the file to its tables sheet, a marked cell to that cell there, with its note
    from test_workbook import parse_link

    tables, ref = parse_link(ws.cell(2, head["文件"]))
    assert tables.endswith("表格") and ref == "A1"
    tables, ref = parse_link(marked[0])
    assert tables.endswith("表格") and wb[tables][ref].comment is not None  # the finding's note, on that cell


def test_a_streamed_workbook_has_the_figures_sheet_too(tmp_path, monkeypatch, capsys):
    from auditapp.cli import main
    from auditapp.export import wb_stream

    monkeypatch.setattr(wb_stream, "STREAM_LIMIT", 2)
    target = tmp_path / "big.xlsx"
    assert main(["audit", *map(str, SEEDS), "--xlsx", str(target), "--workers", "0"]) == 0
    wb = load_workbook(target, read_only=True)
    assert wb.sheetnames == ["审核汇总", "问题清单", "数据汇总"]
    rows = list(wb["数据汇总"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1 : len(SEEDS) + 1]] == SEED_NAMES
    assert str(rows[len(SEEDS) + 1][0]).startswith("合计")


def test_the_table_of_a_path_outside_the_roots_keeps_its_name(tmp_path):
    table = figures_table([figure_row(audit_file(str(SEEDS[0])))], roots=[str(tmp_path)])
    assert Path(table.frame.at[0, "file"]).name == SEED_NAMES[0]


@needs_libreoffice("calc")
def test_libreoffice_opens_the_csv_with_its_chinese_intact(tmp_path):
    """Converted by Calc as its import dialog offers it for a file with a UTF-8 byte-order mark."""
    from test_workbook import _soffice

    results = [audit_file(str(p)) for p in SEEDS]
    target = tmp_path / "汇总.csv"
    target.write_bytes(figures_csv(_table(results)))
    out = tmp_path / "calc"
    done = _soffice(["--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(out), str(target)], tmp_path)
    assert done.returncode == 0, done.stderr
    ws = load_workbook(out / "汇总.xlsx").active
    assert [ws.cell(1, k).value for k in range(1, 6)] == ["文件", "机关", "年度", "模板", "审核结论"]
    assert ws.cell(2, 2).value == "杭州市钱塘区人民政府" and ws.cell(2, 5).value == "正常"
    assert str(ws.cell(len(SEEDS) + 2, 1).value).startswith("合计")
