"""Issue 19, memory: a ceiling per file in every worker (and the window's thread), and readers that
stop early on crafted bombs. Bombs are kept small (hundreds of MB inflated) and the ceilings low,
so a missing limit shows without the machine paying gigabytes."""

from __future__ import annotations

import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from conftest import SAMPLES
from hostile_jobs import GreedyJob

from auditapp import bombs
from auditapp.api import Status, audit_file, failed_result
from auditapp.batch import Batch
from auditapp.ingest import read_source
from auditapp.ingest.errors import ReadError
from auditapp.watchdog import MemoryLimitExceeded, memory_limit

SEED = SAMPLES / "000_5765c3367762f63e.txt"
MB = 1024 * 1024


def _peak_mb(read) -> tuple[object, float]:
    """What `read()` returns (or raises), and the peak of Python's allocations meanwhile, in MB."""
    tracemalloc.start()
    try:
        try:
            outcome: object = read()
        except ReadError as e:
            outcome = e
        return outcome, tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# ---- a ceiling per worker ----------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(__import__("os"), "sched_getaffinity"), reason="RLIMIT_AS: POSIX")
def test_a_worker_past_its_memory_ceiling_fails_that_file_alone_and_stays_under_it(tmp_path):
    """A reader that never stops asks for 4 GB: under a 400 MB ceiling it is that file's failure,
    said so; the worker's peak resident memory stays under the ceiling; the next files are audited."""
    greedy = _write(tmp_path, "greedy.txt", SEED.read_bytes())
    peak = _write(tmp_path, "peak.txt", b"x")
    good = _write(tmp_path, "good.txt", SEED.read_bytes())
    out = {p: r for _, p, r in Batch([greedy, peak, good], GreedyJob(), failed_result, workers=1, memory_mb=400)}
    assert out[greedy].status is Status.FAILED
    assert "内存" in out[greedy].error and "400 MB" in out[greedy].error
    assert 0 < int(out[peak].error) < 400, f"the worker peak was {out[peak].error} MB"
    assert out[good].status is not Status.FAILED


def test_the_default_ceiling_leaves_real_reports_alone(tmp_path):
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))[:3]]
    results = [r for _, _, r in Batch(paths, audit_file, failed_result, workers=1)]
    assert all(r.status is not Status.FAILED for r in results), [r.error for r in results]


def test_the_windows_thread_is_stopped_when_its_memory_grows_past_the_limit():
    """The window audits up to four files in a thread; there the growth of the process is watched."""
    hoard: list[bytearray] = []
    started = time.monotonic()
    with pytest.raises(MemoryLimitExceeded), memory_limit(200, poll=0.01):
        for _ in range(40):  # 40 × 32 MB, touched so it is resident
            hoard.append(bytearray(b"\1" * (32 * MB)))
            time.sleep(0.02)
    grown = len(hoard) * 32
    hoard.clear()
    assert grown <= 200 + 3 * 32, f"stopped only after {grown} MB"
    assert time.monotonic() - started < 10


def test_a_memory_error_is_the_files_failure_with_a_message(tmp_path, monkeypatch):
    import auditapp.api as api

    def greedy(path):
        raise MemoryError

    monkeypatch.setattr(api, "read_source", greedy)
    result = api.audit_file(str(SEED))
    assert result.status is Status.FAILED and "内存" in result.error and "内部错误" not in result.error


# ---- readers stop early ------------------------------------------------------------------------


def test_a_docx_whose_deflate_data_runs_past_its_declared_size_is_read_in_bounded_memory(tmp_path):
    """document.xml declared (size, CRC) as a small body, its deflate data 256 MB more: zipfile
    inflated up to 1 GiB in one call before cutting it to the declared size."""
    path = _write(tmp_path, "lying.docx", bombs.docx_lying(256 * MB))
    _outcome, peak = _peak_mb(lambda: read_source(path))
    assert peak < 64, f"peak {peak:.0f} MB"


def test_a_docx_body_of_millions_of_empty_paragraphs_is_refused_before_parsing(tmp_path):
    path = _write(tmp_path, "paragraphs.docx", bombs.docx_paragraphs(6_000_000))
    outcome, peak = _peak_mb(lambda: read_source(path))
    assert isinstance(outcome, ReadError) and "word/document.xml" in outcome.message, outcome
    assert peak < 64, f"peak {peak:.0f} MB"


def test_a_pdf_stream_inflating_to_hundreds_of_mb_is_refused_in_bounded_memory(tmp_path):
    path = _write(tmp_path, "inflation.pdf", bombs.pdf_inflation(256 * MB))
    outcome, peak = _peak_mb(lambda: read_source(path))
    assert isinstance(outcome, ReadError) and "解压后超过" in outcome.message, outcome
    assert peak < 200, f"peak {peak:.0f} MB"


def test_one_text_run_of_a_million_characters_is_refused(tmp_path):
    path = _write(tmp_path, "run.pdf", bombs.pdf_long_run(400_000))
    with pytest.raises(ReadError, match="字符的上限"):
        read_source(path)


