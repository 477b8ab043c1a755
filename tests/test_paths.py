"""Files where inspectors keep them: folders with Chinese names and spaces, long paths, Windows line
endings; through the command line (JSON) and the window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

SEED = SAMPLES / "000_5765c3367762f63e.txt"


def _chinese_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "2023年 政府信息公开 年度报告" / "钱塘区 （区政府）"
    folder.mkdir(parents=True)
    return folder


def _long_path(tmp_path: Path) -> Path:
    """A report more than 260 characters deep (Windows' old MAX_PATH), Chinese names on the way."""
    folder = tmp_path
    while len(str(folder)) < 300:
        folder = folder / "杭州市钱塘区人民政府办公室 政府信息公开工作年度报告 归档材料"
    folder.mkdir(parents=True)
    path = folder / "钱塘区 2023年度 政府信息公开工作年度报告.txt"
    path.write_bytes(SEED.read_bytes())
    assert len(str(path)) > 260
    return path


def _crlf(folder: Path) -> Path:
    path = folder / "Windows 换行 (CRLF).txt"
    path.write_bytes(SEED.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    return path


def _audit_json(*paths: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "auditapp", "audit", *map(str, paths), "--json", "--workers", "0"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def _cells(row: dict) -> dict[str, tuple]:
    return {cid: (c["value"], c["line"]) for cid, c in row["cells"].items()}


@pytest.fixture(scope="module")
def seed_row() -> dict:
    return _audit_json(SEED)[0]


def test_a_report_in_a_folder_with_chinese_and_spaces_is_audited_by_the_cli(tmp_path, seed_row):
    folder = _chinese_folder(tmp_path)
    path = folder / "杭州市 钱塘区 2023年 报告.txt"
    path.write_bytes(SEED.read_bytes())
    by_file, by_folder = _audit_json(path), _audit_json(tmp_path)  # the folder walked, too
    assert [r["file"] for r in by_file] == [r["file"] for r in by_folder] == [str(path)]
    for row in (by_file[0], by_folder[0]):
        assert row["status"] == "ok"
        assert _cells(row) == _cells(seed_row)
        assert len(row["cells"]) == 200


def test_a_report_deeper_than_260_characters_is_audited_by_the_cli(tmp_path, seed_row):
    path = _long_path(tmp_path)
    (row,) = _audit_json(path)
    assert row["file"] == str(path) and row["status"] == "ok"
    assert _cells(row) == _cells(seed_row)


def test_windows_line_endings_give_the_same_cells_on_the_same_lines(tmp_path, seed_row):
    (row,) = _audit_json(_crlf(tmp_path))
    assert row["status"] == "ok"
    assert _cells(row) == _cells(seed_row)
    assert sum(f["severity"] == "error" for f in row["findings"]) == 0


def test_the_workers_take_such_paths_too(tmp_path, seed_row):
    """Two worker processes (spawned, so the paths travel through pickling) over all three kinds."""
    folder = _chinese_folder(tmp_path)
    paths = [_crlf(folder), _long_path(folder)]
    done = subprocess.run(
        [sys.executable, "-m", "auditapp", "audit", str(tmp_path), "--json", "--workers", "2"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert sorted(r["file"] for r in rows) == sorted(map(str, paths))
    assert all(r["status"] == "ok" and _cells(r) == _cells(seed_row) for r in rows)


# ---- the window ----------------------------------------------------------------------------------

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from auditapp.gui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def window(qtbot, qapp, tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    return w


def _click_cell(qtbot, window: MainWindow, cell_id: str) -> None:
    """Click the cell's table tab, then the cell, as the inspector does."""
    report = window.report_view
    view = report.table_views[cell_id.split(".")[0]]
    bar = report.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(report.tabs.indexOf(view)).center())
    assert report.tabs.currentWidget() is view
    index = view.model().index_of(cell_id)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert report.current_cell() == cell_id


@pytest.mark.parametrize("kind", ["chinese and spaces", "long", "crlf"])
def test_the_window_opens_such_a_report_and_points_at_its_numbers(window, tmp_path, kind, expected, qtbot):
    folder = _chinese_folder(tmp_path)
    if kind == "chinese and spaces":
        path = folder / "杭州市 钱塘区 2023年 报告.txt"
        path.write_bytes(SEED.read_bytes())
    else:
        path = _long_path(folder) if kind == "long" else _crlf(folder)
    window.open_paths([str(path)])
    assert window.wait_until_done(60)
    result = window.current
    assert result is not None and result.path == str(path) and result.report is not None
    assert os.path.basename(path) in window.windowTitle()
    want = expected[SEED.name]["cells"]
    assert window.batch.model.index(0, 1).data() == os.path.basename(path)
    source = window.report_view.source
    for cid in ("t2.normative_documents.issued", "t3.new.natural_person", "t4.review.total"):
        _click_cell(qtbot, window, cid)
        assert source.current_line() == want[cid]["line"], cid
        selections = source.extraSelections()  # kept: the cursors live as long as their list
        cursor = selections[-1].cursor
        assert cursor.selectedText() == result.report.cells[cid].raw, cid
