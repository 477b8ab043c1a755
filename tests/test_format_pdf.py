"""PDF with a text layer: each seed written as a PDF reads back to its 200 cells, with pages.

The PDFs are made here with reportlab (`auditapp.docgen.pdf`) in the shapes real reports take:
table 3 broken across pages (its header repeated or not, a merged label cut by the break),
vertical merged labels, an 8th 法人小计 column, blank cells for zero. PDFs that cannot be read
(a scan, a truncated download, a password) must say why, never crash.
"""

from __future__ import annotations

import io
import itertools
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLES, SEED_NAMES

pytest.importorskip("reportlab")
pdfplumber = pytest.importorskip("pdfplumber")

from auditapp.api import AuditResult, Status, audit_file  # noqa: E402
from auditapp.docgen import Shape, report_document  # noqa: E402
from auditapp.docgen import pdf as pdf_writer  # noqa: E402
from auditapp.ingest import ReadError, read_source  # noqa: E402
from auditapp.ingest import pdf as pdf_reader  # noqa: E402
from auditapp.ingest.document import Paragraph, TableBlock, clean  # noqa: E402
from auditapp.parse.reader import parse_report  # noqa: E402
from auditapp.parse.values import Kind  # noqa: E402
from auditapp.rules import Severity  # noqa: E402
from auditapp.source import Span  # noqa: E402

FIRST_T3_ROW = "一、本年新收政府信息公开申请数量"
LAST_T3_ROW = "四、结转下年度继续办理"


class Made:
    """A PDF written from a seed, and its audit."""

    def __init__(self, path: Path, result: AuditResult) -> None:
        self.path = path
        self.result = result
        self._pages: list[str] | None = None

    def pages_with(self, text: str) -> list[int]:
        """The pages whose text layer holds `text` (read apart from the reader under test: the
        characters in the order they are drawn, which keeps a label's characters together)."""
        if self._pages is None:
            with pdfplumber.open(self.path) as pdf:
                self._pages = ["".join(c["text"] for c in p.chars) for p in pdf.pages]
        return [n for n, page in enumerate(self._pages, 1) if text in page]

    def page_of(self, cid: str) -> int | None:
        cell = self.result.report.cells[cid]
        origin = self.result.source.origin(cell.span)
        return None if origin is None else origin.page


@pytest.fixture(scope="session")
def seed_reports() -> dict:
    return {name: parse_report(read_source(str(SAMPLES / name))) for name in SEED_NAMES}


@pytest.fixture(scope="session")
def make(tmp_path_factory, seed_reports):
    """make(seed, shape, values, **options) → Made; each PDF written and audited once a session."""
    folder = tmp_path_factory.mktemp("pdf")
    made: dict[tuple, Made] = {}

    def build(seed: str, shape: Shape | None = None, values: dict[str, str] | None = None, **options) -> Made:
        shape = shape or Shape()
        key = (seed, shape, tuple(sorted((values or {}).items())), tuple(sorted(options.items())))
        if key not in made:
            blocks = report_document(seed_reports[seed], shape, values)
            path = folder / f"{len(made):03d}_{seed[:3]}.pdf"
            path.write_bytes(pdf_writer.write(blocks, **options))
            made[key] = Made(path, audit_file(str(path)))
        return made[key]

    return build


def _errors(result: AuditResult) -> list[str]:
    return [f.rule for f in result.findings if f.severity is Severity.ERROR]


def _wrong(result: AuditResult, expected_cells: dict, blank_zeros: bool = False) -> list[str]:
    """Cells not read as the text seed has them (a blank where the seed has 0, when zeros are blank)."""
    cells = result.report.cells if result.report else {}
    wrong = []
    for cid, e in expected_cells.items():
        cell = cells.get(cid)
        if cell is None:
            wrong.append(f"{cid}: missing")
        elif blank_zeros and e["value"] == 0:
            if cell.kind is not Kind.BLANK:
                wrong.append(f"{cid}: {cell.raw!r} where a blank stands")
        elif cell.value != Decimal(str(e["value"])):
            wrong.append(f"{cid}: {cell.value} != {e['value']}")
    return wrong


