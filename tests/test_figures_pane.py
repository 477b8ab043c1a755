"""The batch view (issue 21): every report's figures in a tab, sorted by a header click, a double-click
(or Enter) on a figure opens that report on that cell with its source line shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES, SEED_NAMES
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView
from test_desk import _fault, _open

from auditapp.gui.figures_model import FiguresModel

SEEDS = [SAMPLES / name for name in SEED_NAMES]

pytestmark = pytest.mark.usefixtures("settings_in_tmp", "no_modal_dialogs")  # conftest: QSettings in tmp


def _show_figures_by_menu(window) -> None:
    window.figures_action.trigger()  # View › Batch Figures (Ctrl+T)
    assert window.center.currentWidget() is window.figures


def _column(window, column_id: str) -> int:
    return window.figures.model.columns.index(column_id)


def _files_shown(window) -> list[str]:
    proxy = window.figures.proxy
    return [Path(proxy.index(r, 0).data()).name for r in range(proxy.rowCount())]


def _click_header(qtbot, view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    view.scrollTo(view.model().index(0, column))
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def _double_click(qtbot, view: QTableView, row: int, column: int) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_the_batch_view_shows_every_report_with_its_figures(window, qtbot, tmp_path):
    _open(window, *SEEDS, _fault(tmp_path))
    _show_figures_by_menu(window)
    model: FiguresModel = window.figures.model
    qtbot.waitUntil(lambda: model.rowCount() == len(SEEDS) + 1)
    assert _files_shown(window)[: len(SEEDS)] == SEED_NAMES  # the order of opening at first
    fault_row = len(SEEDS)
    new = _column(window, "t3.new.natural_person")
    assert model.index(fault_row, new).data() == "781" and model.index(0, new).data() == "782"
    assert model.index(fault_row, _column(window, "errors")).data() != "0"
    # the cells with findings are coloured; the others are not
    marks = model.table.marks[fault_row]
    marked = next(c for c, rank in marks.items() if rank == 0)
    assert model.index(fault_row, _column(window, marked)).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, _column(window, marked)).data(Qt.ItemDataRole.BackgroundRole) is None
    applications = sum(r.report.value("t3.new.total") for r in window.results())
    totals = window.figures.totals.text()
    assert f"{model.table.label('applications')} {applications}" in totals
    assert totals.startswith(model.table.totals()["file"])  # 合计（6 份报告） / Total (6 reports)


def test_a_header_click_sorts_blanks_last(window, qtbot, tmp_path):
    empty = tmp_path / "scan.txt"
    empty.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    _open(window, *SEEDS, empty)
    _show_figures_by_menu(window)
    view = window.figures.view
    qtbot.waitUntil(lambda: window.figures.model.rowCount() == len(SEEDS) + 1)
    applications = _column(window, "applications")
    _click_header(qtbot, view, applications)
    shown = [window.figures.proxy.index(r, applications).data() for r in range(len(SEEDS) + 1)]
    _click_header(qtbot, view, applications)
    again = [window.figures.proxy.index(r, applications).data() for r in range(len(SEEDS) + 1)]
    numbers = sorted(int(x) for x in shown if x is not None)
    assert {tuple(shown[:-1]), tuple(again[:-1])} == {tuple(map(str, numbers)), tuple(map(str, numbers[::-1]))}
    assert shown[-1] is None and again[-1] is None  # the unreadable file has no figure: last both ways


def test_a_double_click_opens_that_report_on_that_cell(window, qtbot, tmp_path):
    fault = _fault(tmp_path)
    _open(window, *SEEDS, fault)
    window.batch.select_row(0)
    _show_figures_by_menu(window)
    view = window.figures.view
    qtbot.waitUntil(lambda: window.figures.model.rowCount() == len(SEEDS) + 1)
    _click_header(qtbot, view, _column(window, "errors"))  # sorted: the faulty report's row moves
    row = next(r for r in range(window.figures.proxy.rowCount()) if _files_shown(window)[r] == "fault.txt")
    cell = "t3.new.natural_person"
    _double_click(qtbot, view, row, _column(window, cell))
    assert window.center.currentIndex() == 0  # back on the Report tab
    assert window.current is not None and Path(window.current.path).name == "fault.txt"
    assert window.report_view.current_cell() == cell
    line = window.current.report.cells[cell].span.line
    assert window.report_view.source.textCursor().blockNumber() + 1 == line  # its source line shown
    # Enter on another report's figure, from the keyboard
    _show_figures_by_menu(window)
    other = next(r for r in range(window.figures.proxy.rowCount()) if _files_shown(window)[r] == SEED_NAMES[2])
    view.setCurrentIndex(window.figures.proxy.index(other, _column(window, "t4.review.total")))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert Path(window.current.path).name == SEED_NAMES[2]
    assert window.report_view.current_cell() == "t4.review.total"


def test_the_view_follows_the_batch_while_it_is_shown(window, qtbot, tmp_path):
    _open(window, SEEDS[0])
    _show_figures_by_menu(window)
    qtbot.waitUntil(lambda: window.figures.model.rowCount() == 1)
    _open(window, SEEDS[1])
    qtbot.waitUntil(lambda: window.figures.model.rowCount() == 2, timeout=5000)
    window.batch.select_row(0)
    window.remove_reports([0])
    qtbot.waitUntil(lambda: window.figures.model.rowCount() == 1, timeout=5000)
    assert _files_shown(window) == [SEED_NAMES[1]]


def test_outlier_hints_are_replaced_not_repeated_when_the_batch_grows(window, qtbot, tmp_path):
    """The checks across reports run again when more files arrive: a body's hint stays one hint."""
    from test_outliers import _values

    from auditapp.synth import render

    folder = tmp_path / "batch"
    folder.mkdir()
    for k in range(25):
        values = _values(40, 60) if k == 0 else _values(100 - (4 + k % 3), 4 + k % 3)
        text, _ = render(values, "pipe", agency=f"第{k}号县人民政府", year=2023)
        (folder / f"r{k:03d}.txt").write_text(text, encoding="utf-8")
    _open(window, folder)

    def hints() -> list:
        first = next(r for r in window.results() if r is not None and r.path.endswith("r000.txt"))
        return [f for f in first.findings if f.rule == "batch.outlier"]

    qtbot.waitUntil(lambda: len(hints()) == 1, timeout=10000)
    _open(window, SEEDS[0])  # the batch grows: the checks across reports run again
    qtbot.wait(200)
    assert len(hints()) == 1


