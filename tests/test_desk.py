"""The inspector's desk (issue 15), driven as a person drives it: real buttons, menus, keys and
dialogs (pytest-qt, offscreen). One test for each problem found trying the window."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from conftest import ROOT, SAMPLES
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QPlainTextEdit, QTableView

from auditapp.gui.main_window import MainWindow
from auditapp.gui.models import CELL_ID_ROLE
from auditapp.rules import Severity

SEED0 = SAMPLES / "000_5765c3367762f63e.txt"
SUSPECT = "t3.new.natural_person"  # 782 written as 781 in the faulty copy

pytestmark = pytest.mark.usefixtures("settings_in_tmp", "no_modal_dialogs")


@pytest.fixture(scope="module", autouse=True)
def chinese(qapp):
    from auditapp.gui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def _fault(folder: Path, name: str = "fault.txt", year: str = "2023") -> Path:
    """SEED0 with one wrong cell; `year` another year's (then no finding across reports with SEED0:
    the same body-year twice with other figures is one, cross.repeated_differs)."""
    path = folder / name
    text = SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |")
    path.write_text(text.replace("2023年度", f"{year}年度", 1), encoding="utf-8")
    return path


def _open(window: MainWindow, *paths) -> None:
    window.open_paths([str(p) for p in paths])
    assert window.wait_until_done(60)


def type_text(qtbot, editor, text: str) -> None:
    """ASCII by keys; Chinese as an input method commits it (QTest cannot type it as keys)."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(editor, chunk)
        elif isinstance(editor, QLineEdit):
            editor.insert(chunk)
        else:
            editor.insertPlainText(chunk)


