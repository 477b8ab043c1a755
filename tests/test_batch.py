"""The batch engine: worker processes, input order, isolation of each file, cancelling, the CLI over it."""

from __future__ import annotations

import json
import os
import random
import threading
import time
from pathlib import Path

import pytest
from conftest import SAMPLES
from test_crossreport import two_years

from auditapp.api import AuditResult, Status, audit_file, failed_result
from auditapp.batch import Batch
from auditapp.cli import main
from auditapp.ingest.limits import MAX_TEXT_CHARS
from auditapp.synth import consistent_values, render

SEEDS = sorted(str(p) for p in SAMPLES.glob("*.txt"))


def echo_or_misbehave(path: str) -> str:
    """A job that misbehaves on request: by the file's name it hangs, dies or raises."""
    name = os.path.basename(path)
    if name.startswith("hang"):
        time.sleep(60)
    if name.startswith("die"):
        os._exit(3)
    if name.startswith("raise"):
        raise ValueError("boom")
    if name.startswith("late-die"):  # answers, then dies while idle or on the next file
        threading.Timer(0.05, os._exit, (3,)).start()
    if name.startswith("slow"):
        time.sleep(0.3)  # finishes after files handed out later, so order must be restored
    return name


def failed(path: str, message: str) -> str:
    return f"FAILED {os.path.basename(path)}: {message}"


def _names(tmp_path: Path, names: list[str]) -> list[str]:
    return [str(tmp_path / n) for n in names]


def test_results_come_back_in_input_order_from_the_workers(tmp_path):
    paths = _names(tmp_path, ["slow1", "a", "b", "slow2", "c", "d", "e"])
    got = list(Batch(paths, echo_or_misbehave, failed, workers=2))
    assert [p for p, _, _ in got] == list(range(len(paths)))
    assert [r for _, _, r in got] == ["slow1", "a", "b", "slow2", "c", "d", "e"]


def test_a_file_that_hangs_times_out_alone(tmp_path):
    paths = _names(tmp_path, ["a", "hang", "b", "c"])
    started = time.monotonic()
    got = [r for _, _, r in Batch(paths, echo_or_misbehave, failed, workers=2, timeout=1.0)]
    assert time.monotonic() - started < 20
    assert got[0] == "a" and got[2:] == ["b", "c"]
    assert got[1].startswith("FAILED hang") and "超过 1 秒" in got[1]


def test_a_worker_that_dies_costs_only_its_file(tmp_path):
    paths = _names(tmp_path, ["a", "die", "b", "die2", "c"])
    got = [r for _, _, r in Batch(paths, echo_or_misbehave, failed, workers=2)]
    assert got[0] == "a" and got[2] == "b" and got[4] == "c"
    assert got[1].startswith("FAILED die") and "意外退出" in got[1]
    assert got[3].startswith("FAILED die2")


@pytest.mark.parametrize("trouble", ["die", "hang"])
def test_the_file_waiting_behind_one_that_fails_its_worker_is_audited_by_the_next(tmp_path, trouble):
    """A worker holds the next file in its pipe while it audits one (two in flight): when it dies
    or is stopped at the time limit, that next file goes to the new worker, not to a failure."""
    paths = _names(tmp_path, ["a", trouble, "b", "c"])
    got = [r for _, _, r in Batch(paths, echo_or_misbehave, failed, workers=1, timeout=1.0)]
    assert got[0] == "a" and got[2:] == ["b", "c"]
    assert got[1].startswith(f"FAILED {trouble}")


def test_a_worker_that_died_since_the_last_look_gets_no_file_lost(tmp_path):
    """The worker answers, then dies while the consumer is busy with that answer: the next file
    handed to it meets a broken pipe, and must go to a new worker instead of breaking the batch."""
    paths = _names(tmp_path, ["late-die", "slow", "c", "d"])
    got = []
    for _, _, result in Batch(paths, echo_or_misbehave, failed, workers=1, timeout=5.0):
        got.append(result)
        time.sleep(0.5)  # the worker dies meanwhile; the batch sends to it only when resumed
    assert got[0] == "late-die" and got[2:] == ["c", "d"]
    assert got[1].startswith("FAILED slow") and "意外退出" in got[1]  # it died on this one