def test_the_figures_model_keeps_qts_model_rules(qtmodeltester):
    from auditapp.api import audit_file
    from auditapp.figures import figure_row, figures_table

    model = FiguresModel()
    qtmodeltester.check(model)  # empty
    model.set_table(figures_table([figure_row(audit_file(str(p))) for p in SEEDS[:3]]))
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Vertical) == SEED_NAMES[0]


def test_a_report_clicked_in_the_list_brings_the_report_tab_forward(window, qtbot):
    _open(window, *SEEDS[:2])
    _show_figures_by_menu(window)
    view = window.batch.view
    index = window.batch.proxy.index(1, 1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert window.center.currentIndex() == 0 and Path(window.current.path).name == SEED_NAMES[1]


def test_a_correction_made_from_the_batch_view_shows_in_it(window, qtbot, tmp_path):
    """Double-click the faulty figure, correct it in its report (F2 and a reason), come back: the
    batch view holds the corrected value and no error for it."""
    from test_desk import SUSPECT, _edit_cell, answer_next_dialog

    _open(window, *SEEDS[:2], _fault(tmp_path))
    _show_figures_by_menu(window)
    view = window.figures.view
    qtbot.waitUntil(lambda: window.figures.model.rowCount() == 3)
    row = next(r for r in range(3) if _files_shown(window)[r] == "fault.txt")
    _double_click(qtbot, view, row, _column(window, SUSPECT))
    assert window.report_view.current_cell() == SUSPECT
    answer_next_dialog(qtbot, "原件为 782")
    _edit_cell(qtbot, window.report_view.table_views["t3"], SUSPECT, "782")
    _show_figures_by_menu(window)
    model = window.figures.model
    assert model.index(row, _column(window, SUSPECT)).data() == "782"
    assert model.index(row, _column(window, "errors")).data() == "0"
    assert model.index(row, _column(window, SUSPECT)).data(Qt.ItemDataRole.BackgroundRole) is None