def answer_next_dialog(qtbot, text: str, accept: bool = True) -> list[str]:
    """Type `text` into the next input dialog that opens (a real one, modal) and press OK
    (or Cancel); the list returned holds the dialog's label once it was answered."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.labelText())
        editor = dialog.findChild(QPlainTextEdit) or dialog.findChild(QLineEdit)
        editor.selectAll()
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
        type_text(qtbot, editor, text)
        if accept:
            dialog.accept()  # what the OK button does
        else:
            dialog.reject()

    QTimer.singleShot(0, answer)
    return seen


def _save_review(window: MainWindow, tmp_path: Path, monkeypatch) -> Path:
    """File › Save Review, answering its dialog with a file in a folder of its own."""
    from PySide6.QtWidgets import QFileDialog

    session = tmp_path / "s" / "review.json"
    session.parent.mkdir(exist_ok=True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(session), ""))
    window.save_action.trigger()
    return session


def _export_texts(window: MainWindow, tmp_path: Path, monkeypatch) -> list[str]:
    """File › Export This Report's Workbook; every text of the workbook written."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "out" / "audit.xlsx"
    target.parent.mkdir(exist_ok=True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_one.trigger()
    return [str(c.value) for ws in load_workbook(target) for row in ws.iter_rows() for c in row if c.value]


def _review_state(window: MainWindow, finding) -> tuple:
    review = window.findings.model.review(finding)
    return review.state, review.comment


# ---- 1. 意见… stores what was typed, never False -------------------------------------------------


def test_the_comment_button_opens_a_dialog_and_stores_the_text(window, qtbot, tmp_path, monkeypatch):

    _open(window, _fault(tmp_path))
    finding = window.findings.current_finding()
    assert finding is not None and finding.severity is Severity.ERROR
    seen = answer_next_dialog(qtbot, "已电话核实，原件为 782")
    qtbot.mouseClick(window.findings.comment_button, Qt.MouseButton.LeftButton)
    assert seen  # a dialog opened and was typed into
    assert _review_state(window, finding) == (None, "已电话核实，原件为 782")
    # Cancel changes nothing
    answer_next_dialog(qtbot, "不要这个", accept=False)
    qtbot.mouseClick(window.findings.comment_button, Qt.MouseButton.LeftButton)
    assert _review_state(window, finding)[1] == "已电话核实，原件为 782"
    session = _save_review(window, tmp_path, monkeypatch)
    comments = [e["comment"] for e in json.loads(session.read_text(encoding="utf-8"))["reviews"]]
    assert comments == ["已电话核实，原件为 782"]
    texts = _export_texts(window, tmp_path, monkeypatch)
    assert any("已电话核实，原件为 782" in t for t in texts)
    assert "False" not in texts


def test_confirm_and_dismiss_by_button_and_by_key(window, qtbot, tmp_path):
    _open(window, _fault(tmp_path))
    first = window.findings.current_finding()
    qtbot.mouseClick(window.findings.confirm_button, Qt.MouseButton.LeftButton)
    assert _review_state(window, first)[0] == "confirmed"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # dismiss
    assert _review_state(window, first)[0] == "dismissed"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # confirm
    assert _review_state(window, first)[0] == "confirmed"
    menu_texts = [a.text() for a in window.menuBar().actions()[3 - 1].menu().actions()]  # 审核
    assert any("确认" in t for t in menu_texts) and any("驳回" in t for t in menu_texts)


# ---- 2. fits the screen ----------------------------------------------------------------------------

_FIT_SCRIPT = r"""
import json, sys
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtCore import QSettings, QRect
app = QApplication([])
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
app.setOrganizationName("auditapp-tests"); app.setApplicationName("auditapp-tests")
from auditapp.gui.main_window import MainWindow
w = MainWindow()
w.show()
w.open_paths(sys.argv[2:])
w.wait_until_done(60)
app.processEvents()
screen = app.primaryScreen().availableGeometry()
out = {"screen": [screen.width(), screen.height()], "frame": [w.frameGeometry().x(), w.frameGeometry().y(),
       w.frameGeometry().width(), w.frameGeometry().height()]}
def shown(widget):
    top_left = widget.mapTo(w, widget.rect().topLeft())
    rect = QRect(top_left, widget.size())
    return widget.isVisible() and widget.width() > 10 and widget.height() > 10 and w.rect().contains(rect)
f = w.findings
out["controls"] = {name: shown(widget) for name, widget in {
    "confirm": f.confirm_button, "dismiss": f.dismiss_button, "comment": f.comment_button,
    "findings": f.view, "detail": f.detail, "batch": w.batch.view, "tables": w.report_view.tabs,
    "source": w.report_view.source, "status": w.statusBar()}.items()}
out["current"] = w.current.path if w.current else None
print(json.dumps(out))
w.close()
"""


@pytest.mark.parametrize("size", [(1366, 768), (1536, 864), (1920, 1080)])
def test_the_window_fits_the_screen_with_every_control_in_sight(tmp_path, size):
    width, height = size
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT)}
    env.pop("AUDITAPP_LANG", None)
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))] + [str(_fault(tmp_path))]
    done = subprocess.run(
        [sys.executable, "-c", _FIT_SCRIPT, str(tmp_path / "settings"), *paths],
        capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    x, y, w, h = out["frame"]
    assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, out
    assert all(out["controls"].values()), out["controls"]


def test_remembered_geometry_larger_than_the_screen_is_clamped(qtbot):
    from PySide6.QtCore import QRect

    w = MainWindow()
    qtbot.addWidget(w)
    w.setGeometry(0, 0, 1500, 900)
    w.fit_to(QRect(0, 0, 1366, 728))
    assert w.frameGeometry().width() <= 1366 and w.frameGeometry().height() <= 728


def test_file_names_that_differ_only_at_the_end_are_told_apart(window):
    folder = SAMPLES / "formats"
    _open(window, folder)
    model = window.batch.model
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert len(set(names)) == len(names) == 4
    assert all(n.endswith((".docx", ".html", ".pdf", ".xlsx")) for n in names)


# ---- 3. a file that could not be read never says all checks passed ---------------------------------


def test_an_unreadable_file_says_why_in_the_findings_pane_and_the_title(window, tmp_path):
    bad = tmp_path / "not-a-report.txt"
    bad.write_text("会议纪要\n今天开会。\n" * 5, encoding="utf-8")
    _open(window, SEED0)
    _open(window, bad)
    assert window.current.path == str(bad)  # the file opened last is shown, not the previous one
    pane = window.findings
    shown = pane.view.placeholder + pane.detail.toPlainText()
    assert "通过" not in shown and "未审核" in shown
    assert window.current.error[:20] in pane.detail.toPlainText()
    assert "not-a-report.txt" in window.windowTitle() and "无法读取" in window.windowTitle()
    assert "000_5765" not in window.windowTitle()


# ---- 4. errors come first in the verdict ----------------------------------------------------------


def test_a_partly_read_report_with_errors_is_listed_with_errors(window, tmp_path):
    lines = _fault(tmp_path).read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("2.申请人逾期未按收费通知要求缴纳费用")]
    path = tmp_path / "partial.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    _open(window, path)
    assert window.current.status.value == "partial"
    assert window.batch.model.index(0, 0).data() == "有错误"


