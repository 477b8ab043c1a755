"""The window's Scores menu, as the inspector uses it: choose a rule pack in the file dialog,
show the scores, read a report's itemised deductions, dismiss a finding and see it deduct
nothing, export the 评分 sheet; read a list of bodies and see the coverage."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from conftest import SAMPLES
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from auditapp.export.wb_scores import words
from auditapp.gui.models import FINDING_ROLE
from auditapp.gui.scoring import CoverageDialog, ScoresDialog

LEFT = Qt.MouseButton.LeftButton
SEED0 = SAMPLES / "000_5765c3367762f63e.txt"
PACK = """\
[pack]
name = "测试规则包"
source = "测试用"
full = 20
rank_min = 2

[[deduct]]
rule = "cross.copied_text"
points = 3

[[deduct]]
rule = "cross.same_tables"
points = 2
"""


def _batch(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED0.read_text(encoding="utf-8"), encoding="utf-8")
    copy = SEED0.read_text(encoding="utf-8").replace("钱塘区", "临平区")
    (folder / "b.txt").write_text(copy, encoding="utf-8")
    (folder / "c.txt").write_bytes((SAMPLES / "004_205104d3919f452a.txt").read_bytes())
    return folder


def _menu_action(window, title: str, text: str):
    """The action `text` of the menu `title` in the window's menu bar (as a user finds it)."""
    for top in window.menuBar().actions():
        if top.text().replace("&", "") == title:
            for action in top.menu().actions():
                if action.text().replace("&", "") == text:
                    return action
    raise AssertionError(f"no {title} › {text}")


def _row(table, name: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, 1).text() == name)


def test_scores_from_the_menu_and_a_dismissal(window, qtbot, tmp_path, monkeypatch, no_modal_dialogs):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    folder = _batch(tmp_path)
    window.open_paths([str(folder)])
    assert window.wait_until_done(60)
    copied = "cross.copied_text"  # the checks across reports, applied once the batch is in
    qtbot.waitUntil(lambda: all(copied in [f.rule for f in r.findings] for r in window.results()[:2]), timeout=30000)
    pack = tmp_path / "pack.toml"
    pack.write_text(PACK, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pack), ""))
    _menu_action(window, "Scores", "Choose Rule Pack…").trigger()
    assert window.scoring.pack is not None and window.scoring.pack.name == "测试规则包"
    _menu_action(window, "Scores", "Show Scores…").trigger()
    dialog = window.findChild(ScoresDialog)
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    # a and b copy each other: text −3 and tables −2 → 15; c is whole → 20; three governments of 2023
    scores = {table.item(r, 1).text(): (table.item(r, 4).text(), table.item(r, 5).text()) for r in range(3)}
    assert scores == {"a.txt": ("15", "2/3"), "b.txt": ("15", "2/3"), "c.txt": ("20", "1/3")}
    row = _row(table, "b.txt")
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(table.model().index(row, 1)).center())
    assert "cross.copied_text ×1 (findings 1)" in dialog.detail.toPlainText()

    # dismiss a.txt's copied-text finding in the findings pane: it deducts nothing
    a_row = window.batch.model.row_of(str(folder / "a.txt"))
    view = window.batch.view
    index = window.batch.proxy.mapFromSource(window.batch.model.index(a_row, 1))
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())
    assert window.current.path == str(folder / "a.txt")
    assert window.scoring.label.isVisible() and ">Score 15/20<" in window.scoring.label.text()
    proxy = window.findings.proxy
    copied = next(
        r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(FINDING_ROLE).rule == "cross.copied_text"
    )
    fview = window.findings.view
    qtbot.mouseClick(fview.viewport(), LEFT, pos=fview.visualRect(proxy.index(row, 2)).center())
    qtbot.mouseClick(window.findings.dismiss_button, LEFT)
    assert ">Score 17/20<" in window.scoring.label.text()  # the status bar follows the review
    qtbot.mouseClick(dialog.refresh_button, LEFT)
    QApplication.processEvents()
    row = _row(table, "a.txt")
    assert table.item(row, 4).text() == "17"
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(table.model().index(row, 1)).center())
    assert "1 dismissed finding(s) deduct nothing." in dialog.detail.toPlainText()

    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_all.trigger()
    sheet = words(window.lang)["scores"]  # 评分, or Scores in an English window
    rows = list(load_workbook(target)[sheet].iter_rows(values_only=True))
    assert {r[4] for r in rows if r[1] == "a.txt"} == {17}


def test_coverage_from_the_menu(window, tmp_path, monkeypatch, no_modal_dialogs):
    from PySide6.QtWidgets import QFileDialog

    folder = _batch(tmp_path)
    window.open_paths([str(folder)])
    assert window.wait_until_done(60)
    bodies = tmp_path / "bodies.txt"
    bodies.write_text("杭州市钱塘区人民政府\n淮安市人民政府\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bodies), ""))
    _menu_action(window, "Scores", "Coverage of a List of Bodies…").trigger()
    dialog = window.findChild(CoverageDialog)
    assert dialog is not None and dialog.isVisible()
    rows = [[dialog.table.item(r, c).text() for c in range(5)] for r in range(dialog.table.rowCount())]
    assert ["no report", "淮安市人民政府", "2", "", ""] in rows
    assert ["has a report", "杭州市钱塘区人民政府", "1", "a.txt", "杭州市钱塘区人民政府"] in rows
    assert ["not in the list", "", "", "b.txt", "杭州市临平区人民政府"] in rows
    assert "2 bodies: 1 with a report, 1 without" in dialog.summary.text()
    assert window.scoring.bodies is not None


def test_a_refused_pack_is_said_and_not_used(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    pack = tmp_path / "bad.toml"
    pack.write_text(PACK.replace("cross.same_tables", "cross.same_table"), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pack), ""))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    _menu_action(window, "Scores", "Choose Rule Pack…").trigger()
    assert window.scoring.pack is None
    line = "line 12" if window.lang == "en" else "第 12 行"
    assert len(said) == 1 and line in said[0] and "cross.same_table" in said[0]
