"""Hostile inputs: bounded work on crafted text, limits refused with a message, never a traceback.

Each class of hostile input the robustness issue names has a test here or in test_fuzz.py
(the mutation classes); the README's robustness section lists them.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from auditapp.api import Status, audit_file
from auditapp.ingest import limits, read_source
from auditapp.ingest.document import TableBlock, TableCell, expand
from auditapp.ingest.errors import ReadError
from auditapp.rules import Severity

SEED = SAMPLES / "000_5765c3367762f63e.txt"
CRAFTED = ROOT / "tests" / "crafted.py"


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    """A child with a time limit: a regression that explodes fails the test instead of hanging it."""
    try:
        return subprocess.run(
            [sys.executable, *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=timeout
        )
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("utf-8", "replace") if isinstance(e.stdout, bytes) else e.stdout or ""
        last = out.strip().splitlines()[-1:] or ["(nothing)"]
        pytest.fail(f"still running after {timeout:g} s; the last finished: {last[0]}")


# ---- bounded work ----------------------------------------------------------------------------


def test_no_regular_expression_backtracks_on_crafted_text():
    """Every pattern of the core, on prefixes of what it matches padded with 4,000 and 32,000
    characters of what could follow: the time grows with the text, not with its square."""
    out = _run([str(CRAFTED)], timeout=240)
    lines = out.stdout.splitlines()
    exploding = [line for line in lines if line.startswith("EXPLODES")]
    assert not exploding, "\n".join(exploding)
    assert out.returncode == 0, out.stderr
    checked = [line for line in lines if line.startswith("linear")]
    assert len(checked) >= 40  # every module-level pattern of the core was found and timed
    assert any("TIME_MARKERS" in line for line in checked)


def test_crafted_reports_are_audited_in_bounded_time():
    """Reports with a 300,000-character run where work could grow faster than the text (spaces
    in a title, a date field or after a page mark took minutes before their patterns were fixed)."""
    out = _run([str(CRAFTED), "--reports", "300000"], timeout=120)
    assert out.returncode == 0, out.stderr
    rows = [line.split() for line in out.stdout.splitlines()]
    assert len(rows) == 15
    for name, chars, seconds, status in rows:
        assert int(chars) > 240_000, name
        assert status in ("ok", "partial"), name  # the seed's tables are still read
        assert float(seconds.rstrip("s")) < 20, name  # each takes well under a second when quiet


def test_text_too_long_to_be_a_report_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    seed = SEED.read_text(encoding="utf-8")
    path.write_text(seed + "\n" + "申" * limits.MAX_TEXT_CHARS, encoding="utf-8")
    result = audit_file(str(path))
    assert result.status is Status.FAILED
    assert "文字内容过长" in result.error and "200 万字" in result.error


def test_a_huge_row_or_column_span_is_clipped_as_browsers_clip_it():
    table = TableBlock([[TableCell("a", rowspan=10**9, colspan=10**9)], [TableCell("b")], [TableCell("c")]])
    grid = expand(table)
    assert len(grid) == 3  # the row span ends with the table
    assert all(len(row) == limits.MAX_COLSPAN + 1 for row in grid)  # b and c stand after the span
    assert grid[2][limits.MAX_COLSPAN].text == "c"


def test_a_table_of_too_many_cells_is_refused():
    rows = [[TableCell("x", colspan=limits.MAX_COLSPAN)] for _ in range(limits.MAX_TABLE_CELLS // limits.MAX_COLSPAN)]
    rows.append([TableCell("x")])
    with pytest.raises(ReadError) as info:
        expand(TableBlock(rows))
    assert "表格过大" in info.value.message


# ---- zip containers (docx, xlsx) --------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return path


def test_zip_bomb_inflating_a_thousandfold_is_refused_before_reading(tmp_path):
    bomb = _zip(tmp_path / "bomb.docx", {"word/document.xml": b"\0" * (200 * 1024 * 1024)})
    assert bomb.stat().st_size < 1024 * 1024
    result = audit_file(str(bomb))
    assert result.status is Status.FAILED
    assert "压缩炸弹" in result.error and "word/document.xml" in result.error


def test_zip_with_too_many_members_is_refused(tmp_path):
    members = {"xl/workbook.xml": b"<workbook/>"} | {f"xl/p{k}.xml": b"" for k in range(limits.MAX_ZIP_MEMBERS)}
    path = _zip(tmp_path / "many.xlsx", members, zipfile.ZIP_STORED)
    result = audit_file(str(path))
    assert result.status is Status.FAILED
    assert f"{limits.MAX_ZIP_MEMBERS + 1} 个部件" in result.error and "Excel 文件" in result.error


def test_zip_inflating_past_the_total_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ZIP_UNCOMPRESSED", 1024 * 1024)
    members = {"word/document.xml": os.urandom(700 * 1024), "word/media/image1.png": os.urandom(700 * 1024)}
    result = audit_file(str(_zip(tmp_path / "large.docx", members)))
    assert result.status is Status.FAILED
    assert "解压后共 1 MB" in result.error and "上限" in result.error


def test_an_ordinary_zip_container_passes_the_guard():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document>" + "<w:p><w:r><w:t>政府信息公开</w:t></w:r></w:p>" * 5000)
        z.writestr("word/media/image1.png", os.urandom(300 * 1024))
    with zipfile.ZipFile(data) as z:
        limits.check_zip(z, "Word 文件")  # raises nothing


FORMATS = ROOT / "resources" / "samples" / "formats"


def _rewrite(data: bytes, name: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            zout.writestr(item.filename, change(body) if item.filename == name else body)
    return out.getvalue()


def test_a_merge_over_a_whole_sheet_is_refused_not_expanded(tmp_path):
    """A1:XFD1048576 and a value in its far corner: 17 billion positions, refused at once."""
    xlsx = (FORMATS / "000_5765c3367762f63e.xlsx").read_bytes()

    def bomb(xml: bytes) -> bytes:
        corner = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        xml = xml.replace(b"</sheetData>", corner)
        at = xml.index(b">", xml.index(b"<mergeCells")) + 1
        return xml[:at] + b'<mergeCell ref="A2:XFD1048576"/>' + xml[at:]

    path = tmp_path / "merge.xlsx"
    path.write_bytes(_rewrite(xlsx, "xl/worksheets/sheet1.xml", bomb))
    result = audit_file(str(path))
    assert result.status is Status.FAILED
    assert "合并单元格过大" in result.error


def test_a_corrupt_deflate_stream_in_a_docx_is_a_read_error(tmp_path):
    data = bytearray((FORMATS / "000_5765c3367762f63e.docx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 10, start + 60):  # inside the member's deflate stream
        data[k] ^= 0x5A
    path = tmp_path / "deflate.docx"
    path.write_bytes(bytes(data))
    result = audit_file(str(path))
    assert result.status is Status.FAILED
    assert result.error.startswith("Word 文件已损坏") and "内部错误" not in result.error


def _patch_directory(data: bytes, offset: int, value: int) -> bytes:
    """Every central directory entry's 2-byte field at `offset` set to `value`."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        out[at + offset : at + offset + 2] = value.to_bytes(2, "little")
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize(("field", "offset", "value"), [("version", 6, 0x7F), ("compression", 10, 99)])
def test_a_zip_of_an_unknown_version_or_compression_is_a_read_error(tmp_path, fmt, field, offset, value):
    """Found by the fuzz suite: zipfile raises NotImplementedError, which no reader expected."""
    data = _patch_directory((FORMATS / f"000_5765c3367762f63e.{fmt}").read_bytes(), offset, value)
    path = tmp_path / f"{field}.{fmt}"
    path.write_bytes(data)
    result = audit_file(str(path))
    assert result.status is Status.FAILED
    assert "内部错误" not in result.error and ("损坏" in result.error or "无法打开" in result.error)


