"""Packaging: the frozen build's spec and entry points, the version resource, the icon, where
resources and settings are found, the wheel, and the offline install kit.

The frozen build itself is built and smoke-tested by `python packaging/build.py` (CI runs it
after the tests): it takes minutes, so it is not a test here."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import struct
import subprocess
import sys
import tomllib
import types
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

import auditapp
from auditapp import resources

PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _script(name: str):
    """A module of packaging/ (scripts, not a package), imported by path."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(PACKAGING))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(PACKAGING))
    return module


def _runtime_requirements() -> list[str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]


# ---- the spec and the entry points --------------------------------------------------------------


def test_the_spec_bundles_every_auditapp_module_by_collecting_not_naming_them():
    spec = (PACKAGING / "auditapp.spec").read_text(encoding="utf-8")
    assert 'hidden = collect_submodules("auditapp")' in spec
    assert not re.search(r"[\"']auditapp\.(ingest|docgen)\.", spec)  # no module named one by one
    for folder in ("translations", "icons", "samples", "rulepacks"):
        assert f'"resources/{folder}"' in spec


def test_collecting_submodules_finds_every_module_file():
    hooks = pytest.importorskip("PyInstaller.utils.hooks")
    collected = set(hooks.collect_submodules("auditapp"))
    on_disk = {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "auditapp").rglob("*.py")
    }
    assert on_disk <= collected
    assert {"auditapp.ingest", "auditapp.docgen", "auditapp.gui.about"} <= collected


@pytest.mark.parametrize("entry", ["entry_gui.py", "entry_cli.py"])
def test_an_entry_point_calls_freeze_support_before_anything_of_auditapp(entry):
    """A worker process of a frozen program starts the executable again: freeze_support must take
    it over before the command line (or the window) starts."""
    tree = ast.parse((PACKAGING / entry).read_text(encoding="utf-8"))
    main = next(node for node in tree.body if isinstance(node, ast.If))
    assert ast.unparse(main.test) == "__name__ == '__main__'"
    assert ast.unparse(main.body[0]) == "multiprocessing.freeze_support()"
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module.startswith("auditapp")]
    assert imports and all(n.lineno > main.body[0].lineno for n in imports)


def test_the_gui_entry_opens_the_window_with_the_files_given():
    text = (PACKAGING / "entry_gui.py").read_text(encoding="utf-8")
    assert 'main(["gui", *sys.argv[1:]])' in text


def test_the_build_venv_gets_the_runtime_requirements_and_pyinstaller():
    build = _script("build")
    wanted = build.requirements("build")
    assert set(_runtime_requirements()) <= set(wanted)
    assert any(r.lower().startswith("pyinstaller") for r in wanted)
    assert build.version() == auditapp.__version__


def test_the_smoke_test_fails_on_a_folder_without_the_programs(tmp_path):
    build = _script("build")
    smoke = build.Smoke(tmp_path, None)
    assert smoke.all() is False
    assert "auditapp-cli is there" in smoke.failures[0]


def test_ci_builds_and_smoke_tests_the_frozen_program():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "packaging/build.py" in ci
    assert "--smoke-only" not in ci  # CI builds it, not just tests an old build


# ---- the Windows version resource ---------------------------------------------------------------


def test_the_version_numbers_come_from_the_package_version():
    versioninfo = _script("versioninfo")
    assert versioninfo.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert versioninfo.version_tuple("1.2rc1") == (1, 2, 0, 0)
    assert versioninfo.version_tuple("2.3.4.5.6") == (2, 3, 4, 5)


def test_pyinstaller_reads_the_version_resource_with_the_version(monkeypatch, tmp_path):
    """PyInstaller's versioninfo module imports Windows-only modules; stand-ins for those let it
    read our text here as it will on Windows, and lay it out as the resource's bytes."""
    compat = pytest.importorskip("PyInstaller.compat")
    monkeypatch.setattr(compat, "win32api", None, raising=False)
    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    from PyInstaller.utils.win32 import versioninfo as pyinstaller_versioninfo

    versioninfo = _script("versioninfo")
    path = tmp_path / "version.txt"
    path.write_text(versioninfo.version_file_text(auditapp.__version__, "auditapp-cli.exe", "审核工具"), "utf-8")
    info = pyinstaller_versioninfo.load_version_info_from_text_file(str(path))
    text = str(info)
    assert f"StringStruct('FileVersion', '{auditapp.__version__}')" in text
    assert "StringStruct('OriginalFilename', 'auditapp-cli.exe')" in text
    assert "StringStruct('FileDescription', '审核工具')" in text
    assert "VarStruct('Translation', [2052, 1200])" in text
    numbers = versioninfo.version_tuple(auditapp.__version__)
    assert info.ffi.fileVersionMS == (numbers[0] << 16) | numbers[1]
    assert len(info.toRaw()) > 500


# ---- the icon -----------------------------------------------------------------------------------


