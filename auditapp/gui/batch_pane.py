"""The window's list of opened reports: the totals by verdict as filter buttons, a search box,
and the sortable table of the files (auditapp/gui/batch_model.py holds its model and proxy).

The pane owns no results: the window adds the files to the model, fills in their results, and
removes rows when the pane asks (`remove_requested`). The pane speaks in the model's rows
(source rows) throughout: the view's sorted and filtered order stays its own business.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from ..verdict import ORDER, Verdict, totals_line, verdict_name
from .batch_model import AGENCY, ERRORS, FORMAT, NAME, VERDICT, WARNINGS, YEAR, BatchModel, BatchProxy

# Hidden at first, the pane being a narrow column: verdict, name and the counts must show.
HIDDEN_COLUMNS = (AGENCY, YEAR, FORMAT)


class _FlowLayout(QLayout):
    """Widgets left to right, wrapping onto the next line: the totals fit a narrow pane."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            if isinstance(item, QWidgetItem) and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class BatchPane(QWidget):
    """Totals and verdict filters, search box, and the table of reports.

    Signals: `current_changed(row)`, the model's row of the report now current (-1 for none),
    also when the same report's row number shifts after rows above it were removed;
    `remove_requested(rows)`, the model's rows the user asked to take out of the list (the
    Delete key, or the context menu), for the window to drop its data and call model.remove.
    """

    current_changed = Signal(int)
    remove_requested = Signal(list)

    def __init__(self, model: BatchModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = BatchProxy(self)
        self.proxy.setSourceModel(model)
        self._last = -1  # the row last announced by current_changed
        self._quiet = False  # while filtering: current_changed waits for the next turn of the event loop

        self.head = QLabel()  # "共 300 份："
        self.all_button = self._button(self.tr("All"))
        self.all_button.setToolTip(self.tr("Show every report"))
        self.all_button.clicked.connect(lambda: self.set_filter(()))
        self.buttons: dict[Verdict, QToolButton] = {}
        flow = _FlowLayout()
        flow.addWidget(self.all_button)
        flow.addWidget(self.head)
        for v in ORDER:
            button = self._button(verdict_name(v, model.lang))
            button.setToolTip(
                self.tr("Show the reports of this verdict (several can be chosen); click again to leave them out")
            )
            button.clicked.connect(lambda _=False, v=v: self._toggle(v))
            self.buttons[v] = button
            flow.addWidget(button)
        self.waiting = QLabel()  # "审核中 12 · 已取消 3", while files are under way
        flow.addWidget(self.waiting)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter by file name or agency"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)

        self.view = view = QTableView()
        view.setModel(self.proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "000_5765…c3367.txt": both ends of a name tell
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        rows = view.verticalHeader()  # uniform heights: no row asks for its size
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 6)
        header = view.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click goes back to the opening order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        self._size_columns()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for column in HIDDEN_COLUMNS:
            view.setColumnHidden(column, True)

        self.remove_action = QAction(self.tr("Remove from List"), view)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self._remove_current)
        view.addAction(self.remove_action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        self.menu: QMenu | None = None  # the context menu last shown (popped up, never exec'd)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(flow)
        layout.addWidget(self.search)
        layout.addWidget(view, 1)

        view.selectionModel().currentChanged.connect(self._current)
        model.totals_changed.connect(self._update_totals)
        model.rowsRemoved.connect(self._announce)
        self.proxy.layoutChanged.connect(self._announce)
        self._update_totals()

    # ---- the window's API ---------------------------------------------------------------------

    def current_row(self) -> int:
        """The model's row of the current report, -1 for none."""
        return self.proxy.mapToSource(self.view.currentIndex()).row()

    def select_row(self, source_row: int) -> None:
        """Make the model's row current; if the filters hide it, clear them first."""
        if not 0 <= source_row < self.model.rowCount():
            self.view.setCurrentIndex(QModelIndex())
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, NAME))
        if not index.isValid():
            self.search.clear()
            self.set_filter(())
            index = self.proxy.mapFromSource(self.model.index(source_row, NAME))
        self._select(index)

    def step(self, delta: int) -> int:
        """Go `delta` reports down (up, negative) the list as shown; the model's row now current
        (it stays put at either end). With none current, the first (last) report."""
        count = self.proxy.rowCount()
        if not count:
            return -1
        at = self.view.currentIndex().row()  # -1 for none
        target = min(max(at + delta, 0), count - 1) if at >= 0 else (0 if delta >= 0 else count - 1)
        self._select(self.proxy.index(target, NAME))
        return self.current_row()

    def set_filter(self, verdicts: Iterable[Verdict]) -> None:
        """Show only the reports of these verdicts (none: all)."""
        chosen = frozenset(verdicts)
        with self._announcing_later():
            self.proxy.set_verdicts(chosen)
        for v, button in self.buttons.items():
            button.setChecked(v in chosen)
        self.all_button.setChecked(not chosen)

    def totals_text(self) -> str:
        """The totals line as the core words it ("共 300 份：有错误 19 · 有警告 41")."""
        return totals_line(self.model.totals(), self.model.lang)

    # ---- inside --------------------------------------------------------------------------------

    def _button(self, text: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setCheckable(True)
        button.setAutoRaise(True)
        return button

    def _toggle(self, v: Verdict) -> None:
        chosen = set(self.proxy.verdicts())
        chosen.symmetric_difference_update({v})
        self.set_filter(chosen)

    def _search(self, text: str) -> None:
        with self._announcing_later():
            self.proxy.set_search(text)

    @contextlib.contextmanager
    def _announcing_later(self):
        """Filter, keep a current report, and say which in the next turn of the event loop: the
        list's filtering and the window's showing of another report then do not add up to one
        long block (at 1,000 reports, 35 ms and 50 ms)."""
        self._quiet = True
        try:
            yield
            self._keep_current()
        finally:
            self._quiet = False
        QTimer.singleShot(0, self._announce)

    def _update_totals(self) -> None:
        totals = self.model.totals()
        lang = self.model.lang
        line = totals_line(totals, lang)
        separator = ": " if lang == "en" else "："
        head, _, _ = line.partition(separator)
        self.head.setText(head + (separator.strip() if totals else ""))
        self.head.setToolTip(line)
        for v, button in self.buttons.items():
            button.setText(f"{verdict_name(v, lang)} {totals[v]}")
            button.setVisible(bool(totals[v]))
        gone = {v for v in self.proxy.verdicts() if not totals[v]}
        if gone:  # a filter whose button is gone could never be cleared by clicking it
            self.set_filter(self.proxy.verdicts() - gone)
        under_way = []
        if self.model.pending():
            under_way.append(self.tr("Auditing {count}").format(count=self.model.pending()))
        if self.model.cancelled():
            under_way.append(self.tr("Cancelled {count}").format(count=self.model.cancelled()))
        self.waiting.setText(" · ".join(under_way))
        self.waiting.setVisible(bool(under_way))
        self.all_button.setChecked(not self.proxy.verdicts())

    def _size_columns(self) -> None:
        """Widths from the texts, never from the rows (thousands of data() calls)."""
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        pad = 14  # the cell's margins (a sort arrow may elide a title: it is in the tooltip)
        for column in range(self.model.columnCount()):
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = metrics.horizontalAdvance(title) + pad
            if column == VERDICT:
                names = [verdict_name(v, self.model.lang) for v in ORDER]
                names += [self.model.auditing_text, self.model.cancelled_text]
                width = max(width, max(metrics.horizontalAdvance(n) for n in names) + 18 + pad)  # + the icon
            elif column in (ERRORS, WARNINGS, YEAR):
                width = max(width, metrics.horizontalAdvance("0000") + pad)
            elif column == AGENCY:
                width = metrics.horizontalAdvance("杭州市钱塘区人民政府") + pad
            mode = QHeaderView.ResizeMode.Stretch if column == NAME else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
            if column != NAME:
                header.resizeSection(column, width)
        header.setMinimumSectionSize(metrics.horizontalAdvance("000") + 12)

    def _header_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            action = menu.addAction(self.model.headerData(column, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.setEnabled(column not in (VERDICT, NAME))
            action.toggled.connect(lambda on, c=column: self.view.setColumnHidden(c, not on))
        self.menu = menu
        menu.popup(self.view.horizontalHeader().mapToGlobal(pos))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self._select(index)
        menu = QMenu(self)
        menu.addAction(self.remove_action)
        self.menu = menu
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _remove_current(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.remove_requested.emit([row])

    def _select(self, index: QModelIndex) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        if index.isValid():
            self.view.scrollTo(index)

    def _keep_current(self) -> None:
        """After the filters changed: the current report if it still shows, else the first one."""
        current = self.view.currentIndex()
        if current.isValid():
            self.view.scrollTo(current)
            self._select(current)  # Qt may have moved the current row without selecting it
        elif self.proxy.rowCount():
            self._select(self.proxy.index(0, NAME))
        self._announce()

    def _current(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._announce()

    def _announce(self, *_args) -> None:
        if self._quiet:
            return
        row = self.current_row()
        if row != self._last:
            self._last = row
            self.current_changed.emit(row)
