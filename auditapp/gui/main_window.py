"""The main window: the batch of reports on the left, the report shown beside its source, its
findings with the selected one whole below.

The window composes the panes (each owns one thing: batch_pane, report_view, findings_pane,
session, loader) and owns the actions and menus. Files are audited off the GUI thread
(loader.py) and arrive a few times a second; the report shown follows the selection in the batch
list and opens on its first error. Corrections of cells are recorded in the review session and
the report is audited again at once; the report files are never written.

Every text is English in the source and translated by Qt (see i18n.py); the window follows
the language installed when it is made.
"""

from __future__ import annotations

import logging
import os
import time

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QWidget,
)

from ..api import AuditResult, Status
from ..corrections import BadValue, apply_corrections, make_correction, parse_value
from ..rules import Finding
from ..verdict import Verdict, verdict, verdict_name
from . import i18n
from .batch_model import BatchModel
from .batch_pane import BatchPane
from .findings_pane import FindingsPane
from .loader import IN_PROCESS, Loader  # noqa: F401  (IN_PROCESS: the tests' threshold)
from .report_view import ReportView
from .session import ReviewSession
from .window_figures import FiguresMixin
from .window_files import FilesMixin
from .window_layout import LayoutMixin
from .window_menus import MenusMixin

_log = logging.getLogger("auditapp")
_CROSS_CHUNK = 250  # reports the findings across reports are taken in for per turn of the event loop


