"""The fuzz suite at the size CI affords (benchmarks/fuzz.py runs it at any size).

Every class of mutation, on seeds in every format, through `audit_file` and everything that
consumes its result (JSON, the CLI's text, a share through the workbook): never an uncaught
exception, never a time-out, never a changed input file.
"""

from __future__ import annotations

import hashlib
import os
import random
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditapp import fuzz
from auditapp.memlimit import default_limit_mb

FAST = ("text", "html", "mht", "docx", "xlsx")  # formats audited in milliseconds


def _audit(name: str, data: bytes) -> fuzz.Outcome:
    with tempfile.TemporaryDirectory(prefix="auditapp-fuzz-") as tmp:
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        outcome = fuzz.check(path)
        with open(path, "rb") as f:
            assert hashlib.sha256(f.read()).digest() == hashlib.sha256(data).digest(), "the input was changed"
    return outcome


def _assert_sensible(outcome: fuzz.Outcome, what: str) -> None:
    kind = fuzz.classify(outcome)
    assert kind in ("ok", "partial", "failed"), f"{what}: {outcome.fault or outcome.error}"
    if kind == "failed":
        assert outcome.error and not outcome.error.startswith(fuzz.INTERNAL), what


@pytest.mark.parametrize("mutation", sorted(fuzz.MUTATORS))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_each_hostile_class_never_crashes(mutation, data):
    """Byte flips, truncation, shuffled, duplicated and dropped lines, random Unicode, huge,
    negative and fractional numbers, labels with nothing after them, endless lines, labels
    repeated thousands of times: on a seed of each fast format, the result makes sense."""
    seed = data.draw(st.sampled_from(fuzz.seeds(FAST)), label="seed")
    rnd = random.Random(data.draw(st.integers(0, 2**32), label="rnd"))
    mutated = fuzz.MUTATORS[mutation](seed.data, rnd)
    _assert_sensible(_audit(seed.name, mutated), f"{mutation} on {seed.name}")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_zip_members_broken_one_by_one_never_crash(data):
    """A part of a .docx or .xlsx mutated like text (its XML attacked), dropped, doubled or renamed."""
    seed = data.draw(st.sampled_from([s for s in fuzz.seeds(("docx", "xlsx"))]), label="seed")
    rnd = random.Random(data.draw(st.integers(0, 2**32), label="rnd"))
    mutated, what = fuzz.zip_member(seed.data, rnd)
    _assert_sensible(_audit(seed.name, mutated), f"{what} on {seed.name}")


def test_fuzz_run_over_every_format_has_no_exception_no_time_out_and_changes_no_file():
    """The runner itself, as benchmarks/fuzz.py drives it: worker processes with a time limit."""
    formats = [f for f in fuzz.formats_available() if f != "legacy"]  # LibreOffice: see the next test
    assert {"text", "html", "mht", "docx", "xlsx", "pdf"} <= set(formats)
    figures = fuzz.run(30 * len(formats), formats, seed=2024, workers=2, timeout=60)
    # one input in fuzz.BOMB_EVERY is a crafted bomb instead (issue 19), one in NAME_EVERY has an odd name
    assert sum(figures.inputs.values()) == 30 * len(formats) and figures.inputs["bomb"] >= 3
    assert all(figures.inputs[f] >= 25 for f in formats)
    assert figures.mutations["odd_name"] >= 5
    assert 0 < figures.peak_mb < default_limit_mb()  # every worker stayed under its ceiling
    assert figures.count("exception") == 0, figures.faults
    assert figures.count("timeout") == 0, figures.faults
    assert figures.changed == []
    assert figures.count("ok") and figures.count("failed")  # both kinds really occurred


def test_fuzz_run_over_legacy_files_through_libreoffice():
    if "legacy" not in fuzz.formats_available():
        pytest.skip("needs LibreOffice Writer and Calc (Debian: apt install libreoffice-writer libreoffice-calc)")
    figures = fuzz.run(6, ["legacy"], seed=7, workers=2, timeout=60)
    assert figures.inputs["legacy"] == 6
    assert figures.count("exception") == 0 and figures.count("timeout") == 0, figures.faults
    assert figures.changed == []


def test_a_fault_is_counted_as_an_exception_and_a_time_out_as_one():
    """The runner's own classes: what the batch engine and the catch-alls say."""
    assert fuzz.classify(fuzz.Outcome("failed", "内部错误，无法完成审核：ValueError: x")) == "exception"
    assert fuzz.classify(fuzz.Outcome("failed", "审核进程意外退出（退出码 -9），该文件未能审核完成")) == "exception"
    assert fuzz.classify(fuzz.Outcome("ok", fault="cell t3.new.total points outside the source")) == "exception"
    assert fuzz.classify(fuzz.Outcome("failed", "审核超过 60 秒仍未完成，已停止该文件")) == "timeout"
    assert fuzz.classify(fuzz.Outcome("failed", "文件为空，没有可读取的内容")) == "failed"
