"""The main window's size and the shares of its panes: made for the screen, kept inside it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

DEFAULT_SIZE = (1500, 900)


def fitted(wanted: QRect, available: QRect) -> QRect:
    """`wanted` moved and shrunk so that it lies inside `available` (the screen less its task bars)."""
    width, height = min(wanted.width(), available.width()), min(wanted.height(), available.height())
    x = min(max(wanted.x(), available.x()), available.right() - width + 1)
    y = min(max(wanted.y(), available.y()), available.bottom() - height + 1)
    return QRect(x, y, width, height)


class LayoutMixin(QMainWindow):
    """MainWindow's layout; it provides `settings`, `_splitters` and `_fitted`."""

    def _restore_layout(self) -> None:
        """The size remembered, else one made for the screen; either kept inside the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_SIZE)
        if geometry := self.settings.value("geometry"):
            self.restoreGeometry(geometry)
        else:  # the whole of a small screen; 1500×900 of a large one, in its middle
            width = min(available.width(), max(DEFAULT_SIZE[0], round(available.width() * 0.8)))
            height = min(available.height(), max(DEFAULT_SIZE[1], round(available.height() * 0.85)))
            self.setGeometry(
                QRect(0, 0, width, height).translated(available.center() - QRect(0, 0, width, height).center())
            )
        restored = False
        for name, splitter in self._splitters.items():
            if state := self.settings.value(f"splitter/{name}"):
                restored = splitter.restoreState(state) or restored
        if not restored:
            self.share_room()
        self.fit_to(available)

    def share_room(self) -> None:
        """The panes' default shares of the window: the list a fifth of its width (at least 360
        pixels where it can), the tables three fifths of the rest beside the source, the findings
        two fifths of the height."""
        width, height = self.width(), self.height()
        listed = max(round(width * 0.22), min(360, round(width * 0.3)))  # room for a file's name beside its verdict
        self._splitters["outer"].setSizes([listed, width - listed])
        self._splitters["right"].setSizes([round(height * 0.56), round(height * 0.44)])
        rest = width - listed
        self._splitters["middle"].setSizes([round(rest * 0.64), round(rest * 0.36)])

    def fit_to(self, available: QRect) -> None:
        """Keep the whole window (frame included) on a screen of this available size."""
        frame = self.frameGeometry()
        extra_w, extra_h = max(0, frame.width() - self.width()), max(0, frame.height() - self.height())
        room = QRect(available.x(), available.y(), available.width() - extra_w, available.height() - extra_h)
        wanted = QRect(self.geometry())
        if wanted.width() > room.width() or wanted.height() > room.height() or not room.contains(wanted):
            self.setGeometry(fitted(wanted, room))
            self.share_room()  # the panes share the narrower room as they would share the wider one

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted:  # the frame's size is known only once shown
            self._fitted = True
            screen = self.screen()
            if screen is not None:
                self.fit_to(screen.availableGeometry())
