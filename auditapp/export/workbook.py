"""The annotated audit workbook (.xlsx): what inspectors send back and keep on file.

Sheets: 审核汇总 (one row per report, with the same verdict the window and the CLI give),
问题清单 (one numbered row per finding), and per report its tables as the template prints them
(the finding's note on its suspect or total cell, live formulas recomputing every total), its
source text line by line and a 审核意见 letter; 更正记录 when the inspector corrected cells.
Every sheet prints on A4. File names are relative to the opened folders, never the inspector's
own; the words are Chinese or English (`lang`).

Safety: text taken from a report is always written as text (never a formula, whatever it
starts with); the file is written to a temporary name beside the target and moved into place;
an input file is never the target. A large batch keeps table, source and letter sheets only for
the reports with errors or warnings (FULL_LIMIT); the summary and the findings list stay complete.

Layout and sheets live beside this module: wb_words (the words), wb_layout (cells, print),
wb_context (what the sheets share), wb_tables, wb_lists (summary, findings, source,
corrections) and wb_letter.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from typing import BinaryIO

from openpyxl import Workbook

from ..api import AuditResult, Status
from ..corrections import Correction, CorrectionKey
from ..coverage import Listed
from ..inputs import names_an_input
from ..review import Review, Reviews, finding_key
from ..rulepack import RulePack
from ..verdict import Verdict
from .wb_context import Book, ReportSheets
from .wb_layout import SheetNames, put_text, short
from .wb_letter import write_letter
from .wb_lists import write_corrections, write_findings, write_source, write_summary
from .wb_tables import write_tables

__all__ = ["FULL_LIMIT", "ExportError", "Review", "build_workbook", "finding_key", "put_text", "write_workbook"]

log = logging.getLogger(__name__)
FULL_LIMIT = 50  # above this many reports, table, source and letter sheets only for flagged ones


class ExportError(Exception):
    """The workbook could not be written; `message` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def write_workbook(
    results: Sequence[AuditResult],
    target: str,
    reviews: Reviews | None = None,
    full_limit: int = FULL_LIMIT,
    *,
    corrections: Mapping[CorrectionKey, Correction] | None = None,
    lang: str = "zh",
    roots: Sequence[str] = (),
    absolute_paths: bool = False,
    pack: RulePack | None = None,
    bodies: Sequence[Listed] | None = None,
) -> None:
    """Write the audit workbook to `target` atomically. Raises ExportError with a clear message.

    `results` are the results as audited (with corrections applied: `apply_corrections`);
    `corrections` maps (report path, cell id) to the inspector's Correction, to mark those
    cells; `roots` are the folders the inspector opened, file names are shown relative to them;
    `pack` adds the 评分 sheet, `bodies` (the list of bodies that must report) 覆盖情况.
    """
    check_target(target, results, lang)
    wb = build_workbook(
        results, reviews or {}, full_limit,
        corrections=corrections, lang=lang, roots=roots, absolute_paths=absolute_paths, pack=pack, bodies=bodies,
    )  # fmt: skip
    _save_atomically(wb, target, lang)


