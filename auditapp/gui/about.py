"""Help › About: the version, the Python and Qt it runs on, the bundled libraries with their
licences (auditapp.licences), and auditapp's own licence."""

from __future__ import annotations

import html

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..licences import PROJECT_LICENCE, PROJECT_LICENCE_TEXT, Library, bundled, python_library

QT_LICENCE = "LGPL-3.0-only"  # the Qt libraries inside the PySide6 wheels


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About auditapp"))
        self.resize(640, 520)
        purpose = self.tr("Audits the tables of government information-disclosure annual reports.")
        heading = QLabel(f"<h2>auditapp {html.escape(__version__)}</h2><p>{html.escape(purpose)}</p>")
        heading.setWordWrap(True)
        self.versions = QLabel(
            self.tr("Version {version}; Python {python}, Qt {qt}, PySide6 {pyside}").format(
                version=__version__, python=python_library().version, qt=qVersion(), pyside=pyside_version
            )
        )
        self.versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.libraries = QTableWidget(0, 3)
        self.libraries.setHorizontalHeaderLabels([self.tr("Library"), self.tr("Version"), self.tr("Licence")])
        self.libraries.verticalHeader().hide()
        self.libraries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.libraries.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.libraries.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.libraries.horizontalHeader().setStretchLastSection(True)
        rows = [Library("Qt", qVersion(), QT_LICENCE), python_library(), *bundled()]
        self.libraries.setRowCount(len(rows))
        for row, library in enumerate(rows):
            licence = library.licence or self.tr("not stated")
            for column, text in enumerate((library.name, library.version, licence)):
                self.libraries.setItem(row, column, QTableWidgetItem(text))
        self.libraries.resizeRowsToContents()
        used = QWidget()
        used_layout = QVBoxLayout(used)
        used_layout.addWidget(QLabel(self.tr("The program includes these libraries, each under its own licence:")))
        used_layout.addWidget(self.libraries)

        self.licence = QPlainTextEdit(PROJECT_LICENCE_TEXT)
        self.licence.setReadOnly(True)
        own = QWidget()
        own_layout = QVBoxLayout(own)
        terms = self.tr("auditapp is free software under the {licence} licence:").format(licence=PROJECT_LICENCE)
        own_layout.addWidget(QLabel(terms))
        own_layout.addWidget(self.licence)

        self.tabs = QTabWidget()
        self.tabs.addTab(used, self.tr("Libraries"))
        self.tabs.addTab(own, self.tr("Licence"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.versions)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def library_rows(self) -> list[tuple[str, str, str]]:
        """(name, version, licence) as the table shows them."""
        table = self.libraries
        return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]  # type: ignore[misc]