# ---- 5. opening a faulty report leads to the fault --------------------------------------------------


def test_opening_a_faulty_report_shows_its_first_error(window, tmp_path):
    _open(window, SEED0)
    assert window.report_view.tabs.tabText(1) == "表三"  # no problem: no mark
    # another year's: a finding across reports (the same body-year twice) would show it again, not leading to the fault
    path = _fault(tmp_path, year="2021")
    _open(window, path)
    assert window.current.path == str(path)
    view = window.report_view
    assert view.tabs.currentWidget() is view.table_views["t3"]
    assert view.tabs.tabText(view.tabs.currentIndex()).startswith("表三 ⚠")
    assert view.table_views["t3"].currentIndex().data(CELL_ID_ROLE) == SUSPECT
    assert view.source.current_line() == 37
    finding = window.findings.current_finding()
    assert finding.severity is Severity.ERROR and finding.suspect == SUSPECT
    detail = window.findings.detail.toPlainText()
    assert "改为 782" in detail and finding.message("zh") in detail.replace("\n", "")


def test_the_selected_suspect_stays_red_and_every_cell_of_a_finding_is_in_view(window, tmp_path):
    _open(window, _fault(tmp_path))
    table = window.report_view.table_views["t3"]
    window.findings.select_first()
    QApplication.processEvents()
    index = table.model().index_of(SUSPECT)
    assert table.selectionModel().isSelected(index)
    picture = table.viewport().grab().toImage()
    centre = table.visualRect(index).center()
    colour = picture.pixelColor(table.visualRect(index).left() + 6, centre.y())
    assert colour.red() > 200 and colour.green() < 160 and colour.blue() < 160, colour.name()  # #FF7C80
    # the column finding: its total cell (七)总计, far below the suspect, is scrolled into view too
    window.resize(1000, 1300)  # tall enough for the column: rows 1 to 24 of table 3
    window._splitters["right"].setSizes([1150, 80])
    QApplication.processEvents()
    column = next(f for f in window.findings.model.findings if f.rule == "t3.balance")
    table.scrollToTop()
    window.findings.select(column)
    QApplication.processEvents()
    shown = table.viewport().rect()
    for cid in column.cells:
        assert shown.contains(table.visualRect(table.model().index_of(cid))), cid
    # in a short view the suspect stays in sight, at the top, the rest of the column below it
    window._splitters["right"].setSizes([300, 1000])
    QApplication.processEvents()
    table.scrollToBottom()
    window.findings.select(column)
    QApplication.processEvents()
    assert table.viewport().rect().contains(table.visualRect(index))


