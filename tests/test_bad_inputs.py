"""Bad and awkward inputs, end to end: status, message, and the CLI's exit code, never a traceback.

Exit codes: 0 no error finding, 1 error findings, 2 a file failed or was only partly parsed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLES, SEED_NAMES

from auditapp.api import Status, audit_file, audit_source
from auditapp.rules import Severity
from auditapp.source import Source
from auditapp.template import TEMPLATE_2021

CJK = re.compile(r"[\u4e00-\u9fff]")
T3_ROWS = [r.id for r in TEMPLATE_2021.table("t3").rows]
T4_TITLE = TEMPLATE_2021.table("t4").title


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    out = subprocess.run(
        [sys.executable, "-m", "auditapp", "audit", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )
    assert "Traceback" not in out.stdout
    assert "Traceback" not in out.stderr
    return out


def json_lines(out: subprocess.CompletedProcess) -> list[dict]:
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


def audit_both(tmp_path: Path, path: Path) -> tuple[subprocess.CompletedProcess, dict]:
    """Run the human and the JSON CLI on one file; both must agree on the exit code."""
    human = run_cli(tmp_path, path)
    machine = run_cli(tmp_path, path, "--json")
    assert human.returncode == machine.returncode
    (obj,) = json_lines(machine)
    assert obj["file"] == str(path)
    return human, obj


def seed_text(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


# ---- files that cannot be read --------------------------------------------------------------------

UNREADABLE = {
    "empty": (b"", "空"),
    "binary": (bytes(range(256)) * 8, "二进制"),
    "image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "图片"),
}


@pytest.mark.parametrize("kind", sorted(UNREADABLE))
def test_unreadable_file_fails_with_exit_2(kind, tmp_path):
    data, words = UNREADABLE[kind]
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(data)
    human, obj = audit_both(tmp_path, path)
    assert human.returncode == 2
    assert obj["status"] == "failed"
    assert words in obj["error"] and CJK.search(obj["error"])
    assert obj["cells"] == {} and obj["findings"] == []
    assert human.stdout.startswith("【无法读取】")
    assert obj["error"] in human.stdout


def test_nonexistent_file_fails_with_exit_2(tmp_path):
    human, obj = audit_both(tmp_path, tmp_path / "missing.txt")
    assert human.returncode == 2
    assert obj["status"] == "failed"
    assert "不存在" in obj["error"]


NARRATIVE = (
    "某某区人民政府2023年度政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2023年，某某区人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请78件，"
    "已全部按期答复。\n"
    "五、存在的主要问题及改进情况\n"
    "公开内容的深度和广度有待拓展。\n"
)


def test_report_without_tables_fails_with_exit_2(tmp_path):
    path = tmp_path / "narrative.txt"
    path.write_text(NARRATIVE, encoding="utf-8")
    human, obj = audit_both(tmp_path, path)
    assert human.returncode == 2
    assert obj["status"] == "failed"
    assert obj["error"] and CJK.search(obj["error"]) and "统计表" in obj["error"]
    assert obj["cells"] == {}
    assert obj["source"]["encoding"] == "utf-8"
    assert obj["meta"]["year"] == 2023


def _without_table_lines(text: str) -> str:
    """The seed with every table line removed: narrative and section headings only (tables as images)."""
    return "\n".join(line for line in text.split("\n") if "|" not in line and "\t" not in line)


def test_seed_with_tables_removed_fails(seed_path, tmp_path):
    result = audit_source(Source.from_text(str(seed_path), _without_table_lines(seed_text(seed_path.name))))
    assert result.status is Status.FAILED
    assert result.error and CJK.search(result.error)
    assert result.report is not None and result.report.cells == {}


def test_no_tables_message_does_not_deny_titles_that_are_there(seed_path):
    result = audit_source(Source.from_text(str(seed_path), _without_table_lines(seed_text(seed_path.name))))
    assert set(result.report.regions) == {"t2", "t3", "t4"}  # the three titles were found
    assert result.status is Status.FAILED
    assert "没有表二、表三、表四的表题" not in result.error, result.error


# ---- a report cut off in the middle of table 3 --------------------------------------------------

CUT_AFTER = "denied_internal"  # the last complete row kept
CUT_ROWS = T3_ROWS[T3_ROWS.index(CUT_AFTER) + 1 :]


def _cut(name: str, expected: dict) -> str:
    last_line = expected[name]["cells"][f"t3.{CUT_AFTER}.total"]["line"]
    return "\n".join(seed_text(name).split("\n")[:last_line]) + "\n"


def test_report_cut_off_mid_table_3(tmp_path, expected):
    paths = []
    for name in SEED_NAMES:
        path = tmp_path / name
        path.write_text(_cut(name, expected), encoding="utf-8")
        paths.append(path)
    machine = run_cli(tmp_path, *paths, "--json")
    human = run_cli(tmp_path, *paths)
    assert machine.returncode == human.returncode == 0  # partial, no error finding: exit by the findings
    assert human.stdout.count("【部分解析】") == len(paths)

    objs = json_lines(machine)
    assert [o["file"] for o in objs] == [str(p) for p in paths]
    for obj, name in zip(objs, SEED_NAMES, strict=True):
        assert obj["status"] == "partial"
        assert obj["error"] is None
        want = expected[name]["cells"]
        last_line = want[f"t3.{CUT_AFTER}.total"]["line"]
        before = {cid: v for cid, v in want.items() if v["line"] <= last_line}
        # every cell before the cut is read, with its value and line; nothing after it is invented
        assert set(obj["cells"]) == set(before)
        assert len(before) == 10 + 7 * (T3_ROWS.index(CUT_AFTER) + 1)
        for cid, v in before.items():
            assert (obj["cells"][cid]["value"], obj["cells"][cid]["line"]) == (v["value"], v["line"]), cid

        missing_rows = {tuple(f["cells"]) for f in obj["findings"] if f["rule"] == "structure.row_missing"}
        assert missing_rows == {
            tuple(f"t3.{r}.{c}" for c in TEMPLATE_2021.table("t3").row(r).columns) for r in CUT_ROWS
        }
        row_messages = [f["message"] for f in obj["findings"] if f["rule"] == "structure.row_missing"]
        assert any("重复申请" in m for m in row_messages)
        assert any("结转下年度继续办理" in m for m in row_messages)
        tables = [f for f in obj["findings"] if f["rule"] == "structure.table_missing"]
        assert len(tables) == 1 and T4_TITLE in tables[0]["message"]
        # no error: the relations that involve the missing rows cannot be checked, and say so
        assert [f for f in obj["findings"] if f["severity"] == "error"] == []
        assert any(f["rule"] == "relation.cannot_check" for f in obj["findings"])


def test_cells_before_the_cut_are_still_audited(tmp_path, expected):
    name = SEED_NAMES[0]
    text = _cut(name, expected).replace("| 782 | 8 |", "| 783 | 8 |", 1)  # t3.new.natural_person
    path = tmp_path / "cut-wrong.txt"
    path.write_text(text, encoding="utf-8")
    human, obj = audit_both(tmp_path, path)
    assert human.returncode == 1  # a partial report exits by its findings
    assert obj["status"] == "partial"
    assert obj["cells"]["t3.new.natural_person"]["value"] == 783
    errors = [f for f in obj["findings"] if f["severity"] == "error"]
    assert [f["rule"] for f in errors] == ["t3.row_total"]
    assert errors[0]["cells"][-1] == "t3.new.total"
    assert (errors[0]["expected"], errors[0]["actual"]) == (792, 791)


def test_cut_inside_a_row_names_the_missing_cells(tmp_path, expected):
    name = next(n for n in SEED_NAMES if n.startswith("001"))  # one cell per line
    want = expected[name]["cells"]
    last_line = want[f"t3.{CUT_AFTER}.research"]["line"]
    path = tmp_path / name
    path.write_text("\n".join(seed_text(name).split("\n")[:last_line]), encoding="utf-8")
    result = audit_file(str(path))
    assert result.status is Status.PARTIAL
    cells = result.report.cells
    for col in ("natural_person", "business", "research"):
        assert cells[f"t3.{CUT_AFTER}.{col}"].value == Decimal(want[f"t3.{CUT_AFTER}.{col}"]["value"])
    missing = [f.cells for f in result.findings if f.rule == "structure.cell_missing"]
    assert missing == [(f"t3.{CUT_AFTER}.{c}",) for c in ("social_org", "legal_service", "other_org", "total")]


# ---- encodings through the CLI --------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "recorded"), [("gbk", {"gbk", "gb18030"}), ("utf-16", {"utf-16"})])
def test_other_encodings_audit_ok_with_exit_0(encoding, recorded, tmp_path, expected):
    name = SEED_NAMES[0]
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(seed_text(name).encode(encoding))
    human, obj = audit_both(tmp_path, path)
    assert human.returncode == 0
    assert obj["status"] == "ok" and obj["error"] is None
    assert obj["source"]["encoding"] in recorded
    assert {cid: (c["value"], c["line"]) for cid, c in obj["cells"].items()} == {
        cid: (v["value"], v["line"]) for cid, v in expected[name]["cells"].items()
    }
    assert human.stdout.startswith("【正常】")


# ---- batches and error findings -----------------------------------------------------------------


def test_folder_with_seeds_and_a_bad_file(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in SEED_NAMES:
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    (folder / "scan.txt").write_bytes(UNREADABLE["image"][0])

    machine = run_cli(tmp_path, folder, "--json")
    human = run_cli(tmp_path, folder)
    assert machine.returncode == human.returncode == 2

    objs = {Path(o["file"]).name: o for o in json_lines(machine)}
    assert sorted(objs) == sorted([*SEED_NAMES, "scan.txt"])
    for name in SEED_NAMES:
        assert objs[name]["status"] == "ok"
        assert len(objs[name]["cells"]) == 200
        assert [f for f in objs[name]["findings"] if f["severity"] == "error"] == []
    assert objs["scan.txt"]["status"] == "failed" and "PNG" in objs["scan.txt"]["error"]

    lines = human.stdout.splitlines()
    for name in SEED_NAMES:
        assert any(line.startswith(f"【正常】{name}") for line in lines), name
    assert any(line.startswith("【无法读取】scan.txt") for line in lines)


def test_injected_arithmetic_error_gives_exit_1(tmp_path):
    name = SEED_NAMES[0]
    path = tmp_path / "wrong.txt"
    path.write_text(seed_text(name).replace("| 447 | 2 |", "| 447 | 3 |", 1), encoding="utf-8")  # t3.granted.business
    human, obj = audit_both(tmp_path, path)
    assert human.returncode == 1
    assert obj["status"] == "ok" and obj["error"] is None
    errors = [f for f in obj["findings"] if f["severity"] == "error"]
    assert {f["rule"] for f in errors} == {"t3.row_total", "t3.results_total"}
    assert {f["suspect"] for f in errors} == {"t3.granted.business"}
    assert all(f.get("proposed") == 2 for f in errors)
    assert "【有错误】" in human.stdout and "错误 2" in human.stdout


def test_one_bad_file_does_not_hide_error_findings_in_another(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(seed_text(SEED_NAMES[0]).replace("| 447 | 2 |", "| 447 | 3 |", 1), encoding="utf-8")
    empty = tmp_path / "b.txt"
    empty.write_bytes(b"")
    out = run_cli(tmp_path, good, empty, "--json")
    assert out.returncode == 2
    a, b = json_lines(out)
    assert a["status"] == "ok" and any(f["severity"] == "error" for f in a["findings"])
    assert b["status"] == "failed"


# ---- tables and rows missing --------------------------------------------------------------------


def _without_table_2(text: str) -> str:
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if "主动公开政府信息情况" in line and line.lstrip().startswith("二"))
    end = next(i for i, line in enumerate(lines) if "收到和处理政府信息公开申请情况" in line)
    assert start < end
    return "\n".join(lines[:start] + lines[end:])


def test_missing_table_2_is_partial_and_tables_3_and_4_are_read(seed_path, expected):
    text = _without_table_2(seed_text(seed_path.name))
    result = audit_source(Source.from_text(str(seed_path), text))
    assert result.status is Status.PARTIAL
    missing = [p for p in result.report.problems if p.code == "structure.table_missing"]
    assert [p.target for p in missing] == ["t2"]
    (finding,) = [f for f in result.findings if f.rule == "structure.table_missing"]
    assert "表二" in finding.message() and "主动公开政府信息情况" in finding.message()
    assert "t2" not in result.report.regions

    want = expected[seed_path.name]["cells"]
    t34 = {cid for cid in want if not cid.startswith("t2.")}
    assert set(result.report.cells) == t34
    assert all(result.report.cells[cid].value == Decimal(str(want[cid]["value"])) for cid in t34)
    assert result.count(Severity.ERROR) == 0


def test_missing_table_2_exit_code(tmp_path):
    path = tmp_path / "no-t2.txt"
    path.write_text(_without_table_2(seed_text(SEED_NAMES[0])), encoding="utf-8")
    human, obj = audit_both(tmp_path, path)
    assert human.returncode == 0
    assert obj["status"] == "partial"
    assert [f["rule"] for f in obj["findings"] if f["severity"] != "info"] == ["structure.table_missing"]
    assert len(obj["cells"]) == 190


def test_missing_row_is_partial_and_exits_by_its_findings(tmp_path):
    text = "\n".join(line for line in seed_text(SEED_NAMES[0]).split("\n") if "重复申请" not in line)
    path = tmp_path / "no-row.txt"
    path.write_text(text, encoding="utf-8")
    human, obj = audit_both(tmp_path, path)
    assert human.returncode == 0
    assert obj["status"] == "partial"
    (row,) = [f for f in obj["findings"] if f["rule"] == "structure.row_missing"]
    assert row["cells"] == [f"t3.rejected_repeat.{c}" for c in TEMPLATE_2021.table("t3").row("rejected_repeat").columns]
    assert "重复申请" in row["message"]
    assert len(obj["cells"]) == 193
    assert [f for f in obj["findings"] if f["severity"] == "error"] == []
