"""The main window: reports on the left, their tables beside the source, findings below.

Clicking (or moving onto) a table cell puts the source cursor on that cell's line and
highlights its span; clicking a finding selects its cells and highlights their spans and its
narrative evidence. F8 / Shift+F8 step through the findings. Files are audited off the GUI
thread, in a thread pool, and arrive one by one.
"""

from __future__ import annotations

import os

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRunnable,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..api import AuditResult, Status, audit_file
from ..review import Review
from ..rules import Finding, Severity
from .models import CELL_ID_ROLE, FINDING_ROLE, FindingsModel, ReportTableModel
from .source_view import SourceView

_STATUS_ZH = {"ok": "正常", "partial": "部分解析", "failed": "无法读取"}
_RECENT = 10


def _recent(settings: QSettings) -> list[str]:
    value = settings.value("recent") or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


class _Signals(QObject):
    done = Signal(int, object)  # (position in the batch, AuditResult)


class _AuditJob(QRunnable):
    """Audits one file in the thread pool; the result comes back by a queued signal."""

    def __init__(self, position: int, path: str, signals: _Signals) -> None:
        super().__init__()
        self.position, self.path, self.signals = position, path, signals

    def run(self) -> None:
        try:
            result = audit_file(self.path)
        except Exception as e:  # audit_file never raises for input; a bug must still arrive
            result = AuditResult(self.path, Status.FAILED, f"内部错误：{type(e).__name__}: {e}")
        self.signals.done.emit(self.position, result)


