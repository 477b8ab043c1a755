"""Auditing the files a window opened, off the GUI thread, and the checks across reports.

A handful of files are audited in a thread of this process (opening one report must paint at
once, and starting worker processes takes ~0.25 s); more in worker processes (auditapp.batch,
at a lower priority: see worker.py), whose results a plain thread receives and hands to the GUI
thread by a queued signal, so the GUI thread only ever takes in finished results. Results are
handed on in one go a few times a second, not one by one. The checks across reports run in a
thread too, on copies; the window applies what changed.

Files are named by their path as opened: the window keeps one row per file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

from ..api import AuditResult, Status, audit_file, audit_together, failed_result
from ..batch import DEFAULT_TIMEOUT, Batch, timed_out_message
from ..memlimit import default_limit_mb, exceeded_message
from ..rules import Finding
from ..rules.findings import is_across
from ..watchdog import TimedOut, memory_limit, time_limit
from .worker import AuditJob

# Up to this many files are audited in a thread of this process: starting worker processes
# costs ~0.25 s, and a single report must show at once. Larger loads go to worker processes.
IN_PROCESS = 4
IN_PROCESS_TIMEOUT = DEFAULT_TIMEOUT  # seconds per file audited in the thread (see auditapp.watchdog)
FLUSH_MS = 50  # results are handed on at most this often while files arrive
_log = logging.getLogger("auditapp")


class _Signals(QObject):
    done = Signal(str, object)  # (path, AuditResult), from any thread
    batch_over = Signal(object, str)  # (the _Load, an error message, "" if none)
    crossed = Signal(int, object)  # (generation, {path: findings} or None)


@dataclasses.dataclass(eq=False)
class _Load:
    """Files audited in worker processes."""

    batch: Batch
    thread: threading.Thread | None = None


def _receive(load: _Load, signals: _Signals) -> None:
    """The batch's receiving thread: iterate it, hand each finished result to the GUI thread."""
    error = ""
    results = iter(load.batch)
    try:
        for _position, path, result in results:
            signals.done.emit(path, result)
    except RuntimeError as e:  # the workers could not start (or the window is gone)
        _log.warning("batch of %d files stopped: %s", len(load.batch.paths), e)
        error = str(e) or type(e).__name__
        load.batch.cancel()
    except Exception as e:  # a bug of ours: the files left are audited in this process
        _log.exception("batch of %d files failed", len(load.batch.paths))
        error = f"{type(e).__name__}: {e}"
    finally:
        results.close()  # the workers are stopped before the window hears the batch is over
    with contextlib.suppress(RuntimeError):  # the window was deleted meanwhile
        signals.batch_over.emit(load, error)


def _is_cross(finding: Finding) -> bool:
    return is_across(finding)


def _check_across(results: list[AuditResult], generation: int, signals: _Signals) -> None:
    """The checks across reports, in a thread, on copies: {path: all findings} of those changed."""
    changed: dict[str, list[Finding]] | None = {}
    try:
        own = [[f for f in r.findings if not _is_cross(f)] for r in results]
        copies = [dataclasses.replace(r, findings=f) for r, f in zip(results, own, strict=True)]
        audit_together(copies)
        changed = {
            r.path: c.findings
            for r, c, f in zip(results, copies, own, strict=True)
            if c.findings is not f or len(f) != len(r.findings)  # cross findings added now, or before
        }
    except Exception:
        _log.exception("the checks across %d reports failed", len(results))
        changed = None
    with contextlib.suppress(RuntimeError):  # the window was deleted meanwhile
        signals.crossed.emit(generation, changed)


class _AuditJob(QRunnable):
    """Audits one file in the thread pool; the result comes back by a queued signal."""

    def __init__(self, path: str, signals: _Signals) -> None:
        super().__init__()
        self.path, self.signals = path, signals

    def run(self) -> None:
        try:
            with time_limit(IN_PROCESS_TIMEOUT), memory_limit(default_limit_mb()):  # the workers' limits, for a thread
                result = audit_file(self.path)
        except TimedOut:
            result = failed_result(self.path, timed_out_message(IN_PROCESS_TIMEOUT))
        except MemoryError:  # the watch fired just outside audit_file's own handler
            result = failed_result(self.path, exceeded_message(default_limit_mb()))
        except Exception as e:  # audit_file never raises for input; a bug must still arrive
            message = QCoreApplication.translate("MainWindow", "Internal error: {error}")
            result = AuditResult(self.path, Status.FAILED, message.format(error=f"{type(e).__name__}: {e}"))
        self.signals.done.emit(self.path, result)


