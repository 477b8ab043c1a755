"""`auditapp table PATH… --csv OUT.csv [--xlsx OUT.xlsx]`: the batch's figures in one table (issue 21).

The engine is `audit`'s: files audited in worker processes, the checks across reports on their
digests (so the counts, verdicts and marked cells are those `audit` gives, outlier hints
included). Each worker sends back only the report's digest and its `FigureRow` (~2 KB), so the
table of a batch of any size is built without keeping a report. Prints the batch's totals.

Exit codes: 0 the table written; 2 no file found, or it could not be written.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cli import EXIT_OK, EXIT_UNREADABLE, _run, iter_inputs
from .inputs import shown
from .messages import say

if TYPE_CHECKING:
    from .api import AuditResult
    from .figure_rows import FigureRow
    from .figures import FigureTable
    from .rules.crossreport import Digest


@dataclass
class TableOutcome:
    failed: bool
    verdict: str
    digest: Digest | None
    figures: FigureRow


@dataclass(frozen=True)
class TableJob:
    """Audit one file, keep its digest and figures (runs in a worker process; must pickle)."""

    digest: bool = True

    def warm(self) -> None:
        from .api import audit_file  # noqa: F401
        from .figure_rows import figure_row  # noqa: F401
        from .rules.crossreport import digest  # noqa: F401

    def __call__(self, path: str) -> TableOutcome:
        from .api import audit_file

        return self.outcome(audit_file(path))

    def failed(self, path: str, message: str) -> TableOutcome:
        from .api import failed_result

        return self.outcome(failed_result(path, message))

    def outcome(self, result: AuditResult) -> TableOutcome:
        from .api import Status
        from .figure_rows import figure_row

        row = figure_row(result)
        return TableOutcome(result.status is Status.FAILED, row.verdict, result.digest() if self.digest else None, row)


def cmd_table(args: argparse.Namespace) -> int:
    from .export.workbook import ExportError, check_target
    from .rules.crossreport import cross_check
    from .spool import ShingleStore

    lang = args.lang
    if not args.csv and not args.xlsx:
        print(say("table_no_target", lang), file=sys.stderr)
        return EXIT_UNREADABLE
    paths = list(iter_inputs(args.paths, lang))
    if not paths:
        print(say("no_files", lang), file=sys.stderr)
        return EXIT_UNREADABLE
    from .api import AuditResult, Status

    inputs = [AuditResult(p, Status.OK) for p in paths]
    try:  # before the audit, not after minutes of it
        for target, suffix in ((args.csv, ".csv"), (args.xlsx, ".xlsx")):
            if target:
                check_target(target, inputs, lang, suffix=suffix)
    except ExportError as e:
        print(say("error", lang, message=shown(e.message)), file=sys.stderr)
        return EXIT_UNREADABLE
    rows: list[FigureRow] = []
    digests: list[Digest | None] = []
    with ShingleStore() as shingles:
        job = TableJob(digest=len(paths) > 1)
        for position, outcome in _run(paths, job, args, say("auditing", lang)):
            rows.append(outcome.figures)
            digests.append(shingles.keep(position, outcome.digest) if outcome.digest is not None else None)
        extra = cross_check(digests, shingles, shingles.sentences) if len(paths) > 1 else {}
    del digests
    hints = 0
    for position, findings in extra.items():
        rows[position].add_findings(findings)
        hints += sum(f.rule == "batch.outlier" for f in findings)
    from .figures import figures_table

    roots = [p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in args.paths]
    table = figures_table(rows, lang, roots)
    del rows
    print(totals_text(table, hints))
    return EXIT_OK if _write(table, args, paths) else EXIT_UNREADABLE


def totals_text(table: FigureTable, hints: int) -> str:
    """The batch in a few lines: verdicts, the sums and rates, how many outlier hints."""
    from .verdict import Verdict, totals_line, verdict_name

    names = {verdict_name(v, table.lang): v for v in Verdict}
    lines = [totals_line([names[v] for v in table.frame["verdict"]], table.lang)]
    parts = [f"{label} {text}" for label, text in table.key_totals()]
    lines.append(say("separator", table.lang).join(parts))
    lines.append(say("table_hints", table.lang, count=hints))
    return "\n".join(lines)


def _write(table: FigureTable, args: argparse.Namespace, paths: list[str]) -> bool:
    from .export.workbook import ExportError
    from .watchdog import memory_limit

    try:
        with memory_limit(args.memory_limit):
            if args.csv:
                from .export.figures_csv import write_figures_csv

                write_figures_csv(table, args.csv, paths, args.lang)
                print(say("table_written", args.lang, path=shown(args.csv)), file=sys.stderr)
            if args.xlsx:
                _write_sheet(table, args.xlsx, args.lang)
                print(say("table_written", args.lang, path=shown(args.xlsx)), file=sys.stderr)
    except ExportError as e:
        print(say("error", args.lang, message=shown(e.message)), file=sys.stderr)
        return False
    except MemoryError:
        target = args.xlsx or args.csv
        print(say("export_memory", args.lang, limit=args.memory_limit, path=shown(target)), file=sys.stderr)
        return False
    return True


def _write_sheet(table: FigureTable, target: str, lang: str) -> None:
    """A workbook of the 数据汇总 sheet alone, streamed (write-only: any size)."""
    from openpyxl import Workbook

    from .export.wb_figures import SHEET, write_figures
    from .export.workbook import _save_atomically

    wb = Workbook(write_only=True)
    write_figures(wb.create_sheet(SHEET[table.lang]), table)
    _save_atomically(wb, target, lang)
