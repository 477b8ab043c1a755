"""The window's translations: the catalogue complete and in step with the sources, and every text
the window shows in the language chosen (pytest-qt, offscreen)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from conftest import ROOT, SAMPLES
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QToolButton

from auditapp.gui import i18n
from auditapp.gui.batch_model import NAME, VERDICT
from auditapp.gui.main_window import MainWindow
from auditapp.gui.models import FindingsModel
from auditapp.rules import RULE_BY_ID, Severity

TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "auditapp_zh_CN.ts"
QM = TS.with_suffix(".qm")
GUI = ROOT / "auditapp" / "gui"
SEED0 = SAMPLES / "000_5765c3367762f63e.txt"
# CJK ideographs, CJK punctuation (【】、。　) and full-width forms (：（）)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
PLACEHOLDER = re.compile(r"\{\w+\}")


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) → the message's <translation> element."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            out[(name, message.findtext("source"))] = message.find("translation")
    return out


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} not installed")
    return found


# ---- the catalogue ------------------------------------------------------------------------------


def test_every_message_is_translated():
    messages = _messages(TS)
    assert len(messages) > 50
    for (context, source), translation in messages.items():
        assert translation is not None, (context, source)
        assert translation.get("type") is None, f"{translation.get('type')}: {context} {source!r}"
        text = translation.text or ""
        assert text.strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (context, source)
        assert ("&" in text) == ("&" in source), f"the menu mnemonic is lost: {context} {source!r}"


def test_every_context_is_one_the_code_translates_in():
    """lupdate's Python parser can misname a context (seen: `QCoreApplication.self`); its messages
    would never be found at run time."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in GUI.glob("*.py"))
    known = set(re.findall(r"^class (\w+)", code, re.M)) | set(re.findall(r'translate\(\s*"(\w+)"', code))
    assert {context for context, _ in _messages(TS)} <= known


def test_the_ts_file_is_up_to_date_with_the_sources(tmp_path):
    lupdate = _tool("pyside6-lupdate")
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    sources = sorted(str(p.relative_to(ROOT)) for p in GUI.glob("*.py"))
    subprocess.run([lupdate, "-no-obsolete", *sources, "-ts", str(fresh)], cwd=ROOT, check=True, capture_output=True)
    assert set(_messages(fresh)) == set(_messages(TS)), "run `python packaging/build_translations.py`"