def test_an_exception_in_a_job_is_that_files_failure(tmp_path):
    paths = _names(tmp_path, ["a", "raise", "b"])
    for workers in (0, 2):
        got = [r for _, _, r in Batch(paths, echo_or_misbehave, failed, workers=workers)]
        assert got[0] == "a" and got[2] == "b"
        assert got[1].startswith("FAILED raise") and "ValueError: boom" in got[1]


def test_cancel_stops_the_batch_soon(tmp_path):
    paths = _names(tmp_path, ["a", *(f"slow{k}" for k in range(40))])
    batch = Batch(paths, echo_or_misbehave, failed, workers=2)
    got = []
    started = time.monotonic()
    for _, _, result in batch:
        got.append(result)
        if len(got) == 2:
            threading.Timer(0.05, batch.cancel).start()  # from another thread, as the window does
    assert batch.cancelled
    assert 2 <= len(got) < 10
    assert time.monotonic() - started < 10


def test_never_more_than_ahead_results_wait_for_one_slow_file(tmp_path):
    paths = _names(tmp_path, ["hang", *(f"f{k}" for k in range(30))])
    batch = Batch(paths, echo_or_misbehave, failed, workers=2, timeout=2.0, ahead=5)
    got = [r for _, _, r in batch]
    assert got[0].startswith("FAILED hang") and got[1:] == [f"f{k}" for k in range(30)]


def test_workers_give_the_same_results_as_one_process():
    here = [r for _, _, r in Batch(SEEDS, audit_file, failed_result, workers=0)]
    there = [r for _, _, r in Batch(SEEDS, audit_file, failed_result, workers=2)]
    assert [r.path for r in there] == SEEDS
    for a, b in zip(here, there, strict=True):
        assert isinstance(b, AuditResult) and b.status is Status.OK
        assert a.report is not None and b.report is not None
        assert a.report.cells == b.report.cells
        assert [f.rule for f in a.findings] == [f.rule for f in b.findings]