def _assert_reads_back(made: Made, expected_cells: dict, blank_zeros: bool = False) -> None:
    result = made.result
    assert result.status is Status.OK, (result.error, result.report.problems if result.report else None)
    assert result.source.format == "pdf"
    assert len(result.report.cells) == 200
    assert _wrong(result, expected_cells, blank_zeros) == []
    assert _errors(result) == []
    for cid, cell in result.report.cells.items():
        assert result.source.snippet(cell.span).strip() == cell.raw.strip(), cid
        assert made.page_of(cid) is not None, cid


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_seed_as_pdf_reads_back_its_200_cells_without_errors(make, expected, seed):
    made = make(seed)
    _assert_reads_back(made, expected[seed]["cells"])
    assert made.page_of("t3.new.total") == made.pages_with(FIRST_T3_ROW)[0]


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_fault_injected_in_a_pdf_is_found_and_localised_to_its_page(make, seed_reports, seed):
    cid = "t3.new.business"
    bad = str(int(seed_reports[seed].cells[cid].raw) + 7)
    made = make(seed, values={cid: bad})
    result = made.result
    hits = [f for f in result.findings if f.severity is Severity.ERROR and (f.suspect == cid or cid in f.cells)]
    assert hits, [f.rule for f in result.findings]
    cell = result.report.cells[cid]
    assert cell.raw == bad and result.source.snippet(cell.span) == bad
    assert FIRST_T3_ROW in result.source.line(cell.span.line)
    assert made.page_of(cid) == made.pages_with(FIRST_T3_ROW)[0]


@pytest.mark.parametrize("repeat_header", [True, False], ids=["header-repeated", "header-once"])
def test_table3_broken_across_pages_reads_whole_and_each_row_keeps_its_page(make, expected, repeat_header):
    seed = SEED_NAMES[0]
    made = make(seed, split_table=1, repeat_header=repeat_header)
    _assert_reads_back(made, expected[seed]["cells"])
    first, last = made.pages_with(FIRST_T3_ROW)[0], made.pages_with(LAST_T3_ROW)[0]
    assert last == first + 1
    assert made.page_of("t3.new.natural_person") == first
    assert made.page_of("t3.carried_forward.total") == last
    repeats = made.result.source.text.count("申请人情况")
    assert repeats == (2 if repeat_header else 1)


def test_fault_after_the_page_break_is_localised_to_the_second_page(make, seed_reports):
    seed = SEED_NAMES[0]
    cid = "t3.carried_forward.natural_person"
    bad = str(int(seed_reports[seed].cells[cid].raw) + 5)
    made = make(seed, values={cid: bad}, split_table=1)
    result = made.result
    assert any(f.severity is Severity.ERROR and (f.suspect == cid or cid in f.cells) for f in result.findings)
    assert result.source.snippet(result.report.cells[cid].span) == bad
    assert made.page_of(cid) == made.pages_with(LAST_T3_ROW)[0] == made.pages_with(FIRST_T3_ROW)[0] + 1


def test_merged_label_cut_by_a_page_break_continues_blank(make, expected):
    """Large type: table 3 breaks inside a merged label; the rows after the break start blank."""
    seed = SEED_NAMES[1]
    made = make(seed, font_size=13)
    _assert_reads_back(made, expected[seed]["cells"])
    source = made.result.source
    cut = [line for line in source.lines if line.startswith(" | ")]
    assert cut and all(line.count("|") >= 9 for line in cut)
    assert len({made.page_of(f"t3.{r}.total") for r in ("new", "carried_forward")}) == 2


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_subtotal_column_is_read_past(make, expected, seed):
    made = make(seed, Shape(subtotal_column=True))
    _assert_reads_back(made, expected[seed]["cells"])
    header = next(line for line in made.result.source.lines if line.startswith("商业企业"))
    assert header.split(" | ")[-1].strip(" |") == "小计"


