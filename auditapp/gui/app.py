"""Start the window: `auditapp gui [PATH…] [--lang zh_CN|en] [--screenshot OUT.png | --screenshots DIR]`."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

# What `--screenshots DIR` writes (see write_screenshots), and the window size each is taken at.
ORGANISATION = APPLICATION = "auditapp"  # where the settings go (see configure_application)
SCREENSHOTS = {
    "seed.png": (1600, 720),
    "faults.png": (1600, 940),
    "batch.png": (1600, 940),
    "figures.png": (1600, 940),
    # the inspector's desk on common screens, less a task bar of 40 pixels (1536×864: 1920×1080 at 125 %)
    "desk-1366x768.png": (1366, 728),
    "desk-1536x864.png": (1536, 824),
    "desk-1920x1080.png": (1920, 1040),
    # Help: the inspectors' guide (F1), and a finding's rule (Rule…), each in its own window
    "help-guide.png": (900, 720),
    "help-rule.png": (820, 240),
}


def run(
    paths: Sequence[str],
    screenshot: str | None = None,
    lang: str | None = None,
    screenshots: str | None = None,
) -> int:
    """`lang` overrides AUDITAPP_LANG and the language chosen in the window (see i18n.resolve_language).
    `screenshots` renders the window offscreen into three PNG files in that folder and stops."""
    if (screenshot or screenshots) and not has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a picture needs no screen
    from PySide6.QtWidgets import QApplication

    from ..inputs import iter_inputs
    from ..rules import Severity
    from .i18n import install_translators, resolve_language
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    sys.excepthook = _show_unexpected
    configure_application(app)
    if screenshots:
        with tempfile.TemporaryDirectory(prefix="auditapp-settings-") as settings:
            _settings_in(settings)  # the same pictures for everyone: no one's recent files or splitters
            language = resolve_language(lang)
            install_translators(app, language)
            for path in write_screenshots(screenshots, language):
                print(path)
        return 0
    language = resolve_language(lang)  # after the names: QSettings needs them
    install_translators(app, language)
    window = MainWindow(language)
    window.show()
    files = list(iter_inputs(paths))
    if files:
        window.open_paths(files)
    if screenshot:  # render offscreen and stop, so anyone can look at the window
        window.wait_until_done()
        results = window.results()
        flagged = next((k for k, r in enumerate(results) if r is not None and r.count(Severity.ERROR)), 0)
        window.batch.select_row(flagged)  # the first report with errors, if any, on its first error
        app.processEvents()
        ok = window.grab().save(screenshot)
        return 0 if ok else 2
    return app.exec()


def has_display() -> bool:
    """Whether a window can be shown: always on Windows and macOS; on Linux and the like, an X11
    or Wayland display, or a Qt platform chosen explicitly (QT_QPA_PLATFORM)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def configure_application(app) -> None:
    """Names, version and icon. The names place the settings where each platform keeps them:
    the registry under HKEY_CURRENT_USER\\Software\\auditapp\\auditapp on Windows,
    ~/.config/auditapp/auditapp.conf on Linux (QSettings' native format)."""
    from PySide6.QtCore import QCoreApplication

    from .. import __version__

    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    icon = application_icon()
    if icon is not None:
        app.setWindowIcon(icon)


def application_icon():
    """The icon in every size drawn (resources/icons/auditapp-<size>.png), or None if not found."""
    from PySide6.QtGui import QIcon

    from ..resources import resource

    folder = resource("icons")
    if folder is None:
        return None
    icon = QIcon()
    for png in sorted(folder.glob("auditapp-*.png")):
        icon.addFile(str(png))
    return None if icon.isNull() else icon


def _settings_in(folder: str) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


def samples_dir() -> Path:
    """The bundled seed reports (resources/samples), in the repository, a wheel or a frozen build."""
    from ..resources import resource

    samples = resource("samples")
    if samples is None:
        raise FileNotFoundError("resources/samples not found")
    return samples