class MainWindow(LayoutMixin, MenusMixin, FilesMixin, FiguresMixin, QMainWindow):
    def __init__(self, language: str | None = None) -> None:
        """`language` is the UI language ("zh_CN" | "en") the findings' messages follow; by default
        the one i18n.install_translators installed."""
        super().__init__()
        self.language = i18n.normalise(language) or i18n.current_language()
        self.lang = i18n.messages_language(self.language)
        self.setWindowTitle(self._title())
        self.settings = QSettings()
        self.notices: list[str] = []  # what notify() told the user, for tests and scripts
        self.originals: dict[str, AuditResult] = {}  # path → the result as read (before corrections)
        self.current: AuditResult | None = None  # the report shown, corrections applied
        self.compare_view: QWidget | None = None  # the side-by-side view last opened (compare_view.py)
        self._cross_pending = False  # the checks across reports are due, not yet handed to the loader
        # their findings, not yet taken in ({path: findings}), and whether the report shown gets some
        self._cross_queue: list[tuple[str, list[Finding]]] = []
        self._cross_show = False

        self.session = ReviewSession(self.settings, self)
        self.session.failed.connect(self._session_failed)
        self.session.notice.connect(lambda message: self.notify(self.tr("Review Records"), message))
        self.session.corrections_changed.connect(self._corrections_changed)
        self.loader = Loader(self)
        self.loader.arrived.connect(self._arrived)
        self.loader.progress.connect(self._progress)
        self.loader.idle.connect(self._loading_idle)
        self.loader.crossed.connect(self._crossed)

        self.batch = BatchPane(BatchModel(reviews=self.session.reviews, lang=self.lang))
        self.batch.current_changed.connect(self._show_row)
        self.batch.remove_requested.connect(self.remove_reports)
        self.report_view = ReportView()
        self.report_view.edit_requested.connect(self.correct_cell)
        self.report_view.take_back_requested.connect(self.take_back_correction)
        self.findings = FindingsPane(lang=self.lang)
        self.findings.finding_selected.connect(self.report_view.show_finding)
        self.findings.review_changed.connect(self._review_changed)
        self.findings.compare_requested.connect(self.compare_with_last_year)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.report_view)
        right.addWidget(self.findings)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.batch)
        outer.addWidget(self._center_tabs(right))  # the report, and the batch's figures beside it
        outer.setStretchFactor(0, 1)
        outer.setStretchFactor(1, 4)
        outer.setSizes([300, 1200])
        self.setCentralWidget(outer)
        self._splitters = {"outer": outer, "right": right, "middle": self.report_view.splitter}

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.hide()
        self.cancel.clicked.connect(self.cancel_loading)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel)
        self.setAcceptDrops(True)
        self._fitted = False
        self._actions()
        self._restore_layout()
        self.session.start()
        if self.session.recovered:
            message = self.tr(
                "Recovered {count} review decisions and corrections not saved when the program last closed"
            )
            self.statusBar().showMessage(message.format(count=self.session.recovered), 30000)

    # compatibility for scripts and tests: the review decisions, and how many were recovered
    @property
    def reviews(self) -> dict:
        return self.session.reviews

    @property
    def recovered(self) -> int:
        return self.session.recovered

    @property
    def autosave(self):
        return self.session.autosave

    def results(self) -> list[AuditResult | None]:
        """The results shown, in the batch list's order of opening (None: not arrived yet)."""
        model = self.batch.model
        return [model.result(row) for row in range(model.rowCount())]

    def _title(self, result: AuditResult | None = None) -> str:
        title = self.tr("Government Information Disclosure Annual Report Audit")
        if result is None:
            return title
        name = os.path.basename(result.path)
        if result.status is Status.FAILED:
            return f"{name} — {verdict_name(Verdict.FAILED, self.lang)} — {title}"
        return f"{name} — {title}"

    def closeEvent(self, event) -> None:
        self.session.save_now()  # the last seconds' review work
        self.settings.setValue("geometry", self.saveGeometry())
        for name, splitter in self._splitters.items():
            self.settings.setValue(f"splitter/{name}", splitter.saveState())
        self.loader.stop()
        super().closeEvent(event)

    def stop_loading(self, timeout: float = 5.0) -> None:
        self.loader.stop(timeout)

    def notify(self, title: str, message: str) -> None:
        """Tell the user without blocking: the status bar, and a message box that does not wait
        (the window goes on starting behind it; tests never hang on it)."""
        self.statusBar().showMessage(message, 30000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()
        self.notices.append(message)

    # ---- review and corrections --------------------------------------------------------------

    def _review_changed(self) -> None:
        self.session.changed()  # to the session chosen once, else the recovery file, in a moment
        row = self.batch.current_row()
        if row >= 0:
            self.batch.model.refresh([row])  # a dismissed error changes the verdict

    def compare_with_last_year(self, finding: Finding) -> None:
        """The shown report beside the other file of `finding` (in the batch), shared passages highlighted."""
        from .compare_view import CompareView

        other = self.originals.get(finding.other_file or "")
        if self.current is None or self.current.report is None or other is None or other.report is None:
            self.notify(self.tr("Compare with Last Year"), self.tr("Last year's report is no longer open."))
            return
        self.compare_view = CompareView(self.current.report, other.report, self)
        self.compare_view.show()

    def _session_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Review work not saved: {error}").format(error=message), 15000)

    def correct_cell(self, cell_id: str, text: str) -> None:
        """The inspector typed a value into a cell: ask why, record the correction, audit again."""
        original = self.originals.get(self.current.path) if self.current else None
        if original is None or original.report is None:
            return
        try:
            value = parse_value(text)
        except BadValue:
            self.statusBar().showMessage(
                self.tr("“{text}” is not a count: nothing was changed").format(text=text), 8000
            )
            return
        read = original.report.cells.get(cell_id)
        if read is not None and read.value == value and read.kind.value == "number":
            self.take_back_correction(cell_id)  # back to the value as read
            return
        words = original.report.template.cell_words(cell_id, self.lang)
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Correct a Value"),
            self.tr("{cell}: why is the value read from the report wrong?").format(cell=words),
        )
        if not ok:
            return
        fix = make_correction(original, cell_id, value, reason.strip())
        self.session.correct(original.path, fix, self.tr("Correct {cell}").format(cell=words))

    def take_back_correction(self, cell_id: str) -> None:
        if self.current is not None:
            self.session.take_back(self.current.path, cell_id, self.tr("Take back the correction"))

    def _corrected(self, original: AuditResult) -> AuditResult:
        return apply_corrections(original, self.session.corrections(original.path))

    def _corrections_changed(self, path: str) -> None:
        for key, original in self.originals.items():
            if os.path.abspath(key) == path:
                row = self.batch.model.row_of(key)
                if row is None:
                    return
                started = time.perf_counter()
                self.batch.model.set_results([(row, self._corrected(original))])
                self.last_rerun_ms = (time.perf_counter() - started) * 1000
                if row == self.batch.current_row():
                    self._show_again(row, focus=True)
                return

    def _show_again(self, row: int, focus: bool = False) -> None:
        """The report shown, audited anew (a correction, findings across reports): the same
        table and cell stay selected; `focus`: the keys (Ctrl+Z, F2) go on to the table."""
        cell = self.report_view.current_cell()
        tab = self.report_view.tabs.currentIndex()
        self._show_row(row, lead=False)
        if cell:
            self.report_view.select_cell(cell)
        elif 0 <= tab < self.report_view.tabs.count():
            self.report_view.tabs.setCurrentIndex(tab)
        if focus and (view := self.report_view.tabs.currentWidget()) is not None:
            view.setFocus()

    def open_paths(self, paths: list[str]) -> None:
        """Audit the files off the GUI thread; each is listed at once and filled in when done.
        A file already listed is not opened twice: it is selected."""
        from ..inputs import iter_inputs  # folders are walked for report files

        self.remember(paths)
        model = self.batch.model
        for p in paths:
            folder = os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p))
            if folder not in model.roots:
                model.roots.append(folder)
        unlistable: list[str] = []  # folders that could not be listed: said, never silently skipped
        files = list(
            iter_inputs(paths, on_unlistable=lambda _folder, message: unlistable.append(message), lang=self.lang)
        )
        if unlistable:
            self.notify(self.tr("Folders Not Read"), "\n".join(unlistable))
        if not files:
            self.statusBar().showMessage(self.tr("No report files found there"), 8000)
            return
        rows = model.add(files)
        new = [model.path(row) for row in rows]
        if new:
            self.loader.start(new)
            self._lead_to = new[0]  # the first file of this load shows as soon as it arrives
        else:
            self._lead_to = None
            self.batch.select_row(model.row_of(files[0]))  # already open: shown, not opened again
            self.statusBar().showMessage(self.tr("Already open: {name}").format(name=os.path.basename(files[0])), 5000)

    def _arrived(self, items: list[tuple[str, AuditResult]]) -> None:
        model = self.batch.model
        rows = []
        for path, result in items:
            row = model.row_of(path)
            if row is None:
                continue  # removed meanwhile
            self.originals[path] = result
            rows.append((row, self._corrected(result)))
        model.set_results(rows)
        lead = getattr(self, "_lead_to", None)
        if lead is not None and lead in dict(items):
            self._lead_to = None
            # shown in the next turn of the event loop: the list's update and the report's
            # making do not add up to one long block
            QTimer.singleShot(0, lambda path=lead: self._lead(path))
            return
        current = self.batch.current_row()
        if current >= 0 and any(r == current for r, _ in rows):
            self._show_row(current)

    def _lead(self, path: str) -> None:
        row = self.batch.model.row_of(path)
        if row is not None:
            self.batch.select_row(row)

    def _progress(self, done: int, total: int) -> None:
        busy = done < total
        if self.progress.maximum() != max(total, 1):
            self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if self.progress.isVisible() != busy:  # showing one relays the status bar out: only when it changes
            self.progress.setVisible(busy)
            self.cancel.setVisible(busy)

    def _loading_idle(self) -> None:
        self.progress.hide()
        self.cancel.hide()
        self._cross_pending = True  # from now until the loader has it: still loading, for wait_until_done
        QTimer.singleShot(0, self._check_across)

    def _check_across(self) -> None:
        self._cross_pending = False
        self.loader.check_across(list(self.originals.values()))

    def _crossed(self, changed: dict[str, list[Finding]]) -> None:
        """Take the findings across reports in a few hundred reports per turn of the event loop,
        then show the current report again in a turn of its own: at 1,000 reports, all at once
        held the window for 70 ms. A newer check's findings replace those not yet taken in."""
        first = not self._cross_queue
        self._cross_queue = list(changed.items())
        if first:
            QTimer.singleShot(0, self._take_in_crossed)

    def _take_in_crossed(self) -> None:
        model = self.batch.model
        chunk, self._cross_queue = self._cross_queue[:_CROSS_CHUNK], self._cross_queue[_CROSS_CHUNK:]
        rows = []
        for path, findings in chunk:
            original = self.originals.get(path)
            row = model.row_of(path)
            if original is None or row is None:
                continue  # removed meanwhile
            original.findings = findings
            rows.append((row, self._corrected(original)))
        model.set_results(rows)
        current = self.batch.current_row()
        self._cross_show = self._cross_show or any(r == current for r, _ in rows)
        if self._cross_queue:
            QTimer.singleShot(0, self._take_in_crossed)
        elif self._cross_show:
            QTimer.singleShot(0, self._show_crossed)

    def _show_crossed(self) -> None:
        self._cross_show = False
        current = self.batch.current_row()
        if current >= 0:
            self._show_again(current)  # the inspector's place in the report is kept

    def cancel_loading(self) -> None:
        """Stop the load: the files not yet audited are marked cancelled; any result already
        on its way still shows. Batches stop their worker processes."""
        cancelled = self.loader.cancel()
        model = self.batch.model
        model.set_cancelled([row for p in cancelled if (row := model.row_of(p)) is not None])
        self.progress.hide()
        self.cancel.hide()

    def is_loading(self) -> bool:
        return self.loader.is_busy() or self._cross_pending or bool(self._cross_queue) or self._cross_show

    def wait_until_done(self, timeout: float | None = None) -> bool:
        """For tests and scripts: process events until every file opened has arrived, the
        batches' worker processes are gone and the checks across reports are applied.
        Returns False if `timeout` seconds passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.is_loading():
            if deadline is not None and time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.002)  # let the threads have the GIL
        QCoreApplication.processEvents()
        return True

    def remove_reports(self, rows: list[int]) -> None:
        """Take reports off the list (their files are untouched; review work is kept in the session)."""
        model = self.batch.model
        paths = [model.path(row) for row in rows]
        self.loader.forget(paths)
        for path in paths:
            self.originals.pop(path, None)
        model.remove(rows)
        if self.batch.current_row() < 0:
            self._show_row(-1)
        self.statusBar().showMessage(self.tr("{count} reports removed from the list").format(count=len(rows)), 5000)
        QTimer.singleShot(0, self._check_across)

    def _remove_current(self) -> None:
        row = self.batch.current_row()
        if row >= 0:
            self.remove_reports([row])

    # ---- showing a report ----------------------------------------------------------------------

    def _show_row(self, row: int, lead: bool = True) -> None:
        """Show the report of a batch row; `lead`: open on its first error (else keep the place)."""
        model = self.batch.model
        result = model.result(row) if row >= 0 else None
        self.current = result
        if result is None:
            self.report_view.show_result(None)
            self.findings.show_result(None, self.session.reviews)
            self.setWindowTitle(self._title())
            return
        fixes = self.session.corrections(result.path)
        self.report_view.show_result(result, fixes, self.lang)
        self.findings.show_result(result, self.session.reviews)
        self.setWindowTitle(self._title(result))
        if result.report is None:
            self.statusBar().showMessage(self.tr("{path}: {error}").format(path=result.path, error=result.error))
            return
        if lead:
            self.findings.select_first()  # shows it: table, cells and source line
        meta = result.report.meta
        self.statusBar().showMessage(
            self.tr(
                "{path}   {agency} {year}   Encoding {encoding}   Format {format}   Template {template}   {verdict}"
            ).format(
                path=result.path,
                agency=meta.agency or "",
                year=meta.year or "",
                encoding=(result.source.encoding if result.source else None) or "—",
                format=result.source.format if result.source else "",
                template=result.report.template.id,
                verdict=verdict_name(verdict(result, self.session.reviews), self.lang),
            )
        )
