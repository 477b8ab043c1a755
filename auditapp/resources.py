"""Where the program's resources (translations, icons, sample reports) are, however it was installed.

- a source checkout or an editable install: <repository>/resources;
- an installed wheel: auditapp/_resources (setup.py copies resources/ into the wheel there);
- a frozen (PyInstaller) build: resources/ in the bundle (sys._MEIPASS, the `_internal`
  folder of a one-folder build), or beside the executable.
"""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGED = "_resources"  # the folder inside the installed package


def resource_dirs() -> list[Path]:
    """Every folder that may hold the resources, most specific first (they need not exist)."""
    package = Path(__file__).resolve().parent
    dirs = []
    if getattr(sys, "frozen", False):
        if bundle := getattr(sys, "_MEIPASS", None):
            dirs.append(Path(bundle) / "resources")
        dirs.append(Path(sys.executable).resolve().parent / "resources")
    dirs += [package / PACKAGED, package.parent / "resources"]
    return list(dict.fromkeys(dirs))


def resource(*parts: str) -> Path | None:
    """resources/<parts…> from the first folder that has it, or None."""
    for folder in resource_dirs():
        path = folder.joinpath(*parts)
        if path.exists():
            return path
    return None
