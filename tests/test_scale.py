"""Batches at scale (issue #18): outputs merged without a second pass, cross checks linear, the benchmark."""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from array import array
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st
from test_crossreport import audit_values, two_years

from auditapp.api import audit_file, audit_source
from auditapp.cli import main
from auditapp.export.jsonl import dumps, result_json
from auditapp.rules.crossreport import cross_check
from auditapp.source import Source
from auditapp.spool import JsonCuts, Kit, Spool, make_kit
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
    seed = (SAMPLES / sorted(p.name for p in SAMPLES.glob("*.txt"))[0]).read_text(encoding="utf-8")
    odd = seed.replace("规章 | 0 | 0 | 0 |", "规章 | — | 约0 | 0（其中修订1件） |", 1).replace(
        "| 782 |", "| 782.0 |", 1
    )
    assert odd != seed
    results.append(audit_source(Source.from_text("odd.txt", odd)))  # placeholders, notes, decimals
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
    kits: list[Kit | None] = [
        make_kit(r, as_json, "zh", d) if d else None for r, d in zip(results, digests, strict=True)
    ]
    extra = cross_check(digests)
    assert {results[i].path for i in extra} >= {"last.txt", "this.txt", "again.txt"}
    with Spool() as spool:  # through the spool, as the CLI does
        for r, kit in zip(results, kits, strict=True):
            spool.add(dumps(r) if as_json else summary(r), kit)
        for i, r in enumerate(results):
            before = dumps(r) if as_json else summary(r)
            assert isinstance(spool.kit(i), JsonCuts if as_json else Kit)  # a JSON line's kit: places in it
            assert kits[i].render([])[0] == before == spool.text(i)
            assert spool.merged(i, []) == (before.encode(), kits[i].render([])[1])
            if i in extra:
                whole = dataclasses.replace(r)
                whole.add_findings(extra[i])
                data, verdict = spool.merged(i, extra[i])
                assert data.decode() == (dumps(whole) if as_json else summary(whole)) == kits[i].render(extra[i])[0]
                assert verdict is kits[i].render(extra[i])[1]
                assert data != before.encode()


def test_a_json_line_whose_own_findings_are_not_where_its_kit_says_keeps_its_whole_kit():
    """A line that is not its kit's rendering (cannot be cut by it) is spooled with the kit itself."""
    result = _batch_with_cross_findings()[1]
    kit = make_kit(result, True, "zh", result.digest())
    with Spool() as spool:
        spool.add(dumps(result) + " ", kit)
        assert isinstance(spool.kit(0), Kit)


def test_outputs_go_to_standard_output_as_print_would_write_them(tmp_path, monkeypatch):
    """JSON Lines written as bytes: the bytes `print` gives, a surrogate of an undecodable name too."""
    import io

    from auditapp.cli import _Output

    lines = ['{"file": "报告.txt"}', '{"file": "\udce4bad.txt"}', '{"file": "한국.txt"}', "{}"]
    outputs = []
    for binary in (True, False):
        raw = io.BytesIO()
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8", errors="replace"))
        out = _Output(binary)
        assert (out.buffer is not None) is binary
        for line in lines:
            out.line(line.encode("utf-8", "surrogatepass"))
        out.flush()
        outputs.append(raw.getvalue())
    assert outputs[0] == outputs[1] == "\n".join([*lines[:1], '{"file": "?bad.txt"}', *lines[2:], ""]).encode()


# ---- linear cross checks --------------------------------------------------------------------------


def _digests(n: int) -> list:
    """n digests of real reports under names many share (one in three goes by 区卫生健康委员会),
    three years each, most narratives and tables the same as others': the old pairwise checks
    made n² findings of such a batch."""
    base = [audit_file(p).digest() for p in sorted(str(p) for p in SAMPLES.glob("*.txt"))]
    rng = random.Random(n)
    out = []
    for k in range(n):
        body = k // 3
        agency = "区卫生健康委员会" if body % 3 == 0 else f"第{body}号区卫生健康委员会"
        d = rng.choice(base)
        out.append(dataclasses.replace(d, path=f"r{k}.txt", agency=agency, year=2021 + k % 3))
    return out


def test_the_cross_findings_grow_linearly_with_the_batch():
    counts = {}
    for n in (300, 1200):
        extra = cross_check(_digests(n))
        per_report = [len(f) for f in extra.values()]
        assert max(per_report) <= 16  # a report's findings are bounded, however many resemble it
        counts[n] = sum(per_report)
    assert counts[300] > 300  # the batch is full of repeats, copies and years
    assert counts[1200] <= 4.4 * counts[300]


def test_a_repeated_body_year_is_one_finding_per_report_naming_a_few():
    extra = cross_check(_digests(300))
    repeated = [f for fs in extra.values() for f in fs if f.rule.startswith("cross.repeated")]
    shared = [f for f in repeated if f.params["count"] == 34]  # 区卫生健康委员会's reports of one year
    assert len(shared) == 3 * 34  # one each, in each of the three years
    f = shared[0]
    assert "等（另有 29 份）" in f.message("zh") and "and 29 more" in f.message("en")
    assert f.other_file is not None


# ---- the CLI: workers, the benchmark -------------------------------------------------------------


def _bench():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_scale

    return bench_scale


def _cross_of(out: str) -> set:
    found = set()
    for line in out.splitlines():
        obj = json.loads(line)
        for f in obj["findings"]:
            if f["rule"].startswith("cross."):
                found.add((Path(obj["file"]).name, f["rule"], tuple(f["cells"]), f["other_file"], f["message"]))
    return found


