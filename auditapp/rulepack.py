"""A rule pack: how an evaluator turns findings into points deducted (a small TOML file).

Evaluators score the annual reports by deducting points per problem, each item capped (a
district's table deducts 5 points for a report "not written by the required elements", 5 for
one "the same as earlier years' or other bodies'"). A pack says that as data:

    [pack]
    name = "某区政务公开考核：年度报告"       # name_en optional
    source = "某区《政务公开考核评分细则》（2020）"  # where its figures come from (source_en optional)
    full = 10                                # the score a report starts from
    rank_min = 10                            # rank only groups of at least this many reports

    [[deduct]]
    rules = ["cross.copied_text", "cross.copied_last_year"]   # or rule = "…"
    points = 5          # deducted per finding
    cap = 5             # at most this much for the entry in one report (optional)
    item = "年度报告与往年或与其他单位雷同"  # the evaluator's words (item_en optional)
    source = "…④"       # this line's own source (optional; source_en optional)

A rule belongs to one entry at most (it would count twice). A pack that cannot be read, names an
unknown rule or holds a malformed line is refused with a message that names the line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .resources import resource
from .rules import RULE_BY_ID

MAX_BYTES = 1024 * 1024  # a pack is a page of text
DEFAULT_RANK_MIN = 10
_PACK_KEYS = {"name", "name_en", "source", "source_en", "full", "rank_min"}
_ENTRY_KEYS = {"rule", "rules", "points", "cap", "item", "item_en", "source", "source_en"}


@dataclass(frozen=True, slots=True)
class Deduction:
    """One entry of a pack: the rules whose findings it counts, points each, capped per report."""

    rules: tuple[str, ...]
    points: Decimal
    cap: Decimal | None
    item: str
    item_en: str
    source: str
    source_en: str
    line: int  # where the entry starts in the pack's text

    def item_in(self, lang: str) -> str:
        return (self.item_en or self.item) if lang == "en" else self.item

    def source_in(self, lang: str) -> str:
        return (self.source_en or self.source) if lang == "en" else self.source


@dataclass(frozen=True, slots=True)
class RulePack:
    name: str
    name_en: str
    source: str
    source_en: str
    full: Decimal
    rank_min: int
    deductions: tuple[Deduction, ...]
    path: str | None = None

    def name_in(self, lang: str) -> str:
        return (self.name_en or self.name) if lang == "en" else self.name

    def source_in(self, lang: str) -> str:
        return (self.source_en or self.source) if lang == "en" else self.source

    def entry_of(self, rule_id: str) -> int | None:
        """The index of the entry that counts `rule_id`, or None when the pack ignores it."""
        for i, d in enumerate(self.deductions):
            if rule_id in d.rules:
                return i
        return None


class RulePackError(Exception):
    """A pack refused; `message(lang)` says why and on which line."""

    def __init__(self, path: str, line: int | None, zh: str, en: str) -> None:
        super().__init__(zh)
        self.path, self.line, self.zh, self.en = path, line, zh, en

    def message(self, lang: str = "zh") -> str:
        if lang == "en":
            where = f"{self.path}, line {self.line}" if self.line else self.path
            return f"Rule pack {where}: {self.en}"
        where = f"{self.path} 第 {self.line} 行" if self.line else self.path
        return f"评分规则包 {where}：{self.zh}"


def default_pack_path() -> Path | None:
    return resource("rulepacks", "default.toml")


def default_pack() -> RulePack:
    path = default_pack_path()
    if path is None:
        raise RulePackError("default.toml", None, "找不到程序自带的评分规则包", "the built-in rule pack is missing")
    return load_pack(str(path))


def load_pack(path: str) -> RulePack:
    """Read and check the pack at `path` (RulePackError says why it is refused)."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise RulePackError(path, None, f"文件过大（{size} 字节），不像评分规则包", f"too large ({size} bytes)")
        data = Path(path).read_bytes()
    except OSError as e:
        why = e.strerror or str(e)
        raise RulePackError(path, None, f"无法打开：{why}", f"cannot be opened: {why}") from None
    try:
        text = data.decode("utf-8-sig")  # Notepad's UTF-8 starts with a BOM
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise RulePackError(path, line, "不是 UTF-8 编码的文本", "is not UTF-8 text") from None
    return parse_pack(text, path)


