"""The main window's batch view (issue 21): a tab beside the report with every report's figures.

The table is built (auditapp.figures, pandas, imported only then) when the tab is shown, and
again a moment after the batch changes while it is shown (results arriving, corrections,
reviews, the checks across reports): never for a tab nobody looks at. Double-clicking a figure
opens its report on the Report tab with that cell selected and its source line shown.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from .figures_pane import FiguresPane

REFRESH_MS = 300  # the batch changes in bursts while files arrive: one rebuild after each burst


class FiguresMixin(QMainWindow):
    """What MainWindow needs for the batch view; MainWindow provides batch, session, report_view."""

    def _center_tabs(self, report_side: QWidget) -> QTabWidget:
        """The Report tab (the report and its findings) and the Batch Figures tab."""
        self.center = QTabWidget()
        self.center.setDocumentMode(True)
        self.center.addTab(report_side, self.tr("Report"))
        self.figures = FiguresPane()
        self.center.addTab(self.figures, self.tr("Batch Figures"))
        self.center.setTabToolTip(1, self.tr("Every report's figures in one table, and the batch's sums (Ctrl+T)"))
        self.figures.open_requested.connect(self.open_figure)
        self._figures_stale = True
        self._figures_timer = QTimer(self)
        self._figures_timer.setSingleShot(True)
        self._figures_timer.setInterval(REFRESH_MS)
        self._figures_timer.timeout.connect(self._refresh_figures)
        self.center.currentChanged.connect(lambda _index: self._refresh_figures())
        # a report clicked in the list is one to read: its tab comes forward
        self.batch.view.clicked.connect(lambda _index: self.center.setCurrentIndex(0))
        model = self.batch.model
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._figures_changed)
        return self.center

    def show_figures(self) -> None:
        """View › Batch Figures: the tab, built now if the batch changed since it was last shown."""
        self.center.setCurrentWidget(self.figures)
        self.figures.view.setFocus()

    def _figures_changed(self, *_args) -> None:
        self._figures_stale = True
        if self.center.currentWidget() is self.figures:
            self._figures_timer.start()

    def _refresh_figures(self) -> None:
        if not self._figures_stale or self.center.currentWidget() is not self.figures:
            return
        self._figures_stale = False
        from ..figure_rows import pack_values
        from ..figures import figure_row, figures_table

        results = [r for r in self.results() if r is not None]
        # each report's values packed once: a correction or a new result is a new object, a review
        # changes only the counts; the reports gone are let go
        before = getattr(self, "_packed", {})
        self._packed = {
            id(r): kept if (kept := before.get(id(r))) is not None and kept[0] is r else (r, pack_values(r))
            for r in results
        }
        rows = [figure_row(r, self.session.reviews, self._packed[id(r)][1]) for r in results]
        hints = sum(f.rule == "batch.outlier" for r in results for f in r.findings)
        table = figures_table(rows, self.lang, self.batch.model.roots) if rows else None
        self.figures.show_table(table, hints)

    def open_figure(self, path: str, cell_id: str = "") -> bool:
        """Open the report of `path` on the Report tab, the cell `cell_id` (if any) selected."""
        row = self.batch.model.row_of(path)
        if row is None:
            return False
        self.center.setCurrentIndex(0)
        self.batch.select_row(row)
        shown = self.current is not None and self.current.report is not None
        if cell_id and shown and self.report_view.select_cell(cell_id):
            view = self.report_view.tabs.currentWidget()
            if view is not None:
                view.setFocus()  # the keys (F2 to correct it) go on to the cell
        return True