def build_workbook(
    results: Sequence[AuditResult],
    reviews: Reviews,
    full_limit: int = FULL_LIMIT,
    *,
    corrections: Mapping[CorrectionKey, Correction] | None = None,
    lang: str = "zh",
    roots: Sequence[str] = (),
    absolute_paths: bool = False,
    pack: RulePack | None = None,
    bodies: Sequence[Listed] | None = None,
) -> Workbook:
    book = Book(results, reviews or {}, corrections or {}, lang, tuple(roots), absolute_paths)
    w = book.w
    wb = Workbook()
    summary = wb.active
    summary.title = w["summary"]
    findings_ws = wb.create_sheet(w["findings"])
    names = SheetNames({w["summary"], w["findings"], w["corrections"]})
    full = len(results) <= full_limit
    for n, result in enumerate(results, 1):
        s = ReportSheets()
        report = result.report
        v = book.verdict(result)
        flagged = v in (Verdict.ERRORS, Verdict.WARNINGS) or bool(book.corrections_of(result))
        if report is not None and result.status is not Status.FAILED and (full or flagged):
            label = short(report.meta.agency or os.path.basename(result.path), w["report"])
            s.tables = names.make(f"{n}-{label}-{w['tables_sheet']}")
            s.source = names.make(f"{n}-{label}-{w['source_sheet']}")
            if len(results) == 1 or flagged:
                s.letter = names.make(f"{n}-{label}-{w['letter_sheet']}")
                letter_ws = wb.create_sheet(s.letter)
            tab_ws = wb.create_sheet(s.tables)
            src_ws = wb.create_sheet(s.source)
            s.cell_refs = write_tables(book, tab_ws, result, s.source)
            write_source(src_ws, book, result)
            if s.letter:
                write_letter(letter_ws, book, result)
        book.sheets.append(s)
    write_summary(summary, book, full, full_limit)
    write_findings(findings_ws, book)
    if len(results) > 1:  # the batch's figures side by side: nothing to compare in one report
        write_figures_sheet(wb, book)
    if book.corrections and any(book.corrections_of(r) for r in results):
        write_corrections(wb.create_sheet(w["corrections"], index=2), book)
    if pack is not None or bodies is not None:
        _score_sheets(wb, book, pack, bodies)
    return wb


def write_figures_sheet(wb: Workbook, book: Book) -> None:
    """The 数据汇总 sheet after the findings list: the batch's figures (auditapp.figures, pandas)."""
    from ..figures import figure_row, figures_table
    from .wb_figures import SHEET, write_figures

    rows = (figure_row(r, book.reviews) for r in book.results)
    table = figures_table(rows, book.lang, book.roots, absolute_paths=book.absolute_paths)
    write_figures(wb.create_sheet(SHEET[table.lang], index=2), table, book.sheets)  # linked to their sheets


def _score_sheets(wb: Workbook, book: Book, pack: RulePack | None, bodies: Sequence[Listed] | None) -> None:
    """评分 and 覆盖情况 (auditapp.export.wb_scores), moved to stand after the findings list."""
    from ..scores import score_result
    from .wb_lists import _book_header
    from .wb_scores import add_sheets

    results = book.results
    scores = [score_result(pack, r, book.reviews) for r in results] if pack is not None else []
    agencies = [r.report.meta.agency if r.report is not None else None for r in results]
    before = len(wb.sheetnames)
    add_sheets(
        wb, pack, scores, bodies, [book.name(r) for r in results], agencies, book.lang,
        header=_book_header(book), footer=book.w["page"],
    )  # fmt: skip
    for k in range(before, len(wb.sheetnames)):
        wb.move_sheet(wb.worksheets[k], offset=2 - before)  # to index 2 + (k - before)


# ---- the file ------------------------------------------------------------------------------------


_ERRORS = {
    "zh": {
        "suffix": "导出文件须以 {suffix} 结尾：{target}",
        "input": "不能把审核结果写到输入的报告文件上：{target}",
        "locked": "目标文件正被其他程序（如 Excel、WPS）打开，请关闭后重试：{target}",
        "folder": "目标文件夹不存在：{folder}",
        "denied": "无法写入 {target}：文件可能正被其他程序（如 Excel、WPS）打开，或没有写入权限",
        "os": "无法写入 {target}：{why}",
        "bug": "无法写入 {target}：内部错误（{why}），原有文件未改动",
    },
    "en": {
        "suffix": "The export file must end in {suffix}: {target}",
        "input": "Cannot write the audit results over an input report: {target}",
        "locked": "The target file is open in another program (Excel, WPS); close it and try again: {target}",
        "folder": "The target folder does not exist: {folder}",
        "denied": "Cannot write {target}: the file may be open in another program (Excel, WPS), or not writable",
        "os": "Cannot write {target}: {why}",
        "bug": "Cannot write {target}: internal error ({why}); the existing file is unchanged",
    },
}


