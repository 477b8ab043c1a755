"""The figures of every report of a batch in one table (issue 21): a pandas DataFrame.

One row per report: its file, agency, year, template, verdict and counts of findings, the batch's
key figures (counts and rates of auditapp.rules.measures), then one column per cell id. Values
are numbers; a blank cell, or one not found, is <NA> (nullable dtypes), never 0; a placeholder
written for "none" (—, 无) is 0, as the audit reads it. Counts are Int64, amounts Float64.

Columns are the 2021 template's cells in its order. A report of the 2019 template fills the
cells both templates share (table 3 but its (六) row, table 4, table 2's 处理决定数量) in the same
columns; the cells only 2019 has (its table 2, its single (六)其他处理 row) follow as columns of
their own, only when a 2019 report is in the batch, and each template's own cells are <NA> for
the other's reports.

The table is built from `FigureRow`s (auditapp.figure_rows: a few hundred bytes per report, made
where the report is whole, a batch's worker), so a batch of any size builds it without keeping
any report. pandas is imported here: import this module lazily where start-up time matters.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .figure_rows import FigureRow, figure_row
from .rules.measures import COUNTS, MEASURES
from .template import TEMPLATE_2021, template_by_id

__all__ = ["FigureRow", "FigureTable", "figure_row", "figures_table"]

META = ("file", "agency", "year", "template", "verdict", "errors", "warnings", "info")
KEY_FIGURES = (*(c[0] for c in COUNTS), *(m.id for m in MEASURES))
RATES = frozenset(m.id for m in MEASURES)

WORDS = {
    "zh": {
        "file": "文件",
        "agency": "机关",
        "year": "年度",
        "template": "模板",
        "verdict": "审核结论",
        "errors": "错误",
        "warnings": "警告",
        "info": "提示",
        "total": "合计（{n} 份报告）",
        "only_2019": "（2019年版）",
    },
    "en": {
        "file": "File",
        "agency": "Agency",
        "year": "Year",
        "template": "Template",
        "verdict": "Verdict",
        "errors": "Errors",
        "warnings": "Warnings",
        "info": "Info",
        "total": "Total ({n} reports)",
        "only_2019": " (2019 format)",
    },
}


def _words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "zh"]


# ---- the columns -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def cell_columns(template_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The cell columns for a batch of these templates: 2021's, then the others' own."""
    columns = list(TEMPLATE_2021.cell_ids())
    seen = set(columns)
    for tid in sorted(set(template_ids) - {TEMPLATE_2021.id}, reverse=True):
        for cell in template_by_id(tid).cell_ids():
            if cell not in seen:
                seen.add(cell)
                columns.append(cell)
    return tuple(columns)


@functools.lru_cache(maxsize=8)
def _positions(template_id: str, columns: tuple[str, ...]) -> np.ndarray:
    where = {c: k for k, c in enumerate(columns)}
    return np.array([where[c] for c in template_by_id(template_id).cell_ids()], dtype=np.intp)


def cell_label(cell_id: str, lang: str = "zh") -> str:
    """A cell's column header: 表三·(三)不予公开 1.属于国家秘密·总计 (labels stay Chinese in English)."""
    table_id, row_id, column_id = cell_id.split(".")
    ours = cell_id in _cells_2021()
    template = TEMPLATE_2021 if ours else _template_with(cell_id)
    table = template.table(table_id)
    short = table.short_name_en if lang == "en" else table.short_name
    label = f"{short}·{table.row_label(row_id)}·{table.column_label(column_id)}"
    return label if ours else label + _words(lang)["only_2019"]


@functools.lru_cache(maxsize=1)
def _cells_2021() -> frozenset[str]:
    return frozenset(TEMPLATE_2021.cell_ids())


def _template_with(cell_id: str):
    from .template import TEMPLATES

    return next(t for t in TEMPLATES if cell_id in t.cell_ids())


def key_figure_label(column: str, lang: str = "zh") -> str:
    for cid, zh, en, _cells in COUNTS:
        if cid == column:
            return en if lang == "en" else zh
    return next(m.name(lang) for m in MEASURES if m.id == column)


# ---- the table ---------------------------------------------------------------------------------


