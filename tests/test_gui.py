"""The window (pytest-qt, offscreen): every cell leads to its source line; findings to their cells."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("PySide6.QtWidgets")

from conftest import SAMPLES
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from auditapp.api import audit_file
from auditapp.gui.grouped_header import HEADER_GROUP_ROLE, GroupedHeader
from auditapp.gui.main_window import MainWindow
from auditapp.gui.models import CELL_ID_ROLE, FindingsModel, ReportTableModel
from auditapp.rules import Severity

SEED0 = SAMPLES / "000_5765c3367762f63e.txt"


@pytest.fixture(scope="module", autouse=True)
def chinese(qapp):
    """These tests read the window's texts in Chinese, the default language: install it."""
    from auditapp.gui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


pytestmark = pytest.mark.usefixtures("settings_in_tmp")  # conftest: QSettings in a temporary folder


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    return w


def open_one(window: MainWindow, path) -> None:
    window.open_paths([str(path)])
    window.wait_until_done()
    assert window.current is not None and window.current.path == str(path)


def test_every_cell_puts_the_source_cursor_on_its_line(window, seed_path, expected):
    open_one(window, seed_path)
    cells = expected[seed_path.name]["cells"]
    for cid, want in cells.items():
        window.select_cell(cid)
        view = window.table_views[cid.split(".")[0]]
        assert view.currentIndex().data(CELL_ID_ROLE) == cid
        assert window.source.current_line() == want["line"], cid
    assert len(cells) == 200