def test_the_qm_file_is_up_to_date_with_the_ts(tmp_path):
    lrelease = _tool("pyside6-lrelease")
    fresh = tmp_path / QM.name
    subprocess.run([lrelease, str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run `python packaging/build_translations.py`"


# ---- choosing and installing the language -------------------------------------------------------


pytestmark = pytest.mark.usefixtures("settings_in_tmp")  # conftest: QSettings in a temporary folder


def test_the_language_comes_from_argument_environment_settings_else_chinese(monkeypatch):
    assert i18n.resolve_language() == "zh_CN"
    QSettings().setValue(i18n.SETTINGS_KEY, "en")
    assert i18n.resolve_language() == "en"
    monkeypatch.setenv(i18n.ENV_VAR, "zh")
    assert i18n.resolve_language() == "zh_CN"
    assert i18n.resolve_language("en_US") == "en"
    monkeypatch.setenv(i18n.ENV_VAR, "klingon")  # unknown: ignored, the next source decides
    assert i18n.resolve_language() == "en"


def test_chinese_installs_qt_translations_and_ours_english_none(qapp):
    try:
        installed = i18n.install_translators(qapp, "zh_CN")
        assert len(installed) == 3  # Qt's, the strings Qt's lacks, ours
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："  # a gap in Qt's
        assert QCoreApplication.translate("Nowhere", "Not translated") == "Not translated"
        assert QCoreApplication.translate("MenusMixin", "&File") == "文件(&F)"
        assert i18n.install_translators(qapp, "en") == []
        assert QCoreApplication.translate("MenusMixin", "&File") == "&File"
    finally:
        i18n.install_translators(qapp, "en")


def test_the_qm_is_found_beside_a_frozen_build(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "auditapp.exe"))
    assert tmp_path / "resources" / "translations" in i18n.translation_dirs()


# ---- the window in each language ----------------------------------------------------------------


def _window(qtbot, path: Path | None = None) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    if path is not None:
        window.open_paths([str(path)])
        window.wait_until_done()
    return window


def _fault(tmp_path: Path) -> Path:
    """A report with two errors and a warning."""
    path = tmp_path / "fault.txt"
    text = SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |").replace("764件已办结", "765件已办结")
    path.write_text(text, encoding="utf-8")
    return path


def _ui_texts(window: MainWindow) -> dict[str, str]:
    """Every text of the window's own (what it says, not what the report says), named for a message.

    Left out: the language names, each in its own language by convention; the recent files'
    paths; the tab titles, the table headers and the status bar, which quote the report; the
    find bar's arrows and cross, which are signs, not words."""
    languages = {a for a in window.language_menu.actions()}
    recent = set(window.recent_menu.actions())
    texts = {"window title": window.windowTitle()}
    for action in window.findChildren(QAction):
        if action not in languages and action not in recent:
            texts[f"action {action.text()!r}"] = action.text()
    for kind in (QPushButton, QLabel, QToolButton):
        for widget in window.findChildren(kind):
            if kind is not QToolButton or re.search(r"\w", widget.text()):
                texts[f"{kind.__name__} {widget.text()!r}"] = widget.text()
            texts[f"{kind.__name__} {widget.text()!r} tooltip"] = widget.toolTip()
    for edit in window.findChildren(QLineEdit):
        texts[f"line edit placeholder {edit.placeholderText()!r}"] = edit.placeholderText()
    for combo in window.findChildren(QComboBox):
        for k in range(combo.count()):
            texts[f"combo item {combo.itemText(k)!r}"] = combo.itemText(k)
    model = window.findings.model
    for column in range(model.columnCount()):
        texts[f"findings header {column}"] = model.headerData(column, Qt.Orientation.Horizontal)
    for row in range(model.rowCount()):
        for column in (0, 1, 3, 4):  # the message (2) quotes the report's labels
            texts[f"finding {row}, column {column}"] = model.index(row, column).data()
    batch = window.batch.model
    for column in range(batch.columnCount()):
        texts[f"batch header {column}"] = batch.headerData(column, Qt.Orientation.Horizontal)
    for row in range(batch.rowCount()):
        texts[f"file {row} verdict"] = batch.index(row, VERDICT).data()
        tooltip = batch.index(row, NAME).data(Qt.ItemDataRole.ToolTipRole)
        texts[f"file {row} tooltip"] = tooltip.split("\n", 1)[1] if "\n" in tooltip else ""  # after the path
    return {name: text for name, text in texts.items() if text}


def _batch_row(window: MainWindow, row: int) -> tuple[str, str]:
    """A row of the batch list: (verdict, file name)."""
    model = window.batch.model
    return model.index(row, VERDICT).data(), model.index(row, NAME).data()


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_in_chinese_the_window_says_everything_in_chinese(language, qtbot, tmp_path):
    window = _window(qtbot, _fault(tmp_path))
    assert [a.text() for a in window.menuBar().actions()] == [
        "文件(&F)",
        "编辑(&E)",
        "审核(&A)",
        "视图(&V)",
        "评分(&S)",
        "帮助(&H)",
    ]
    assert [b.text() for b in window.findChildren(QPushButton)] == [
        "确认",
        "驳回",
        "意见…",
        "规则说明…",
        "与上年对照…",
        "取消",
    ]
    assert _batch_row(window, 0) == ("有错误", "fault.txt")
    assert window.findings.model.headerData(0, Qt.Orientation.Horizontal) == "级别"
    assert window.findings.counts.text() == "错误 2　警告 1　提示 0"
    untranslated = {name: text for name, text in _ui_texts(window).items() if not CJK.search(text)}
    assert not untranslated
    checked = [a.text() for a in window.language_menu.actions() if a.isChecked()]
    assert checked == ["中文"]


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_in_english_the_window_has_no_chinese_of_its_own(language, qtbot, tmp_path):
    window = _window(qtbot, _fault(tmp_path))
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&Audit", "&View", "&Scores", "&Help"]
    assert [b.text() for b in window.findChildren(QPushButton)] == [
        "Confirm",
        "Dismiss",
        "Comment…",
        "Rule…",
        "Compare with Last Year…",
        "Cancel",
    ]
    assert _batch_row(window, 0) == ("Errors", "fault.txt")
    assert window.findings.counts.text() == "Errors 2   Warnings 1   Info 0"
    chinese = {name: text for name, text in _ui_texts(window).items() if CJK.search(text)}
    assert not chinese
    tabs = window.report_view.tabs
    assert tabs.tabText(0) == "Table 2"  # short; the tooltip adds the table's title, as the report prints it
    title = window.current.report.template.tables[0].title
    assert tabs.tabToolTip(0) == f"Table 2 {title}"
    assert " Encoding utf-8 " in window.statusBar().currentMessage()
    checked = [a.text() for a in window.language_menu.actions() if a.isChecked()]
    assert checked == ["English"]


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_in_english_the_findings_say_the_rules_messages_in_english(language, qtbot, tmp_path):
    window = _window(qtbot, _fault(tmp_path))
    model = window.findings.model
    assert model.rowCount() == 3
    for row, finding in enumerate(model.findings):
        assert model.index(row, 1).data() == RULE_BY_ID[finding.rule].title_en
        assert model.index(row, 2).data() == finding.message("en") != finding.message("zh")
        assert model.index(row, 4).data() == "Not reviewed"
    table = window.report_view.table_models["t3"]
    tip = table.data(table.index_of("t3.new.natural_person"), Qt.ItemDataRole.ToolTipRole)
    assert "most likely" in tip and "Source line 37" in tip


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_the_severity_filter_works_in_english(language, qtbot, tmp_path):
    window = _window(qtbot, _fault(tmp_path))
    pane = window.findings
    pane.severity_filter.setCurrentText("Warning")
    assert pane.proxy.rowCount() == 1
    assert pane.proxy.index(0, 0).data() == "Warning"
    pane.severity_filter.setCurrentText("Error")
    assert pane.proxy.rowCount() == 2
    pane.severity_filter.setCurrentText("All")
    assert pane.proxy.rowCount() == 3


def test_models_speak_chinese_unless_told(qapp, tmp_path):
    from auditapp.api import audit_file

    result = audit_file(str(_fault(tmp_path)))
    chinese, english = FindingsModel(result), FindingsModel(result, lang="en")
    error = next(k for k, f in enumerate(result.findings) if f.severity is Severity.ERROR)
    assert chinese.index(error, 2).data() == result.findings[error].message("zh")
    assert english.index(error, 2).data() == result.findings[error].message("en")


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_the_language_menu_keeps_the_choice_for_the_next_start(language, qtbot):
    window = _window(qtbot)
    english = next(a for a in window.language_menu.actions() if a.data() == "en")
    english.trigger()
    assert english.isChecked() and sum(a.isChecked() for a in window.language_menu.actions()) == 1
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"
    assert i18n.resolve_language() == "en"
    assert "下次启动" in window.statusBar().currentMessage()
    assert window.menuBar().actions()[0].text() == "文件(&F)"  # not retranslated live
