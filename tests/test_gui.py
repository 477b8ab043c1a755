"""The window (pytest-qt, offscreen): every cell leads to its source line; findings to their cells."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("PySide6.QtWidgets")

from conftest import SAMPLES
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from auditapp.api import audit_file
from auditapp.gui.batch_model import NAME, VERDICT
from auditapp.gui.grouped_header import HEADER_GROUP_ROLE, GroupedHeader
from auditapp.gui.main_window import MainWindow
from auditapp.gui.models import CELL_ID_ROLE, FINDING_ROLE, FindingsModel, ReportTableModel
from auditapp.gui.window_layout import DEFAULT_SIZE
from auditapp.rules import Severity

SEED0 = SAMPLES / "000_5765c3367762f63e.txt"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module", autouse=True)
def chinese(qapp):
    """These tests read the window's texts in Chinese, the default language: install it."""
    from auditapp.gui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


pytestmark = pytest.mark.usefixtures("settings_in_tmp")  # conftest: QSettings in a temporary folder


def open_one(window: MainWindow, path) -> None:
    window.open_paths([str(path)])
    window.wait_until_done()
    assert window.current is not None and window.current.path == str(path)


# ---- acting as the inspector: clicks on the real widgets ----------------------------------------


def verdicts(window: MainWindow) -> list[str]:
    """The batch list's verdict column, in opening order."""
    model = window.batch.model
    return [model.index(row, VERDICT).data() for row in range(model.rowCount())]


def names(window: MainWindow) -> list[str]:
    model = window.batch.model
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def click_report(qtbot, window: MainWindow, row: int) -> None:
    """Click a report's row (the model's row) in the batch list."""
    pane = window.batch
    index = pane.proxy.mapFromSource(pane.model.index(row, NAME))
    assert index.isValid(), row
    pane.view.scrollTo(index)
    qtbot.mouseClick(pane.view.viewport(), LEFT, pos=pane.view.visualRect(index).center())
    assert pane.current_row() == row
    assert window.current is pane.model.result(row)


def click_finding(qtbot, window: MainWindow, row: int) -> None:
    """Click a row of the findings list (as shown)."""
    view = window.findings.view
    index = window.findings.proxy.index(row, 2)
    assert index.isValid(), row
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())
    assert view.currentIndex().row() == row


def click_cell(qtbot, window: MainWindow, cell_id: str) -> None:
    """Click a table's tab, then the cell in it."""
    report = window.report_view
    view = report.table_views[cell_id.split(".")[0]]
    tab = report.tabs.indexOf(view)
    bar = report.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(tab).center())
    assert report.tabs.currentWidget() is view
    index = view.model().index_of(cell_id)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())


def test_every_cell_puts_the_source_cursor_on_its_line(window, seed_path, expected, qtbot):
    open_one(window, seed_path)
    cells = expected[seed_path.name]["cells"]
    for cid, want in cells.items():
        click_cell(qtbot, window, cid)
        view = window.report_view.table_views[cid.split(".")[0]]
        assert view.currentIndex().data(CELL_ID_ROLE) == cid
        assert window.report_view.source.current_line() == want["line"], cid
    assert len(cells) == 200