def _verdict(result: AuditResult) -> str:
    if result.status is Status.OK and result.count(Severity.ERROR):
        return "有错误"
    if result.status is Status.OK and result.count(Severity.WARNING):
        return "有警告"
    return _STATUS_ZH[result.status.value]


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("政府信息公开年度报告审核")
        self.results: list[AuditResult] = []
        self.current: AuditResult | None = None
        self.table_models: dict[str, ReportTableModel] = {}
        self.table_views: dict[str, QTableView] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # the audit is pure Python: more threads only fight over the GIL
        self._signals = _Signals(self)
        self._signals.done.connect(self._arrived)
        self._pending = 0
        self.reviews: dict = {}
        self.session_path: str | None = None

        self.files = QListWidget()
        self.files.currentRowChanged.connect(self._show_result)
        self.tabs = QTabWidget()
        self.source = SourceView()
        self.findings_view = QTableView()
        self.findings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings_view.setWordWrap(False)
        self.findings_view.verticalHeader().hide()
        self.findings_model = FindingsModel()
        self.findings_proxy = QSortFilterProxyModel(self)
        self.findings_proxy.setFilterKeyColumn(0)
        self.findings_proxy.setSourceModel(self.findings_model)
        self.findings_view.setModel(self.findings_proxy)
        self.findings_view.setSortingEnabled(True)
        self.findings_view.clicked.connect(self._finding_clicked)
        self.severity_filter = QComboBox()
        self.severity_filter.addItems(["全部", "错误", "警告", "提示"])
        self.severity_filter.currentTextChanged.connect(self._filter_findings)
        self.counts = QLabel()
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel("问题："))
        bar.addWidget(self.severity_filter)
        bar.addWidget(self.counts, 1)
        for text, handler in (
            ("确认", self.confirm_finding),
            ("驳回", self.dismiss_finding),
            ("意见…", self.comment_finding),
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
        middle.setSizes([760, 520])
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(middle)
        right.addWidget(findings_box)
        right.setSizes([560, 200])
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.files)
        outer.addWidget(right)
        outer.setSizes([240, 1280])
        self.setCentralWidget(outer)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel = QPushButton("取消")
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

    def closeEvent(self, event) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        for name, splitter in self._splitters.items():
            self.settings.setValue(f"splitter/{name}", splitter.saveState())
        super().closeEvent(event)

    def _actions(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        open_files = QAction("打开报告(&O)…", self, shortcut=QKeySequence.StandardKey.Open)
        open_files.triggered.connect(self._choose_files)
        open_folder = QAction("打开文件夹(&D)…", self, shortcut=QKeySequence("Ctrl+Shift+O"))
        open_folder.triggered.connect(self._choose_folder)
        menu.addActions([open_files, open_folder])
        self.recent_menu = menu.addMenu("最近打开(&R)")
        self._fill_recent()
        menu.addSeparator()
        self.export_one = QAction("导出本报告的审核工作簿(&R)…", self)
        self.export_one.triggered.connect(lambda: self.export(all_reports=False))
        self.export_all = QAction("导出全部审核工作簿(&E)…", self, shortcut=QKeySequence("Ctrl+E"))
        self.export_all.triggered.connect(lambda: self.export(all_reports=True))
        menu.addActions([self.export_one, self.export_all])
        menu.addSeparator()
        save = QAction("保存复核记录(&S)…", self, shortcut=QKeySequence.StandardKey.Save)
        save.triggered.connect(self.save_session)
        menu.addAction(save)
        find = QAction("在原文中查找(&F)…", self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(self._find_in_source)
        go = self.menuBar().addMenu("审核(&A)")
        go.addAction(find)
        for text, key, step in (("下一个问题", "F8", 1), ("上一个问题", "Shift+F8", -1)):
            action = QAction(text, self, shortcut=QKeySequence(key))
            action.triggered.connect(lambda _=False, s=step: self.step_finding(s))
            go.addAction(action)

    # ---- review ---------------------------------------------------------------------------

    def _current_finding_row(self) -> int | None:
        index = self.findings_view.currentIndex()
        if not index.isValid():
            return None
        return self.findings_proxy.mapToSource(index).row()

    def _review(self, change) -> None:
        row = self._current_finding_row()
        if row is None:
            self.statusBar().showMessage("请先在问题列表中选中一个问题", 5000)
            return
        old = self.findings_model.review(self.findings_model.findings[row])
        self.findings_model.set_review(row, change(old))
        if self.session_path:  # the session chosen once is kept up to date
            self.save_session(self.session_path)

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
            text, ok = QInputDialog.getText(self, "复核意见", "意见：", text=old)
            if not ok:
                return
        self._review(lambda r: Review(r.state, text))

    def save_session(self, path: str | None = None) -> str | None:
        """Save the review to a session file the inspector chooses (never the reports' folder unasked)."""
        from ..review import ReviewError, save_reviews

        if not path:
            start = self.session_path or os.path.join(os.path.expanduser("~"), "审核复核记录.json")
            path, _ = QFileDialog.getSaveFileName(self, "保存复核记录", start, "复核记录 (*.json)")
            if not path:
                return None
        try:
            save_reviews(self.reviews, path)
        except ReviewError as e:
            QMessageBox.warning(self, "无法保存", e.message)
            return None
        self.session_path = path
        self.settings.setValue("review/session", path)
        return path

    def load_session(self, path: str) -> None:
        from ..review import ReviewError, load_reviews

        try:
            self.reviews.update(load_reviews(path))
            self.session_path = path
        except ReviewError as e:
            self.statusBar().showMessage(e.message, 15000)
            QMessageBox.warning(self, "复核记录", e.message)

    # ---- exporting -----------------------------------------------------------------------

    def export(self, all_reports: bool) -> str | None:
        """Write the audit workbook for this report or all of them; returns the path written."""
        from ..export.workbook import ExportError, write_workbook

        chosen = [r for r in self.results if r.report is not None or r.status is Status.FAILED]
        if not all_reports:
            chosen = [self.current] if self.current is not None else []
        chosen = [r for r in chosen if r.error != "正在审核…"]
        if not chosen:
            QMessageBox.information(self, "导出", "还没有可以导出的审核结果。")
            return None
        suggested = os.path.splitext(chosen[0].path)[0] + "-审核.xlsx" if len(chosen) == 1 else "审核结果.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, "导出审核工作簿", suggested, "Excel 工作簿 (*.xlsx)")
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            write_workbook(chosen, path, reviews=self.reviews)
        except ExportError as e:
            QMessageBox.warning(self, "无法导出", e.message)
            return None
        self.statusBar().showMessage(f"审核工作簿已写入 {path}", 8000)
        return path

    # ---- opening -------------------------------------------------------------------------

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "打开报告", "", "报告 (*.txt *.text *.tsv);;所有文件 (*)")
        if paths:
            self.open_paths(paths)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "打开文件夹")
        if folder:
            self.open_paths([folder])

    def _find_in_source(self) -> None:
        text, ok = QInputDialog.getText(self, "在原文中查找", "查找：")
        if ok and text and not self.source.find(text):
            self.source.moveCursor(QTextCursor.MoveOperation.Start)  # wrap around once
            if not self.source.find(text):
                self.statusBar().showMessage(f"原文中没有“{text}”", 5000)

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
        from ..cli import iter_inputs  # folders are walked for report files

        recent = [os.path.abspath(p) for p in paths]
        self.settings.setValue("recent", list(dict.fromkeys([*recent, *_recent(self.settings)]))[:_RECENT])
        self._fill_recent()
        paths = list(iter_inputs(paths))
        start = len(self.results)
        self.results.extend(AuditResult(p, Status.FAILED, "正在审核…") for p in paths)
        for k, path in enumerate(paths):
            item = QListWidgetItem(f"…　{os.path.basename(path)}")
            item.setToolTip(path)
            self.files.addItem(item)
            self._pending += 1
            self._pool.start(_AuditJob(start + k, path, self._signals))
        self.progress.setRange(0, self._pending)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel.show()

    def cancel_loading(self) -> None:
        """Drop the files not yet started; those under way finish and show."""
        self._pool.clear()
        for k, result in enumerate(self.results):
            if result.error == "正在审核…":
                self.results[k] = AuditResult(result.path, Status.FAILED, "已取消")
                self.files.item(k).setText(f"【已取消】{os.path.basename(result.path)}")
                self._pending -= 1
        self._loading_done()

    def _loading_done(self) -> None:
        if self._pending <= 0:
            self._pending = 0
            self.progress.hide()
            self.cancel.hide()

    def wait_until_done(self) -> None:
        """For tests and scripts: block until every file sent to the pool has arrived."""
        self._pool.waitForDone()
        from PySide6.QtCore import QCoreApplication

        while self._pending:
            QCoreApplication.processEvents()

    def _arrived(self, position: int, result: AuditResult) -> None:
        counted = self.results[position].error != "已取消"  # a cancelled file was counted off already
        self.results[position] = result  # one that was under way when cancelled still shows
        item = self.files.item(position)
        counts = f"错误 {result.count(Severity.ERROR)}，警告 {result.count(Severity.WARNING)}"
        item.setText(f"【{_verdict(result)}】{os.path.basename(result.path)}")
        item.setToolTip(f"{result.path}\n{result.error or counts}")
        if counted:
            self._pending -= 1
            self.progress.setValue(self.progress.maximum() - self._pending)
            self._loading_done()
        if self.files.currentRow() == position or self.files.currentRow() < 0:
            self.files.setCurrentRow(position)
            self._show_result(position)

    # ---- showing a report ----------------------------------------------------------------

    def _show_result(self, row: int) -> None:
        if not 0 <= row < len(self.results):
            return
        result = self.current = self.results[row]
        self.tabs.clear()
        self.table_models.clear()
        self.table_views.clear()
        self.findings_model = FindingsModel(result, self.reviews)
        self.findings_proxy.setSourceModel(self.findings_model)
        self.counts.setText(
            "　".join(
                f"{name} {result.count(sev)}" for name, sev in zip(("错误", "警告", "提示"), Severity, strict=True)
            )
        )
        header = self.findings_view.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if result.report is None or result.source is None:
            self.source.setPlainText(result.error or "")
            self.statusBar().showMessage(f"{result.path}：{result.error}")
            return
        self.source.setPlainText(result.source.text)
        for table in result.report.template.tables:
            model = ReportTableModel(result, table, self)
            view = QTableView()
            view.setModel(model)
            for span in model.spans():
                view.setSpan(*span)
            view.verticalHeader().hide()
            view.setWordWrap(True)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.selectionModel().currentChanged.connect(lambda cur, _prev, m=model: self._cell_current(m, cur))
            self.table_models[table.id] = model
            self.table_views[table.id] = view
            self.tabs.addTab(view, f"{table.short_name}　{table.title}")
        meta = result.report.meta
        self.setWindowTitle(f"{os.path.basename(result.path)} — 政府信息公开年度报告审核")
        self.statusBar().showMessage(
            f"{result.path}　{meta.agency or ''} {meta.year or ''}　编码 {result.source.encoding}　"
            f"格式 {result.source.format}　模板 {result.report.template.id}　{_verdict(result)}"
        )

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

    def _filter_findings(self, text: str) -> None:
        self.findings_proxy.setFilterFixedString("" if text == "全部" else text)

    def step_finding(self, step: int) -> None:
        rows = self.findings_proxy.rowCount()
        if not rows:
            return
        current = self.findings_view.currentIndex().row()
        row = (current + step) % rows if current >= 0 else (0 if step > 0 else rows - 1)
        index = self.findings_proxy.index(row, 0)
        self.findings_view.setCurrentIndex(index)
        self._finding_clicked(index)
