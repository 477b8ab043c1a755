"""Issue 19, names and places: names are data (never a line of their own, never reordering the
terminal, never stopping an export), unlistable folders said, bad limits refused, logs that cannot
be written or disks that fill up are one message and no traceback, and the tests' own log is theirs."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from auditapp import bombs, cli
from auditapp.api import audit_file
from auditapp.export.workbook import ExportError, write_workbook
from auditapp.inputs import iter_inputs, shown
from auditapp.logs import log_path
from auditapp.summary import summary

SEED = SAMPLES / "000_5765c3367762f63e.txt"
FORGED = "报告\n【正常】伪造的报告.txt"


def _cli(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "auditapp", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=120,
    )


def test_shown_escapes_breaks_bidi_and_undecodable_bytes():
    assert shown("a\nb\r\tc") == "a\\x0ab\\x0d\\x09c"
    assert shown("\u202etxt.exe") == "\\u202etxt.exe"
    assert shown("x\u2028y") == "x\\u2028y"
    assert shown(os.fsdecode(b"\xc7\xf8.txt")) == "\ufffd\ufffd.txt"
    assert shown("区卫健委 2023年度报告.txt") == "区卫健委 2023年度报告.txt"


def test_a_name_with_a_line_break_cannot_forge_a_verdict_line(tmp_path):
    path = tmp_path / FORGED
    shutil.copy(SEED, path)
    text = summary(audit_file(str(path)))
    assert not any(line.startswith("【正常】伪造") for line in text.splitlines())
    assert text.splitlines()[0].count("【") == 2  # the real verdict and the name's bracket, on one line


def test_bidi_controls_never_reach_the_terminal(tmp_path):
    path = tmp_path / "\u202etxt.exe\u202c报告.txt"
    shutil.copy(SEED, path)
    run = _cli(["audit", "--workers", "0", str(path)], tmp_path)
    assert "\u202e" not in run.stdout and "\\u202e" in run.stdout


def test_a_hidden_sheets_name_cannot_forge_a_line(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["表二"])
    hidden = wb.create_sheet("x\n【正常】伪造")
    hidden.sheet_state = "hidden"
    path = tmp_path / "report.xlsx"
    wb.save(path)
    text = summary(audit_file(str(path)))
    assert not any(line.startswith("【正常】伪造") for line in text.splitlines()), text


@pytest.mark.skipif(sys.platform == "win32" or sys.platform == "darwin", reason="file names as bytes")
def test_a_name_that_is_not_utf8_does_not_stop_the_export(tmp_path):
    name = os.fsdecode("区卫健委".encode("gbk") + b".txt")
    path = tmp_path / name
    shutil.copy(SEED, path)
    target = tmp_path / "out.xlsx"
    write_workbook([audit_file(str(path)), audit_file(str(SEED))], str(target))
    assert target.exists()
    assert "\ufffd" in summary(audit_file(str(path))).splitlines()[0]


def test_a_folder_that_cannot_be_listed_is_said(tmp_path, monkeypatch, capsys):
    """(Root lists any folder, so the refusal is simulated where os.walk meets it.)"""
    good = tmp_path / "reports"
    locked = good / "locked"
    locked.mkdir(parents=True)
    shutil.copy(SEED, good / "a.txt")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    heard: list[tuple[str, str]] = []
    files = list(iter_inputs([str(good)], on_unlistable=lambda f, m: heard.append((f, m))))
    assert files == [str(good / "a.txt")]
    assert heard and heard[0][0] == str(locked) and "未被审核" in heard[0][1]
    assert list(cli.iter_inputs([str(good)])) == files
    assert "无法列出文件夹" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["--timeout", "nan"],
        ["--timeout", "-1"],
        ["--timeout", "0"],
        ["--timeout", "inf"],
        ["--workers", "-3"],
        ["--memory-limit", "5"],
    ],
)
def test_bad_limits_are_refused(args, tmp_path):
    run = _cli(["audit", *args, str(SEED)], tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "时限" in run.stderr or "进程数" in run.stderr or "内存上限" in run.stderr


def test_a_file_named_like_an_option_cannot_switch_the_limit_off(tmp_path):
    (tmp_path / "--timeout=nan").write_text("x", encoding="utf-8")
    shutil.copy(SEED, tmp_path / "a.txt")
    run = _cli(["audit", *sorted(p.name for p in tmp_path.iterdir())], tmp_path)  # as `auditapp audit *`
    assert run.returncode == 2 and "时限" in run.stderr


def test_an_unwritable_log_is_no_traceback_and_no_dead_worker(tmp_path):
    """The log's folder is a file: nothing can be written there. A PDF whose reading warns (pdfminer
    logs about the odd stream) is still audited in a worker, with no traceback on the console."""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    pdf = tmp_path / "odd.pdf"
    pdf.write_bytes(bombs.pdf(b"BT /F1 12 Tf (x) Tj ET garbage", filtered=False))
    run = _cli(["audit", "--workers", "1", str(pdf), str(SEED)], tmp_path, {"AUDITAPP_LOG_DIR": str(blocked / "x")})
    assert "Traceback" not in run.stderr and "Logging error" not in run.stderr, run.stderr
    assert "审核进程意外退出" not in run.stdout


def test_a_log_file_that_fails_mid_run_is_given_up_quietly(tmp_path, capfd):
    from auditapp.logs import _QuietFileHandler

    handler = _QuietFileHandler(str(tmp_path / "gone" / "auditapp.log"), delay=True)  # its folder never made
    logger = logging.getLogger("auditapp.test-quiet")
    logger.addHandler(handler)
    try:
        logger.error("a warning that cannot be written")
    finally:
        logger.removeHandler(handler)
    assert "Traceback" not in capfd.readouterr().err


def test_a_full_disk_is_one_message_and_no_traceback(tmp_path, monkeypatch, capfd):
    """The disk fills up while the workbook is written: the message, the old file kept, and no
    "Exception ignored in: ZipFile.__del__" on the console."""
    import io

    from auditapp.export import workbook

    class Full(io.FileIO):
        def write(self, data):
            if self.tell() + len(data) > 4096:
                raise OSError(28, "No space left on device")
            return super().write(data)

    monkeypatch.setattr(workbook, "_opened", lambda fd: Full(fd, "wb"))
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the previous workbook")
    with pytest.raises(ExportError, match="No space left"):
        write_workbook([audit_file(str(SEED))], str(target))
    gc.collect()
    err = capfd.readouterr().err
    assert "Exception ignored" not in err and "Traceback" not in err, err
    assert target.read_bytes() == b"the previous workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_the_tests_never_write_the_users_log():
    path = log_path()
    assert path is not None
    home_state = os.path.join(os.path.expanduser("~"), ".local", "state")
    assert not os.path.abspath(path).startswith(home_state)
    assert os.environ.get("LOCALAPPDATA") is None or not path.startswith(os.environ["LOCALAPPDATA"])
