"""This year's report beside last year's, the passages they share highlighted on both sides: what
a finding of cross.copied_last_year rests on, to read rather than take on trust.

The passages are found again from the two reports (auditapp.rules.crosslast.sentences, as the
check found them): every sentence that counts and stands in both texts is highlighted where it
stands, over as many lines as a PDF wrapped it. The two texts are the files' own lines, tables
included, so that a line number means what it means everywhere else in the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..report import Report
from ..rules import crosslast
from ..source import Span

HIGHLIGHT = QColor("#ffe08a")


def shared_spans(this: Report, last: Report) -> tuple[list[Span], list[Span], float]:
    """The spans of the sentences both reports hold, on each side; and this year's share repeated."""
    mine, theirs = list(crosslast.sentences(this)), list(crosslast.sentences(last))
    common = {s.key for s in mine} & {s.key for s in theirs}
    share = crosslast.repeated(mine, theirs).share
    return (
        [span for s in mine if s.key in common for span in s.spans],
        [span for s in theirs if s.key in common for span in s.spans],
        share,
    )


class _Side(QWidget):
    """One report's text, read-only, its shared passages highlighted."""

    def __init__(self, title: str, report: Report, spans: list[Span], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setPlainText("\n".join(report.source.lines))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        self._highlight(spans)

    def _highlight(self, spans: list[Span]) -> None:
        document = self.text.document()
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        selections = []
        for span in spans:
            block = document.findBlockByNumber(span.line - 1)
            if not block.isValid():
                continue
            end = min(span.end, block.length() - 1)
            if span.start >= end:
                continue
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + span.start)
            cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.text.setExtraSelections(selections)
        if selections:  # the first shared passage in view
            first = QTextCursor(selections[0].cursor)  # type: ignore[attr-defined]
            first.clearSelection()
            self.text.setTextCursor(first)
            self.text.centerCursor()

    def highlighted(self) -> list[str]:
        """The highlighted passages' text, in order."""
        return [s.cursor.selectedText() for s in self.text.extraSelections()]  # type: ignore[attr-defined]


class CompareView(QDialog):
    """This year's report (left) and last year's (right), the passages they share highlighted."""

    def __init__(self, this: Report, last: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compared with Last Year"))
        self.setObjectName("compare_view")
        mine, theirs, share = shared_spans(this, last)
        said = self.tr("{share} of this year's narrative repeats last year's; the repeated passages are highlighted.")
        self.summary = QLabel(said.format(share=f"{share:.0%}"))
        self.summary.setWordWrap(True)
        title = self.tr("{year}: {file}")
        self.this_side = _Side(title.format(year=this.meta.year or "?", file=this.source.path), this, mine)
        self.last_side = _Side(title.format(year=last.meta.year or "?", file=last.source.path), last, theirs)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.this_side)
        splitter.addWidget(self.last_side)
        splitter.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1100, 700)
