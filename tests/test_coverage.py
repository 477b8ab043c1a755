"""Coverage: the listed bodies without a report, and the reports of no listed body, from a text
list and an Excel list, names matched tolerantly but never ambiguously."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from auditapp.coverage import CoverageError, match, read_bodies

AGENCIES = [
    "淮安市人民政府",  # 0: listed in full
    "淮安市淮安区卫生健康委员会",  # 1: these two fit the region-less 区卫生健康委员会 …
    "淮安市清江浦区卫生健康委员会",  # 2: … so neither is matched
    "淮安市教育局",  # 3: listed without its region
    "淮安市财政局",  # 4: not listed
    None,  # 5: body not recognised
    "淮安市人民政府",  # 6: the same body, another year or format
    "淮安市 民政局",  # 7: spaces
]

TEXT = """# bodies that must report, 2023
1. 淮安市人民政府
2、区卫生健康委员会

教育局
淮安市民政局
淮安市自然资源和规划局
"""


def check(bodies):
    names = [b.name for b in bodies]
    assert names == ["淮安市人民政府", "区卫生健康委员会", "教育局", "淮安市民政局", "淮安市自然资源和规划局"]
    cov = match(bodies, AGENCIES)
    assert cov.matched == {0: [0, 6], 3: [7]}
    # 教育局 is 3 characters: too short to be matched by its ending alone
    assert [names[i] for i in cov.missing] == ["教育局", "淮安市自然资源和规划局"]
    assert cov.unlisted == [3, 4, 5]
    assert cov.ambiguous_bodies == {1: [1, 2]}
    assert cov.ambiguous_reports == {1: [1], 2: [1]}


def test_text_list(tmp_path):
    path = tmp_path / "bodies.txt"
    path.write_text(TEXT, encoding="utf-8")
    bodies = read_bodies(str(path))
    assert [b.where for b in bodies] == [2, 3, 5, 6, 7]
    check(bodies)


def test_text_list_in_gbk(tmp_path):
    path = tmp_path / "bodies.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    check(read_bodies(str(path)))


def test_excel_list_with_a_header(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["2023年度应报送年度报告的单位"])
    ws.append(["序号", "单位名称", "联系人"])
    for n, line in enumerate([ln for ln in TEXT.splitlines()[1:] if ln.strip()], 1):
        ws.append([n, line.split(maxsplit=1)[-1].lstrip("2、"), "张三"])
    path = tmp_path / "bodies.xlsx"
    wb.save(path)
    bodies = read_bodies(str(path))
    assert [b.where for b in bodies] == [3, 4, 5, 6, 7]
    check(bodies)


def test_region_prefix_either_side():
    bodies = read_text_list(["淮安市淮安区教育体育局", "县市场监督管理局"])
    cov = match(bodies, ["淮安区教育体育局", "涟水县市场监督管理局"])
    assert cov.matched == {0: [0], 1: [1]} and not cov.missing and not cov.unlisted


def read_text_list(names):
    from auditapp.coverage import Listed

    return [Listed(n, k) for k, n in enumerate(names, 1)]


def test_unreadable_lists(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n\n", encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    binary = tmp_path / "old.xls"
    binary.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    for path in (empty, broken, binary, tmp_path / "missing.txt"):
        with pytest.raises(CoverageError) as e:
            read_bodies(str(path))
        assert str(path) in e.value.message() and str(path) in e.value.message("en")
