"""Coverage: which of the bodies that must report have no report in the batch, and which reports
belong to no listed body.

The list is a plain text file (one body a line; blank lines and lines starting with # ignored;
a leading number such as `12.` or `12、` dropped) or an Excel workbook (the column headed
单位/机关/名称, else the first column). Names are matched tolerantly: full-width and half-width
forms and white space do not matter, and a name may carry its region prefix on one side only
(`淮安市卫生健康委员会` and `卫生健康委员会`). A match without the full name is taken only when it
is unambiguous both ways: `区卫生健康委员会` is the name of many districts' commissions, so when
it fits several reports' bodies (or a report's body fits several listed names) nothing is
matched and the coverage says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

MAX_BODIES = 100_000
_NUMBERED = re.compile(r"^\s*[（(]?\d{1,5}[）).、．:：\s]\s*")
_HEADER_WORDS = ("单位", "机关", "名称", "body", "name")
_REGION_END = (*"省市区县旗州盟乡镇", "街道")
_MIN_PART = 4  # a name shorter than this is never matched by its ending alone


class CoverageError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Listed:
    name: str
    where: int  # the line (text) or row (Excel) it stands on


def fold(name: str) -> str:
    """A name as compared: NFKC (full-width → half-width), no white space, no trailing `（本级）`."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    return re.sub(r"\((本级|机关|本部)\)$", "", text)


def read_bodies(path: str) -> list[Listed]:
    """The bodies listed in a .txt or .xlsx file (CoverageError says why it cannot be read)."""
    suffix = Path(path).suffix.lower()
    bodies = _read_xlsx(path) if suffix in (".xlsx", ".xlsm") else _read_text(path)
    if not bodies:
        raise CoverageError(f"名单 {path} 中没有任何单位名称", f"the list {path} names no body")
    return bodies


def _read_text(path: str) -> list[Listed]:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        why = e.strerror or str(e)
        raise CoverageError(f"无法打开名单 {path}：{why}", f"cannot open the list {path}: {why}") from None
    if b"\0" in data[:4096]:  # a binary file (an old .xls, a .docx): no list of names
        raise CoverageError(f"名单 {path} 不是文本文件或 .xlsx 工作簿", f"the list {path} is neither text nor .xlsx")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CoverageError(f"名单 {path} 不是可读的文本文件", f"the list {path} is not readable text")
    bodies = []
    for n, line in enumerate(text.splitlines(), 1):
        name = _NUMBERED.sub("", line).strip()
        if name and not name.startswith("#"):
            bodies.append(Listed(name, n))
        if len(bodies) > MAX_BODIES:
            raise CoverageError(f"名单 {path} 过长", f"the list {path} is too long")
    return bodies


def _read_xlsx(path: str) -> list[Listed]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged or foreign file
        why = type(e).__name__
        raise CoverageError(f"无法读取名单 {path}（{why}）", f"cannot read the list {path} ({why})") from None
    try:
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True, max_row=MAX_BODIES + 10))
    except Exception as e:  # a sheet that cannot be read through (damaged XML)
        why = type(e).__name__
        raise CoverageError(f"无法读取名单 {path}（{why}）", f"cannot read the list {path} ({why})") from None
    finally:
        wb.close()
    column, first = 0, 0
    for r, row in enumerate(rows[:5]):
        for c, value in enumerate(row):
            # a column's heading is short (`单位名称`); a title above the table is not
            if isinstance(value, str) and len(value.strip()) <= 8 and any(w in value.lower() for w in _HEADER_WORDS):
                column, first = c, r + 1
                break
        if first:
            break
    bodies = []
    for r, row in enumerate(rows[first:], first + 1):
        value = row[column] if column < len(row) else None
        if isinstance(value, str) and value.strip():
            bodies.append(Listed(value.strip(), r))
    return bodies


# ---- matching --------------------------------------------------------------------------------


@dataclass
class Coverage:
    bodies: list[Listed]
    matched: dict[int, list[int]] = field(default_factory=dict)  # listed index → report indices
    missing: list[int] = field(default_factory=list)  # listed indices with no report
    unlisted: list[int] = field(default_factory=list)  # report indices of no listed body
    # a name that fits several: listed index → report indices, or report index → listed indices
    ambiguous_bodies: dict[int, list[int]] = field(default_factory=dict)
    ambiguous_reports: dict[int, list[int]] = field(default_factory=dict)


def _part_of(short: str, long: str) -> bool:
    """`long` is `short` with a region in front (`淮安市` + `卫生健康委员会`)."""
    if len(short) < _MIN_PART or len(long) <= len(short) or not long.endswith(short):
        return False
    prefix = long[: -len(short)]
    return prefix.endswith(_REGION_END) or short.startswith(_REGION_END)


def match(bodies: Sequence[Listed], agencies: Sequence[str | None]) -> Coverage:
    """Match the reports' agencies (one per report, None when unknown) to the listed bodies."""
    cov = Coverage(list(bodies))
    by_name: dict[str, list[int]] = defaultdict(list)  # folded agency → report indices
    for j, agency in enumerate(agencies):
        if agency and fold(agency):
            by_name[fold(agency)].append(j)
        else:
            cov.unlisted.append(j)
    listed: dict[str, list[int]] = defaultdict(list)  # folded listed name → listed indices (a name twice is one)
    for i, b in enumerate(bodies):
        listed[fold(b.name)].append(i)
    exact = {name for name in by_name if name in listed}
    candidates: dict[str, list[str]] = defaultdict(list)  # agency → listed names it may be
    claims: dict[str, list[str]] = defaultdict(list)  # listed name → agencies it may be
    for name in by_name:
        if name in exact:
            continue
        for lname in listed:
            if lname not in exact and (_part_of(lname, name) or _part_of(name, lname)):
                candidates[name].append(lname)
                claims[lname].append(name)
    pairs = {name: name for name in exact}
    for name, lnames in candidates.items():
        if len(lnames) == 1 and len(claims[lnames[0]]) == 1:
            pairs[name] = lnames[0]
    for name, reports in by_name.items():
        lname = pairs.get(name)
        if lname is not None:
            for i in listed[lname]:
                cov.matched.setdefault(i, []).extend(reports)
        elif candidates.get(name):
            for j in reports:
                cov.ambiguous_reports[j] = sorted(i for ln in candidates[name] for i in listed[ln])
        else:
            cov.unlisted.extend(reports)
    for lname, agencies_of in claims.items():
        if lname not in pairs.values() and (len(agencies_of) > 1 or len(candidates[agencies_of[0]]) > 1):
            for i in listed[lname]:
                cov.ambiguous_bodies[i] = sorted(j for a in agencies_of for j in by_name[a])
    cov.missing = [i for i in range(len(bodies)) if i not in cov.matched and i not in cov.ambiguous_bodies]
    cov.unlisted.sort()
    return cov


__all__ = ["Coverage", "CoverageError", "Listed", "fold", "match", "read_bodies"]
