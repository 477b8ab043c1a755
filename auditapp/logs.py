"""Where auditapp logs: one file per user, never the console (no traceback reaches a user).

AUDITAPP_LOG_DIR names another folder (the test suite's own, so it never writes into the user's
log). A log that cannot be written (a read-only folder, a full disk) is silently given up: a
library's warning must never turn into a traceback on the console or a worker's death.
"""

from __future__ import annotations

import contextlib
import logging
import os

ENV_LOG_DIR = "AUDITAPP_LOG_DIR"


def log_path() -> str | None:
    folder = os.environ.get(ENV_LOG_DIR)
    if not folder:
        base = (
            os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state")
        )
        folder = os.path.join(base, "auditapp", "logs")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return os.path.join(folder, "auditapp.log")


class _QuietFileHandler(logging.FileHandler):
    """A log file whose failures (unwritable, disk full) are dropped, not printed to stderr."""

    def handleError(self, record: logging.LogRecord) -> None:
        return

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(OSError):  # the file could not even be opened (outside FileHandler's guard)
            super().emit(record)


def setup_logging() -> None:
    """Send the `auditapp` loggers to the log file (once per process; workers call it too)."""
    root = logging.getLogger("auditapp")
    root.propagate = False  # Python's last-resort handler would print tracebacks to stderr
    if root.handlers:
        return
    path = log_path()
    handler: logging.Handler = logging.NullHandler()
    if path:
        try:
            with open(path, "a", encoding="utf-8"):  # writable now? else no log, rather than errors later
                pass
            handler = _QuietFileHandler(path, encoding="utf-8", delay=True)
            handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
        except OSError:
            handler = logging.NullHandler()
    root.addHandler(handler)
    top = logging.getLogger()
    if not top.handlers:  # the libraries' warnings too (pdfminer's about every odd PDF): the file, not the console
        top.addHandler(handler)
        top.setLevel(logging.WARNING)
