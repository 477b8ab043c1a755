"""Normalisation for matching only; the text shown to the user is never changed.

NFKC folds full-width digits, letters, brackets, colons and commas to ASCII and the
ideographic/non-breaking spaces to plain ones; then all white space goes, because reports
put spaces inside labels (`结果 维持`, `商业 企业`) and around numbers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")
_DASHES = str.maketrans({"—": "-", "–": "-", "―": "-", "─": "-", "－": "-", "‐": "-", "‑": "-", "﹣": "-"})
_PAREN = re.compile(r"\([^()]*\)")

# Leading markers: 一、  (一)  1.  1、  (1)  第一 ...; repeated for `三、本年度办理结果(一)予以公开`.
_CN_NUM = "一二三四五六七八九十"
_MARKER = re.compile(
    rf"^(?:(?P<cn>[{_CN_NUM}]+)[、.]|\((?P<cnp>[{_CN_NUM}]+)\)|(?P<ar>\d{{1,2}})(?:[.、](?!\d)|\s)|\((?P<arp>\d{{1,2}})\))"
)


# Invisible characters web pages leave in copied text: zero-width spaces and joiners, word
# joiner, soft hyphen, BOM.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\xad\u180e"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))

# str.translate looks every character up in its table, which is slow on long lines (narrative
# paragraphs are folded too): a character class finds out first whether there is anything to
# do, and the characters found are replaced one by one (the same, as each maps to text that
# holds none of them).
_HAS_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_HAS_DASH = re.compile("[" + "".join(map(chr, _DASHES)) + "]")
_HAS_QUOTE = re.compile("[" + re.escape("".join(map(chr, _QUOTES))) + "]")


def _translate(text: str, table: dict[int, str | None]) -> str:
    for code, new in table.items():
        char = chr(code)
        if char in text:
            text = text.replace(char, new or "")
    return text


# Full-width punctuation and digits send NFKC down its slow path on nearly every Chinese line
# (25× slower on a paragraph). Replacing the common ones by their compatibility decomposition
# first gives the same result, since NFKC decomposes them to exactly that before composing, and
# leaves most lines already normalised, which unicodedata tells at a glance.
_COMMON_FOLDS = tuple((c, unicodedata.normalize("NFKD", c)) for c in "，：；（）！？％．～…\u3000０１２３４５６７８９")


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), faster on Chinese text."""
    for char, folded in _COMMON_FOLDS:
        if char in text:
            text = text.replace(char, folded)
    return unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """NFKC without invisible characters, spaces kept."""
    return nfkc(_translate(text, _INVISIBLE) if _HAS_INVISIBLE.search(text) else text)


def folded(text: str) -> str:
    """Text folded for comparison: NFKC, no white space, no invisible characters, ASCII dashes."""
    out = "".join(fold(text).split())  # no white space (str.split's is re's \s, and faster)
    return _translate(out, _DASHES) if _HAS_DASH.search(out) else out


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """`folded`, remembered: for the short texts met again and again (labels, cells, names); a
    whole narrative goes to `folded` (8,192 of them kept were 100 MB a worker)."""
    return folded(text)


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """A label folded harder: no quotes, no trailing colon or pipe."""
    key = norm(text)
    return (_translate(key, _QUOTES) if _HAS_QUOTE.search(key) else key).rstrip(":|")


@lru_cache(maxsize=8192)
def match_key(text: str) -> str:
    """label_key as labels are matched: without a Markdown heading's marks (`### 行政复议`), and
    with a comma typed for the template's 、 (`逾期不补正, 行政机关…`) read as 、 on both sides."""
    key = label_key(text)
    if key.startswith("#"):
        key = key.lstrip("#")
    return key.replace(",", "、") if "," in key else key


def loose_key(key: str) -> str:
    """A label key without its parenthetical notes: `部分公开(区分处理的…)` → `部分公开`."""
    return _PAREN.sub("", key)


def split_markers(key: str) -> tuple[list[str], str]:
    """Split leading numbering off a label key: `(三)不予公开` → (["三"], "不予公开")."""
    markers: list[str] = []
    rest = key
    while True:
        m = _MARKER.match(rest)
        if not m:
            return markers, rest
        markers.append(next(g for g in m.groups() if g))
        rest = rest[m.end() :]
