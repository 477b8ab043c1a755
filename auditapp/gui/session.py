"""The window's review session: decisions on findings and corrections of cells, saved and undoable.

It owns the Session (auditapp.review), the session file the inspector chose, the autosave to it
(or to the recovery file) and the undo stack of corrections. The report files are never written.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..corrections import Correction
from ..review import ReviewError, Session, load_session, save_session
from . import autosave
from .autosave import Autosave

SETTINGS_KEY = "review/session"


class _Correct(QUndoCommand):
    """Set (or take back) one cell's correction; undo restores what was there before."""

    def __init__(self, session: ReviewSession, path: str, new: Correction | None, old: Correction | None, text: str):
        super().__init__(text)
        self.session, self.path, self.new, self.old = session, path, new, old
        self.cell = (new or old).cell  # type: ignore[union-attr]

    def redo(self) -> None:
        self.session._put(self.path, self.cell, self.new)

    def undo(self) -> None:
        self.session._put(self.path, self.cell, self.old)


class ReviewSession(QObject):
    corrections_changed = Signal(str)  # the report's path (absolute)
    failed = Signal(str)  # saving failed: a message for the user
    notice = Signal(str)  # something the user should hear of (a corrupt file kept aside)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data = Session()
        self.path: str | None = None
        self.recovered = 0  # review decisions and corrections taken back from the recovery file
        self.undo_stack = QUndoStack(self)
        self.autosave = Autosave(lambda: self.data, lambda: self.path, self)
        self.autosave.failed.connect(self.failed)

    @property
    def reviews(self) -> dict:
        return self.data.reviews

    def start(self) -> None:
        """Take back the session last saved to, then what a previous run left unsaved."""
        if last := self.settings.value(SETTINGS_KEY):
            self.load(str(last))
        try:
            recovered = autosave.recover()
        except ReviewError as e:
            self.notice.emit(e.message)
            return
        if not recovered:
            return
        self.data.update(recovered)
        self.recovered = len(recovered.reviews) + len(recovered.corrections)
        if self.path:
            self.autosave.changed()  # into the session file; the recovery file then goes

    def load(self, path: str) -> None:
        try:
            self.data.update(load_session(path))
            self.path = path
        except ReviewError as e:  # corrupt: kept aside, and the window starts clean
            self.notice.emit(e.message)

    def save(self, path: str) -> str | None:
        try:
            save_session(self.data, path)
        except ReviewError as e:
            self.failed.emit(e.message)
            return None
        self.path = path
        self.settings.setValue(SETTINGS_KEY, path)
        self.autosave.saved_elsewhere()
        return path

    def changed(self) -> None:
        """A review decision changed: autosave soon."""
        self.autosave.changed()

    # ---- corrections -----------------------------------------------------------------------

    def corrections(self, path: str) -> dict[str, Correction]:
        """One report's corrections, by cell id."""
        key = os.path.abspath(path)
        return {cell: c for (file, cell), c in self.data.corrections.items() if file == key}

    def correct(self, path: str, correction: Correction, text: str) -> None:
        """Record a correction (undoable); `text` names it in the Edit menu."""
        old = self.data.corrections.get((os.path.abspath(path), correction.cell))
        self.undo_stack.push(_Correct(self, os.path.abspath(path), correction, old, text))

    def take_back(self, path: str, cell: str, text: str) -> None:
        """Remove a cell's correction (undoable): the value as read counts again."""
        old = self.data.corrections.get((os.path.abspath(path), cell))
        if old is not None:
            self.undo_stack.push(_Correct(self, os.path.abspath(path), None, old, text))

    def _put(self, path: str, cell: str, correction: Correction | None) -> None:
        if correction is None:
            self.data.corrections.pop((path, cell), None)
        else:
            self.data.corrections[(path, cell)] = correction
        self.autosave.changed()
        self.corrections_changed.emit(path)

    def save_now(self) -> None:
        self.autosave.save_now()
