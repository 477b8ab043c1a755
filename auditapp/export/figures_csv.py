"""The batch's figures as CSV (`auditapp table PATH --csv OUT.csv`): what Excel and WPS open.

UTF-8 with a byte-order mark (Excel reads a CSV without one in the system's code page, and the
Chinese comes out garbled), CRLF line ends, one header row of readable labels (the template's,
in the table's language), one row per report, the batch's sums last. A blank cell is an empty
field, never 0; rates are percentages (the header says so). Text from the reports and file names
that Excel would take for a formula (=, +, -, @ first) is written with a leading apostrophe.
Written atomically, never onto an input (auditapp.export.workbook.check_target).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .wb_layout import _FORMULA_START
from .workbook import check_target, write_atomically

if TYPE_CHECKING:
    from ..figures import FigureTable

_PERCENT = {"zh": "（%）", "en": " (%)"}
_TEXT_COLUMNS = ("file", "agency", "template", "verdict")


def figures_rows(table: FigureTable) -> tuple[list[str], list[list], list]:
    """The CSV's header, its columns (one list per column, "" for a blank) and the sums row:
    rates in percent, text that would start a formula quoted."""
    import pandas as pd

    from ..figures import RATES

    frame, percent = table.frame, _PERCENT[table.lang]
    header = [table.label(c) + (percent if c in RATES else "") for c in frame.columns]
    columns = []
    for c in frame.columns:
        values = frame[c]
        if c in RATES:
            values = (values * 100).round(2)
        column = values.to_numpy(dtype=object, na_value="")
        if c in _TEXT_COLUMNS:
            column = [_safe_text(v) for v in column]
        columns.append(column)
    totals = []
    for c, v in table.totals().items():
        if v is pd.NA or v is None:
            v = ""
        elif c in RATES:
            v = round(100 * float(v), 2)
        totals.append(_safe_text(v) if c in _TEXT_COLUMNS and v != "" else v)
    return header, columns, totals


def _safe_text(value: object) -> object:
    text = str(value)
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


def figures_csv(table: FigureTable) -> bytes:
    """The CSV's bytes. Written by the csv module from plain columns: pandas' to_csv goes through
    every nullable value one by one and took several times as long at 10,000 reports."""
    header, columns, totals = figures_rows(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(zip(*columns, strict=True))
    writer.writerow(totals)
    return out.getvalue().encode("utf-8-sig")


def write_figures_csv(table: FigureTable, target: str, inputs: Sequence[str], lang: str = "zh") -> None:
    """Write the CSV to `target` atomically; ExportError says why not (not .csv, an input, locked)."""
    from ..api import AuditResult, Status

    check_target(target, [AuditResult(p, Status.OK) for p in inputs], lang, suffix=".csv")
    data = figures_csv(table)
    write_atomically(target, lambda f: f.write(data), lang, suffix=".csv")