def _audit_within(path: Path, seconds: float):
    """audit_file in a worker process with a time limit: a regression times out, never hangs."""
    from auditapp.api import failed_result
    from auditapp.batch import Batch

    ((_, _, result),) = list(Batch([str(path)], audit_file, failed_result, workers=1, timeout=seconds))
    return result


def test_a_row_numbered_past_excels_last_row_neither_hangs_nor_crashes(tmp_path):
    """Found by the fuzz suite: openpyxl fills the rows a sheet skips, up to row 18446744073709551617."""
    xlsx = (FORMATS / "000_5765c3367762f63e.xlsx").read_bytes()
    path = tmp_path / "rows.xlsx"
    path.write_bytes(
        _rewrite(
            xlsx, "xl/worksheets/sheet1.xml", lambda x: x.replace(b'<row r="40"', b'<row r="18446744073709551617"')
        )
    )
    result = _audit_within(path, 30)
    assert "审核超过" not in (result.error or "")
    assert result.report is not None and result.report.cells  # the rows before it are read


def test_a_long_run_of_spaces_in_a_pdf_stream_is_decoded_in_linear_time(tmp_path):
    """Found by the fuzz suite: pdfminer's ASCII85 markers backtracked over every space
    (200,000 spaces: 39 s). The content stream is still read whole."""
    import re as regex

    data = (FORMATS / "000_5765c3367762f63e.pdf").read_bytes()
    at = data.find(b"/ASCII85Decode")
    m = regex.compile(rb"/Length (\d+)\n>>\nstream\n").search(data, at)
    start, length = m.end(), int(m.group(1))
    half = (length - 2) // 2
    stream = data[start : start + half] + b" " * 200_000 + data[start + half : start + length]
    path = tmp_path / "spaces.pdf"
    path.write_bytes(data[: m.start()] + b"/Length %d\n>>\nstream\n" % len(stream) + stream + data[start + length :])
    result = _audit_within(path, 20)
    assert result.error is None and len(result.report.cells) == 200


