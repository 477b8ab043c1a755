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
