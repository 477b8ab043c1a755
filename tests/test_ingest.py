"""Reading report files: every Chinese encoding a report arrives in, and clear errors for the rest.

Each re-encoded seed must decode to exactly the text of the UTF-8 original, record the encoding it
was read in, and audit to the same 200 cells (text, value and line) as the UTF-8 seed. Files that
are not text reports fail with a ReadError whose message is Chinese, and reading never writes.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

from auditapp.api import Status, audit_file, audit_source
from auditapp.ingest import MAX_BYTES, ReadError, read_source
from auditapp.ingest.text import decode_text
from auditapp.source import Source

CJK = re.compile(r"[\u4e00-\u9fff]")
SEED0 = sorted(SAMPLES.glob("*.txt"))[0]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _cells(result) -> dict[str, tuple]:
    """What a cell is: its text, its kind and number, and where it stands."""
    assert result.report is not None, result.error
    return {cid: (c.raw, c.kind, c.number, c.span, c.note) for cid, c in result.report.cells.items()}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---- the encodings reports are saved in ---------------------------------------------------------

# name → (text → bytes, the encodings the reader may report for them)
ENCODINGS = {
    "gbk": (lambda t: t.encode("gbk"), {"gbk", "gb18030"}),
    "utf-8-bom": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), {"utf-8-sig", "utf-8"}),
    "utf-16-le-bom": (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), {"utf-16", "utf-16-le"}),
    "utf-16-be-bom": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), {"utf-16", "utf-16-be"}),
    "utf-16-le-no-bom": (lambda t: t.encode("utf-16-le"), {"utf-16-le"}),
    "utf-16-be-no-bom": (lambda t: t.encode("utf-16-be"), {"utf-16-be"}),
    "crlf-utf-8": (lambda t: t.replace("\n", "\r\n").encode("utf-8"), {"utf-8"}),
    "crlf-gbk": (lambda t: t.replace("\n", "\r\n").encode("gbk"), {"gbk", "gb18030"}),
    "crlf-utf-16": (lambda t: t.replace("\n", "\r\n").encode("utf-16"), {"utf-16", "utf-16-le"}),
}


@pytest.mark.parametrize("variant", sorted(ENCODINGS))
def test_reencoded_seed_reads_and_audits_like_the_utf8_seed(variant, seed_path, tmp_path, expected):
    encode, encodings = ENCODINGS[variant]
    original = _text(seed_path)
    data = encode(original)
    assert data != original.encode("utf-8")  # the variant really is a different byte stream

    decoded, encoding = decode_text(data)
    assert decoded.replace("\r\n", "\n") == original
    assert encoding in encodings

    path = _write(tmp_path, seed_path.name, data)
    source = read_source(str(path))
    assert source.text == original  # line breaks unified to "\n", nothing else changed
    assert source.encoding in encodings
    assert source.newline == ("\r\n" if variant.startswith("crlf") else "\n")

    result = audit_file(str(path))
    reference = audit_file(str(seed_path))
    assert result.status is Status.OK and reference.status is Status.OK
    assert result.source.encoding in encodings
    assert len(result.report.cells) == 200
    assert _cells(result) == _cells(reference)
    # line numbers are those of the fixture (i.e. of the LF text), whatever the line endings
    lines = {cid: c.span.line for cid, c in result.report.cells.items()}
    assert lines == {cid: v["line"] for cid, v in expected[seed_path.name]["cells"].items()}
    assert [(f.rule, f.cells) for f in result.findings] == [(f.rule, f.cells) for f in reference.findings]


def test_crlf_lines_are_the_lines_of_the_lf_text(tmp_path, expected):
    original = _text(SEED0)
    path = _write(tmp_path, "crlf.txt", original.replace("\n", "\r\n").encode("utf-8"))
    result = audit_file(str(path))
    assert result.status is Status.OK
    assert result.source.newline == "\r\n"
    assert "\r" not in result.source.text
    assert result.source.lines == tuple(original.split("\n"))
    cell = result.report.cells["t3.new.natural_person"]
    assert cell.span.line == expected[SEED0.name]["cells"]["t3.new.natural_person"]["line"]
    assert result.source.snippet(cell.span) == cell.raw == "782"


def test_gb18030_with_characters_outside_gbk(tmp_path):
    original = _text(SEED0)
    text = original.replace("一、总体情况\n", "一、总体情况\n本年度“𠮷祥”社区与刘䶮纪念馆均依法公开了政府信息。\n", 1)
    assert text != original
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")  # '𠮷' and '䶮' exist only in GB18030's four-byte range
    data = text.encode("gb18030")

    assert decode_text(data) == (text, "gb18030")
    path = _write(tmp_path, "gb18030.txt", data)
    result = audit_file(str(path))
    assert result.status is Status.OK
    assert result.source.encoding == "gb18030"
    assert result.source.text == text
    assert any("𠮷" in line and "䶮" in line for line in result.source.lines)
    # one line was added above the tables: every cell moves down by one line, nothing else changes
    reference = audit_file(str(SEED0))
    assert len(result.report.cells) == 200
    for cid, cell in reference.report.cells.items():
        moved = result.report.cells[cid]
        assert (moved.raw, moved.number, moved.span.line) == (cell.raw, cell.number, cell.span.line + 1)


TRADITIONAL = "政府資訊公開工作年度報告，本年度共收到申請78件，已全部依法處理。\n" * 12


def test_big5_traditional_paragraph_is_read_as_big5():
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the same bytes are valid GB18030 too: the reader has to choose
    assert decode_text(data) == (TRADITIONAL, "big5")


def test_gbk_paragraph_that_is_also_valid_big5_is_read_as_gb18030():
    text = "政府信息公开工作年度报告\n主动公开政府信息情况\n" * 8
    data = text.encode("gbk")
    data.decode("big5")  # valid Big5 too (as mojibake)
    decoded, encoding = decode_text(data)
    assert decoded == text
    assert encoding in {"gbk", "gb18030"}


def test_big5_report_with_table_rows_is_read_as_big5(tmp_path):
    """A traditional-character report with a pipe table of numbers: the file is read as Big5."""
    text = (
        "某某縣人民政府2023年度政府資訊公開工作年度報告\n"
        + TRADITIONAL
        + "四、政府資訊公開行政複議、行政訴訟情況\n"
        + "行政複議 | 行政訴訟 | |\n"
        + "結果維持 | 結果糾正 | 其他結果 | 尚未審結 | 總計 |\n"
        + "8 | 0 | 0 | 0 | 8 | 2 | 0 | 0 | 1 | 3 | 0 | 0 | 0 | 0 | 0 |\n"
    )
    data = text.encode("big5")
    path = _write(tmp_path, "big5.txt", data)
    source = read_source(str(path))
    assert source.encoding == "big5"
    assert source.text == text
    assert source.lines[-2].startswith("8 | 0")


def test_truncated_utf16_is_refused_clearly(tmp_path):
    data = _text(SEED0).encode("utf-16")[:-1]  # an odd number of bytes after the BOM
    path = _write(tmp_path, "cut.txt", data)
    with pytest.raises(ReadError) as info:
        read_source(str(path))
    assert CJK.search(info.value.message)
    assert "utf-16" in info.value.message.lower()


# ---- files that are not text reports ----------------------------------------------------------


def _random_high_bytes() -> bytes:
    rng = random.Random(20240101)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(4096))  # no NUL, no ASCII


def _random_bytes() -> bytes:
    return random.Random(7).randbytes(4096)


BAD_FILES = {
    "empty": (b"", "empty", "空"),
    "whitespace": (b"  \r\n\t \n\n   ", "empty", "空"),
    "nul-bytes": (b"abc\x00\x01\x02\x03\x00\xff\xfe" * 64, "binary", "二进制"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(64), "unsupported", "PNG"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "truncated", "PDF"),
    "docx-zip": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(20) + b"[Content_Types].xml", "corrupt", "ZIP"),
    "random-high-bytes": (_random_high_bytes(), None, None),
    "random-bytes": (_random_bytes(), None, None),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_non_text_files_fail_with_a_chinese_message(kind, tmp_path):
    data, code, words = BAD_FILES[kind]
    path = _write(tmp_path, f"{kind}.txt", data)
    with pytest.raises(ReadError) as info:
        read_source(str(path))
    err = info.value
    assert err.code and isinstance(err.code, str)
    assert CJK.search(err.message), err.message
    assert str(err) == err.message
    if code is not None:
        assert err.code == code
        assert words in err.message

    result = audit_file(str(path))  # never raises
    assert result.status is Status.FAILED
    assert result.error == err.message
    assert result.report is None and result.findings == []


def test_nonexistent_path_fails_clearly(tmp_path):
    path = tmp_path / "没有这个文件.txt"
    with pytest.raises(ReadError) as info:
        read_source(str(path))
    assert info.value.code == "not_found"
    assert "不存在" in info.value.message
    result = audit_file(str(path))
    assert result.status is Status.FAILED and result.error == info.value.message
    assert not path.exists()


def test_directory_fails_clearly(tmp_path):
    folder = tmp_path / "reports.txt"  # named like a report, but a folder
    folder.mkdir()
    with pytest.raises(ReadError) as info:
        read_source(str(folder))
    assert info.value.code == "is_dir"
    assert "文件夹" in info.value.message
    result = audit_file(str(folder))
    assert result.status is Status.FAILED and result.error == info.value.message


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: costs no disk and no time
    with pytest.raises(ReadError) as info:
        read_source(str(path))
    assert info.value.code == "too_large"
    assert "过大" in info.value.message and "MB" in info.value.message
    assert audit_file(str(path)).status is Status.FAILED


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8,  # what Notepad saves for an empty UTF-8 file
        codecs.BOM_UTF8 + b" \r\n\t\n",
        " \r\n  \n".encode("utf-16"),
        "\u3000\u3000\n\u3000\n".encode("utf-8"),
    ],
    ids=["utf8-bom-only", "utf8-bom-whitespace", "utf16-whitespace", "ideographic-spaces"],
)
def test_empty_after_decoding_is_reported_as_empty(data, tmp_path):
    path = _write(tmp_path, "blank.txt", data)
    with pytest.raises(ReadError) as info:
        read_source(str(path))
    assert info.value.code == "empty"


def test_utf16_le_without_bom_and_without_ascii(tmp_path):
    text = "政府信息公开工作年度报告。本年度共收到申请七十八件，全部依法公开答复。\n" * 10
    data = text.encode("utf-16-le")
    assert b"\x00" in data
    path = _write(tmp_path, "u16.txt", data)
    source = read_source(str(path))
    assert source.text == text
    assert source.encoding == "utf-16-le"


def test_one_bad_byte_in_utf8_report_is_not_called_non_chinese():
    good = _text(SEED0).encode("utf-8")
    data = good[:600] + b"\xff" + good[600:]
    try:
        text, encoding = decode_text(data)
    except ReadError as e:
        assert "不像是中文" not in e.message  # 99.99% of the file is valid Chinese UTF-8
    else:
        assert encoding.startswith("utf-8")
        # the bad byte, plus the character it cut in two (whose bytes each become U+FFFD)
        assert 1 <= text.count("\ufffd") <= 3
        result = audit_source(Source.from_text("x.txt", text, encoding=encoding))
        assert len(result.report.cells) == 200
        warned = [f for f in result.findings if f.rule == "source.replaced_chars"]
        assert len(warned) == 1 and warned[0].params["count"] == text.count("\ufffd")
        assert f"无法按 {encoding} 解码" in warned[0].message("zh")
        assert f"decoded as {encoding} " in warned[0].message("en")


def test_undecodable_bytes_in_a_source_without_an_encoding_are_said_without_naming_one():
    """Word, Excel and PDF sources have no encoding of their own: the message says none."""
    text = _text(SEED0)
    result = audit_source(Source.from_text("x.docx", text[:600] + "\ufffd" + text[600:], encoding=None))
    (warned,) = [f for f in result.findings if f.rule == "source.replaced_chars"]
    assert "无法按其编码解码" in warned.message("zh")
    assert "could not be decoded as text " in warned.message("en")


# ---- reading never writes -------------------------------------------------------------------------


def _fingerprint(path: Path) -> tuple[str, int, int, int]:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size, st.st_mode


def test_reading_and_auditing_never_modify_the_file(tmp_path):
    seed = _text(SEED0)
    files = [
        _write(tmp_path, "utf8.txt", seed.encode("utf-8")),
        _write(tmp_path, "gbk-crlf.txt", seed.replace("\n", "\r\n").encode("gbk")),
        _write(tmp_path, "utf16.txt", seed.encode("utf-16")),
        _write(tmp_path, "bad.txt", seed.replace("| 782 |", "| 781 |", 1).encode("utf-8")),
        _write(tmp_path, "image.txt", BAD_FILES["png"][0]),
        _write(tmp_path, "empty.txt", b""),
    ]
    for f in files:  # an mtime in the past, so a rewrite within the same clock tick would still show
        os.utime(f, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = {f: _fingerprint(f) for f in files}

    for f in files:
        with contextlib.suppress(ReadError):
            read_source(str(f))
        audit_file(str(f))
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    for flags in ([], ["--json"]):
        out = subprocess.run(
            [sys.executable, "-m", "auditapp", "audit", str(tmp_path), *flags],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=60,
        )
        assert out.returncode == 2  # the image and the empty file fail
        assert "Traceback" not in out.stdout + out.stderr

    assert {f: _fingerprint(f) for f in files} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == sorted(f.name for f in files)