@pytest.mark.parametrize("seed", SEED_NAMES[:2])
def test_vertical_merged_labels_read_as_one_label(make, expected, seed):
    made = make(seed, vertical_labels=True)
    _assert_reads_back(made, expected[seed]["cells"])
    with pdfplumber.open(made.path) as pdf:
        printed = "".join(p.extract_text() for p in pdf.pages)
    assert "本年度办理结果" not in printed  # one character per line on the page
    assert "三、本年度办理结果 | (一)予以公开 | " in made.result.source.text
    assert any(line.startswith("(三)不予公开 | 1.属于国家秘密 | ") for line in made.result.source.lines)


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_blank_cells_for_zero_read_as_blanks_in_place(make, expected, seed):
    made = make(seed, Shape(blank_zeros=True))
    _assert_reads_back(made, expected[seed]["cells"], blank_zeros=True)


def test_blank_cells_for_zero_in_a_table_broken_across_pages(make, expected):
    seed = SEED_NAMES[0]
    made = make(seed, Shape(blank_zeros=True), split_table=1, vertical_labels=True)
    _assert_reads_back(made, expected[seed]["cells"], blank_zeros=True)


@pytest.mark.parametrize("seed", SEED_NAMES[:2])
def test_table4_is_one_row_of_15_numbers(make, expected, seed, seed_reports, tmp_path):
    made = make(seed)
    cells = made.result.report.cells
    t4 = [cid for cid in expected[seed]["cells"] if cid.startswith("t4.")]
    assert len(t4) == 15 and len({cells[cid].span.line for cid in t4}) == 1
    assert made.result.source.line(cells[t4[0]].span.line).count(" | ") == 14
    # flattened further: no header rows at all, only the 15 numbers under the table's title
    blocks = report_document(seed_reports[seed])
    table4 = [b for b in blocks if isinstance(b, TableBlock)][-1]
    table4.rows = table4.rows[-1:]
    path = tmp_path / "flat.pdf"
    path.write_bytes(pdf_writer.write(blocks))
    _assert_reads_back(Made(path, audit_file(str(path))), expected[seed]["cells"])


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_narrative_reads_one_line_per_paragraph_without_page_numbers(make, seed_reports, seed):
    made = make(seed)
    lines = set(made.result.source.lines)
    paragraphs = [clean(b.text) for b in report_document(seed_reports[seed]) if isinstance(b, Paragraph)]
    assert [p for p in paragraphs if p not in lines] == []
    assert not [line for line in lines if line.strip().startswith("- ") and line.strip().endswith(" -")]


def test_paragraph_carried_over_a_page_break_is_one_line(make, seed_reports):
    seed = SEED_NAMES[1]
    made = make(seed, font_size=13)  # a layout that breaks a paragraph at a page end
    paragraphs = [clean(b.text) for b in report_document(seed_reports[seed]) if isinstance(b, Paragraph)]
    with pdfplumber.open(made.path) as pdf:
        lines = [[ln["text"] for ln in p.extract_text_lines()] for p in pdf.pages]
    # the last line above the page number, and the next page's first line, in one paragraph
    breaks = [clean(a[-2]) + clean(b[0]) for a, b in itertools.pairwise(lines) if len(a) > 1]
    carried = [p for p in paragraphs if any(b in p for b in breaks)]
    assert carried
    assert [p for p in carried if p not in made.result.source.lines] == []


def _canvas_pdf(draw) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    draw(c)
    c.save()
    return buffer.getvalue()


def _scan_page(c) -> None:
    """A page as a scanner makes it: one image, no text."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (200, 280), 255)
    image.paste(0, (20, 20, 180, 40))  # a dark bar where a line of text would be
    c.drawImage(ImageReader(image), 50, 100, width=500, height=700)
    c.showPage()


def test_scanned_pdf_says_it_needs_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_canvas_pdf(lambda c: (_scan_page(c), _scan_page(c))))
    with pytest.raises(ReadError) as e:
        read_source(str(path))
    assert e.value.code == "needs_ocr" and "OCR" in e.value.message and "扫描" in e.value.message
    result = audit_file(str(path))
    assert result.status is Status.FAILED and result.error == e.value.message


def test_scanned_page_among_text_pages_is_noted(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    def draw(c) -> None:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        c.setFont("STSong-Light", 12)
        c.drawString(72, 700, "二、主动公开政府信息情况：详见下页表格。")
        c.showPage()
        _scan_page(c)

    path = tmp_path / "mixed.pdf"
    path.write_bytes(_canvas_pdf(draw))
    source = read_source(str(path))
    assert source.lines == ("二、主动公开政府信息情况：详见下页表格。",)
    assert source.origin(Span(1, 0, 3)).page == 1
    assert len(source.notes) == 1 and "第 2 页" in source.notes[0] and "OCR" in source.notes[0]


def _break_pages(data: bytes, numbers: set[int]) -> bytes:
    """The PDF with the content streams of these pages damaged (a byte no ASCII85 stream holds,
    as a flipped byte in transit makes), the rest untouched."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        streams = {pg.page_number: [c.objid for c in pg.page_obj.contents] for pg in pdf.pages}
    out = bytearray(data)
    for number in numbers:
        for objid in streams[number]:
            start = out.index(b"stream", out.index(b"\n%d 0 obj" % objid)) + len(b"stream\r\n")
            out[start + 40] = 0x03
    return bytes(out)


