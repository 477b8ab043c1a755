"""Start the window: `auditapp gui [PATH…] [--screenshot OUT.png] [--lang zh_CN|en]`."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run(paths: Sequence[str], screenshot: str | None = None, lang: str | None = None) -> int:
    """`lang` overrides AUDITAPP_LANG and the language chosen in the window (see i18n.resolve_language)."""
    from PySide6.QtWidgets import QApplication

    from ..cli import iter_inputs
    from ..rules import Severity
    from .i18n import install_translators, resolve_language
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    sys.excepthook = _show_unexpected
    app.setOrganizationName("auditapp")
    app.setApplicationName("auditapp")
    language = resolve_language(lang)  # after the names: QSettings needs them
    install_translators(app, language)
    window = MainWindow(language)
    window.show()
    files = list(iter_inputs(paths))
    if files:
        window.open_paths(files)
    if screenshot:  # render offscreen and stop, so anyone can look at the window
        window.wait_until_done()
        flagged = next((k for k, r in enumerate(window.results) if r.count(Severity.ERROR)), 0)
        window.files.setCurrentRow(flagged)  # the first report with errors, if any
        window.step_finding(1)
        app.processEvents()
        ok = window.grab().save(screenshot)
        return 0 if ok else 2
    return app.exec()


def _show_unexpected(kind, error, trace) -> None:
    """An unexpected exception: logged with its traceback, shown in one sentence, the window stays."""
    import logging

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    logging.getLogger("auditapp").error("unexpected error in the window", exc_info=(kind, error, trace))
    if QApplication.instance() is not None:
        title = QCoreApplication.translate("App", "Error")
        text = QCoreApplication.translate(
            "App", "The program hit an unexpected error. It has been logged; the window can still be used."
        )
        QMessageBox.critical(None, title, f"{text}\n\n{kind.__name__}: {error}")