def test_ctrl_o_shows_the_report_just_opened(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    _open(window, SEED0)
    path = _fault(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.wait_until_done(60)
    assert window.current.path == str(path)
    assert window.batch.current_row() == 1


# ---- 6. the batch has an overview --------------------------------------------------------------------


def test_the_batch_has_totals_filters_search_and_sorting(window, qtbot, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for k, seed in enumerate(sorted(SAMPLES.glob("*.txt"))):
        (folder / f"{k}-{seed.name}").write_bytes(seed.read_bytes())
    _fault(folder, "9-fault.txt", year="2021")
    (folder / "8-scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    _open(window, folder)
    pane = window.batch
    assert pane.totals_text() == "共 7 份：有错误 1 · 无法读取 1 · 正常 5"
    qtbot.mouseClick(pane.buttons[next(v for v in pane.buttons if v.value == "errors")], Qt.MouseButton.LeftButton)
    assert pane.proxy.rowCount() == 1
    qtbot.mouseClick(pane.all_button, Qt.MouseButton.LeftButton)
    assert pane.proxy.rowCount() == 7
    qtbot.keyClicks(pane.search, "scan")
    assert pane.proxy.rowCount() == 1
    pane.search.clear()
    header = pane.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(0) + 5, 5))
    first = pane.proxy.index(0, 0).data()
    assert first in ("有错误", "正常")  # sorted by verdict, one way or the other
    assert pane.proxy.index(pane.proxy.rowCount() - 1, 0).data() in ("有错误", "正常")
    assert {pane.proxy.index(0, 0).data(), pane.proxy.index(6, 0).data()} == {"有错误", "正常"}


# ---- 7. housekeeping ---------------------------------------------------------------------------------


def test_the_same_file_is_listed_once_and_can_be_removed(window, qtbot, tmp_path):
    path = _fault(tmp_path)
    _open(window, path)
    _open(window, path)
    _open(window, tmp_path / ".." / tmp_path.name / "fault.txt")
    _open(window, SEED0)
    assert window.batch.model.rowCount() == 2
    window.batch.select_row(0)
    window.batch.view.setFocus()
    qtbot.keyClick(window.batch.view, Qt.Key.Key_Delete)
    assert window.batch.model.rowCount() == 1
    # the finding across the two (one body-year twice) goes with the other report, in the next turns
    qtbot.waitUntil(lambda: window.batch.totals_text() == "共 1 份：正常 1", timeout=5000)
    assert window.current is None or window.current.path == str(SEED0)


def test_exit_is_in_the_file_menu_and_closes_the_window(window):
    file_menu = window.menuBar().actions()[0].menu()
    exits = [a for a in file_menu.actions() if "退出" in a.text()]
    assert exits and exits[0].shortcut().toString() == "Ctrl+Q"
    exits[0].trigger()
    assert not window.isVisible()


def test_export_all_suggests_the_opened_folder_not_the_working_directory(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED0.read_bytes())
    (folder / "b.txt").write_bytes(_fault(tmp_path).read_bytes())
    _open(window, folder)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a[2]), ("", ""))[1])
    window.export_all.trigger()
    assert asked and os.path.dirname(asked[0]) == str(folder)


def test_find_is_a_bar_over_the_source_not_a_dialog(window, qtbot):
    _open(window, SEED0)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.report_view.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    type_text(qtbot, bar.edit, "结转下年度继续办理")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert window.report_view.source.current_line() == 61
    bar.edit.clear()
    type_text(qtbot, bar.edit, "不存在的文字")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.status.text()  # says it was not found
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_next_and_previous_report_by_key(window, qtbot, tmp_path):
    _open(window, SEED0, _fault(tmp_path))
    window.batch.select_row(0)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.current.path.endswith("fault.txt")
    qtbot.keyClick(window, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert window.current.path == str(SEED0)


# ---- correcting a misread cell ------------------------------------------------------------------------


def _edit_cell(qtbot, view: QTableView, cell_id: str, text: str) -> None:
    """Double-click the cell, type the value and press Enter, as an inspector does."""
    index = view.model().index_of(cell_id)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = view.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.findChild(QLineEdit) is None or not view.findChild(QLineEdit).isVisible())
    QApplication.processEvents()  # the delegate commits the value in a queued call