def test_a_font_width_range_of_a_quintillion_characters_is_clipped(tmp_path):
    """Found by the fuzz suite: pdfminer fills in every character of a /W range."""
    data = (FORMATS / "000_5765c3367762f63e.pdf").read_bytes()
    assert data.count(b"/W [ ") >= 1
    path = tmp_path / "widths.pdf"
    path.write_bytes(data.replace(b"/W [ ", b"/W [ 70000 999999999999999999999999999999 462 ", 1))
    result = _audit_within(path, 20)
    assert result.error is None and len(result.report.cells) == 200


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY secret SYSTEM "file://SECRET">
 <!ENTITY remote SYSTEM "SERVER/entity">
]>
"""


@pytest.fixture
def listener():
    """A local port that records every connection made to it: nothing may be fetched."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    hits: list[str] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append("connected")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", hits
    stop.set()
    thread.join(2)
    server.close()


@pytest.mark.parametrize(("fmt", "part"), [("docx", "word/document.xml"), ("xlsx", "xl/worksheets/sheet1.xml")])
def test_xml_entities_are_neither_expanded_nor_fetched(tmp_path, listener, fmt, part):
    """Billion laughs, a local file and a URL declared as entities in the document's own XML."""
    url, hits = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("机密 31337", encoding="utf-8")
    prolog = BILLION_LAUGHS.replace(b"SECRET", str(secret).encode()).replace(b"SERVER", url.encode())

    def hostile(xml: bytes) -> bytes:
        body = xml[xml.index(b"?>") + 2 :] if xml.startswith(b"<?xml") else xml
        return prolog + body.replace(b"</", b"&lol9;&secret;&remote;</", 1)

    path = tmp_path / f"entities.{fmt}"
    path.write_bytes(_rewrite((FORMATS / f"000_5765c3367762f63e.{fmt}").read_bytes(), part, hostile))
    result = audit_file(str(path))
    assert hits == []
    text = result.source.text if result.source else ""
    assert "lollol" not in text and "31337" not in text
    # Word and Excel never write a DTD: a part that declares one is refused, and the parsers
    # (lxml without entities or network, openpyxl through defusedxml) would not expand it anyway
    assert result.status is Status.FAILED and "不安全的 XML" in result.error


