"""The findings pane as the inspector uses it: the list, the finding read whole, the review by
button, shortcut and the real comment dialog (pytest-qt, offscreen)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from conftest import SAMPLES
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QPlainTextEdit

from auditapp.api import AuditResult, audit_file
from auditapp.gui.findings_pane import FindingsPane
from auditapp.gui.models import FINDING_ROLE
from auditapp.review import Review, finding_key
from auditapp.rules import Finding, Severity

pytestmark = pytest.mark.usefixtures("settings_in_tmp")
CHINESE = pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
SEED0 = SAMPLES / "000_5765c3367762f63e.txt"


def _fault(tmp_path: Path) -> AuditResult:
    """Two errors (a natural person's application miscounted, 781 for 782) and a warning (the narrative)."""
    path = tmp_path / "fault.txt"
    text = SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |").replace("764件已办结", "765件已办结")
    path.write_text(text, encoding="utf-8")
    result = audit_file(str(path))
    assert [f.severity for f in result.findings] == [Severity.ERROR, Severity.ERROR, Severity.WARNING]
    return result


@pytest.fixture
def pane(qtbot) -> FindingsPane:
    pane = FindingsPane()
    qtbot.addWidget(pane)
    pane.resize(1140, 260)  # the room a 1366×768 window leaves it
    pane.show()
    qtbot.waitExposed(pane)
    return pane


@pytest.fixture
def shown(pane, tmp_path) -> tuple[FindingsPane, AuditResult, dict]:
    result, reviews = _fault(tmp_path), {}
    pane.show_result(result, reviews)
    return pane, result, reviews


def _review(reviews: dict, result: AuditResult, finding: Finding) -> Review:
    return reviews.get((os.path.abspath(result.path), finding_key(finding)), Review())


def _click_row(qtbot, pane: FindingsPane, row: int) -> None:
    rect = pane.view.visualRect(pane.proxy.index(row, 1))
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _answer_comment_dialog(qtbot, typed: str | None, ok: bool = True) -> list[str]:
    """When the comment dialog opens, select what it holds, type `typed` over it (None: type
    nothing) and press OK or Cancel, as the inspector would. Returns what the dialog held first."""
    seen: list[str] = []

    def answer(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            if tries < 200:  # give up after some seconds: the test then fails on `seen`, not hangs
                QTimer.singleShot(20, lambda: answer(tries + 1))
            return
        edit = dialog.findChild(QPlainTextEdit)
        seen.append(edit.toPlainText())
        if typed is not None:
            edit.selectAll()
            qtbot.keyClicks(edit, typed)
        which = QDialogButtonBox.StandardButton.Ok if ok else QDialogButtonBox.StandardButton.Cancel
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(which), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    return seen


def _activate(qtbot, pane: FindingsPane) -> None:
    """Shortcuts work in the active window only."""
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)


# ---- review ---------------------------------------------------------------------------------------


def test_the_comment_button_opens_the_dialog_and_stores_what_was_typed(shown, qtbot):
    pane, result, reviews = shown
    _click_row(qtbot, pane, 0)
    finding = pane.current_finding()
    seen = _answer_comment_dialog(qtbot, "checked with the agency")
    with qtbot.waitSignal(pane.review_changed):
        qtbot.mouseClick(pane.comment_button, Qt.MouseButton.LeftButton)
    assert seen == [""]
    assert _review(reviews, result, finding) == Review(None, "checked with the agency")
    assert "checked with the agency" in pane.detail.toPlainText()
    # Again: the dialog holds the old comment, and what is typed over it replaces it.
    seen = _answer_comment_dialog(qtbot, "typo, see page 3")
    qtbot.mouseClick(pane.comment_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["checked with the agency"]
    assert _review(reviews, result, finding).comment == "typo, see page 3"
    assert pane.model.index(0, 5).data() == "typo, see page 3"


def test_cancel_in_the_comment_dialog_changes_nothing(shown, qtbot):
    pane, result, reviews = shown
    _click_row(qtbot, pane, 1)
    finding = pane.current_finding()
    _answer_comment_dialog(qtbot, "kept")
    qtbot.mouseClick(pane.comment_button, Qt.MouseButton.LeftButton)
    changed = []
    pane.review_changed.connect(lambda: changed.append(1))
    seen = _answer_comment_dialog(qtbot, "thrown away", ok=False)
    qtbot.mouseClick(pane.comment_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert _review(reviews, result, finding) == Review(None, "kept")
    assert not changed


def test_the_confirm_and_dismiss_buttons_set_the_state_and_keep_the_comment(shown, qtbot, monkeypatch):
    pane, result, reviews = shown
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("已与报送单位核实", True))
    assert not pane.confirm_button.isEnabled()  # nothing selected yet: nothing to review
    _click_row(qtbot, pane, 2)
    finding = pane.current_finding()
    qtbot.mouseClick(pane.comment_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(pane.review_changed):
        qtbot.mouseClick(pane.confirm_button, Qt.MouseButton.LeftButton)
    assert _review(reviews, result, finding) == Review("confirmed", "已与报送单位核实")
    with qtbot.waitSignal(pane.review_changed):
        qtbot.mouseClick(pane.dismiss_button, Qt.MouseButton.LeftButton)
    assert _review(reviews, result, finding) == Review("dismissed", "已与报送单位核实")
    assert len(reviews) == 1


def test_the_shortcut_keys_review_the_selected_finding(shown, qtbot, monkeypatch):
    pane, result, reviews = shown
    _activate(qtbot, pane)
    _click_row(qtbot, pane, 0)
    first = pane.current_finding()
    qtbot.keyClick(pane.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert _review(reviews, result, first).state == "confirmed"
    qtbot.keyClick(pane.view, Qt.Key.Key_F8)  # the next one
    second = pane.current_finding()
    assert second is not first
    qtbot.keyClick(pane.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert _review(reviews, result, second).state == "dismissed"
    seen = _answer_comment_dialog(qtbot, "by keyboard")
    qtbot.keyClick(pane.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert _review(reviews, result, second) == Review("dismissed", "by keyboard")
    assert "Ctrl+1" in pane.confirm_button.toolTip() and "Ctrl+3" in pane.comment_action.toolTip()


def test_f8_and_shift_f8_step_through_the_list_round_and_say_so(shown, qtbot):
    pane, result, _ = shown
    _activate(qtbot, pane)
    selected = []
    pane.finding_selected.connect(selected.append)
    for _ in range(4):
        qtbot.keyClick(pane.view, Qt.Key.Key_F8)
    assert selected == [*result.findings, result.findings[0]]  # round to the first again
    qtbot.keyClick(pane.view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert selected[-1] is result.findings[-1]


def test_a_click_or_a_key_in_the_list_selects_a_finding(shown, qtbot):
    pane, result, _ = shown
    selected = []
    pane.finding_selected.connect(selected.append)
    _click_row(qtbot, pane, 1)
    assert selected == [result.findings[1]]
    _click_row(qtbot, pane, 1)  # again: the window shows its cells again
    assert selected == [result.findings[1]] * 2
    qtbot.keyClick(pane.view, Qt.Key.Key_Down)
    assert selected[-1] is result.findings[2] and len(selected) == 3


# ---- the finding whole ------------------------------------------------------------------------------


@CHINESE
def test_the_detail_holds_the_whole_message_and_the_proposed_value(language, shown, qtbot):
    pane, result, _ = shown
    _click_row(qtbot, pane, 0)
    finding = result.findings[0]
    text = pane.detail.toPlainText()
    assert finding.message("zh") in text  # whole, where the list cuts it short
    assert "改为 782 可使相关勾稽关系全部成立" in text
    assert "建议改为 782" in text
    assert "现为 781" in text and "表三“一、本年新收政府信息公开申请数量”行“自然人”列" in text
    assert "应为 804" in text and "实为 805" in text
    assert "申请数量平衡" in text and "t3.balance" in text and "复核：未复核" in text
    assert "第 37 行：一、本年新收政府信息公开申请数量 | 781 |" in text  # the source line of the evidence
    assert "表三每一列" in text  # what the rule checks, from the catalogue


@CHINESE
def test_an_unreadable_file_is_not_audited_and_says_why(language, pane, tmp_path):
    missing = audit_file(str(tmp_path / "gone.docx"))
    pane.show_result(missing, {})
    assert pane.view.placeholder == "未审核：无法读取此文件。"
    assert missing.error and missing.error in pane.detail.toPlainText()
    assert pane.counts.text() == "未审核"
    prose = tmp_path / "prose.txt"
    prose.write_text("这是一段没有任何统计表的文字。\n" * 5, encoding="utf-8")
    no_tables = audit_file(str(prose))
    assert no_tables.report is not None and not no_tables.findings  # read, but no table in it
    pane.show_result(no_tables, {})
    assert pane.view.placeholder == "未审核：无法读取此文件。"
    assert no_tables.error and no_tables.error in pane.detail.toPlainText()
    assert "各项检查均已通过" not in pane.view.placeholder + pane.detail.toPlainText() + pane.counts.text()


@CHINESE
def test_a_clean_report_says_every_check_passed(language, pane):
    pane.show_result(audit_file(str(SEED0)), {})
    assert pane.view.placeholder == "未发现问题：各项检查均已通过。"
    assert pane.counts.text() == "错误 0\u3000警告 0\u3000提示 0"
    pane.show_result(None, {})
    assert pane.view.placeholder == "" and pane.counts.text() == "" and not pane.detail.toPlainText()


# ---- the list -------------------------------------------------------------------------------------


def test_select_first_picks_the_first_error_wherever_the_list_shows_it(shown, qtbot):
    pane, result, _ = shown
    header = pane.view.horizontalHeader()
    for _ in range(2):  # sort the severity column until the warning comes first
        if pane.proxy.index(0, 0).data() == "Warning":
            break
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(0) + 5, 5)
        )
    assert pane.proxy.index(0, 0).data() == "Warning"
    with qtbot.waitSignal(pane.finding_selected) as signal:
        first = pane.select_first()
    assert first is result.findings[0] and signal.args == [first]
    assert pane.current_finding() is first
    assert pane.select_first(Severity.WARNING) is result.findings[2]
    assert pane.select_first(Severity.INFO) is pane.proxy.index(0, 0).data(FINDING_ROLE)  # none: the first row
    with qtbot.waitSignal(pane.finding_selected):  # already current: still said, for the window to follow
        pane.select(result.findings[1])
        pane.select(result.findings[1])


def test_the_severity_filter_shows_one_severity(shown, qtbot):
    pane, result, _ = shown
    pane.severity_filter.setFocus()
    qtbot.keyClick(pane.severity_filter, Qt.Key.Key_Down)  # All → Error
    assert pane.severity_filter.currentText() == "Error"
    assert pane.proxy.rowCount() == 2
    qtbot.keyClick(pane.severity_filter, Qt.Key.Key_Down)  # → Warning
    assert [pane.proxy.index(r, 0).data() for r in range(pane.proxy.rowCount())] == ["Warning"]
    assert pane.select_first() is result.findings[2]  # the first the list shows
    qtbot.keyClick(pane.severity_filter, Qt.Key.Key_Down)  # → Info: none
    assert pane.proxy.rowCount() == 0 and pane.view.placeholder == "No findings of this severity."


@CHINESE
def test_the_counts_leave_out_the_dismissed(language, shown, qtbot):
    pane, _, _ = shown
    assert pane.counts.text() == "错误 2\u3000警告 1\u3000提示 0"
    _click_row(qtbot, pane, 0)
    qtbot.mouseClick(pane.dismiss_button, Qt.MouseButton.LeftButton)
    assert pane.counts.text() == "错误 1\u3000警告 1\u3000提示 0\u3000已驳回 1"
    assert pane.model.index(0, 4).data() == "驳回"
    qtbot.mouseClick(pane.confirm_button, Qt.MouseButton.LeftButton)
    assert pane.counts.text() == "错误 2\u3000警告 1\u3000提示 0"


def test_the_model_behind_the_list_is_sound(shown, qtmodeltester):
    pane, _, _ = shown
    qtmodeltester.check(pane.proxy)
    pane.proxy.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(pane.proxy)


def test_the_same_file_shown_again_keeps_its_finding_selected(shown, qtbot, tmp_path):
    pane, result, reviews = shown
    _click_row(qtbot, pane, 1)
    selected = []
    pane.finding_selected.connect(selected.append)
    pane.show_result(audit_file(result.path), reviews)  # read again: new Finding objects, the same findings
    assert pane.current_finding() == result.findings[1] and not selected
    assert result.findings[1].message() in pane.detail.toPlainText()
    pane.show_result(audit_file(str(SEED0)), reviews)
    assert pane.current_finding() is None and not pane.detail.toPlainText()