def _error(lang: str, key: str, **values: str) -> ExportError:
    return ExportError(_ERRORS["en" if lang == "en" else "zh"][key].format(**values))


def check_target(target: str, results: Sequence[AuditResult], lang: str = "zh", suffix: str = ".xlsx") -> None:
    """Raises ExportError when `target` is no place for the file (not `suffix`, an input, locked, no folder)."""
    if not target.lower().endswith(suffix):
        raise _error(lang, "suffix", target=target, suffix=suffix)
    if names_an_input(target, (r.path for r in results)) is not None:  # by identity, not by name
        raise _error(lang, "input", target=target)
    real = os.path.realpath(target)
    folder, name = os.path.split(real)
    for lock in (f"~${name}", f".~lock.{name}#"):
        if os.path.exists(os.path.join(folder, lock)):
            raise _error(lang, "locked", target=target)
    if not os.path.isdir(folder):
        raise _error(lang, "folder", folder=folder)


def _save_atomically(wb: Workbook, target: str, lang: str = "zh") -> None:
    write_atomically(target, lambda f: _save_into(wb, f), lang)


def write_atomically(target: str, write: Callable[[BinaryIO], None], lang: str = "zh", suffix: str = ".xlsx") -> None:
    """`write` the file into a temporary one beside `target`, then move it into place: a crash or
    an error leaves the old file or the new one, never half of one. Raises ExportError."""
    folder = os.path.dirname(os.path.realpath(target))
    tmp = None
    try:
        _remove_stale(folder, suffix)
        fd, tmp = tempfile.mkstemp(prefix=".auditapp-", suffix=suffix, dir=folder)
        with _opened(fd) as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())  # on disk before it replaces the old file: a crash leaves one or the other
        os.chmod(tmp, _mode_for(target))  # mkstemp makes it private; a workbook is for sharing
        os.replace(tmp, target)
    except PermissionError:
        raise _error(lang, "denied", target=target) from None
    except OSError as e:
        raise _error(lang, "os", target=target, why=str(e.strerror or e)) from None
    except MemoryError:  # past the memory ceiling: the caller says so; the old file stays
        raise
    except Exception as e:  # a bug of ours (or openpyxl's) on strange text: the old file stays, the user is told
        log.exception("writing %s failed", target)
        raise _error(lang, "bug", target=target, why=type(e).__name__) from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.remove(tmp)


STALE_SECONDS = 24 * 3600  # a temporary workbook this old is no save under way: a killed one's


def _remove_stale(folder: str, suffix: str = ".xlsx") -> None:
    """Remove the temporary workbooks an earlier save left behind when it was killed (kill -9, a
    power cut: nothing of ours ran to remove them; one was 141 MB). Only ours (.auditapp-*.xlsx),
    and only old ones, so a save under way in another window keeps its file."""
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".auditapp-") and entry.name.endswith(suffix):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS and entry.is_file():
                        os.remove(entry.path)


def _opened(fd: int) -> BinaryIO:
    return os.fdopen(fd, "wb")


def _save_into(wb: Workbook, f: BinaryIO) -> None:
    """openpyxl's save, with the zip closed whatever happens: openpyxl leaves it open when a write
    fails (a full disk), and its finaliser then fails again, printing "Exception ignored in:
    ZipFile.__del__ … Errno 28" on the console."""
    import datetime as dt

    from openpyxl.writer.excel import ExcelWriter

    archive = zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        wb.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
        ExcelWriter(wb, archive).write_data()
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()  # fails again on a full disk, but lets go of the file either way
        archive.fp = None  # nothing left for the finaliser to write
        raise
    archive.close()


def _mode_for(target: str) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
