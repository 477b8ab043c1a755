"""A time limit for work done in a thread, where a process cannot be killed (the window's
in-process audits).

When the limit passes, TimedOut is raised in the thread doing the work. CPython delivers it at
the thread's next bytecode, so any Python loop stops (a library's endless loop on a crafted
file, as the fuzz suite found in pdfminer and openpyxl); code that never returns to Python
(one call into C) is not interrupted. TimedOut is a BaseException, so the `except Exception`
of the code it passes through (audit_file's catch-alls) cannot swallow it.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimedOut(BaseException):
    """The work passed its time limit."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimedOut in this thread if the block runs longer than `seconds` (None: no limit)."""
    if seconds is None:
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(thread_id, TimedOut)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["fired"]:
                _raise_in(thread_id, None)  # fired as the block ended: never let it land later
