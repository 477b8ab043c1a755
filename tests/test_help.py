"""The first hour (issue 22), driven as a user drives the window: Help › User Guide (F1), Help ›
Keyboard Shortcuts, a finding's rule, the language switch, Qt's own dialogs in Chinese."""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from conftest import ROOT, SAMPLES
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox

from auditapp import cli
from auditapp.gui.help import MarkdownWindow

sys.path.insert(0, str(ROOT / "packaging"))
import make_guide

sys.path.remove(str(ROOT / "packaging"))

SEED0 = SAMPLES / "000_5765c3367762f63e.txt"

pytestmark = pytest.mark.usefixtures("settings_in_tmp", "no_modal_dialogs")


@pytest.fixture(autouse=True)
def chinese(qapp):
    from auditapp.gui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def _fault(folder: Path) -> Path:
    path = folder / "fault.txt"
    path.write_text(SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |"), encoding="utf-8")
    return path


def _opened(qtbot) -> MarkdownWindow:
    found: list[MarkdownWindow] = []

    def one() -> None:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MarkdownWindow) and w.isVisible()]
        assert len(found) == 1

    qtbot.waitUntil(one)
    return found[0]


def _menu_action(window, *texts: str) -> QAction:
    """The action reached through the menu bar by these (shown) texts, e.g. ("帮助(&H)", "快捷键(&K)")."""
    actions = window.menuBar().actions()
    for text in texts:
        action = next(a for a in actions if a.text().replace("&", "").startswith(text))
        actions = action.menu().actions() if action.menu() is not None else []
    return action


def test_the_bundled_guide_is_the_readmes_section_for_inspectors():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert make_guide.GUIDE.read_text(encoding="utf-8") == make_guide.guide(readme), (
        "run `python packaging/make_guide.py` after editing the README's guide"
    )


def test_f1_opens_the_inspectors_guide_offline(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = _opened(qtbot)
    assert guide.windowTitle() == "使用说明"
    text = guide.browser.toPlainText()
    assert "使用说明（审核人员）" in text and "打开报告" in text and "复核" in text
    assert "## " not in text  # rendered, not shown as Markdown
    assert not guide.isModal()  # read beside the report
    # the picture it names is bundled in a checkout, so it is shown, not its caption
    assert "desk-1366x768.png" in guide.markdown


def test_help_menu_user_guide_opens_the_same_window(window, qtbot):
    _menu_action(window, "帮助", "使用说明").trigger()
    assert "安装（不联网）" in _opened(qtbot).browser.toPlainText()


def test_the_shortcut_list_is_built_from_the_windows_actions(window, qtbot):
    extra = QAction("Zebra Command", window)  # a new command with a key shows up without a list to edit
    extra.setShortcut(QKeySequence("Ctrl+Alt+J"))
    window.addAction(extra)
    _menu_action(window, "帮助", "快捷键").trigger()
    shown = _opened(qtbot)
    assert shown.windowTitle() == "快捷键"
    text = shown.browser.toPlainText()
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in text, action.text()
    assert "Zebra Command" in text and "Ctrl+Alt+J" in text
    assert "打开报告" in text and "F1" in text and "F8" in text and "Shift+F1" in text
    assert "&" not in text.replace("&&", "")


def test_a_findings_rule_button_shows_its_catalogue_entry_as_rules_markdown_prints_it(window, qtbot, tmp_path):
    window.open_paths([str(_fault(tmp_path))])
    assert window.wait_until_done(60)
    finding = window.findings.current_finding()
    assert finding is not None
    button = window.findings.rule_button
    assert button.text() == "规则说明…" and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    shown = _opened(qtbot)
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["rules", "--markdown"]) == 0
    lines = out.getvalue().splitlines()
    row = next(line for line in lines if line.startswith(f"| `{finding.rule}` |"))
    assert lines[0] in shown.markdown and row in shown.markdown
    text = shown.browser.toPlainText()
    assert "国办公开办函〔2021〕30号" in text  # where the rule comes from
    assert "错误" in text  # its severity
    assert finding.rule in shown.windowTitle()


def test_the_rule_window_opens_by_key_and_not_without_a_finding(window, qtbot, tmp_path):
    assert not window.findings.rule_action.isEnabled()  # nothing selected: nothing to explain
    window.open_paths([str(_fault(tmp_path))])
    assert window.wait_until_done(60)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert window.findings.current_finding().rule in _opened(qtbot).windowTitle()


def test_choosing_a_language_says_in_that_language_that_a_restart_applies_it(window, qtbot):
    english = next(a for a in window.language_menu.actions() if a.data() == "en")
    english.trigger()
    boxes: list[QMessageBox] = []

    def shown() -> None:
        boxes[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert len(boxes) == 1

    qtbot.waitUntil(shown)
    assert "English the next time the program starts" in boxes[0].text()
    assert not boxes[0].isModal() or boxes[0].windowModality() != Qt.WindowModality.ApplicationModal
    boxes[0].close()


def test_the_open_dialog_speaks_chinese(window, qtbot, tmp_path):
    """Qt's own file dialog, not only ours: its labels come from Qt's qtbase_zh_CN.qm."""
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        seen.extend(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
        dialog.reject()

    QTimer.singleShot(20, look)
    _menu_action(window, "文件", "打开报告").trigger()
    assert seen, "no file dialog opened"
    assert "查找范围(&L)：" in seen and "文件类型(&T)：" in seen, seen
    assert not {"Look in:", "Files of type:"} & set(seen)
