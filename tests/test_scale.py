"""Batches at scale (issue #18): outputs merged without a second pass, cross checks linear, the benchmark."""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES
from test_crossreport import audit_values, two_years

from auditapp.api import audit_file, audit_together
from auditapp.cli import main
from auditapp.export.jsonl import dumps, result_json
from auditapp.rules.crossreport import cross_check
from auditapp.spool import Kit, Spool, make_kit
from auditapp.summary import summary

ALL_SAMPLES = sorted(str(p) for p in SAMPLES.rglob("*") if p.is_file())


def _batch_with_cross_findings() -> list:
    """Two years of one body that disagree, the same report twice, and the samples."""
    last, this = two_years(11)
    this["t3.carried_over.total"] = str(int(this["t3.carried_over.total"]) + 4)
    results = [
        audit_values(last, "last.txt", "某某县人民政府", 2022),
        audit_values(this, "this.txt", "某某县人民政府", 2023, layout="tab"),
        audit_values(this, "again.txt", "某某县人民政府", 2023),
    ]
    return results + [audit_file(p) for p in ALL_SAMPLES]


def test_json_rendering_gives_the_bytes_of_json_dumps():
    for result in _batch_with_cross_findings():
        for lang in ("zh", "en"):
            assert dumps(result, lang) == json.dumps(result_json(result, lang), ensure_ascii=False)


@pytest.mark.parametrize("as_json", [True, False])
def test_an_output_merged_from_its_kit_is_the_whole_results_output(as_json):
    """The bytes of a file's output with findings across reports are those the old second pass gave."""
    results = _batch_with_cross_findings()
    digests = [r.digest() for r in results]
    kits: list[Kit | None] = [make_kit(r, as_json, "zh", d) if d else None for r, d in zip(results, digests, strict=True)]
    extra = cross_check(digests)
    assert {results[i].path for i in extra} >= {"last.txt", "this.txt", "again.txt"}
    with Spool() as spool:  # through the spool, as the CLI does
        for r, kit in zip(results, kits, strict=True):
            spool.add(dumps(r) if as_json else summary(r), kit)
        for i, r in enumerate(results):
            kit = spool.kit(i)
            assert kit is not None
            before = dumps(r) if as_json else summary(r)
            assert kit.render([])[0] == before == spool.text(i)
            if i in extra:
                whole = dataclasses.replace(r)
                whole.add_findings(extra[i])
                text, verdict = kit.render(extra[i])
                assert text == (dumps(whole) if as_json else summary(whole))
                assert text != before
