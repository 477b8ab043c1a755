"""The window's list of opened reports (pytest-qt, offscreen): verdicts, totals, filters, sorting,
removal, reviews; the model checked by Qt's model tester."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from conftest import SAMPLES
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QBrush, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from auditapp.api import AuditResult, audit_file
from auditapp.gui.batch_model import (
    AGENCY,
    ERRORS,
    NAME,
    PATH_ROLE,
    SORT_ROLE,
    VERDICT,
    VERDICT_ROLE,
    WARNINGS,
    BatchModel,
)
from auditapp.gui.batch_pane import BatchPane
from auditapp.review import Review, finding_key
from auditapp.rules import Severity
from auditapp.verdict import Verdict

pytestmark = pytest.mark.usefixtures("settings_in_tmp")  # conftest: QSettings in a temporary folder

SEED0 = SAMPLES / "000_5765c3367762f63e.txt"
SEEDS = sorted(SAMPLES.glob("*.txt"))


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, AuditResult]:
    """The five seeds (clean), and one report of each other verdict, audited once for the module."""
    folder = tmp_path_factory.mktemp("reports")
    seed = SEED0.read_text(encoding="utf-8")
    made = {
        "fault": _write(folder, "fault.txt", seed.replace("| 782 | 8 |", "| 781 | 8 |")),  # two errors
        "warn": _write(folder, "warn.txt", seed.replace("764件已办结", "765件已办结")),  # one warning
        "part": _write(folder, "part.txt", seed[: seed.index("四、政府信息公开行政复议")]),  # no table 4
        "junk": _write(folder, "junk.txt", "这不是一份年度报告。\n" * 5),  # nothing to read
    }
    results = {p.stem: audit_file(str(p)) for p in SEEDS}
    results.update({name: audit_file(str(path)) for name, path in made.items()})
    return results


def _loaded(reports: dict[str, AuditResult], reviews=None) -> BatchModel:
    model = BatchModel(reviews)
    rows = model.add([r.path for r in reports.values()])
    model.set_results(zip(rows, reports.values(), strict=True))
    return model


@pytest.fixture
def pane(qtbot, reports) -> BatchPane:
    pane = BatchPane(_loaded(reports))
    qtbot.addWidget(pane)
    pane.resize(300, 500)  # the window's narrow left column
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def _shown(pane: BatchPane) -> list[str]:
    """The file names down the list, as shown."""
    proxy = pane.proxy
    return [proxy.index(k, NAME).data() for k in range(proxy.rowCount())]


def _row(model: BatchModel, name: str) -> int:
    return next(k for k in range(model.rowCount()) if model.name(k) == name)


# ---- the model ----------------------------------------------------------------------------------


def test_each_row_shows_its_verdict_colour_and_counts(qapp, reports):
    model = _loaded(reports)
    expected = {  # name → verdict, background, errors, warnings
        "000_5765c3367762f63e.txt": ("正常", "#C6EFCE", 0, 0),
        "fault.txt": ("有错误", "#F8CBAD", 2, 0),
        "warn.txt": ("有警告", "#FFE699", 0, 1),
        # no table 4, and (cut there) no parts 五 and 六 either
        "part.txt": ("部分解析", "#FFE699", 0, 3),
        "junk.txt": ("无法读取", "#D9D9D9", None, None),  # nothing was checked: no counts
    }
    for name, (text, colour, errors, warnings) in expected.items():
        row = _row(model, name)
        verdict = model.index(row, VERDICT)
        assert verdict.data() == text, name
        brush = verdict.data(Qt.ItemDataRole.BackgroundRole)
        assert isinstance(brush, QBrush) and brush.color().name().upper() == colour, name
        assert not verdict.data(Qt.ItemDataRole.DecorationRole).isNull()
        assert model.index(row, ERRORS).data() == errors
        assert model.index(row, WARNINGS).data() == warnings
    junk = _row(model, "junk.txt")
    tip = model.index(junk, NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(reports["junk"].path + "\n") and "没有找到任何统计表" in tip
    assert model.index(_row(model, "fault.txt"), AGENCY).data() == "杭州市钱塘区人民政府"
    assert model.totals() == dict.fromkeys(Verdict, 1) | {Verdict.OK: 5}


def test_rows_sort_by_verdict_then_numbers_through_their_roles(qapp, reports):
    model = _loaded(reports)
    fault, junk = _row(model, "fault.txt"), _row(model, "junk.txt")
    assert model.index(fault, 0).data(VERDICT_ROLE) == 0 < model.index(junk, 0).data(VERDICT_ROLE) == 1
    assert model.index(fault, ERRORS).data(SORT_ROLE) == 2
    assert model.index(fault, NAME).data(PATH_ROLE) == reports["fault"].path


def test_a_file_already_listed_is_not_listed_again(qapp, tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    path = _write(sub, "a.txt", SEED0.read_text(encoding="utf-8"))
    model = BatchModel()
    assert model.add([str(path), str(path)]) == [0]
    assert model.add([str(path)]) == []
    assert model.add([os.path.join(str(sub), "..", "sub", "a.txt")]) == []  # another spelling, one file
    assert model.add([os.path.relpath(path)]) == []
    assert model.rowCount() == 1 and model.row_of(str(tmp_path / "sub" / "." / "a.txt")) == 0
    assert model.row_of(str(tmp_path / "b.txt")) is None


def test_names_are_relative_to_the_folders_opened(qapp, tmp_path):
    (tmp_path / "2023").mkdir()
    a = _write(tmp_path / "2023", "000_x.txt", "")
    b = _write(tmp_path, "000_y.txt", "")
    model = BatchModel()
    model.add([str(b)])
    model.roots = [str(tmp_path)]
    model.add([str(a)])
    assert [model.name(0), model.name(1)] == ["000_y.txt", "2023/000_x.txt"]


def test_pending_and_cancelled_rows_then_a_late_result(qapp, reports):
    model = BatchModel()
    rows = model.add([reports["fault"].path, reports["warn"].path])
    assert model.pending() == 2 and model.totals() == {}
    assert model.index(0, VERDICT).data() == "Auditing…" and model.verdict(0) is None
    model.set_cancelled(rows)
    assert (model.pending(), model.cancelled()) == (0, 2)
    assert model.index(1, VERDICT).data() == "Cancelled" and model.result(1) is None
    model.set_results([(0, reports["fault"])])  # it was on its way when cancelled: it still shows
    assert (model.pending(), model.cancelled(), model.verdict(0)) == (0, 1, Verdict.ERRORS)


def test_results_arriving_together_make_one_change(qtbot, reports):
    model = BatchModel()
    model.add([r.path for r in reports.values()])
    changes = []
    model.dataChanged.connect(lambda top, bottom: changes.append((top.row(), bottom.row())))
    with qtbot.waitSignal(model.totals_changed):
        model.set_results([(2, reports["fault"]), (6, reports["warn"]), (4, reports["part"])])
    assert changes == [(2, 6)]
    assert model.totals() == {Verdict.ERRORS: 1, Verdict.WARNINGS: 1, Verdict.PARTIAL: 1}


def test_a_dismissed_error_lowers_the_verdict_after_refresh(qapp, reports):
    reviews: dict[tuple[str, str], Review] = {}
    model = _loaded(reports, reviews)
    row = _row(model, "fault.txt")
    for f in reports["fault"].findings:
        if f.severity is Severity.ERROR:
            reviews[(os.path.abspath(reports["fault"].path), finding_key(f))] = Review("dismissed")
    assert model.verdict(row) is Verdict.ERRORS  # not until told
    model.refresh([row])
    assert model.verdict(row) is Verdict.OK
    assert model.index(row, VERDICT).data() == "正常" and model.index(row, ERRORS).data() == 0
    assert model.totals()[Verdict.ERRORS] == 0 and model.totals()[Verdict.OK] == 6
    reviews.clear()
    model.refresh()
    assert model.verdict(row) is Verdict.ERRORS and model.totals()[Verdict.OK] == 5


def test_the_model_passes_qts_model_tester(qtmodeltester, reports):
    model = BatchModel()
    qtmodeltester.check(model)  # the tester stays attached: it checks every change below
    rows = model.add([r.path for r in reports.values()])
    model.set_results(list(zip(rows, reports.values(), strict=True))[:4])
    model.set_cancelled(rows[4:6])
    model.remove([0, 2, 3, 7, 8])
    model.refresh()
    assert model.add([reports["fault"].path]) == []  # still listed
    assert model.add([str(SEED0)]) == [4]  # removed, so listed again
    assert model.row_of(reports["fault"].path) == 2
    qtmodeltester.check(model)


# ---- the pane -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_the_pane_speaks_chinese(language, qtbot, reports):
    pane = BatchPane(_loaded(reports))
    qtbot.addWidget(pane)
    assert pane.all_button.text() == "全部"
    assert pane.search.placeholderText() == "按文件名或单位筛选"
    assert pane.model.headerData(ERRORS, Qt.Orientation.Horizontal) == "错误"
    assert pane.remove_action.text() == "从列表中移除"


def test_the_totals_line_counts_the_verdicts_as_buttons(pane):
    assert pane.totals_text() == "共 9 份：有错误 1 · 无法读取 1 · 部分解析 1 · 有警告 1 · 正常 5"
    assert pane.head.text() == "共 9 份："
    shown = [b.text() for b in pane.buttons.values() if b.isVisible()]
    assert shown == ["有错误 1", "无法读取 1", "部分解析 1", "有警告 1", "正常 5"]
    assert pane.all_button.isChecked()


def test_clicking_a_verdict_shows_only_those_reports(pane, qtbot):
    qtbot.mouseClick(pane.buttons[Verdict.ERRORS], Qt.MouseButton.LeftButton)
    assert _shown(pane) == ["fault.txt"]
    assert pane.buttons[Verdict.ERRORS].isChecked() and not pane.all_button.isChecked()
    qtbot.mouseClick(pane.buttons[Verdict.WARNINGS], Qt.MouseButton.LeftButton)  # and these too
    assert sorted(_shown(pane)) == ["fault.txt", "warn.txt"]
    qtbot.mouseClick(pane.buttons[Verdict.ERRORS], Qt.MouseButton.LeftButton)  # not these any more
    assert _shown(pane) == ["warn.txt"]
    qtbot.mouseClick(pane.all_button, Qt.MouseButton.LeftButton)
    assert len(_shown(pane)) == 9 and pane.all_button.isChecked()
    assert not any(b.isChecked() for b in pane.buttons.values())


def _type_chinese(widget, text: str) -> None:
    """As an input method commits what was typed (QTest's key clicks know ASCII alone)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_typing_in_the_search_box_filters_by_name_and_agency(pane, qtbot):
    qtbot.keyClicks(pane.search, "FAULT")
    assert _shown(pane) == ["fault.txt"]
    pane.search.clear()
    _type_chinese(pane.search, "北新桥")  # the agency of seed 002
    assert _shown(pane) == ["002_1fda27c24fffeb28.txt"]
    qtbot.mouseClick(pane.buttons[Verdict.OK], Qt.MouseButton.LeftButton)  # both filters at once
    assert _shown(pane) == ["002_1fda27c24fffeb28.txt"]
    qtbot.mouseClick(pane.buttons[Verdict.ERRORS], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pane.buttons[Verdict.OK], Qt.MouseButton.LeftButton)
    assert _shown(pane) == []
    pane.search.clear()
    assert _shown(pane) == ["fault.txt"]


def _click_header(qtbot, pane: BatchPane, column: int) -> None:
    header = pane.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_clicking_a_header_sorts_the_list(pane, qtbot):
    assert _shown(pane)[:5] == [p.name for p in SEEDS]  # the opening order at first
    _click_header(qtbot, pane, ERRORS)  # the most errors first
    assert _shown(pane)[0] == "fault.txt"
    _click_header(qtbot, pane, WARNINGS)
    assert set(_shown(pane)[:2]) == {"warn.txt", "part.txt"}
    _click_header(qtbot, pane, VERDICT)  # the most urgent first
    assert _shown(pane)[:4] == ["fault.txt", "junk.txt", "part.txt", "warn.txt"]
    _click_header(qtbot, pane, VERDICT)
    assert _shown(pane)[-4:] == ["warn.txt", "part.txt", "junk.txt", "fault.txt"]
    _click_header(qtbot, pane, NAME)
    assert _shown(pane) == sorted(_shown(pane))


def test_the_current_report_stays_across_sorting_and_filtering(pane, qtbot):
    announced = []
    pane.current_changed.connect(announced.append)
    fault = _row(pane.model, "fault.txt")
    pane.select_row(fault)
    assert pane.current_row() == fault and announced == [fault]
    _click_header(qtbot, pane, ERRORS)
    qtbot.mouseClick(pane.buttons[Verdict.ERRORS], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(pane.search, "fa")
    assert pane.current_row() == fault and announced == [fault]  # no announcement: nothing changed
    assert pane.view.selectionModel().isRowSelected(pane.view.currentIndex().row())
    pane.search.clear()
    qtbot.mouseClick(pane.buttons[Verdict.ERRORS], Qt.MouseButton.LeftButton)
    assert pane.current_row() == fault and announced == [fault]


def test_step_goes_down_and_up_the_list_as_shown(pane, qtbot):
    _click_header(qtbot, pane, VERDICT)
    model = pane.model
    assert model.name(pane.step(1)) == "fault.txt"  # none current: the first
    assert model.name(pane.step(1)) == "junk.txt"
    assert model.name(pane.step(2)) == "warn.txt"
    assert model.name(pane.step(-1)) == "part.txt"
    assert model.name(pane.step(-10)) == "fault.txt"  # stays at the top


def test_selecting_a_hidden_report_clears_the_filters(pane, qtbot):
    qtbot.mouseClick(pane.buttons[Verdict.ERRORS], Qt.MouseButton.LeftButton)
    warn = _row(pane.model, "warn.txt")
    pane.select_row(warn)
    assert pane.current_row() == warn and len(_shown(pane)) == 9 and pane.all_button.isChecked()


def _remove_on_request(pane: BatchPane, removed: list) -> None:
    """What the window does: drop the rows asked for."""

    def remove(rows: list) -> None:
        removed.append([pane.model.name(r) for r in rows])
        pane.model.remove(rows)

    pane.remove_requested.connect(remove)


def test_the_delete_key_removes_the_current_report(pane, qtbot):
    removed: list = []
    _remove_on_request(pane, removed)
    announced: list = []
    pane.current_changed.connect(announced.append)
    pane.select_row(_row(pane.model, "fault.txt"))
    pane.activateWindow()
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus)
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert removed == [["fault.txt"]]
    assert "fault.txt" not in _shown(pane) and pane.model.rowCount() == 8
    assert pane.totals_text() == "共 8 份：无法读取 1 · 部分解析 1 · 有警告 1 · 正常 5"
    assert not pane.buttons[Verdict.ERRORS].isVisible()
    assert pane.model.name(pane.current_row()) in ("warn.txt", "004_205104d3919f452a.txt")  # a neighbour
    assert announced[-1] == pane.current_row()


def test_the_context_menu_removes_a_report(pane, qtbot):
    removed: list = []
    _remove_on_request(pane, removed)
    qtbot.mouseClick(pane.buttons[Verdict.OK], Qt.MouseButton.LeftButton)  # a filter on: rows still line up
    view = pane.view
    target = pane.proxy.index(2, NAME)
    assert target.data() == "002_1fda27c24fffeb28.txt"
    view.customContextMenuRequested.emit(view.visualRect(target).center())  # what a right click does
    menu = pane.menu
    assert menu is not None
    qtbot.waitExposed(menu)
    assert [a.text() for a in menu.actions()] == ["Remove from List"]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(menu.actions()[0]).center())
    assert removed == [["002_1fda27c24fffeb28.txt"]]
    assert _shown(pane) == ["000_5765c3367762f63e.txt", "001_a7e6a703afb669e1.txt", *[p.name for p in SEEDS[3:]]]
    assert [b.text() for b in pane.buttons.values() if b.isVisible()][-1] == "正常 4"


def test_a_filter_whose_last_report_went_is_dropped(pane, qtbot):
    qtbot.mouseClick(pane.buttons[Verdict.ERRORS], Qt.MouseButton.LeftButton)
    pane.model.remove([_row(pane.model, "fault.txt")])
    assert pane.proxy.verdicts() == frozenset() and len(_shown(pane)) == 8 and pane.all_button.isChecked()


def test_the_header_menu_shows_hidden_columns(pane, qtbot):
    assert pane.view.isColumnHidden(AGENCY) and not pane.view.isColumnHidden(ERRORS)
    header = pane.view.horizontalHeader()
    header.customContextMenuRequested.emit(QPoint(10, 5))
    menu = pane.menu
    qtbot.waitExposed(menu)
    agency = next(a for a in menu.actions() if a.text() == "Agency")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(agency).center())
    assert not pane.view.isColumnHidden(AGENCY)
    QApplication.processEvents()