def test_a_fault_shows_the_suspect_and_its_finding_selects_it(window, tmp_path):
    path = tmp_path / "fault.txt"
    path.write_text(SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |"), encoding="utf-8")
    open_one(window, path)
    model = window.table_models["t3"]
    index = model.index_of("t3.new.natural_person")
    brush = model.data(index, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(brush, QBrush) and brush.color().name().upper() == "#FF7C80"
    assert "最可能有误" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index_of("t3.granted.natural_person"), Qt.ItemDataRole.BackgroundRole) is None
    errors = [k for k, f in enumerate(window.findings_model.findings) if f.severity is Severity.ERROR]
    assert errors
    window.findings_view.setCurrentIndex(window.findings_model.index(errors[0], 0))
    window.show_finding(window.findings_model.findings[errors[0]])
    assert window.table_views["t3"].currentIndex().data(CELL_ID_ROLE) == "t3.new.natural_person"
    assert window.source.current_line() == 37
    assert "已办结" not in window.source.textCursor().block().text()


def test_f8_steps_through_the_findings(window, tmp_path, qtbot):
    path = tmp_path / "two.txt"
    text = SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |").replace("764件已办结", "765件已办结")
    path.write_text(text, encoding="utf-8")
    open_one(window, path)
    rows = window.findings_model.rowCount()
    assert rows >= 3
    seen = []
    for _ in range(rows + 1):
        qtbot.keyClick(window, Qt.Key.Key_F8)
        seen.append(window.findings_view.currentIndex().row())
    assert seen == [*range(rows), 0]
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.findings_view.currentIndex().row() == rows - 1


def test_a_bad_file_among_good_ones_shows_its_message(window, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    window.open_paths([str(SEED0), str(bad)])
    window.wait_until_done()
    assert window.files.count() == 2
    assert window.files.item(0).text().startswith("【正常】")
    assert window.files.item(1).text().startswith("【无法读取】")
    window.files.setCurrentRow(1)
    assert "PNG" in window.source.toPlainText()


def test_models_pass_qtmodeltester(qtmodeltester, tmp_path):
    path = tmp_path / "fault.txt"
    path.write_text(SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |"), encoding="utf-8")
    result = audit_file(str(path))
    for table in result.report.template.tables:
        qtmodeltester.check(ReportTableModel(result, table))
    qtmodeltester.check(FindingsModel(result))
    qtmodeltester.check(FindingsModel())


@pytest.mark.parametrize("all_reports", [True, False])
def test_export_this_report_or_all_of_them(window, tmp_path, monkeypatch, qtbot, all_reports):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.open_paths([str(p) for p in sorted(SAMPLES.glob("*.txt"))[:2]])
    window.wait_until_done()
    window.files.setCurrentRow(1)
    if all_reports:
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Ctrl+E
    else:
        window.export_one.trigger()
    wb = load_workbook(target)
    summary = wb["审核汇总"]
    files = [summary.cell(r, 2).value for r in range(2, summary.max_row + 1) if summary.cell(r, 2).value]
    names = [os.path.basename(r.path) for r in window.results]  # never the inspector's folders (issue 16)
    assert files == (names[:2] if all_reports else [names[1]])


def test_export_to_a_workbook_open_elsewhere_says_so(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "out.xlsx"), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    open_one(window, SEED0)
    (tmp_path / "~$out.xlsx").write_text("lock")  # what Excel leaves beside a workbook it has open
    assert window.export(all_reports=True) is None
    assert len(shown) == 1 and "打开" in shown[0]
    assert not (tmp_path / "out.xlsx").exists()


def test_drop_a_folder_with_a_bad_file(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED0.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    window.wait_until_done()
    assert window.files.item(0).text() == "【正常】a.txt"
    assert window.files.item(1).text() == "【无法读取】b.txt"


def test_clicking_a_number_in_the_source_selects_its_cell(window):
    open_one(window, SEED0)
    line = SEED0.read_text(encoding="utf-8").split("\n")[36]  # line 37: 一、本年新收… | 782 | 8 | …
    window.source.clicked_at.emit(37, line.index("782") + 1)
    view = window.table_views["t3"]
    assert window.tabs.currentWidget() is view
    assert view.currentIndex().data(CELL_ID_ROLE) == "t3.new.natural_person"


def test_find_in_the_source(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    open_one(window, SEED0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("结转下年度继续办理", True))
    window._find_in_source()
    assert window.source.current_line() == 61
    assert window.source.textCursor().selectedText() == "结转下年度继续办理"


def test_geometry_splitters_and_recent_files_are_remembered(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # the offscreen screen is small: stay inside it
    first._splitters["outer"].setSizes([300, 400])
    first.open_paths([str(SEED0)])
    first.wait_until_done()
    want = first._splitters["outer"].sizes()
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    second.show()
    assert second._splitters["outer"].sizes() == want
    assert want[0] != 240  # not simply the default
    assert [a.text() for a in second.recent_menu.actions()] == [str(SEED0)]


def test_findings_filter_by_severity_with_counts(window, tmp_path):
    path = tmp_path / "two.txt"
    text = SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |").replace("764件已办结", "765件已办结")
    path.write_text(text, encoding="utf-8")
    open_one(window, path)
    assert window.counts.text() == "错误 2　警告 1　提示 0"
    window.severity_filter.setCurrentText("警告")
    assert window.findings_proxy.rowCount() == 1
    window.step_finding(1)
    assert window.source.current_line() == 10  # the narrative sentence
    window.severity_filter.setCurrentText("全部")
    assert window.findings_proxy.rowCount() == 3


def test_cancel_stops_the_files_not_yet_started(window, tmp_path):
    paths = []
    for k in range(40):
        p = tmp_path / f"r{k:02d}.txt"
        p.write_text(SEED0.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(str(p))
    window._pool.setMaxThreadCount(1)
    window.open_paths(paths)
    window.cancel_loading()
    window.wait_until_done()
    texts = [window.files.item(k).text() for k in range(window.files.count())]
    assert len(texts) == 40 and any(t.startswith("【已取消】") for t in texts)
    assert all(t.startswith(("【已取消】", "【正常】")) for t in texts)
    assert window._pending == 0 and not window.progress.isVisible()


def test_group_labels_run_down_the_side_as_printed(window):
    open_one(window, SEED0)
    model, view = window.table_models["t3"], window.table_views["t3"]
    denied = model.index_of("t3.denied_secret.natural_person").row()
    assert model.index(denied, 0).data() == "(三)不予公开"
    assert view.rowSpan(denied, 0) == 8  # over its eight items
    assert model.index(denied, 1).data() == "1.属于国家秘密"
    new = model.index_of("t3.new.total").row()
    assert view.columnSpan(new, 0) == 2 and model.index(new, 0).data() == "一、本年新收政府信息公开申请数量"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "商业企业"
    assert model.headerData(3, Qt.Orientation.Horizontal, HEADER_GROUP_ROLE) == "法人或其他组织"
    assert model.headerData(2, Qt.Orientation.Horizontal, HEADER_GROUP_ROLE) is None  # 自然人 spans both levels
    header = window.table_views["t3"].horizontalHeader()
    assert isinstance(header, GroupedHeader) and header._span(3, "法人或其他组织") == (3, 7)
    assert model.index(denied, 0).flags() & Qt.ItemFlag.ItemIsSelectable == Qt.ItemFlag.NoItemFlags


def _fault(tmp_path):
    path = tmp_path / "fault.txt"
    path.write_text(SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |"), encoding="utf-8")
    return path


def test_review_marks_survive_closing_and_reopening(qtbot, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    report = _fault(tmp_path)
    session = tmp_path / "elsewhere" / "review.json"
    session.parent.mkdir()
    first = MainWindow()
    qtbot.addWidget(first)
    open_one(first, report)
    first.findings_view.setCurrentIndex(first.findings_proxy.index(0, 0))
    first.confirm_finding()
    first.comment_finding("已与报送单位核实")
    first.findings_view.setCurrentIndex(first.findings_proxy.index(1, 0))
    first.dismiss_finding()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(session), ""))
    assert first.save_session() == str(session)
    assert not any(p.suffix == ".json" for p in tmp_path.glob("*.json"))  # nothing beside the report
    first.close()

    second = MainWindow()  # restores the session it was last saved to
    qtbot.addWidget(second)
    open_one(second, report)
    model = second.findings_model
    assert [model.index(k, 4).data() for k in range(2)] == ["确认", "驳回"]
    assert model.index(0, 5).data() == "已与报送单位核实"
    assert all(model.index(k, 4).data() == "未复核" for k in range(2, model.rowCount()))
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    second.export(all_reports=True)
    ws = load_workbook(target)["问题清单"]
    review = next(c.column for c in ws[1] if c.value == "复核")  # the workbook's review column (issue 16)
    states = [ws.cell(r, review).value for r in range(2, ws.max_row + 1)]
    assert states[0] == "确认：已与报送单位核实" and states[1].startswith("驳回")


def test_a_corrupt_session_file_is_kept_aside_and_the_window_starts_clean(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    session = tmp_path / "review.json"
    session.write_text("{not json", encoding="utf-8")
    QSettings().setValue("review/session", str(session))
    window = MainWindow()  # says so without waiting for anyone (see test_safe_outputs.py)
    qtbot.addWidget(window)
    assert window.reviews == {}
    assert window.notices and "无法读取" in window.notices[0]
    assert (tmp_path / "review.json.corrupt").read_text(encoding="utf-8") == "{not json"


def test_an_empty_findings_list_says_why_and_table_3_fits_beside_the_source(window, tmp_path):
    assert window.source.placeholderText().startswith("打开报告")
    open_one(window, SEED0)
    assert window.findings_model.rowCount() == 0
    assert window.findings_view.placeholder == "未发现问题：各项检查均已通过。"
    window.open_paths([str(_fault(tmp_path))])
    window.wait_until_done()
    window.files.setCurrentRow(1)
    assert window.findings_proxy.rowCount() == 2  # two errors: nothing to say
    window.severity_filter.setCurrentText("提示")
    assert window.findings_proxy.rowCount() == 0 and window.findings_view.placeholder == "没有这一级别的问题。"
    header = window.table_views["t3"].horizontalHeader()
    assert header.sectionSize(1) <= 220  # the long row labels wrap
    assert (window.width(), window.height()) == (1500, 900)  # the default size, and splitters
    view = window.table_views["t3"]
    window.tabs.setCurrentWidget(view)
    assert header.length() <= view.viewport().width()  # every column of table 3 in sight


# ---- many files: worker processes, cancelling, checks across reports ------------------------------


def _copy_of_seed0(folder) -> str:
    """Seed 0 under another body's name: the narrative and tables copied (see test_crossreport)."""
    from test_crossreport import _copy_of_seed0 as copy

    path = folder / "copy.txt"
    path.write_text(copy("宁波市海曙区人民政府"), encoding="utf-8")
    return str(path)


def _copies(tmp_path, count: int) -> list[str]:
    text = SEED0.read_text(encoding="utf-8")
    paths = []
    for k in range(count):
        p = tmp_path / f"r{k:03d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def _no_workers_left(qtbot) -> None:
    import multiprocessing

    qtbot.waitUntil(lambda: not multiprocessing.active_children(), timeout=5000)


def test_a_large_batch_loads_in_worker_processes_with_every_result_in_its_row(window, tmp_path, qtbot):
    from auditapp.gui.main_window import IN_PROCESS

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))] + [_copy_of_seed0(tmp_path), str(bad)]
    assert len(paths) > IN_PROCESS
    window.open_paths(paths)
    assert len(window._loads) == 1 and window._pool.activeThreadCount() == 0  # not the thread pool
    assert window.wait_until_done(timeout=60)
    assert [r.path for r in window.results] == paths
    want = {str(SEED0): "【有警告】", paths[-2]: "【有警告】", str(bad): "【无法读取】"}
    for row, path in enumerate(paths):
        item = window.files.item(row)
        assert item.text().startswith(want.get(path, "【正常】")), item.text()
        assert item.text().endswith(os.path.basename(path)) and item.toolTip().startswith(path)
    assert "PNG" in window.results[-1].error and "PNG" in window.files.item(len(paths) - 1).toolTip()
    window.files.setCurrentRow(len(paths) - 1)
    assert "PNG" in window.source.toPlainText()
    # the checks across reports: the copy and its original, each pointing at the other
    for row, other in ((0, paths[-2]), (len(paths) - 2, str(SEED0))):
        window.files.setCurrentRow(row)
        cross = [f for f in window.findings_model.findings if f.rule.startswith("cross.")]
        assert {f.rule for f in cross} == {"cross.copied_text", "cross.same_tables"}
        assert {f.other_file for f in cross} == {other}
    assert not window.progress.isVisible()
    _no_workers_left(qtbot)


def test_cancelling_a_batch_stops_its_workers_and_marks_the_rest_cancelled(window, tmp_path, qtbot):
    import multiprocessing

    window.open_paths(_copies(tmp_path, 300))
    qtbot.waitUntil(lambda: window.files.item(0).text().startswith("【正常】"), timeout=30000)
    assert multiprocessing.active_children()  # the workers are at it
    window.cancel_loading()
    assert window.wait_until_done(timeout=10)
    _no_workers_left(qtbot)
    texts = [window.files.item(k).text() for k in range(window.files.count())]
    assert all(t.startswith(("【已取消】", "【正常】")) for t in texts)
    assert texts[-1].startswith("【已取消】")
    assert window._pending == 0 and not window.progress.isVisible() and not window.cancel.isVisible()
    assert all(r.error == "已取消" for r in window.results if r.report is None)


def test_closing_the_window_while_a_batch_runs_leaves_no_worker(qtbot, tmp_path):
    import multiprocessing

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_paths(_copies(tmp_path, 300))
    qtbot.waitUntil(lambda: bool(multiprocessing.active_children()), timeout=10000)
    window.close()
    _no_workers_left(qtbot)


def test_two_reports_copied_from_each_other_get_the_findings_across_reports(window, tmp_path):
    copy = _copy_of_seed0(tmp_path)
    window.open_paths([str(SEED0), copy])  # a handful: audited in this process, then checked across
    window.wait_until_done()
    assert window.files.item(0).text() == "【有警告】000_5765c3367762f63e.txt"
    assert window.files.item(1).text() == "【有警告】copy.txt"
    assert window.files.currentRow() == 0
    rules = [f.rule for f in window.findings_model.findings]  # the report shown was refreshed
    assert "cross.copied_text" in rules and "cross.same_tables" in rules
    assert window.counts.text().startswith("错误 0　警告 ")
    window.open_paths([str(SAMPLES / "001_a7e6a703afb669e1.txt")])  # checking again adds nothing twice
    window.wait_until_done()
    assert sorted(f.rule for f in window.results[1].findings if f.rule.startswith("cross.")) == [
        "cross.copied_text",
        "cross.same_tables",
    ]


# ---- screenshots ---------------------------------------------------------------------------------


def test_the_screenshots_command_writes_three_pngs(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT
    from PySide6.QtGui import QImage

    from auditapp.gui.app import SCREENSHOTS

    out = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("AUDITAPP_LANG", None)
    done = subprocess.run(
        [sys.executable, "-m", "auditapp", "gui", "--screenshots", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(SCREENSHOTS) == ["batch.png", "faults.png", "seed.png"]
    for name, (width, height) in SCREENSHOTS.items():
        image = QImage(str(out / name))
        assert (out / name).stat().st_size > 20_000 and (image.width(), image.height()) == (width, height)
    assert done.stdout.split() == [str(out / name) for name in SCREENSHOTS]


def test_gui_takes_a_language_and_a_screenshots_folder():
    from auditapp.cli import build_parser

    args = build_parser().parse_args(["gui", "--lang", "en", "--screenshots", "shots"])
    assert (args.lang, args.screenshots, args.screenshot, args.paths) == ("en", "shots", None, [])
    with pytest.raises(SystemExit):
        build_parser().parse_args(["gui", "--screenshot", "a.png", "--screenshots", "shots"])


def test_the_readers_notes_are_shown_above_the_tables(window, tmp_path):
    import io
    import zipfile

    from roundtrip import rewrite_part

    intact = (SAMPLES / "formats" / "000_5765c3367762f63e.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(intact)) as z:
        cut = z.read("word/document.xml").index("四、结转下年度继续办理".encode())
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(rewrite_part(intact, "word/document.xml", lambda xml: xml[:cut]))
    window.open_paths([str(damaged), str(SAMPLES / "000_5765c3367762f63e.txt")])
    assert window.wait_until_done(60)
    window.files.setCurrentRow(0)
    assert window.reading_notes.isVisible()
    assert "XML 有损坏" in window.reading_notes.text() and "第 " in window.reading_notes.text()
    window.files.setCurrentRow(1)  # a plain text report: nothing to say
    assert not window.reading_notes.isVisible()
