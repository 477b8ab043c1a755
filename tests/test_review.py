"""The review session file: round trip, atomic writes, corrupt files kept aside."""

from __future__ import annotations

import os

import pytest

from auditapp.review import Review, ReviewError, load_reviews, save_reviews


def test_round_trip_keeps_only_reviewed_findings(tmp_path):
    reviews = {
        ("a.txt", "t3.row_total@t3.row_total:new"): Review("confirmed", "核实"),
        ("a.txt", "value.note@t2.licensing.decisions"): Review(None, ""),
        ("b.txt", "narrative.table@t3.total.total@L10:5"): Review("dismissed", ""),
    }
    path = tmp_path / "s.json"
    save_reviews(reviews, str(path))
    back = load_reviews(str(path))
    assert back == {
        (os.path.abspath("a.txt"), "t3.row_total@t3.row_total:new"): Review("confirmed", "核实"),
        (os.path.abspath("b.txt"), "narrative.table@t3.total.total@L10:5"): Review("dismissed", ""),
    }
    assert load_reviews(str(tmp_path / "missing.json")) == {}


def test_a_failed_write_leaves_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    save_reviews({("a.txt", "k"): Review("confirmed", "")}, str(path))
    before = path.read_bytes()

    def broken(*_a):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(ReviewError) as info:
        save_reviews({("a.txt", "k"): Review("dismissed", "")}, str(path))
    assert "无法保存" in info.value.message
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]  # no temporary file left behind


@pytest.mark.parametrize("text", ["{not json", "[]", '{"reviews": [{"finding": "x"}]}'])
def test_a_corrupt_file_is_kept_aside(tmp_path, text):
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewError) as info:
        load_reviews(str(path))
    assert "无法读取" in info.value.message
    assert (tmp_path / "s.json.corrupt").read_text(encoding="utf-8") == text and not path.exists()
