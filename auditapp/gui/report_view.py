"""One report shown: its tables (one tab each, with their counts of problems) beside its source
text, with a find bar over the source and the reader's notes above.

A click on a cell puts the source cursor on its line; a click on a number in the source selects
its cell. Editing a value cell (F2 or a double click) asks the window for a correction.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QPen, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..api import AuditResult
from ..corrections import Correction
from ..rules import Finding, Severity
from .grouped_header import GroupedHeader
from .models import CELL_ID_ROLE, ReportTableModel
from .source_view import SourceView

LABEL_WIDTH = 220  # pixels at most for a table's row labels; longer ones wrap


class _KeepColours(QStyledItemDelegate):
    """A selected cell keeps its own fill (the red suspect stays red) inside a frame of the
    selection colour, instead of being painted over by the selection."""

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if not selected or index.data(Qt.ItemDataRole.BackgroundRole) is None:
            super().paint(painter, option, index)
            return
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        painter.save()
        pen = QPen(option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight), 3)
        painter.setPen(pen)
        painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
        painter.restore()


class FindBar(QWidget):
    """Find in the source, as a bar over it (Ctrl+F shows it, Esc hides it, Enter finds the next)."""

    def __init__(self, source: SourceView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Find in the source"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.find_next)
        self.status = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.edit, 1)
        for text, tip, step in (("↓", self.tr("Next (Enter)"), 1), ("↑", self.tr("Previous (Shift+Enter)"), -1)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, s=step: self.find_next(backward=s < 0))
            layout.addWidget(button)
        layout.addWidget(self.status)
        close = QToolButton()
        close.setText("×")
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        QShortcut(QKeySequence("Shift+Return"), self.edit, lambda: self.find_next(backward=True))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide)
        self.hide()

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def find_next(self, backward: bool = False) -> bool:
        text = self.edit.text()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.source.find(text, flags)
        if not found:  # wrap around once
            self.source.moveCursor(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            found = self.source.find(text, flags)
        self.status.setText("" if found else self.tr("Not found"))
        palette = self.edit.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("white" if found else "#FFD7D7"))
        self.edit.setPalette(palette)
        return found


class ReportView(QWidget):
    edit_requested = Signal(str, str)  # (cell id, text typed): the window decides on a correction
    take_back_requested = Signal(str)  # a corrected cell's correction to take back

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: AuditResult | None = None
        self.lang = "zh"
        self.table_models: dict[str, ReportTableModel] = {}
        self.table_views: dict[str, QTableView] = {}
        self._template = None  # the template the table views were made for
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(True)
        self.source = SourceView()
        self.source.setPlaceholderText(
            self.tr("Open reports (Ctrl+O) or a folder (Ctrl+Shift+O), or drop files and folders on the window.")
        )
        self.source.clicked_at.connect(self._source_clicked)
        self.find_bar = FindBar(self.source)
        source_box = QWidget()
        source_layout = QVBoxLayout(source_box)
        source_layout.setContentsMargins(0, 0, 0, 0)
        source_layout.setSpacing(0)
        source_layout.addWidget(self.find_bar)
        source_layout.addWidget(self.source, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(source_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        # The reader's notes (a broken or scanned PDF page, damaged XML, a conversion, a skipped
        # sheet): above the tables, where they cannot be missed, not only in a tooltip.
        self.reading_notes = QLabel()
        self.reading_notes.setWordWrap(True)
        self.reading_notes.setTextFormat(Qt.TextFormat.PlainText)
        self.reading_notes.setStyleSheet("QLabel { background: #fff4ce; color: #4d3800; padding: 4px 8px; }")
        self.reading_notes.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.reading_notes)
        layout.addWidget(self.splitter, 1)

    # ---- showing ---------------------------------------------------------------------------

    def show_result(
        self, result: AuditResult | None, corrections: dict[str, Correction] | None = None, lang: str = "zh"
    ) -> None:
        """Show a report (or an unreadable file's reason in the source pane). The tab shown is kept."""
        tab = self.tabs.currentIndex()
        self.result, self.lang = result, lang
        notes = result.source.notes if result is not None and result.source is not None and not result.error else ()
        self.reading_notes.setText("\n".join([self.tr("Notes on reading this file:"), *notes]))
        self.reading_notes.setVisible(bool(notes))
        if result is None or result.report is None or result.source is None:
            self._clear_tables()
            self.source.setPlainText("" if result is None else result.error or "")
            return
        self.source.setPlainText(result.source.text)
        template = result.report.template
        if self._template is not template:  # the views are made once per template, then reused
            self._clear_tables()
            self._template = template
        problems = _problems_by_table(result.findings)
        for index, table in enumerate(template.tables):
            short = table.short_name_en if lang == "en" else table.short_name
            view = self.table_views.get(table.id)
            model = ReportTableModel(result, table, view, lang=lang, corrections=corrections)
            model.edit_requested.connect(self.edit_requested)
            if view is None:
                view = self.table_views[table.id] = self._table_view(model)
                model.setParent(view)
                self.tabs.addTab(view, short)
                # The title is the report's own wording, shown as printed in either language.
                self.tabs.setTabToolTip(index, self.tr("{table} {title}").format(table=short, title=table.title))
            else:
                old_model, old_selection = view.model(), view.selectionModel()
                view.setModel(model)
                for gone in (old_selection, old_model):
                    gone.deleteLater()
            view.selectionModel().currentChanged.connect(lambda cur, _prev, m=model: self._cell_current(m, cur))
            self.table_models[table.id] = model
            count = problems.get(table.id, 0)
            self.tabs.setTabText(index, f"{short} ⚠{count}" if count else short)
            colour = QColor("#C00000") if count else self.palette().color(QPalette.ColorRole.WindowText)
            self.tabs.tabBar().setTabTextColor(index, colour)
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def _clear_tables(self) -> None:
        self.tabs.clear()
        for view in self.table_views.values():
            view.deleteLater()  # the tab widget keeps the pages it no longer shows: delete them
        self.table_models.clear()
        self.table_views.clear()
        self._template = None

    def _table_view(self, model: ReportTableModel) -> QTableView:
        """A view for one table of the template: its spans and row heights are the table's own,
        the same for every report of the template."""
        view = QTableView()
        view.setHorizontalHeader(GroupedHeader(view))  # 法人或其他组织 merged over its five columns
        view.setModel(model)
        view.setItemDelegate(_KeepColours(view))
        for span in model.spans():
            view.setSpan(*span)
        view.verticalHeader().hide()
        view.setWordWrap(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The longest row labels (40 characters) wrap rather than push the numbers out of sight.
        view.horizontalHeader().setMaximumSectionSize(LABEL_WIDTH)
        _fit_rows(view, model)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        edit = QAction(self.tr("Correct This Value… (F2)"), view)
        edit.triggered.connect(lambda _=False, v=view: v.edit(v.currentIndex()))
        take_back = QAction(self.tr("Take Back the Correction of This Cell"), view)
        take_back.triggered.connect(lambda _=False, v=view: self._take_back(v))
        view.addActions([edit, take_back])
        return view

    def _take_back(self, view: QTableView) -> None:
        cell_id = view.currentIndex().data(CELL_ID_ROLE)
        model = view.model()
        if cell_id and isinstance(model, ReportTableModel) and cell_id in model.corrections:
            self.take_back_requested.emit(cell_id)

    # ---- navigation ------------------------------------------------------------------------

    def current_cell(self) -> str | None:
        view = self.tabs.currentWidget()
        if not isinstance(view, QTableView):
            return None
        return view.currentIndex().data(CELL_ID_ROLE)

    def select_cell(self, cell_id: str) -> bool:
        """Select a table cell (switching to its table), scrolled into view, and show it in the source."""
        table = cell_id.split(".")[0]
        view, model = self.table_views.get(table), self.table_models.get(table)
        if view is None or model is None:
            return False
        index = model.index_of(cell_id)
        if not index.isValid():
            return False
        self.tabs.setCurrentWidget(view)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        return True

    def show_finding(self, finding: Finding) -> None:
        """Select the finding's cells (each scrolled into view, the suspect last so it stays in
        sight) and highlight their spans and its evidence in the source."""
        result = self.result
        report = result.report if result else None
        if report is None:
            return
        cells = [c for c in dict.fromkeys((*finding.cells, finding.suspect)) if c and c in report.cells]
        if finding.suspect in cells:  # the suspect is current: its line is the one shown
            cells.remove(finding.suspect)
            cells.append(finding.suspect)
        if cells:
            table = cells[-1].split(".")[0]
            view, model = self.table_views[table], self.table_models[table]
            self.tabs.setCurrentWidget(view)
            selection = view.selectionModel()
            selection.clearSelection()
            indexes = [model.index_of(cid) for cid in cells if cid.startswith(table + ".")]
            chosen = QItemSelection()
            for index in indexes:
                chosen.select(index, index)
            selection.select(chosen, QItemSelectionModel.SelectionFlag.Select)  # one repaint, not one a cell
            # All of them in sight when the view is tall enough (a column's 总计 far below its
            # first rows), the suspect (current, last) in sight in any case.
            by_row = sorted(indexes, key=lambda i: (i.row(), i.column()))
            view.scrollTo(by_row[0], QAbstractItemView.ScrollHint.PositionAtTop)
            view.scrollTo(by_row[-1], QAbstractItemView.ScrollHint.EnsureVisible)
            current = model.index_of(cells[-1])
            selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.Select)
            view.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)
        # the source shows the first span: the suspect's line, else the finding's own evidence
        spans = [*(report.cells[c].span for c in reversed(cells)), *finding.spans]
        if not finding.suspect and finding.spans:
            spans = [*finding.spans, *(report.cells[c].span for c in cells)]
        if spans:
            self.source.show_spans(spans)

    def _cell_current(self, model: ReportTableModel, index: QModelIndex) -> None:
        cell_id = model.data(index, CELL_ID_ROLE)
        cell = model.report.cells.get(cell_id) if cell_id else None
        if cell is not None:
            self.source.show_spans([cell.span])

    def _source_clicked(self, line: int, column: int) -> None:
        """A click on a number in the source selects its cell."""
        report = self.result.report if self.result else None
        if report is None:
            return
        for cid, cell in report.cells.items():
            if cell.span.line == line and cell.span.start <= column <= max(cell.span.end, cell.span.start + 1):
                self.select_cell(cid)
                return


def _problems_by_table(findings: list[Finding]) -> dict[str, int]:
    """Errors and warnings per table, for the tabs: a finding counts in each table it touches."""
    counts: dict[str, int] = {}
    for f in findings:
        if f.severity is Severity.INFO:
            continue
        for table in {c.split(".")[0] for c in (*f.cells, f.suspect) if c}:
            counts[table] = counts.get(table, 0) + 1
    return counts


def _fit_rows(view: QTableView, model: ReportTableModel) -> None:
    """One line a row, two or three for the labels that wrap. Measured here from the labels
    alone: the header's ResizeToContents would ask every cell for its size, three times as
    many calls into Python, and showing a report would block the window for longer."""
    metrics = view.fontMetrics()
    line = metrics.height() + 8
    view.verticalHeader().setMinimumSectionSize(line)
    view.verticalHeader().setDefaultSectionSize(line)
    room = LABEL_WIDTH - 12  # the cell's text margins
    for row in range(model.rowCount()):
        label = model.index(row, 1).data()
        if label and metrics.horizontalAdvance(label) > room:
            wrapped = metrics.boundingRect(QRect(0, 0, room, 10 * line), Qt.TextFlag.TextWordWrap, label)
            view.setRowHeight(row, wrapped.height() + 8)
