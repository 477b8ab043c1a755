"""The parsed tables as pandas DataFrames, labelled as the template prints them.

For scripting and for the export. Counts are nullable integers (a cell not filled or not
found is <NA>, never a pretend 0); table 2 holds the fee amount, so it is a nullable float.
`by="id"` labels rows and columns with the template's ids instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pandas as pd

from .parse.values import plain_number

if TYPE_CHECKING:
    from .report import Report


def report_frames(report: Report, by: Literal["label", "id"] = "label") -> dict[str, pd.DataFrame]:
    frames: dict[str, pd.DataFrame] = {}
    for table in report.template.tables:
        col_ids = [c.id for c in table.columns if any(c.id in r.columns for r in table.rows)]
        data = []
        for row in table.rows:
            data.append(
                [
                    plain_number(report.value(f"{table.id}.{row.id}.{cid}")) if cid in row.columns else None
                    for cid in col_ids
                ]
            )
        if by == "id":
            index, columns = [r.id for r in table.rows], col_ids
        else:
            index = [table.row_label(r.id) for r in table.rows]
            columns = [table.column_label(c) for c in col_ids]
        df = pd.DataFrame(data, index=pd.Index(index, name=table.short_name), columns=columns, dtype="object")
        frames[table.id] = _typed(df)
        frames[table.id].attrs["title"] = table.title
    return frames


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    values = [v for v in df.to_numpy().ravel() if v is not None]
    if all(isinstance(v, int) for v in values):
        return df.astype("Int64")
    return df.astype("Float64")
