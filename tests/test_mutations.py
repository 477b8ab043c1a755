"""Mutation tests: change numbers in the seed reports' text and check the audit catches each change.

A consistent report with one wrong number of table 3 or 4 must give an error; for table 3 the
wrong cell can be located (its row total and its column relation both break), so every error
must name it as the suspect and propose the number it had.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SAMPLES

from auditapp.api import AuditResult, Status, audit_file, audit_source
from auditapp.report import Cell
from auditapp.rules import Severity
from auditapp.source import Source
from auditapp.template import TEMPLATE_2021

T3_T4 = tuple(c for c in TEMPLATE_2021.cell_ids() if c.startswith(("t3.", "t4.")))
SEED_000 = SAMPLES / "000_5765c3367762f63e.txt"


def edit(source: Source, changes: dict[Cell, str]) -> str:
    """The source text with each cell's span replaced by new text (right to left within a line)."""
    lines = list(source.lines)
    for cell, new in sorted(changes.items(), key=lambda kv: (kv[0].span.line, -kv[0].span.start)):
        s = cell.span
        line = lines[s.line - 1]
        assert line[s.start : s.end] == cell.raw, f"{cell.id}: span does not hold {cell.raw!r}"
        lines[s.line - 1] = line[: s.start] + new + line[s.end :]
    return "\n".join(lines)


def reaudit(base: AuditResult, changes: dict[str, str]) -> AuditResult:
    cells = base.report.cells
    text = edit(base.source, {cells[cid]: new for cid, new in changes.items()})
    return audit_source(Source.from_text(base.path, text))


def errors(result: AuditResult) -> list:
    return [f for f in result.findings if f.severity is Severity.ERROR]


@pytest.fixture
def base(seed_path) -> AuditResult:
    result = audit_file(str(seed_path))
    assert result.status is Status.OK
    assert not errors(result)
    return result


