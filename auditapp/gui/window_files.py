"""The main window's dialogs for files: opening, exporting the workbook, saving the review."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from ..api import Status
from ..ingest import report_suffixes
from ..inputs import names_an_input


class FilesMixin(QMainWindow):
    """What MainWindow does with files the inspector chooses; never writes a report file."""

    def save_session(self, path: str | None = None) -> str | None:
        """Save the review to a session file the inspector chooses; never onto an opened report."""
        if not path:
            start = self.session.path or os.path.join(self._folder(), self.tr("audit-review.json"))
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save Review"), start, self.tr("Review records (*.json)")
            )
            if not path:
                return None
        if self.batch.model.row_of(path) is not None or names_an_input(path, self.batch.model.paths()) is not None:
            QMessageBox.warning(
                self,
                self.tr("Cannot Save"),
                self.tr("{path} is a report that is open: choose another file").format(path=path),
            )
            return None
        return self.session.save(path)

    def load_session(self, path: str) -> None:
        self.session.load(path)

    # ---- exporting ---------------------------------------------------------------------------

    def _folder(self) -> str:
        """Where dialogs start: the folder last opened, else the home folder (never the working directory)."""
        roots = self.batch.model.roots
        return roots[-1] if roots else os.path.expanduser("~")

    def export(self, all_reports: bool) -> str | None:
        """Write the audit workbook for this report or all of them; returns the path written."""
        from ..export.workbook import ExportError, write_workbook

        results = [r for r in self.results() if r is not None and (r.report is not None or r.status is Status.FAILED)]
        chosen = results if all_reports else ([self.current] if self.current is not None else [])
        if not chosen:
            QMessageBox.information(self, self.tr("Export"), self.tr("There are no audit results to export yet."))
            return None
        if len(chosen) == 1:
            suggested = os.path.splitext(chosen[0].path)[0] + self.tr("-audit.xlsx")
        else:
            suggested = os.path.join(self._folder(), self.tr("audit-results.xlsx"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Audit Workbook"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        from ..memlimit import default_limit_mb
        from ..watchdog import memory_limit

        limit = default_limit_mb()
        try:
            with memory_limit(limit):  # the audits' ceiling, for the export too
                write_workbook(
                    chosen,
                    path,
                    reviews=self.session.reviews,
                    corrections=self.session.data.corrections,
                    lang=self.lang,
                    roots=self.batch.model.roots,
                    pack=self.scoring.pack if all_reports else None,  # scores and ranks are the batch's
                    bodies=self.scoring.bodies if all_reports else None,
                )
        except ExportError as e:
            QMessageBox.warning(self, self.tr("Cannot Export"), e.message)
            return None
        except MemoryError:
            message = self.tr(
                "Writing the workbook went past the memory limit ({limit} MB): nothing was written, and any "
                "earlier file is unchanged. Export fewer reports at a time."
            )
            QMessageBox.warning(self, self.tr("Cannot Export"), message.format(limit=limit))
            return None
        self.statusBar().showMessage(self.tr("Audit workbook written to {path}").format(path=path), 8000)
        return path

    # ---- opening -----------------------------------------------------------------------------

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open Reports"),
            self._folder(),
            self.tr("Reports ({patterns});;All files (*)").format(
                patterns=" ".join(f"*{s}" for s in report_suffixes())
            ),
        )
        if paths:
            self.open_paths(paths)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open Folder"), self._folder())
        if folder:
            self.open_paths([folder])

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_paths(paths)
            event.acceptProposedAction()