def test_a_fault_shows_the_suspect_and_its_finding_selects_it(window, tmp_path, qtbot):
    path = tmp_path / "fault.txt"
    path.write_text(SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |"), encoding="utf-8")
    open_one(window, path)
    report = window.report_view
    model = report.table_models["t3"]
    index = model.index_of("t3.new.natural_person")
    brush = model.data(index, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(brush, QBrush) and brush.color().name().upper() == "#FF7C80"
    assert "最可能有误" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index_of("t3.granted.natural_person"), Qt.ItemDataRole.BackgroundRole) is None
    pane = window.findings
    shown = [pane.proxy.index(row, 0).data(FINDING_ROLE) for row in range(pane.proxy.rowCount())]
    errors = [row for row, f in enumerate(shown) if f.severity is Severity.ERROR]
    assert errors
    assert pane.current_finding() is shown[errors[0]]  # the report opens on its first error
    click_cell(qtbot, window, "t2.normative_documents.issued")  # the inspector looks elsewhere, then back
    assert report.source.current_line() != 37
    click_finding(qtbot, window, errors[0])
    assert report.tabs.currentWidget() is report.table_views["t3"]
    assert report.table_views["t3"].currentIndex().data(CELL_ID_ROLE) == "t3.new.natural_person"
    assert report.source.current_line() == 37
    assert "已办结" not in report.source.textCursor().block().text()


def test_f8_steps_through_the_findings(window, tmp_path, qtbot):
    path = tmp_path / "two.txt"
    text = SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |").replace("764件已办结", "765件已办结")
    path.write_text(text, encoding="utf-8")
    open_one(window, path)
    view = window.findings.view
    rows = window.findings.proxy.rowCount()
    assert rows >= 3
    assert view.currentIndex().row() == 0  # opened on its first error
    seen = []
    for _ in range(rows):
        qtbot.keyClick(window, Qt.Key.Key_F8)
        seen.append(view.currentIndex().row())
    assert seen == [*range(1, rows), 0]  # round, back to the first
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.currentIndex().row() == rows - 1


def test_a_bad_file_among_good_ones_shows_its_message(window, tmp_path, qtbot):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    window.open_paths([str(SEED0), str(bad)])
    window.wait_until_done()
    assert window.batch.model.rowCount() == 2
    assert verdicts(window) == ["正常", "无法读取"]
    assert names(window) == [SEED0.name, "bad.txt"]
    click_report(qtbot, window, 1)
    assert "PNG" in window.report_view.source.toPlainText()


def test_models_pass_qtmodeltester(qtmodeltester, tmp_path):
    path = tmp_path / "fault.txt"
    path.write_text(SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |"), encoding="utf-8")
    result = audit_file(str(path))
    for table in result.report.template.tables:
        qtmodeltester.check(ReportTableModel(result, table))
    qtmodeltester.check(FindingsModel(result))
    qtmodeltester.check(FindingsModel())


def _headers(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[1] if c.value is not None}


@pytest.mark.parametrize("all_reports", [True, False])
def test_export_this_report_or_all_of_them(window, tmp_path, monkeypatch, qtbot, all_reports):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from auditapp.export.wb_words import WORDS

    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.open_paths([str(p) for p in sorted(SAMPLES.glob("*.txt"))[:2]])
    window.wait_until_done()
    click_report(qtbot, window, 1)
    if all_reports:
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Ctrl+E
    else:
        window.export_one.trigger()
    wb = load_workbook(target)
    words = WORDS["zh"]
    summary = wb[words["summary"]]
    column = _headers(summary)[words["s_file"]]
    files = [summary.cell(r, column).value for r in range(2, summary.max_row + 1) if summary.cell(r, column).value]
    results = window.results()
    # named relative to the folder opened (here the files sit in it): never the inspector's path
    want = [os.path.relpath(r.path, SAMPLES).replace(os.sep, "/") for r in results]
    assert files == (want if all_reports else [want[1]])
    assert not any(str(SAMPLES) in f for f in files)


def test_export_to_a_workbook_open_elsewhere_says_so(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "out.xlsx"), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    open_one(window, SEED0)
    (tmp_path / "~$out.xlsx").write_text("lock")  # what Excel leaves beside a workbook it has open
    window.export_all.trigger()
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
    assert verdicts(window) == ["正常", "无法读取"]
    assert names(window) == ["a.txt", "b.txt"]


def test_clicking_a_number_in_the_source_selects_its_cell(window, qtbot):
    from PySide6.QtGui import QTextCursor

    open_one(window, SEED0)
    source = window.report_view.source
    line = SEED0.read_text(encoding="utf-8").split("\n")[36]  # line 37: 一、本年新收… | 782 | 8 | …
    cursor = QTextCursor(source.document().findBlockByNumber(36))
    cursor.setPosition(cursor.block().position() + line.index("782") + 1)
    source.setTextCursor(cursor)
    source.ensureCursorVisible()
    qtbot.mouseClick(source.viewport(), LEFT, pos=source.cursorRect(cursor).center())
    view = window.report_view.table_views["t3"]
    assert window.report_view.tabs.currentWidget() is view
    assert view.currentIndex().data(CELL_ID_ROLE) == "t3.new.natural_person"


def test_find_in_the_source(window, qtbot):
    open_one(window, SEED0)
    bar = window.report_view.find_bar
    assert not bar.isVisible()
    window.find_action.trigger()  # 编辑 › 在原文中查找 (Ctrl+F)
    assert bar.isVisible()
    bar.edit.insert("结转下年度继续办理")  # as an input method commits it: QTest cannot type Chinese
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    source = window.report_view.source
    assert source.current_line() == 61
    assert source.textCursor().selectedText() == "结转下年度继续办理"


def test_geometry_splitters_and_recent_files_are_remembered(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # the offscreen screen is small: stay inside it
    first._splitters["outer"].setSizes([300, 400])
    first.open_paths([str(SEED0)])
    first.wait_until_done()
    want = first._splitters["outer"].sizes()
    first.quit_action.trigger()  # 文件 › 退出
    assert not first.isVisible()
    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    second.show()
    assert second._splitters["outer"].sizes() == want
    assert want[0] != round(700 * 0.2)  # not simply the default share
    assert [a.text() for a in second.recent_menu.actions()] == [str(SEED0)]


def test_findings_filter_by_severity_with_counts(window, tmp_path, qtbot):
    path = tmp_path / "two.txt"
    text = SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |").replace("764件已办结", "765件已办结")
    path.write_text(text, encoding="utf-8")
    open_one(window, path)
    pane = window.findings
    assert pane.counts.text() == "错误 2　警告 1　提示 0"
    pane.severity_filter.setCurrentText("警告")
    assert pane.proxy.rowCount() == 1
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert pane.current_finding().severity is Severity.WARNING
    assert window.report_view.source.current_line() == 10  # the narrative sentence
    pane.severity_filter.setCurrentText("全部")
    assert pane.proxy.rowCount() == 3


def test_cancel_stops_the_files_not_yet_started(window, tmp_path, qtbot):
    paths = []
    for k in range(40):
        p = tmp_path / f"r{k:02d}.txt"
        p.write_text(SEED0.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(str(p))
    window.open_paths(paths)
    assert window.cancel.isVisible()
    qtbot.mouseClick(window.cancel, LEFT)  # the status bar's 取消
    window.wait_until_done()
    texts = verdicts(window)
    assert len(texts) == 40 and "已取消" in texts
    assert set(texts) <= {"已取消", "正常"}
    assert window.loader.pending() == 0 and window.batch.model.pending() == 0
    assert not window.progress.isVisible() and not window.cancel.isVisible()


def test_group_labels_run_down_the_side_as_printed(window):
    open_one(window, SEED0)
    model, view = window.report_view.table_models["t3"], window.report_view.table_views["t3"]
    denied = model.index_of("t3.denied_secret.natural_person").row()
    assert model.index(denied, 0).data() == "(三)不予公开"
    assert view.rowSpan(denied, 0) == 8  # over its eight items
    assert model.index(denied, 1).data() == "1.属于国家秘密"
    new = model.index_of("t3.new.total").row()
    assert view.columnSpan(new, 0) == 2 and model.index(new, 0).data() == "一、本年新收政府信息公开申请数量"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "商业企业"
    assert model.headerData(3, Qt.Orientation.Horizontal, HEADER_GROUP_ROLE) == "法人或其他组织"
    assert model.headerData(2, Qt.Orientation.Horizontal, HEADER_GROUP_ROLE) is None  # 自然人 spans both levels
    header = view.horizontalHeader()
    assert isinstance(header, GroupedHeader) and header._span(3, "法人或其他组织") == (3, 7)
    assert model.index(denied, 0).flags() & Qt.ItemFlag.ItemIsSelectable == Qt.ItemFlag.NoItemFlags


def _fault(tmp_path):
    path = tmp_path / "fault.txt"
    path.write_text(SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |"), encoding="utf-8")
    return path


def test_review_marks_survive_closing_and_reopening(qtbot, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from auditapp.export.wb_words import WORDS

    report = _fault(tmp_path)
    session = tmp_path / "elsewhere" / "review.json"
    session.parent.mkdir()
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    open_one(first, report)
    pane = first.findings
    click_finding(qtbot, first, 0)
    qtbot.mouseClick(pane.confirm_button, LEFT)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("已与报送单位核实", True))
    qtbot.mouseClick(pane.comment_button, LEFT)
    click_finding(qtbot, first, 1)
    qtbot.mouseClick(pane.dismiss_button, LEFT)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(session), ""))
    first.save_action.trigger()
    assert first.session.path == str(session) and session.exists()
    assert not any(p.suffix == ".json" for p in tmp_path.glob("*.json"))  # nothing beside the report
    first.close()

    second = MainWindow()  # restores the session it was last saved to
    qtbot.addWidget(second)
    open_one(second, report)
    model = second.findings.model
    assert [model.index(k, 4).data() for k in range(2)] == ["确认", "驳回"]
    assert model.index(0, 5).data() == "已与报送单位核实"
    assert all(model.index(k, 4).data() == "未复核" for k in range(2, model.rowCount()))
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    second.export_all.trigger()
    words = WORDS["zh"]
    ws = load_workbook(target)[words["findings"]]
    column = _headers(ws)[words["f_review"]]
    states = [ws.cell(r, column).value for r in range(2, ws.max_row + 1)]
    assert states[0] == "确认：已与报送单位核实" and states[1].startswith("驳回")
    assert all(s == "未复核" for s in states[2:])


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


def test_an_empty_findings_list_says_why_and_table_3_fits_beside_the_source(window, tmp_path, qtbot):
    from PySide6.QtCore import QSize

    assert window.report_view.source.placeholderText().startswith("打开报告")
    open_one(window, SEED0)
    pane = window.findings
    assert pane.model.rowCount() == 0
    assert pane.view.placeholder == "未发现问题：各项检查均已通过。"
    fault = _fault(tmp_path)  # as another year's: the same body-year twice would add a finding across the two
    fault.write_text(fault.read_text(encoding="utf-8").replace("2023年度", "2021年度", 1), encoding="utf-8")
    window.open_paths([str(fault)])
    window.wait_until_done()
    click_report(qtbot, window, 1)
    # two errors; and with the title's year alone changed, the period and 结转2024年 (2023's) and the
    # date (2024-02-01, late for a 2021 report) disagree with it: three warnings
    assert sorted(f.rule for f in pane.model.findings if f.severity.value == "warning") == [
        "period.mismatch",
        "period.mismatch",
        "timeliness.late",
    ]
    assert pane.proxy.rowCount() == 5
    pane.severity_filter.setCurrentText("提示")
    assert pane.proxy.rowCount() == 0 and pane.view.placeholder == "没有这一级别的问题。"
    view = window.report_view.table_views["t3"]
    header = view.horizontalHeader()
    assert header.sectionSize(1) <= 220  # the long row labels wrap
    # the first size is made for the screen: the whole of a small one (offscreen: 800×800)
    available, frame = window.screen().availableGeometry(), window.frameGeometry()
    assert available.contains(frame)
    if available.width() < DEFAULT_SIZE[0] or available.height() < DEFAULT_SIZE[1]:
        assert frame.size() == available.size()
    else:
        assert window.width() >= DEFAULT_SIZE[0] and window.height() >= DEFAULT_SIZE[1]
    window.resize(*DEFAULT_SIZE)  # as first started on a screen that holds the default size
    window.share_room()
    qtbot.waitUntil(lambda: window.size() == QSize(*DEFAULT_SIZE))
    window.report_view.tabs.setCurrentWidget(view)
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
    from auditapp.gui.loader import IN_PROCESS

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))] + [_copy_of_seed0(tmp_path), str(bad)]
    assert len(paths) > IN_PROCESS
    window.open_paths(paths)
    loader = window.loader
    assert len(loader._loads) == 1 and loader._pool.activeThreadCount() == 0  # not the thread pool
    assert window.wait_until_done(timeout=60)
    results = window.results()
    assert [r.path for r in results] == paths
    want = {str(SEED0): "有警告", paths[-2]: "有警告", str(bad): "无法读取"}
    assert verdicts(window) == [want.get(path, "正常") for path in paths]
    assert names(window) == [os.path.basename(path) for path in paths]
    model = window.batch.model
    tips = [model.index(row, NAME).data(Qt.ItemDataRole.ToolTipRole) for row in range(model.rowCount())]
    assert all(tip.startswith(path) for tip, path in zip(tips, paths, strict=True))
    assert "PNG" in results[-1].error and "PNG" in tips[-1]
    click_report(qtbot, window, len(paths) - 1)
    assert "PNG" in window.report_view.source.toPlainText()
    # the checks across reports: the copy and its original, each pointing at the other
    for row, other in ((0, paths[-2]), (len(paths) - 2, str(SEED0))):
        click_report(qtbot, window, row)
        cross = [f for f in window.findings.model.findings if f.rule.startswith("cross.")]
        assert {f.rule for f in cross} == {"cross.copied_text", "cross.same_tables"}
        assert {f.other_file for f in cross} == {other}
    # the reports came from the workers: the table views are made once for their template, not for each
    views = dict(window.report_view.table_views)
    click_report(qtbot, window, 1)
    assert window.report_view.table_views == views and window.report_view.tabs.count() == 3
    assert not window.progress.isVisible()
    _no_workers_left(qtbot)


