"""Gather an offline install kit: `python packaging/offline_kit.py [--out DIR]`.

Puts into one folder every wheel auditapp needs to install with no network: its own wheel
(`pip wheel . --no-deps`) and its requirements (read from pyproject.toml) as binary wheels for
each platform asked (by default Windows x64 with Python 3.11, and this machine's own), plus
INSTALL.txt, in Chinese and English, with the commands to install it with no network and no
administrator rights. With --frozen ZIP it also carries a frozen build (packaging/build.py
--archive), which needs no Python at all; with --add FILE any other file, such as the python.org
installer of Python for Windows (python-3.11.x-amd64.exe), which no package registry serves.

  --platform win_amd64 --platform current   the default; any pip platform tag works, e.g.
                                            manylinux_2_28_aarch64 for an ARM desktop
  --dry-run                                 print the pip commands, download nothing
  --verify                                  then install the kit into a new venv with
                                            --no-index and audit the samples with it
                                            (this machine's platform must be in the kit)
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
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CURRENT = "current"
WINDOWS_X64 = "win_amd64"
DEFAULT_PYTHON = "3.11"


def requirements() -> list[str]:
    return list(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"])


def version() -> str:
    text = (ROOT / "auditapp" / "__init__.py").read_text(encoding="utf-8")
    return next(line.split('"')[1] for line in text.splitlines() if line.startswith("__version__"))


def pip_commands(wheels: Path, platforms: list[str], python_version: str) -> list[list[str]]:
    """The pip runs that fill `wheels`: the project's own wheel, then the requirements per platform."""
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    commands = [[*pip, "wheel", "--no-deps", "--wheel-dir", str(wheels), str(ROOT)]]
    for tag in platforms:
        command = [*pip, "download", "--only-binary=:all:", "--dest", str(wheels)]
        if tag != CURRENT:
            abi = "cp" + python_version.replace(".", "")
            command += ["--platform", tag, "--python-version", python_version, "--implementation", "cp", "--abi", abi]
        commands.append(command + requirements())
    return commands


def describe(tag: str, python_version: str) -> str:
    if tag == CURRENT:
        return f"{platform.system()} {platform.machine()}, Python {platform.python_version()[:4].rstrip('.')}"
    if tag == WINDOWS_X64:
        return f"Windows x64, Python {python_version}"
    return f"{tag}, Python {python_version}"


INSTALL = """\
auditapp {version} 离线安装包 / offline install kit
==================================================

本文件夹可以拷贝到不联网的电脑上安装 auditapp，不需要管理员权限。
This folder installs auditapp on a computer with no network, without administrator rights.

内容 / Contents
  wheels\\      auditapp 及其依赖的全部安装文件（wheel）/ every wheel auditapp needs:
{platforms}
{frozen}{added}
下面的命令都在本文件夹中运行（Windows：在文件夹地址栏输入 cmd 回车，打开命令提示符）。
Run the commands below in this folder (Windows: type cmd in the folder's address bar, Enter).
路径中有空格或中文都可以，注意保留引号。Paths may hold spaces or Chinese: keep the quotes.

一、Windows（x64）
-----------------
1. 需要 Python {python}（64 位）。若电脑上没有，运行 Python 安装程序 python-{python}.x-amd64.exe
   （若本文件夹中有），取消勾选 "Use admin privileges when installing py.exe"，再点 "Install Now"：
   只为当前用户安装，不需要管理员权限。
   Needs Python {python} (64-bit). If missing, run the installer python-{python}.x-amd64.exe (when in
   this folder), untick "Use admin privileges when installing py.exe", then "Install Now": it
   installs for the current user only, with no administrator rights.

2. 安装（只需一次）/ Install (once):

   py -{python} -m venv "%LOCALAPPDATA%\\auditapp\\venv"
   "%LOCALAPPDATA%\\auditapp\\venv\\Scripts\\python.exe" -m pip install --no-index --find-links wheels auditapp

3. 使用 / Use:

   "%LOCALAPPDATA%\\auditapp\\venv\\Scripts\\auditapp.exe" gui                       打开审核窗口 / the window
   "%LOCALAPPDATA%\\auditapp\\venv\\Scripts\\auditapp.exe" audit "D:\\报告" --xlsx 审核结果.xlsx

   可为第一条命令建一个桌面快捷方式。/ Make a desktop shortcut of the first command.

二、Linux（x86_64 等）
---------------------
   python3 -m venv ~/.local/share/auditapp/venv
   ~/.local/share/auditapp/venv/bin/pip install --no-index --find-links wheels auditapp
   ~/.local/share/auditapp/venv/bin/auditapp gui

   若提示没有 venv 模块（Debian 系需要 python3-venv），请使用免安装版，或请管理员安装 python3-venv。
   If the venv module is missing (python3-venv on Debian-like systems), use the frozen build.

三、升级 / Upgrade
-----------------
   用新版离线安装包，在第 2 步的 pip install 命令后加 --upgrade。
   With a newer kit, add --upgrade to the pip install command of step 2.

设置保存在 / Settings: Windows 注册表 HKEY_CURRENT_USER\\Software\\auditapp；Linux ~/.config/auditapp/。
日志 / Log: %LOCALAPPDATA%\\auditapp\\logs 或 / or ~/.local/state/auditapp/logs。
"""

