"""Help › About and the list of bundled libraries with their licences (auditapp.licences)."""

from __future__ import annotations

import importlib.metadata as metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from auditapp import __version__, licences

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


# ---- the libraries and their licences (no Qt) ---------------------------------------------------


def _dist(tmp_path: Path, name: str, *fields: str) -> metadata.Distribution:
    """A distribution with just this metadata, as a package that says little about itself ships it."""
    info = tmp_path / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("\n".join(["Metadata-Version: 2.1", f"Name: {name}", "Version: 1.0", *fields]))
    return metadata.PathDistribution(info)


def test_a_licence_comes_from_the_metadata_first(tmp_path):
    assert licences.licence_of(_dist(tmp_path, "numpy", "License-Expression: BSD-3-Clause AND MIT")) == (
        "BSD-3-Clause AND MIT"
    )


def test_a_licence_classifier_counts_when_the_fields_are_silent(tmp_path):
    dist = _dist(tmp_path, "somelib", "Classifier: License :: OSI Approved :: MIT License")
    assert licences.licence_of(dist) == "MIT"


def test_a_licence_missing_from_the_metadata_comes_from_the_fallback_table(tmp_path):
    assert licences.licence_of(_dist(tmp_path, "shiboken6")) == licences.FALLBACK["shiboken6"]
    # A whole licence text pasted into the License field is not a licence's name.
    pasted = _dist(tmp_path, "python_dateutil", "License: Copyright 2017 Paul Ganssle", "        Apache 2.0 and BSD")
    assert licences.licence_of(pasted) == "Apache-2.0 AND BSD-3-Clause"
    assert licences.licence_of(_dist(tmp_path, "nobody-knows")) == ""


def test_the_closure_follows_requirements_and_leaves_extras_out():
    names = {licences.normalise(d.metadata["Name"]) for d in licences.closure(["pandas>=2", 'pytest; extra == "test"'])}
    assert {"pandas", "numpy", "python-dateutil"} <= names
    assert "pytest" not in names


def test_the_bundled_libraries_are_the_runtime_requirements_not_the_tools():
    by_name = {licences.normalise(lib.name): lib for lib in licences.bundled()}
    for name in ("pyside6-essentials", "shiboken6", "pandas", "numpy", "openpyxl", "chardet"):
        assert name in by_name, name
        assert by_name[name].version == metadata.version(name)
        assert by_name[name].licence, f"{name} has no licence"
    assert "LGPL" in by_name["pyside6-essentials"].licence
    assert "BSD" in by_name["pandas"].licence
    assert not {"pytest", "ruff", "hypothesis", "pyinstaller", "auditapp"} & set(by_name)


def test_the_project_licence_is_the_licence_file():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8") == licences.PROJECT_LICENCE_TEXT
    assert licences.PROJECT_LICENCE_TEXT.startswith("MIT License")


def test_about_on_the_command_line_lists_the_libraries():
    done = subprocess.run(
        [sys.executable, "-m", "auditapp", "about"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT
    )
    assert done.returncode == 0
    assert done.stdout.startswith(f"auditapp {__version__}（许可证 MIT）")
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in done.stdout.splitlines() if "\t" in line}
    assert rows["pandas"] == [metadata.version("pandas"), "BSD-3-Clause"]
    assert rows["Python (CPython)"][1] == "PSF-2.0"


# ---- the dialog ----------------------------------------------------------------------------------

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import qVersion  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton  # noqa: E402

from auditapp.gui.about import AboutDialog  # noqa: E402
from auditapp.gui.main_window import MainWindow  # noqa: E402

pytestmark = pytest.mark.usefixtures("settings_in_tmp")  # conftest: QSettings in a temporary folder


def _open_about(qtbot) -> AboutDialog:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    help_menu = window.menuBar().actions()[-1].menu()
    help_menu.actions()[-1].trigger()  # About, below the guide and the shortcuts
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _texts(dialog: AboutDialog) -> list[str]:
    texts = [dialog.windowTitle()]
    texts += [label.text() for label in dialog.findChildren(QLabel)]
    texts += [button.text() for button in dialog.findChildren(QPushButton)]
    texts += [dialog.tabs.tabText(k) for k in range(dialog.tabs.count())]
    table = dialog.libraries
    texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    texts += [cell for row in dialog.library_rows() for cell in row]
    return [t for t in texts if t]


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_help_about_shows_the_version_and_the_libraries_with_their_licences(language, qtbot):
    dialog = _open_about(qtbot)
    assert dialog.windowTitle() == "About auditapp"
    assert f"Version {__version__}; " in dialog.versions.text()
    assert f"Qt {qVersion()}" in dialog.versions.text()
    rows = {name: (version, licence) for name, version, licence in dialog.library_rows()}
    assert rows["Qt"] == (qVersion(), "LGPL-3.0-only")
    assert rows["PySide6_Essentials"][0] == metadata.version("PySide6_Essentials")
    assert "LGPL" in rows["PySide6_Essentials"][1]
    assert rows["pandas"] == (metadata.version("pandas"), "BSD-3-Clause")
    assert all(licence for _, licence in rows.values())
    assert dialog.licence.toPlainText() == licences.PROJECT_LICENCE_TEXT
    assert [dialog.tabs.tabText(k) for k in range(dialog.tabs.count())] == ["Libraries", "Licence"]


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_in_english_the_about_dialog_has_no_chinese(language, qtbot):
    dialog = _open_about(qtbot)
    chinese = [text for text in _texts(dialog) if CJK.search(text)]
    assert not chinese


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_in_chinese_the_about_dialog_speaks_chinese(language, qtbot):
    dialog = _open_about(qtbot)
    assert dialog.windowTitle() == "关于 auditapp"
    assert dialog.versions.text().startswith(f"版本 {__version__}；Python ")
    assert [dialog.tabs.tabText(k) for k in range(dialog.tabs.count())] == ["所用的库", "许可证"]
    table = dialog.libraries
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["库", "版本", "许可证"]
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "关闭"  # Qt's own translation, loaded before ours
    close.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
