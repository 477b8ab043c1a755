"""Saved web pages (HTML, MHT) read like the text seeds they were made from.

Each seed is laid out as the official template prints it (merged group labels and headers) and
written as a government site publishes it: UTF-8 or a GB2312 label over GB18030 bytes, cells in
`<p><span>`, a script that writes numbers, pictures and styles on another server, optionally
the whole content inside a layout table. Reading it back must give the text seed's 200 cells
and findings, a source view of plain lines (one per paragraph and per table row), and a fault
injected before rendering found where it stands. Hostile and broken pages fail cleanly.
"""

from __future__ import annotations

import http.server
import re
import threading
from functools import cache
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import SAMPLES, SEED_NAMES

from auditapp.api import AuditResult, Status, audit_file
from auditapp.docgen import Shape, report_document
from auditapp.docgen.html import SUFFIX, write, write_mht
from auditapp.ingest import ReadError, detect_format, read_source
from auditapp.ingest.document import Block, Paragraph, TableBlock, clean, expand, to_source
from auditapp.ingest.html import decode_html, page_blocks
from auditapp.parse.values import Kind
from auditapp.rules import Severity

CJK = re.compile(r"[\u4e00-\u9fff]")
MARKUP = re.compile(r"</?[a-zA-Z][\w:-]*[^>]*>|&[a-z]+;|&#\d+;")
# What the written page holds around the report, and where a reader sees it.
SITE_LINES = {
    "【打印】【关闭】",
    "您当前的位置：首页 > 政务公开 > 政府信息公开年报",
    "【字体：大 中 小】",
    "主办单位：某某市人民政府办公室",
    "政府信息公开工作年度报告",  # the page's <title>, for a seed whose body has no title line
}
# Text of the page's scripts, styles, comments and hidden parts: none may reach the source view.
HIDDEN_BITS = ("document.write", "999", "visits", "_hmt", "JavaScript", "统计代码", "font-size", "666", "jquery")

VARIANTS = {
    "utf-8": {"encoding": "utf-8"},
    "gb2312": {"encoding": "gb2312"},
    "utf-8 in a layout table": {"encoding": "utf-8", "layout_table": True},
    "gb2312 in a layout table": {"encoding": "gb2312", "layout_table": True},
}
ENCODING_READ = {"utf-8": "utf-8", "gb2312": "gb18030", "gb18030": "gb18030"}


@cache
def reference(name: str) -> AuditResult:
    """The text seed's audit: what every page made from it must give back."""
    result = audit_file(str(SAMPLES / name))
    assert result.status is Status.OK and len(result.report.cells) == 200
    return result


def blocks_of(name: str, shape: Shape | None = None, values: dict[str, str] | None = None) -> list[Block]:
    return report_document(reference(name).report, shape or Shape(), values=values)


def save(tmp_path: Path, filename: str, data: bytes) -> Path:
    path = tmp_path / filename
    path.write_bytes(data)
    return path


def errors(result: AuditResult) -> list[str]:
    return [f.rule for f in result.findings if f.severity is Severity.ERROR]


def assert_same_cells(result: AuditResult, name: str) -> None:
    ref = reference(name).report
    assert result.status is Status.OK, (result.error, result.report and result.report.problems)
    cells = result.report.cells
    assert len(cells) == 200 and set(cells) == set(ref.cells)
    assert {cid: (c.raw, c.value) for cid, c in cells.items()} == {
        cid: (c.raw, c.value) for cid, c in ref.cells.items()
    }
    for cid, cell in cells.items():
        assert result.source.snippet(cell.span) == cell.raw, cid


# ---- every seed, as sites publish it ------------------------------------------------------------


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_seed_page_gives_the_seeds_200_cells_and_no_error(seed_path, variant, tmp_path):
    options = VARIANTS[variant]
    path = save(tmp_path, seed_path.stem + SUFFIX, write(blocks_of(seed_path.name), **options))
    result = audit_file(str(path))

    assert_same_cells(result, seed_path.name)
    assert errors(result) == []
    ref = reference(seed_path.name)
    assert sorted((f.rule, f.cells) for f in result.findings) == sorted((f.rule, f.cells) for f in ref.findings)
    assert result.source.format == "html"
    assert result.source.encoding == ENCODING_READ[options["encoding"]]
    assert result.report.meta.agency == ref.report.meta.agency
    assert result.report.meta.year == ref.report.meta.year


