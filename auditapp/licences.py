"""The libraries auditapp runs on, with their versions and licences (the About dialog, `auditapp about`).

Which libraries: the distributions auditapp requires, and theirs, recursively (extras left
out), as installed; in a frozen build, every distribution whose metadata was bundled (the
spec bundles exactly that set). The licence comes from the metadata (License-Expression, a
short License field, a licence classifier), else from FALLBACK.
"""

from __future__ import annotations

import importlib.metadata as metadata
import platform
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PROJECT = "auditapp"
PROJECT_LICENCE = "MIT"
PROJECT_LICENCE_TEXT = """\
MIT License

Copyright (c) 2026 the auditapp authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

# Licences of libraries whose metadata does not say (or says it only in a whole licence text),
# by normalised name (PEP 503). Checked against each project's own licence file.
FALLBACK = {
    "pyside6": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
    "pyside6-essentials": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
    "pyside6-addons": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
    "shiboken6": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
    "numpy": "BSD-3-Clause",
    "pandas": "BSD-3-Clause",
    "python-dateutil": "Apache-2.0 AND BSD-3-Clause",  # newer parts Apache, older BSD
    "pytz": "MIT",
    "tzdata": "Apache-2.0",
    "six": "MIT",
    "openpyxl": "MIT",
    "et-xmlfile": "MIT",
    "chardet": "LGPL-2.1-or-later",
    "lxml": "BSD-3-Clause",
    "python-docx": "MIT",
    "typing-extensions": "PSF-2.0",
    "pdfplumber": "MIT",
    "selectolax": "MIT",
    "pdfminer-six": "MIT",
    "pypdfium2": "Apache-2.0 OR BSD-3-Clause",
    "pillow": "MIT-CMU",
    "charset-normalizer": "MIT",
    "cryptography": "Apache-2.0 OR BSD-3-Clause",
    "cffi": "MIT",
    "pycparser": "BSD-3-Clause",
}
# Licence classifiers' last part → an SPDX-like name.
_CLASSIFIERS = {
    "MIT License": "MIT",
    "BSD License": "BSD",
    "Apache Software License": "Apache-2.0",
    "Python Software Foundation License": "PSF-2.0",
    "ISC License (ISCL)": "ISC",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
}
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str  # "" when neither the metadata nor FALLBACK says


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if expression := (meta.get("License-Expression") or "").strip():
        return expression
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80 and field.upper() != "UNKNOWN":
        return field  # not a whole licence text pasted into the field
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License ::") and not classifier.endswith("OSI Approved"):
            last = classifier.rsplit("::", 1)[1].strip()
            return _CLASSIFIERS.get(last, last)
    return FALLBACK.get(normalise(meta["Name"] or ""), "")


def _requirement_names(requirements: Iterable[str]) -> list[str]:
    """Names of the requirements that hold without extras (markers other than `extra` are left
    to what is installed: a requirement for another platform is simply not there)."""
    names = []
    for requirement in requirements:
        marker = requirement.partition(";")[2]
        if "extra" in marker:
            continue
        if match := _NAME.match(requirement):
            names.append(match.group(1))
    return names


def closure(requirements: Iterable[str]) -> list[metadata.Distribution]:
    """The installed distributions these requirements need, theirs too, in a stable order."""
    found: dict[str, metadata.Distribution] = {}
    todo = _requirement_names(requirements)
    while todo:
        name = todo.pop()
        if normalise(name) in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a platform-specific requirement of another platform
        found[normalise(name)] = dist
        todo += _requirement_names(dist.requires or [])
    return [found[k] for k in sorted(found)]


PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"  # in a checkout


def pyproject_requirements(pyproject: Path = PYPROJECT) -> list[str]:
    import tomllib

    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]


def project_requirements() -> list[str]:
    """auditapp's own requirements: from its installed metadata, else pyproject.toml of the checkout."""
    try:
        return metadata.requires(PROJECT) or []
    except metadata.PackageNotFoundError:
        return pyproject_requirements() if PYPROJECT.is_file() else []


def bundled() -> list[Library]:
    """The libraries this auditapp runs on, by name (auditapp itself not included)."""
    # A frozen build holds the metadata of exactly the libraries it bundles.
    dists = list(metadata.distributions()) if getattr(sys, "frozen", False) else closure(project_requirements())
    libraries = {
        normalise(d.metadata["Name"]): Library(d.metadata["Name"], d.version, licence_of(d))
        for d in dists
        if d.metadata["Name"] and normalise(d.metadata["Name"]) != PROJECT
    }
    return sorted(libraries.values(), key=lambda lib: normalise(lib.name))


def python_library() -> Library:
    """The Python interpreter itself (a frozen build carries it)."""
    return Library(f"Python ({platform.python_implementation()})", platform.python_version(), "PSF-2.0")
