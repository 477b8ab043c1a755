"""Rebuild the window's translations: `python packaging/build_translations.py`.

1. pyside6-lupdate (with -no-obsolete) reads the window's sources (auditapp/gui/*.py) and
   updates resources/translations/auditapp_<lang>.ts: new source strings are added as
   unfinished, vanished ones dropped, existing translations kept.
2. Translate what is new: open the .ts in Qt Linguist (`pyside6-linguist`), or edit the XML,
   and remove `type="unfinished"` from each message translated.
3. Run this script again: pyside6-lrelease compiles each .ts into the .qm the window loads.

Commit the .ts and the .qm together; tests/test_i18n.py fails when either lags the sources or
a message is left untranslated. The tools come with PySide6 (the venv's bin, else PATH).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "auditapp" / "gui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)  # English is the source language: it needs no catalogue


def tool(name: str) -> str:
    """A PySide6 tool beside this interpreter (a venv not activated), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: install PySide6 (pip install pyside6) into this Python")
    return found


def sources() -> list[str]:
    # Relative paths, so the .ts records locations that are the same on every machine.
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.glob("*.py"))


def main() -> int:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = TRANSLATIONS / f"auditapp_{language}.ts"
        qm = ts.with_suffix(".qm")
        rel = str(ts.relative_to(ROOT))
        subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", *sources(), "-ts", rel], cwd=ROOT, check=True)
        subprocess.run([tool("pyside6-lrelease"), rel, "-qm", str(qm.relative_to(ROOT))], cwd=ROOT, check=True)
        unfinished = ts.read_text(encoding="utf-8").count('type="unfinished"')
        if unfinished:
            print(f"{rel}: {unfinished} message(s) still to translate", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
