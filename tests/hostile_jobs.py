"""Jobs for the window's worker processes that misbehave on purpose (importable by spawned workers)."""

from __future__ import annotations

import os

from auditapp.api import AuditResult, audit_file


class ExplodingJob:
    """audit_file, except for files whose name says otherwise: `raise…` raises, `crash…` kills the worker."""

    def __call__(self, path: str) -> AuditResult:
        name = os.path.basename(path)
        if name.startswith("raise"):
            raise RuntimeError("a bug in the job")
        if name.startswith("crash"):
            os._exit(3)
        return audit_file(path)


class GreedyJob:
    """audit_file, except that a file named `greedy…` asks for memory without end (a reader that
    never stops, whatever the readers' own limits), and one named `peak…` reports the worker's
    peak resident memory so far, in MB, as its result's message."""

    def __call__(self, path: str) -> AuditResult:
        from auditapp.api import Status
        from auditapp.memlimit import peak_rss_mb

        name = os.path.basename(path)
        if name.startswith("greedy"):
            hoard = []
            for _ in range(64):  # 64 × 64 MB: 4 GB, far past any ceiling a test sets
                hoard.append(bytearray(64 * 1024 * 1024))
            return AuditResult(path, Status.OK, f"allocated {len(hoard) * 64} MB")
        if name.startswith("peak"):  # VmHWM: ru_maxrss would carry the test process's own peak over
            return AuditResult(path, Status.OK, str(int(peak_rss_mb() or 0)))
        return audit_file(path)


class ScratchJob:
    """Makes a temporary folder as a LibreOffice conversion does, says where (in `<path>.where`),
    then hangs until the batch's time limit kills the worker."""

    def __call__(self, path: str) -> AuditResult:
        import tempfile
        import time

        folder = tempfile.mkdtemp(prefix="auditapp-lo-")
        with open(os.path.join(folder, "copy.xls"), "wb") as f:
            f.write(b"a copy of the report")
        with open(path + ".where", "w", encoding="utf-8") as f:
            f.write(folder)
        time.sleep(120)
        return audit_file(path)
