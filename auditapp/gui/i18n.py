"""The window's language: Chinese by default, English selectable.

Source strings are English and wrapped for Qt's translation system (`self.tr`, or
`QCoreApplication.translate` outside QObjects); Chinese comes from
resources/translations/auditapp_zh_CN.qm, rebuilt by packaging/build_translations.py.
The language is chosen, in order, by an explicit argument (`auditapp gui --lang`), the
AUDITAPP_LANG environment variable, the QSettings key `ui/language` (the View → Language
menu), else Chinese. It applies at start-up: the window is not retranslated live.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

from ..resources import resource_dirs
from ..rules import Severity

CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = (CHINESE, ENGLISH)
DEFAULT_LANGUAGE = CHINESE
SETTINGS_KEY = "ui/language"
ENV_VAR = "AUDITAPP_LANG"
CATALOGUE = "auditapp"  # auditapp_<language>.qm

_log = logging.getLogger("auditapp")
# The translators we installed: QCoreApplication does not own them, and installing another
# language must first take these out.
_installed: list[QTranslator] = []
_language: str = ENGLISH  # what a bare QApplication shows: the English source strings

# Qt's own strings that its qtbase_zh_CN.qm lacks (Qt 6 changed their source text, the catalogue
# kept the old one): Qt's file dialog said "Look in:" and "Files of type:" in a Chinese window.
QT_GAPS = {
    CHINESE: {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    }
}


class _GapTranslator(QTranslator):
    """Translates only QT_GAPS' strings; installed after Qt's catalogue, so it is asked first."""

    def __init__(self, table: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self.table = table

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self.table.get((context, source))  # None: a null QString, "not mine", so Qt asks the next

    def isEmpty(self) -> bool:
        return not self.table


def normalise(language: object) -> str | None:
    """A language code ("zh", "zh_CN", "zh-cn", "en_US"…) as one of LANGUAGES; None for anything else."""
    if not isinstance(language, str):
        return None
    code = language.strip().replace("-", "_").lower()
    if code.startswith("zh"):
        return CHINESE
    if code.startswith("en"):
        return ENGLISH
    return None


def resolve_language(explicit: str | None = None) -> str:
    """The language to start in: the argument, else AUDITAPP_LANG, else QSettings, else Chinese."""
    settings = QSettings().value(SETTINGS_KEY) if QCoreApplication.instance() is not None else None
    for source, value in (("argument", explicit), (ENV_VAR, os.environ.get(ENV_VAR)), (SETTINGS_KEY, settings)):
        if not value:
            continue
        language = normalise(value)
        if language is not None:
            return language
        _log.warning("unknown language %r from %s, ignored", value, source)
    return DEFAULT_LANGUAGE


def translation_dirs() -> list[Path]:
    """Where our .qm files may be: resources/translations of a checkout, a wheel or a frozen build."""
    return [folder / "translations" for folder in resource_dirs()]


def _load(names: tuple[str, ...], language: str, dirs: list[Path]) -> QTranslator | None:
    for name in names:
        for folder in dirs:
            translator = QTranslator()
            if translator.load(f"{name}_{language}", str(folder)):
                return translator
    return None


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's own translations, then ours, for `language`; English installs none.

    Replaces whatever an earlier call installed, so tests can switch languages on one app.
    """
    global _language
    language = normalise(language) or DEFAULT_LANGUAGE
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _language = language
    if language == ENGLISH:
        return []
    # Qt's first: our catalogue, installed later, is searched first and wins any clash.
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    qt = _load(("qtbase", "qt"), language, [qt_dir])
    ours = _load((CATALOGUE,), language, translation_dirs())
    if qt is None:
        _log.warning("Qt's own %s translations not found in %s", language, qt_dir)
    if ours is None:
        _log.warning("%s_%s.qm not found in %s", CATALOGUE, language, ", ".join(map(str, translation_dirs())))
    gaps = _GapTranslator(QT_GAPS[language]) if language in QT_GAPS else None
    for translator in (qt, gaps, ours):
        if translator is not None:
            app.installTranslator(translator)
            _installed.append(translator)
    return list(_installed)


def current_language() -> str:
    """The language last installed (English, the source language, if none was)."""
    return _language


def messages_language(language: str) -> str:
    """The findings' message language ("zh" | "en", as the rule catalogue has them) for a UI language."""
    return "en" if normalise(language) == ENGLISH else "zh"


# The core names severities and review states in Chinese only (SEVERITY_ZH, REVIEW_ZH, for its
# workbook); the window names them in its own language.


def severity_name(severity: Severity) -> str:
    names = {
        Severity.ERROR: QCoreApplication.translate("Severity", "Error"),
        Severity.WARNING: QCoreApplication.translate("Severity", "Warning"),
        Severity.INFO: QCoreApplication.translate("Severity", "Info"),
    }
    return names[severity]


def review_name(state: str | None) -> str:
    names = {
        "confirmed": QCoreApplication.translate("Review", "Confirmed"),
        "dismissed": QCoreApplication.translate("Review", "Dismissed"),
    }
    return names.get(state or "", QCoreApplication.translate("Review", "Not reviewed"))
