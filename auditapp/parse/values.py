"""What a table cell's text says: a number, a placeholder for "none", a blank, or text.

Numbers may carry thousands separators, full-width digits, a decimal part (fees), a unit, or
a trailing note (`22（其中修订16件）`); the note is kept, never thrown away. Placeholders are
never turned into 0 here: the audit decides how to read them, and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from .normalize import fold, norm


class Kind(StrEnum):
    NUMBER = "number"
    PLACEHOLDER = "placeholder"  # —, -, /, 无: written for "none"
    BLANK = "blank"  # nothing written
    TEXT = "text"  # something that is not a number


_PLACEHOLDERS = frozenset({"-", "--", "---", "/", "//", "\\", "无", "無", "…", "...", "——"})
_NUMBER = re.compile(
    r"^(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?P<unit>件|个|個|项|項|条|條|篇|次|人次|家|万元|萬元|元)?"
    r"(?P<note>[(\[【<《].*)?$"
)


@dataclass(frozen=True, slots=True)
class Value:
    kind: Kind
    number: Decimal | None = None
    note: str = ""  # text after the number, e.g. "(其中修订16件)"

    @property
    def is_value(self) -> bool:
        """Whether the text can stand in a value cell (as opposed to a label or heading)."""
        return self.kind in (Kind.NUMBER, Kind.PLACEHOLDER)


BLANK = Value(Kind.BLANK)
TEXT = Value(Kind.TEXT)
PLACEHOLDER = Value(Kind.PLACEHOLDER)


# Digits split by white space are one number only when grouped in thousands (`310 541`);
# `6 0` is two cells whose delimiter went missing, not 60.
# More digits than any count or fee has: not a value the audit can use (nor print: Python
# refuses to turn integers of over 4,300 digits into text).
_MAX_DIGITS = 15
_SPLIT_DIGITS = re.compile(r"\d\s+\d")
_THOUSANDS = re.compile(r"^\s*[+-]?\d{1,3}(?:\s\d{3})+(?:\.\d+)?")


def parse_value(raw: str) -> Value:
    if raw and "\u4e00" <= raw[0] <= "\u9fff" and raw[0] not in "无無":
        # A Chinese character first stays first when folded: neither a number nor a placeholder,
        # whatever follows. Most text (labels, whole narrative lines) is told here, unfolded
        # and uncached.
        return TEXT
    return parse_value_cached(raw)


@lru_cache(maxsize=16384)  # cells repeat ("0" above all); Value is immutable
def parse_value_cached(raw: str) -> Value:
    """parse_value without its shortcut, for texts that repeat (table cells)."""
    s = norm(raw)
    if not s:
        return BLANK
    if _SPLIT_DIGITS.search(raw) and not _THOUSANDS.match(fold(raw)):
        return TEXT
    if s in _PLACEHOLDERS or (len(s) <= 3 and set(s) <= {"-"}):
        return PLACEHOLDER
    m = _NUMBER.match(s)
    if not m:
        return TEXT
    digits = m.group("num").replace(",", "")
    if len(digits.split(".")[0].lstrip("+-")) > _MAX_DIGITS:
        return TEXT
    number = Decimal(digits)
    note = m.group("note") or ""
    if note:
        note = _original_note(raw)
    return Value(Kind.NUMBER, number, note)


def _original_note(raw: str) -> str:
    """The note as the report wrote it (full-width brackets and all)."""
    for i, ch in enumerate(raw):
        if ch in "(（[【<《":
            return raw[i:].strip()
    return raw.strip()


def plain_number(value: Decimal | None) -> int | float | None:
    """A Decimal as JSON and pandas want it: an int when written without decimals, else a float."""
    if value is None:
        return None
    exponent = value.as_tuple().exponent
    return int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)
