"""The one verdict (CLI, window and workbook alike) and the inspector's corrections of cells."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditapp.api import AuditResult, Status, audit_file
from auditapp.corrections import BadValue, apply_corrections, corrections_for, make_correction, parse_value
from auditapp.review import Review, Session, finding_key, load_session, save_session
from auditapp.rules import Severity
from auditapp.verdict import ORDER, Verdict, count, totals_line, verdict, verdict_name

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
SEED0 = SAMPLES / "000_5765c3367762f63e.txt"


@pytest.fixture(scope="module")
def clean() -> AuditResult:
    return audit_file(str(SEED0))


def _fault(folder: Path, name: str = "fault.txt") -> Path:
    path = folder / name
    path.write_text(SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |"), encoding="utf-8")
    return path


def test_errors_come_before_a_partial_reading(tmp_path):
    text = SEED0.read_text(encoding="utf-8").replace("| 782 | 8 |", "| 781 | 8 |")
    lines = text.splitlines()
    # drop one row of table 4 so the reading is partial; the arithmetic error stays
    drop = next(k for k, line in enumerate(lines) if line.startswith("2.申请人逾期未按收费通知要求缴纳费用"))
    path = tmp_path / "partial-fault.txt"
    path.write_text("\n".join(lines[:drop] + lines[drop + 1 :]), encoding="utf-8")
    result = audit_file(str(path))
    assert result.status is Status.PARTIAL and result.count(Severity.ERROR)
    assert verdict(result) is Verdict.ERRORS  # was shown as 部分解析, hiding the errors


def test_unreadable_partial_warning_and_clean(tmp_path, clean):
    bad = tmp_path / "not-a-report.txt"
    bad.write_text("这不是年度报告。\n" * 5, encoding="utf-8")
    assert verdict(audit_file(str(bad))) is Verdict.FAILED
    assert verdict(clean) is Verdict.OK
    assert ORDER[0] is Verdict.ERRORS and ORDER[-1] is Verdict.OK


def test_dismissed_findings_count_for_nothing(tmp_path):
    result = audit_file(str(_fault(tmp_path)))
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert verdict(result) is Verdict.ERRORS and len(errors) == 2
    key = os.path.abspath(result.path)
    reviews = {(key, finding_key(errors[0])): Review("dismissed"), (key, finding_key(errors[1])): Review("confirmed")}
    counts = count(result, reviews)
    assert (counts.errors, counts.confirmed, counts.dismissed) == (1, 1, 1)
    reviews[(key, finding_key(errors[1]))] = Review("dismissed")
    assert verdict(result, reviews) is Verdict.OK


def test_totals_line_in_both_languages():
    verdicts = [Verdict.ERRORS] * 19 + [Verdict.WARNINGS] * 41 + [Verdict.PARTIAL] * 3 + [Verdict.FAILED] * 2
    verdicts += [Verdict.OK] * 235
    assert totals_line(verdicts) == "共 300 份：有错误 19 · 无法读取 2 · 部分解析 3 · 有警告 41 · 正常 235"
    assert totals_line(verdicts[:1], "en") == "1 report: Errors 1"
    assert verdict_name(Verdict.PARTIAL, "en") == "Partly read"


def test_a_correction_reruns_the_audit_on_the_corrected_value(tmp_path):
    result = audit_file(str(_fault(tmp_path)))
    suspect = next(f.suspect for f in result.findings if f.suspect)
    proposed = next(f.proposed for f in result.findings if f.suspect)
    cell = result.report.cells[suspect]
    fix = make_correction(result, suspect, proposed, "原件为 782，复制时有误")
    assert (fix.original, fix.line, fix.start, fix.end) == (cell.raw, cell.span.line, cell.span.start, cell.span.end)
    fixed = apply_corrections(result, {suspect: fix})
    assert not fixed.count(Severity.ERROR) and verdict(fixed) is Verdict.OK
    assert fixed.report.cells[suspect].value == proposed and fixed.report.cells[suspect].span == cell.span
    assert result.count(Severity.ERROR) == 2  # the result as read is kept whole (for undo)
    assert apply_corrections(result, {}) is result


def test_a_correction_can_make_a_clean_report_faulty_and_is_found(clean):
    cid = "t3.granted.natural_person"
    value = clean.report.cells[cid].value + 5
    fixed = apply_corrections(clean, {cid: make_correction(clean, cid, value)})
    assert verdict(fixed) is Verdict.ERRORS
    assert any(cid in f.cells for f in fixed.findings if f.severity is Severity.ERROR)


def test_corrections_survive_the_session_file(tmp_path):
    result = audit_file(str(_fault(tmp_path)))
    suspect = next(f.suspect for f in result.findings if f.suspect)
    fix = make_correction(result, suspect, Decimal(782), "核对原件")
    session = Session({(os.path.abspath(result.path), "k"): Review("confirmed", "好")})
    session.corrections[(os.path.abspath(result.path), suspect)] = fix
    path = tmp_path / "s" / "review.json"
    path.parent.mkdir()
    save_session(session, str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["corrections"][0]["value"] == "782" and data["corrections"][0]["reason"] == "核对原件"
    back = load_session(str(path))
    assert back.corrections == session.corrections and back.reviews == session.reviews
    assert corrections_for(result, back.corrections) == {suspect: fix}


def test_a_session_with_a_bad_correction_is_kept_aside(tmp_path):
    path = tmp_path / "review.json"
    path.write_text(json.dumps({"reviews": [], "corrections": [{"file": "a", "cell": "x", "value": "abc"}]}))
    from auditapp.review import ReviewError

    with pytest.raises(ReviewError):
        load_session(str(path))
    assert (tmp_path / "review.json.corrupt").exists()


@pytest.mark.parametrize("text", ["abc", "-1", "1.5", "1e3x", "9" * 16, "NaN", "Infinity"])
def test_what_is_not_a_count_is_refused(text):
    with pytest.raises(BadValue):
        parse_value(text)


@given(st.integers(min_value=0, max_value=10**14), st.sampled_from(["{}", "{:,}", " {} "]), st.booleans())
def test_any_count_as_typed_is_read(n, shape, wide):
    text = shape.format(n)
    if wide:  # full-width digits, as a Chinese input method types them
        text = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert parse_value(text) == Decimal(n)


def test_an_empty_entry_is_a_blank_cell(clean):
    assert parse_value("  ") is None
    cid = "t3.granted.natural_person"
    fixed = apply_corrections(clean, {cid: make_correction(clean, cid, None)})
    assert fixed.report.cells[cid].value is None
