"""Many files at once: audited in worker processes, results streamed back in input order.

Parsing and auditing are pure Python and CPU-bound, so threads would only take turns on the
GIL; each worker is a process. Each file is isolated: an exception, a crash or a time-out in
one is that file's failure (its worker is killed and replaced), never the batch's. Results
come back in input order as soon as every earlier one is in, and at most `ahead` files are
out at once, so a batch of any size holds only a bounded number of results in memory.

Workers are started with "spawn" on every platform: a forked child of a process that runs Qt
or other threads can deadlock, and spawn is what Windows does anyway. A frozen program must
call `multiprocessing.freeze_support()` first thing (see `auditapp.__main__`).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, Literal, TypeVar

from .memlimit import default_limit_mb

T = TypeVar("T")

DEFAULT_TIMEOUT = 60.0  # seconds per file; the largest real reports take well under a second
_POLL = 0.1  # how often a waiting batch looks at its cancel flag
_IN_FLIGHT = 2  # files sent to a worker ahead of its answers


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Windows or macOS
        return max(1, os.cpu_count() or 1)


def _lower_priority() -> None:
    """Below the window's priority: the workers take every processor, and the system would give the
    window's thread its turn late (event-loop gaps of 80–110 ms at 1,000 reports on 2 cores)."""
    try:
        if sys.platform == "win32":
            import ctypes

            below_normal = 0x4000  # BELOW_NORMAL_PRIORITY_CLASS
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
        else:
            os.nice(5)
    except (OSError, AttributeError):  # not allowed, or not on this system: the normal priority
        pass


def _worker(
    conn: Connection,
    job: Callable[[str], Any],
    failed: Callable[[str, str], Any],
    memory_mb: int | None = None,
    scratch: str | None = None,
    humble: bool = False,
) -> None:
    """A worker's life: take a path, send back (position, result), until told to stop."""
    import logging

    from .logs import setup_logging
    from .memlimit import apply_limit, exceeded_message

    if humble:
        _lower_priority()
    setup_logging()
    if scratch:  # temporary files (LibreOffice's copies and profiles) go where the batch removes them
        import tempfile

        tempfile.tempdir = scratch
    apply_limit(memory_mb)  # before its first file: a file asking for more fails alone (MemoryError)
    warm = getattr(job, "warm", None)
    if warm is not None:
        warm()  # imports done before the first file, so they don't count against its time limit
    conn.send(None)  # ready
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        position, path = task
        try:
            result = job(path)
        except MemoryError:
            result = failed(path, exceeded_message(memory_mb))
        except Exception as e:  # jobs guard themselves; this keeps a bug of ours to one file
            logging.getLogger("auditapp").exception("worker failed on %s", path)
            result = failed(path, f"内部错误：{type(e).__name__}: {e}")
        try:
            conn.send((position, result))
        except Exception as e:  # e.g. a result that cannot be pickled
            conn.send((position, failed(path, f"内部错误：结果无法传回：{type(e).__name__}: {e}")))


@dataclass
class _Worker:
    process: Any  # multiprocessing's SpawnProcess
    conn: Connection
    # files sent and not yet answered, in order: the first is being audited, the next waits in the
    # pipe so that the worker never idles while this process takes in a result
    tasks: list[tuple[int, str]] = field(default_factory=list)
    started: float = 0.0  # when the first of `tasks` started (its time limit counts from there)
    ready: bool = False  # booted and imported; its first file's clock starts only then


