"""Crafted worst cases for regular expressions, and a check that none backtracks badly.

A pattern whose time explodes does so on a *prefix* of something it matches followed by a
long run of what could come next (`2020年` and 100,000 spaces, `第1页` and spaces and no
`共`): each start position then scans the whole run, or two adjoining optional runs split it
every possible way. So for each pattern we draw strings it matches (deterministically, from
its parsed form), cut them everywhere, and pad each cut with long runs.

Whether the time grows linearly is told by scaling, not by a clock limit: the slowest shapes
at a small size are timed again at 4,000 and 32,000 characters (best of three), and a ratio
far above 8 (linear) means quadratic or worse (64). Run as a script (`python tests/crafted.py`)
it prints one line per pattern, so a caller with a time limit can name the one that hung.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
import sys
import time
from collections.abc import Callable, Iterator

try:  # Python 3.11+
    import re._constants as C  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_CATEGORY = {
    C.CATEGORY_DIGIT: "1",
    C.CATEGORY_SPACE: " ",
    C.CATEGORY_WORD: "a",
    C.CATEGORY_NOT_DIGIT: "a",
    C.CATEGORY_NOT_SPACE: "a",
    C.CATEGORY_NOT_WORD: " ",
}
_POOL = "x1 一a。,\u3000|年"


def _in_set(items, ch: str) -> bool:
    for op, av in items:
        if (op == C.LITERAL and chr(av) == ch) or (op == C.RANGE and av[0] <= ord(ch) <= av[1]):
            return True
        if op == C.CATEGORY:
            tests = {
                C.CATEGORY_DIGIT: ch.isdigit(),
                C.CATEGORY_SPACE: ch.isspace(),
                C.CATEGORY_WORD: ch.isalnum() or ch == "_",
                C.CATEGORY_NOT_DIGIT: not ch.isdigit(),
                C.CATEGORY_NOT_SPACE: not ch.isspace(),
                C.CATEGORY_NOT_WORD: not (ch.isalnum() or ch == "_"),
            }
            if tests.get(av):
                return True
    return False


def _generate(parsed, rnd: random.Random) -> str:
    out: list[str] = []
    for op, av in parsed:
        if op == C.LITERAL:
            out.append(chr(av))
        elif op == C.NOT_LITERAL:
            out.append("y" if chr(av) == "x" else "x")
        elif op == C.ANY:
            out.append(rnd.choice(_POOL))
        elif op == C.IN:
            if av and av[0][0] == C.NEGATE:
                allowed = [c for c in _POOL if not _in_set(av[1:], c)]
                out.append(rnd.choice(allowed) if allowed else "x")
            else:
                kind, arg = rnd.choice(av)
                if kind == C.LITERAL:
                    out.append(chr(arg))
                elif kind == C.RANGE:
                    out.append(chr(rnd.randint(arg[0], min(arg[1], arg[0] + 50))))
                elif kind == C.CATEGORY:
                    out.append(_CATEGORY.get(arg, "a"))
        elif op == C.CATEGORY:
            out.append(_CATEGORY.get(av, "a"))
        elif op == C.BRANCH:
            out.append(_generate(rnd.choice(av[1]), rnd))
        elif op == C.SUBPATTERN:
            out.append(_generate(av[-1], rnd))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, high, sub = av
            high = low + 3 if high == C.MAXREPEAT else min(high, low + 3)
            out.extend(_generate(sub, rnd) for _ in range(rnd.randint(low, high)))
        elif op == getattr(C, "ATOMIC_GROUP", None):
            out.append(_generate(av, rnd))
        # AT, ASSERT, ASSERT_NOT, GROUPREF: nothing to write
    return "".join(out)


def matches(pattern: re.Pattern, count: int = 8, seed: int = 0) -> list[str]:
    """Strings drawn from the pattern's own structure (most of them match it)."""
    rnd = random.Random(seed)
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    return sorted({_generate(parsed, rnd) for _ in range(count)})


Shape = tuple[str, str]  # (head, pad): the string is head + pad repeated up to a size