@pytest.mark.parametrize("layout", [False, True], ids=["plain", "layout table"])
def test_the_source_view_is_one_plain_line_per_paragraph_and_row(seed_path, layout, tmp_path):
    blocks = blocks_of(seed_path.name)
    path = save(tmp_path, "page.html", write(blocks, encoding="gb2312", layout_table=layout))
    source = read_source(str(path))

    assert MARKUP.search(source.text) is None
    for bit in HIDDEN_BITS:
        assert bit not in source.text or bit in reference(seed_path.name).source.text, bit
    expected = to_source("x", blocks, "html").lines  # one line per paragraph and per table row
    report_lines = tuple(line for line in source.lines if line not in SITE_LINES)
    assert report_lines == expected
    assert source.lines[-1] == "【打印】【关闭】"
    # a table row is one line: table 3's first data row holds its label and all seven numbers
    row = next(line for line in source.lines if line.startswith("一、本年新收政府信息公开申请数量 |"))
    assert row.count(" | ") == 7


@pytest.mark.parametrize("kind", ["html", "gb2312 layout", "mht"])
def test_a_fault_injected_before_rendering_is_found_where_it_stands(seed_path, kind, tmp_path):
    ref = reference(seed_path.name).report
    target = "t3.granted.natural_person"
    wrong = str(int(ref.cells[target].raw) + 7)
    blocks = blocks_of(seed_path.name, values={target: wrong})
    if kind == "html":
        path = save(tmp_path, "fault.html", write(blocks))
    elif kind == "gb2312 layout":
        path = save(tmp_path, "fault.htm", write(blocks, encoding="gb2312", layout_table=True))
    else:
        path = save(tmp_path, "fault.mht", write_mht(blocks, encoding="gb2312"))
    result = audit_file(str(path))

    cell = result.report.cells[target]
    assert cell.raw == wrong
    assert result.source.snippet(cell.span) == wrong
    line = result.source.line(cell.span.line)
    assert line.startswith("(一)予以公开 |") or line.startswith("三、本年度办理结果 | (一)予以公开 |")
    found = [f for f in result.findings if f.severity is Severity.ERROR]
    assert found
    assert all(target == f.suspect or target in f.cells for f in found)
    assert any(f.suspect == target for f in found)


# ---- real-world shapes ----------------------------------------------------------------------------

BLANKS = {
    "blank cells": (Shape(blank_zeros=True), {}),
    "&nbsp; cells (the page's text)": (Shape(blank_zeros=True, blank_text="\xa0"), {}),
    "&nbsp; cells (the writer's)": (Shape(blank_zeros=True), {"nbsp": True}),
}


@pytest.mark.parametrize("blanks", sorted(BLANKS))
def test_cells_left_blank_for_zero_are_read_as_blank_cells(seed_path, blanks, tmp_path):
    shape, options = BLANKS[blanks]
    data = write(blocks_of(seed_path.name, shape), encoding="gb2312", **options)
    if "nbsp" in blanks:
        assert b"&nbsp;</span>" in data
    result = audit_file(str(save(tmp_path, "blanks.html", data)))

    assert result.status is Status.OK, result.report.problems
    assert errors(result) == []
    ref = reference(seed_path.name).report
    cells = result.report.cells
    assert set(cells) == set(ref.cells)
    zeros = [cid for cid, c in ref.cells.items() if c.raw.strip() == "0"]
    assert zeros  # every seed has zeros to leave blank
    for cid, cell in ref.cells.items():
        got = cells[cid]
        if cid in zeros:
            assert (got.kind, got.raw) == (Kind.BLANK, ""), cid
            assert result.source.snippet(got.span).strip() == "", cid
        else:
            assert (got.raw, got.value) == (cell.raw, cell.value), cid


def _flatten_table4(blocks: list[Block]) -> list[Block]:
    """Table 4 printed as one row of its 15 numbers, its two header rows gone."""
    out = []
    for block in blocks:
        if isinstance(block, TableBlock) and block.rows[0][0].text == "行政复议":
            block = TableBlock([block.rows[-1]])
            assert len(block.rows[0]) == 15
        out.append(block)
    return out


