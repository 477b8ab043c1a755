"""The workbook's lists: the summary, the findings, each report's source, the corrections.

Each is a sheet meant to be read on paper too: a header row repeated on every page, wrapped
text aligned to the top, column widths that fit A4 at (nearly) full size.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..api import AuditResult, Status
from ..rules import Severity
from ..rules.findings import evidence_line, fmt_number
from ..verdict import Verdict, totals_line
from . import wb_layout as L
from .wb_context import Book, anchor

_VERDICT_FILL = {Verdict.ERRORS: L.RED, Verdict.FAILED: L.AMBER, Verdict.PARTIAL: L.AMBER, Verdict.WARNINGS: L.AMBER}


def _book_header(book: Book) -> str:
    w = book.w
    if len(book.results) == 1:
        return f"{w['book_title']} — {book.name(book.results[0])}"
    return f"{w['book_title']} — {w['n_reports'].format(len(book.results))}"


def _finish(ws: Worksheet, book: Book, sizes: Sequence[float], last_row: int, orientation: str) -> None:
    """Widths (each at least its header's longest word: "Dismissed" is not broken), the header
    row tall enough for its titles, filter, frozen header, and the page set up."""
    titles = [str(c.value or "") for c in ws[1]]
    sizes = [max(size, max((L.units(word) for word in title.split()), default=0) + 1) for size, title in
             zip(sizes, titles, strict=False)]  # fmt: skip
    L.widths(ws, sizes)
    L.fit_height(ws, 1, list(zip(titles, sizes, strict=False)), cap=3)
    ws.freeze_panes = "A2"
    if last_row > 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sizes))}{last_row}"
    L.print_setup(ws, orientation, header=_book_header(book), footer=book.w["page"], title_rows="1:1")


# ---- 审核汇总 ------------------------------------------------------------------------------

_SUMMARY = ("s_no", "s_file", "s_agency", "s_year", "s_verdict", "s_errors", "s_warnings", "s_info",
            "s_confirmed", "s_dismissed", "s_note", "s_tables", "s_source", "s_letter")  # fmt: skip
_SUMMARY_WIDTHS = (5, 20, 22, 6, 9, 6, 6, 6, 7, 7, 16, 6, 6, 7)


def write_summary(ws: Worksheet, book: Book, full: bool, full_limit: int) -> None:
    w = book.w
    L.header_row(ws, [w[k] for k in _SUMMARY])
    verdicts = []
    for n, (result, s) in enumerate(zip(book.results, book.sheets, strict=True), 1):
        r = n + 1
        report = result.report
        meta = report.meta if report else None
        counts = book.counts(result)
        v = book.verdict(result)
        verdicts.append(v)
        name = book.name(result)
        ws.cell(r, 1, n)
        L.put_text(ws.cell(r, 2), name)
        L.put_text(ws.cell(r, 3), (meta.agency if meta else None) or "")
        ws.cell(r, 4, meta.year if meta else None)
        verdict_cell = L.put_text(ws.cell(r, 5), book.verdict_text(result))
        if v in _VERDICT_FILL:
            verdict_cell.fill = _VERDICT_FILL[v]
        values = (counts.errors, counts.warnings, counts.info, counts.confirmed, counts.dismissed)
        for col, value in zip((6, 7, 8, 9, 10), values, strict=True):
            ws.cell(r, col, value)
        note = _summary_note(book, result)
        L.put_text(ws.cell(r, 11), note)
        for col, sheet in ((12, s.tables), (13, s.source), (14, s.letter)):
            if sheet:
                L.set_link(ws.cell(r, col, w["open"]), sheet, "A1")
        for col in range(1, 15):
            cell = ws.cell(r, col)
            cell.border = L.BOX
            cell.alignment = L.WRAP if col in (2, 3, 11) else L.TOP
        L.fit_height(ws, r, [(name, 20), ((meta.agency if meta else "") or "", 22), (note, 16)], cap=6)
    last = len(book.results) + 1
    L.put_text(ws.cell(last + 2, 1), totals_line(verdicts, book.lang)).font = L.BOLD
    if not full:
        text = w["big_batch"].format(n=len(book.results), limit=full_limit)
        L.put_text(ws.cell(last + 3, 1), text)
    _finish(ws, book, _SUMMARY_WIDTHS, last, "landscape")


def _summary_note(book: Book, result: AuditResult) -> str:
    w = book.w
    parts = []
    if result.error:
        parts.append(book.clean(result.error))
    elif result.status is Status.PARTIAL:
        parts.append(w["partial_note"])
    report = result.report
    if report is not None and report.template.id != "2021":
        parts.append(w["template_note"].format(report.template.name))
    fixed = len(book.corrections_of(result))
    if fixed:
        parts.append(w["corrected_note"].format(fixed))
    return ("; " if book.lang == "en" else "；").join(parts)


# ---- 问题清单 ------------------------------------------------------------------------------

_FINDINGS = ("f_no", "f_report", "f_where", "f_line", "f_severity", "f_message", "f_advice", "f_review")
FINDINGS_WIDTHS = (5, 14, 24, 6, 8, 44, 12, 14)


def where(book: Book, result: AuditResult, f) -> tuple[str, str | None]:
    """A finding's place in words, and its anchor cell (None when it has no cell)."""
    template = result.report.template if result.report else None
    at = anchor(f, template)
    if at is not None:
        return book.where(template, at), at
    if f.lines:
        a, b = f.lines
        return book.w["lines"].format(str(a) if a == b else f"{a}–{b}"), None
    return book.w["whole_report"], None


def write_findings(ws: Worksheet, book: Book) -> None:
    w = book.w
    L.header_row(ws, [w[k] for k in _FINDINGS])
    r = 1
    for result, s in zip(book.results, book.sheets, strict=True):
        report = result.report
        name = book.name(result)
        for n, f in enumerate(result.findings, 1):
            r += 1
            review = book.review(result, f)
            place, at = where(book, result, f)
            message = book.message(f)
            number = ws.cell(r, 1, n)
            if at is not None and s.cell_refs.get(at):  # on the number: a linked text would not wrap in print
                L.set_link(number, s.tables, s.cell_refs[at])
            L.put_text(ws.cell(r, 2), name)
            L.put_text(ws.cell(r, 3), place)
            line = evidence_line(f, report)
            if line is not None and report is not None:
                L.set_link(ws.cell(r, 4, line), s.source, f"B{line + 1}")
            L.put_text(ws.cell(r, 5), book.severity(f))
            L.put_text(ws.cell(r, 6), message)
            L.put_text(ws.cell(r, 7), book.advice(f))
            review_text = book.review_text(review)
            L.put_text(ws.cell(r, 8), review_text)
            dismissed = review.state == "dismissed"
            for col in range(1, 9):
                cell = ws.cell(r, col)
                cell.border = L.BOX
                cell.alignment = L.WRAP
                if dismissed and cell.hyperlink is None:
                    cell.font = L.GREY
            if not dismissed and f.severity in L.SEVERITY_FILL:
                ws.cell(r, 5).fill = L.SEVERITY_FILL[f.severity]
            L.fit_height(ws, r, [(message, 44), (place, 24), (name, 14), (review_text, 14), (book.advice(f), 12)])
    if r == 1:
        L.put_text(ws.cell(2, 1), w["no_findings"])
    _finish(ws, book, FINDINGS_WIDTHS, r, "landscape")


# ---- 原文 ------------------------------------------------------------------------------------


def write_source(ws: Worksheet, book: Book, result: AuditResult) -> None:
    report = result.report
    assert report is not None and result.source is not None
    w = book.w
    worst: dict[int, Severity] = {}
    for f in result.findings:
        if f.severity is Severity.INFO or book.dismissed(result, f):
            continue
        lines = {s.line for s in f.spans} | {report.cells[c].span.line for c in f.cells if c in report.cells}
        if not lines and f.lines:
            lines = {f.lines[0]}
        for line in lines:
            if worst.get(line) is not Severity.ERROR:
                worst[line] = f.severity
    corrected = {c.line for c in book.corrections_of(result).values() if c.line}
    source = result.source
    how = w["encoding"].format(source.encoding) if source.format == "text" else w["file_format"].format(
        source.format.upper())  # fmt: skip
    if source.format != "text" and source.encoding:
        how += ("，" if book.lang != "en" else ", ") + w["encoding"].format(source.encoding)
    titles = [w["line_no"], w["source_head"].format(name=book.name(result), how=how)]
    if source.anchors:  # a PDF's pages, a workbook's cells
        titles.append(w["origin"])
    sizes = (5, 60, 15) if source.anchors else (5, 75)
    L.header_row(ws, titles)
    for n, line in enumerate(source.lines, 1):
        number = ws.cell(n + 1, 1, n)
        number.alignment = L.TOP
        text = L.put_text(ws.cell(n + 1, 2), line)
        text.alignment = L.WRAP
        if source.anchors:
            L.put_text(ws.cell(n + 1, 3), source.line_origin(n, book.lang)).alignment = L.WRAP
        if n in worst:
            number.fill = text.fill = L.SEVERITY_FILL[worst[n]]
        elif n in corrected:
            number.fill = L.CORRECTED
        if len(line) > 40:
            L.fit_height(ws, n + 1, [(line, sizes[1])])
    L.widths(ws, sizes)
    ws.freeze_panes = "A2"
    L.print_setup(ws, "portrait", header=f"{book.name(result)}", footer=w["page"], title_rows="1:1")


# ---- 更正记录 ------------------------------------------------------------------------------

_CORRECTIONS = ("c_report", "c_where", "c_original", "c_value", "c_line", "c_reason", "c_time")
_CORRECTIONS_WIDTHS = (16, 28, 9, 9, 6, 34, 18)


def write_corrections(ws: Worksheet, book: Book) -> None:
    w = book.w
    L.header_row(ws, [w[k] for k in _CORRECTIONS])
    r = 1
    for result, s in zip(book.results, book.sheets, strict=True):
        template = result.report.template if result.report else None
        for cell_id, c in sorted(book.corrections_of(result).items()):
            r += 1
            place = book.where(template, cell_id)
            L.put_text(ws.cell(r, 1), book.name(result))
            L.set_link(L.put_text(ws.cell(r, 2), place), s.tables, s.cell_refs.get(cell_id, "A1"))
            L.put_text(ws.cell(r, 3), c.original if c.original else w["blank"])
            L.put_text(ws.cell(r, 4), w["blank"] if c.value is None else fmt_number(c.value))
            if c.line:
                L.set_link(ws.cell(r, 5, c.line), s.source, f"B{c.line + 1}")
            L.put_text(ws.cell(r, 6), c.reason)
            L.put_text(ws.cell(r, 7), c.time)
            for col in range(1, 8):
                ws.cell(r, col).border, ws.cell(r, col).alignment = L.BOX, L.WRAP
            ws.cell(r, 4).fill = L.CORRECTED
            L.fit_height(ws, r, [(place, 28), (c.reason, 34), (book.name(result), 16)])
    _finish(ws, book, _CORRECTIONS_WIDTHS, r, "landscape")
