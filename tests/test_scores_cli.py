"""`auditapp audit --rulepack --bodies` and `auditapp rulepack`: a batch whose findings are known
(two copies of one report under two bodies' names), scored and ranked by hand; the 评分 and
覆盖情况 sheets of its workbook; a bad pack refused before any audit, naming its line."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from test_cli import SAMPLES, cli, seed_text, write

from auditapp.rules import RULE_BY_ID

PACK = """\
[pack]
name = "测试规则包"
source = "测试用，不是真实的考核细则"
full = 20
rank_min = 2

[[deduct]]
rule = "cross.copied_text"
points = 3
cap = 5
item = "照抄其他单位"

[[deduct]]
rule = "cross.same_tables"
points = 2
"""


def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in sorted(SAMPLES.glob("*.txt")):
        write(folder, seed.name, seed.read_text(encoding="utf-8"))
    copy = seed_text().replace("钱塘区", "临平区")  # 杭州市临平区人民政府: copied text and tables
    write(folder, "010_copy.txt", copy)
    write(folder, "020_blank.txt", "这不是年度报告。\n")  # unreadable: not scored
    return folder


def test_scores_and_coverage_by_hand(tmp_path):
    folder = batch(tmp_path)
    pack = write(tmp_path, "pack.toml", PACK)
    bodies = write(tmp_path, "bodies.txt", "杭州市钱塘区人民政府\n市商务局\n区人民政府\n淮安市人民政府\n")
    out = cli(tmp_path, "audit", folder, "--rulepack", pack, "--bodies", bodies, "--xlsx", tmp_path / "out.xlsx")
    text = out.stdout
    scores = text[text.index("评分：测试规则包") :]
    # 000 and its copy: copied text (finding 1) −3, identical tables (finding 2) −2 → 15
    assert "1. 000_5765c3367762f63e.txt（杭州市钱塘区人民政府，2023年度）：得分 15，排名 2/3" in scores
    assert "−3  照抄其他单位：cross.copied_text 1 处（问题 1）" in scores
    same = RULE_BY_ID["cross.same_tables"].title_zh  # an entry without item words: its rule's title
    assert f"−2  {same}：cross.same_tables 1 处（问题 2）" in scores
    assert "5. 004_205104d3919f452a.txt（灤河回族区人民政府，2023年度）：得分 20，排名 1/3" in scores
    assert "6. 010_copy.txt（杭州市临平区人民政府，2023年度）：得分 15，排名 2/3" in scores
    assert "2. 001_a7e6a703afb669e1.txt（城中区人民政府，2024年度）：得分 20\n" in scores
    assert "7. 020_blank.txt：无法读取，不评分" in scores
    assert "县级以上人民政府，2023年度：3 份，已排名" in scores
    assert "县级以上人民政府，2024年度：1 份，同类同年度报告仅 1 份（少于 2 份），不排名" in scores
    coverage = text[text.index("覆盖情况") :]
    assert "共 4 个单位，2 个有报告" in coverage
    assert "未见报告的单位（1）：淮安市人民政府" in coverage
    assert "名称对应不唯一，未核对（1）：区人民政府（可能是" in coverage

    wb = load_workbook(tmp_path / "out.xlsx")
    assert wb.sheetnames[:4] == ["审核汇总", "问题清单", "评分", "覆盖情况"]
    rows = list(wb["评分"].iter_rows(values_only=True))
    assert rows[0][:6] == ("序号", "报告", "机关", "年度", "得分", "排名")
    first = [r for r in rows if r[1] == "000_5765c3367762f63e.txt"]
    assert [(r[4], r[5], r[6], r[7], r[8], r[9], r[11]) for r in first] == [
        (15, "2/3", "照抄其他单位", "cross.copied_text", 1, 3, "1"),
        (15, "2/3", same, "cross.same_tables", 1, 2, "2"),
    ]
    blank = next(r for r in rows if r[1] == "020_blank.txt")
    assert blank[4] is None and blank[6] == "无法读取，不评分"
    flat = [str(v) for r in rows for v in r if v is not None]
    assert "测试用，不是真实的考核细则" in "".join(flat)
    cov = [r for r in wb["覆盖情况"].iter_rows(values_only=True)]
    assert ("未见报告", "淮安市人民政府", 4, None, None) in [tuple(r[:5]) for r in cov]
    assert any(r[0] == "不在名单中" and r[3] == "002_1fda27c24fffeb28.txt" for r in cov)


def test_a_bad_pack_is_refused_before_any_audit(tmp_path):
    folder = batch(tmp_path)
    pack = write(tmp_path, "pack.toml", PACK.replace('rule = "cross.same_tables"', 'rule = "cross.same_table"'))
    out = cli(tmp_path, "audit", folder, "--rulepack", pack)
    assert out.returncode == 2 and out.stdout == ""
    assert "第 14 行" in out.stderr and "cross.same_table" in out.stderr
    out = cli(tmp_path, "rulepack", pack, "--lang", "en")
    assert out.returncode == 2 and "line 14" in out.stderr


def test_rulepack_lists_the_default_pack_with_its_sources(tmp_path):
    out = cli(tmp_path, "rulepack")
    assert out.returncode == 0
    assert "鲤城区" in out.stdout and "timeliness.late" in out.stdout and "项 ④" in out.stdout


def test_streamed_workbook_has_the_same_scores(tmp_path):
    """A large batch's workbook (write-only) scores from each report's lean part."""
    from auditapp.api import audit_file, audit_together
    from auditapp.coverage import Listed
    from auditapp.export.wb_stream import lean, write_streamed
    from auditapp.rulepack import parse_pack

    folder = batch(tmp_path)
    results = [audit_file(str(p)) for p in sorted(folder.iterdir())]
    audit_together(results)
    target = tmp_path / "big.xlsx"
    bodies = [Listed("杭州市商务局", 1), Listed("淮安市人民政府", 2)]
    write_streamed(
        [lean(r) for r in results], len(results), str(target), lang="en", roots=[str(folder)],
        pack=parse_pack(PACK), bodies=bodies,
    )  # fmt: skip
    wb = load_workbook(target)
    assert wb.sheetnames == ["Summary", "Findings", "Scores", "Coverage"]
    rows = list(wb["Scores"].iter_rows(values_only=True))
    copy = [(r[4], r[5], r[7], r[9], r[11]) for r in rows if r[1] == "010_copy.txt"]
    assert copy == [(15, "2/3", "cross.copied_text", 3, "1"), (15, "2/3", "cross.same_tables", 2, "2")]
    cov = [tuple(r[:3]) for r in wb["Coverage"].iter_rows(values_only=True)]
    assert ("no report", "淮安市人民政府", 2) in cov and ("has a report", "杭州市商务局", 1) in cov


def test_a_large_batchs_streamed_workbook_carries_the_scores(tmp_path, monkeypatch, capsys):
    import auditapp.export.wb_stream as wb_stream
    from auditapp.cli import main

    monkeypatch.setattr(wb_stream, "STREAM_LIMIT", 3)
    folder = batch(tmp_path)
    pack = write(tmp_path, "pack.toml", PACK)
    target = tmp_path / "out.xlsx"
    main(["audit", str(folder), "--workers", "0", "--rulepack", str(pack), "--xlsx", str(target)])
    printed = capsys.readouterr().out
    assert "6. 010_copy.txt（杭州市临平区人民政府，2023年度）：得分 15，排名 2/3" in printed
    wb = load_workbook(target)
    assert wb.sheetnames == ["审核汇总", "问题清单", "评分", "数据汇总"]  # streamed: no per-report sheets
    rows = list(wb["评分"].iter_rows(values_only=True))
    assert [(r[4], r[5]) for r in rows if r[1] == "010_copy.txt"] == [(15, "2/3"), (15, "2/3")]
