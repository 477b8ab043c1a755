"""The side-by-side view of a report copied from last year: opened from the finding's detail
through its button, both texts shown, the repeated passages highlighted on both sides."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_copied_last_year import _last_years, _real

pytestmark = pytest.mark.usefixtures("settings_in_tmp", "no_modal_dialogs")


def _click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_finding_opens_both_reports_side_by_side_with_the_repeats_highlighted(window, qtbot, tmp_path):
    this = _real("kewei_2024.md")
    last, _ = _last_years(this, rewrite=4)
    this_path, last_path = tmp_path / "kewei_2024.md", tmp_path / "kewei_2023.txt"
    this_path.write_text("\n".join(this.report.source.lines), encoding="utf-8")
    last_path.write_text("\n".join(last.report.source.lines), encoding="utf-8")
    window.open_paths([str(this_path), str(last_path)])
    assert window.wait_until_done(60)
    assert window.current is not None and window.current.path == str(this_path)
    # the checks across reports run once both have arrived
    qtbot.waitUntil(lambda: any(f.rule == "cross.copied_last_year" for f in window.current.findings), timeout=20000)

    pane = window.findings
    rows = range(pane.proxy.rowCount())
    findings = [pane.model.findings[pane.proxy.mapToSource(pane.proxy.index(r, 0)).row()] for r in rows]
    row = next(r for r, f in enumerate(findings) if f.rule == "cross.copied_last_year")
    assert not pane.compare_button.isVisible()  # only for that rule's findings
    other = next(r for r, f in enumerate(findings) if f.rule != "cross.copied_last_year")
    _click_row(qtbot, pane.view, other)
    assert not pane.compare_button.isVisible()
    _click_row(qtbot, pane.view, row)
    assert pane.current_finding().rule == "cross.copied_last_year"
    assert pane.compare_button.isVisible() and pane.compare_button.isEnabled()

    qtbot.mouseClick(pane.compare_button, Qt.MouseButton.LeftButton)
    view = window.compare_view
    qtbot.waitUntil(view.isVisible)
    left, right = view.this_side.highlighted(), view.last_side.highlighted()
    assert len(left) >= 5 and len(right) >= 5
    this_text, last_text = "\n".join(this.report.source.lines), "\n".join(last.report.source.lines)
    assert all(p in this_text for p in left) and all(p in last_text for p in right)
    assert view.this_side.text.toPlainText() == this_text and view.last_side.text.toPlainText() == last_text
    assert "2024" in view.this_side.title.text() and "2023" in view.last_side.title.text()
    assert "%" in view.summary.text()
    # a rewritten sentence is not highlighted
    rewritten = "本机关第甲0项工作另有安排"
    assert rewritten in last_text and not any(rewritten in p for p in right)