def write_screenshots(folder: str | os.PathLike, language: str | None = None) -> list[Path]:
    """Render the window (offscreen or not) into SCREENSHOTS in `folder`, from the bundled seeds:

    seed.png    a clean report, its first table, a cell selected and its source line highlighted;
    faults.png  the first seed with one number of table 3 changed: the suspect cell and its finding;
    batch.png   the five seeds, the faulty one and an unreadable file: the file list with verdicts;
    figures.png the same batch's figures (View › Batch Figures), the faulty report's cell marked;
    help-*.png  the guide (F1) and the faulty report's first finding's rule, in their windows.
    """
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QAbstractItemView

    from .main_window import MainWindow

    out = Path(folder).resolve()
    out.mkdir(parents=True, exist_ok=True)
    seeds = sorted(samples_dir().glob("*.txt"))
    written = []
    with tempfile.TemporaryDirectory(prefix="auditapp-screenshots-") as tmp, _cwd(tmp):
        # Paths relative to the temporary folder, so the pictures show no machine's folders.
        folder_name = "reports"
        Path(folder_name).mkdir()
        names = []
        for seed in seeds:
            names.append(f"{folder_name}/{seed.name}")
            Path(names[-1]).write_bytes(seed.read_bytes())
        fault = f"{folder_name}/fault.txt"  # table 3, new applications of natural persons: 782 → 781
        text = seeds[0].read_text(encoding="utf-8")
        Path(fault).write_text(text.replace("| 782 | 8 |", "| 781 | 8 |", 1), encoding="utf-8")
        scan = f"{folder_name}/scan.txt"  # a picture saved under a report's name
        Path(scan).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(256))

        def seed_view(window: MainWindow) -> None:
            view = window.report_view
            view.tabs.setCurrentIndex(0)
            model = view.table_models[next(iter(view.table_models))]
            report = model.report
            cell = next(
                (cid for cid, c in report.cells.items() if cid.startswith(model.table.id + ".") and c.number),
                next(iter(report.cells)),
            )
            view.select_cell(cell)
            view.table_views[model.table.id].setFocus()

        def fault_view(window: MainWindow) -> None:
            window.findings.select_first()  # what opening it shows: the first error, its cells and line
            window.findings.setFocus()

        def guide_view(window: MainWindow):
            return window.show_guide()

        def rule_view(window: MainWindow):
            window.findings.select_first()
            return window.findings.explain()

        def batch_view(window: MainWindow) -> None:
            row = window.batch.model.row_of(fault)
            window.batch.select_row(row if row is not None else 0)  # the faulty one, among the others
            window.batch.setFocus()

        def figures_view(window: MainWindow) -> None:
            """The most errors first, the faulty report's marked cell current, the file names at the left."""
            window.show_figures()
            pane = window.figures
            model = pane.model
            pane.view.sortByColumn(model.columns.index("errors"), Qt.SortOrder.DescendingOrder)
            row = next(k for k, p in enumerate(model.table.paths) if p.endswith("fault.txt"))
            column = min(model.columns.index(c) for c in model.table.marks[row] if c in model.columns)
            index = pane.proxy.mapFromSource(model.index(row, column))
            pane.view.scrollTo(
                index, QAbstractItemView.ScrollHint.PositionAtCenter
            )  # marked, not hidden by a selection
            pane.view.setFocus()

        shots = {
            "seed.png": ([names[0]], seed_view),
            "faults.png": ([fault], fault_view),
            "batch.png": ([*names, fault, scan], batch_view),
            "figures.png": ([*names, fault, scan], figures_view),
        }
        for name in SCREENSHOTS:
            if name.startswith("desk-"):  # the folder as an inspector opens it, on the faulty report
                shots[name] = ([folder_name], batch_view)
        shots["help-guide.png"] = ([fault], guide_view)  # in SCREENSHOTS' order, which the output lists
        shots["help-rule.png"] = ([fault], rule_view)
        for name, (paths, pose) in shots.items():
            window = MainWindow(language)
            window._fitted = True  # the pictures are taken at the sizes named, whatever screen renders them
            window.resize(*SCREENSHOTS[name])
            window.share_room()
            window.show()
            window.open_paths(paths)
            window.wait_until_done()
            shown = pose(window) or window  # the window, or the help window the pose opened
            shown.resize(*SCREENSHOTS[name])
            QCoreApplication.processEvents()
            target = out / name
            if not shown.grab().save(str(target)):
                raise OSError(f"cannot write {target}")
            if shown is not window:
                shown.close()
            written.append(target)
            window.close()
            window.deleteLater()
            QCoreApplication.processEvents()
    return written


@contextlib.contextmanager
def _cwd(folder: str):
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


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
