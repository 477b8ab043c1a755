"""The main window: reports on the left, their tables beside the source, findings below.

Clicking (or moving onto) a table cell puts the source cursor on that cell's line and
highlights its span; clicking a finding selects its cells and highlights their spans and its
narrative evidence. F8 / Shift+F8 step through the findings.

Files are audited off the GUI thread and arrive one by one: a handful in a thread of this
process (opening one report must paint at once, and starting worker processes takes ~0.25 s),
more in worker processes (auditapp.batch, at a lower priority: see worker.py), whose results
a plain thread receives and hands to the GUI thread by a queued signal, so the GUI thread only
ever takes in finished results. The file list and the progress bar are brought up to date in
one go a few times a second, not once per file. When a load is over and more reports are open,
the checks across reports run in a thread too, and the verdicts and the report shown are
refreshed.

Every text is English in the source and translated by Qt (see i18n.py); the window follows
the language installed when it is made.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
import os
import threading
import time

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRect,
    QRunnable,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QPainter, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..api import AuditResult, Status, audit_file, audit_together, failed_result
from ..batch import DEFAULT_TIMEOUT, Batch, timed_out_message
from ..ingest import report_suffixes
from ..review import Review, ReviewError
from ..rules import Finding, Severity
from ..watchdog import TimedOut, time_limit
from . import autosave, i18n
from .autosave import Autosave
from .grouped_header import GroupedHeader
from .models import CELL_ID_ROLE, FINDING_ROLE, SEVERITY_ROLE, FindingsModel, ReportTableModel
from .source_view import SourceView
from .worker import AuditJob

_RECENT = 10
# Up to this many files are audited in a thread of this process: starting worker processes
# costs ~0.25 s, and a single report must show at once. Larger batches go to worker processes.
IN_PROCESS = 4
IN_PROCESS_TIMEOUT = DEFAULT_TIMEOUT  # seconds per file audited in the thread (see auditapp.watchdog)
_FLUSH_MS = 50  # the file list and progress bar are refreshed at most this often while files arrive
_LABEL_WIDTH = 220  # pixels at most for a table's row labels; longer ones wrap
_log = logging.getLogger("auditapp")
# Each language's name in itself, as language menus show them: whoever cannot read the
# current language still finds their own.
_LANGUAGE_NAMES = ((i18n.CHINESE, "中文"), (i18n.ENGLISH, "English"))


def _recent(settings: QSettings) -> list[str]:
    value = settings.value("recent") or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


class _Signals(QObject):
    done = Signal(int, object)  # (row in the file list, AuditResult)
    batch_over = Signal(object, str)  # (the _Load, an error message, "" if none)
    crossed = Signal(int, object)  # (generation, (results checked, {row: findings}))


@dataclasses.dataclass(eq=False)
class _Load:
    """A batch audited in worker processes: rows start… of the file list."""

    start: int
    batch: Batch
    thread: threading.Thread | None = None


def _receive(load: _Load, signals: _Signals) -> None:
    """The batch's receiving thread: iterate it, hand each finished result to the GUI thread."""
    error = ""
    results = iter(load.batch)
    try:
        for position, _path, result in results:
            signals.done.emit(load.start + position, result)
    except RuntimeError as e:  # the workers could not start (or the window is gone)
        _log.warning("batch of %d files stopped: %s", len(load.batch.paths), e)
        error = str(e) or type(e).__name__
        load.batch.cancel()
    except Exception as e:  # a bug of ours: the files left are audited in this process
        _log.exception("batch of %d files failed", len(load.batch.paths))
        error = f"{type(e).__name__}: {e}"
    finally:
        results.close()  # the workers are stopped before the window hears the batch is over
    with contextlib.suppress(RuntimeError):  # the window was deleted meanwhile
        signals.batch_over.emit(load, error)


def _is_cross(finding: Finding) -> bool:
    return finding.rule.startswith("cross.")


