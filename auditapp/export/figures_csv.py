"""The batch's figures as CSV (`auditapp table PATH --csv OUT.csv`): what Excel and WPS open.

UTF-8 with a byte-order mark (Excel reads a CSV without one in the system's code page, and the
Chinese comes out garbled), CRLF line ends, one header row of readable labels (the template's,
in the table's language), one row per report, the batch's sums last. A blank cell is an empty
field, never 0; rates are percentages (the header says so). Text from the reports and file names
that Excel would take for a formula (=, +, -, @ first) is written with a leading apostrophe.
Written atomically, never onto an input (auditapp.export.workbook.check_target).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .workbook import check_target, write_atomically

if TYPE_CHECKING:
    import pandas as pd

    from ..figures import FigureTable

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PERCENT = {"zh": "（%）", "en": " (%)"}
_TEXT_COLUMNS = ("file", "agency", "template", "verdict")


def figures_frame_for_csv(table: FigureTable) -> pd.DataFrame:
    """The rows as the CSV holds them: rates in percent, the sums row last, readable headers."""
    import pandas as pd

    from ..figures import RATES

    frame = pd.concat([table.frame, table.totals().to_frame().T], ignore_index=True)
    for column in RATES:
        frame[column] = (pd.to_numeric(frame[column], errors="coerce") * 100).round(2).astype("Float64")
    for column in _TEXT_COLUMNS:
        frame[column] = frame[column].map(_safe_text, na_action="ignore")
    percent = _PERCENT[table.lang]
    return frame.rename(columns=lambda c: table.label(c) + (percent if c in RATES else ""))


def _safe_text(value: object) -> object:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def figures_csv(table: FigureTable) -> bytes:
    out = io.StringIO()
    figures_frame_for_csv(table).to_csv(out, index=False, na_rep="", lineterminator="\r\n")
    return out.getvalue().encode("utf-8-sig")


def write_figures_csv(table: FigureTable, target: str, inputs: Sequence[str], lang: str = "zh") -> None:
    """Write the CSV to `target` atomically; ExportError says why not (not .csv, an input, locked)."""
    from ..api import AuditResult, Status

    check_target(target, [AuditResult(p, Status.OK) for p in inputs], lang, suffix=".csv")
    data = figures_csv(table)
    write_atomically(target, lambda f: f.write(data), lang, suffix=".csv")
