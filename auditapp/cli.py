"""Command line: `auditapp audit PATH… [--json] [--rulepack FILE] [--bodies FILE]`, `auditapp rules`,
`auditapp rulepack` (scores and coverage: auditapp.cli_scores), `auditapp table` (the batch's figures:
auditapp.cli_table).

Exit codes: 0 no error finding; 1 error findings; 2 a file could not be read or holds no
table. A report read only in part (status partial) says what is missing in warnings and exits
by its findings. No traceback ever reaches the user: internal errors are logged to a file and
reported in one line.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import __version__
from .inputs import shown
from .logs import log_path, setup_logging
from .messages import say

if TYPE_CHECKING:
    from .api import AuditResult
    from .cli_scores import Tally
    from .export.wb_stream import Lean
    from .figure_rows import FigureRow
    from .rules import Finding
    from .rules.crossreport import Digest
    from .scores import Facts
    from .spool import Spool, Spooled

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def iter_inputs(paths: Sequence[str], lang: str = "zh") -> Iterator[str]:
    """The core's walk of the inputs, saying on stderr which folder held no report."""
    from .ingest import report_suffixes
    from .inputs import iter_inputs as walk

    def empty(folder: str) -> None:
        suffixes = say("separator", lang).join(report_suffixes())
        print(say("empty_folder", lang, folder=shown(folder), suffixes=suffixes), file=sys.stderr)

    def unlistable(folder: str, message: str) -> None:
        print(say("warning", lang, message=message), file=sys.stderr)

    return walk(paths, empty, unlistable, lang)


@dataclass
class Outcome:
    """One file's part of the output, made in a worker: small, so a batch of any size streams."""

    failed: bool
    errors: int
    verdict: str  # auditapp.verdict.Verdict's value, for the totals line
    # where the worker wrote the summary block or the JSON line, with its kit (the output in pieces,
    # to add findings across reports to) and its lean (for a streamed workbook): auditapp.spool
    spooled: Spooled
    digest: Digest | None = None  # for the checks across reports
    result: AuditResult | None = None  # only when a workbook will be written
    figures: FigureRow | None = None  # the report's figures, for a streamed workbook's 数据汇总 sheet
    facts: Facts | None = None  # only for scores and coverage (auditapp.cli_scores)


@dataclass(frozen=True)
class RenderJob:
    """Audit one file and render its output (runs in a worker process; must pickle)."""

    json: bool
    lang: str
    spool: str  # the batch's spool folder (auditapp.spool.Spool.folder)
    keep: bool = False  # keep the whole result (for the workbook)
    lean: bool = False  # keep what the streamed workbook needs (a large batch's)
    digest: bool = False  # compute the digest the cross-report checks need, and the output's kit
    figures: bool = False  # keep the report's figures (auditapp.figures.FigureRow)
    facts: bool = False  # keep what scores and coverage need

    def warm(self) -> None:
        """Import what every file needs, once per worker, before its first file."""
        from .api import audit_file  # noqa: F401
        from .export.jsonl import dumps  # noqa: F401
        from .rules.crossreport import digest  # noqa: F401
        from .spool import make_kit, spool_out  # noqa: F401

    def __call__(self, path: str) -> Outcome:
        from .api import audit_file

        # The cyclic collector paused for the file (as parse_report does for the reading): the
        # job's many short-lived objects are freed by reference counting, and the collector's
        # passes over them were a seventh of a report's time. Any cycle is collected after.
        if not gc.isenabled():
            return self.render(audit_file(path))
        gc.disable()
        try:
            return self.render(audit_file(path))
        finally:
            gc.enable()

    def failed(self, path: str, message: str) -> Outcome:
        from .api import failed_result

        return self.render(failed_result(path, message))

    def render(self, result: AuditResult) -> Outcome:
        from .api import Status
        from .export.jsonl import dumps
        from .rules import Severity
        from .scores import Facts
        from .spool import make_kit, spool_out
        from .summary import summary
        from .verdict import verdict

        digest = result.digest() if self.digest else None
        kit = make_kit(result, self.json, self.lang, digest) if digest is not None else None
        if kit is not None:  # rendered once: the output is its kit's, with no findings added
            text, _ = kit.render([])
        else:
            text = dumps(result, self.lang) if self.json else summary(result, self.lang)
        lean = self._lean(result, digest) if self.lean else None
        return Outcome(
            failed=result.status is Status.FAILED,
            errors=result.count(Severity.ERROR),
            verdict=verdict(result).value,
            spooled=spool_out(self.spool, text, kit, lean),
            digest=digest,
            result=result if self.keep else None,
            figures=self._figures(result) if self.figures else None,
            facts=Facts.of(result) if self.facts else None,
        )

    @staticmethod
    def _figures(result: AuditResult) -> FigureRow:
        from .figure_rows import figure_row

        return figure_row(result)

    @staticmethod
    def _lean(result: AuditResult, digest: Digest | None) -> Lean:
        from .export.wb_stream import lean

        return lean(result, digest.named_cells if digest is not None else ())


