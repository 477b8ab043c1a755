"""The files a user's selection stands for: files as given, folders walked for report files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence


def iter_inputs(paths: Sequence[str], on_empty: Callable[[str], None] | None = None) -> Iterator[str]:
    """Files as given; folders walked recursively for report files, in a stable order (hidden
    files and folders skipped). `on_empty(folder)` hears of a folder that held none."""
    from .ingest import report_suffixes

    suffixes = report_suffixes()
    for path in paths:
        if os.path.isdir(path):
            found = False
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(suffixes):
                        found = True
                        yield os.path.join(folder, name)
            if not found and on_empty is not None:
                on_empty(path)
        else:
            yield path


def same_file_key(path: str) -> str:
    """What tells two names of one file apart from two files: the absolute, normalised path
    (case-folded where the file system ignores case)."""
    return os.path.normcase(os.path.realpath(path))
