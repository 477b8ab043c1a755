"""Real published reports as they are found (../shared/real): every cell as transcribed by hand.

`real-expected.json` holds, per file, every cell id → value (`null`: a blank cell). The files
are arithmetically clean in their tables, so a reading that is right gives no error finding
except the narrative's real discrepancies, which are listed here per file.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import SHARED

from auditapp.api import audit_file
from auditapp.parse.values import Kind
from auditapp.rules import Severity

REAL = SHARED / "real"
EXPECTED_PATH = SHARED / "fixtures" / "real-expected.json"
NAMES = sorted(json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))) if EXPECTED_PATH.exists() else []

# Files not yet read right: the test runs and must fail (strict), so fixing one shows at once.
NOT_YET: set[str] = set()

# Rows whose digits run together and split in several ways the relations all allow: not read,
# and said so with the candidates (the "never guess silently"). Table 2 has no relation
# within a row, so `77132470` (issued/repealed/in force) cannot be told from the text alone.
UNSURE: dict[str, set[str]] = {"pingtan_2023_page.txt": {"t2.normative_documents"}}

# The only error findings due: real discrepancies between a report's narrative and its tables.
REAL_ERRORS: dict[str, set[str]] = {}


@pytest.fixture(scope="module")
def results() -> dict:
    return {}


def _audit(name: str, results: dict):
    if name not in results:
        results[name] = audit_file(str(REAL / name))
    return results[name]


def _mark(name: str):
    return pytest.param(name, marks=pytest.mark.xfail(strict=True)) if name in NOT_YET else name


@pytest.mark.parametrize("name", [_mark(n) for n in NAMES])
def test_every_cell_as_transcribed(name, results):
    expected = json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))[name]
    result = _audit(name, results)
    assert result.report is not None, result.error
    cells = result.report.cells
    wrong = []
    unsure = UNSURE.get(name, set())
    warned = {p.target for p in result.report.problems if p.code == "structure.digits_ambiguous" and p.count > 1}
    assert unsure <= warned, "a row left unread must be named with its candidate splits"
    for cid, want in expected.items():
        cell = cells.get(cid)
        if ".".join(cid.split(".")[:2]) in unsure:
            if cell is not None:
                wrong.append(f"{cid}: read as {cell.raw!r} although its digits split several ways")
            continue
        if cell is None:
            wrong.append(f"{cid}: not read, want {want!r}")
        elif want is None and cell.kind is not Kind.BLANK:
            wrong.append(f"{cid}: {cell.raw!r} (line {cell.span.line}), want a blank cell")
        elif want is not None and cell.value != Decimal(str(want)):
            wrong.append(f"{cid}: {cell.raw!r} (line {cell.span.line}), want {want!r}")
    assert not wrong, f"{len(wrong)} of {len(expected)} cells wrong:\n" + "\n".join(wrong)
    assert set(cells) == {c for c in expected if ".".join(c.split(".")[:2]) not in unsure}


@pytest.mark.parametrize("name", NAMES)
def test_no_false_error(name, results):
    result = _audit(name, results)
    errors = {f.rule for f in result.findings if f.severity is Severity.ERROR}
    assert errors <= REAL_ERRORS.get(name, set()), [
        f.message() for f in result.findings if f.severity is Severity.ERROR
    ]


def test_blank_cells_are_not_placeholders(results):
    """A blank cell is nothing written, not a mark for "none": the JSON keeps `placeholder` for marks."""
    from auditapp.export.jsonl import cell_json

    name = "shanghai_office_2019.html"
    if name not in NAMES:
        pytest.skip("shared real files not found")
    blank = [c for c in _audit(name, results).report.cells.values() if c.kind is Kind.BLANK]
    assert blank
    for cell in blank:
        out = cell_json(cell)
        assert out["value"] is None and "placeholder" not in out and out["kind"] == "blank"