class _Progress:
    """`审核 120/1000` on stderr, redrawn at most ten times a second, only on a terminal."""

    def __init__(self, total: int, label: str, lang: str = "zh") -> None:
        self.total, self.label, self.shown, self.lang = total, label, 0.0, lang
        self.on = total > 1 and sys.stderr.isatty()
        self.start = time.monotonic()

    def step(self, done: int) -> None:
        now = time.monotonic()
        if self.on and (now - self.shown > 0.1 or done == self.total):
            self.shown = now
            width = 30
            filled = width * done // self.total
            rate = done / max(now - self.start, 1e-6)
            bar = "█" * filled + "░" * (width - filled)
            line = say(
                "progress", self.lang, label=self.label, bar=bar, done=done, total=self.total, rate=f"{rate:.0f}"
            )
            print(f"\r{line}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.on:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


class _Output:
    """Outputs to standard output as the spool holds them (UTF-8 bytes): JSON Lines straight to its
    bytes when it is UTF-8 (a batch's are a GB), the rest through its text layer (a console's own
    encoding; a surrogate of an undecodable file name replaced as `print` replaces it)."""

    def __init__(self, binary: bool) -> None:
        encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        self.buffer = getattr(sys.stdout, "buffer", None) if binary and encoding == "utf8" else None
        self.newline = os.linesep.encode()  # what the text layer makes of "\n" on this system
        self.stale = False  # text written through the text layer since its last flush

    def line(self, data: bytes) -> None:
        if self.buffer is not None and (b"\xed" not in data or _strict_utf8(data)):
            if self.stale:
                sys.stdout.flush()
                self.stale = False
            self.buffer.write(data)
            self.buffer.write(self.newline)
            return
        print(data.decode("utf-8", "surrogatepass"), flush=False)
        self.stale = True

    def flush(self) -> None:
        sys.stdout.flush()
        if self.buffer is not None:
            self.buffer.flush()


def _strict_utf8(data: bytes) -> bool:
    """Whether bytes are UTF-8 without a passed surrogate (whose lead byte, 0xED, Hangul shares)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


IN_PROCESS = 4  # up to this many files are audited in this process: starting workers costs more


def _run(paths: list[str], job: RenderJob, args: argparse.Namespace, label: str) -> Iterator[tuple[int, Outcome]]:
    from .batch import Batch

    workers = args.workers if args.workers is not None else None if len(paths) > IN_PROCESS else 0
    progress = _Progress(len(paths), label, args.lang)
    try:
        for position, _path, outcome in Batch(
            paths, job, job.failed, workers=workers, timeout=args.timeout, memory_mb=args.memory_limit
        ):
            progress.step(position + 1)
            yield position, outcome
    finally:
        progress.close()


def cmd_audit(args: argparse.Namespace) -> int:
    """Audit in worker processes, in one pass; with several files, check across them before printing.

    Each file's output is rendered in its worker and spooled to a temporary file with its kit
    (auditapp.spool), so only the small digests stay in memory. The checks across reports run
    on the digests; a file they add findings to is rendered again from its kit, merged with
    those findings, never read or audited again. Everything is printed in input order.
    """
    from .cli_scores import print_blocks, tally_for
    from .rules.crossreport import cross_check
    from .spool import ShingleStore, Spool
    from .verdict import Verdict

    tally = tally_for(args)  # the rule pack and the list of bodies, refused before any audit
    if tally is None:
        return EXIT_UNREADABLE
    if args.json:
        with contextlib.suppress(AttributeError, ValueError):  # JSON Lines are UTF-8
            sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    paths = list(iter_inputs(args.paths, args.lang))
    if not paths:
        print(say("no_files", args.lang), file=sys.stderr)
        return EXIT_UNREADABLE
    stream = False  # a large batch's workbook: summary and findings only, streamed
    if args.xlsx:
        from .export.wb_stream import STREAM_LIMIT

        stream = len(paths) > STREAM_LIMIT
    figures: list[FigureRow] = []  # only for a streamed workbook: a few hundred bytes a report
    results: dict[int, AuditResult] = {}  # only with --xlsx on a small batch: the full workbook needs them whole
    with Spool() as spool, ShingleStore() as shingles:
        job = RenderJob(
            json=args.json, lang=args.lang, spool=spool.folder, keep=bool(args.xlsx) and not stream, lean=stream,
            digest=len(paths) > 1, facts=tally.wanted, figures=stream,
        )  # fmt: skip
        digests: list[Digest | None] = []
        facts: list[Facts | None] = []
        verdicts: list[Verdict] = []
        failed = errors = False
        for position, outcome in _run(paths, job, args, say("auditing", args.lang)):
            if position == 0 and len(paths) > 1:  # numpy, for the checks across reports: here, while
                import numpy  # noqa: F401  (the workers audit, not in the wait after the last file)
            verdicts.append(Verdict(outcome.verdict))
            facts.append(outcome.facts)
            spool.add_spooled(outcome.spooled)
            digests.append(shingles.keep(position, outcome.digest) if outcome.digest is not None else None)
            failed, errors = failed or outcome.failed, errors or bool(outcome.errors)
            if outcome.result is not None:
                results[position] = outcome.result
            if outcome.figures is not None:
                figures.append(outcome.figures)
        extra = cross_check(digests, shingles, shingles.sentences) if len(paths) > 1 else {}
        del digests
        out = _Output(binary=args.json)
        for position in range(len(spool)):
            if tally.wanted:
                tally.add(facts[position], paths[position], [f.rule for f in extra.get(position, ())])
            merged = spool.merged(position, extra[position]) if position in extra else None
            if merged is None:
                out.line(spool.data(position))
                continue
            data, verdicts[position] = merged
            errors = errors or verdicts[position] is Verdict.ERRORS
            out.line(data)
            if position in results:
                results[position].add_findings(extra[position])
            if figures:
                figures[position].add_findings(extra[position])
        out.flush()
        if len(paths) > 1:  # the batch's totals close the output (on stderr beside JSON Lines)
            from .verdict import totals_line

            print(totals_line(verdicts, args.lang), file=sys.stderr if args.json else sys.stdout)
        if tally.wanted:
            print_blocks(tally, args)
        code = EXIT_UNREADABLE if failed else EXIT_ERRORS if errors else EXIT_OK
        if args.xlsx and not _write_xlsx(args, paths, results, spool if stream else None, extra, tally, figures):
            return EXIT_UNREADABLE
    return code


def _write_xlsx(
    args: argparse.Namespace,
    paths: list[str],
    results: dict[int, AuditResult],
    spool: Spool | None,
    extra: dict[int, list[Finding]],
    tally: Tally,
    figures: list[FigureRow] | None = None,
) -> bool:
    """The workbook: whole for a small batch, streamed from the spool for a large one."""
    from .api import AuditResult, Status
    from .export.wb_stream import write_streamed
    from .export.workbook import ExportError, check_target, write_workbook

    # names in the workbook are relative to the folders given; a file given alone shows its bare name
    roots = [p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in args.paths]

    def leans() -> Iterator[Lean]:
        assert spool is not None
        for position in range(len(spool)):
            item = spool.lean(position)
            assert item is not None
            if position in extra:
                item.result.add_findings(extra[position])
            yield item

    from .watchdog import memory_limit

    try:
        with memory_limit(args.memory_limit):  # the workers' ceiling, for the export in this process
            if spool is None:
                write_workbook(
                    [results[k] for k in sorted(results)], args.xlsx, lang=args.lang, roots=roots,
                    pack=tally.pack, bodies=tally.bodies,
                )  # fmt: skip
            else:
                check_target(args.xlsx, [AuditResult(p, Status.OK) for p in paths], args.lang)
                from .figures import figures_table

                table = figures_table(figures or [], args.lang, roots)
                write_streamed(
                    leans(), len(paths), args.xlsx, lang=args.lang, roots=roots, pack=tally.pack, bodies=tally.bodies,
                    figures=table,
                )  # fmt: skip
    except ExportError as e:
        print(say("error", args.lang, message=shown(e.message)), file=sys.stderr)
        return False
    except MemoryError:
        print(say("export_memory", args.lang, limit=args.memory_limit, path=shown(args.xlsx)), file=sys.stderr)
        return False
    print(say("workbook_written", args.lang, path=shown(args.xlsx)), file=sys.stderr)
    return True


def cmd_rules(args: argparse.Namespace) -> int:
    from .rules import Severity
    from .rules.catalogue import RULES, SEVERITY_ZH, catalogue_markdown, checks

    if args.markdown:
        print(catalogue_markdown(args.lang))
    elif args.lang == "en":
        for r in RULES:
            print(f"{r.id:28} {Severity(r.severity).value:8} {r.title_en}: {checks(r, 'en')}")
    else:
        for r in RULES:
            print(f"{r.id:28} {SEVERITY_ZH[r.severity]}  {r.title_zh}：{r.checks_zh}")
    return EXIT_OK


def cmd_cells(args: argparse.Namespace) -> int:
    from .template import TEMPLATES, cell_ids_markdown

    chosen = [t for t in TEMPLATES if args.template in (None, t.id)]
    print("\n".join(cell_ids_markdown(t) for t in chosen), end="")
    return EXIT_OK


def cmd_about(args: argparse.Namespace) -> int:
    """Version, licence, and the libraries bundled with their versions and licences."""
    from .licences import PROJECT_LICENCE, bundled, python_library

    en = args.lang == "en"
    print(
        f"auditapp {__version__} (licence {PROJECT_LICENCE})"
        if en
        else f"auditapp {__version__}（许可证 {PROJECT_LICENCE}）"
    )
    print("Libraries used (name, version, licence):" if en else "所用的库（名称、版本、许可证）：")
    for library in [python_library(), *bundled()]:
        print(f"{library.name}\t{library.version}\t{library.licence or ('not stated' if en else '未注明')}")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from .gui.app import run

    return run(args.paths, args.screenshot, lang=args.lang, screenshots=args.screenshots)


def cmd_table(args: argparse.Namespace) -> int:
    from .cli_table import cmd_table as table

    return table(args)


def cmd_rulepack(args: argparse.Namespace) -> int:
    from .cli_scores import cmd_rulepack as rulepack  # (the rules' catalogue: imported when asked for)

    return rulepack(args)


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    from .cli_args import build_parser as build

    commands = {"audit": cmd_audit, "rules": cmd_rules, "gui": cmd_gui, "about": cmd_about, "cells": cmd_cells}
    commands["table"] = cmd_table
    commands["rulepack"] = cmd_rulepack
    return build(commands, lang)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """A termination (`kill`, a scheduler stopping the job) ends the run as Ctrl+C does: the worker
    processes stopped and the temporary files removed, not left behind."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):  # a GBK console must not crash us
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    from .cli_args import argv_language

    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv_language(arguments))  # its help and its refusals in the CLI's language
    args = parser.parse_args(arguments)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNREADABLE
    setup_logging()
    try:
        with _terminate_as_interrupt():
            return args.func(args)
    except KeyboardInterrupt:
        print(say("cancelled", getattr(args, "lang", None)), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:
        logging.getLogger("auditapp").exception("unexpected error")
        error = f"{type(e).__name__}: {e}"
        print(say("internal_error", getattr(args, "lang", None), error=error, log=log_path()), file=sys.stderr)
        return EXIT_UNREADABLE
