"""The workbook of a large batch, streamed: the summary and the findings list, row after row.

Above STREAM_LIMIT reports the CLI keeps no report whole: each worker sends a `Lean` (what the
two sheets say of its report, a few KB), the CLI spools them to disk, and this module writes
them with openpyxl's write-only mode, which puts each row on disk as it is appended. Memory
stays flat however many reports there are; the per-report table, source and opinion sheets are
left out (the summary says so). The words, verdicts and places are the full workbook's
(auditapp.export.wb_context.Book); file names are relative to the folders given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from ..api import AuditResult
from ..coverage import Listed
from ..rulepack import RulePack
from ..scores import Score, score_report
from ..template import template_by_id
from . import wb_layout as L
from .wb_context import Book, anchor
from .wb_figures import SHEET, write_figures
from .wb_lists import _FINDINGS, _SUMMARY, _SUMMARY_WIDTHS, _VERDICT_FILL, FINDINGS_WIDTHS, _summary_note

if TYPE_CHECKING:
    from ..figures import FigureTable

STREAM_LIMIT = 500  # above this many reports, the CLI streams the workbook
_MAX_ROWS = 1_048_576  # a sheet's rows (Excel's limit)
_SUMMARY_COLUMNS = 11  # the summary's columns bar the links to per-report sheets


@dataclass(slots=True)
class Lean:
    """What the streamed workbook needs of one report, made where its result is whole."""

    result: AuditResult  # without its source and report: path, status, error, findings
    agency: str | None
    year: int | None
    template_id: str | None
    lines: dict[str, int]  # cell id → line, for the cells its findings (and those across reports) name


def lean(result: AuditResult, cells: Iterable[str] = ()) -> Lean:
    """`result` reduced to what the two sheets say; `cells`: more cells whose line may be asked."""
    report = result.report
    bare = AuditResult(result.path, result.status, result.error, findings=list(result.findings))
    if report is None:
        return Lean(bare, None, None, None, {})
    wanted = {c for f in result.findings for c in (f.suspect, *f.cells) if c} | set(cells)
    lines = {c: report.cells[c].span.line for c in wanted if c in report.cells}
    return Lean(bare, report.meta.agency, report.meta.year, report.template.id, lines)


def write_streamed(
    leans: Iterable[Lean], count: int, target: str, *, lang: str, roots: Sequence[str],
    pack: RulePack | None = None, bodies: Sequence[Listed] | None = None, figures: FigureTable | None = None,
) -> None:  # fmt: skip
    """Write the two sheets of `count` reports to `target` atomically (ExportError says why not);
    the 数据汇总 sheet of `figures` (auditapp.export.wb_figures) after them; with `pack` or
    `bodies`, 评分 and 覆盖情况 (from each report's score and agency only)."""
    from .workbook import _save_atomically

    book = Book([], {}, {}, lang, tuple(roots), False)
    w = book.w
    wb = Workbook(write_only=True)
    summary = wb.create_sheet(w["summary"])
    findings = wb.create_sheet(w["findings"])
    header = f"{w['book_title']} — {w['n_reports'].format(count)}"
    for ws, keys, sizes in (
        (summary, _SUMMARY[:_SUMMARY_COLUMNS], _SUMMARY_WIDTHS[:_SUMMARY_COLUMNS]),
        (findings, _FINDINGS, FINDINGS_WIDTHS),
    ):
        # a write-only sheet writes its properties, view and columns with its first row: all set before
        L.widths(ws, sizes)
        ws.freeze_panes = "A2"
        L.print_setup(ws, "landscape", header=header, footer=w["page"], title_rows="1:1")
        ws.append([_cell(ws, w[k], font=L.BOLD, fill=L.HEAD, alignment=L.MIDDLE) for k in keys])
    verdicts = []
    scores: list[Score] = []  # small: a score and its items per report
    names: list[str] = []
    agencies: list[str | None] = []
    rows = cut = 0
    for n, item in enumerate(leans, 1):
        result = item.result
        v = book.verdict(result)
        verdicts.append(v)
        counts = book.counts(result)
        name = book.name(result)
        if pack is not None or bodies is not None:
            names.append(name)
            agencies.append(item.agency)
        if pack is not None:
            scores.append(_score(pack, item))
        summary.append(
            [
                _cell(summary, n, number=True),
                _cell(summary, name),
                _cell(summary, item.agency or ""),
                _cell(summary, item.year, number=True),
                _cell(summary, book.verdict_text(result), fill=_VERDICT_FILL.get(v)),
                *(_cell(summary, x, number=True) for x in (counts.errors, counts.warnings, counts.info, 0, 0)),
                _cell(summary, _summary_note(book, result)),
            ]
        )
        template = template_by_id(item.template_id) if item.template_id else None
        for k, f in enumerate(result.findings, 1):
            if rows + 2 > _MAX_ROWS - 2:
                cut += 1
                continue
            rows += 1
            at = anchor(f, template)
            place = book.where(template, at) if at is not None else _lines_or_whole(book, f)
            line = next((item.lines[c] for c in (f.suspect, *f.cells) if c and c in item.lines), None)
            if line is None and f.spans:
                line = f.spans[0].line
            findings.append(
                [
                    _cell(findings, k, number=True),
                    _cell(findings, name),
                    _cell(findings, place),
                    _cell(findings, line, number=True),
                    _cell(findings, book.severity(f), fill=L.SEVERITY_FILL.get(f.severity)),
                    _cell(findings, book.message(f)),
                    _cell(findings, book.advice(f)),
                    _cell(findings, ""),
                ]
            )
    from ..verdict import totals_line

    summary.append([])
    summary.append([_cell(summary, totals_line(verdicts, lang), font=L.BOLD)])
    summary.append([_cell(summary, w["streamed"].format(n=count, limit=STREAM_LIMIT))])
    if cut:
        findings.append([_cell(findings, w["rows_cut"].format(n=cut))])
    for ws, columns, last in ((summary, _SUMMARY_COLUMNS, count + 1), (findings, len(_FINDINGS), rows + 1)):
        if last > 1:  # written after the rows
            ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{last}"
    if pack is not None or bodies is not None:
        from .wb_scores import add_sheets

        add_sheets(wb, pack, scores, bodies, names, agencies, lang, header=header, footer=w["page"])
    if figures is not None:  # last, as in the whole workbook (the scores stand before it there)
        write_figures(wb.create_sheet(SHEET[figures.lang]), figures)
    _save_atomically(wb, target, lang)


def _score(pack: RulePack, item: Lean) -> Score:
    from ..api import Status

    result = item.result
    return score_report(
        pack, result.path, item.agency, item.year, [(f.rule, False) for f in result.findings],
        failed=result.status is Status.FAILED, partial=result.status is Status.PARTIAL,
    )  # fmt: skip


def _lines_or_whole(book: Book, f) -> str:
    if f.lines:
        a, b = f.lines
        return book.w["lines"].format(str(a) if a == b else f"{a}–{b}")
    return book.w["whole_report"]


def _cell(ws, value, *, number: bool = False, font=None, fill=None, alignment=None):
    """A write-only cell: text always as text (L.put_text), boxed, wrapped."""
    cell = WriteOnlyCell(ws)
    if number or value is None:
        cell.value = value
    else:
        L.put_text(cell, str(value))
    cell.border = L.BOX
    cell.alignment = alignment or (L.TOP if number else L.WRAP)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell
