"""A table header with two levels, as the template prints it: a group label merged over its
columns (`法人或其他组织` over five), the columns' own labels below it, and columns without a
group (`自然人`, `总计`) spanning both levels."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

HEADER_GROUP_ROLE = Qt.ItemDataRole.UserRole + 10  # a horizontal section's group label, or None


class GroupedHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSectionsClickable(False)

    def _group(self, logical: int) -> str | None:
        model = self.model()
        return model.headerData(logical, Qt.Orientation.Horizontal, HEADER_GROUP_ROLE) if model else None

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        size.setHeight(2 * (self.fontMetrics().height() + 8))
        return size

    def _span(self, logical: int, group: str) -> tuple[int, int]:
        """First and last logical sections of the run of neighbours sharing this group."""
        first = last = logical
        while first > 0 and self._group(first - 1) == group:
            first -= 1
        while last + 1 < self.count() and self._group(last + 1) == group:
            last += 1
        return first, last

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        group = self._group(logical)
        if not group:
            super().paintSection(painter, rect, logical)  # one label over both levels
            return
        half = rect.height() // 2
        painter.save()
        lower = QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half)
        super().paintSection(painter, lower, logical)
        painter.restore()
        first, last = self._span(logical, group)
        left = self.sectionViewportPosition(first)
        right = self.sectionViewportPosition(last) + self.sectionSize(last)
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = QRect(left, rect.top(), right - left, half)
        option.text = group
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        option.section = first
        painter.save()
        painter.setClipRect(rect.adjusted(0, 0, 0, -(rect.height() - half)))  # this section's share of it
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
