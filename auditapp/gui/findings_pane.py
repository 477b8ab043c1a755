"""The findings pane: a report's findings in a list, the selected one whole beside it, the inspector's
review of it (confirm, dismiss, comment) and its rule's entry (Rule…) as actions with shortcuts.

The list elides long messages; the decisive end of one ("…改为 89 可使…") is in the detail pane. Review
decisions go into the window's live reviews dict, then `review_changed` tells the window to autosave and refresh.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..api import AuditResult, Status
from ..review import Review, finding_key
from ..rules import Finding, Severity
from ..verdict import count
from .finding_detail import describe, html_text
from .help import show_rule
from .i18n import severity_name
from .models import FINDING_ROLE, SEVERITY_ROLE, FindingsModel

_RANK = {severity.value: rank for rank, severity in enumerate(Severity)}  # errors first


COMPARED = "cross.copied_last_year"  # the rule whose findings offer the side-by-side view


class FindingsList(QTableView):
    """The findings list; empty, it says why in its middle."""

    # A press on the row already current: the window shows the finding's cells again (the
    # inspector may have clicked elsewhere since), though the current row did not change.
    reselected = Signal()

    placeholder = ""

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(self.viewport().rect().adjusted(8, 4, -8, -4), flags, self.placeholder)
            painter.end()

    def mousePressEvent(self, event) -> None:
        before = self.currentIndex().row()
        super().mousePressEvent(event)
        current = self.currentIndex()
        if current.isValid() and current.row() == before and self.indexAt(event.position().toPoint()).isValid():
            self.reselected.emit()


class FindingsProxy(QSortFilterProxyModel):
    """Filters on the severity; sorts the severity column by rank (errors first), not by its name."""

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        if left.column() == 0:
            return _RANK.get(left.data(SEVERITY_ROLE), 9) < _RANK.get(right.data(SEVERITY_ROLE), 9)
        return super().lessThan(left, right)


class FindingsPane(QWidget):
    """`lang` ("zh" | "en") is the language of the findings' messages and rule titles."""

    finding_selected = Signal(object)  # the Finding: on a click, a move in the list, step() and select*()
    review_changed = Signal()  # after confirm, dismiss or comment changed `reviews`
    compare_requested = Signal(object)  # the Finding (cross.copied_last_year) to show beside last year's report

    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.result: AuditResult | None = None
        self.reviews: dict = {}
        self._shown: Finding | None = None  # the finding the detail pane shows
        self._emitted = 0  # finding_selected emissions, so an explicit select emits exactly once

        self.view = FindingsList()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.model = FindingsModel(lang=lang)
        self.proxy = FindingsProxy(self)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(SEVERITY_ROLE)  # not the shown name, which is the language's
        self.proxy.setSourceModel(self.model)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the core's order (errors first) until asked
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.reselected.connect(self._reselected)

        self.severity_filter = QComboBox()
        self.severity_filter.addItem(self.tr("All"), "")
        for severity in Severity:
            self.severity_filter.addItem(severity_name(severity), severity.value)
        self.severity_filter.currentIndexChanged.connect(self._filter)
        self.counts = QLabel()
        # The counts may be cut short in a narrow window rather than hold the window wide.
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel(self.tr("Findings:")))
        bar.addWidget(self.severity_filter)
        bar.addWidget(self.counts, 1)

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        # Paragraphs close together: the pane is a few lines high in a 1366×768 window.
        self.detail.document().setDefaultStyleSheet("p { margin-top: 0; margin-bottom: 4px; }")
        self.detail.setPlaceholderText(self.tr("Select a finding to read it whole here."))

        self._make_actions()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 2, 0, 0)
        self.confirm_button = self._button(self.confirm_action)
        self.dismiss_button = self._button(self.dismiss_action)
        self.comment_button = self._button(self.comment_action)
        self.rule_button = self._button(self.rule_action)  # the finding's catalogue entry
        # shown for a narrative copied from last year only: the two reports side by side
        self.compare_button = self._button(self.compare_action)
        self.compare_button.hide()
        for button in (
            self.confirm_button,
            self.dismiss_button,
            self.comment_button,
            self.rule_button,
            self.compare_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.setSpacing(0)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addLayout(buttons)

        # Side by side: the pane is short in a 1366×768 window, and a message reads better wide
        # than cut into three lines under the list. The window may turn it (splitter.setOrientation).
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.show_result(None, {})

    # ---- actions -------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        # Ctrl+1/2/3: free in the window (Ctrl+O, Ctrl+Shift+O, Ctrl+S, Ctrl+E, Ctrl+F, Ctrl+Q, Ctrl+Z, Ctrl+Y)
        # and in the text widgets, where Ctrl+Return or Ctrl+D could mean something else.
        made = []
        for text, key, tip, slot in (
            (self.tr("Confirm"), "Ctrl+1", self.tr("Confirm the selected finding"), self.confirm),
            (
                self.tr("Dismiss"),
                "Ctrl+2",
                self.tr("Dismiss the selected finding: it counts for nothing"),
                self.dismiss,
            ),
            (self.tr("Comment…"), "Ctrl+3", self.tr("Write a comment on the selected finding"), self.comment),
            (self.tr("Next Finding"), "F8", self.tr("Go to the next finding"), lambda: self.step(1)),
            (self.tr("Previous Finding"), "Shift+F8", self.tr("Go to the previous finding"), lambda: self.step(-1)),
            (self.tr("Rule…"), "Shift+F1", self.tr("What the rule checks, and its basis"), self.explain),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(self.tr("{tip} ({shortcut})").format(tip=tip, shortcut=shortcut))
            action.triggered.connect(lambda _checked=False, slot=slot: slot())  # never `checked` into a slot
            self.addAction(action)  # its shortcut works in the window even when no menu holds it
            made.append(action)
        self.confirm_action, self.dismiss_action, self.comment_action, self.next_action, self.previous_action = made[:5]
        self.rule_action = made[5]
        self.compare_action = QAction(self.tr("Compare with Last Year…"), self)
        self.compare_action.setToolTip(
            self.tr("Show this report beside last year's, the repeated passages highlighted")
        )
        self.compare_action.triggered.connect(self._compare)

    @staticmethod
    def _button(action: QAction) -> QPushButton:
        button = QPushButton(action.text())
        button.setToolTip(action.toolTip())
        button.setEnabled(action.isEnabled())
        button.clicked.connect(lambda _checked=False: action.trigger())
        action.enabledChanged.connect(button.setEnabled)
        return button

    # ---- showing a result ------------------------------------------------------------------------

    def show_result(self, result: AuditResult | None, reviews: dict) -> None:
        """Show a file's findings; `reviews` is the window's live {(abspath, finding key): Review}.

        The same file shown again (its findings across reports arrived) keeps the finding selected,
        without saying so again."""
        current = self.current_finding()
        keep = finding_key(current) if current is not None and self._same_file(result) else None
        self.result, self.reviews = result, reviews
        self._shown = None
        self.model = FindingsModel(result, reviews, lang=self.lang)
        self.proxy.setSourceModel(self.model)
        rows = [self.proxy.index(row, 0).data(FINDING_ROLE) for row in range(self.proxy.rowCount())]
        row = next((k for k, f in enumerate(rows) if keep is not None and finding_key(f) == keep), None)
        if row is not None:
            self._shown = rows[row]  # the same finding: no finding_selected
            self.view.setCurrentIndex(self.proxy.index(row, 0))
        header = self.view.horizontalHeader()
        for column in range(FindingsModel.COLUMNS):  # the message takes the room the others leave
            mode = QHeaderView.ResizeMode.Stretch if column == 2 else QHeaderView.ResizeMode.ResizeToContents
            if column == 5:  # the comment is read whole beside the list: a short start of it is enough
                mode = QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
        header.resizeSection(5, self.view.fontMetrics().horizontalAdvance("审核人员的意见") + 12)
        self._update_counts()
        self._say_why_empty()
        self._show_detail(self._shown)

    def _same_file(self, result: AuditResult | None) -> bool:
        return result is not None and self.result is not None and result.path == self.result.path

    def _audited(self) -> bool:
        # A file read but holding no table has a report with no cells: not a clean report either.
        result = self.result
        return result is not None and result.report is not None and result.status is not Status.FAILED

    def _update_counts(self) -> None:
        result = self.result
        if result is None:
            self.counts.setText("")
        elif not self._audited():  # zero counts would read as a clean report
            self.counts.setText(self.tr("Not audited"))
        else:
            counts = count(result, self.reviews)
            text = self.tr("Errors {errors}   Warnings {warnings}   Info {info}").format(
                errors=counts.errors, warnings=counts.warnings, info=counts.info
            )
            if counts.dismissed:
                text += self.tr("   Dismissed {dismissed}").format(dismissed=counts.dismissed)
            self.counts.setText(text)

    def _say_why_empty(self) -> None:
        """What the list says when it shows no finding."""
        result = self.result
        if result is None:
            text = ""
        elif not self._audited():
            text = self.tr("Not audited: the file could not be read.") if result.error else self.tr("Not audited yet.")
        elif not result.findings:
            text = self.tr("No findings: every check passed.")
        else:
            text = self.tr("No findings of this severity.")
        self.view.placeholder = text
        self.view.viewport().update()

    def _filter(self, _index: int = 0) -> None:
        severity = self.severity_filter.currentData() or ""
        self.proxy.setFilterRegularExpression(f"^{severity}$" if severity else "")
        self._say_why_empty()
        self._show_detail(self.current_finding())

    # ---- selection -------------------------------------------------------------------------------

    def current_finding(self) -> Finding | None:
        index = self.view.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        finding = current.data(FINDING_ROLE) if current.isValid() else None
        changed = finding is not self._shown  # a re-sort moves the row, not the finding
        self._show_detail(finding)
        if changed and finding is not None:
            self._emit(finding)

    def _reselected(self) -> None:
        if (finding := self.current_finding()) is not None:
            self._emit(finding)

    def _emit(self, finding: Finding) -> None:
        self._emitted += 1
        self.finding_selected.emit(finding)

    def _go(self, row: int) -> Finding | None:
        """Make a row of the list current and say so, once, even when it already was."""
        index = self.proxy.index(row, 0)
        if not index.isValid():
            return None
        before = self._emitted
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        finding = self.current_finding()
        if finding is not None and self._emitted == before:
            self._emit(finding)
        return finding

    def select(self, finding: Finding) -> bool:
        """Select a finding shown in the list; False when the list (or its filter) does not hold it."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(FINDING_ROLE) == finding:
                self._go(row)
                return True
        return False

    def select_first(self, severity: Severity = Severity.ERROR) -> Finding | None:
        """Select the first finding of `severity` the list shows, else of the next milder severity,
        else its first row: the first error, else the first warning, else the first finding."""
        order = list(Severity)
        rows = [self.proxy.index(row, 0).data(SEVERITY_ROLE) for row in range(self.proxy.rowCount())]
        for wanted in order[order.index(severity) :]:
            if wanted.value in rows:
                return self._go(rows.index(wanted.value))
        return self._go(0) if rows else None

    def step(self, delta: int) -> Finding | None:
        """F8 / Shift+F8: the next (previous) finding of the list, wrapping round."""
        rows = self.proxy.rowCount()
        if not rows:
            return None
        current = self.view.currentIndex().row()
        return self._go((current + delta) % rows if current >= 0 else (0 if delta > 0 else rows - 1))

    # ---- review ----------------------------------------------------------------------------------

    def _review(self, change) -> None:
        index = self.view.currentIndex()
        finding = self.current_finding()
        if finding is None or self.result is None:
            return
        old = self.model.review(finding)
        new = change(old)
        if new == old:
            return
        self.model.set_review(self.proxy.mapToSource(index).row(), new)
        self._update_counts()
        self._show_detail(finding)
        self.review_changed.emit()

    def confirm(self) -> None:
        self._review(lambda r: Review("confirmed", r.comment))

    def dismiss(self) -> None:
        self._review(lambda r: Review("dismissed", r.comment))

    def comment(self) -> None:
        """Ask for the comment in a dialog holding the old one; Cancel changes nothing."""
        finding = self.current_finding()
        if finding is None or self.result is None:
            return
        old = self.model.review(finding).comment
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Review Comment"), self.tr("Comment on this finding:"), old
        )
        if ok:
            self._review(lambda r: Review(r.state, text.strip()))

    def explain(self):  # the shown finding's rule as `auditapp rules --markdown` has it, in a window
        return show_rule(self, self._shown.rule, self.lang) if self._shown is not None else None

    def _compare(self) -> None:
        if self._shown is not None and self._shown.rule == COMPARED:
            self.compare_requested.emit(self._shown)

    # ---- the detail pane -------------------------------------------------------------------------

    def _show_detail(self, finding: Finding | None) -> None:
        self._shown = finding
        for action in (self.confirm_action, self.dismiss_action, self.comment_action, self.rule_action):
            action.setEnabled(finding is not None)
        compared = finding is not None and finding.rule == COMPARED
        self.compare_action.setEnabled(compared)
        self.compare_button.setVisible(compared)
        result = self.result
        if finding is None or result is None:
            if result is not None and not self._audited():  # the reason, whole: not "all checks passed"
                reason = result.error or self.tr("The file has not been audited yet.")
                title = self.tr("Not audited")
                self.detail.setHtml(f"<p><b>{html.escape(title)}</b></p><p>{html_text(reason)}</p>")
            else:
                self.detail.clear()
            return
        self.detail.setHtml(self.describe(finding))

    def describe(self, f: Finding) -> str:
        assert self.result is not None
        return describe(f, self.result, self.model.review(f), self.lang)