def test_a_misread_cell_is_corrected_audited_again_saved_exported_and_undone(window, qtbot, tmp_path, monkeypatch):

    path = _fault(tmp_path)
    before = path.read_bytes()
    _open(window, path)
    assert window.current.count(Severity.ERROR) == 2
    seen = answer_next_dialog(qtbot, "原件 PDF 第 3 页为 782")
    _edit_cell(qtbot, window.report_view.table_views["t3"], SUSPECT, "782")
    assert seen and "表三" in seen[0]  # the reason was asked for, naming the cell
    assert window.current.count(Severity.ERROR) == 0  # audited again on the corrected value
    assert window.last_rerun_ms < 50
    assert window.batch.model.index(0, 0).data() == "正常"
    model = window.report_view.table_models["t3"]
    tip = model.data(model.index_of(SUSPECT), Qt.ItemDataRole.ToolTipRole)
    assert "781" in tip and "782" in tip and "原件 PDF 第 3 页为 782" in tip
    assert path.read_bytes() == before  # the report file is never written
    session = _save_review(window, tmp_path, monkeypatch)
    fix = json.loads(session.read_text(encoding="utf-8"))["corrections"][0]
    assert (fix["cell"], fix["value"], fix["original"], fix["line"]) == (SUSPECT, "782", "781", 37)
    assert fix["reason"] == "原件 PDF 第 3 页为 782" and fix["time"]
    texts = _export_texts(window, tmp_path, monkeypatch)
    assert any("原件 PDF 第 3 页为 782" in t for t in texts)
    # Edit › Undo takes the correction back: the errors return
    window.activateWindow()  # the dialogs closed: the window is the active one again, as on a desktop
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.current.count(Severity.ERROR) == 2
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.current.count(Severity.ERROR) == 0


def test_what_is_not_a_count_is_refused_without_a_dialog(window, qtbot, tmp_path):
    _open(window, _fault(tmp_path))
    _edit_cell(qtbot, window.report_view.table_views["t3"], SUSPECT, "seven")
    assert window.current.count(Severity.ERROR) == 2
    assert "seven" in window.statusBar().currentMessage()


def test_reviews_and_corrections_survive_reopening_the_file(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    path = _fault(tmp_path)
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    _open(first, path)
    qtbot.keyClick(first, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # confirm the first error
    confirmed = first.findings.current_finding()
    answer_next_dialog(qtbot, "核对原件")
    _edit_cell(qtbot, first.report_view.table_views["t3"], "t3.granted.natural_person", "448")
    session = tmp_path / "s" / "review.json"
    session.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(session), ""))
    first.save_action.trigger()
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    _open(second, path)
    cells = second.current.report.cells
    assert cells["t3.granted.natural_person"].value == 448  # the correction is applied again
    same = [f for f in second.findings.model.findings if f.rule == confirmed.rule and f.relation == confirmed.relation]
    assert same and second.findings.model.review(same[0]).state == "confirmed"


def test_an_export_past_the_memory_limit_is_refused_with_a_message(window, tmp_path, monkeypatch):
    import time

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from auditapp.memlimit import ENV, MIN_MEMORY_LIMIT_MB

    def greedy(*args, **kwargs):  # an export that grows without end
        hoard = []
        while len(hoard) < 64:  # 1 GB at most, well past the limit: then the watch has failed
            hoard.append(bytearray(16 * 1024 * 1024))
            time.sleep(0.01)
        raise AssertionError("the memory watch never fired")

    import auditapp.export.workbook as workbook

    monkeypatch.setattr(workbook, "write_workbook", greedy)
    monkeypatch.setenv(ENV, str(MIN_MEMORY_LIMIT_MB))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    _open(window, SEED0)
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_one.trigger()
    assert said and "内存上限" in said[0] and not target.exists()