class Batch(Generic[T]):
    """Run `job(path)` for every path; iterate to get `(position, path, result)` in input order.

    `failed(path, message)` makes the result for a file whose job could not finish (time-out,
    crash). With `workers=0` the jobs run in this process, one after another, under a thread's
    time limit (auditapp.watchdog): for tests and for a handful of files, where starting processes
    costs more than it saves. Each worker runs under a memory ceiling of `memory_mb` MB
    (auditapp.memlimit; None: none); `humble` workers run below this process's priority.
    `cancel()` may be called from any thread; the iteration then stops soon after, and
    `cancelled` is True. Files not yet audited are simply not yielded.
    """

    def __init__(
        self,
        paths: Sequence[str],
        job: Callable[[str], T],
        failed: Callable[[str, str], T],
        *,
        workers: int | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        ahead: int | None = None,
        memory_mb: int | Literal["default"] | None = "default",
        humble: bool = False,
    ) -> None:
        self.paths = list(paths)
        self.humble = humble  # workers below this process's priority (a window's: it stays responsive)
        self.job, self.failed = job, failed
        count = default_workers() if workers is None else workers
        self.workers = min(count, len(self.paths))
        self.timeout = timeout
        self.memory_mb = default_limit_mb() if memory_mb == "default" else memory_mb  # each worker's ceiling
        self.ahead = ahead or max(16, 8 * max(1, self.workers))
        self._cancel = threading.Event()
        self._scratch: str | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def __iter__(self) -> Iterator[tuple[int, str, T]]:
        if self.workers <= 0:
            yield from self._here()
        else:
            yield from self._in_processes()

    def _here(self) -> Iterator[tuple[int, str, T]]:
        from .memlimit import exceeded_message
        from .watchdog import TimedOut, memory_limit, time_limit

        for position, path in enumerate(self.paths):
            if self._cancel.is_set():
                return
            try:
                # a thread's limits: Python code stops, one call into C does not
                with time_limit(self.timeout), memory_limit(self.memory_mb):
                    result = self.job(path)
            except TimedOut:
                result = self.failed(path, timed_out_message(self.timeout or 0))
            except MemoryError:
                result = self.failed(path, exceeded_message(self.memory_mb))
            except Exception as e:
                result = self.failed(path, f"内部错误：{type(e).__name__}: {e}")
            yield position, path, result

    def _start(self, ctx: Any) -> _Worker:
        ours, theirs = ctx.Pipe(duplex=True)
        args = (theirs, self.job, self.failed, self.memory_mb, self._scratch, self.humble)
        process = ctx.Process(target=_worker, args=args, daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _in_processes(self) -> Iterator[tuple[int, str, T]]:
        ctx = mp.get_context("spawn")
        # the workers' temporary files, removed with the batch: a worker killed at its time limit
        # (mid-conversion by LibreOffice) cannot remove its own
        self._scratch = tempfile.mkdtemp(prefix="auditapp-batch-")
        pool = [self._start(ctx) for _ in range(self.workers)]
        done: dict[int, T] = {}
        next_task, next_out = 0, 0
        again: deque[tuple[int, str]] = deque()  # sent to a worker that died or was stopped before them
        try:
            while next_out < len(self.paths):
                if self._cancel.is_set():
                    return
                for k, w in enumerate(pool):  # hand out work, never more than `ahead` past the first not yet yielded
                    while w.ready and len(w.tasks) < _IN_FLIGHT:
                        if again:
                            task = again.popleft()
                        elif next_task < len(self.paths) and next_task < next_out + self.ahead:
                            task = (next_task, self.paths[next_task])
                            next_task += 1
                        else:
                            break
                        try:
                            w.conn.send(task)
                        except OSError:  # it died since we last looked (a broken pipe): not this file's fault
                            again.appendleft(task)
                            if not w.tasks:  # nothing of its own to answer for: replace it now
                                pool[k] = self._replace(ctx, w, again)
                            break  # else its sentinel tells below which file it died on
                        if not w.tasks:
                            w.started = time.monotonic()
                        w.tasks.append(task)
                busy = [w for w in pool if w.tasks]
                booting = [w for w in pool if not w.ready]
                wake = _POLL
                if self.timeout is not None and busy:
                    first = min(w.started for w in busy) + self.timeout
                    wake = max(0.0, min(wake, first - time.monotonic()))
                watch = [*busy, *booting]
                ready = set(wait([w.conn for w in watch] + [w.process.sentinel for w in watch], timeout=wake))
                now = time.monotonic()
                for k, w in enumerate(pool):
                    if not w.ready:
                        if w.conn in ready and self._booted(w):
                            continue
                        if w.process.sentinel in ready:  # cannot even start: give up rather than loop
                            raise RuntimeError(f"审核进程无法启动（退出码 {w.process.exitcode}）")
                        continue
                    if not w.tasks:
                        continue
                    position, path = w.tasks[0]
                    if w.conn in ready:
                        try:
                            got, result = w.conn.recv()
                        except (EOFError, OSError):  # it died while sending
                            done[position] = self.failed(path, "审核进程意外退出，该文件未能审核完成")
                            pool[k] = self._replace(ctx, w, again)
                            continue
                        done[got] = result
                        w.tasks.pop(0)
                        w.started = now  # the next one, waiting in the pipe, starts now
                    elif w.process.sentinel in ready:
                        done[position] = self.failed(
                            path, f"审核进程意外退出（退出码 {w.process.exitcode}），该文件未能审核完成"
                        )
                        pool[k] = self._replace(ctx, w, again)
                    elif self.timeout is not None and now - w.started > self.timeout:
                        done[position] = self.failed(path, timed_out_message(self.timeout))
                        pool[k] = self._replace(ctx, w, again)
                while next_out in done:
                    yield next_out, self.paths[next_out], done.pop(next_out)
                    next_out += 1
        finally:
            self._stop(pool)
            shutil.rmtree(self._scratch, ignore_errors=True)

    @staticmethod
    def _booted(w: _Worker) -> bool:
        try:
            w.conn.recv()
        except (EOFError, OSError):
            return False
        w.ready = True
        return True

    def _replace(self, ctx: Any, w: _Worker, again: deque[tuple[int, str]]) -> _Worker:
        """A new worker for one that died or ran out of time: the files it had not begun go to
        the front of the queue (the one it was on is answered by the caller)."""
        _kill(w)
        again.extendleft(reversed(w.tasks[1:]))
        return self._start(ctx)

    @staticmethod
    def _stop(pool: list[_Worker]) -> None:
        for w in pool:
            if not w.tasks and w.process.is_alive():
                with contextlib.suppress(OSError):
                    w.conn.send(None)  # a clean goodbye lets an idle worker exit on its own
        deadline = time.monotonic() + 1.0
        for w in pool:
            if not w.tasks:
                w.process.join(max(0.0, deadline - time.monotonic()))
            _kill(w)


def timed_out_message(seconds: float) -> str:
    return f"审核超过 {seconds:g} 秒仍未完成，已停止该文件（文件可能过大或结构异常）"


def _kill(w: _Worker) -> None:
    if w.process.is_alive():
        w.process.kill()
    w.process.join(5)
    w.conn.close()
