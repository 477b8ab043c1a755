"""A memory ceiling per file, as general as the time limit.

The readers refuse what they can see is too big (ingest/limits.py), but a crafted file can
still ask a library for gigabytes in one call (a deflate stream, a style table, a nested
drawing). So every worker process runs under a ceiling on its address space: an allocation
past it fails with MemoryError, which is that file's failure ("超过内存上限"), never the
machine's.

- POSIX: `resource.setrlimit(RLIMIT_AS)` in the worker, set before its first file.
- Windows: the worker puts itself in a Job Object limited with JOB_OBJECT_LIMIT_PROCESS_MEMORY
  (ctypes, no extra dependency); an allocation past it fails as on POSIX.
- The window's in-process audits cannot limit the window's own process (Qt's address space is
  counted too); there `rss_mb()` is watched by the watchdog thread, which raises
  MemoryLimitExceeded in the auditing thread (it stops any Python loop, not one call into C).

The address space counts more than the heap (shared libraries, thread stacks, numpy's
reservations): an idle worker maps ~400 MB, so the ceiling is on the address space, and the
default leaves a real report (tens of MB at most) far below it.
"""

from __future__ import annotations

import os
import sys

DEFAULT_MEMORY_LIMIT_MB = 2048  # per worker; the largest real report peaks under 200 MB
MIN_MEMORY_LIMIT_MB = 256  # below this a worker cannot even import its readers
ENV = "AUDITAPP_MEMORY_LIMIT_MB"  # overrides the default (e.g. for a small machine)

_applied: int | None = None  # the ceiling in force in this process, in MB


def default_limit_mb() -> int:
    raw = os.environ.get(ENV, "")
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_MEMORY_LIMIT_MB
    return value if value >= MIN_MEMORY_LIMIT_MB else DEFAULT_MEMORY_LIMIT_MB


def exceeded_message(limit_mb: int | None = None) -> str:
    limit = limit_mb or _applied or default_limit_mb()
    return f"审核该文件所需内存超过 {limit} MB 的上限，已停止该文件（文件可能过大或是恶意构造的）"


def applied_limit_mb() -> int | None:
    return _applied


def apply_limit(limit_mb: int | None) -> bool:
    """Put this process under a ceiling of `limit_mb` MB (None: none). True if it is in force."""
    global _applied
    if limit_mb is None:
        return False
    limit = int(limit_mb) * 1024 * 1024
    try:
        if sys.platform == "win32":
            ok = _windows_job(limit)
        else:
            import resource

            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
            ok = True
    except (OSError, ValueError, AttributeError):  # a platform without the call: the time limit remains
        ok = False
    if ok:
        _applied = int(limit_mb)
    return ok


def rss_mb() -> float | None:
    """This process's resident memory now, in MB (None where it cannot be read)."""
    try:
        if sys.platform == "win32":
            return _windows_rss() / 1024 / 1024
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def peak_rss_mb() -> float | None:
    """This process's peak resident memory so far, in MB. Linux's VmHWM, of this program only:
    getrusage's ru_maxrss carries a spawned worker's parent's peak over fork and exec."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # Windows: the working set's peak is not asked for here
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _windows_job(limit: int) -> bool:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    class IoCounters(ctypes.Structure):
        _fields_ = [(n, ctypes.c_ulonglong) for n in ("r", "w", "o", "rb", "wb", "ob")]

    class Basic(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class Extended(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", Basic),
            ("IoInfo", IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return False
    info = Extended()
    info.BasicLimitInformation.LimitFlags = 0x100  # JOB_OBJECT_LIMIT_PROCESS_MEMORY
    info.ProcessMemoryLimit = limit
    if not kernel32.SetInformationJobObject(job, 9, ctypes.byref(info), ctypes.sizeof(info)):  # Extended info
        return False
    return bool(kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess()))


def _windows_rss() -> int:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD)] + [
            (n, ctypes.c_size_t)
            for n in (
                "PeakWorkingSetSize",
                "WorkingSetSize",
                "QuotaPeakPagedPoolUsage",
                "QuotaPagedPoolUsage",
                "QuotaPeakNonPagedPoolUsage",
                "QuotaNonPagedPoolUsage",
                "PagefileUsage",
                "PeakPagefileUsage",
            )
        ]

    counters = Counters()
    counters.cb = ctypes.sizeof(counters)
    psapi = ctypes.WinDLL("psapi")
    psapi.GetProcessMemoryInfo.argtypes = [wintypes.HANDLE, ctypes.c_void_p, wintypes.DWORD]
    kernel32 = ctypes.WinDLL("kernel32")
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    if not psapi.GetProcessMemoryInfo(kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb):
        raise OSError("GetProcessMemoryInfo failed")
    return counters.WorkingSetSize
