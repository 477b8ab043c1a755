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


class MemoryLimitExceeded(MemoryError):
    """The work's memory grew past its limit (a MemoryError, so audit_file reports it as one)."""


@contextmanager
def memory_limit(megabytes: int | None, poll: float = 0.05) -> Iterator[None]:
    """Raise MemoryLimitExceeded in this thread if the process's resident memory grows by more than
    `megabytes` while the block runs (None: no limit). For the window's in-process audits, where
    an address-space ceiling would count Qt's own memory: the growth is watched instead, every
    `poll` seconds, so a Python loop is stopped; a single call into C allocating at once is not
    (the readers stop those early themselves, ingest/limits.py)."""
    from .memlimit import rss_mb

    start = rss_mb()
    if megabytes is None or start is None:
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(poll):
            now = rss_mb()
            if now is not None and now - start > megabytes:
                with lock:
                    if not state["done"]:
                        state["fired"] = True
                        _raise_in(thread_id, MemoryLimitExceeded)
                return

    watcher = threading.Thread(target=watch, name="auditapp-memory-watch", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        with lock:
            state["done"] = True
            if state["fired"]:
                _raise_in(thread_id, None)
        watcher.join(1.0)