def test_every_single_change_of_t3_t4_is_caught(base):
    cells = base.report.cells
    misses: list[str] = []
    mutated = tried = 0
    for cid in T3_T4:
        original = cells[cid].value
        assert original is not None and original >= 0
        variants = [original + 7]
        if original >= 1:
            variants.append(original - 1)  # a decrease, where the count allows one
        if original >= 3:
            variants.append(original // 3)
        mutated += 1
        for new in variants:
            tried += 1
            result = reaudit(base, {cid: str(new)})
            got = result.report.cells.get(cid)
            where = f"{cid} {original}→{new}"
            if got is None or got.value != new:
                misses.append(f"{where}: re-read as {got.value if got else None}")
                continue
            errs = errors(result)
            if not errs:
                misses.append(f"{where}: no error finding")
                continue
            if cid.startswith("t3."):
                off = [f"{f.rule} suspect={f.suspect} proposed={f.proposed}" for f in errs]
                off = [o for o, f in zip(off, errs, strict=True) if f.suspect != cid or f.proposed != original]
                if off:
                    misses.append(f"{where}: {off}")
    assert mutated == 190
    assert tried >= 190 + 1  # every seed has some nonzero cell, so some decrease was tried
    assert not misses, f"{len(misses)} of {tried} changes missed:\n" + "\n".join(misses)


def test_in_force_below_issued_minus_repealed(base):
    cells = base.report.cells
    for row in ("regulations", "normative_documents"):
        issued, repealed, in_force = (cells[f"t2.{row}.{c}"].value for c in ("issued", "repealed", "in_force"))
        assert in_force >= issued - repealed  # the seed itself holds
        # issued raised so the bound breaks whatever the seed's numbers are
        new_issued = in_force + repealed + 3
        result = reaudit(base, {f"t2.{row}.issued": str(new_issued)})
        bound = [f for f in errors(result) if f.rule == "t2.in_force_bound"]
        assert len(bound) == 1, row
        assert errors(result) == bound
        assert f"t2.{row}.in_force" in bound[0].cells
        assert bound[0].expected == new_issued - repealed
        assert bound[0].actual == in_force
        # in_force itself lowered, where issued − repealed leaves room below it
        if issued - repealed >= 1:
            result = reaudit(base, {f"t2.{row}.in_force": str(issued - repealed - 1)})
            assert [f.rule for f in errors(result)] == ["t2.in_force_bound"]
            assert errors(result)[0].actual == issued - repealed - 1
        # and exactly at the bound is fine
        result = reaudit(base, {f"t2.{row}.in_force": str(max(issued - repealed, 0))})
        assert not errors(result)


def test_in_force_lowered_on_real_numbers():
    """000 has 16 normative documents issued, 0 repealed, 52 in force: 15 in force is impossible."""
    base = audit_file(str(SEED_000))
    assert base.report.value("t2.normative_documents.issued") == 16
    assert base.report.value("t2.normative_documents.repealed") == 0
    result = reaudit(base, {"t2.normative_documents.in_force": "15"})
    errs = errors(result)
    assert [f.rule for f in errs] == ["t2.in_force_bound"]
    assert errs[0].expected == 16 and errs[0].actual == 15
    assert "15" in errs[0].message() and "16" in errs[0].message()


@pytest.mark.parametrize("cid", ["t3.granted.business", "t4.review.upheld", "t2.penalty.decisions", "t2.fees.amount"])
def test_negative_number(base, cid):
    result = reaudit(base, {cid: "-3"})
    assert result.report.value(cid) == -3
    negative = [f for f in errors(result) if f.rule == "value.negative"]
    assert len(negative) == 1
    assert negative[0].cells == (cid,)
    assert negative[0].actual == -3


@pytest.mark.parametrize("cid", ["t3.granted.natural_person", "t4.suit_direct.pending", "t2.licensing.decisions"])
def test_fractional_count(base, cid):
    result = reaudit(base, {cid: "2.5"})
    assert result.report.value(cid) == Decimal("2.5")
    not_whole = [f for f in errors(result) if f.rule == "value.not_whole"]
    assert len(not_whole) == 1
    assert not_whole[0].cells == (cid,)
    assert not_whole[0].actual == Decimal("2.5")


def test_fractional_fee_is_fine(base):
    for fee in ("12.75", "0.5", "15391.38389", "3"):
        result = reaudit(base, {"t2.fees.amount": fee})
        assert result.status is Status.OK
        assert result.report.value("t2.fees.amount") == Decimal(fee)
        assert not errors(result), fee
        assert not [f for f in result.findings if f.rule == "value.not_whole"]


def test_two_independent_errors_are_both_located(base):
    cells = base.report.cells
    a, b = "t3.granted.business", "t3.denied_law.natural_person"  # different rows, different columns
    old_a, old_b = cells[a].value, cells[b].value
    result = reaudit(base, {a: str(old_a + 2), b: str(old_b + 5)})
    errs = errors(result)
    assert {(f.rule, f.suspect) for f in errs} == {
        ("t3.results_total", a),
        ("t3.row_total", a),
        ("t3.results_total", b),
        ("t3.row_total", b),
    }
    proposed = {f.suspect: f.proposed for f in errs}
    assert proposed == {a: old_a, b: old_b}
    # the row totals now say 2 and 5 less than their parts add up to
    by_suspect = {f.suspect: f for f in errs if f.rule == "t3.row_total"}
    assert by_suspect[a].difference == -2 and by_suspect[b].difference == -5


def test_two_errors_one_in_each_table(base):
    cells = base.report.cells
    a, b = "t3.carried_over.social_org", "t4.suit_after_review.corrected"
    result = reaudit(base, {a: str(cells[a].value + 1), b: str(cells[b].value + 4)})
    errs = errors(result)
    t3_errs = [f for f in errs if f.rule.startswith("t3.")]
    t4_errs = [f for f in errs if f.rule == "t4.total"]
    assert {f.rule for f in t3_errs} == {"t3.balance", "t3.row_total"}
    assert {f.suspect for f in t3_errs} == {a}
    assert {f.proposed for f in t3_errs} == {cells[a].value}
    assert len(t4_errs) == 1 and b in t4_errs[0].cells
    assert t4_errs[0].difference == -4  # the total says 4 less than its parts now add up to
    assert len(errs) == len(t3_errs) + len(t4_errs)
