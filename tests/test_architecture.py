"""The shape the project promises: a Qt-free core, lazy heavy imports, docs kept in step."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

from auditapp.rules.catalogue import RULES, catalogue_markdown


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return set(out.stdout.split())


def test_core_never_imports_qt():
    code = (
        "import pkgutil, importlib, auditapp\n"
        "for m in pkgutil.walk_packages(auditapp.__path__, 'auditapp.'):\n"
        "    if '.gui' not in m.name and not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "from auditapp.api import audit_file\n"
        "r = audit_file('resources/samples/000_5765c3367762f63e.txt'); r.report.frames()\n"
    )
    mods = _modules_after(code)
    assert "auditapp.api" in mods and "pandas" in mods
    assert not {m for m in mods if m.startswith(("PySide6", "shiboken6"))}


def test_cli_start_up_imports_nothing_heavy():
    mods = _modules_after("import auditapp.cli; auditapp.cli.build_parser()")
    assert "auditapp.cli" in mods
    assert not {m for m in mods if m.split(".")[0] in ("pandas", "chardet", "openpyxl", "PySide6", "numpy")}


def test_auditing_text_does_not_load_pandas():
    mods = _modules_after(
        "from auditapp.api import audit_file; audit_file('resources/samples/001_a7e6a703afb669e1.txt')"
    )
    assert "auditapp.rules.engine" in mods and "pandas" not in mods


def test_readme_rule_catalogue_is_generated_from_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules:begin -->\n(.*?)\n<!-- rules:end -->", readme, re.S)
    assert block, "README lost its rules block"
    assert block.group(1) == catalogue_markdown(), "regenerate it with `auditapp rules --markdown`"
    assert all(f"`{r.id}`" in block.group(1) for r in RULES)


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in readme.splitlines() if line.startswith("    python3 -m venv")]
    assert len(commands) == 2, "README must hold exactly two set-up commands"
    test_cmd = commands[1].split("&&")[-1].strip()
    assert "pytest" in test_cmd and test_cmd in ci


def test_cell_id_doc_is_generated_from_the_templates():
    from auditapp.template import TEMPLATES, cell_ids_markdown

    doc = (ROOT / "resources" / "cell-ids.md").read_text(encoding="utf-8")
    generated = "\n".join(cell_ids_markdown(t) for t in TEMPLATES)
    assert doc.endswith(generated), "regenerate resources/cell-ids.md with `auditapp cells`"
    assert "| `other` | (六)其他处理 |" in doc and "| `other_misc` |" in doc


def test_every_picture_the_readme_shows_is_there():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert {"resources/screenshots/seed.png", "resources/screenshots/faults.png"} <= set(pictures)
    for picture in pictures:
        path = ROOT / picture
        assert path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture


def test_the_windows_job_for_worker_processes_imports_no_qt():
    """The batch's workers unpickle the window's job: they must not start Qt to audit a file."""
    mods = _modules_after(
        "import pickle\nfrom auditapp.gui.worker import AuditJob\n"
        "job = pickle.loads(pickle.dumps(AuditJob())); job.warm()\n"
        "assert job('resources/samples/000_5765c3367762f63e.txt').report.cells\n"
    )
    assert "auditapp.gui.worker" in mods and "auditapp.api" in mods
    assert not {m for m in mods if m.startswith(("PySide6", "shiboken6"))}


_IMPORT = re.compile(r"^\s*(?:from\s+(\S+)\s+import|import\s+(\S+))", re.MULTILINE)


def test_the_core_imports_neither_the_cli_nor_the_window():
    """Walking inputs, rendering summaries and the rest live in the core; the CLI and the window
    are layers over it, never under it."""
    offenders = []
    for path in (ROOT / "auditapp").rglob("*.py"):
        relative = path.relative_to(ROOT / "auditapp").as_posix()
        if relative.startswith(("gui/", "cli_")) or relative in ("cli.py", "__main__.py"):  # cli_*: the CLI's own
            continue
        for match in _IMPORT.finditer(path.read_text(encoding="utf-8")):
            name = match.group(1) or match.group(2)
            if re.match(r"(\.+|auditapp\.)(cli|gui)\b", name):
                offenders.append(f"{relative}: {name}")
    assert offenders == []


def test_the_window_modules_stay_small():
    """One pane, one job: no module of the window grows back into a 900-line class."""
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (ROOT / "auditapp" / "gui").glob("*.py")}
    assert max(sizes.values()) <= 450, sizes
