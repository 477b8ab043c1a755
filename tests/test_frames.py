from __future__ import annotations

import pandas as pd

from auditapp.api import audit_file, audit_source
from auditapp.source import Source


def test_frames_are_labelled_as_the_template_prints_them(seed_path, expected):
    report = audit_file(str(seed_path)).report
    frames = report.frames()
    assert set(frames) == {"t2", "t3", "t4"}
    t3 = frames["t3"]
    assert t3.shape == (25, 7)
    assert t3.index[0] == "一、本年新收政府信息公开申请数量"
    assert "(三)不予公开 1.属于国家秘密" in t3.index
    assert list(t3.columns)[-1] == "总计"
    assert str(t3.dtypes.iloc[0]) == "Int64"
    cells = expected[seed_path.name]["cells"]
    assert t3.loc["(七)总计", "总计"] == cells["t3.total.total"]["value"]
    by_id = report.frames("id")
    for cid, e in cells.items():
        table, row, col = cid.split(".")
        assert by_id[table].loc[row, col] == e["value"], cid
    assert frames["t4"].loc["行政诉讼·复议后起诉", "总计"] == cells["t4.suit_after_review.total"]["value"]


def test_frames_keep_missing_as_na_not_zero():
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "二、上年结转政府信息公开申请数量 | — | 0 | 0 | 0 | 0 | 0 |  |\n"
    )
    frames = audit_source(Source.from_text("x.txt", text)).report.frames("id")
    t3 = frames["t3"]
    assert t3.loc["new", "total"] == 1
    assert t3.loc["carried_over", "natural_person"] == 0  # a placeholder reads as 0
    assert pd.isna(t3.loc["carried_over", "total"])  # a blank stays blank
    assert pd.isna(t3.loc["granted", "total"])  # a row not found stays blank
    assert frames["t2"].isna().all().all()