@pytest.mark.parametrize("shape", [Shape(), Shape(blank_zeros=True)], ids=["numbers", "blanks for zeros"])
def test_table4_flattened_into_one_row_of_15_numbers(seed_path, shape, tmp_path):
    blocks = _flatten_table4(blocks_of(seed_path.name, shape))
    result = audit_file(str(save(tmp_path, "flat.html", write(blocks))))

    assert result.status is Status.OK, result.report.problems
    assert errors(result) == []
    ref = reference(seed_path.name).report
    t4 = [cid for cid in ref.cells if cid.startswith("t4.")]
    assert len(t4) == 15
    lines = {result.report.cells[cid].span.line for cid in t4}
    assert len(lines) == 1  # all 15 on the one row
    for cid in t4:
        got = result.report.cells[cid]
        if shape.blank_zeros and ref.cells[cid].raw == "0":
            assert got.kind is Kind.BLANK, cid
        else:
            assert got.value == ref.cells[cid].value, cid


def test_expand_gives_the_grid_of_table3_as_read_from_the_page():
    page = write(blocks_of(SEED_NAMES[0]), encoding="gb2312")
    text, _, _ = decode_html(page)
    tables = [b for b in page_blocks(text) if isinstance(b, TableBlock)]
    assert len(tables) == 3
    t3 = next(t for t in tables if len(t.rows[0]) > 1 and t.rows[0][1].text == "申请人情况")
    grid = expand(t3)
    assert len(grid) == 3 + 25 and all(len(row) == 10 for row in grid)
    denied = [r for r, row in enumerate(grid) if row[1] is not None and row[1].text == "(三)不予公开"]
    assert denied == list(range(denied[0], denied[0] + 8))
    org = [c for c, cell in enumerate(grid[1]) if cell is not None and cell.text == "法人或其他组织"]
    assert org == [4, 5, 6, 7, 8]
    results = [r for r, row in enumerate(grid) if row[0] is not None and row[0].text == "三、本年度办理结果"]
    assert len(results) == 22  # (一) to (七): 1 + 1 + 8 + 3 + 5 + 3 + 1 rows
    note = grid[0][0]
    assert (
        note is not None
        and clean(note.text).startswith("(本列数据的勾稽关系")
        and (note.rowspan, note.colspan) == (3, 3)
    )
    assert grid[2][0] is note and grid[2][2] is note


def test_bad_spans_are_read_as_browsers_read_them():
    html = """<table>
    <tr><td rowspan="0">全</td><td colspan="abc">b</td><td colspan="99999999">c</td><td rowspan="-2">d</td></tr>
    <tr><td rowspan=" 2;">e</td><td>f</td></tr>
    <tr><td>g</td></tr>
    </table>"""
    (table,) = page_blocks(html)
    first, second, _ = table.rows
    assert [(c.rowspan, c.colspan) for c in first] == [(3, 1), (1, 1), (1, 100), (1, 1)]
    assert (second[0].rowspan, second[0].colspan) == (2, 1)
    grid = expand(table)
    assert len(grid) == 3 and all(len(row) == 103 for row in grid)
    assert [grid[r][0].text for r in range(3)] == ["全", "全", "全"]
    assert grid[2][1].text == "e" and grid[2][2].text == "g"


def test_cell_text_across_breaks_paragraphs_and_spans_is_one_cell():
    html = """<table>
    <tr><td><p>申请人</p><p>情况</p></td><td>三、本年度<br/>办理结果</td>
        <td><p><span lang="EN-US">12<o:p></o:p></span></p></td><td>&nbsp;</td>
        <td><span style="display:none">99</span>3</td></tr>
    <![if !supportMisalignedColumns]>
    <tr height="0"><td style="border:none"></td><td style="border:none"></td></tr>
    <![endif]>
    </table>"""
    blocks = page_blocks(html)
    assert len(blocks) == 1
    source = to_source("x", blocks, "html")
    assert source.lines == ("申请人情况 | 三、本年度办理结果 | 12 |  | 3 |",)


def test_caption_header_body_and_footer_rows_are_read_in_order():
    html = """<p>表前</p><table border="1"><caption>二、主动公开政府信息情况</caption>
    <thead><tr><th>信息内容</th><th>本年制发件数</th></tr></thead>
    <tbody><tr><td>规章</td><td>3</td></tr><tr style="display:none"><td>隐藏</td><td>9</td></tr></tbody>
    <tfoot><tr><td>合计</td><td>3</td></tr></tfoot></table><p>表后</p>"""
    assert to_source("x", page_blocks(html), "html").lines == (
        "表前",
        "二、主动公开政府信息情况",
        "信息内容 | 本年制发件数 |",
        "规章 | 3 |",
        "合计 | 3 |",
        "表后",
    )


