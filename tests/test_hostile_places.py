"""Issue 19, hostile places: inputs never overwritten whatever name reaches them (a hard link, as a
bind mount or a case-insensitive drive would), the review never saved onto an opened report."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from auditapp.api import audit_file
from auditapp.export.workbook import ExportError, write_workbook
from auditapp.inputs import names_an_input, same_file
from auditapp.review import Review, ReviewError, Session, save_session

SEED = SAMPLES / "000_5765c3367762f63e.txt"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _report_and_other_name(tmp_path: Path, suffix: str = ".xlsx") -> tuple[Path, Path]:
    """A report, and a second name of the same file that no string comparison ties to it."""
    report = tmp_path / "in" / f"report{suffix}"
    report.parent.mkdir()
    shutil.copy(SEED, report)
    other = tmp_path / "elsewhere" / f"alias{suffix}"
    other.parent.mkdir()
    os.link(report, other)
    return report, other


def test_same_file_is_by_identity_not_by_name(tmp_path):
    report, other = _report_and_other_name(tmp_path)
    assert same_file(str(report), str(other))
    assert names_an_input(str(other), [str(SEED), str(report)]) == str(report)
    assert not same_file(str(report), str(SEED))
    assert same_file(str(tmp_path / "new.json"), str(tmp_path / "x" / ".." / "new.json"))  # not there yet


def test_the_workbook_is_never_written_onto_an_input_reached_by_another_name(tmp_path):
    report, other = _report_and_other_name(tmp_path)
    before = _digest(report)
    with pytest.raises(ExportError, match="输入的报告文件"):
        write_workbook([audit_file(str(report))], str(other))
    assert _digest(report) == before


def test_the_cli_refuses_an_xlsx_that_is_an_input_by_another_name(tmp_path):
    report, other = _report_and_other_name(tmp_path)
    before = _digest(report)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "auditapp", "audit", "--workers", "0", str(report), "--xlsx", str(other)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert _digest(report) == before
    assert "输入的报告文件" in run.stderr + run.stdout
    assert "Traceback" not in run.stderr


def test_a_session_is_never_saved_onto_a_report_it_names(tmp_path):
    report, other = _report_and_other_name(tmp_path, ".txt")
    before = _digest(report)
    session = Session({(str(report), "rule@x"): Review("confirmed", "")})
    with pytest.raises(ReviewError, match="报告文件"):
        save_session(session, str(other))
    with pytest.raises(ReviewError, match="报告文件"):
        save_session(Session(), str(other), inputs=[str(report)])
    assert _digest(report) == before


@pytest.mark.usefixtures("settings_in_tmp")
def test_save_review_onto_an_opened_report_is_refused_through_the_menu(window, tmp_path, monkeypatch):
    """File › Save Review answered with the opened report's other name: a warning, the report intact."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    report, other = _report_and_other_name(tmp_path, ".txt")
    before = _digest(report)
    window.open_paths([str(report)])
    window.wait_until_done()
    warned: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    window.save_action.trigger()
    assert warned and str(other) in warned[0]
    assert _digest(report) == before
    assert window.session.path != str(other)


def test_a_temporary_workbook_left_by_a_killed_save_is_removed_by_the_next(tmp_path):
    old = tmp_path / ".auditapp-k1ll3d.xlsx"
    old.write_bytes(b"half a workbook")
    os.utime(old, (0, 0))
    recent = tmp_path / ".auditapp-s4v1ng.xlsx"  # another window's save, under way
    recent.write_bytes(b"being written")
    write_workbook([audit_file(str(SEED))], str(tmp_path / "out.xlsx"))
    assert not old.exists() and recent.exists()