def test_the_ico_holds_every_size():
    data = (ICONS / "auditapp.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = {data[6 + 16 * k] or 256 for k in range(count)}  # 0 stands for 256
    assert sizes == set(ICON_SIZES)


def test_a_png_is_drawn_for_every_size():
    for size in ICON_SIZES:
        data = (ICONS / f"auditapp-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (size, size)


# ---- resources, settings ------------------------------------------------------------------------


def test_resources_are_found_in_the_checkout():
    assert resources.resource("translations", "auditapp_zh_CN.qm") == ROOT / "resources/translations/auditapp_zh_CN.qm"
    assert resources.resource("icons", "auditapp.ico") == ICONS / "auditapp.ico"
    assert resources.resource("no-such-thing") is None


def test_a_frozen_build_looks_in_its_bundle_first(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "auditapp.exe"))
    dirs = resources.resource_dirs()
    assert dirs[:2] == [tmp_path / "_internal" / "resources", tmp_path / "resources"]
    (tmp_path / "_internal" / "resources" / "samples").mkdir(parents=True)
    assert resources.resource("samples") == tmp_path / "_internal" / "resources" / "samples"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = out.glob("auditapp-*.whl")
    return found


def test_the_wheel_carries_the_resources_and_the_licence(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for part in (
        "translations/auditapp_zh_CN.qm",
        "icons/auditapp.ico",
        "icons/auditapp-256.png",
        "guide/guide_zh_CN.md",
        "rulepacks/default.toml",
    ):
        assert f"auditapp/_resources/{part}" in names
    samples = sorted(p.name for p in (ROOT / "resources" / "samples").glob("*.txt"))
    assert {f"auditapp/_resources/samples/{name}" for name in samples} <= names
    assert f"auditapp-{auditapp.__version__}.dist-info/licenses/LICENSE" in names
    assert not any(name.startswith(("tests/", "packaging/", "resources/")) for name in names)


def test_an_installed_wheel_finds_its_resources(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from auditapp.resources import resource; from auditapp.gui.app import samples_dir; "
        "print(resource('translations', 'auditapp_zh_CN.qm')); print(samples_dir())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(site)}
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == [
        str(site / "auditapp/_resources/translations/auditapp_zh_CN.qm"),
        str(site / "auditapp/_resources/samples"),
    ]


pytest.importorskip("PySide6.QtWidgets")


def test_the_application_has_its_names_version_and_icon_and_native_settings(qapp, tmp_path):
    from PySide6.QtCore import QCoreApplication, QSettings

    from auditapp.gui.app import configure_application

    before = (qapp.organizationName(), qapp.applicationName(), qapp.windowIcon())
    try:
        configure_application(qapp)
        assert (qapp.organizationName(), qapp.applicationName()) == ("auditapp", "auditapp")
        assert QCoreApplication.applicationVersion() == auditapp.__version__
        sizes = {s.width() for s in qapp.windowIcon().availableSizes()}
        assert {16, 32, 256} <= sizes
        native = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "auditapp", "auditapp")
        if sys.platform == "win32":  # the registry
            assert native.fileName() == "\\HKEY_CURRENT_USER\\Software\\auditapp\\auditapp"
        else:  # ~/.config/auditapp/auditapp.conf, or wherever the user's configuration folder is
            QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
            native = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "auditapp", "auditapp")
            assert Path(native.fileName()) == tmp_path / "auditapp" / "auditapp.conf"
    finally:
        qapp.setOrganizationName(before[0])
        qapp.setApplicationName(before[1])
        qapp.setWindowIcon(before[2])


def test_on_linux_the_settings_go_to_the_users_configuration_folder(tmp_path):
    if sys.platform == "win32":
        pytest.skip("Windows keeps them in the registry (see the test above)")
    code = (
        "import sys; from PySide6.QtCore import QSettings; from PySide6.QtWidgets import QApplication; "
        "app = QApplication([]); from auditapp.gui.app import configure_application; configure_application(app); "
        "print(QSettings().fileName())"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "auditapp" / "auditapp.conf")


# ---- the offline install kit --------------------------------------------------------------------


def test_the_kit_downloads_binary_wheels_of_the_requirements_for_windows_and_this_machine(tmp_path):
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "offline_kit.py"), "--dry-run", "--out", str(tmp_path / "kit")],
        capture_output=True,
        text=True,
        check=True,
    )
    wheel, windows, here = [line.split() for line in done.stdout.splitlines()]
    assert wheel[4:6] == ["wheel", "--no-deps"] and wheel[-1] == str(ROOT)
    assert wheel[wheel.index("--wheel-dir") + 1] == str(tmp_path / "kit" / "wheels")
    for command in (windows, here):
        assert command[4] == "download" and "--only-binary=:all:" in command
        assert command[-len(_runtime_requirements()) :] == _runtime_requirements()
        assert command[command.index("--dest") + 1] == str(tmp_path / "kit" / "wheels")
    assert windows[windows.index("--platform") + 1] == "win_amd64"
    assert windows[windows.index("--python-version") + 1] == "3.11"
    assert "--platform" not in here


def test_the_kit_says_how_to_install_with_no_network_in_chinese_and_english():
    kit = _script("offline_kit")
    text = kit.instructions(["win_amd64", "current"], "3.11", Path("auditapp-0.1.0-linux-x86_64.zip"))
    assert 'py -3.11 -m venv "%LOCALAPPDATA%\\auditapp\\venv"' in text
    assert "-m pip install --no-index --find-links wheels auditapp" in text
    assert "不需要管理员权限" in text and "no administrator rights" in text
    assert "Windows x64, Python 3.11" in text
    assert "auditapp-0.1.0-linux-x86_64.zip" in text


def test_the_readme_tells_users_and_maintainers_what_the_scripts_do():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needed in (
        "auditapp-cli.exe",
        "python packaging/build.py",
        "python packaging/offline_kit.py",
        "--no-index --find-links wheels auditapp",
        "python packaging/build_translations.py",
    ):
        assert needed in readme, needed
