"""The files a user's selection stands for: files as given, folders walked for report files."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence


def iter_inputs(
    paths: Sequence[str],
    on_empty: Callable[[str], None] | None = None,
    on_unlistable: Callable[[str, str], None] | None = None,
    lang: str = "zh",
) -> Iterator[str]:
    """Files as given; folders walked recursively for report files, in a stable order (hidden
    files and folders skipped). `on_empty(folder)` hears of a folder that held none;
    `on_unlistable(folder, message)` of one that could not be listed (its reports, if any, are
    not audited: the inspector must hear of it, never find out later). Without it, a message is
    logged."""
    from .ingest import report_suffixes

    suffixes = report_suffixes()

    def unlistable(e: OSError) -> None:
        folder = e.filename or "?"
        message = unlistable_message(folder, e, lang)
        if on_unlistable is not None:
            on_unlistable(folder, message)
        else:
            logging.getLogger(__name__).warning("%s", message)

    for path in paths:
        if os.path.isdir(path):
            found = False
            for folder, dirs, files in os.walk(path, onerror=unlistable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(suffixes):
                        found = True
                        yield os.path.join(folder, name)
            if not found and on_empty is not None:
                on_empty(path)
        else:
            yield path


def unlistable_message(folder: str, e: OSError, lang: str = "zh") -> str:
    name, why = shown(os.fsdecode(folder)), e.strerror or e
    if lang == "en":
        return f"The folder {name} cannot be listed ({why}): the reports in it were not audited"
    return f"无法列出文件夹 {name} 的内容（{why}），其中的报告未被审核"


def same_file_key(path: str) -> str:
    """What tells two names of one file apart from two files: the absolute, normalised path
    (case-folded where the file system ignores case)."""
    return os.path.normcase(os.path.realpath(path))


# What may not reach a printed line or a list item as it is: control characters (line breaks and
# tabs included: a name with a line break forges a line of its own), Unicode's line and paragraph
# separators, the bidi controls that reorder what a terminal shows (U+202E), and lone surrogates
# (a name that is not UTF-8, carried by surrogate escapes).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    if "\ud800" <= c <= "\udfff":
        return "\ufffd"
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def shown(text: str) -> str:
    """`text` (a file name, a sheet name, a report's words) as data on one line: what would break
    the line, reorder it or cannot be encoded is escaped visibly (\\x0a, \\u202e) or replaced (U+FFFD)."""
    return _UNSHOWABLE.sub(_escape, text)


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
