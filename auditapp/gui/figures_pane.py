"""The batch view: every report's figures in one sortable table (auditapp.figures), the batch's sums
below. Double-click a cell (or press Enter on it) to open that report on that cell.

The pane owns no results: the window gives it a FigureTable (`show_table`) and opens the report
the pane asks for (`open_requested(path, cell id or "")`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from .figures_model import CELL_ROLE, PATH_ROLE, FiguresModel, FiguresProxy

if TYPE_CHECKING:
    from ..figures import FigureTable

_WIDTHS = {"file": 190, "agency": 150, "year": 50, "template": 50, "verdict": 70}


class FiguresPane(QWidget):
    open_requested = Signal(str, str)  # (report path, cell id or "")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FiguresModel(self)
        self.proxy = FiguresProxy(self)
        self.proxy.setSourceModel(self.model)
        self.hint = QLabel(
            self.tr(
                "The figures of every report open, one row each. Click a header to sort; double-click a "
                "figure (or press Enter) to open that report on that cell. Coloured: cells with findings; "
                "blank: not filled in or not found (not 0)."
            )
        )
        self.hint.setWordWrap(True)
        self.view = view = QTableView()
        view.setModel(self.proxy)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the order of opening, at first
        view.setSortingEnabled(True)
        view.verticalHeader().setMaximumWidth(220)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setDefaultSectionSize(22)
        header = view.horizontalHeader()
        header.setDefaultSectionSize(84)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        view.activated.connect(self._activated)  # double-click, or Enter
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)

    def show_table(self, table: FigureTable | None, hints: int = 0) -> None:
        """Show the batch's table (the sort chosen is kept) and its sums below."""
        column, order = self.proxy.sortColumn(), self.proxy.sortOrder()
        self.model.set_table(table)
        for k, c in enumerate(self.model.columns):
            if c in _WIDTHS:
                self.view.setColumnWidth(k, _WIDTHS[c])
        if column >= 0:
            self.proxy.sort(column, order)
        self.totals.setText(self._totals(table, hints) if table is not None else "")

    def _totals(self, table: FigureTable, hints: int) -> str:
        figures = " · ".join(f"{label} {text}" for label, text in table.key_totals())
        line = self.tr("{total}: {figures}").format(total=table.totals()["file"], figures=figures)
        if hints:
            line += "\n" + self.tr("{count} figures far from the rest of the batch (hints)").format(count=hints)
        return line

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(PATH_ROLE), index.data(CELL_ROLE) or "")