def _write_batch(tmp_path: Path) -> list[str]:
    """Seeds, two years of one body, a copied report, a broken file: a bit of everything."""
    last, this = two_years(7)
    this["t3.carried_over.natural_person"] = str(int(this["t3.carried_over.natural_person"]) + 1)
    this["t3.carried_over.total"] = str(int(this["t3.carried_over.total"]) + 1)
    files = {
        "a_last.txt": render(last, "pipe", agency="某某县人民政府", year=2022)[0],
        "b_this.txt": render(this, "tab", agency="某某县人民政府", year=2023)[0],
        "c_other.txt": render(consistent_values(random.Random(3)), "wrapped", agency="另一县人民政府", year=2023)[0],
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    seed = Path(SEEDS[0]).read_text(encoding="utf-8")
    (tmp_path / "d_copy.txt").write_text(seed.replace("钱塘区", "临平区"), encoding="utf-8")
    (tmp_path / "e_seed.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "f_empty.txt").write_bytes(b"")
    return sorted(str(p) for p in tmp_path.iterdir())


def test_the_cli_gives_the_same_output_with_workers_and_without(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    _write_batch(folder)
    outputs = []
    for workers in ("0", "2"):
        code = main(["audit", str(folder), "--json", "--workers", workers])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    code, out = outputs[1]
    assert code == 2  # the empty file
    lines = [json.loads(line) for line in out.splitlines()]
    assert [os.path.basename(r["file"]) for r in lines] == sorted(os.listdir(folder))
    rules = {os.path.basename(r["file"]): {f["rule"] for f in r["findings"]} for r in lines}
    assert "cross.carry_over" in rules["a_last.txt"] and "cross.carry_over" in rules["b_this.txt"]
    assert "cross.copied_text" in rules["d_copy.txt"] and "cross.copied_text" in rules["e_seed.txt"]
    assert not {"cross.carry_over", "cross.in_force"} & rules["c_other.txt"]  # another body
    assert lines[-1]["status"] == "failed"


def test_the_text_summary_counts_the_cross_report_warnings(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    _write_batch(folder)
    main(["audit", str(folder)])
    out = capsys.readouterr().out
    block = out.split("【")[2]  # b_this.txt: its head counts the warning it gets from a_last.txt
    assert "b_this.txt" in block and "cross.carry_over" in block
    head = block.splitlines()[0]
    listed = sum(1 for line in block.splitlines() if line.strip().startswith("[警告]"))
    assert f"警告 {listed}" in head and listed >= 1


def test_a_workbook_from_a_batch_holds_every_report(tmp_path, capsys):
    import openpyxl

    folder = tmp_path / "in"
    folder.mkdir()
    _write_batch(folder)
    target = tmp_path / "out.xlsx"
    main(["audit", str(folder), "--xlsx", str(target), "--workers", "2"])
    capsys.readouterr()
    book = openpyxl.load_workbook(target, read_only=True)
    issues = book["问题清单"]
    files = {row[1] for row in issues.iter_rows(min_row=2, values_only=True) if row and row[1]}  # 报告
    assert any("b_this" in str(f) for f in files)
    book.close()


@pytest.mark.parametrize("workers", ["0", "2"])
def test_per_file_time_limit_from_the_cli(tmp_path, capsys, workers):
    # a huge single-line file of numbers (just under the text limit) takes seconds; a short limit
    # makes it the file's failure, while a seed (milliseconds) fits well inside it even on a loaded machine
    big = tmp_path / "big.txt"
    big.write_text("表三\n" + " ".join(["1"] * (MAX_TEXT_CHARS // 2 - 10)), encoding="utf-8")
    seed = tmp_path / "seed.txt"
    seed.write_text(Path(SEEDS[0]).read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["audit", str(big), str(seed), "--json", "--timeout", "1", "--workers", workers])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["status"] for r in lines][1] == "ok"
    # in a worker process the file's worker is killed; in this process its thread is stopped (watchdog)
    assert code == 2 and lines[0]["status"] == "failed" and "1 秒" in lines[0]["error"]


def niceness(path: str) -> int:
    return os.getpriority(os.PRIO_PROCESS, 0)


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="priorities as Unix has them")
def test_humble_workers_run_below_this_process(tmp_path):
    """The window's workers leave the processor to it first; the command line's run as it does."""
    paths = _names(tmp_path, ["a", "b"])
    own = os.getpriority(os.PRIO_PROCESS, 0)
    humble = [r for _, _, r in Batch(paths, niceness, failed, workers=1, humble=True)]
    plain = [r for _, _, r in Batch(paths, niceness, failed, workers=1)]
    assert humble == [min(own + 5, 19)] * 2 and plain == [own] * 2


def _batch_running(tmp_path: Path, copies: int = 400):
    """The CLI auditing `copies` copies of a seed, its temporary files under tmp_path/tmp; started
    once its spool folder exists and holds outputs."""
    import subprocess
    import sys

    folder, scratch = tmp_path / "in", tmp_path / "tmp"
    folder.mkdir()
    scratch.mkdir()
    seed = sorted(SAMPLES.glob("*.txt"))[0].read_bytes()
    for k in range(copies):
        (folder / f"r{k:04d}.txt").write_bytes(seed)
    env = {**os.environ, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    process = subprocess.Popen(
        [sys.executable, "-m", "auditapp", "audit", str(folder), "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not list(scratch.glob("auditapp-spool-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # outputs spooled meanwhile
    assert process.poll() is None, "the batch ended before it could be stopped: make it larger"
    return process, scratch


def _left(scratch: Path) -> list[tuple[str, int]]:
    return [(str(p.relative_to(scratch)), p.stat().st_size) for p in scratch.rglob("*") if p.is_file()]


@pytest.mark.skipif(os.name != "posix", reason="signals as POSIX has them")
def test_a_terminated_batch_leaves_no_temporary_file(tmp_path):
    """`kill` (SIGTERM) ends the run as Ctrl+C does: workers stopped, spool and scratch removed."""
    import signal

    process, scratch = _batch_running(tmp_path)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and "取消" in err.decode("utf-8", "replace")
    assert list(scratch.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="signals as POSIX has them")
def test_a_killed_batch_leaves_no_outputs_behind(tmp_path):
    """Killed outright (SIGKILL: nothing of ours runs), the batch's spooled outputs go with it:
    their files left the folder as soon as they were opened."""
    import signal

    process, scratch = _batch_running(tmp_path)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    time.sleep(1.0)  # the workers notice their parent is gone and end
    assert not [(name, size) for name, size in _left(scratch) if "spool" in name]
