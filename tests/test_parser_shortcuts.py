"""The parser's shortcuts give exactly what the long way gives: folding, values, caches, the collector."""

from __future__ import annotations

import dataclasses
import gc
import pickle
import sys
import unicodedata

import pytest
from conftest import SAMPLES
from hypothesis import given
from hypothesis import strategies as st

from auditapp.parse import cells, normalize
from auditapp.parse.labels import LabelIndex
from auditapp.parse.meta import COLON_CHARS
from auditapp.parse.reader import parse_report
from auditapp.parse.values import parse_value, parse_value_cached
from auditapp.source import Source

SEED_LINES = [line for path in sorted(SAMPLES.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
# Characters the shortcuts treat specially, mixed with Chinese text, digits and spaces.
TRICKY = (
    "，：；（）！？％．～…\u3000０１２３４５６７８９—–―─－‐‑﹣“”\"'‘’「」『』:|｜"
    "\u200b\u200d\ufeff\xad\xa0 \t一二无無年度报告公开0123456789.,-e\u0301\u3164㈠①½"
)
texts = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=30)


def test_the_colon_characters_the_metadata_reader_skips_by_are_all_that_fold_to_a_colon():
    folding = {chr(c) for c in range(sys.maxunicode + 1) if ":" in unicodedata.normalize("NFKC", chr(c))}
    assert folding == set(COLON_CHARS)


def test_fast_nfkc_is_nfkc_on_every_seed_line_and_character():
    for line in SEED_LINES:
        assert normalize.nfkc(line) == unicodedata.normalize("NFKC", line)
    for c in range(sys.maxunicode + 1):
        text = f"一{chr(c)}，{chr(c)}"
        assert normalize.nfkc(text) == unicodedata.normalize("NFKC", text), hex(c)


@given(texts)
def test_fast_nfkc_is_nfkc(text):
    assert normalize.nfkc(text) == unicodedata.normalize("NFKC", text)


@given(texts)
def test_folding_removes_and_replaces_as_str_translate_would(text):
    fold = unicodedata.normalize("NFKC", text.translate(normalize._INVISIBLE))
    assert normalize.fold(text) == fold
    norm = "".join(fold.split()).translate(normalize._DASHES)
    assert normalize.norm.__wrapped__(text) == norm
    assert normalize.label_key.__wrapped__(text) == norm.translate(normalize._QUOTES).rstrip(":|")


@given(texts)
def test_the_shortcut_for_chinese_text_reads_as_the_full_parser_does(text):
    assert parse_value(text) == parse_value_cached.__wrapped__(text)


def test_every_chinese_character_first_reads_as_the_full_parser_does():
    for c in range(0x4E00, 0xA000):
        for text in (chr(c), f"{chr(c)}1", f"{chr(c)} 2件"):
            assert parse_value(text) == parse_value_cached.__wrapped__(text), text


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_garbage_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        report = parse_report(Source.from_text("x.txt", "\n".join(SEED_LINES[:80])))
        assert report.cells
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_a_failed_reading_turns_the_garbage_collector_back_on():
    assert gc.isenabled()
    with pytest.raises(AttributeError):
        parse_report(None)  # type: ignore[arg-type]
    assert gc.isenabled()


def test_label_caches_keep_no_paragraph_and_start_afresh_when_full(monkeypatch):
    cache: dict[str, int] = {}
    LabelIndex.remember(cache, "short", 1, "short")
    LabelIndex.remember(cache, "long", 2, "长" * 101)
    assert cache == {"short": 1}
    monkeypatch.setattr("auditapp.parse.labels._CACHE_SIZE", 1)
    LabelIndex.remember(cache, "next", 3, "next")
    assert cache == {"next": 3}


def test_cells_built_by_their_slots_are_the_cells_their_class_builds():
    assert cells.BY_SLOTS  # Cell and Span are still the plain dataclasses the builder knows
    value = parse_value_cached("1,234（其中修订3件）")
    args = ("t3.new.business", "1,234（其中修订3件）", value.kind, value.number, 37, 25, 39, value.note)
    built, constructed = cells.build_cell(*args), cells._by_constructors(*args)
    assert type(built) is type(constructed) and type(built.span) is type(constructed.span)
    assert built == constructed and hash(built) == hash(constructed)
    assert pickle.loads(pickle.dumps(built)) == constructed
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.raw = "0"  # type: ignore[misc]


def test_a_cell_class_the_builder_does_not_know_is_left_to_build_its_cells():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        line: int
        start: int
        end: int

        def __post_init__(self) -> None:
            assert self.start <= self.end

    @dataclasses.dataclass(frozen=True, slots=True)
    class Wider:
        line: int
        start: int
        end: int
        page: int = 0

    assert cells._plain(cells.Span, ("line", "start", "end"))
    assert not cells._plain(Checked, ("line", "start", "end"))
    assert not cells._plain(Wider, ("line", "start", "end"))
