"""The files a user's selection stands for: files as given, folders walked for report files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence


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


def same_file(a: str, b: str) -> bool:
    """Whether two names are one file: by identity (device and inode; Windows' file index) where
    both exist, so a bind mount, a hard link, a case-insensitive or network drive cannot pass for
    another file; else by their absolute, normalised paths, case-folded on Windows."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        pass
    key = same_file_key
    if os.name == "nt":
        return key(a).casefold() == key(b).casefold()
    return key(a) == key(b)


def names_an_input(target: str, inputs: Iterable[str]) -> str | None:
    """The input that `target` would overwrite, if any (every writer asks before writing)."""
    for path in inputs:
        if same_file(target, path):
            return path
    return None


def display_name(path: str, roots: Sequence[str] = ()) -> str:
    """A file's name as its recipient should read it: relative to the deepest opened folder
    that holds it ("2023/区卫健委.pdf"), else its bare name. Never the inspector's own folders."""
    absolute = os.path.abspath(path)
    best = ""
    for root in roots:
        folder = os.path.abspath(root)
        if os.path.isdir(folder) and len(folder) > len(best):
            try:
                inside = os.path.commonpath([absolute, folder]) == folder
            except ValueError:  # another drive on Windows
                inside = False
            if inside:
                best = folder
    if best:
        return os.path.relpath(absolute, best).replace(os.sep, "/")
    return os.path.basename(absolute) or path
