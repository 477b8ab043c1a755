"""Word .docx: each seed laid out as a Word report reads back to its 200 cells, with the shapes
real documents take (merged cells, content controls, layout tables, text boxes, tracked changes)."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import docx
import pytest
from conftest import SEED_NAMES
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from roundtrip import audit_bytes as _audit_bytes
from roundtrip import errors, rewrite_part, seed_report, wrong_cells

from auditapp.api import Status, audit_file
from auditapp.docgen import T3_HEADER_NOTE, Shape, report_document
from auditapp.docgen import docx as docx_writer
from auditapp.ingest import ReadError, read_source, source_from_bytes
from auditapp.ingest.document import TableBlock
from auditapp.ingest.docx import read_blocks
from auditapp.rules import Severity
from auditapp.template import TEMPLATE_2021

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def seed_docx(name: str, shape: Shape | None = None, values: dict[str, str] | None = None) -> bytes:
    return docx_writer.write(report_document(seed_report(name), shape or Shape(), values=values))


def edit_body(data: bytes, change) -> bytes:
    """The document after `change(document)` edits it."""
    document = docx.Document(io.BytesIO(data))
    change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- the seeds -----------------------------------------------------------------------------


def test_each_seed_reads_back_all_200_cells_without_errors(tmp_path, seed_path, expected):
    result = audit_bytes(tmp_path, seed_docx(seed_path.name))
    assert result.status is Status.OK, result.error
    assert result.source.format == "docx"
    assert len(result.report.cells) == 200
    assert wrong_cells(result, expected[seed_path.name]["cells"]) == []
    assert errors(result) == []
    # every cell's span shows the text it was read from
    for cid, cell in result.report.cells.items():
        assert result.source.snippet(cell.span) == cell.raw, cid


def test_the_source_text_is_the_documents_blocks_printed(seed_path):
    from auditapp.ingest.document import to_source

    blocks = report_document(seed_report(seed_path.name))
    printed = to_source("x", blocks, "text").text
    assert source_from_bytes("x.docx", docx_writer.write(blocks)).text == printed


def test_an_eighth_subtotal_column_is_read(tmp_path, expected):
    name = SEED_NAMES[0]
    result = audit_bytes(tmp_path, seed_docx(name, Shape(subtotal_column=True)))
    assert wrong_cells(result, expected[name]["cells"]) == []
    assert errors(result) == []


@pytest.mark.parametrize("name", SEED_NAMES)
def test_blank_cells_for_zero_read_as_blank(tmp_path, expected, name):
    result = audit_bytes(tmp_path, seed_docx(name, Shape(blank_zeros=True, blank_text="\xa0")))
    assert len(result.report.cells) == 200
    assert wrong_cells(result, expected[name]["cells"], blank_zero=True) == []
    assert errors(result) == []


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_fault_injected_before_rendering_is_found_and_localised(tmp_path, expected, name):
    cid = "t3.new.business"
    injected = str(expected[name]["cells"][cid]["value"] + 1000)
    result = audit_bytes(tmp_path, seed_docx(name, values={cid: injected}))
    flagged = [f for f in result.findings if f.severity is Severity.ERROR and (f.suspect == cid or cid in f.cells)]
    assert flagged, errors(result)
    cell = result.report.cells[cid]
    assert cell.value == Decimal(injected)
    assert result.source.snippet(cell.span) == injected


# --- merged cells ----------------------------------------------------------------------------


def test_merged_cells_are_printed_once(tmp_path):
    source = source_from_bytes("x.docx", seed_docx(SEED_NAMES[0]))
    assert source.text.count("(三)不予公开") == 1
    assert source.text.count("三、本年度办理结果") == 1
    assert source.text.count("法人或其他组织") == 1
    assert source.text.count(T3_HEADER_NOTE) == 1


def test_merges_become_row_and_column_spans():
    blocks = read_blocks(seed_docx(SEED_NAMES[0]))
    t3 = next(b for b in blocks if isinstance(b, TableBlock) and b.rows[0][-1].text == "申请人情况")
    note, applicants = t3.rows[0]
    assert (note.rowspan, note.colspan) == (3, 3)
    assert (applicants.text, applicants.rowspan, applicants.colspan) == ("申请人情况", 1, 7)
    spans = {c.text: (c.rowspan, c.colspan) for row in t3.rows for c in row}
    results = [r for r in TEMPLATE_2021.table("t3").rows if r.group is not None]
    assert spans["三、本年度办理结果"] == (len(results), 1)
    assert spans["(三)不予公开"] == (8, 1)
    assert spans["(一)予以公开"] == (1, 2)
    t4 = blocks[[i for i, b in enumerate(blocks) if isinstance(b, TableBlock)][-1]]
    assert [len(row) for row in t4.rows] == [2, 7, 10, 15]  # table 4's 15 numbers on one row


def small_table(document, rows: int, cols: int):
    table = document.add_table(rows=rows, cols=cols)
    return table, [row.cells for row in table.rows]


def test_a_vertically_merged_label_typed_one_character_a_line_is_read_once():
    def change(document):
        _, cells = small_table(document, 3, 2)
        label = cells[0][0]
        label.text = "申"
        label.add_paragraph("请")
        label.add_paragraph("人")
        label.merge(cells[2][0])
        for r in range(3):
            cells[r][1].text = str(r + 1)

    data = edit_body(docx_writer.write([]), change)
    (table,) = read_blocks(data)
    assert [[(c.text, c.rowspan) for c in row] for row in table.rows] == [
        [("申\n请\n人", 3), ("1", 1)],
        [("2", 1)],
        [("3", 1)],
    ]
    assert source_from_bytes("x.docx", data).text.split("\n") == ["申请人 | 1 |", "2 |", "3 |"]


def test_a_row_starting_after_the_first_grid_column_keeps_the_merges_above_it():
    def change(document):
        table, cells = small_table(document, 2, 3)
        for r, c in ((0, 0), (0, 1), (0, 2), (1, 0), (1, 1)):
            cells[r][c].text = f"{r}{c}"
        cells[0][2].merge(cells[1][2])
        # the second row starts one grid column in (w:gridBefore), its first cell deleted
        tr = table.rows[1]._tr
        tr.remove(tr.tc_lst[0])
        tr_pr = tr.get_or_add_trPr()
        before = OxmlElement("w:gridBefore")
        before.set(qn("w:val"), "1")
        tr_pr.append(before)

    (table,) = read_blocks(edit_body(docx_writer.write([]), change))
    assert [[(c.text, c.rowspan) for c in row] for row in table.rows] == [
        [("00", 1), ("01", 1), ("02", 2)],
        [("11", 1)],
    ]


# --- where the content stands -----------------------------------------------------------------


def test_a_report_wrapped_in_a_one_cell_layout_table_is_read(tmp_path, expected):
    """Documents saved from web pages hold the whole page in a table's one cell."""
    name = SEED_NAMES[2]

    def change(document):
        body = document.element.body
        content = [el for el in body if el.tag != qn("w:sectPr")]
        _, cells = small_table(document, 1, 1)
        tc = cells[0][0]._tc
        for el in content:
            tc.append(el)
        body.insert(0, document.tables[-1]._tbl)

    result = audit_bytes(tmp_path, edit_body(seed_docx(name), change))
    assert len(result.report.cells) == 200
    assert wrong_cells(result, expected[name]["cells"]) == []
    assert errors(result) == []