def test_form_xobjects_drawing_each_other_are_refused(tmp_path):
    path = _write(tmp_path, "fanout.pdf", bombs.pdf_fanout(5, 16))  # 65,536 leaf draws
    started = time.monotonic()
    with pytest.raises(ReadError, match="图形对象绘制"):
        read_source(path)
    assert time.monotonic() - started < 20


def test_a_deeply_nested_mht_and_text_less_charsets_are_messages_not_internal_errors(tmp_path):
    for name, data in (
        ("deep.mht", bombs.mht_nested(3000)),
        ("idna.html", bombs.html_charset("idna")),
        ("undefined.html", bombs.html_charset("undefined")),
    ):
        result = audit_file(_write(tmp_path, name, data))
        assert "内部错误" not in (result.error or ""), (name, result.error)


def test_the_watch_never_fires_after_its_block(tmp_path):
    """The watch stops with the block: memory taken afterwards is not the block's."""
    with memory_limit(10_000, poll=0.01):
        pass
    hoard = bytearray(b"\1" * (64 * MB))
    time.sleep(0.1)
    del hoard
    assert threading.active_count() < 50


def test_the_copy_checks_minhash_of_a_huge_narrative_takes_little_memory(tmp_path):
    """A report followed by 500,000 random CJK characters: the copy check's MinHash hashed every
    shingle with every hash function at once (470 MB here, 1.9 GB for 2 million characters)."""
    import random

    path = _write(tmp_path, "narrative.txt", bombs.text_narrative(SEED.read_bytes(), 500_000, random.Random(1)))
    from auditapp.rules.crosscopy import minhash

    result = audit_file(path)
    digest, peak = _peak_mb(result.digest)
    assert digest is not None and len(digest.shingles) > 400_000
    assert peak < 120, f"peak {peak:.0f} MB"
    signed, peak = _peak_mb(lambda: minhash(digest.shingles))  # as a batch's copy check signs it
    assert len(signed) == 60
    assert peak < 120, f"peak {peak:.0f} MB"


def test_a_workers_temporary_folder_is_removed_when_the_time_limit_kills_it(tmp_path):
    from hostile_jobs import ScratchJob

    path = _write(tmp_path, "report.xls", b"x")
    out = [r for _, _, r in Batch([path], ScratchJob(), failed_result, workers=1, timeout=3)]
    assert out[0].status is Status.FAILED and "审核超过" in out[0].error
    folder = Path(path + ".where").read_text(encoding="utf-8")
    assert folder and not Path(folder).exists()


def test_a_number_format_of_a_million_decimal_places_costs_nothing(tmp_path):
    """A 13 KB .xlsx whose cells ask for 1,000,000 decimal places: each cell's text was a megabyte."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in range(1, 201):
        ws.cell(row, 1, 1.5).number_format = "0." + "0" * 1_000_000
    path = tmp_path / "decimals.xlsx"
    wb.save(path)
    _outcome, peak = _peak_mb(lambda: read_source(str(path)))
    assert peak < 100, f"peak {peak:.0f} MB"


def _xlsx_with(tmp_path: Path, name: str, part: str, xml: bytes) -> str:
    """The first seed's workbook (docgen) with one part replaced by `xml`."""
    import zipfile

    from auditapp.docgen import report_document
    from auditapp.docgen import xlsx as docgen_xlsx

    plain = tmp_path / f"plain-{name}"
    report = audit_file(str(SAMPLES / "000_5765c3367762f63e.txt")).report
    plain.write_bytes(docgen_xlsx.write(report_document(report)))
    out = tmp_path / name
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, xml if item.filename == part else src.read(item.filename))
    return str(out)


def test_an_xlsx_of_two_million_cell_styles_is_refused_in_bounded_memory(tmp_path):
    """0.9 MB on disk, 3.1 GB in a worker and then audited 正常 (issue 19, item 2)."""
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    styles = (
        b'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><cellXfs count="2000000">' + xf * 2_000_000 + b"</cellXfs></styleSheet>"
    )
    path = _xlsx_with(tmp_path, "styles.xlsx", "xl/styles.xml", styles)
    outcome, peak = _peak_mb(lambda: read_source(path))
    assert isinstance(outcome, ReadError) and "styles.xml" in outcome.message, outcome
    assert peak < 64, f"peak {peak:.0f} MB"


def test_an_xlsx_sheet_of_half_a_million_rows_is_refused_in_bounded_memory(tmp_path):
    """545,333 × 16 cells: 1 GB until the time limit (issue 19, item 2)."""
    row = b"".join(b'<c r="%s%d"><v>1</v></c>' % (bytes([65 + k]), 0) for k in range(16))
    rows = b"".join(b'<row r="%d">' % r + row.replace(b"0</", b"</") + b"</row>" for r in range(1, 545_334))
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )
    path = _xlsx_with(tmp_path, "rows.xlsx", "xl/worksheets/sheet1.xml", sheet)
    outcome, peak = _peak_mb(lambda: read_source(path))
    assert isinstance(outcome, ReadError), outcome
    assert peak < 96, f"peak {peak:.0f} MB"
