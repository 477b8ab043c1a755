"""Which reports are one body's: names compared through an index, never all pairs.

A body's name may come with its region in front or without it (`钱塘区人民政府` /
`杭州市钱塘区人民政府`), so "one body" is "equal, or one name ends with the other". An index of
the names answers "which names are this body's" in time proportional to the name's length and
the answers, so a batch of 100,000 reports never compares 100,000² names.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .crossreport import Digest

_SHORTEST = 4  # a shorter ending (人民政府 alone) names no body


@dataclass(frozen=True, slots=True)
class Entry:
    index: int  # the report's position in the batch
    digest: Digest

    @property
    def agency(self) -> str:
        return self.digest.agency


def same_body(a: str, b: str) -> bool:
    """Two folded names of one body: equal, or one the other with its region in front
    (`钱塘区人民政府` / `杭州市钱塘区人民政府`). Names alone cannot tell namesakes apart
    (城关镇人民政府 exists in many counties), so findings built on this are warnings."""
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= _SHORTEST and long.endswith(short))


class Names:
    """Folded names, with how often each occurs; `of_body(name)` gives those `same_body` with it."""

    def __init__(self, names: Iterable[str]) -> None:
        self.count = Counter(n for n in names if n)
        self._reversed = sorted(n[::-1] for n in self.count)

    def of_body(self, name: str) -> set[str]:
        if not name:
            return set()
        found = {name} if name in self.count else set()
        for k in range(1, len(name) - _SHORTEST + 1):  # shorter forms: the name's endings
            if name[k:] in self.count:
                found.add(name[k:])
        if len(name) >= _SHORTEST:  # longer forms: the names ending with this one (sorted reversed)
            tail = name[::-1]
            i = bisect_left(self._reversed, tail)
            while i < len(self._reversed) and self._reversed[i].startswith(tail):
                found.add(self._reversed[i][::-1])
                i += 1
        return found

    def reports_of_body(self, name: str) -> int:
        return sum(self.count[n] for n in self.of_body(name))