def test_a_broken_page_is_noted_and_the_other_pages_are_read(make, tmp_path):
    made = make(SEED_NAMES[0])
    t3_page = made.pages_with(FIRST_T3_ROW)[0]
    assert t3_page > 1
    path = tmp_path / "page-broken.pdf"
    path.write_bytes(_break_pages(made.path.read_bytes(), {t3_page}))
    result = audit_file(str(path))
    assert result.status is Status.PARTIAL
    assert any(f"第 {t3_page} 页已损坏" in note for note in result.source.notes), result.source.notes
    cells = result.report.cells
    intact = made.result.report.cells
    # table 3's first rows were on the broken page: missing, not misread
    assert "t3.new.total" not in cells or cells["t3.new.total"].value is None
    # what was on the other pages reads as before, and still points at its own page
    kept = [cid for cid in intact if made.page_of(cid) not in (t3_page, None)]
    assert len(kept) >= 50
    for cid in kept:
        assert cells[cid].value == intact[cid].value, cid
        assert result.source.origin(cells[cid].span).page == made.page_of(cid), cid


def test_a_pdf_whose_every_page_is_broken_is_refused_with_a_message(make, tmp_path):
    data = make(SEED_NAMES[0]).path.read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    path = tmp_path / "all-broken.pdf"
    path.write_bytes(_break_pages(data, set(range(1, pages + 1))))
    with pytest.raises(ReadError) as e:
        read_source(str(path))
    assert e.value.code == "corrupt" and f"全部 {pages} 页都无法解析" in e.value.message


def test_when_no_table_is_left_the_failure_says_which_pages_were_broken(make, tmp_path):
    made = make(SEED_NAMES[0])
    with pdfplumber.open(made.path) as pdf:
        pages = len(pdf.pages)
    path = tmp_path / "tables-broken.pdf"
    path.write_bytes(_break_pages(made.path.read_bytes(), set(range(2, pages + 1))))
    result = audit_file(str(path))
    assert result.status is Status.FAILED
    assert "没有找到任何统计表" in result.error or "没有读出任何数值" in result.error
    assert f"第 {'、'.join(str(n) for n in range(2, pages + 1))} 页已损坏" in result.error


def test_truncated_pdf_is_refused_with_a_message(make, tmp_path):
    data = make(SEED_NAMES[0]).path.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as e:
        read_source(str(path))
    assert e.value.code == "truncated" and "不完整" in e.value.message


def test_broken_pdf_is_refused_with_a_message(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    with pytest.raises(ReadError) as e:
        read_source(str(path))
    assert e.value.code == "corrupt" and "损坏" in e.value.message


def test_password_protected_pdf_is_refused_with_a_message(seed_reports, tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(pdf_writer.write(report_document(seed_reports[SEED_NAMES[0]]), password="secret"))
    with pytest.raises(ReadError) as e:
        read_source(str(path))
    assert e.value.code == "encrypted" and "密码" in e.value.message


def test_pdf_with_too_many_pages_is_refused(make, monkeypatch):
    made = make(SEED_NAMES[0])
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    with pytest.raises(ReadError) as e:
        read_source(str(made.path))
    assert e.value.code == "too_many_pages" and "超过 2 页" in e.value.message