FROZEN = """\
  {name}
               免安装版（{where}）：解压后直接运行 auditapp/auditapp（窗口）或 auditapp-cli（命令行），
               不需要 Python。/ The frozen build for {where}: unzip and run auditapp (the window) or
               auditapp-cli (the command line); no Python needed.
"""


def instructions(platforms: list[str], python_version: str, frozen: Path | None, added: list[Path] = ()) -> str:
    listed = "\n".join(f"               - {describe(tag, python_version)}" for tag in platforms)
    where = f"{platform.system()} {platform.machine()}"
    return INSTALL.format(
        version=version(),
        python=python_version,
        platforms=listed,
        frozen=FROZEN.format(name=frozen.name, where=where) if frozen else "",
        added="".join(f"  {path.name}\n" for path in added),
    )


def verify(out: Path) -> None:
    """Install the kit into a new venv with no index, and audit the bundled samples with it."""
    with tempfile.TemporaryDirectory(prefix="auditapp-kit-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
        python = bin_dir / ("python.exe" if sys.platform == "win32" else "python")
        install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index"]
        # Only the kit: none of this machine's pip configuration (indexes, find-links) may help.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
        env.update(PIP_CONFIG_FILE=os.devnull, PYTHONNOUSERSITE="1")
        subprocess.run([*install, "--find-links", str(out / "wheels"), "auditapp"], check=True, env=env)
        done = subprocess.run(
            [str(bin_dir / "auditapp"), "audit", str(ROOT / "resources" / "samples"), "--json", "--workers", "0"],
            capture_output=True,
            check=True,
            cwd=tmp,
        )
        rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
        if not rows or any(r["status"] != "ok" for r in rows):
            sys.exit("verify: the kit's auditapp did not audit the samples")
        code = "from auditapp.resources import resource; print(resource('translations', 'auditapp_zh_CN.qm'))"
        found = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True, cwd=tmp)
        if "_resources" not in found.stdout:
            sys.exit("verify: the installed auditapp has no Chinese translation")
        print(f"verify: installed from {out / 'wheels'} with no index; {len(rows)} samples audited, translations found")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / f"auditapp-{version()}-offline")
    parser.add_argument("--platform", action="append", dest="platforms", metavar="TAG")
    parser.add_argument("--python-version", default=DEFAULT_PYTHON, help=f"for other platforms ({DEFAULT_PYTHON})")
    parser.add_argument("--frozen", type=Path, metavar="ZIP", help="a frozen build's archive to put in the kit")
    parser.add_argument(
        "--add", type=Path, action="append", default=[], metavar="FILE", help="another file for the kit"
    )
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--verify", action="store_true")
    args = parser.parse_args(argv)
    platforms = list(dict.fromkeys(args.platforms or [WINDOWS_X64, CURRENT]))
    wheels = args.out / "wheels"
    commands = pip_commands(wheels, platforms, args.python_version)
    if args.dry_run:
        for command in commands:
            print(" ".join(command))
        return 0
    wheels.mkdir(parents=True, exist_ok=True)
    for command in commands:
        subprocess.run(command, check=True)
    for extra in [args.frozen, *args.add] if args.frozen else args.add:
        shutil.copy2(extra, args.out / extra.name)
    text = instructions(platforms, args.python_version, args.frozen, args.add)
    (args.out / "INSTALL.txt").write_text(text, encoding="utf-8-sig", newline="\r\n")  # Notepad-friendly
    files = sorted(wheels.glob("*.whl"))
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file()) / 1024 / 1024
    print(f"{args.out}: {len(files)} wheels, {size:.0f} MB")
    if args.verify:
        verify(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