def _check_across(results: list[AuditResult], generation: int, signals: _Signals) -> None:
    """The checks across reports, in a thread, on copies: the GUI thread applies what changed."""
    changed: dict[int, list[Finding]] | None = {}
    try:
        own = [[f for f in r.findings if not _is_cross(f)] for r in results]
        copies = [dataclasses.replace(r, findings=f) for r, f in zip(results, own, strict=True)]
        audit_together(copies)
        changed = {
            k: c.findings
            for k, (r, c, f) in enumerate(zip(results, copies, own, strict=True))
            if c.findings is not f or len(f) != len(r.findings)  # cross findings added now, or before
        }
    except Exception:
        _log.exception("the checks across %d reports failed", len(results))
        changed = None
    with contextlib.suppress(RuntimeError):  # the window was deleted meanwhile
        signals.crossed.emit(generation, (results, changed))


class _AuditJob(QRunnable):
    """Audits one file in the thread pool; the result comes back by a queued signal."""

    def __init__(self, position: int, path: str, signals: _Signals) -> None:
        super().__init__()
        self.position, self.path, self.signals = position, path, signals

    def run(self) -> None:
        try:
            with time_limit(IN_PROCESS_TIMEOUT):  # the worker processes' limit, for a thread
                result = audit_file(self.path)
        except TimedOut:
            result = failed_result(self.path, timed_out_message(IN_PROCESS_TIMEOUT))
        except Exception as e:  # audit_file never raises for input; a bug must still arrive
            message = QCoreApplication.translate("MainWindow", "Internal error: {error}")
            result = AuditResult(self.path, Status.FAILED, message.format(error=f"{type(e).__name__}: {e}"))
        self.signals.done.emit(self.position, result)


class _FindingsView(QTableView):
    """The findings list; empty, it says why in its middle."""

    placeholder = ""

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
            painter.end()


def _status_name(status: Status) -> str:
    names = {
        Status.OK: QCoreApplication.translate("MainWindow", "OK"),
        Status.PARTIAL: QCoreApplication.translate("MainWindow", "Partly read"),
        Status.FAILED: QCoreApplication.translate("MainWindow", "Unreadable"),
    }
    return names[status]


def _verdict(result: AuditResult) -> str:
    if result.status is Status.OK and result.count(Severity.ERROR):
        return QCoreApplication.translate("MainWindow", "Errors")
    if result.status is Status.OK and result.count(Severity.WARNING):
        return QCoreApplication.translate("MainWindow", "Warnings")
    return _status_name(result.status)


def _labelled(verdict: str, path: str) -> str:
    """A file-list entry: the verdict in brackets, then the file's name."""
    return QCoreApplication.translate("MainWindow", "[{verdict}] {name}").format(
        verdict=verdict, name=os.path.basename(path)
    )