def test_cancelling_a_batch_stops_its_workers_and_marks_the_rest_cancelled(window, tmp_path, qtbot):
    import multiprocessing

    window.open_paths(_copies(tmp_path, 300))
    qtbot.waitUntil(lambda: window.batch.model.index(0, VERDICT).data() == "正常", timeout=30000)
    assert multiprocessing.active_children()  # the workers are at it
    assert window.cancel.isVisible()
    qtbot.mouseClick(window.cancel, LEFT)  # the status bar's 取消
    assert window.wait_until_done(timeout=10)
    _no_workers_left(qtbot)
    texts = verdicts(window)
    assert set(texts) <= {"已取消", "正常"}
    assert texts[-1] == "已取消"
    assert window.loader.pending() == 0 and window.batch.model.pending() == 0
    assert not window.progress.isVisible() and not window.cancel.isVisible()
    results = window.results()
    # a cancelled file has no result; every file with one was audited whole
    assert all((r is None) == (t == "已取消") for r, t in zip(results, texts, strict=True))
    assert all(r.report is not None for r in results if r is not None)


def test_closing_the_window_while_a_batch_runs_leaves_no_worker(qtbot, tmp_path):
    import multiprocessing

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_paths(_copies(tmp_path, 300))
    qtbot.waitUntil(lambda: bool(multiprocessing.active_children()), timeout=10000)
    window.activateWindow()  # keys go to the active window, as on a desktop
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # 文件 › 退出
    assert not window.isVisible()
    _no_workers_left(qtbot)