def test_a_table_nested_in_a_data_cell_reads_as_that_cells_text():
    def change(document):
        _, cells = small_table(document, 1, 4)
        for c in range(4):
            cells[0][c].text = f"c{c}"
        inner = cells[0][3].add_table(rows=2, cols=2)
        for r, row in enumerate(inner.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"n{r}{c}"

    (table,) = read_blocks(edit_body(docx_writer.write([]), change))
    assert [c.text for c in table.rows[0]] == ["c0", "c1", "c2", "c3\nn00 n01\nn10 n11"]


def wrap_in_content_control(element) -> None:
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(OxmlElement("w:sdtPr"))
    sdt.append(content)
    element.addprevious(sdt)
    content.append(element)


def test_paragraphs_and_tables_inside_content_controls_are_read(tmp_path, expected):
    name = SEED_NAMES[1]

    def change(document):
        body = document.element.body
        t3 = document.tables[1]._tbl
        for el in [el for el in body if el.tag in (qn("w:p"), qn("w:tbl"))]:
            wrap_in_content_control(el)
        # and a content control around a row and around a cell, as form templates have them
        wrap_in_content_control(t3.tr_lst[5])
        wrap_in_content_control(t3.tr_lst[6].tc_lst[1])

    data = edit_body(seed_docx(name), change)
    assert zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").count(b"<w:sdtContent>") >= 15
    result = audit_bytes(tmp_path, data)
    assert len(result.report.cells) == 200
    assert wrong_cells(result, expected[name]["cells"]) == []
    assert errors(result) == []


def test_a_text_box_is_read_once_after_its_paragraph():
    choice = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><w:t>锚定段落</w:t></w:r>'
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        "<w:p><w:r><w:t>文本框里的话</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>框中表格</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>7</w:t></w:r></w:p>"
        "</w:tc></w:tr></w:tbl></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的话</w:t></w:r></w:p></w:txbxContent>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )

    def change(document):
        from docx.oxml.parser import parse_xml

        document.element.body.insert(0, parse_xml(choice))

    source = source_from_bytes("x.docx", edit_body(docx_writer.write([]), change))
    assert source.text.split("\n") == ["锚定段落", "文本框里的话", "框中表格 | 7 |"]


def test_content_embedded_in_another_format_is_noted():
    def change(document):
        chunk = OxmlElement("w:altChunk")
        chunk.set(qn("r:id"), "rId99")
        document.element.body.insert(0, chunk)

    source = source_from_bytes("x.docx", edit_body(docx_writer.write([]), change))
    (note,) = source.notes
    assert "嵌入" in note and "1" in note


def test_tracked_insertions_are_read_and_deletions_are_not():
    xml = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:r><w:t>本年新收</w:t></w:r>"
        '<w:del w:id="1" w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>21</w:t></w:r></w:ins>'
        "<w:hyperlink><w:r><w:t>件</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>完</w:t></w:r></w:p>"
    )

    def change(document):
        from docx.oxml.parser import parse_xml

        document.element.body.insert(0, parse_xml(xml))

    assert source_from_bytes("x.docx", edit_body(docx_writer.write([]), change)).text == "本年新收21件 完"