class MainWindow(QMainWindow):
    def __init__(self, language: str | None = None) -> None:
        """`language` is the UI language ("zh_CN" | "en") the findings' messages follow; by default
        the one i18n.install_translators installed."""
        super().__init__()
        self.language = i18n.normalise(language) or i18n.current_language()
        self.lang = i18n.messages_language(self.language)
        # Placeholders a file's result holds until it arrives; compared to tell those files apart.
        self._auditing = self.tr("Auditing…")
        self._cancelled = self.tr("Cancelled")
        self.setWindowTitle(self._title())
        self.results: list[AuditResult] = []
        self.current: AuditResult | None = None
        self.table_models: dict[str, ReportTableModel] = {}
        self.table_views: dict[str, QTableView] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # the audit is pure Python: more threads only fight over the GIL
        self._signals = _Signals(self)
        self._signals.done.connect(self._arrived)
        self._signals.batch_over.connect(self._batch_over)
        self._signals.crossed.connect(self._crossed)
        self._pending = 0  # files opened and not yet arrived (nor cancelled)
        self._loading_total = 0  # files of the load under way, for the progress bar
        self._loads: list[_Load] = []  # batches under way in worker processes
        self._dirty: set[int] = set()  # rows whose list entry waits for the next flush
        self._flush_timer = QTimer(self, singleShot=True, interval=_FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)
        self._cross_timer = QTimer(self, singleShot=True, interval=0)
        self._cross_timer.timeout.connect(self._start_check_across)
        self._cross_generation = 0
        self._cross_thread: threading.Thread | None = None
        self._crossing = False  # a check across reports under way (until its result is taken in)
        self.reviews: dict = {}
        self.session_path: str | None = None
        self.recovered = 0  # review decisions taken back from the recovery file at start
        self.notices: list[str] = []  # what notify() told the user, for tests and scripts

        self.files = QListWidget()
        self.files.currentRowChanged.connect(self._show_result)
        self.tabs = QTabWidget()
        self.source = SourceView()
        self.source.setPlaceholderText(
            self.tr("Open reports (Ctrl+O) or a folder (Ctrl+Shift+O), or drop files and folders on the window.")
        )
        self.findings_view = _FindingsView()
        self.findings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings_view.setWordWrap(False)
        self.findings_view.verticalHeader().hide()
        self.findings_model = FindingsModel(lang=self.lang)
        self.findings_proxy = QSortFilterProxyModel(self)
        self.findings_proxy.setFilterKeyColumn(0)
        self.findings_proxy.setFilterRole(SEVERITY_ROLE)  # not the shown name, which is the language's
        self.findings_proxy.setSourceModel(self.findings_model)
        self.findings_view.setModel(self.findings_proxy)
        self.findings_view.setSortingEnabled(True)
        self.findings_view.clicked.connect(self._finding_clicked)
        self.severity_filter = QComboBox()
        self.severity_filter.addItem(self.tr("All"), "")
        for severity in Severity:
            self.severity_filter.addItem(i18n.severity_name(severity), severity.value)
        self.severity_filter.currentIndexChanged.connect(self._filter_findings)
        self.counts = QLabel()
        # The counts may be cut short in a narrow window rather than hold the window wide.
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel(self.tr("Findings:")))
        bar.addWidget(self.severity_filter)
        bar.addWidget(self.counts, 1)
        for text, handler in (
            (self.tr("Confirm"), self.confirm_finding),
            (self.tr("Dismiss"), self.dismiss_finding),
            (self.tr("Comment…"), self.comment_finding),
        ):
            button = QPushButton(text)
            button.clicked.connect(handler)
            bar.addWidget(button)
        findings_box = QWidget()
        box = QVBoxLayout(findings_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(bar)
        box.addWidget(self.findings_view)

        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(self.tabs)
        middle.addWidget(self.source)
        middle.setSizes([900, 420])  # table 3 whole beside the source in a 1500-pixel window
        # The reader's notes (a broken or scanned PDF page, damaged XML, a conversion, a skipped
        # sheet): above the tables, where they cannot be missed, not only in a tooltip.
        self.reading_notes = QLabel()
        self.reading_notes.setWordWrap(True)
        self.reading_notes.setTextFormat(Qt.TextFormat.PlainText)
        self.reading_notes.setStyleSheet("QLabel { background: #fff4ce; color: #4d3800; padding: 4px 8px; }")
        self.reading_notes.hide()
        report_box = QWidget()
        report_layout = QVBoxLayout(report_box)
        report_layout.setContentsMargins(0, 0, 0, 0)
        report_layout.setSpacing(0)
        report_layout.addWidget(self.reading_notes)
        report_layout.addWidget(middle, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(report_box)
        right.addWidget(findings_box)
        right.setSizes([560, 200])
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.files)
        outer.addWidget(right)
        outer.setSizes([220, 1280])
        self.setCentralWidget(outer)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.hide()
        self.cancel.clicked.connect(self.cancel_loading)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel)
        self.setAcceptDrops(True)
        self.settings = QSettings()
        self._splitters = {"outer": outer, "right": right, "middle": middle}
        self._actions()
        self.resize(1500, 900)
        if geometry := self.settings.value("geometry"):
            self.restoreGeometry(geometry)
        for name, splitter in self._splitters.items():
            if state := self.settings.value(f"splitter/{name}"):
                splitter.restoreState(state)
        self.source.clicked_at.connect(self._source_clicked)
        if last := self.settings.value("review/session"):
            self.load_session(str(last))
        self.autosave = Autosave(lambda: self.reviews, lambda: self.session_path, self)
        self.autosave.failed.connect(self._autosave_failed)
        self._recover()

    def _title(self, path: str | None = None) -> str:
        title = self.tr("Government Information Disclosure Annual Report Audit")
        return f"{os.path.basename(path)} — {title}" if path else title

    def closeEvent(self, event) -> None:
        self.autosave.save_now()  # the last seconds' review work
        self.settings.setValue("geometry", self.saveGeometry())
        for name, splitter in self._splitters.items():
            self.settings.setValue(f"splitter/{name}", splitter.saveState())
        self.stop_loading()
        super().closeEvent(event)

    def stop_loading(self, timeout: float = 5.0) -> None:
        """Stop every batch and wait (briefly) until its worker processes are gone."""
        self._pool.clear()
        for load in self._loads:
            load.batch.cancel()
        deadline = time.monotonic() + timeout
        for thread in [load.thread for load in self._loads] + [self._cross_thread]:
            if thread is not None:
                thread.join(max(0.0, deadline - time.monotonic()))
        self._pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))

    def _actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        open_files = QAction(self.tr("&Open Reports…"), self, shortcut=QKeySequence.StandardKey.Open)
        open_files.triggered.connect(self._choose_files)
        open_folder = QAction(self.tr("Open &Folder…"), self, shortcut=QKeySequence("Ctrl+Shift+O"))
        open_folder.triggered.connect(self._choose_folder)
        menu.addActions([open_files, open_folder])
        self.recent_menu = menu.addMenu(self.tr("&Recent Files"))
        self._fill_recent()
        menu.addSeparator()
        self.export_one = QAction(self.tr("Export This &Report's Audit Workbook…"), self)
        self.export_one.triggered.connect(lambda: self.export(all_reports=False))
        self.export_all = QAction(self.tr("&Export All Audit Workbooks…"), self, shortcut=QKeySequence("Ctrl+E"))
        self.export_all.triggered.connect(lambda: self.export(all_reports=True))
        menu.addActions([self.export_one, self.export_all])
        menu.addSeparator()
        save = QAction(self.tr("&Save Review…"), self, shortcut=QKeySequence.StandardKey.Save)
        save.triggered.connect(self.save_session)
        menu.addAction(save)
        find = QAction(self.tr("&Find in Source…"), self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(self._find_in_source)
        go = self.menuBar().addMenu(self.tr("&Audit"))
        go.addAction(find)
        for text, key, step in ((self.tr("Next Finding"), "F8", 1), (self.tr("Previous Finding"), "Shift+F8", -1)):
            action = QAction(text, self, shortcut=QKeySequence(key))
            action.triggered.connect(lambda _=False, s=step: self.step_finding(s))
            go.addAction(action)
        view = self.menuBar().addMenu(self.tr("&View"))
        self.language_menu = view.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        group.setExclusive(True)
        for code, name in _LANGUAGE_NAMES:
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.setChecked(code == self.language)
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About auditapp"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_about(self) -> QDialog:
        """Help › About: version, and the bundled libraries with their licences (not modal)."""
        from .about import AboutDialog  # reads the libraries' metadata: only when asked

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_language(self, language: str) -> None:
        """Remember the language for the next start; the window is not retranslated live."""
        self.settings.setValue(i18n.SETTINGS_KEY, language)
        self.statusBar().showMessage(self.tr("The language will change the next time the program starts."), 10000)

    # ---- review ---------------------------------------------------------------------------

    def _current_finding_row(self) -> int | None:
        index = self.findings_view.currentIndex()
        if not index.isValid():
            return None
        return self.findings_proxy.mapToSource(index).row()

    def _review(self, change) -> None:
        row = self._current_finding_row()
        if row is None:
            self.statusBar().showMessage(self.tr("Select a finding in the list first"), 5000)
            return
        old = self.findings_model.review(self.findings_model.findings[row])
        self.findings_model.set_review(row, change(old))
        self.autosave.changed()  # to the session chosen once, else the recovery file, in a moment

    def confirm_finding(self) -> None:
        self._review(lambda r: Review("confirmed", r.comment))

    def dismiss_finding(self) -> None:
        self._review(lambda r: Review("dismissed", r.comment))

    def comment_finding(self, text: str | None = None) -> None:
        row = self._current_finding_row()
        if row is None:
            return
        if text is None:
            old = self.findings_model.review(self.findings_model.findings[row]).comment
            text, ok = QInputDialog.getText(self, self.tr("Review Comment"), self.tr("Comment:"), text=old)
            if not ok:
                return
        self._review(lambda r: Review(r.state, text))

    def save_session(self, path: str | None = None) -> str | None:
        """Save the review to a session file the inspector chooses (never the reports' folder unasked)."""
        from ..review import ReviewError, save_reviews

        if not path:
            start = self.session_path or os.path.join(os.path.expanduser("~"), self.tr("audit-review.json"))
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save Review"), start, self.tr("Review records (*.json)")
            )
            if not path:
                return None
        try:
            save_reviews(self.reviews, path)
        except ReviewError as e:
            QMessageBox.warning(self, self.tr("Cannot Save"), e.message)
            return None
        self.session_path = path
        self.settings.setValue("review/session", path)
        self.autosave.saved_elsewhere()
        return path

    def load_session(self, path: str) -> None:
        from ..review import ReviewError, load_reviews

        try:
            self.reviews.update(load_reviews(path))
            self.session_path = path
        except ReviewError as e:  # corrupt: kept aside, and the window starts clean
            self.notify(self.tr("Review Records"), e.message)

    def _recover(self) -> None:
        """Take back the review work a previous run had not saved to a session file."""
        try:
            recovered = autosave.recover()
        except ReviewError as e:
            self.notify(self.tr("Review Records"), e.message)
            return
        if not recovered:
            return
        self.reviews.update(recovered)
        self.recovered = len(recovered)
        message = self.tr("Recovered {count} review decisions not saved to a review file when the program last closed")
        self.statusBar().showMessage(message.format(count=len(recovered)), 30000)
        if self.session_path:
            self.autosave.changed()  # into the session file; the recovery file then goes

    def _autosave_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Review work not saved: {error}").format(error=message), 15000)

    def notify(self, title: str, message: str) -> None:
        """Tell the user without blocking: the status bar, and a message box that does not wait
        (the window goes on starting behind it; tests never hang on it)."""
        self.statusBar().showMessage(message, 30000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()
        self.notices.append(message)

    # ---- exporting -----------------------------------------------------------------------

    def export(self, all_reports: bool) -> str | None:
        """Write the audit workbook for this report or all of them; returns the path written."""
        from ..export.workbook import ExportError, write_workbook

        chosen = [r for r in self.results if r.report is not None or r.status is Status.FAILED]
        if not all_reports:
            chosen = [self.current] if self.current is not None else []
        chosen = [r for r in chosen if r.error != self._auditing]
        if not chosen:
            QMessageBox.information(self, self.tr("Export"), self.tr("There are no audit results to export yet."))
            return None
        if len(chosen) == 1:
            suggested = os.path.splitext(chosen[0].path)[0] + self.tr("-audit.xlsx")
        else:
            suggested = self.tr("audit-results.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Audit Workbook"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            write_workbook(chosen, path, reviews=self.reviews)
        except ExportError as e:
            QMessageBox.warning(self, self.tr("Cannot Export"), e.message)
            return None
        self.statusBar().showMessage(self.tr("Audit workbook written to {path}").format(path=path), 8000)
        return path

    # ---- opening -------------------------------------------------------------------------

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open Reports"),
            "",
            self.tr("Reports ({patterns});;All files (*)").format(
                patterns=" ".join(f"*{s}" for s in report_suffixes())
            ),
        )
        if paths:
            self.open_paths(paths)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open Folder"))
        if folder:
            self.open_paths([folder])

    def _find_in_source(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Find in Source"), self.tr("Find:"))
        if ok and text and not self.source.find(text):
            self.source.moveCursor(QTextCursor.MoveOperation.Start)  # wrap around once
            if not self.source.find(text):
                self.statusBar().showMessage(self.tr("“{text}” is not in the source").format(text=text), 5000)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_paths(paths)
            event.acceptProposedAction()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in _recent(self.settings):
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_paths([p]))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def open_paths(self, paths: list[str]) -> None:
        """Audit the files off the GUI thread; each appears in the list when it is done."""
        from ..inputs import iter_inputs  # folders are walked for report files

        recent = [os.path.abspath(p) for p in paths]
        self.settings.setValue("recent", list(dict.fromkeys([*recent, *_recent(self.settings)]))[:_RECENT])
        self._fill_recent()
        paths = list(iter_inputs(paths))
        if not paths:
            return
        start = len(self.results)
        self.results.extend(AuditResult(p, Status.FAILED, self._auditing) for p in paths)
        self.files.setUpdatesEnabled(False)
        for path in paths:
            item = QListWidgetItem(self.tr("… {name}").format(name=os.path.basename(path)))
            item.setToolTip(path)
            self.files.addItem(item)
        self.files.setUpdatesEnabled(True)
        if not self._pending:
            self._loading_total = 0  # the progress bar counts from the first file of this load
        self._pending += len(paths)
        self._loading_total += len(paths)
        self._cross_generation += 1  # a check across reports under way is out of date
        if len(paths) > IN_PROCESS:
            load = _Load(start, Batch(paths, AuditJob(), failed_result))
            load.thread = threading.Thread(target=_receive, args=(load, self._signals), name="audit-batch", daemon=True)
            self._loads.append(load)
            load.thread.start()
        else:
            for k, path in enumerate(paths):
                self._pool.start(_AuditJob(start + k, path, self._signals))
        self.progress.setRange(0, self._loading_total)
        self.progress.setValue(self._loading_total - self._pending)
        self.progress.show()
        self.cancel.show()

    def cancel_loading(self) -> None:
        """Stop the load: the files not yet audited are marked cancelled; any result already
        on its way still shows. Batches stop their worker processes."""
        self._pool.clear()
        for load in self._loads:
            load.batch.cancel()
        for k, result in enumerate(self.results):
            if result.error == self._auditing:
                self.results[k] = AuditResult(result.path, Status.FAILED, self._cancelled)
                self._dirty.add(k)
                self._pending -= 1
        self._flush()
        self._loading_done()

    def _loading_done(self) -> None:
        if self._pending <= 0:
            self._pending = 0
            self.progress.hide()
            self.cancel.hide()
            self._cross_timer.start(0)  # all results are in: check across them

    def is_loading(self) -> bool:
        """Files still to arrive, a batch still stopping, or the checks across reports under way."""
        return bool(self._pending or self._loads or self._dirty or self._cross_timer.isActive() or self._crossing)

    def wait_until_done(self, timeout: float | None = None) -> bool:
        """For tests and scripts: process events until every file opened has arrived, the
        batches' worker processes are gone and the checks across reports are applied.
        Returns False if `timeout` seconds passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.is_loading():
            if deadline is not None and time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if self._dirty and not self._flush_timer.isActive():
                self._flush()
            time.sleep(0.002)  # let the threads have the GIL
        QCoreApplication.processEvents()
        return True

    def _arrived(self, position: int, result: AuditResult) -> None:
        counted = self.results[position].error != self._cancelled  # a cancelled file was counted off already
        self.results[position] = result  # one that was under way when cancelled still shows
        self._dirty.add(position)
        if counted:
            self._pending -= 1
        if self.files.currentRow() < 0 or self.files.currentRow() == position:
            self._flush()  # the first report shows at once
        elif not self._flush_timer.isActive():
            self._flush_timer.start()  # the others together, a few times a second

    def _flush(self) -> None:
        """Bring the file list and the progress bar up to date with the results arrived."""
        self._flush_timer.stop()
        rows, self._dirty = sorted(self._dirty), set()
        if rows:
            # The results stay for the window's life. Out of the cyclic garbage collector's sight,
            # its full passes need not walk hundreds of reports' objects each time: such a pass
            # holds the GIL, and took 50–150 ms with 500 reports open, stalling the event loop.
            gc.freeze()
        for row in rows:
            self._update_item(row)
        self.progress.setValue(self._loading_total - self._pending)
        current = self.files.currentRow()
        if current < 0:
            first = next((row for row in rows if self.results[row].error != self._cancelled), None)
            if first is not None:
                self.files.setCurrentRow(first)  # shows it
        elif current in rows:
            self._show_result(current)
        self._loading_done()

    def _update_item(self, row: int) -> None:
        result = self.results[row]
        item = self.files.item(row)
        if result.error == self._cancelled:
            item.setText(_labelled(self._cancelled, result.path))
            return
        counts = self.tr("Errors {errors}, warnings {warnings}").format(
            errors=result.count(Severity.ERROR), warnings=result.count(Severity.WARNING)
        )
        item.setText(_labelled(_verdict(result), result.path))
        notes = result.source.notes if result.source else ()
        item.setToolTip("\n".join([result.path, result.error or counts, *notes]))

    def _batch_over(self, load: _Load, error: str) -> None:
        if load in self._loads:
            self._loads.remove(load)
        if not error:
            return
        # The workers could not start (e.g. a frozen build without freeze_support): the files
        # left are audited in this process instead.
        left = [
            (load.start + k, path)
            for k, path in enumerate(load.batch.paths)
            if self.results[load.start + k].error == self._auditing
        ]
        if left:
            _log.warning("auditing the %d files left in this process: %s", len(left), error)
            for row, path in left:
                self._pool.start(_AuditJob(row, path, self._signals))

    # ---- checks across reports -------------------------------------------------------------

    def _start_check_across(self) -> None:
        if self._pending:
            return  # the load's end starts it again
        if sum(r.report is not None for r in self.results) < 2:
            return
        if self._crossing:
            self._cross_timer.start(50)  # one at a time: the one under way is out of date
            return
        self._crossing = True
        self._cross_generation += 1
        self._cross_thread = threading.Thread(
            target=_check_across,
            args=(list(self.results), self._cross_generation, self._signals),
            name="check-across",
            daemon=True,
        )
        self._cross_thread.start()

    def _crossed(self, generation: int, payload: tuple) -> None:
        results, changed = payload
        self._crossing = False
        if generation != self._cross_generation or not changed:
            return  # out of date (more files were opened meanwhile), failed (logged) or nothing new
        current = self.files.currentRow()
        refresh = False
        for row, findings in changed.items():
            if row < len(self.results) and self.results[row] is results[row]:
                self.results[row].findings = findings
                self._update_item(row)
                refresh = refresh or row == current
        if refresh:
            tab = self.tabs.currentIndex()
            self._show_result(current)
            self.tabs.setCurrentIndex(tab)

    # ---- showing a report ----------------------------------------------------------------

    def _show_result(self, row: int) -> None:
        if not 0 <= row < len(self.results):
            return
        result = self.current = self.results[row]
        self.tabs.clear()
        self.table_models.clear()
        self.table_views.clear()
        self.findings_model = FindingsModel(result, self.reviews, lang=self.lang)
        self.findings_proxy.setSourceModel(self.findings_model)
        if result.report is None:  # zero counts would read as a clean report
            self.counts.setText(self.tr("Not audited"))
        else:
            self.counts.setText(
                self.tr("Errors {errors}   Warnings {warnings}   Info {info}").format(
                    errors=result.count(Severity.ERROR),
                    warnings=result.count(Severity.WARNING),
                    info=result.count(Severity.INFO),
                )
            )
        header = self.findings_view.horizontalHeader()
        for column in range(FindingsModel.COLUMNS):  # the message takes the room the others leave
            mode = QHeaderView.ResizeMode.Stretch if column == 2 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        self._say_why_no_findings()
        notes = result.source.notes if result.source is not None and result.error is None else ()
        self.reading_notes.setText("\n".join([self.tr("Notes on reading this file:"), *notes]))
        self.reading_notes.setVisible(bool(notes))
        if result.report is None or result.source is None:
            self.source.setPlainText(result.error or "")
            self.statusBar().showMessage(self.tr("{path}: {error}").format(path=result.path, error=result.error))
            return
        self.source.setPlainText(result.source.text)
        for table in result.report.template.tables:
            model = ReportTableModel(result, table, self, lang=self.lang)
            view = QTableView()
            view.setHorizontalHeader(GroupedHeader(view))  # 法人或其他组织 merged over its five columns
            view.setModel(model)
            for span in model.spans():
                view.setSpan(*span)
            view.verticalHeader().hide()
            view.setWordWrap(True)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            # The longest row labels (40 characters) wrap rather than push the numbers out of sight.
            view.horizontalHeader().setMaximumSectionSize(_LABEL_WIDTH)
            self._fit_rows(view, model)
            view.selectionModel().currentChanged.connect(lambda cur, _prev, m=model: self._cell_current(m, cur))
            self.table_models[table.id] = model
            self.table_views[table.id] = view
            short = table.short_name_en if self.lang == "en" else table.short_name
            # The title is the report's own wording, shown as printed in either language.
            self.tabs.addTab(view, self.tr("{table} {title}").format(table=short, title=table.title))
        meta = result.report.meta
        self.setWindowTitle(self._title(result.path))
        self.statusBar().showMessage(
            self.tr(
                "{path}   {agency} {year}   Encoding {encoding}   Format {format}   Template {template}   {verdict}"
            ).format(
                path=result.path,
                agency=meta.agency or "",
                year=meta.year or "",
                encoding=result.source.encoding or "—",
                format=result.source.format,
                template=result.report.template.id,
                verdict=_verdict(result),
            )
        )

    @staticmethod
    def _fit_rows(view: QTableView, model: ReportTableModel) -> None:
        """One line a row, two or three for the labels that wrap. Measured here from the labels
        alone: the header's ResizeToContents would ask every cell for its size, three times as
        many calls into Python, and showing a report would block the window for longer."""
        metrics = view.fontMetrics()
        line = metrics.height() + 8
        view.verticalHeader().setMinimumSectionSize(line)
        view.verticalHeader().setDefaultSectionSize(line)
        room = _LABEL_WIDTH - 12  # the cell's text margins
        for row in range(model.rowCount()):
            label = model.index(row, 1).data()
            if label and metrics.horizontalAdvance(label) > room:
                wrapped = metrics.boundingRect(QRect(0, 0, room, 10 * line), Qt.TextFlag.TextWordWrap, label)
                view.setRowHeight(row, wrapped.height() + 8)

    # ---- navigation ------------------------------------------------------------------------

    def select_cell(self, cell_id: str) -> None:
        """Select a table cell (switching to its table) and show it in the source."""
        table = cell_id.split(".")[0]
        view, model = self.table_views.get(table), self.table_models.get(table)
        if view is None or model is None:
            return
        index = model.index_of(cell_id)
        if not index.isValid():
            return
        self.tabs.setCurrentWidget(view)
        view.setCurrentIndex(index)
        view.scrollTo(index)

    def _cell_current(self, model: ReportTableModel, index: QModelIndex) -> None:
        cell_id = model.data(index, CELL_ID_ROLE)
        report = model.report
        cell = report.cells.get(cell_id) if cell_id else None
        if cell is not None:
            self.source.show_spans([cell.span])

    def _source_clicked(self, line: int, column: int) -> None:
        """A click on a number in the source selects its cell."""
        report = self.current.report if self.current else None
        if report is None:
            return
        for cid, cell in report.cells.items():
            if cell.span.line == line and cell.span.start <= column <= max(cell.span.end, cell.span.start + 1):
                self.select_cell(cid)
                return

    def _finding_clicked(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if finding is not None:
            self.show_finding(finding)

    def show_finding(self, finding: Finding) -> None:
        """Select the finding's cells and highlight their spans and its evidence."""
        report = self.current.report if self.current else None
        if report is None:
            return
        cells = [c for c in (finding.suspect, *finding.cells) if c and c in report.cells]
        if cells:
            self.select_cell(cells[0])
            table = cells[0].split(".")[0]
            view, model = self.table_views[table], self.table_models[table]
            for cid in dict.fromkeys(cells):
                if cid.startswith(table + "."):
                    view.selectionModel().select(model.index_of(cid), QItemSelectionModel.SelectionFlag.Select)
        spans = [*finding.spans, *(report.cells[c].span for c in dict.fromkeys(cells))]
        if spans:
            self.source.show_spans(spans)

    def _filter_findings(self, _index: int = 0) -> None:
        severity = self.severity_filter.currentData() or ""
        self.findings_proxy.setFilterRegularExpression(f"^{severity}$" if severity else "")
        self._say_why_no_findings()

    def _say_why_no_findings(self) -> None:
        """What the findings list says when it shows none."""
        result = self.current
        if result is None:
            text = ""
        elif result.report is None:
            text = self.tr("Not audited: the file could not be read. The text pane says why.")
        elif not result.findings:
            text = self.tr("No findings: every check passed.")
        else:
            text = self.tr("No findings of this severity.")
        self.findings_view.placeholder = text
        self.findings_view.viewport().update()

    def step_finding(self, step: int) -> None:
        rows = self.findings_proxy.rowCount()
        if not rows:
            return
        current = self.findings_view.currentIndex().row()
        row = (current + step) % rows if current >= 0 else (0 if step > 0 else rows - 1)
        index = self.findings_proxy.index(row, 0)
        self.findings_view.setCurrentIndex(index)
        self._finding_clicked(index)
