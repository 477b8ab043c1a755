"""Review work saved a few seconds after each change, so a crash loses at most those seconds.

Where to: the session file the inspector chose, else a recovery file in the application's data
folder (Qt's AppDataLocation; AUDITAPP_DATA_DIR overrides it). Either is written as every
session file is, atomically (auditapp.review.save_session): a failure or a crash mid-write
leaves the previous file whole. The next start takes the recovery file's reviews back (the
window says so); once they are in a session file of the inspector's own, it is removed. The
corrections of cells ride along with the reviews.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from ..review import ReviewError, Session, load_session, save_session

DELAY_MS = 2000  # after the first unsaved change; changes meanwhile ride along
RECOVERY_NAME = "unsaved-review.json"
ENV_DATA_DIR = "AUDITAPP_DATA_DIR"


def data_folder() -> str:
    """Where the program keeps data of its own (the recovery file)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return override
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)


def recovery_path() -> str:
    return os.path.join(data_folder(), RECOVERY_NAME)


def recover() -> Session:
    """The review work a previous run left unsaved (empty if none). A corrupt recovery file is
    kept aside and ReviewError says so."""
    return load_session(recovery_path())


class Autosave(QObject):
    """Saves `session()` to `target()` (or the recovery file) DELAY_MS after a change."""

    failed = Signal(str)  # a message for the user; the next change tries again

    def __init__(
        self,
        session: Callable[[], Session],
        target: Callable[[], str | None],
        parent: QObject | None = None,
        delay_ms: int = DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._session, self._target = session, target
        self.pending = False  # a change not yet on disk
        self.timer = QTimer(self, singleShot=True, interval=delay_ms)
        self.timer.timeout.connect(self.save_now)

    def changed(self) -> None:
        """A review changed: save soon. The clock is not restarted by further changes, so a
        steady stream of them is still saved every DELAY_MS."""
        self.pending = True
        if not self.timer.isActive():
            self.timer.start()

    def save_now(self) -> str | None:
        """Write what is pending now; the path written, or None (nothing to do, or it failed)."""
        self.timer.stop()
        if not self.pending:
            return None
        target = self._target()
        path = target or recovery_path()
        try:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            save_session(self._session(), path)
        except (ReviewError, OSError) as e:
            self.failed.emit(e.message if isinstance(e, ReviewError) else f"{path}: {e.strerror or e}")
            return None
        self.pending = False
        if target:
            discard_recovery()
        return path

    def saved_elsewhere(self) -> None:
        """The reviews were just saved to the session file by the user: nothing is pending."""
        self.timer.stop()
        self.pending = False
        discard_recovery()


def discard_recovery() -> None:
    with contextlib.suppress(OSError):
        os.remove(recovery_path())
