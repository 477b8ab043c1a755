"""Copied from last year (cross.copied_last_year): real reports against "last year's" versions of
themselves, made by changing the year and rewriting some sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from auditapp.api import AuditResult, audit_file, audit_source, audit_together
from auditapp.cli import main
from auditapp.rules import RULE_BY_ID, Severity, crosslast
from auditapp.rules.catalogue import basis
from auditapp.rules.crossreport import cross_check, digest
from auditapp.source import Source
from auditapp.spool import ShingleStore

REAL = SHARED / "real"
RULE = "cross.copied_last_year"


def _real(name: str) -> AuditResult:
    path = REAL / name
    if not path.exists():
        pytest.skip("shared real files not found")
    return audit_file(str(path))


def _last_years(result: AuditResult, rewrite: int, path: str = "last.txt", agency: str | None = None,
                years_back: int = 1) -> tuple[AuditResult, float]:  # fmt: skip
    """`result`'s report as last year's: its years one less, and every `rewrite`-th sentence that
    counts rewritten (0: none); with the share of this year's text that then repeats last year's."""
    report = result.report
    assert report is not None and report.meta.year is not None
    text = "\n".join(report.source.lines)
    year = report.meta.year
    found = list(crosslast.sentences(report))
    total = sum(s.weight for s in {s.key: s for s in found}.values())
    rewritten = 0
    for k, s in enumerate(found):
        if rewrite and k % rewrite == 0:
            span = s.spans[0]
            old = report.source.lines[span.line - 1][span.start : span.end]
            text = text.replace(old, f"本机关第{'甲乙丙丁戊己庚辛壬癸'[k % 10]}{k}项工作另有安排，措施与前不同。", 1)
            rewritten += s.weight
    for y in range(year - 3, year + 2):  # older years first, so that no year is shifted twice
        text = text.replace(str(y), str(y - years_back))
    if agency is not None:
        text = text.replace(report.meta.agency or "", agency)
    return audit_source(Source.from_text(path, text)), (total - rewritten) / total


def _copied(result: AuditResult) -> list:
    return [f for f in result.findings if f.rule == RULE]


@pytest.mark.parametrize("name", ["kewei_2024.md", "shuyang_county_2025.txt", "pingtan_2023_extract.html"])
def test_a_report_that_repeats_most_of_last_years_is_flagged(name):
    this = _real(name)
    last, share = _last_years(this, rewrite=4)  # one sentence in four rewritten
    assert 0.6 < share < 0.85
    audit_together([this, last])
    (f,) = _copied(this)
    assert f.severity is Severity.WARNING
    assert f.params["share"] == f"{share:.0%}"
    assert f.other_file == "last.txt"
    assert _copied(last) == []  # last year's report copied nothing
    # the evidence: spans of repeated sentences, in this report's narrative, bounded
    assert 0 < len(f.spans) <= 3 * crosslast.PASSAGES
    narrative = dict(this.report.narrative_lines())
    for span in f.spans:
        assert span.line in narrative and 0 <= span.start < span.end <= len(narrative[span.line])
    assert "本机关" in f.message("zh") and "last year" in f.message("en")
    assert f"{this.report.meta.year - 1}年度报告（last.txt）" in f.message("zh")
    quoted = f.params["passages"].zh
    assert quoted.startswith("“") and quoted.split("”")[0].strip("“…") in "".join(this.report.source.lines)


def test_a_report_rewritten_enough_is_not_flagged():
    this = _real("kewei_2024.md")
    last, share = _last_years(this, rewrite=2)  # every other sentence rewritten
    assert share < 0.5
    audit_together([this, last])
    assert _copied(this) == _copied(last) == []


def test_the_share_counts_characters_of_the_sentences_that_count():
    this = _real("shuyang_county_2025.txt")
    last, share = _last_years(this, rewrite=3)
    mine = list(crosslast.sentences(this.report))
    found = crosslast.repeated(mine, list(crosslast.sentences(last.report)))
    assert found.share == pytest.approx(share)
    assert found.decided and found.sentences == sum(len(p) for p in found.passages)
    # packing for the digest keeps what the share needs
    packed = crosslast.unpack(crosslast.pack(mine))
    assert [(s.key, s.weight, s.spans[0]) for s in packed] == [(s.key, s.weight, s.spans[0]) for s in mine]


@pytest.mark.parametrize(("agency", "years_back"), [("某县市场监督管理局", 1), (None, 2)])
def test_other_bodies_or_years_apart_are_not_compared(agency, years_back):
    this = _real("kewei_2024.md")
    last, _ = _last_years(this, rewrite=0, agency=agency, years_back=years_back)
    assert last.report.meta.year == this.report.meta.year - years_back
    audit_together([this, last])
    assert _copied(this) == _copied(last) == []


def test_boilerplate_headings_and_figures_do_not_make_a_copy():
    head = (
        "一、总体情况\n本报告根据《中华人民共和国政府信息公开条例》编制。"
        "本报告所列数据的统计期限为{y}年1月1日至12月31日。\n"
    )
    own = {
        2022: "我局围绕优化营商环境开展政策宣讲{n}场，走访企业三十余家，收集意见建议并逐条回应。",
        2023: "本年度重点推进乡村振兴领域信息公开，新设专栏{n}个，集中发布帮扶政策与项目进展情况。",
    }
    results = []
    for y in (2022, 2023):
        body = "".join(own[y].format(n=k) for k in range(8))
        text = (
            f"某县农业农村局{y}年政府信息公开工作年度报告\n{head.format(y=y)}{body}\n"
            "六、其他需要报告的事项\n本年度未收取信息处理费。\n"
        )
        results.append(audit_source(Source.from_text(f"{y}.txt", text)))
    mine, before = (list(crosslast.sentences(r.report)) for r in reversed(results))
    assert crosslast.repeated(mine, before).share == 0  # the basis, period, headings and fees do not count
    # the same sentences with other figures are repeated
    assert crosslast.repeated(mine, mine).share == 1


def test_the_cli_gives_the_same_findings_with_0_1_or_2_workers(tmp_path, capsys):
    this = _real("kewei_2024.md")
    last, _ = _last_years(this, rewrite=5)
    other, _ = _last_years(this, rewrite=0, agency="某县市场监督管理局")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kewei_2024.md").write_text("\n".join(this.report.source.lines), encoding="utf-8")
    (folder / "kewei_2023.txt").write_text("\n".join(last.report.source.lines), encoding="utf-8")
    (folder / "other_2023.txt").write_text("\n".join(other.report.source.lines), encoding="utf-8")
    seen = []
    for workers in ("0", "1", "2"):
        main(["audit", str(folder), "--json", "--workers", workers])
        out = capsys.readouterr().out
        found = set()
        for line in out.splitlines():
            obj = json.loads(line)
            for f in obj["findings"]:
                if f["rule"] == RULE:
                    found.add((Path(obj["file"]).name, Path(f["other_file"]).name, f["message"], json.dumps(f)))
        seen.append(found)
    assert seen[0] == seen[1] == seen[2]
    assert {(a, b) for a, b, *_ in seen[0]} == {("kewei_2024.md", "kewei_2023.txt")}


def test_the_sentences_stay_out_of_memory_in_a_batch():
    results = [audit_file(str(p)) for p in sorted(SAMPLES.glob("*.txt"))[:2]]
    full = [digest(r.report) for r in results]
    assert all(d.sentences for d in full)
    with ShingleStore() as store:
        lean = [store.keep(i, d) for i, d in enumerate(full)]
        assert all(d.sentences == b"" and len(d.shingles) == 0 for d in lean)
        assert [store.sentences(i) for i in range(2)] == [d.sentences for d in full]
        assert cross_check(lean, store, store.sentences) == cross_check(full)
    assert max(len(d.sentences) for d in full) < 8_000  # a few KB a report, and on disk in a batch


def test_the_rule_names_its_source():
    rule = RULE_BY_ID[RULE]
    assert rule.source is not None and "雷同" in basis(rule) and "Licheng" in basis(rule, "en")


@settings(max_examples=80, deadline=None)
@given(
    this=st.lists(st.tuples(st.integers(0, 30), st.integers(1, 60)), max_size=40),
    last=st.lists(st.tuples(st.integers(0, 30), st.integers(1, 60)), max_size=40),
)
def test_the_share_from_hashes_alone_is_the_share_of_the_sentences(this, last):
    """Pairs are measured on the packed hashes and weights; only a flagged pair is unpacked."""
    from auditapp.source import Span

    def packed(pairs):
        return crosslast.pack(crosslast.Sentence(k, w, (Span(1, 0, w),), f"句{k}") for k, w in pairs)

    mine, theirs = packed(this), packed(last)
    found = crosslast.repeated(crosslast.unpack(mine), crosslast.unpack(theirs))
    assert crosslast.share(mine, theirs) == (found.share, found.total)
