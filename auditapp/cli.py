"""Command line: `auditapp audit PATH… [--json]`, `auditapp rules`.

Exit codes: 0 no error finding; 1 error findings; 2 a file could not be read or holds no
table. A report read only in part (status partial) says what is missing in warnings and exits
by its findings. No traceback ever reaches the user: internal errors are logged to a file and
reported in one line.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .api import AuditResult

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _log_path() -> str | None:
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state")
    folder = os.path.join(base, "auditapp", "logs")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return os.path.join(folder, "auditapp.log")


def _setup_logging() -> None:
    root = logging.getLogger("auditapp")
    root.propagate = False  # Python's last-resort handler would print tracebacks to stderr
    path = _log_path()
    handler: logging.Handler = logging.NullHandler()
    if path:
        try:
            handler = logging.FileHandler(path, encoding="utf-8", delay=True)
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        except OSError:
            handler = logging.NullHandler()
    root.addHandler(handler)


def iter_inputs(paths: Sequence[str]) -> Iterator[str]:
    """Files as given; folders walked recursively for report files, in a stable order."""
    from .ingest import TEXT_SUFFIXES

    for path in paths:
        if os.path.isdir(path):
            found = False
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(TEXT_SUFFIXES):
                        found = True
                        yield os.path.join(folder, name)
            if not found:
                print(
                    f"提示：文件夹 {path} 中没有可读取的报告文件（{'、'.join(TEXT_SUFFIXES)}）",
                    file=sys.stderr,
                )
        else:
            yield path


_WORDS = {
    "zh": {
        "ok": "正常", "partial": "部分解析", "failed": "无法读取", "errors": "有错误", "warnings": "有警告",
        "unknown": "（未识别报告单位）",
        "year": "{}年度", "head": "{who}；编码 {enc}；读取单元格 {n}/{total}；错误 {e}，警告 {w}，提示 {i}",
        "line": "第{}行 ", "sep": "：", "error": "错误", "warning": "警告", "info": "提示",
    },
    "en": {
        "ok": "OK", "partial": "PARTIAL", "failed": "UNREADABLE", "errors": "ERRORS", "warnings": "WARNINGS",
        "unknown": "(agency not found)",
        "year": "{}", "head": "{who}; encoding {enc}; cells read {n}/{total}; errors {e}, warnings {w}, info {i}",
        "line": "line {} ", "sep": ": ", "error": "error", "warning": "warning", "info": "info",
    },
}  # fmt: skip


def _summary(result: AuditResult, lang: str) -> str:
    from .rules import Severity
    from .rules.findings import evidence_line

    words = _WORDS[lang]
    name = os.path.basename(result.path) or result.path
    verdict = result.status.value
    if verdict == "ok" and result.count(Severity.ERROR):
        verdict = "errors"
    elif verdict == "ok" and result.count(Severity.WARNING):
        verdict = "warnings"
    status = f"【{words[verdict]}】{name}{words['sep']}"
    if result.error:
        return status + result.error
    report = result.report
    assert report is not None and result.source is not None
    meta = report.meta
    year = words["year"].format(meta.year) if meta.year else None
    who = " ".join(x for x in (meta.agency, year) if x) or words["unknown"]
    e, w, i = (result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    head = words["head"].format(
        who=who, enc=result.source.encoding, n=len(report.cells), total=len(report.template.cell_ids()), e=e, w=w, i=i
    )
    lines = [status + head]
    for f in result.findings:
        line = evidence_line(f, report)
        where = words["line"].format(line) if line else ""
        lines.append(f"  [{words[f.severity.value]}] {where}{f.rule}{words['sep']}{f.message(lang)}")
    return "\n".join(lines)


def cmd_audit(args: argparse.Namespace) -> int:
    from .api import AuditResult, Status, audit_file, audit_together
    from .export.jsonl import dumps
    from .rules import Severity

    if args.json:
        with contextlib.suppress(AttributeError, ValueError):  # JSON Lines are UTF-8
            sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    results = []
    for path in iter_inputs(args.paths):
        try:
            results.append(audit_file(path))
        except Exception as e:  # audit_file guards itself; this is the last line of defence
            logging.getLogger("auditapp").exception("failed on %s", path)
            results.append(AuditResult(path, Status.FAILED, f"内部错误：{type(e).__name__}: {e}"))
    if not results:
        print("错误：没有找到要审核的文件", file=sys.stderr)
        return EXIT_UNREADABLE
    if len(results) > 1:
        audit_together(results)  # two years of one body, copied reports
    code = EXIT_OK
    for result in results:
        print(dumps(result, args.lang) if args.json else _summary(result, args.lang), flush=True)
        if result.status is Status.FAILED:
            code = EXIT_UNREADABLE
        elif code == EXIT_OK and result.count(Severity.ERROR):
            code = EXIT_ERRORS
    if args.xlsx:
        from .export.workbook import ExportError, write_workbook

        try:
            write_workbook(results, args.xlsx)
        except ExportError as e:
            print(f"错误：{e.message}", file=sys.stderr)
            return EXIT_UNREADABLE
        print(f"审核工作簿已写入 {args.xlsx}", file=sys.stderr)
    return code


def cmd_rules(args: argparse.Namespace) -> int:
    from .rules.catalogue import RULES, SEVERITY_ZH, catalogue_markdown

    if args.markdown:
        print(catalogue_markdown())
    else:
        for r in RULES:
            print(f"{r.id:28} {SEVERITY_ZH[r.severity]}  {r.title_zh}：{r.checks_zh}")
    return EXIT_OK


def cmd_cells(args: argparse.Namespace) -> int:
    from .template import TEMPLATES, cell_ids_markdown

    chosen = [t for t in TEMPLATES if args.template in (None, t.id)]
    print("\n".join(cell_ids_markdown(t) for t in chosen), end="")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from .gui.app import run

    return run(args.paths, args.screenshot)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditapp",
        description="政府信息公开工作年度报告审核工具：读取报告，解析三张统计表，核对勾稽关系。",
    )
    parser.add_argument("--version", action="version", version=f"auditapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    p = sub.add_parser("audit", help="审核报告文件或文件夹（递归）")
    p.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹")
    p.add_argument("--json", action="store_true", help="每个文件输出一行 JSON（JSON Lines）")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="问题说明的语言（默认中文）")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="另外写出带批注的审核工作簿（Excel）")
    p.set_defaults(func=cmd_audit)
    r = sub.add_parser("rules", help="列出全部审核规则")
    r.add_argument("--markdown", action="store_true", help="以 Markdown 表格输出")
    r.set_defaults(func=cmd_rules)
    g = sub.add_parser("gui", help="打开审核窗口")
    g.add_argument("paths", nargs="*", metavar="PATH", help="要打开的报告文件或文件夹")
    g.add_argument("--screenshot", metavar="OUT.png", help="在后台渲染窗口并保存为图片，然后退出")
    g.set_defaults(func=cmd_gui)
    c = sub.add_parser("cells", help="列出模板的单元格编号（Markdown）")
    c.add_argument("--template", choices=("2021", "2019"), help="只列出这一版模板")
    c.set_defaults(func=cmd_cells)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):  # a GBK console must not crash us
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNREADABLE
    _setup_logging()
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:
        logging.getLogger("auditapp").exception("unexpected error")
        print(f"内部错误：{type(e).__name__}: {e}（详情见日志 {_log_path()}）", file=sys.stderr)
        return EXIT_UNREADABLE
