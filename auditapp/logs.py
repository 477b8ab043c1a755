"""Where auditapp logs: one file per user, never the console (no traceback reaches a user)."""

from __future__ import annotations

import logging
import os


def log_path() -> str | None:
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state")
    folder = os.path.join(base, "auditapp", "logs")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return os.path.join(folder, "auditapp.log")


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
            handler = logging.FileHandler(path, encoding="utf-8", delay=True)
            handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
        except OSError:
            handler = logging.NullHandler()
    root.addHandler(handler)
    top = logging.getLogger()
    if not top.handlers:  # the libraries' warnings too (pdfminer's about every odd PDF): the file, not the console
        top.addHandler(handler)
        top.setLevel(logging.WARNING)