def test_a_layout_table_is_walked_into_and_its_nested_tables_come_out_as_tables():
    html = """<html><body>
    <table width="100%"><tr><td>首页</td><td>站内搜索</td></tr>
    <tr><td colspan="2"><div><p>某某县2023年度政府信息公开工作年度报告</p>
      <p>一、总体情况</p>
      <table border="1"><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>3</td></tr></table>
      <p>二、其他</p>
      <table><tr><td><table border="1"><tr><td>行政许可</td><td>7</td></tr></table></td></tr></table>
    </div></td></tr></table></body></html>"""
    source = to_source("x", page_blocks(html), "html")
    assert source.lines == (
        "首页",
        "站内搜索",
        "某某县2023年度政府信息公开工作年度报告",
        "一、总体情况",
        "信息内容 | 本年制发件数 |",
        "规章 | 3 |",
        "二、其他",
        "行政许可 | 7 |",
    )


@pytest.mark.parametrize("box", ["one cell per row", "a cell of prose beside a menu"])
def test_a_table_that_only_boxes_prose_is_read_as_paragraphs(box):
    prose = [
        "一、总体情况",
        *(f"({n})本年度我单位按照条例要求认真做好政府信息公开工作，公开信息{n}条。" * 3 for n in range(1, 4)),
    ]
    paragraphs = "".join(f"<p>{t}</p>" for t in prose)
    if box == "one cell per row":
        html = f"<table border='1'><tr><td>{paragraphs}</td></tr><tr><td>附件：无</td></tr></table>"
        expected = (*prose, "附件：无")
    else:
        html = f"<table><tr><td>首页<br>政务公开</td><td>{paragraphs}</td></tr></table>"
        expected = ("首页", "政务公开", *prose)
    assert to_source("x", page_blocks(html), "html").lines == expected


@pytest.mark.parametrize("body_title", [True, False], ids=["title in the body", "title only in <title>"])
def test_the_pages_title_is_a_line_only_when_the_body_lacks_one(body_title):
    title = "某某县人民政府2023年度政府信息公开工作年度报告"
    heading = f"<h1>{title}</h1>" if body_title else '<h1><img src="title.png"></h1>'
    html = f"<html><head><title>{title}</title></head><body>{heading}<p>一、总体情况</p></body></html>"
    source = to_source("x", page_blocks(html), "html")
    assert source.lines == (title, "一、总体情况")


def test_paragraphs_keep_document_order_breaks_and_preformatted_lines():
    html = """<body><h1>标题</h1><p>第一段，
    接着写。</p>正文<b>加粗</b>文字<br>第二行<ul><li>甲</li><li>乙</li></ul>
    <pre>行政许可 | 7 |
规章 | 3 |</pre><p>Word\nwrap</p></body>"""
    source = to_source("x", page_blocks(html), "html")
    assert source.lines == (
        "标题",
        "第一段，接着写。",
        "正文加粗文字",
        "第二行",
        "甲",
        "乙",
        "行政许可 | 7 |",
        "规章 | 3 |",
        "Word wrap",
    )


# ---- charsets ------------------------------------------------------------------------------------

RARE = "本年度“𠮷祥”社区、刘䶮纪念馆与朱镕基同志旧居均依法公开了政府信息。"  # 𠮷 䶮: GB18030 only; 镕: GBK


def _with_paragraph(blocks: list[Block], text: str) -> list[Block]:
    return [blocks[0], Paragraph(text), *blocks[1:]]


def test_a_gb2312_page_holding_gbk_and_gb18030_characters_is_read_as_gb18030(tmp_path):
    with pytest.raises(UnicodeEncodeError):
        RARE.encode("gb2312")
    blocks = _with_paragraph(blocks_of(SEED_NAMES[0]), RARE)
    data = write(blocks, encoding="gb2312")
    assert b"charset=gb2312" in data and RARE.encode("gb18030") in data
    result = audit_file(str(save(tmp_path, "gb2312.html", data)))
    assert result.source.encoding == "gb18030" and result.source.notes == ()
    assert RARE in result.source.lines
    assert_same_cells(result, SEED_NAMES[0])