def _pdf_of_empty_pages(n: int) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + k} 0 R" for k in range(n)).encode()
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n)
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for k, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (k, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_a_pdf_of_fifty_thousand_pages_is_refused_after_reading_a_few_hundred(tmp_path, monkeypatch):
    from pdfminer.pdfpage import PDFPage

    from auditapp.ingest import pdf as pdf_reader

    built = []
    real_init = PDFPage.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(PDFPage, "__init__", counting)
    path = tmp_path / "pages.pdf"
    path.write_bytes(_pdf_of_empty_pages(50_000))
    result = audit_file(str(path))
    assert result.status is Status.FAILED
    assert f"超过 {pdf_reader.MAX_PAGES} 页" in result.error
    assert len(built) <= pdf_reader.MAX_PAGES + 1  # not 50,000: pages are counted lazily, up to the limit


# ---- every refusal is a message: CLI, JSON ---------------------------------------------------


def _hostile_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(limits.MAX_BYTES + 1)  # sparse
    long = tmp_path / "long.txt"
    long.write_text("申" * (limits.MAX_TEXT_CHARS + 1), encoding="utf-8")
    bomb = _zip(tmp_path / "bomb.docx", {"word/document.xml": b"\0" * (100 * 1024 * 1024)})
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    nuls = tmp_path / "nuls.txt"
    nuls.write_bytes(b"\0" * 5000)
    return {
        "too_large": (big, "文件过大"),
        "too_long": (long, "文字内容过长"),
        "zip_bomb": (bomb, "压缩炸弹"),
        "broken_zip": (broken, "无法打开"),
        "binary": (nuls, "二进制"),
    }


def test_every_refusal_is_a_specific_message_in_the_cli_and_the_json(tmp_path):
    files = _hostile_files(tmp_path)
    paths = [str(p) for p, _ in files.values()]
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PYTHONIOENCODING": "utf-8"}
    for extra in ([], ["--json"]):
        out = subprocess.run(
            [sys.executable, "-m", "auditapp", "audit", *paths, *extra, "--workers", "0"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=120,
        )
        assert out.returncode == 2
        assert "Traceback" not in out.stdout + out.stderr
        for path, words in files.values():
            assert words in out.stdout, (path.name, out.stdout)
        if extra:
            objects = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
            assert [o["status"] for o in objects] == ["failed"] * len(files)
            for o, (_, words) in zip(objects, files.values(), strict=True):
                assert words in o["error"]


def test_every_refusal_is_a_specific_message_in_the_window(qtbot, tmp_path, settings_in_tmp, no_modal_dialogs):
    from PySide6.QtCore import Qt

    from auditapp.gui.batch_model import NAME, VERDICT
    from auditapp.gui.main_window import MainWindow

    files = _hostile_files(tmp_path)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_paths([str(p) for p, _ in files.values()])  # five files: the worker processes
    assert window.wait_until_done(120)
    batch = window.batch
    assert batch.model.rowCount() == len(files)
    for row, (path, words) in enumerate(files.values()):
        name = batch.model.index(row, NAME)
        tooltip = name.data(Qt.ItemDataRole.ToolTipRole)
        assert name.data() == path.name and words in tooltip, (name.data(), tooltip)
        assert batch.model.index(row, VERDICT).data() in ("无法读取", "Unreadable")
        index = batch.proxy.mapFromSource(name)
        batch.view.scrollTo(index)
        qtbot.mouseClick(batch.view.viewport(), Qt.MouseButton.LeftButton, pos=batch.view.visualRect(index).center())
        assert window.current is batch.model.result(row)
        source = window.report_view.source.toPlainText()
        assert words in source  # the pane says why, where the text would be
        assert words in window.statusBar().currentMessage()
        assert "Traceback" not in source
        pane = window.findings
        assert pane.counts.text() in ("未审核", "Not audited")  # not "errors 0": it was never audited
        assert pane.view.placeholder in ("未审核：无法读取此文件。", "Not audited: the file could not be read.")
        assert words in pane.detail.toPlainText()  # the reason, whole, where a finding would be read


# ---- hostile values, end to end --------------------------------------------------------------


def _with(tmp_path: Path, old: str, new: str) -> Path:
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "report.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("huge", ["1" + "0" * 400, "9" * 5000, "18446744073709551617"])
def test_a_huge_number_is_never_taken_as_a_count_nor_crashes(tmp_path, huge):
    """More digits than any count: not a number to add up (nor to print: Python refuses to turn
    integers of over 4,300 digits into text, which crashed the JSON and the messages)."""
    from auditapp.export.jsonl import dumps

    result = audit_file(str(_with(tmp_path, "| 782 | 8 |", f"| {huge} | 8 |")))
    assert result.status in (Status.OK, Status.PARTIAL)
    assert all(c.number is None or abs(c.number) < 10**15 for c in result.report.cells.values())
    assert json.loads(dumps(result))["status"] == result.status.value
    assert all(f.message("zh") and f.message("en") for f in result.findings)


def test_a_twenty_digit_number_is_an_unreadable_value_in_its_cell(tmp_path):
    result = audit_file(str(_with(tmp_path, "| 782 | 8 |", "| 18446744073709551617 | 8 |")))
    assert result.status is Status.OK
    cell = result.report.cells["t3.new.natural_person"]
    assert cell.raw == "18446744073709551617" and cell.number is None
    unreadable = [f for f in result.findings if f.rule == "value.unreadable"]
    assert [f.cells for f in unreadable] == [("t3.new.natural_person",)]


def test_a_large_but_plausible_number_is_still_a_number(tmp_path):
    result = audit_file(str(_with(tmp_path, "| 782 | 8 |", "| 999999999999999 | 8 |")))
    assert result.report.cells["t3.new.natural_person"].number == 999_999_999_999_999
    assert any(f.severity is Severity.ERROR for f in result.findings)  # the totals no longer add up


@pytest.mark.parametrize(("written", "rule"), [("-782", "value.negative"), ("782.5", "value.not_whole")])
def test_negative_and_fractional_counts_are_findings(tmp_path, written, rule):
    result = audit_file(str(_with(tmp_path, "| 782 | 8 |", f"| {written} | 8 |")))
    assert result.status is Status.OK
    assert [f.cells for f in result.findings if f.rule == rule] == [("t3.new.natural_person",)]


def test_labels_with_nothing_after_them_are_named_as_missing(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    row = next(line for line in text.split("\n") if "(一)予以公开" in line)
    path = tmp_path / "labels.txt"
    path.write_text(text.replace(row, row[: row.index("予以公开") + 4]), encoding="utf-8")
    result = audit_file(str(path))
    assert result.status is Status.PARTIAL and result.error is None
    missing = {c for f in result.findings if f.rule.startswith("structure.") for c in f.cells}
    assert {f"t3.granted.{c}" for c in ("natural_person", "business", "total")} <= missing
    assert result.report.cells["t3.new.natural_person"].number == 782  # the other rows are read


def test_reading_never_opens_the_input_for_writing(tmp_path, monkeypatch):
    import builtins

    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes())
    modes: list[tuple[str, str]] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, mode="r", *args, **kwargs):
        modes.append((str(file), mode))
        return real_open(file, mode, *args, **kwargs)

    def spy_os_open(file, flags, *args, **kwargs):
        modes.append((str(file), "w" if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC) else "r"))
        return real_os_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    read_source(str(path))
    audit_file(str(path))
    mine = [mode for file, mode in modes if file == str(path)]
    assert mine and all(set(mode) <= {"r", "b"} for mode in mine), mine


def test_a_cell_of_thousands_of_group_labels_does_not_overflow_the_stack(tmp_path):
    """Found by the fuzz suite: each group label's tail was read as a label again, one call
    deeper, until Python's recursion limit."""
    text = SEED.read_text(encoding="utf-8")
    row = "三、本年度办理结果 | (一)予以公开"
    assert row in text
    path = tmp_path / "labels.txt"
    path.write_text(text.replace(row, "三、本年度办理结果" * 3000 + " | (一)予以公开", 1), encoding="utf-8")
    result = audit_file(str(path))
    assert result.error is None and result.status in (Status.OK, Status.PARTIAL)
    assert result.report.cells["t3.new.natural_person"].number == 782
