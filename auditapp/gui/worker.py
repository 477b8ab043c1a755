"""The window's job for the batch's worker processes. Qt-free: it runs in them.

The workers audit at a lower priority than the window: on a machine with few cores, the window
(and the thread that receives the results) still gets a core the moment it has work to do,
instead of taking turns with busy workers; the batch takes hardly longer, as the window is
mostly idle.
"""

from __future__ import annotations

import contextlib
import os
import sys

from ..api import AuditResult, audit_file


class AuditJob:
    """`audit_file` as the batch's job (see auditapp.batch); pickles by reference."""

    def warm(self) -> None:
        """Once per worker, before its first file."""
        lower_priority()

    def __call__(self, path: str) -> AuditResult:
        return audit_file(path)


def lower_priority() -> None:
    """This process below normal priority (nice 10; BELOW_NORMAL on Windows); best effort."""
    with contextlib.suppress(OSError, AttributeError):
        if hasattr(os, "nice"):
            os.nice(10)
        elif sys.platform == "win32":
            import ctypes

            below_normal = 0x00004000  # BELOW_NORMAL_PRIORITY_CLASS
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
