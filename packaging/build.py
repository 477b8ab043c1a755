"""Build the frozen program and smoke-test it: `python packaging/build.py`.

1. A clean venv (build/venv, made anew each time unless --reuse-venv) with only the project's
   requirements and PyInstaller, read from pyproject.toml: PyInstaller bundles whatever the
   interpreter running it can import, so building from a venv that holds exactly these (no
   system site-packages, no user site, no PYTHONPATH) keeps another PySide6 out of the bundle.
2. PyInstaller with packaging/auditapp.spec → dist/auditapp/ (auditapp and auditapp-cli).
3. The smoke test, on the frozen programs themselves: `auditapp-cli --version`; `audit` on the
   bundled samples with --json, in-process and with two worker processes (the same output);
   `about` lists the libraries of the build venv at their versions; the window is started
   offscreen with a sample and closed again (--screenshot), and the picture is checked.
4. With --archive, dist/auditapp-<version>-<platform>.zip (.tar.gz on Linux) of the folder, for a release.

`--smoke-only` tests an existing dist/auditapp. Exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "auditapp.spec"
SAMPLES = ROOT / "resources" / "samples"
WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""
# The libraries whose bundled version the smoke test compares with the build venv's.
CHECKED = (
    "PySide6_Essentials",
    "shiboken6",
    "pandas",
    "numpy",
    "openpyxl",
    "lxml",
    "pdfplumber",
    "pdfminer.six",
    "selectolax",
)


def requirements(*extras: str) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = list(project["dependencies"])
    for extra in extras:
        found += project["optional-dependencies"][extra]
    return found


def version() -> str:
    text = (ROOT / "auditapp" / "__init__.py").read_text(encoding="utf-8")
    return next(line.split('"')[1] for line in text.splitlines() if line.startswith("__version__"))


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONNOUSERSITE"] = "1"
    env.update(extra)
    return env


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def make_venv(venv: Path, reuse: bool) -> Path:
    python = venv_python(venv)
    if not (reuse and python.exists()):
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    config = (venv / "pyvenv.cfg").read_text(encoding="utf-8")
    if "include-system-site-packages = true" in config:
        sys.exit(f"{venv} sees the system's site-packages: remove it and build again")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, *requirements("build")], check=True, env=clean_env())
    return python


def pyinstaller(python: Path, dist: Path, work: Path) -> None:
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(command, check=True, cwd=ROOT, env=clean_env())


def installed_versions(python: Path) -> dict[str, str]:
    code = "import importlib.metadata as m, json, sys; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    out = subprocess.run(
        [str(python), "-c", code, *CHECKED], check=True, capture_output=True, text=True, env=clean_env()
    )
    return json.loads(out.stdout)


class Smoke:
    """The checks on the frozen folder; each failure is collected, all are reported."""

    def __init__(self, folder: Path, expected_versions: dict[str, str] | None) -> None:
        self.folder = folder
        self.cli = folder / f"auditapp-cli{EXE}"
        self.gui = folder / f"auditapp{EXE}"
        self.expected_versions = expected_versions
        self.failures: list[str] = []
        self.scratch = Path(tempfile.mkdtemp(prefix="auditapp-smoke-"))
        # The frozen program's settings and log go to the scratch folder, not the builder's own.
        self.env = clean_env(
            XDG_CONFIG_HOME=str(self.scratch / "config"),
            XDG_STATE_HOME=str(self.scratch / "state"),
            QT_QPA_PLATFORM="offscreen",
        )

    def check(self, ok: bool, what: str) -> None:
        print(f"  {'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            self.failures.append(what)

    def run(self, *args: str | Path, program: Path | None = None) -> subprocess.CompletedProcess:
        command = [str(program or self.cli), *map(str, args)]
        return subprocess.run(command, capture_output=True, env=self.env, timeout=300)

    def audit(self, workers: int) -> list[dict]:
        done = self.run("audit", SAMPLES, "--json", "--workers", workers)
        rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()]
        samples = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and not p.name.startswith("."))
        self.check(done.returncode == 0, f"audit --workers {workers} exits 0 (got {done.returncode})")
        self.check(len(rows) == len(samples), f"audit --workers {workers}: one JSON line per sample ({len(rows)})")
        self.check(
            all(r["status"] == "ok" and len(r["cells"]) == 200 for r in rows),
            f"audit --workers {workers}: every sample ok with its 200 cells",
        )
        formats = {r["source"]["format"] for r in rows if r["status"] == "ok"}
        self.check(
            {"text", "html", "docx", "xlsx", "pdf"} <= formats,
            f"audit --workers {workers}: every format's reader is bundled ({', '.join(sorted(formats))})",
        )
        if done.stderr.strip():
            print(done.stderr.decode("utf-8", "replace"), file=sys.stderr)
        return rows

    def all(self) -> bool:
        try:
            return self._all()
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def _all(self) -> bool:
        print(f"smoke test of {self.folder}")
        for program in (self.cli, self.gui):
            self.check(program.is_file(), f"{program.name} is there")
        bundle = self.folder / "_internal"
        bundled = (
            "translations/auditapp_zh_CN.qm", "icons/auditapp.ico", "guide/guide_zh_CN.md", "rulepacks/default.toml",
        )  # fmt: skip
        for part in (*(f"resources/{name}" for name in bundled), "LICENSE"):
            self.check((bundle / part).is_file(), f"{part} is bundled")
        self.check(any(bundle.glob("PySide6/**/translations/qtbase_zh_CN.qm")), "Qt's own qtbase_zh_CN.qm is bundled")
        if self.failures:
            return False
        done = self.run("--version")
        self.check(done.stdout.decode().strip() == f"auditapp {version()}", f"--version says {version()}")
        in_process = self.audit(0)
        self.check(self.audit(2) == in_process, "two worker processes give the same output as none")
        about = self.run("about").stdout.decode("utf-8")
        listed = dict(line.split("\t")[:2] for line in about.splitlines() if line.count("\t") == 2)
        for name, wanted in (self.expected_versions or {}).items():
            self.check(listed.get(name) == wanted, f"about: {name} {wanted} bundled (got {listed.get(name)})")
        picture = self.scratch / "window.png"
        done = self.run(sorted(SAMPLES.glob("*.txt"))[0], "--screenshot", picture, program=self.gui)
        self.check(done.returncode == 0, f"the window opens offscreen and closes (exit {done.returncode})")
        self.check(
            picture.is_file() and picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and picture.stat().st_size > 20_000,
            "the window's picture is written",
        )
        log = self.scratch / "state" / "auditapp" / "logs" / "auditapp.log"
        logged = log.read_text(encoding="utf-8") if log.is_file() else ""
        self.check("not found" not in logged, "every translation is found (Qt's and ours: nothing logged)")
        if not WINDOWS:  # Windows keeps them in the registry
            settings = self.scratch / "config" / "auditapp" / "auditapp.conf"
            self.check(settings.is_file(), "the window's settings are in ~/.config/auditapp/auditapp.conf")
        return not self.failures


def archive(folder: Path) -> Path:
    machine = platform.machine().lower().replace("amd64", "x86_64")
    name = f"auditapp-{version()}-{'windows' if WINDOWS else sys.platform}-{machine}"
    kind = "zip" if WINDOWS else "gztar"  # a tar keeps the bundle's symbolic links (Qt's libraries) as links
    return Path(shutil.make_archive(str(folder.parent / name), kind, folder.parent, folder.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", type=Path, default=ROOT / "build" / "venv", help="the build venv (build/venv)")
    parser.add_argument("--reuse-venv", action="store_true", help="keep the build venv if it exists (faster)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where dist/auditapp goes (dist)")
    parser.add_argument("--smoke-only", action="store_true", help="only smoke-test an existing build")
    parser.add_argument("--archive", action="store_true", help="also zip the folder for a release")
    args = parser.parse_args(argv)
    folder = args.dist / "auditapp"
    timings = {}
    expected = None
    if not args.smoke_only:
        start = time.monotonic()
        python = make_venv(args.venv, args.reuse_venv)
        timings["venv"] = time.monotonic() - start
        start = time.monotonic()
        pyinstaller(python, args.dist, ROOT / "build" / "pyinstaller")
        timings["pyinstaller"] = time.monotonic() - start
        expected = installed_versions(python)
    elif venv_python(args.venv).exists():
        expected = installed_versions(venv_python(args.venv))
    start = time.monotonic()
    ok = Smoke(folder, expected).all()
    timings["smoke test"] = time.monotonic() - start
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1024 / 1024
    print(f"{folder}: {size:.0f} MB; " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()))
    if ok and args.archive:
        print(f"archive: {archive(folder)}")
    if not ok:
        print("smoke test FAILED", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