def shapes(pattern: re.Pattern, count: int = 8) -> list[Shape]:
    """Every cut of a few matching strings, each padded with runs of what may follow."""
    out: set[Shape] = set()
    for m in matches(pattern, count):
        for k in range(len(m) + 1):
            for pad in (" ", "\t ", "1", m[k] if k < len(m) else "x", m[k - 1] if k else "一"):
                out.add((m[:k], pad))
        for k in range(1, len(m) + 1):
            out.add(("", m[:k]))  # a prefix, or the whole match, repeated: each start scans the rest
    return sorted(out)


def build(shape: Shape, size: int) -> str:
    head, pad = shape
    return head + pad * max(1, (size - len(head)) // len(pad))


# How the code applies each pattern, where not by search/finditer/sub over whole text.
# Anchored uses (match, fullmatch) only ever scan forward from one position.
ANCHORED: dict[str, str] = {
    "auditapp.rules.narrative_patterns.ENUMERATION": "fullmatch",
    "auditapp.rules.narrative_patterns.REMAINDER": "match",
    "auditapp.parse.tokens._PAGE_MARK": "match",
    "auditapp.parse.tokens._NUMERIC_FIELD": "fullmatch",
    "auditapp.parse.normalize._MARKER": "match",
    "auditapp.parse.values._NUMBER": "match",
    "auditapp.parse.values._THOUSANDS": "match",
    "auditapp.ingest.html._SPAN_NUMBER": "match",
    "auditapp.ingest.html._DOCTYPE_SUBSET": "match",
    "auditapp.docgen.xlsx._DECIMAL": "fullmatch",
}
# Patterns applied only to text the code has already cut short (why, in a word).
BOUNDED: dict[str, str] = {
    "auditapp.parse.meta._TITLE": "title lines under 120 characters",
    "auditapp.parse.meta._TITLE_YEAR_FIRST": "title lines under 120 characters",
    "auditapp.parse.meta._AGENCY_NOISE": "a title's agency, under 120 characters",
    "auditapp.rules.narrative_patterns.FILL_T2": "gaps of at most GAP_LIMIT characters",
    "auditapp.rules.narrative_patterns.FILL_T3": "gaps of at most GAP_LIMIT characters",
    "auditapp.rules.narrative_patterns.FILL_T4": "gaps of at most GAP_LIMIT characters",
    "auditapp.rules.narrative_patterns.FILL_FEES": "gaps of at most GAP_LIMIT characters",
    "auditapp.rules.narrative_patterns.FILL_AFTER": "gaps of at most GAP_LIMIT characters",
}


def patterns() -> Iterator[tuple[str, re.Pattern]]:
    """Every module-level compiled pattern of the core (the GUI's are Qt's business)."""
    import auditapp

    seen: set[int] = set()
    for info in pkgutil.walk_packages(auditapp.__path__, "auditapp."):
        if ".gui" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in sorted(vars(module).items()):
            if isinstance(value, re.Pattern) and id(value) not in seen:
                if getattr(value, "__module__", None) is None and not _defined_in(module, name):
                    continue
                seen.add(id(value))
                yield f"{info.name}.{name}", value


def _defined_in(module, name: str) -> bool:
    """A pattern imported from elsewhere (openpyxl's ILLEGAL_CHARACTERS_RE) is not ours to check."""
    source = getattr(module, "__file__", "") or ""
    try:
        with open(source, encoding="utf-8") as f:
            return re.search(rf"^\s*{re.escape(name)}\s*(?::[^=]*)?=", f.read(), re.M) is not None
    except OSError:
        return False


def applier(full_name: str, pattern: re.Pattern) -> Callable[[str], object]:
    """The pattern applied as the code applies it (a bytes pattern to the text's UTF-8)."""
    how = ANCHORED.get(full_name)
    if how == "match":
        apply = pattern.match
    elif how == "fullmatch":
        apply = pattern.fullmatch
    else:
        apply = lambda s: sum(1 for _ in pattern.finditer(s))  # noqa: E731
    if isinstance(pattern.pattern, bytes):
        return lambda s: apply(s.encode("utf-8", "surrogatepass"))
    return apply


def _best_of(apply: Callable[[str], object], text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        apply(text)
        best = min(best, time.perf_counter() - start)
    return best


SMALL, LARGE = 4_000, 32_000  # 8 times as long: linear work takes ~8 times as long, quadratic ~64


def growth(full_name: str, pattern: re.Pattern, keep: int = 3) -> tuple[float, float, Shape]:
    """(ratio of times at LARGE and SMALL, time at LARGE, shape) for the pattern's worst shape."""
    apply = applier(full_name, pattern)
    timed = sorted(((_best_of(apply, build(s, 1_000), 1), s) for s in shapes(pattern)), reverse=True)
    worst = (0.0, 0.0, ("", ""))
    for _, shape in timed[:keep]:
        small = _best_of(apply, build(shape, SMALL))
        if small > 0.25:  # a linear scan of 4,000 characters takes well under a millisecond
            return float("inf"), small, shape  # no need to wait for the large one
        large = _best_of(apply, build(shape, LARGE))
        ratio = large / max(small, 1e-6)
        worst = max(worst, (ratio, large, shape))
    return worst


def explodes(ratio: float, large: float) -> bool:
    """Quadratic or worse, and slow enough to matter (32,000 characters in over 20 ms)."""
    return ratio > 24 and large > 0.02


SEED = "000_5765c3367762f63e.txt"


def crafted_reports(size: int) -> dict[str, str]:
    """Reports with one part blown up to `size` characters, each aimed at a place where work could
    grow faster than the text: title lines, fields, page marks, table rows, narrative clauses."""
    from pathlib import Path

    seed = (Path(__file__).resolve().parent.parent / "resources" / "samples" / SEED).read_text(encoding="utf-8")
    run = " " * size
    return {
        "spaces_in_a_title_line": "2020年" + run + "\n" + seed,
        "spaces_in_a_date_field": "成文日期：" + run + "\n" + seed,
        "spaces_in_an_agency_field": "发布机构：" + run + "\n" + seed,
        "spaces_after_a_page_mark": seed + "\n第 1 页" + run + "x",
        "spaces_after_a_narrative_keyword": seed.replace("新收政府信息公开申请", "新收政府信息公开申请" + run, 1),
        "spaces_after_a_month": seed + "\n本年度1月" + run + "收到申请5件",
        "one_row_of_pipes": seed + "\n" + "|" * size,
        "one_row_of_numbers": seed + "\n" + "1 " * (size // 2),
        "one_number_of_digits": seed + "\n总计 " + "9" * size,
        "the_same_row_over_and_over": seed + "\n" + "（一）予以公开 | 1 | 2 | 3\n" * (size // 20),
        "the_report_over_and_over": "\n".join([seed] * max(1, size // len(seed))),
        "one_long_narrative_line": seed + "\n" + "本年度共收到申请5件，其中予以公开3件，" * (size // 20),
        "time_spans_over_and_over": seed + "\n" + "1月至12月" * (size // 6),
        "spaced_out_characters": seed + "\n" + "申 " * (size // 2),
        "labels_with_nothing_after_them": seed
        + "\n"
        + "".join(f"{w}\n" for w in ("总计", "行政复议", "予以公开")) * (size // 16),
    }


def audit_reports(size: int) -> int:
    """Audit each crafted report, one line per report (name, characters, seconds, status)."""
    from auditapp.api import audit_source
    from auditapp.source import Source

    for name, text in crafted_reports(size).items():
        start = time.perf_counter()
        result = audit_source(Source.from_text(f"{name}.txt", text))
        print(f"{name} {len(text)} {time.perf_counter() - start:.2f}s {result.status.value}", flush=True)
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--reports"]:
        return audit_reports(int(sys.argv[2]))
    bad = 0
    for full_name, pattern in patterns():
        if full_name in BOUNDED:
            print(f"bounded  {full_name}: {BOUNDED[full_name]}", flush=True)
            continue
        ratio, large, shape = growth(full_name, pattern)
        flag = explodes(ratio, large)
        bad += flag
        print(
            f"{'EXPLODES' if flag else 'linear  '} {full_name}: x{ratio:.1f} for 8x the text, "
            f"{large * 1000:.1f} ms at {LARGE}; worst {build(shape, 24)!r}",
            flush=True,
        )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