def test_headers_footers_and_empty_paragraphs_are_left_out():
    def change(document):
        section = document.sections[0]
        section.header.paragraphs[0].text = "页眉：某某区人民政府"
        section.footer.paragraphs[0].text = "第 1 页"
        document.add_paragraph("")
        document.add_paragraph("   ")
        document.add_paragraph("正文")

    source = source_from_bytes("x.docx", edit_body(docx_writer.write([]), change))
    assert source.text == "正文"


def test_a_macro_enabled_document_is_read_too():
    data = rewrite_part(
        docx_writer.write([]),
        "[Content_Types].xml",
        lambda xml: xml.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml",
        ),
    )
    data = rewrite_part(
        data,
        "word/document.xml",
        lambda xml: xml.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>docm</w:t></w:r></w:p>"),
    )
    assert source_from_bytes("x.docm", data).text == "docm"


# --- broken files -----------------------------------------------------------------------------


def test_a_truncated_docx_is_a_read_error_in_chinese(tmp_path):
    data = seed_docx(SEED_NAMES[0])
    path = tmp_path / "broken.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as e:
        read_source(str(path))
    assert e.value.code == "corrupt"
    assert CHINESE.search(e.value.message)
    result = audit_file(str(path))
    assert result.status is Status.FAILED and CHINESE.search(result.error)


def test_a_docx_whose_body_xml_is_cut_keeps_what_came_before_with_a_note(tmp_path, expected):
    seed = SEED_NAMES[0]
    intact = seed_docx(seed)
    with zipfile.ZipFile(io.BytesIO(intact)) as z:
        xml = z.read("word/document.xml")
    # cut inside table 3, as a download stopping there (then re-zipped) leaves it
    cut = xml.index("四、结转下年度继续办理".encode())
    data = rewrite_part(intact, "word/document.xml", lambda xml: xml[:cut])
    result = _audit_bytes(tmp_path, data, ".docx")
    assert result.status is Status.PARTIAL
    (note,) = [n for n in result.source.notes if "XML 有损坏" in n]
    assert "第 " in note and "行" in note  # where the damage is
    cells = result.report.cells
    before = [c for c in expected[seed]["cells"] if c.startswith(("t2.", "t3.")) and ".carried_forward." not in c]
    assert len(before) >= 100
    assert wrong_cells(result, {cid: expected[seed]["cells"][cid] for cid in before}) == []
    assert "t4.review.upheld" not in cells or cells["t4.review.upheld"].value is None  # after the cut


def test_a_docx_whose_body_xml_cannot_be_recovered_is_a_read_error_naming_the_body():
    data = rewrite_part(seed_docx(SEED_NAMES[0]), "word/document.xml", lambda xml: b"\x00\x01" + xml[:200])
    with pytest.raises(ReadError) as e:
        source_from_bytes("x.docx", data)
    assert e.value.code == "corrupt"
    assert "Word" in e.value.message and "正文" in e.value.message


def test_a_docx_without_its_body_part_is_a_read_error():
    from auditapp.ingest import docx as docx_reader

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed_docx(SEED_NAMES[0]))) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            if item.filename != "word/document.xml":
                zout.writestr(item, zin.read(item.filename))
    with pytest.raises(ReadError) as e:
        docx_reader.read("x.docx", out.getvalue())
    assert e.value.code == "corrupt"
    assert "正文" in e.value.message


def audit_bytes(tmp_path, data: bytes, suffix: str = ".docx"):
    return _audit_bytes(tmp_path, data, suffix)
