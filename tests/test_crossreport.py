"""Checks across reports: two years of one body, copied narrative, identical tables."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLES

from auditapp.api import AuditResult, audit_file, audit_source, audit_together
from auditapp.rules import Severity
from auditapp.rules.crossreport import COPY_THRESHOLD
from auditapp.source import Source
from auditapp.synth import consistent_values, render
from auditapp.template.t2021 import T3_BODY_COLUMNS

COLUMNS = (*T3_BODY_COLUMNS, "total")
CROSS = ("cross.carry_over", "cross.in_force", "cross.copied_text", "cross.same_tables")


def _retotal(v: dict[str, str], row: str) -> None:
    v[f"t3.{row}.total"] = str(sum(int(v[f"t3.{row}.{c}"]) for c in T3_BODY_COLUMNS))


def two_years(seed: int) -> tuple[dict[str, str], dict[str, str]]:
    """Last year's and this year's values of one body, consistent across the two years."""
    this = consistent_values(random.Random(seed))
    last = consistent_values(random.Random(seed + 1000))
    for c in T3_BODY_COLUMNS:
        last[f"t3.carried_forward.{c}"] = this[f"t3.carried_over.{c}"]
        gap = int(last[f"t3.total.{c}"]) + int(last[f"t3.carried_forward.{c}"]) - int(last[f"t3.carried_over.{c}"])
        if gap < 0:
            last[f"t3.carried_over.{c}"] = "0"
            gap = int(last[f"t3.total.{c}"]) + int(last[f"t3.carried_forward.{c}"])
        last[f"t3.new.{c}"] = str(gap)
    for row in ("new", "carried_over", "carried_forward"):
        _retotal(last, row)
    for r in ("regulations", "normative_documents"):
        this[f"t2.{r}.in_force"] = str(
            int(last[f"t2.{r}.in_force"]) + int(this[f"t2.{r}.issued"]) - int(this[f"t2.{r}.repealed"])
        )
        if int(this[f"t2.{r}.in_force"]) < 0:
            this[f"t2.{r}.repealed"] = "0"
            this[f"t2.{r}.in_force"] = str(int(last[f"t2.{r}.in_force"]) + int(this[f"t2.{r}.issued"]))
    return last, this


def audit_values(values: dict[str, str], path: str, agency: str, year: int, layout: str = "pipe") -> AuditResult:
    text, _ = render(values, layout, agency=agency, year=year)
    return audit_source(Source.from_text(path, text))


def together(*results: AuditResult) -> list[AuditResult]:
    batch = list(results)
    audit_together(batch)
    return batch


def cross(result: AuditResult) -> list:
    return [f for f in result.findings if f.rule in CROSS]


@pytest.mark.parametrize("seed", range(8))
def test_consecutive_years_that_agree_give_no_finding(seed):
    last, this = two_years(seed)
    a = audit_values(last, "2022.txt", "某市某区人民政府", 2022)
    b = audit_values(this, "2023.txt", "某市某区人民政府", 2023, layout="tab")
    for r in together(a, b):
        assert r.count(Severity.ERROR) == 0
        assert cross(r) == []


def test_carried_over_that_does_not_match_last_year_is_flagged_on_both():
    last, this = two_years(3)
    # move one application from new to carried over: this year still adds up, the two years do not
    for row, delta in (("carried_over", 1), ("new", -1)):
        for col in ("natural_person", "total"):
            this[f"t3.{row}.{col}"] = str(int(this[f"t3.{row}.{col}"]) + delta)
    if int(this["t3.new.natural_person"]) < 0:
        pytest.skip("drawn values leave no room")
    a = audit_values(last, "last.txt", "某市某区人民政府", 2022)
    b = audit_values(this, "this.txt", "某市某区人民政府", 2023)
    a, b = together(a, b)
    assert [f.rule for f in b.findings if f.severity is Severity.ERROR and f.rule.startswith("t3")] == []
    on_this = sorted((f.rule, f.cells, f.other_cells, f.other_file) for f in cross(b))
    assert on_this == [
        ("cross.carry_over", ("t3.carried_over.natural_person",), ("t3.carried_forward.natural_person",), "last.txt"),
        ("cross.carry_over", ("t3.carried_over.total",), ("t3.carried_forward.total",), "last.txt"),
    ]
    on_last = sorted((f.rule, f.cells, f.other_file) for f in cross(a))
    assert on_last == [
        ("cross.carry_over", ("t3.carried_forward.natural_person",), "this.txt"),
        ("cross.carry_over", ("t3.carried_forward.total",), "this.txt"),
    ]
    f = next(f for f in cross(b) if f.cells == ("t3.carried_over.total",))
    assert f.severity is Severity.WARNING  # names cannot tell namesakes apart
    assert f.actual == f.expected + 1
    assert "last.txt" in f.message() and "2022" in f.message() and "last.txt" in f.message("en")


def test_in_force_that_does_not_follow_from_last_year_is_flagged():
    last, this = two_years(5)
    this["t2.normative_documents.in_force"] = str(int(this["t2.normative_documents.in_force"]) + 2)
    a, b = together(
        audit_values(last, "a.txt", "某市某区人民政府", 2022), audit_values(this, "b.txt", "某市某区人民政府", 2023)
    )
    (f,) = cross(b)
    assert f.rule == "cross.in_force"
    assert f.cells == (
        "t2.normative_documents.in_force",
        "t2.normative_documents.issued",
        "t2.normative_documents.repealed",
    )
    assert f.other_cells == ("t2.normative_documents.in_force",) and f.other_file == "a.txt"
    assert f.actual - f.expected == 2
    assert [x.rule for x in cross(a)] == ["cross.in_force"]


@pytest.mark.parametrize(
    ("agency_b", "year_b"), [("另一区人民政府", 2023), ("某市某区人民政府", 2024), ("某市某区人民政府", 2022)]
)
def test_no_two_year_check_between_other_bodies_or_years_apart(agency_b, year_b):
    last, this = two_years(2)
    this["t3.carried_over.total"] = str(int(this["t3.carried_over.total"]) + 5)
    a = audit_values(last, "a.txt", "某市某区人民政府", 2022)
    b = audit_values(this, "b.txt", agency_b, year_b)
    for r in together(a, b):
        assert [f for f in cross(r) if f.rule in ("cross.carry_over", "cross.in_force")] == []


def _copy_of_seed0(agency: str) -> str:
    text = (SAMPLES / "000_5765c3367762f63e.txt").read_text(encoding="utf-8")
    text = text.replace("杭州市钱塘区人民政府", agency).replace("钱塘区", "海曙区").replace("钱塘", "海曙")
    return re.sub(r"\b12810\b", "9876", text).replace("2347", "1200").replace("814件", "815件")


def test_a_narrative_copied_under_another_name_is_flagged_on_both():
    seeds = [audit_file(str(p)) for p in sorted(SAMPLES.glob("*.txt"))]
    copy = audit_source(Source.from_text("copy.txt", _copy_of_seed0("宁波市海曙区人民政府")))
    batch = together(*seeds, copy)
    flagged = {r.path: [(f.rule, f.other_file) for f in cross(r)] for r in batch}
    original = str(SAMPLES / "000_5765c3367762f63e.txt")
    # the copy kept the tables too
    assert sorted(flagged.pop("copy.txt")) == [("cross.copied_text", original), ("cross.same_tables", original)]
    assert sorted(flagged.pop(original)) == [("cross.copied_text", "copy.txt"), ("cross.same_tables", "copy.txt")]
    assert all(v == [] for v in flagged.values())  # the real reports do not resemble each other
    f = cross(batch[-1])[0]
    assert f.severity is Severity.WARNING and "%" in f.message()


def test_the_seeds_are_far_below_the_copy_threshold():
    from auditapp.rules.crossreport import _shingles

    sets = [set(_shingles(audit_file(str(p)).report)) for p in sorted(SAMPLES.glob("*.txt"))]
    worst = max(len(a & b) / len(a | b) for i, a in enumerate(sets) for b in sets[i + 1 :])
    assert worst < COPY_THRESHOLD / 4


def test_one_bodys_own_reports_are_not_copies_of_each_other():
    a = audit_source(Source.from_text("a.txt", _copy_of_seed0("宁波市海曙区人民政府")))
    b = audit_source(Source.from_text("b.txt", _copy_of_seed0("宁波市海曙区人民政府")))  # e.g. filed twice
    for r in together(a, b):
        assert [f.rule for f in cross(r)] == []


def test_identical_tables_of_two_bodies_are_flagged_but_all_zero_ones_are_not():
    values = consistent_values(random.Random(11))
    a = audit_values(values, "a.txt", "甲区人民政府", 2023)
    b = audit_values(values, "b.txt", "乙县人民政府", 2023, layout="cell_per_line")
    batch = together(a, b)
    assert ("cross.same_tables", "b.txt") in [(f.rule, f.other_file) for f in cross(batch[0])]
    zeros = {k: ("0" if k.startswith(("t3.", "t4.")) else v) for k, v in values.items()}
    c = audit_values(zeros, "c.txt", "甲区人民政府", 2023)
    d = audit_values(zeros, "d.txt", "乙县人民政府", 2023)
    for r in together(c, d):
        assert [f for f in cross(r) if f.rule == "cross.same_tables"] == []


def test_the_cli_checks_across_the_files_it_is_given(tmp_path):
    last, this = two_years(4)
    this["t2.regulations.in_force"] = str(int(this["t2.regulations.in_force"]) + 1)
    for name, values, year in (("2022.txt", last, 2022), ("2023.txt", this, 2023)):
        (tmp_path / name).write_text(render(values, "pipe", agency="某市某区人民政府", year=year)[0], encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "auditapp", "audit", str(tmp_path), "--json"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr  # warnings only
    objs = [json.loads(line) for line in out.stdout.splitlines()]
    found = [(f["rule"], f["other_file"], f["other_cells"]) for o in objs for f in o["findings"] if "other_file" in f]
    assert sorted(found) == [
        ("cross.in_force", str(tmp_path / "2022.txt"), ["t2.regulations.in_force"]),
        (
            "cross.in_force",
            str(tmp_path / "2023.txt"),
            ["t2.regulations.in_force", "t2.regulations.issued", "t2.regulations.repealed"],
        ),
    ]


def test_one_body_under_two_forms_of_its_name_is_one_body():
    last, this = two_years(6)
    this["t3.carried_over.total"] = str(int(this["t3.carried_over.total"]) + 3)
    a = audit_values(last, "a.txt", "杭州市钱塘区人民政府", 2022)
    b = audit_values(this, "b.txt", "钱塘区人民政府", 2023)
    a, b = together(a, b)
    assert {f.rule for f in cross(b)} == {"cross.carry_over"}  # checked across years, not "copied"


def test_many_bodies_copying_one_text_are_all_flagged():
    texts = [_copy_of_seed0(f"第{i}镇人民政府") for i in range(12)]
    batch = together(*(audit_source(Source.from_text(f"c{i}.txt", t)) for i, t in enumerate(texts)))
    for r in batch:
        (f,) = [f for f in cross(r) if f.rule == "cross.copied_text"]
        assert "另有 10 份报告也相似" in f.message()


def test_near_copies_are_found_however_they_are_hashed():
    """LSH finds every pair at ≥ 0.7 similarity and flags nothing under the threshold (brute force agrees)."""
    import numpy as np

    from auditapp.rules.crossreport import digest

    seed = (SAMPLES / sorted(p.name for p in SAMPLES.glob("*.txt"))[0]).read_text(encoding="utf-8")
    pool = [s for s in re.split(r"(?<=[。；，])", seed) if len(s) > 8 and not re.search(r"\d", s)]
    rng = random.Random(5)
    results = []
    for k in range(40):
        keep = rng.uniform(0.3, 1.0)  # how much of a shared base text each report keeps
        own = [s if rng.random() < keep else f"第{k}号单位自行撰写的内容{rng.random()}" for s in pool]
        text, _ = render(consistent_values(random.Random(k)), "pipe", agency=f"甲{k}乙县人民政府", year=2023)
        text = text.replace("一、总体情况\n", "一、总体情况\n" + "".join(own) + "\n", 1)
        results.append(audit_source(Source.from_text(f"r{k}.txt", text)))
    audit_together(results)
    digests = [digest(r.report) for r in results]

    def jaccard(a, b) -> float:
        x, y = np.asarray(a), np.asarray(b)
        shared = np.intersect1d(x, y).size
        return shared / (x.size + y.size - shared)

    flagged = {i for i, r in enumerate(results) if any(f.rule == "cross.copied_text" for f in r.findings)}
    best = [max(jaccard(digests[i].shingles, digests[j].shingles) for j in range(40) if j != i) for i in range(40)]
    assert {i for i in range(40) if best[i] >= 0.7} <= flagged
    assert all(best[i] >= COPY_THRESHOLD for i in flagged)
    assert any(best[i] < COPY_THRESHOLD for i in range(40)), "the data must hold reports that are not copies"


def test_a_reports_digest_is_made_once_however_often_reports_are_checked_together(monkeypatch):
    import auditapp.rules.crossreport as crossreport

    made = []
    real = crossreport.digest
    monkeypatch.setattr(crossreport, "digest", lambda report: made.append(report) or real(report))
    results = [audit_file(str(p)) for p in sorted(SAMPLES.glob("*.txt"))[:3]]
    audit_together(results)
    audit_together(results)  # the window checks again each time more files are opened
    assert len(made) == 3
    assert all(r.cross_digest is not None for r in results)
