"""The first hour with the program (issue 22): the command line in one language, the window's
picture with no display, tests that say what they need when they skip."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from auditapp.messages import EN, MESSAGES, ZH

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
SEED0 = SAMPLES / "000_5765c3367762f63e.txt"


def run(tmp_path: Path, *args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    out = subprocess.run(
        [sys.executable, "-m", "auditapp", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PYTHONIOENCODING": "utf-8",
             "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=timeout,
    )  # fmt: skip
    assert "Traceback" not in out.stdout + out.stderr
    return out


def test_every_message_is_in_both_languages_with_the_same_fields():
    assert MESSAGES[ZH].keys() == MESSAGES[EN].keys()
    for key in MESSAGES[ZH]:
        fields = [{f for _, f, _, _ in string.Formatter().parse(MESSAGES[lang][key]) if f} for lang in (ZH, EN)]
        assert fields[0] == fields[1], key
        assert not CJK.search(MESSAGES[EN][key]), key


def test_lang_en_says_everything_of_its_own_in_english(tmp_path):
    (tmp_path / "empty").mkdir()
    fault = tmp_path / "fault.txt"
    fault.write_text(SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |"), encoding="utf-8")
    out = run(tmp_path, "audit", "empty", "fault.txt", "--lang", "en", "--xlsx", "out.xlsx", "--workers", "0")
    assert out.returncode == 1
    assert "Note: the folder empty holds no report file (.txt" in out.stderr
    assert "Audit workbook written to out.xlsx" in out.stderr
    assert not CJK.search(out.stderr), out.stderr  # the reports' own words are on stdout
    assert (tmp_path / "out.xlsx").exists()


def test_lang_en_with_nothing_to_audit(tmp_path):
    (tmp_path / "empty").mkdir()
    out = run(tmp_path, "audit", "empty", "--lang", "en")
    assert out.returncode == 2
    assert out.stderr.splitlines()[-1] == "Error: no files to audit were found"
    assert not CJK.search(out.stderr)
    chinese = run(tmp_path, "audit", "empty")
    assert chinese.stderr.splitlines()[-1] == "错误：没有找到要审核的文件"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Windows and macOS always have a display")
def test_gui_screenshot_works_with_no_display_at_all(tmp_path):
    pytest.importorskip("PySide6.QtWidgets")
    shot = tmp_path / "window.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), AUDITAPP_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run(
        [sys.executable, "-m", "auditapp", "gui", "--screenshot", str(shot), str(SEED0)],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=120,
        env={**env, "PYTHONPATH": str(ROOT), "XDG_STATE_HOME": str(tmp_path / "state")},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")


def _package(soname: str) -> str:
    """Debian's package for a library: libxcb-icccm.so.4 → libxcb-icccm4, libxkbcommon-x11.so.0 → …-x11-0."""
    name, version = re.match(r"(.+)\.so\.(\d+)", soname).groups()
    return f"{name}{'-' if name[-1].isdigit() else ''}{version}".lower()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 plugin is Linux's")
def test_the_readme_names_every_x11_library_the_window_needs():
    import shutil

    if shutil.which("ldd") is None:
        pytest.skip("needs ldd to list the plugin's libraries")
    qt = Path(pytest.importorskip("PySide6").__file__).parent / "Qt"
    libraries = set()
    for binary in (qt / "plugins" / "platforms" / "libqxcb.so", *qt.glob("lib/libQt6XcbQpa.so*")):
        listing = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
        libraries |= set(re.findall(r"^\s*(lib(?:xcb|xkbcommon|X11-xcb)[\w-]*\.so\.\d+)", listing, re.M))
    assert "libxcb-icccm.so.4" in libraries  # the one the fresh desktop lacked
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"sudo apt install (libxcb-cursor0 .*?)\n\n", readme, re.S).group(1)
    named = set(command.replace("\\", " ").split())
    assert {_package(s) for s in libraries} <= named, {_package(s) for s in libraries} - named


def test_the_readme_quotes_the_skip_reasons_the_tests_give():
    from conftest import NEEDS_SHARED, needs_libreoffice

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert NEEDS_SHARED.split(" (")[0].replace("`shared`", "shared") in readme
    for component in ("writer", "calc"):
        assert needs_libreoffice(component).kwargs["reason"].split(" (")[0] in readme


def test_libreoffice_with_calc_but_not_writer_skips_the_writer_tests(tmp_path):
    from conftest import needs_libreoffice

    from auditapp.ingest import legacy

    program = tmp_path / "libreoffice" / "program"
    program.mkdir(parents=True)
    soffice = program / "soffice"
    soffice.write_text("#!/bin/sh\n")
    (program / "libsclo.so").write_bytes(b"")  # Calc's library, and not Writer's
    assert legacy.has_component("calc", str(soffice))
    assert not legacy.has_component("writer", str(soffice))
    (program / "libswlo.so").write_bytes(b"")
    assert legacy.has_component("writer", str(soffice))
    assert "apt install libreoffice-writer" in needs_libreoffice("writer").kwargs["reason"]


def test_a_skip_for_missing_fixtures_says_where_to_put_them():
    from conftest import NEEDS_SHARED, SHARED

    assert str(SHARED) in NEEDS_SHARED and "put the `shared` folder beside this clone" in NEEDS_SHARED


def test_every_rule_says_what_it_checks_in_english_too():
    from auditapp.rules.catalogue import RULES, basis, checks
    from auditapp.rules.catalogue_en import CHECKS_EN

    assert set(CHECKS_EN) == {r.id for r in RULES}  # a rule added without its English fails here
    for r in RULES:
        assert checks(r, "en") and basis(r, "en") and checks(r, "en") != r.checks_zh


def test_rules_and_about_speak_english_with_lang_en(capsys):
    from auditapp.cli import main
    from auditapp.rules.catalogue import RULES

    assert main(["rules", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(RULES)
    assert all(f" {r.title_en}: " in line for r, line in zip(RULES, lines, strict=True))
    assert main(["rules", "--markdown", "--lang", "en"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("| rule id | name | severity | what it checks | basis |")
    assert "检查内容" not in table and "错误" not in table
    assert main(["about", "--lang", "en"]) == 0
    about = capsys.readouterr().out
    assert "Libraries used" in about and "所用的库" not in about


def test_the_command_lines_help_and_refusals_follow_its_language(capsys, monkeypatch):
    import pytest as _pytest

    from auditapp.cli import main

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    with _pytest.raises(SystemExit):
        main(["audit", "x", "--timeout", "nan", "--lang", "en"])
    assert "a time limit is a number of seconds above 0" in capsys.readouterr().err
    with _pytest.raises(SystemExit):
        main(["audit", "x", "--workers", "-3"])
    assert "进程数须为 0 或正整数" in capsys.readouterr().err
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with _pytest.raises(SystemExit):
        main(["audit", "--help"])
    out = capsys.readouterr().out
    assert "report files or folders" in out and "报告文件" not in out
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with _pytest.raises(SystemExit):
        main(["audit", "--help"])
    assert "报告文件或文件夹" in capsys.readouterr().out
