"""Shared fixtures: the bundled seed reports and their expected cells."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red CI must be reproducible); developers explore.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The log of every process the tests start (workers, CLI children inherit it) goes to a temporary
# folder of the run's own, never the user's real log (issue 19: 65 lines of fake errors there).
# A worker process that imports this file again (multiprocessing's spawn) keeps its parent's
# folder: one made here would never be removed, as such a process ends without atexit.
_PREFIX = "auditapp-test-logs-"
_inherited = os.environ.get("AUDITAPP_LOG_DIR", "")
if os.path.basename(_inherited).startswith(_PREFIX) and os.path.isdir(_inherited):
    _LOGS = _inherited
else:
    _LOGS = tempfile.mkdtemp(prefix=_PREFIX)
    os.environ["AUDITAPP_LOG_DIR"] = _LOGS
    atexit.register(shutil.rmtree, _LOGS, True)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
# The fixtures live in ../shared beside the repo; the seeds themselves are bundled in resources/samples.
SHARED = ROOT.parent / "shared"
EXPECTED_PATH = SHARED / "fixtures" / "seeds-expected.json"


# What a skipped test needs, said so that the reader knows what to do (README › Set up › The tests).
NEEDS_SHARED = (
    f"needs the project's shared fixtures: put the `shared` folder beside this clone ({SHARED}); "
    f"{EXPECTED_PATH.name} is not there"
)
_LIBREOFFICE_PACKAGES = {"writer": "libreoffice-writer", "calc": "libreoffice-calc"}


def needs_libreoffice(component: str):
    """Skip unless LibreOffice and its Writer ("writer") or Calc ("calc") are installed."""
    from auditapp.ingest import legacy

    name = component.capitalize()
    reason = (
        f"needs LibreOffice {name} (Debian/Ubuntu: apt install {_LIBREOFFICE_PACKAGES[component]}; "
        "Windows: the LibreOffice installer from libreoffice.org)"
    )
    return pytest.mark.skipif(not legacy.has_component(component), reason=reason)


def _expected() -> dict:
    if not EXPECTED_PATH.exists():
        pytest.skip(NEEDS_SHARED)
    return json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))


SEED_NAMES = sorted(p.name for p in SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def expected() -> dict:
    """seeds-expected.json: {file name: {"cells": {id: {"value", "line"}}, "error_findings": n}}."""
    return _expected()


@pytest.fixture(params=SEED_NAMES)
def seed_path(request) -> Path:
    return SAMPLES / request.param


@pytest.fixture(autouse=True)
def _app_data_in_tmp(tmp_path, monkeypatch):
    """The window's recovery file (review work not yet saved) goes to the test's own folder:
    never the user's, and never from one test into the next."""
    monkeypatch.setenv("AUDITAPP_DATA_DIR", str(tmp_path / "app-data"))


@pytest.fixture
def settings_in_tmp(tmp_path, qapp, monkeypatch) -> Path:
    """QSettings of the GUI tests go to a temporary folder, never the user's, and no
    AUDITAPP_LANG leaks in. Not autouse: the core's tests never start Qt; GUI modules ask
    for it with pytestmark."""
    from PySide6.QtCore import QSettings

    from auditapp.gui import i18n

    qapp.setOrganizationName("auditapp-tests")
    qapp.setApplicationName("auditapp-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    return tmp_path / "settings"


@pytest.fixture
def no_modal_dialogs(monkeypatch):
    """A modal dialog would wait for a click no test gives: fail at once instead of hanging."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(*args, **kwargs):
        raise AssertionError(f"a modal dialog was opened: {args[1:3]}")

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def language(request, qapp):
    """Install a language's translators for one test (parametrised indirectly), then go back to
    none (English)."""
    from auditapp.gui import i18n

    i18n.install_translators(qapp, request.param)
    yield request.param
    i18n.install_translators(qapp, i18n.ENGLISH)


@pytest.fixture
def window(qtbot):
    """The main window, shown and active: the keys a test presses go to it, as on a desktop."""
    from auditapp.gui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w