@dataclass
class FigureTable:
    """The batch's table: `frame` (one row per report, columns META, KEY_FIGURES, then cell ids),
    each report's `paths` and marked cells, and the words to label them in."""

    frame: pd.DataFrame
    paths: list[str]
    marks: list[dict[str, int]]
    lang: str = "zh"

    @property
    def cells(self) -> list[str]:
        return [c for c in self.frame.columns if c.count(".") == 2]

    def label(self, column: str) -> str:
        if column in META:
            return _words(self.lang)[column]
        if column in KEY_FIGURES:
            return key_figure_label(column, self.lang)
        return cell_label(column, self.lang)

    def labelled(self) -> pd.DataFrame:
        """The frame with readable headers (the template's labels, in the table's language)."""
        return self.frame.rename(columns=self.label)

    def totals(self) -> pd.Series:
        """The sums over the batch: every count summed (<NA> where no report has the cell), the
        rates computed from the summed parts of the reports that have them (<NA> when their
        denominators add up to 0), the file column naming how many reports."""
        df = self.frame
        out: dict[str, object] = dict.fromkeys(df.columns, pd.NA)
        out["file"] = _words(self.lang)["total"].format(n=len(df))
        summed = [c for c in df.columns if c in ("errors", "warnings", "info") or c.count(".") == 2 or c in KEY_FIGURES]
        for column in summed:
            if column not in RATES:
                total = df[column].sum(min_count=1)
                # amounts in 万元 summed as floats: rounded off the binary noise (16103.335889999998)
                out[column] = round(total, 6) if isinstance(total, float) else total
        for m in MEASURES:
            num, den = _sides(df, m.numerator), _sides(df, m.denominator)
            both = num.notna() & den.notna()
            total = den[both].sum()
            out[m.id] = num[both].sum() / total if total > 0 else pd.NA
        return pd.Series(out, dtype="object")

    def key_totals(self) -> list[tuple[str, str]]:
        """The batch's key figures summed, as (label, text): 申请总数 1722, 行政复议纠错率 27.3%, …"""
        totals = self.totals()
        out = []
        for column in KEY_FIGURES:
            value = totals[column]
            text = "—" if value is pd.NA else f"{100 * value:.1f}%" if column in RATES else str(value)
            out.append((self.label(column), text))
        return out


def _sides(df: pd.DataFrame, cells: Sequence[str]) -> pd.Series:
    """Per report the sum of the cells (<NA> when one is blank or missing, or not a column)."""
    if any(c not in df.columns for c in cells):
        return pd.Series(pd.NA, index=df.index, dtype="Float64")
    return df[list(cells)].astype("Float64").sum(axis=1, min_count=len(cells))


def figures_table(
    rows: Iterable[FigureRow], lang: str = "zh", roots: Sequence[str] = (), *, absolute_paths: bool = False
) -> FigureTable:
    """The DataFrame of the batch from its records (a list, or a stream read once); files are
    named relative to the folders opened (`roots`), as the workbook names them."""
    import os

    from .inputs import display_name, shown
    from .verdict import Verdict, verdict_name

    rows = list(rows)

    def name(path: str) -> str:
        return shown(os.path.abspath(path) if absolute_paths else display_name(path, roots))

    templates = tuple(sorted({r.template_id for r in rows if r.template_id}))
    columns = cell_columns(templates)
    matrix = np.full((len(rows), len(columns)), np.nan)
    for i, r in enumerate(rows):
        if r.template_id and r.values:
            matrix[i, _positions(r.template_id, columns)] = np.frombuffer(zlib.decompress(r.values), dtype=np.float64)
    data: dict[str, object] = {
        "file": pd.array([name(r.path) for r in rows], dtype="string"),
        "agency": pd.array([shown(r.agency) if r.agency else None for r in rows], dtype="string"),
        "year": pd.array([r.year for r in rows], dtype="Int64"),
        "template": pd.array([r.template_id for r in rows], dtype="string"),
        "verdict": pd.array([verdict_name(Verdict(r.verdict), lang) for r in rows], dtype="string"),
    }
    for name in ("errors", "warnings", "info"):  # a file not read was not checked: no counts, not even 0
        data[name] = pd.array([None if r.status == "failed" else getattr(r, name) for r in rows], dtype="Int64")
    decimal = {c for t in templates for c in template_by_id(t).decimal_cells}
    cells = {c: _column(matrix[:, k], c in decimal) for k, c in enumerate(columns)}
    del matrix
    frame_cells = pd.DataFrame(cells)
    for cid, _zh, _en, parts in COUNTS:
        data[cid] = _sides(frame_cells, parts).astype("Int64") if len(rows) else pd.array([], dtype="Int64")
    for m in MEASURES:
        num, den = _sides(frame_cells, m.numerator), _sides(frame_cells, m.denominator)
        data[m.id] = (num / den.where(den > 0)).astype("Float64")
    frame = pd.concat([pd.DataFrame(data), frame_cells], axis=1)
    return FigureTable(frame, [r.path for r in rows], [r.marks for r in rows], "en" if lang == "en" else "zh")


def _column(values: np.ndarray, decimal: bool):
    """A nullable column: integers unless the cell holds amounts or a report wrote a fraction."""
    blank = np.isnan(values)
    filled = np.where(blank, 0.0, values)
    if not decimal and np.array_equal(filled, np.round(filled)) and np.all(np.abs(filled) < 2**53):
        return pd.arrays.IntegerArray(filled.astype(np.int64), blank)
    return pd.arrays.FloatingArray(filled, blank)