def parse_pack(text: str, path: str = "<pack>") -> RulePack:
    try:
        data = tomllib.loads(text)
    except RecursionError:  # arrays nested thousands deep: no pack looks like that
        raise RulePackError(path, None, "TOML 嵌套过深，不像评分规则包", "nested too deep to be a rule pack") from None
    except tomllib.TOMLDecodeError as e:
        found = re.search(r"at line (\d+)", str(e))
        line = int(found.group(1)) if found else None
        why = re.sub(r"\s*\(at line.*\)$", "", str(e))
        raise RulePackError(path, line, f"TOML 格式错误（{why}）", f"malformed TOML ({why})") from None
    lines = text.splitlines()
    for key in data:
        if key not in ("pack", "deduct"):
            raise _err(path, _line_of(lines, key), f"未知的项 {key}", f"unknown key {key}")
    head = data.get("pack")
    if not isinstance(head, dict):
        raise _err(
            path, None, "缺少 [pack] 一节（规则包的名称、来源和满分）", "no [pack] table (name, source, full score)"
        )
    pack_line = _header_line(lines, "pack", 0) or 1
    for key in head:
        if key not in _PACK_KEYS:
            raise _err(
                path, _line_of(lines, key, pack_line), f"[pack] 中未知的项 {key}", f"unknown key {key} in [pack]"
            )
    name = _text(head, "name", path, lines, pack_line, required=True)
    source = _text(head, "source", path, lines, pack_line, required=True)
    full = _number(head, "full", path, lines, pack_line, required=True)
    assert full is not None
    rank_min = head.get("rank_min", DEFAULT_RANK_MIN)
    if isinstance(rank_min, bool) or not isinstance(rank_min, int) or rank_min < 2:
        line = _line_of(lines, "rank_min", pack_line)
        raise _err(path, line, "rank_min 应为不小于 2 的整数", "rank_min must be a whole number of at least 2")
    entries = data.get("deduct", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise _err(path, _line_of(lines, "deduct"), "deduct 应写成 [[deduct]] 各节", "deduct must be [[deduct]] tables")
    deductions: list[Deduction] = []
    seen: dict[str, int] = {}
    for k, entry in enumerate(entries):
        at = _header_line(lines, "deduct", k) or 1
        deductions.append(_entry(entry, path, lines, at, seen))
    if not deductions:
        raise _err(path, None, "没有任何扣分项（[[deduct]]）", "no deduction entries ([[deduct]])")
    return RulePack(
        name, _text(head, "name_en", path, lines, pack_line), source, _text(head, "source_en", path, lines, pack_line),
        full, rank_min, tuple(deductions), path,
    )  # fmt: skip


def _entry(entry: dict, path: str, lines: list[str], at: int, seen: dict[str, int]) -> Deduction:
    for key in entry:
        if key not in _ENTRY_KEYS:
            raise _err(path, _line_of(lines, key, at), f"扣分项中未知的项 {key}", f"unknown key {key} in a deduction")
    if ("rule" in entry) == ("rules" in entry):
        raise _err(
            path, at, "每个扣分项须写 rule 或 rules（二者之一）", "each deduction needs rule or rules (one of them)"
        )
    rules = entry.get("rules", [entry.get("rule")])
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not rules or not all(isinstance(r, str) for r in rules):
        line = _line_of(lines, "rule", at)
        raise _err(path, line, "rule/rules 应为规则编号（字符串）", "rule/rules must be rule ids (strings)")
    for r in rules:
        line = _line_of(lines, r, at)
        if r not in RULE_BY_ID:
            raise _err(path, line, f"未知的规则 {r}（见 auditapp rules）", f"unknown rule {r} (see auditapp rules)")
        if r in seen:
            zh = f"规则 {r} 已在第 {seen[r]} 行的扣分项中，不能重复计分"
            raise _err(path, line, zh, f"rule {r} is already counted by the entry on line {seen[r]}")
        seen[r] = at
    points = _number(entry, "points", path, lines, at, required=True)
    cap = _number(entry, "cap", path, lines, at)
    assert points is not None
    return Deduction(
        tuple(rules), points, cap,
        _text(entry, "item", path, lines, at), _text(entry, "item_en", path, lines, at),
        _text(entry, "source", path, lines, at), _text(entry, "source_en", path, lines, at), at,
    )  # fmt: skip


def _err(path: str, line: int | None, zh: str, en: str) -> RulePackError:
    return RulePackError(path, line, zh, en)


def _text(table: dict, key: str, path: str, lines: list[str], at: int, required: bool = False) -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        line = _line_of(lines, key, at)
        raise _err(path, line, f"{key} 应为非空的文字", f"{key} must be a non-empty text")
    return value.strip()


def _number(table: dict, key: str, path: str, lines: list[str], at: int, required: bool = False) -> Decimal | None:
    value = table.get(key)
    if value is None and not required:
        return None
    line = _line_of(lines, key, at)
    if value is None:
        raise _err(path, line, f"缺少 {key}", f"{key} is missing")
    try:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidOperation
        number = Decimal(str(value))
    except InvalidOperation:
        raise _err(path, line, f"{key} 应为数字", f"{key} must be a number") from None
    if not number.is_finite() or number <= 0:
        raise _err(path, line, f"{key} 应为大于 0 的数", f"{key} must be more than 0")
    return number


def _header_line(lines: list[str], table: str, index: int) -> int | None:
    """The line of the `index`-th `[table]` or `[[table]]` header."""
    pattern = re.compile(r"^\s*\[\[?\s*" + re.escape(table) + r"\s*\]\]?\s*(#.*)?$")
    found = [n for n, line in enumerate(lines, 1) if pattern.match(line)]
    return found[index] if index < len(found) else None


def _line_of(lines: list[str], word: str, start: int = 1) -> int | None:
    """The first line from `start` on that names `word` (a key or a quoted value)."""
    key = re.compile(r"^\s*" + re.escape(word) + r"\s*[=.]")
    quoted = re.compile(r"[\"']" + re.escape(word) + r"[\"']")
    for n in range(max(start, 1), len(lines) + 1):
        if key.match(lines[n - 1]) or quoted.search(lines[n - 1]):
            return n
    return None


__all__ = ["Deduction", "RulePack", "RulePackError", "default_pack", "default_pack_path", "load_pack", "parse_pack"]
