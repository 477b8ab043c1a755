"""Old .doc/.wps/.et/.xls files: converted by LibreOffice when it is installed, otherwise a clear
message. The conversions themselves run only where LibreOffice is (CI does not install it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from decimal import Decimal

import pytest
from conftest import SAMPLES, SEED_NAMES, needs_libreoffice

from auditapp.api import Status, audit_file
from auditapp.docgen import docx as docx_writer
from auditapp.docgen import report_document
from auditapp.docgen import xlsx as xlsx_writer
from auditapp.ingest import ReadError, detect_format, legacy, read_source
from auditapp.parse.reader import parse_report
from auditapp.rules import Severity

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def ole_file(*streams: str) -> bytes:
    """Enough of a compound file for the format to be told: the magic and directory entry names."""
    return OLE + b"\x00" * 504 + b"".join(s.encode("utf-16-le") + b"\x00" * 8 for s in streams)


@pytest.fixture
def no_libreoffice(monkeypatch):
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)


# --- without LibreOffice ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "kind", "save_as"),
    [
        (".doc", "Word", ".docx"),
        (".wps", "WPS 文字", ".docx"),
        (".et", "WPS 表格", ".xlsx"),
        (".xls", "Excel", ".xlsx"),
    ],
)
def test_without_libreoffice_the_message_says_what_the_file_is_and_what_to_do(
    tmp_path, no_libreoffice, suffix, kind, save_as
):
    path = tmp_path / f"报告{suffix}"
    path.write_bytes(ole_file("WordDocument" if save_as == ".docx" else "Workbook"))
    assert detect_format(str(path), path.read_bytes()) == "legacy"
    with pytest.raises(ReadError) as e:
        read_source(str(path))
    assert e.value.code == "needs_libreoffice"
    assert "LibreOffice" in e.value.message and kind in e.value.message and save_as in e.value.message
    assert "旧版" in e.value.message
    result = audit_file(str(path))
    assert result.status is Status.FAILED and result.error == e.value.message


def test_the_kind_of_a_file_without_a_known_suffix_is_told_by_its_streams():
    assert legacy.kind("report", ole_file("Root Entry", "1Table", "WordDocument")) == ("doc", "docx")
    assert legacy.kind("report.bin", ole_file("Root Entry", "Workbook")) == ("xls", "xlsx")
    assert legacy.kind("report.et", ole_file("Root Entry", "WordDocument")) == ("et", "xlsx")  # the suffix first
    with pytest.raises(ReadError) as e:
        legacy.kind("slides", ole_file("PowerPoint Document"))
    assert "PowerPoint" in e.value.message


def test_a_password_protected_docx_or_xlsx_is_told_as_such():
    """Office saves a password-protected .docx as a compound file holding an EncryptedPackage."""
    with pytest.raises(ReadError) as e:
        legacy.read("报告.docx", ole_file("EncryptionInfo", "EncryptedPackage"))
    assert e.value.code == "encrypted" and "密码" in e.value.message


def test_soffice_is_found_by_the_override_then_the_path(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("")
    monkeypatch.setenv(legacy.ENV_SOFFICE, str(fake))
    assert legacy.find_soffice() == str(fake)
    monkeypatch.setenv(legacy.ENV_SOFFICE, str(tmp_path / "missing"))
    assert legacy.find_soffice() is None
    monkeypatch.delenv(legacy.ENV_SOFFICE)
    monkeypatch.setenv("PATH", str(tmp_path))
    fake.chmod(0o755)
    if os.name != "nt":
        assert legacy.find_soffice() == str(fake)


# --- a LibreOffice that misbehaves ----------------------------------------------------------


def fake_soffice(tmp_path, body: str) -> str:
    script = tmp_path / "fake_soffice.py"
    script.write_text(f"import sys, time\n{body}\n", encoding="utf-8")
    if os.name == "nt":
        pytest.skip("a script as soffice needs a POSIX shebang")
    launcher = tmp_path / "soffice"
    launcher.write_text(f'#!/bin/sh\nexec {sys.executable} {script} "$@"\n')
    launcher.chmod(0o755)
    return str(launcher)


def test_a_conversion_that_hangs_is_ended_at_the_time_limit(tmp_path):
    soffice = fake_soffice(tmp_path, "time.sleep(60)")
    started = time.monotonic()
    with pytest.raises(ReadError) as e:
        legacy.convert(soffice, ole_file("WordDocument"), "docx", timeout=1)
    assert time.monotonic() - started < 20
    assert e.value.code == "timeout" and "秒" in e.value.message


def test_a_conversion_that_writes_nothing_says_so(tmp_path):
    soffice = fake_soffice(tmp_path, "sys.exit(1)")
    with pytest.raises(ReadError) as e:
        legacy.convert(soffice, ole_file("WordDocument"), "docx")
    assert e.value.code == "convert_failed" and "LibreOffice" in e.value.message and ".docx" in e.value.message


def test_the_conversion_is_given_a_copy_and_a_profile_of_its_own(tmp_path):
    record = tmp_path / "args.txt"
    soffice = fake_soffice(
        tmp_path,
        f"open({str(record)!r}, 'w').write('\\n'.join(sys.argv[1:]))\n"
        "import pathlib\n"
        "out = pathlib.Path(sys.argv[sys.argv.index('--outdir') + 1]); out.mkdir()\n"
        "(out / 'report.docx').write_bytes(b'converted')",
    )
    assert legacy.convert(soffice, ole_file("WordDocument"), "docx") == b"converted"
    args = record.read_text().split("\n")
    assert args[0].startswith("-env:UserInstallation=file:")
    assert {"--headless", "--convert-to", "docx"} <= set(args)
    assert args[-1].endswith("report.doc")
    assert not os.path.exists(args[-1])  # the temporary folder is gone


# --- with LibreOffice -------------------------------------------------------------------------


def soffice_convert(tmp_path, data: bytes, suffix: str, to: str) -> bytes:
    source = tmp_path / f"in{suffix}"
    source.write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [legacy.find_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
         "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )  # fmt: skip
    return (tmp_path / f"in.{to}").read_bytes()


@pytest.mark.parametrize(
    ("writer", "to", "saved_as", "fmt"),
    [
        pytest.param(docx_writer, "doc", ".wps", "wps", marks=needs_libreoffice("writer")),
        pytest.param(xlsx_writer, "xls", ".et", "et", marks=needs_libreoffice("calc")),
    ],
)
def test_an_old_format_file_is_converted_and_reads_back_all_200_cells(tmp_path, expected, writer, to, saved_as, fmt):
    name = SEED_NAMES[0]
    blocks = report_document(parse_report(read_source(str(SAMPLES / name))))
    old = soffice_convert(tmp_path, writer.write(blocks), writer.SUFFIX, to)
    assert old.startswith(OLE)
    for suffix in (f".{to}", saved_as):
        path = tmp_path / f"report{suffix}"
        path.write_bytes(old)
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        result = audit_file(str(path))
        assert result.status is Status.OK, result.error
        assert result.source.format == (to if suffix == f".{to}" else fmt)
        assert "LibreOffice" in result.source.notes[0]
        cells = expected[name]["cells"]
        assert {cid: result.report.cells[cid].value for cid in cells} == {
            cid: Decimal(str(e["value"])) for cid, e in cells.items()
        }
        assert result.count(Severity.ERROR) == 0
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # the input is never written