class Loader(QObject):
    """Audits files off the GUI thread; hands their results on in batches."""

    arrived = Signal(list)  # [(path, AuditResult)]: the first at once, then a few times a second
    progress = Signal(int, int)  # (done, total) of the load under way
    idle = Signal()  # every file opened has arrived or was cancelled
    crossed = Signal(dict)  # {path: findings} of the reports the checks across reports changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # the audit is pure Python: more threads only fight over the GIL
        self._signals = _Signals(self)
        self._signals.done.connect(self._done)
        self._signals.batch_over.connect(self._batch_over)
        self._signals.crossed.connect(self._crossed)
        self._waiting: set[str] = set()  # opened, not yet arrived nor cancelled
        self._total = 0  # files of the load under way, for the progress
        self._loads: list[_Load] = []
        self._ready: list[tuple[str, AuditResult]] = []
        self._shown_first = False
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)
        self._cross_generation = 0
        self._cross_thread: threading.Thread | None = None
        self._crossing = 0  # checks across reports under way (their results not yet taken in)
        self._cancelled: set[str] = set()  # a result on its way when cancelled still shows

    # ---- loading ---------------------------------------------------------------------------

    def start(self, paths: list[str]) -> None:
        if not paths:
            return
        if not self._waiting:
            self._total = 0  # the progress counts from the first file of this load
            self._shown_first = False
        self._waiting.update(paths)
        self._total += len(paths)
        self._cross_generation += 1  # a check across reports under way is out of date
        if len(paths) > IN_PROCESS:
            load = _Load(Batch(paths, AuditJob(), failed_result, humble=True))
            load.thread = threading.Thread(target=_receive, args=(load, self._signals), name="audit-batch", daemon=True)
            self._loads.append(load)
            load.thread.start()
        else:
            for path in paths:
                self._pool.start(_AuditJob(path, self._signals))
        self.progress.emit(self._total - len(self._waiting), self._total)

    def pending(self) -> int:
        return len(self._waiting)

    def is_waiting_for(self, path: str) -> bool:
        return path in self._waiting

    def cancel(self) -> list[str]:
        """Stop the load: the files not yet audited, which the caller marks cancelled. A result
        already on its way still arrives."""
        self._pool.clear()
        for load in self._loads:
            load.batch.cancel()
        cancelled = sorted(self._waiting)
        self._cancelled.update(cancelled)
        self._waiting.clear()
        self.flush()
        return cancelled

    def forget(self, paths: list[str]) -> None:
        """Files removed from the window: their results, if any arrive, are dropped."""
        gone = set(paths)
        self._waiting -= gone
        self._cancelled -= gone
        self._ready = [(p, r) for p, r in self._ready if p not in gone]
        self._cross_generation += 1

    def stop(self, timeout: float = 5.0) -> None:
        """Stop every batch and wait (briefly) until its worker processes are gone."""
        self._pool.clear()
        for load in self._loads:
            load.batch.cancel()
        deadline = time.monotonic() + timeout
        for thread in [load.thread for load in self._loads] + [self._cross_thread]:
            if thread is not None:
                thread.join(max(0.0, deadline - time.monotonic()))
        self._pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))

    def is_busy(self) -> bool:
        """Files still to arrive or to hand on, a batch still stopping, or a check across reports under way."""
        return bool(self._waiting or self._loads or self._ready or self._crossing)

    def _done(self, path: str, result: AuditResult) -> None:
        if path not in self._waiting and path not in self._cancelled:
            return  # removed from the window meanwhile
        self._waiting.discard(path)
        self._cancelled.discard(path)
        self._ready.append((path, result))
        if not self._shown_first:
            self._shown_first = True
            self.flush()  # the first report shows at once
        elif not self._flush_timer.isActive():
            self._flush_timer.start()  # the others together, a few times a second

    def flush(self) -> None:
        self._flush_timer.stop()
        ready, self._ready = self._ready, []
        if ready:
            # The results stay for the window's life. Out of the cyclic garbage collector's sight,
            # its full passes need not walk hundreds of reports' objects each time: such a pass
            # holds the GIL, and took 50–150 ms with 500 reports open, stalling the event loop.
            gc.freeze()
            self.arrived.emit(ready)
        self.progress.emit(self._total - len(self._waiting), self._total)
        if not self._waiting:
            self.idle.emit()

    def _batch_over(self, load: _Load, error: str) -> None:
        if load in self._loads:
            self._loads.remove(load)
        if not error:
            return
        # The workers could not start (e.g. a frozen build without freeze_support): the files
        # left are audited in this process instead.
        left = [path for path in load.batch.paths if path in self._waiting]
        if left:
            _log.warning("auditing the %d files left in this process: %s", len(left), error)
            for path in left:
                self._pool.start(_AuditJob(path, self._signals))

    # ---- checks across reports -------------------------------------------------------------

    def check_across(self, results: list[AuditResult]) -> None:
        """Run the checks across `results` (the reports as read) in a thread; `crossed` tells."""
        if self._waiting:
            return
        if sum(r.report is not None for r in results) < 2:  # nothing to check across: drop what is left
            stale = {r.path: [f for f in r.findings if not _is_cross(f)] for r in results}
            stale = {
                path: own
                for path, own, r in zip(stale, stale.values(), results, strict=True)
                if len(own) != len(r.findings)
            }
            if stale:
                self.crossed.emit(stale)
            return
        self._cross_generation += 1
        self._crossing += 1
        self._cross_thread = threading.Thread(
            target=_check_across,
            args=(list(results), self._cross_generation, self._signals),
            name="check-across",
            daemon=True,
        )
        self._cross_thread.start()

    def _crossed(self, generation: int, changed: dict | None) -> None:
        self._crossing -= 1
        if generation != self._cross_generation:
            return  # out of date: more files were opened or removed meanwhile (a newer check follows)
        if changed:
            self.crossed.emit(changed)
