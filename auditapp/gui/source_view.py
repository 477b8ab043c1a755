"""The source text, read-only, with line numbers, and the spans of selected cells highlighted."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from ..source import Span

_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans Mono CJK SC",
    "Microsoft YaHei",
    "SimSun",
    "PingFang SC",
    "WenQuanYi Zen Hei",
)


class _Gutter(QWidget):
    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self) -> QSize:
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, event) -> None:
        self.view.paint_gutter(event)


PIECE = 1_000  # code points: a longer line is shown in pieces of this length (see setPlainText)


class SourceView(QPlainTextEdit):
    """The source, one block per line; a line longer than PIECE is shown as several blocks (Qt lays
    a block out in time growing with the square of its length: 600,000 digits on one line froze
    the window for 51 s). Only its first piece is numbered; spans and clicks are mapped through."""

    clicked_at = Signal(int, int)  # (1-based line, column as the core counts it) of a click

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        cursor = self.cursorForPosition(event.position().toPoint())
        block = cursor.block()
        line, offset = self._line_of(block.blockNumber())
        self.clicked_at.emit(line, offset + _code_points(block.text(), cursor.positionInBlock()))

    def setPlainText(self, text: str) -> None:
        self._first_block: list[int] | None = None  # per line, its first block; None: one block a line
        self._block_line: list[int] = []  # per block, its 0-based line (only when pieces exist)
        lines = text.split("\n")
        if all(len(line) <= PIECE for line in lines):
            super().setPlainText(text)
            return
        first: list[int] = []
        pieces: list[str] = []
        for number, line in enumerate(lines):
            first.append(len(pieces))
            chunks = [line[k : k + PIECE] for k in range(0, len(line), PIECE)] or [""]
            pieces += chunks
            self._block_line += [number] * len(chunks)
        self._first_block = first
        super().setPlainText("\n".join(pieces))

    def _line_of(self, block: int) -> tuple[int, int]:
        """A block's (1-based line, code point offset of the block in that line)."""
        if not getattr(self, "_first_block", None):
            return block + 1, 0
        line = self._block_line[block] if block < len(self._block_line) else block
        return line + 1, (block - self._first_block[line]) * PIECE

    def _block_of(self, line: int, offset: int = 0) -> tuple[int, int]:
        """Where a (1-based line, code point offset) is shown: (block number, offset in the block)."""
        first = getattr(self, "_first_block", None)
        if not first or not 1 <= line <= len(first):
            return line - 1, offset
        last = len(self._block_line) - 1 if line == len(first) else first[line] - 1
        block = min(first[line - 1] + offset // PIECE, last)
        return block, offset - (block - first[line - 1]) * PIECE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first_block: list[int] | None = None
        self._block_line: list[int] = []
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        families = set(QFontDatabase.families())
        font = QFont(next((f for f in _CJK_FONTS if f in families), self.font().family()))
        font.setPointSize(10)
        self.setFont(font)
        self._gutter = _Gutter(self)
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._update_gutter)
        self._update_margin()

    # ---- line numbers (the Qt "code editor" pattern) ------------------------------------------

    def gutter_width(self) -> int:
        digits = len(str(max(1, self._line_of(max(0, self.blockCount() - 1))[0])))
        return 10 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        r = self.contentsRect()
        self._gutter.setGeometry(QRect(r.left(), r.top(), self.gutter_width(), r.height()))

    def paint_gutter(self, event) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), QColor("#F3F3F3"))
        painter.setPen(QColor("#888888"))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            line, offset = self._line_of(block.blockNumber())
            # a piece after a line's first is not numbered
            if block.isVisible() and bottom >= event.rect().top() and offset == 0:
                painter.drawText(
                    0, top, self._gutter.width() - 4, self.fontMetrics().height(),
                    Qt.AlignmentFlag.AlignRight, str(line),
                )  # fmt: skip
            block = block.next()
            top = bottom

    # ---- showing spans ------------------------------------------------------------------------

    def current_line(self) -> int:
        """The 1-based line the cursor stands on."""
        return self._line_of(self.textCursor().blockNumber())[0]

    def show_spans(self, spans: Iterable[Span], color: str = "#FFD966") -> None:
        """Highlight the spans and put the cursor on the first of them, scrolled into view."""
        selections = []
        first = None
        for span in spans:
            cursor = self._cursor(span)
            if cursor is None:
                continue
            first = first or cursor
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(color))
            sel.format, sel.cursor = fmt, cursor
            selections.append(sel)
            line = QTextEdit.ExtraSelection()
            line_fmt = QTextCharFormat()
            line_fmt.setBackground(QColor("#EEF4FB"))
            line_fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
            line.format, line.cursor = line_fmt, self._cursor(Span(span.line, 0, 0)) or cursor
            selections.insert(0, line)
        self.setExtraSelections(selections)
        if first is not None:
            cursor = QTextCursor(first)
            cursor.setPosition(first.selectionStart())
            self.setTextCursor(cursor)
            self.centerCursor()

    def _cursor(self, span: Span) -> QTextCursor | None:
        number, start = self._block_of(span.line, span.start)
        block = self.document().findBlockByNumber(number)
        if not block.isValid():
            return None
        end_number, end = self._block_of(span.line, span.end)
        end_block = self.document().findBlockByNumber(end_number)
        if not end_block.isValid():
            end_block, end = block, span.end - span.start + start
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + _utf16(block.text(), start))
        cursor.setPosition(end_block.position() + _utf16(end_block.text(), end), QTextCursor.MoveMode.KeepAnchor)
        return cursor


def _utf16(text: str, index: int) -> int:
    """A Python (code point) index as Qt counts it (UTF-16 units): 𠮷 is two of Qt's."""
    return len(text[: max(0, index)].encode("utf-16-le")) // 2


def _code_points(text: str, utf16: int) -> int:
    """Qt's position in a line (UTF-16 units) as a Python index."""
    units = 0
    for i, ch in enumerate(text):
        if units >= utf16:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
