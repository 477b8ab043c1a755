"""Golden tests: the five bundled seed reports parse to the fixture's 200 cells, cleanly."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import SAMPLES, SHARED

from auditapp.api import Status, audit_file
from auditapp.parse.values import Kind
from auditapp.rules import Severity
from auditapp.template import TEMPLATE_2021

ALL_CELLS = TEMPLATE_2021.cell_ids()

# What each seed's title or metadata table says; None: not checked beyond being present.
KNOWN_META = {
    "000_5765c3367762f63e.txt": ("杭州市钱塘区人民政府", 2023, None),
    "003_863e23154c873766.txt": ("杭州市商务局", 2023, "2024-01-16"),
    "004_205104d3919f452a.txt": ("灤河回族区人民政府", 2023, None),
}


@pytest.fixture(scope="module")
def results():
    """Each seed audited once for the whole module."""
    return {}


@pytest.fixture
def result(seed_path, results):
    if seed_path.name not in results:
        results[seed_path.name] = audit_file(str(seed_path))
    return results[seed_path.name]


def test_fixture_covers_the_template(expected):
    assert sorted(expected) == sorted(p.name for p in SAMPLES.glob("*.txt"))
    assert len(ALL_CELLS) == 200
    for name, exp in expected.items():
        assert sorted(exp["cells"]) == sorted(ALL_CELLS), name
        assert exp["error_findings"] == 0, name


def test_status_ok(result):
    assert result.status is Status.OK, result.error
    assert result.error is None
    assert result.source is not None and result.report is not None
    assert result.report.problems == []


def test_all_cells_have_fixture_value_and_line(result, seed_path, expected):
    exp = expected[seed_path.name]["cells"]
    cells = result.report.cells
    assert set(cells) == set(ALL_CELLS)
    wrong = []
    for cid, e in exp.items():
        cell = cells[cid]
        if cell.value is None or cell.value != Decimal(str(e["value"])):
            wrong.append(f"{cid}: value {cell.value!r} != {e['value']!r}")
        if cell.span.line != e["line"]:
            wrong.append(f"{cid}: line {cell.span.line} != {e['line']}")
        if cell.kind is not Kind.NUMBER:
            wrong.append(f"{cid}: kind {cell.kind}")
    assert not wrong, "\n".join(wrong)


def test_spans_point_at_raw_text(result):
    source = result.source
    bad = []
    for cid, cell in result.report.cells.items():
        assert cell.raw, cid  # every seed cell holds a number
        if source.line(cell.span.line)[cell.span.start : cell.span.end] != cell.raw:
            bad.append(f"{cid}: {cell.span} → {source.snippet(cell.span)!r}, raw {cell.raw!r}")
    assert not bad, "\n".join(bad)
    assert len(result.report.cells) == 200


def test_no_error_or_warning_findings(result):
    errors = [f.message() for f in result.findings if f.severity is Severity.ERROR]
    warnings = [f.message() for f in result.findings if f.severity is Severity.WARNING]
    assert errors == []
    assert warnings == []
    assert result.count(Severity.ERROR) == 0


def test_meta(result, seed_path):
    meta = result.report.meta
    assert meta.agency, "agency not found"
    assert meta.year is not None and 2019 <= meta.year <= 2030
    if seed_path.name in KNOWN_META:
        agency, year, published = KNOWN_META[seed_path.name]
        assert meta.agency == agency
        assert meta.year == year
        if published is not None:
            assert meta.published == published
    # the meta's own provenance points at what it says
    if meta.agency_span is not None:
        assert result.source.snippet(meta.agency_span) == meta.agency
    if meta.year_span is not None:
        assert result.source.snippet(meta.year_span) == str(meta.year)


def test_cli_json_scored_as_ci_would(tmp_path, expected):
    seeds = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    assert len(seeds) == 5
    run = subprocess.run(
        [sys.executable, "-m", "auditapp", "audit", *seeds, "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    out = tmp_path / "out.jsonl"
    out.write_text(run.stdout, encoding="utf-8")

    objs = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert [o["file"] for o in objs] == seeds
    for o in objs:
        assert o["status"] == "ok" and o["error"] is None
        assert o["source"] == {"format": "text", "encoding": "utf-8"}
        assert len(o["cells"]) == 200
        assert not [f for f in o["findings"] if f["severity"] == "error"]

    score = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score_seeds.py"), str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert score.returncode == 0, score.stdout + score.stderr
    assert "all seeds match" in score.stdout
    assert score.stdout.count("values 200/200, lines 200/200, error findings 0") == len(expected)
