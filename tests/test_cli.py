"""The command line: version, help, the rule list, the Chinese summary, English messages, JSON Lines."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, SEED_NAMES

import auditapp
from auditapp.rules import RULES

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
SEED0 = SEED_NAMES[0]

# What the seeds say of themselves (title line, metadata table or opening sentence).
SEED_META = {
    "000_5765c3367762f63e.txt": ("杭州市钱塘区人民政府", 2023),
    "001_a7e6a703afb669e1.txt": ("城中区人民政府", 2024),
    "002_1fda27c24fffeb28.txt": ("北新桥街道", 2023),
    "003_863e23154c873766.txt": ("杭州市商务局", 2023),
    "004_205104d3919f452a.txt": ("灤河回族区人民政府", 2023),
}


def cli(tmp_path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    out = subprocess.run(
        [sys.executable, "-m", "auditapp", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PYTHONIOENCODING": "utf-8"},
        timeout=timeout,
    )
    assert "Traceback" not in out.stdout + out.stderr
    return out


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


# The hints the checks of a report's parts and dates give on the seeds, each true: 001 and 004 print no
# date and, as people's governments, mention no 社会评议 or 责任追究 (条例 Art. 50(4)); 001–004 state
# no statistics period; 002 (a sub-district office) and 004 print no date either.
SEED_HINTS = {
    SEED_NAMES[0]: [],
    SEED_NAMES[1]: ["timeliness.undecided", "period.not_stated", "parts.assessment"],
    SEED_NAMES[2]: ["timeliness.undecided", "period.not_stated"],
    SEED_NAMES[3]: ["period.not_stated"],
    SEED_NAMES[4]: ["timeliness.undecided", "period.not_stated", "parts.assessment"],
}


HINT_RULES = {rule for rules in SEED_HINTS.values() for rule in rules}


def seed_text(name: str = SEED0) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- version, help, rules -------------------------------------------------------------------------


def test_version(tmp_path):
    out = cli(tmp_path, "--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"auditapp {auditapp.__version__}"


def test_help_is_fast_and_chinese(tmp_path):
    start = time.perf_counter()
    out = cli(tmp_path, "--help")
    elapsed = time.perf_counter() - start
    assert out.returncode == 0
    assert elapsed < 5
    assert "政府信息公开工作年度报告" in out.stdout
    assert "audit" in out.stdout and "rules" in out.stdout
    sub = cli(tmp_path, "audit", "--help")
    assert sub.returncode == 0
    assert "--json" in sub.stdout and "--lang" in sub.stdout


def test_help_loads_no_heavy_module(tmp_path):
    code = (
        "import sys\n"
        "from auditapp.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit as e:\n    assert e.code == 0\n"
        "print([m for m in ('pandas', 'PySide6', 'chardet', 'openpyxl') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_rules_lists_every_rule(tmp_path):
    out = cli(tmp_path, "rules")
    assert out.returncode == 0
    listed = [line.split()[0] for line in out.stdout.splitlines() if line.strip()]
    assert listed == [r.id for r in RULES]
    for r in RULES:
        line = next(line for line in out.stdout.splitlines() if line.split()[0] == r.id)
        assert r.title_zh in line


def test_rules_markdown_lists_every_rule(tmp_path):
    out = cli(tmp_path, "rules", "--markdown")
    assert out.returncode == 0
    lines = out.stdout.strip().splitlines()
    assert lines[0].startswith("| 规则 id |") and set(lines[1]) <= set("|-")
    ids = [m.group(1) for line in lines[2:] if (m := re.match(r"\| `([^`]+)` \|", line))]
    assert ids == [r.id for r in RULES]
    assert len(lines) == 2 + len(RULES)


# ---- the human summary ----------------------------------------------------------------------------


def test_summary_of_the_samples_folder_is_chinese(tmp_path):
    out = cli(tmp_path, "audit", SAMPLES)
    assert out.returncode == 0
    *lines, totals = out.stdout.strip().splitlines()
    formats = sorted(p.name for p in (SAMPLES / "formats").iterdir())  # the first seed as a page, Word …
    # no warning on the consistent seeds; the first seed in five formats is one body-year given 5 times (info)
    repeated = [line for line in lines if line.startswith("  [提示] cross.repeated：同一机关2023年度的报告出现 5 次")]
    assert len(repeated) == 1 + len(formats)
    lines = [line for line in lines if line not in repeated]
    hint_rule = re.compile(r"  \[提示\] .*? ([a-z_]+\.[a-z_]+)：")
    hints = [line for line in lines if (m := hint_rule.match(line)) and m.group(1) in HINT_RULES]
    assert len(hints) == sum(map(len, SEED_HINTS.values()))
    lines = [line for line in lines if line not in hints]
    assert len(lines) == len(SEED_NAMES) + len(formats)
    assert totals == f"共 {len(lines)} 份：正常 {len(lines)}"  # the batch closes with its totals
    for line, name in zip(lines, SEED_NAMES + formats, strict=True):
        assert line.startswith(f"【正常】{name}：")
        agency, year = SEED_META[name if name in SEED_META else SEED_NAMES[0]]
        assert f"{agency} {year}年度" in line
        assert "读取单元格 200/200" in line and "错误 0" in line
        assert ("编码 utf-8" if name.endswith(".txt") else f"{name.rsplit('.')[-1].upper()} 文件") in line
    assert {n.rsplit(".")[-1] for n in formats} == {"html", "docx", "xlsx", "pdf"}
    assert out.stderr == ""


def _wrong_seed(tmp_path: Path) -> Path:
    # t3.new.natural_person 782 → 781: breaks its row total and its column's balance
    return write(tmp_path, "wrong.txt", seed_text().replace("| 782 | 8 |", "| 781 | 8 |", 1))


def test_summary_lists_findings_with_their_line(tmp_path):
    out = cli(tmp_path, "audit", _wrong_seed(tmp_path))
    assert out.returncode == 1
    head, *findings = out.stdout.strip().splitlines()
    assert head.startswith("【有错误】wrong.txt：") and "错误 2" in head
    assert len(findings) == 2
    for line in findings:
        assert line.lstrip().startswith("[错误] 第37行 t3.")
        assert "表三" in line and "最可能有误" in line and "782" in line  # the suspect and its proposed value


def test_lang_en_gives_english_finding_messages(tmp_path):
    path = _wrong_seed(tmp_path)
    en = json_lines(cli(tmp_path, "audit", path, "--json", "--lang", "en").stdout)[0]
    zh = json_lines(cli(tmp_path, "audit", path, "--json").stdout)[0]
    en_msgs = {f["rule"]: f["message"] for f in en["findings"]}
    zh_msgs = {f["rule"]: f["message"] for f in zh["findings"]}
    assert set(en_msgs) == set(zh_msgs) == {"t3.balance", "t3.row_total"}
    assert en_msgs["t3.row_total"].startswith("Table 3, row '一、本年新收政府信息公开申请数量'")
    assert re.search(r"790\D.*791\D.*difference 1", en_msgs["t3.row_total"])
    assert en_msgs["t3.balance"].startswith("Table 3, column '自然人'")
    assert re.search(r"804\D.*805\D.*difference 1", en_msgs["t3.balance"])
    for m in en_msgs.values():
        assert "most likely" in m and "782 would satisfy" in m
    for m in zh_msgs.values():
        assert m.startswith("表三") and "最可能有误" in m
    # everything but the messages is the same in both languages
    strip = lambda o: {**o, "findings": [{k: v for k, v in f.items() if k != "message"} for f in o["findings"]]}  # noqa: E731
    assert strip(en) == strip(zh)

    human = cli(tmp_path, "audit", path, "--lang", "en")
    assert human.returncode == 1
    assert en_msgs["t3.row_total"] in human.stdout


def test_lang_en_messages_have_no_chinese_outside_quoted_labels(tmp_path):
    text = seed_text().replace("| 782 | 8 |", "| 781 | 8 |", 1)
    text = "\n".join(line for line in text.split("\n") if "重复申请" not in line)
    text = text.replace("规章 | 0 | 0 | 0 |", "规章 | — | 约0 | 0（其中修订1件） |", 1)
    obj = json_lines(cli(tmp_path, "audit", write(tmp_path, "mixed.txt", text), "--json", "--lang", "en").stdout)[0]
    rules = {f["rule"] for f in obj["findings"]}
    assert {"t3.row_total", "structure.row_missing", "value.unreadable", "value.note"} <= rules
    quoted = re.compile(r"'[^']*'|“[^”]*”")
    leftovers = {f["rule"]: CJK.findall(quoted.sub("", f["message"])) for f in obj["findings"]}
    assert {rule: chars for rule, chars in leftovers.items() if chars} == {}


# ---- JSON Lines -----------------------------------------------------------------------------------


def test_json_has_the_spec_keys_and_the_fixture_cells(tmp_path, expected):
    out = cli(tmp_path, "audit", SAMPLES, "--json")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    formats = [json.loads(line) for line in lines[len(SEED_NAMES) :]]  # the first seed in other formats
    assert len(formats) == len(list((SAMPLES / "formats").iterdir()))
    first = expected[SEED_NAMES[0]]["cells"]
    for obj in formats:
        # one body-year given five times: said once on each, as information
        assert obj["status"] == "ok" and [f["rule"] for f in obj["findings"]] == ["cross.repeated"], obj["file"]
        assert {cid: c["value"] for cid, c in obj["cells"].items()} == {cid: c["value"] for cid, c in first.items()}
    for line, name in zip(lines, SEED_NAMES, strict=False):
        obj = json.loads(line)  # one object per line
        assert {"file", "status", "error", "source", "meta", "cells", "findings"} <= set(obj)
        assert obj["file"] == str(SAMPLES / name)
        assert obj["status"] == "ok" and obj["error"] is None
        assert obj["source"] == {"format": "text", "encoding": "utf-8"}
        assert (obj["meta"]["agency"], obj["meta"]["year"]) == SEED_META[name]
        want = expected[name]["cells"]
        assert set(obj["cells"]) == set(want)
        for cid, cell in obj["cells"].items():
            assert {"value", "line"} <= set(cell)
            assert (cell["value"], cell["line"]) == (want[cid]["value"], want[cid]["line"]), (name, cid)
        repeated = ["cross.repeated"] if name == SEED_NAMES[0] else []  # also given in the other formats
        assert [f["rule"] for f in obj["findings"]] == repeated + SEED_HINTS[name]


def test_json_findings_have_the_spec_keys(tmp_path):
    out = cli(tmp_path, "audit", _wrong_seed(tmp_path), "--json")
    assert out.returncode == 1
    (obj,) = json_lines(out.stdout)
    cell = obj["cells"]["t3.new.natural_person"]
    assert (cell["value"], cell["line"], cell["raw"]) == (781, 37, "781")
    start, end = cell["span"]
    assert seed_text().split("\n")[36][start:end] == "782"  # the span points at the cell in the line
    assert len(obj["findings"]) == 2
    for f in obj["findings"]:
        assert {"rule", "severity", "message", "cells", "suspect", "expected", "actual"} <= set(f)
        assert f["severity"] == "error"
        assert f["suspect"] == "t3.new.natural_person"
        assert "t3.new.natural_person" in f["cells"]
        assert isinstance(f["message"], str) and f["message"]
    by_rule = {f["rule"]: f for f in obj["findings"]}
    assert (by_rule["t3.row_total"]["expected"], by_rule["t3.row_total"]["actual"]) == (790, 791)
    assert (by_rule["t3.balance"]["expected"], by_rule["t3.balance"]["actual"]) == (804, 805)
    assert by_rule["t3.row_total"]["cells"] == [
        *(
            f"t3.new.{c}"
            for c in ("natural_person", "business", "research", "social_org", "legal_service", "other_org")
        ),
        "t3.new.total",
    ]


@pytest.mark.parametrize("mark", ["—", "-", "/", "无"])
def test_placeholder_cell_in_json(mark, tmp_path):
    # t2.regulations: 0 | 0 | 0 → <mark> | (blank) | 0
    text = seed_text().replace("规章 | 0 | 0 | 0 |", f"规章 | {mark} |  | 0 |", 1)
    out = cli(tmp_path, "audit", write(tmp_path, "ph.txt", text), "--json")
    assert out.returncode == 0
    (obj,) = json_lines(out.stdout)
    assert obj["status"] == "ok"
    placeholder = obj["cells"]["t2.regulations.issued"]
    assert placeholder["raw"] == mark
    assert placeholder["placeholder"] is True
    assert placeholder["value"] == 0 and placeholder["line"] == 21
    blank = obj["cells"]["t2.regulations.repealed"]
    assert blank["value"] is None and blank["raw"] == "" and blank["line"] == 21
    assert obj["cells"]["t2.regulations.in_force"]["value"] == 0

    by_rule = {f["rule"]: f for f in obj["findings"]}
    info = by_rule["value.placeholder"]
    assert info["severity"] == "info"
    assert info["cells"] == ["t2.regulations.issued"]
    assert mark in info["message"] and "0" in info["message"]
    assert by_rule["value.blank"]["cells"] == ["t2.regulations.repealed"]
    assert all(f["severity"] == "info" for f in obj["findings"])


def test_json_for_a_failed_file_keeps_the_shape(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    out = cli(tmp_path, "audit", path, "--json")
    assert out.returncode == 2
    (obj,) = json_lines(out.stdout)
    assert obj["file"] == str(path)
    assert obj["status"] == "failed" and CJK.search(obj["error"])
    assert obj["source"] is None
    assert obj["meta"]["agency"] is None and obj["meta"]["year"] is None
    assert obj["cells"] == {} and obj["findings"] == []


def test_no_input_found_exits_2_with_a_message(tmp_path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    out = cli(tmp_path, "audit", folder)
    assert out.returncode == 2
    assert out.stdout == ""
    assert "没有找到要审核的文件" in out.stderr


@pytest.mark.parametrize("console", ["ascii", "gbk"])
def test_a_narrow_console_never_crashes_the_cli(console, tmp_path):
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PYTHONIOENCODING": console}
    path = _wrong_seed(tmp_path)
    for args in (["audit", path], ["audit", path, "--json"], ["rules"]):
        out = subprocess.run(
            [sys.executable, "-m", "auditapp", *map(str, args)], capture_output=True, cwd=ROOT, env=env, timeout=60
        )
        assert b"Traceback" not in out.stdout + out.stderr
        assert out.returncode == (0 if args == ["rules"] else 1)
        if "--json" in args:  # JSON Lines are UTF-8 whatever the console
            (obj,) = json_lines(out.stdout.decode("utf-8"))
            assert obj["findings"][0]["rule"].startswith("t3.")


def test_a_closed_pipe_ends_quietly(tmp_path):
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    args = [sys.executable, "-m", "auditapp", "audit", *[str(SAMPLES)] * 20, "--json"]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env) as proc:
        assert proc.stdout.read(100).startswith(b'{"file": ')
        proc.stdout.close()  # like `| head -c 100`
        stderr = proc.stderr.read()
        code = proc.wait(timeout=60)
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr
    assert code == 0  # the reader went away: nothing failed


def test_a_partly_read_report_with_errors_says_errors_first(tmp_path):
    text = (SAMPLES / SEED_NAMES[0]).read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |")
    lines = [line for line in text.splitlines() if not line.startswith("2.申请人逾期未按收费通知要求缴纳费用")]
    (tmp_path / "partial.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "clean.txt").write_text((SAMPLES / SEED_NAMES[1]).read_text(encoding="utf-8"), encoding="utf-8")
    out = cli(tmp_path, "audit", tmp_path / "partial.txt", tmp_path / "clean.txt")
    assert out.returncode == 1
    assert out.stdout.startswith("【有错误】partial.txt：")  # not 【部分解析】, which hid the errors
    assert out.stdout.strip().splitlines()[-1] == "共 2 份：有错误 1 · 正常 1"