def test_the_cross_findings_are_the_same_with_0_1_or_2_workers(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    _bench().generate(folder, 24)
    seen = []
    for workers in ("0", "1", "2"):
        main(["audit", str(folder), "--json", "--workers", workers])
        seen.append(_cross_of(capsys.readouterr().out))
    assert seen[0] == seen[1] == seen[2]
    assert {rule for _, rule, *_ in seen[0]} >= {"cross.carry_over", "cross.repeated"}


def test_the_scale_benchmark_runs_small(tmp_path):
    bench = _bench()
    folder = tmp_path / "in"
    folder.mkdir()
    counts = bench.generate(folder, 30)
    assert counts["files"] == 30
    out = str(tmp_path / "out.jsonl")
    measured = bench.run(folder, 0, str(tmp_path / "out.xlsx"), out)
    assert measured["exit"] in (0, 1) and measured["peak"] > 10 * 2**20
    assert len(Path(out).read_text(encoding="utf-8").splitlines()) == 30
    assert (tmp_path / "out.xlsx").stat().st_size > 0
    assert bench.cross_counts(out).get("cross.carry_over", 0) > 0


def test_a_large_batchs_workbook_is_streamed_with_the_findings_across_reports(tmp_path, monkeypatch, capsys):
    from openpyxl import load_workbook

    import auditapp.export.wb_stream as wb_stream

    monkeypatch.setattr(wb_stream, "STREAM_LIMIT", 3)
    folder = tmp_path / "in"
    folder.mkdir()
    _bench().generate(folder, 12)
    target = tmp_path / "out.xlsx"
    main(["audit", str(folder), "--json", "--workers", "0", "--xlsx", str(target)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    wb = load_workbook(target)
    summary, findings, figures = wb.worksheets  # no per-report sheets; the batch's figures (issue 21)
    assert figures.title == "数据汇总" and figures.max_row == 12 + 1 + 1 + 2  # header, reports, sums, legend
    assert summary.freeze_panes == findings.freeze_panes == "A2"
    rows = list(summary.iter_rows(min_row=2, max_row=13, values_only=True))
    assert [r[1] for r in rows] == [str(Path(o["file"]).relative_to(folder)) for o in lines]
    listed = [r for r in findings.iter_rows(min_row=2, values_only=True) if r[0] is not None]
    assert len(listed) == sum(len(o["findings"]) for o in lines)
    cross = [r for r in listed if str(r[5]).startswith(("上年", "同一机关")) or "年度表" in str(r[5])]
    assert cross, "the findings across reports are in the list"
    assert any("超过 3 份" in str(r[0]) for r in summary.iter_rows(values_only=True) if r and r[0])


def test_in_a_large_batch_phrases_most_reports_share_are_boilerplate():
    """120 narratives, each mostly one template text: all alike in a small batch, none in a large one."""
    from auditapp.api import audit_source
    from auditapp.rules import crosscopy
    from auditapp.source import Source
    from auditapp.synth import consistent_values, render

    seed = (SAMPLES / sorted(p.name for p in SAMPLES.glob("*.txt"))[0]).read_text(encoding="utf-8")
    template = "".join(s for s in seed.split("\n") if s and not any(ch.isdigit() for ch in s) and "|" not in s)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    rng = random.Random(3)
    digests = []
    for k in range(120):
        own = "".join(rng.choice(chars) for _ in range(len(template) // 4))  # each report's own words
        text, _ = render(consistent_values(random.Random(k)), "pipe", agency=f"甲{k}乙县人民政府", year=2023)
        text = text.replace("一、总体情况\n", "一、总体情况\n" + template + own + "\n", 1)
        digests.append(audit_source(Source.from_text(f"r{k}.txt", text)).digest())
    flagged = {i for i, fs in cross_check(digests).items() if any(f.rule == "cross.copied_text" for f in fs)}
    assert flagged == set()
    small = digests[: crosscopy.LARGE_BATCH // 2]  # below the size where the rule applies: all alike
    flagged = {i for i, fs in cross_check(small).items() if any(f.rule == "cross.copied_text" for f in fs)}
    assert flagged == set(range(len(small)))


@settings(max_examples=60, deadline=None)
@given(
    size=st.sampled_from([0, 1, 3, 40, 900, 5000, 20_000]),
    common=st.integers(min_value=0, max_value=300),
    seed=st.integers(min_value=0, max_value=2**31),
)
def test_the_minhash_is_the_least_hash_of_the_shingles_left_by_the_boilerplate(size, common, seed):
    """Worked in place and in slices, without the boilerplate: the values of the plain formula."""
    import numpy as np

    from auditapp.rules.crosscopy import _hash_parameters, minhash

    rng = np.random.default_rng(seed)
    pool = np.unique(rng.integers(0, 2**32, size=30_000, dtype=np.uint32))
    boilerplate = np.unique(rng.choice(pool[:400], size=common)) if common else None
    shingles = np.unique(rng.choice(pool, size=size)) if size else pool[:0]
    left = np.setdiff1d(shingles, boilerplate) if boilerplate is not None else shingles
    got = minhash(array("I", shingles.tobytes()), boilerplate)
    if not len(left):
        assert got == array("I")
        return
    a, b = _hash_parameters()
    with np.errstate(over="ignore"):
        expected = ((left.astype(np.uint64)[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)).min(axis=0)
    assert got == array("I", expected.astype(np.uint32).tobytes())
