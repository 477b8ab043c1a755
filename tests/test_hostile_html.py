"""Issue 19, HTML read as a browser reads it: valid HTML5 that libxml2's HTML 4 rules misread."""

from __future__ import annotations

import re
import time

import pytest
from conftest import SAMPLES

from auditapp.api import Status, audit_file
from auditapp.docgen import Shape, report_document
from auditapp.docgen.html import write
from auditapp.ingest import html5

SEED = SAMPLES / "000_5765c3367762f63e.txt"

pytestmark = pytest.mark.skipif(not html5.available(), reason="selectolax not installed")


def _page() -> str:
    report = audit_file(str(SEED)).report
    return write(report_document(report, Shape()), encoding="utf-8").decode("utf-8")


def _cells(tmp_path, page: str) -> int:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = audit_file(str(path))
    return len(result.report.cells) if result.report is not None else 0


def test_an_unclosed_embed_before_table_3_hides_nothing(tmp_path):
    page = _page()
    tables = [m.start() for m in re.finditer("<table", page)]
    assert len(tables) >= 3
    at = tables[-2]  # before table 3
    page = page[:at] + '<p>视频：<embed src="intro.mp4" type="video/mp4"></p>' + page[at:]
    assert _cells(tmp_path, page) == 200


def test_an_unclosed_map_at_the_top_hides_nothing(tmp_path):
    page = _page()
    at = page.index("<body") + page[page.index("<body") :].index(">") + 1
    page = page[:at] + '<map name="nav"><area href="/" alt="首页">' + page[at:]
    assert _cells(tmp_path, page) == 200


def test_the_page_is_still_audited_as_before(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(_page(), encoding="utf-8")
    result = audit_file(str(path))
    reference = audit_file(str(SEED))
    assert result.status is reference.status is Status.OK
    assert {c: v.raw for c, v in result.report.cells.items()} == {c: v.raw for c, v in reference.report.cells.items()}


def test_deep_nesting_and_odd_names_are_read_without_recursion(tmp_path):
    page = "<html><body>" + "<div>" * 2_000 + "表二" + "</div>" * 2_000 + '<p a\x01b="1" 1x="2"><x:y>text</x:y></p>'
    started = time.monotonic()
    root = html5.parse(page)
    assert time.monotonic() - started < 10
    assert "text" in "".join(root.itertext())


def test_a_page_nested_far_deeper_than_any_report_is_left_to_libxml2(tmp_path):
    page = "<html><body>" + "<div>" * 200_000 + "表二" + "</div>" * 200_000
    assert html5.too_deep(page)
    started = time.monotonic()
    result = audit_file(str((tmp_path / "deep.html").write_text(page, encoding="utf-8") and tmp_path / "deep.html"))
    assert time.monotonic() - started < 20
    assert "内部错误" not in (result.error or "")