def test_two_reports_copied_from_each_other_get_the_findings_across_reports(window, tmp_path):
    copy = _copy_of_seed0(tmp_path)
    window.open_paths([str(SEED0), copy])  # a handful: audited in this process, then checked across
    window.wait_until_done()
    assert verdicts(window) == ["有警告", "有警告"]
    assert names(window) == ["000_5765c3367762f63e.txt", "copy.txt"]
    assert window.batch.current_row() == 0
    rules = [f.rule for f in window.findings.model.findings]  # the report shown was refreshed
    assert "cross.copied_text" in rules and "cross.same_tables" in rules
    assert window.findings.counts.text().startswith("错误 0　警告 ")
    window.open_paths([str(SAMPLES / "001_a7e6a703afb669e1.txt")])  # checking again adds nothing twice
    window.wait_until_done()
    assert sorted(f.rule for f in window.results()[1].findings if f.rule.startswith("cross.")) == [
        "cross.copied_text",
        "cross.same_tables",
    ]


def test_findings_across_reports_are_taken_in_a_few_reports_per_turn(window, tmp_path, monkeypatch):
    """Many reports' findings across reports are taken in over several turns of the event loop (the
    window stays responsive), then the report shown is refreshed: every report gets its own."""
    import auditapp.gui.main_window as main_window

    monkeypatch.setattr(main_window, "_CROSS_CHUNK", 1)
    turns = []
    take_in = window._take_in_crossed
    monkeypatch.setattr(window, "_take_in_crossed", lambda: (turns.append(len(window._cross_queue)), take_in()))
    paths = [str(SEED0), _copy_of_seed0(tmp_path)]
    third = tmp_path / "again.txt"
    third.write_bytes(SEED0.read_bytes())
    window.open_paths([*paths, str(third)])
    assert window.wait_until_done(timeout=60)
    assert turns == [3, 2, 1]  # one report a turn
    for result in window.results():
        assert {"cross.copied_text", "cross.same_tables"} <= {f.rule for f in result.findings}
    assert window.batch.current_row() == 0
    assert "cross.copied_text" in [f.rule for f in window.findings.model.findings]  # the report shown, refreshed


# ---- screenshots ---------------------------------------------------------------------------------


def test_the_screenshots_command_writes_its_pngs(tmp_path):
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
    assert sorted(p.name for p in out.iterdir()) == sorted(SCREENSHOTS)
    assert {"seed.png", "faults.png", "batch.png", "desk-1366x768.png", "desk-1920x1080.png"} <= set(SCREENSHOTS)
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


def test_the_readers_notes_are_shown_above_the_tables(window, tmp_path, qtbot):
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
    notes = window.report_view.reading_notes
    click_report(qtbot, window, 0)
    assert notes.isVisible()
    assert "XML 有损坏" in notes.text() and "第 " in notes.text()
    click_report(qtbot, window, 1)  # a plain text report: nothing to say
    assert not notes.isVisible()
