"""Issue 19, the window: the source view stays responsive whatever a line's length (a report of one line of
hundreds of thousands of digits froze the window for minutes), every span still reachable; and its
own audits are stopped past the memory limit."""

from __future__ import annotations

import time

import pytest
from conftest import SAMPLES

from auditapp.gui.source_view import PIECE, SourceView
from auditapp.source import Span

pytestmark = pytest.mark.usefixtures("settings_in_tmp")

SEED = SAMPLES / "000_5765c3367762f63e.txt"


def test_a_report_with_a_very_long_line_opens_at_once(window, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "long.txt"
    path.write_text(text + "\n" + "7" * 400_000 + "\n", encoding="utf-8")
    started = time.monotonic()
    window.open_paths([str(path)])
    window.wait_until_done()
    window.report_view.source.repaint()
    window.report_view.source.viewport().repaint()
    assert time.monotonic() - started < 8
    source = window.report_view.source
    assert source.toPlainText().replace("\n", "").count("7" * 1000) >= 399
    cell = next(iter(window.current.report.cells.values()))
    source.show_spans([cell.span])
    assert source.current_line() == cell.span.line


def _highlighted(view: SourceView, span: Span) -> str:
    """The text show_spans highlights for `span` (the cursor it builds)."""
    return view._cursor(span).selectedText()


def test_spans_and_lines_are_mapped_through_the_pieces(qtbot):
    view = SourceView()
    qtbot.addWidget(view)
    view.setPlainText("第一行\n" + "x" * (PIECE * 2 + 500) + "目标" + "\n第三行 表二")
    assert view.blockCount() == 1 + 3 + 1
    span = Span(2, PIECE * 2 + 500, PIECE * 2 + 502)
    view.show_spans([span])
    assert _highlighted(view, span) == "目标"
    assert view.current_line() == 2
    view.show_spans([Span(3, 4, 6)])
    assert _highlighted(view, Span(3, 4, 6)) == "表二" and view.current_line() == 3
    across = Span(2, PIECE - 2, PIECE + 2)  # across a piece's end
    assert _highlighted(view, across).replace("\u2029", "") == "xxxx"
    assert view._line_of(2) == (2, PIECE)  # the second piece of line 2
    view.setPlainText("短\n行")  # short lines again: one block a line
    assert view.blockCount() == 2 and view._line_of(1) == (2, 0)


def test_the_windows_own_audit_is_stopped_past_the_memory_limit(window, tmp_path, monkeypatch):
    """A file opened alone is audited in the window's thread: a reader that never stops asking
    for memory is stopped there at the limit, and the file says so; the window carries on."""
    import auditapp.gui.loader as loader

    def greedy(path):
        hoard = []
        for _ in range(64):  # up to 2 GB, touched so it is resident
            hoard.append(bytearray(b"\1" * (32 * 1024 * 1024)))
            time.sleep(0.01)
        raise AssertionError("never stopped")

    monkeypatch.setattr(loader, "audit_file", greedy)
    monkeypatch.setattr(loader, "default_limit_mb", lambda: 200)
    path = tmp_path / "greedy.txt"
    path.write_text("x", encoding="utf-8")
    window.open_paths([str(path)])
    window.wait_until_done()
    assert window.current is not None and "内存" in (window.current.error or "")
