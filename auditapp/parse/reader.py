"""Source → Report: the one entry point of the parser.

Which template a report is printed in is told by its tables, not by its year (some 2020 and
later reports still print the 2019 tables). A report is read with the template given (2021 by
default); only when a table shows the shape of another template's version — a header only that
version prints (`本年新制作数量`), or a label it prints as a row with numbers (`(六)其他处理 | 0 …`),
both recorded as `structure.template_sign` — is it read again with those tables taken from the
template that has them (all tables of one template, or a mix such as `2021+t3:2019`), and the
reading that leaves less unread is kept: a single mistyped header, or a subtotal row under
(六), does not cost a 2021 table its cells. The common case costs one reading.
"""

from __future__ import annotations

import gc

from ..report import Problem, Report
from ..source import Source
from ..template import TEMPLATE_2019, TEMPLATE_2021, Template, alternative
from .flattened import retokenize
from .layout import relayout
from .meta import extract_meta
from .tables import read_tables
from .tokens import Token, tokenize

_UNREAD = frozenset(
    {
        "structure.table_missing",
        "structure.row_missing",
        "structure.row_empty",
        "structure.cell_missing",
        "structure.stray_values",
        "structure.extra_values",
        "structure.alignment",
    }
)


def parse_report(source: Source, template: Template = TEMPLATE_2021, detect: bool = True) -> Report:
    """Read a report's tables with `template`, or with the tables of another where it prints those.

    `detect=False` reads with `template` only: a table of another shape is then not read and
    reported as `structure.other_template`.
    """
    # A reading makes a thousand small objects, most of them tokens that reference counting
    # frees as soon as the reading is done; none make cycles. The cyclic collector, left on,
    # would scan them mid-reading (and promote them, so that it scans them again later): a
    # fifth of the parser's time. It runs once the report is built instead.
    if not gc.isenabled():
        return _parse(source, template, detect)
    gc.disable()
    try:
        return _parse(source, template, detect)
    finally:
        gc.enable()


def _parse(source: Source, template: Template, detect: bool) -> Report:
    tokens = tokenize(source.lines)
    report = _read(source, template, tokens, keep_other=detect)
    if any(p.code == "structure.table_missing" for p in report.problems):
        # tables not found: their delimiters may all be lost, the digits of a row run together
        flattened = retokenize(source.lines, template)
        if flattened is not None:
            tokens, notes = flattened
            again = _read(source, template, tokens, report, keep_other=detect)
            unsure = {p.target for p in notes if p.code == "structure.digits_ambiguous"}
            # (a row left unread for its several splits says so itself, not as a row without values)
            again.problems = [p for p in again.problems if not (p.code == "structure.row_empty" and p.target in unsure)]
            again.problems += notes
            if _unread(again) < _unread(report):
                report = again
    elif any(p.code in _UNREAD for p in report.problems) and (laid_out := relayout(source.lines, template)) is not None:
        # rows or values unread: labels may wrap within their columns (text laid out with spaces)
        again = _read(source, template, laid_out, report, keep_other=detect)
        if _unread(again) < _unread(report):
            report, tokens = again, laid_out
    if detect:
        other = [p.target for p in report.problems if p.code == "structure.template_sign"]
        second = alternative(template, other) if other else None
        if second is not None:
            again = _read(source, second, tokens, report, keep_other=True)
            if _unread(again) < _unread(report):
                report = again
    report.problems += _old_format(report)
    return report


# the 2019 tables that differ from the 2021 ones (table 4 is the same in both)
_OLD_TABLES = {t.id: t for t in TEMPLATE_2019.tables if t not in TEMPLATE_2021.tables}
_NEW_FROM = 2020  # reports for this year on are printed in the 2021 format


def _old_format(report: Report) -> list[Problem]:
    """A hint where a report for 2020 or later prints a table in the 2019 format."""
    year = report.meta.year
    if year is None or year < _NEW_FROM:
        return []
    old = [t.id for t in report.template.tables if _OLD_TABLES.get(t.id) is t and t.id in report.regions]
    return [Problem("template.old_format", tid, _lines(report, tid), detail=str(year)) for tid in old]


def _lines(report: Report, tid: str) -> tuple[int, int]:
    region = report.regions[tid]
    return (region.first_line, region.last_line)


def _read(
    source: Source, template: Template, tokens: list[Token], like: Report | None = None, keep_other: bool = False
) -> Report:
    cells, regions, problems = read_tables(template, tokens, keep_other)
    return Report(
        source=source,
        template=template,
        cells=cells,
        regions=regions,
        problems=problems,
        meta=like.meta if like is not None else extract_meta(source),
    )


def _unread(report: Report) -> tuple[int, int, float]:
    """How much of a reading went wrong: tables of another shape, problems, cells not found."""
    problems = report.problems
    shaped = sum(1 for p in problems if p.code in ("structure.other_template", "structure.template_sign"))
    wrong = sum(1 for p in problems if p.code in _UNREAD)
    ids = report.template.cell_ids()
    return shaped, wrong, 1 - sum(1 for c in ids if c in report.cells) / len(ids)