def test_an_htm_page_without_a_charset_in_gb18030_is_detected(tmp_path):
    blocks = _with_paragraph(blocks_of(SEED_NAMES[1]), RARE)
    data = write(blocks, encoding="gb18030", declare=False)
    assert b"charset" not in data.lower()
    result = audit_file(str(save(tmp_path, "undeclared.htm", data)))
    assert result.source.format == "html" and result.source.encoding == "gb18030"
    assert RARE in result.source.lines
    assert_same_cells(result, SEED_NAMES[1])


def test_a_declared_charset_the_bytes_do_not_fit_falls_back_to_detection(tmp_path):
    page = write(blocks_of(SEED_NAMES[2]), encoding="utf-8").decode("utf-8")
    data = page.encode("gb18030")  # still says <meta charset="utf-8">
    assert b'charset="utf-8"' in data
    result = audit_file(str(save(tmp_path, "mislabelled.html", data)))
    assert result.source.encoding == "gb18030"
    assert any("utf-8" in note and "自动识别" in note for note in result.source.notes)
    assert_same_cells(result, SEED_NAMES[2])


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gbk"),
        ("<meta charset='gb2312'>", "gb2312"),
        ('<?xml version="1.0" encoding="GB2312"?>', "gb2312"),
        ('<meta charset="iso-8859-1">', "gbk"),  # a CMS's Western default over Chinese bytes
        ('<meta charset="x-no-such-charset">', "utf-8"),
        ('<meta charset="utf-16">', "utf-8"),  # ASCII-compatible bytes are not UTF-16
        ('<meta charset="utf-16">', "utf-16-be"),  # and UTF-16 without a BOM is told by detection
        ('<meta charset="base64">', "utf-8"),  # a codec, but not of text
    ],
)
def test_declarations_real_pages_make_are_read(declaration, encoding):
    words = "政府信息公开工作年度报告：本年度共收到申请10件"
    page = f"{declaration}<html><body><p>{words}</p></body></html>"
    text, used, _ = decode_html(page.encode(encoding))
    assert words in text
    assert used in ({"gbk": "gb18030", "gb2312": "gb18030"}.get(encoding, encoding), "gb18030")


def test_a_utf16_page_with_a_bom_is_read(tmp_path):
    page = write(blocks_of(SEED_NAMES[3]), encoding="utf-8").decode("utf-8")
    result = audit_file(str(save(tmp_path, "utf16.html", page.encode("utf-16"))))
    assert result.source.encoding == "utf-16"
    assert_same_cells(result, SEED_NAMES[3])


def test_a_page_saved_as_txt_is_still_read_as_a_page(tmp_path):
    data = write(blocks_of(SEED_NAMES[4]), encoding="gb2312")
    path = save(tmp_path, "report.txt", data)
    assert detect_format(str(path), data) == "html"
    result = audit_file(str(path))
    assert result.source.format == "html"
    assert MARKUP.search(result.source.text) is None
    assert_same_cells(result, SEED_NAMES[4])
    assert errors(result) == []


# ---- single-file web pages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "transfer"), [("gb2312", "quoted-printable"), ("utf-8", "base64")], ids=["word-qp", "base64"]
)
def test_a_seed_saved_as_mht_reads_like_the_seed(seed_path, encoding, transfer, tmp_path):
    data = write_mht(blocks_of(seed_path.name), encoding=encoding, transfer=transfer, layout_table=True)
    assert data.startswith(b"MIME-Version: 1.0")
    path = save(tmp_path, seed_path.stem + ".mht", data)
    assert detect_format(str(path), data) == "mht"
    assert detect_format("no-extension", data) == "mht"
    result = audit_file(str(path))
    assert result.source.format == "mht"
    assert result.source.encoding == ENCODING_READ[encoding]
    assert MARKUP.search(result.source.text) is None and "GIF89a" not in result.source.text
    assert_same_cells(result, seed_path.name)
    assert errors(result) == []


def test_an_mht_that_is_really_a_plain_page_is_read(tmp_path):
    data = write(blocks_of(SEED_NAMES[0]), encoding="gb2312")
    result = audit_file(str(save(tmp_path, "page.mhtml", data)))
    assert result.source.format == "mht"
    assert_same_cells(result, SEED_NAMES[0])


@pytest.mark.parametrize(
    "data",
    [
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\nR0lGODlh\r\n--b--\r\n",
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n\r\n--b--\r\n",
        b"this is not an archive at all",
    ],
    ids=["no page part", "empty page part", "not mime"],
)
def test_an_mht_without_a_page_fails_with_a_clear_message(data, tmp_path):
    path = save(tmp_path, "broken.mht", data)
    with pytest.raises(ReadError) as info:
        read_source(str(path))
    assert CJK.search(info.value.message) and "MHT" in info.value.message
    result = audit_file(str(path))
    assert result.status is Status.FAILED and result.error == info.value.message


# ---- hostile and broken pages -------------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<td>4242</td>")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    """A local web server that records whatever anyone asks it for."""
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_scripts_entities_and_external_resources_are_neither_run_nor_fetched(server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密 31337", encoding="utf-8")
    page = write(blocks_of(SEED_NAMES[0]), encoding="utf-8").decode("utf-8")
    hostile = f"""<!DOCTYPE html [
<!ENTITY local SYSTEM "file://{secret}">
<!ENTITY remote SYSTEM "{server}/entity">
<!ENTITY % dtd SYSTEM "{server}/dtd"> %dtd;
]>
"""
    extras = f"""<link rel="stylesheet" href="{server}/style.css">
<script src="{server}/app.js"></script>
<script>document.write("<table><tr><td>本年新收政府信息公开申请数量</td><td>4242</td></tr></table>");</script>
<img src="{server}/logo.png"><iframe src="{server}/frame.html">框架 4242</iframe>
<object data="{server}/movie.swf">对象 4242</object>
<p>&local;&remote;</p>
"""
    page = hostile + page.replace("<body>", "<body>" + extras, 1)
    path = save(tmp_path, "hostile.html", page.encode("utf-8"))
    result = audit_file(str(path))

    assert _Recorder.requests == []
    text = result.source.text
    assert "31337" not in text and "4242" not in text and "ENTITY" not in text and "]>" not in text
    assert "document.write" not in text and "框架" not in text and "对象" not in text
    assert_same_cells(result, SEED_NAMES[0])
    assert errors(result) == []


def test_a_page_without_tables_gives_the_usual_no_tables_failure(tmp_path):
    page = "<html><body><h1>某某区2023年度政府信息公开工作年度报告</h1><p>本年度我区共收到申请10件。</p></body></html>"
    result = audit_file(str(save(tmp_path, "no-tables.html", page.encode("utf-8"))))
    assert result.status is Status.FAILED
    assert result.error.startswith("没有找到任何统计表")
    assert result.source is not None and result.source.lines == (
        "某某区2023年度政府信息公开工作年度报告",
        "本年度我区共收到申请10件。",
    )


BROKEN = {
    "empty": b"",
    "whitespace": b" \r\n\t ",
    "only tags": b"<html><head></head><body><div></div></body></html>",
    "only a script": b"<html><script>document.write('<table><tr><td>1</td></tr></table>')</script></html>",
    "a frameset": b'<html><frameset><frame src="http://127.0.0.1:9/a.html"></frameset></html>',
    "cut off mid-tag": b"<!DOCTYPE html><html><body><table><tr><td rowspan=",
    "unclosed everything": "<html><body><table><tr><td>规章<td>3<tr><td>行政许可<td>7<p>年度报告".encode(),
    "random bytes": bytes(range(256)) * 8,
    "deeply nested": b"<div>" * 5000 + "深".encode() + b"</div>" * 5000,
    "deeply nested tables": b"<table><tr><td>" * 400 + b"x</td></tr></table>" * 400,
    "a stray NUL": b"<html><body><p>a\x00b</p></body></html>",
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_page_fails_cleanly_or_reads_what_it_holds(kind, tmp_path):
    path = save(tmp_path, f"{kind}.html", BROKEN[kind])
    try:
        source = read_source(str(path))
    except ReadError as e:
        assert CJK.search(e.message), e.message
        source = None
    else:
        assert source.format == "html"
        assert MARKUP.search(source.text) is None
    result = audit_file(str(path))
    if kind == "unclosed everything":  # what a browser would show is read
        assert source is not None and source.lines[0] == "规章 | 3 |"
        assert result.status is Status.PARTIAL and result.report.cells["t2.regulations.issued"].raw == "3"
    else:
        assert result.status is Status.FAILED
        assert CJK.search(result.error)
