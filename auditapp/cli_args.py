"""The command line's arguments, their checks and their help, in the language of the command line.

The language is known before the arguments are parsed: `--lang en` anywhere among them, else the
environment's locale (LC_ALL, LC_MESSAGES, LANG) when it is not Chinese, so `auditapp --help` on
an English system reads English. Values that would switch a limit off are refused here.
"""

from __future__ import annotations

import argparse
import math
import os
from collections.abc import Callable, Sequence

from . import __version__
from .batch import DEFAULT_TIMEOUT
from .memlimit import MIN_MEMORY_LIMIT_MB, default_limit_mb

HELP = {
    "zh": {
        "description": "政府信息公开工作年度报告审核工具：读取报告，解析三张统计表，核对勾稽关系。",
        "command": "命令",
        "audit": "审核报告文件或文件夹（递归）",
        "paths": "报告文件或文件夹",
        "json": "每个文件输出一行 JSON（JSON Lines）",
        "lang": "输出的语言（默认中文）",
        "xlsx": "另外写出带批注的审核工作簿（Excel）",
        "workers": "并行审核的进程数（默认为处理器核数；0 表示在本进程内逐个审核）",
        "seconds": "秒",
        "timeout": "单个文件的审核时限（默认 {timeout:g} 秒，超时的文件记为无法审核）",
        "memory": "每个审核进程的内存上限（默认 {memory} MB，超出的文件记为无法审核）",
        "rules": "列出全部审核规则",
        "markdown": "以 Markdown 表格输出",
        "gui": "打开审核窗口",
        "gui_paths": "要打开的报告文件或文件夹",
        "gui_lang": "界面语言（默认按上次的选择，否则中文）",
        "screenshot": "在后台渲染窗口并保存为图片，然后退出",
        "screenshots": "用自带的样例报告在后台渲染窗口，写出全部截图（见 README），然后退出",
        "about": "显示版本，以及所用的库及其许可证",
        "cells": "列出模板的单元格编号（Markdown）",
        "template": "只列出这一版模板",
        "table": "把各报告的数字汇总成一张表（每份报告一行，每个单元格一列），写成 CSV 或 Excel",
        "table_csv": "写出 CSV（UTF-8 带 BOM，Excel 可直接打开）",
        "table_xlsx": "写出只含“数据汇总”一张表的 Excel 工作簿",
        "rulepack": "按评分规则包（TOML 文件；default 为程序自带的规则包）为每份报告评分并排名",
        "bodies": "应报送单位名单（文本文件每行一个单位，或 Excel）：列出没有报告的单位和不在名单中的报告",
        "rulepack_cmd": "检查评分规则包并列出其扣分项及来源",
        "rulepack_file": "规则包文件（默认为程序自带的规则包）",
        "bad_seconds": "时限须为大于 0 的秒数，而不是 {text!r}",
        "bad_workers": "进程数须为 0 或正整数，而不是 {text!r}",
        "bad_memory": "内存上限须为不小于 {minimum} 的整数（MB），而不是 {text!r}",
    },
    "en": {
        "description": "Audit government information-disclosure annual reports: read them, parse their three "
        "tables, check how their figures relate.",
        "command": "command",
        "audit": "audit report files or folders (recursively)",
        "paths": "report files or folders",
        "json": "one line of JSON per file (JSON Lines)",
        "lang": "the language of the output (Chinese by default)",
        "xlsx": "also write the annotated audit workbook (Excel)",
        "workers": "worker processes auditing in parallel (default: the processor's cores; 0: one after "
        "another in this process)",
        "seconds": "SECONDS",
        "timeout": "time limit for one file (default {timeout:g} s; a file past it is not audited)",
        "memory": "memory limit of each worker process (default {memory} MB; a file past it is not audited)",
        "rules": "list every audit rule",
        "markdown": "as a Markdown table",
        "gui": "open the audit window",
        "gui_paths": "report files or folders to open",
        "gui_lang": "the window's language (default: the last one chosen, else Chinese)",
        "screenshot": "render the window offscreen to a picture, then exit",
        "screenshots": "render the window offscreen with the bundled sample reports, write every screenshot "
        "(see README), then exit",
        "about": "show the version, and the libraries used with their licences",
        "cells": "list the template's cell ids (Markdown)",
        "template": "only this version of the template",
        "table": "the figures of every report in one table (a row per report, a column per cell), as CSV or Excel",
        "table_csv": "write CSV (UTF-8 with a byte-order mark, as Excel opens it)",
        "table_xlsx": "write an Excel workbook of the figures sheet alone",
        "rulepack": "score and rank each report by a rule pack (a TOML file; default: the built-in pack)",
        "bodies": "the list of bodies that must report (a text file, one a line, or Excel): say which have no "
        "report and which reports are of no listed body",
        "rulepack_cmd": "check a rule pack and list what it deducts, with its sources",
        "rulepack_file": "the pack's file (default: the built-in pack)",
        "bad_seconds": "a time limit is a number of seconds above 0, not {text!r}",
        "bad_workers": "a number of processes is 0 or a positive whole number, not {text!r}",
        "bad_memory": "a memory limit is a whole number of MB of at least {minimum}, not {text!r}",
    },
}


def argv_language(argv: Sequence[str]) -> str:
    """ "en" or "zh": `--lang` among the arguments, else the locale's language."""
    for k, arg in enumerate(argv):
        if arg == "--lang" and k + 1 < len(argv):
            return "en" if argv[k + 1].lower().startswith("en") else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].lower().startswith("en") else "zh"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def _checks(lang: str) -> tuple[Callable[[str], float], Callable[[str], int], Callable[[str], int]]:
    words = HELP[lang]

    def seconds(text: str) -> float:
        """A time limit: a finite number of seconds above zero (nan or inf would switch it off)."""
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value <= 0:
            raise argparse.ArgumentTypeError(words["bad_seconds"].format(text=text))
        return value

    def workers(text: str) -> int:
        """A count of worker processes: 0 (in this process) or more, never a negative number."""
        try:
            value = int(text)
        except ValueError:
            value = -1
        if value < 0:
            raise argparse.ArgumentTypeError(words["bad_workers"].format(text=text))
        return value

    def megabytes(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < MIN_MEMORY_LIMIT_MB:
            raise argparse.ArgumentTypeError(words["bad_memory"].format(minimum=MIN_MEMORY_LIMIT_MB, text=text))
        return value

    return seconds, workers, megabytes


def build_parser(commands: dict[str, Callable], lang: str = "zh") -> argparse.ArgumentParser:
    """`commands`: the function each subcommand runs, by name."""
    h = HELP["en" if lang == "en" else "zh"]
    seconds, workers, megabytes = _checks("en" if lang == "en" else "zh")
    parser = argparse.ArgumentParser(prog="auditapp", description=h["description"])
    parser.add_argument("--version", action="version", version=f"auditapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar=h["command"])
    p = sub.add_parser("audit", help=h["audit"])
    p.add_argument("paths", nargs="+", metavar="PATH", help=h["paths"])
    p.add_argument("--json", action="store_true", help=h["json"])
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help=h["lang"])
    p.add_argument("--xlsx", metavar="OUT.xlsx", help=h["xlsx"])
    _engine(p, h, seconds, workers, megabytes)
    p.add_argument("--rulepack", metavar="FILE.toml", help=h["rulepack"])
    p.add_argument("--bodies", metavar="FILE", help=h["bodies"])
    p.set_defaults(func=commands["audit"])
    r = sub.add_parser("rules", help=h["rules"])
    r.add_argument("--markdown", action="store_true", help=h["markdown"])
    r.add_argument("--lang", choices=("zh", "en"), default="zh", help=h["lang"])
    r.set_defaults(func=commands["rules"])
    g = sub.add_parser("gui", help=h["gui"])
    g.add_argument("paths", nargs="*", metavar="PATH", help=h["gui_paths"])
    g.add_argument("--lang", choices=("zh_CN", "en"), help=h["gui_lang"])
    shot = g.add_mutually_exclusive_group()
    shot.add_argument("--screenshot", metavar="OUT.png", help=h["screenshot"])
    shot.add_argument("--screenshots", metavar="DIR", help=h["screenshots"])
    g.set_defaults(func=commands["gui"])
    a = sub.add_parser("about", help=h["about"])
    a.add_argument("--lang", choices=("zh", "en"), default="zh", help=h["lang"])
    a.set_defaults(func=commands["about"])
    k = sub.add_parser("rulepack", help=h["rulepack_cmd"])
    k.add_argument("file", nargs="?", metavar="FILE.toml", help=h["rulepack_file"])
    k.add_argument("--lang", choices=("zh", "en"), default="zh", help=h["lang"])
    k.set_defaults(func=commands["rulepack"])
    c = sub.add_parser("cells", help=h["cells"])
    c.add_argument("--template", choices=("2021", "2019"), help=h["template"])
    c.set_defaults(func=commands["cells"])
    _table(sub, h, seconds, workers, megabytes, commands["table"])
    return parser


def _engine(p: argparse.ArgumentParser, h: dict[str, str], seconds, workers, megabytes) -> None:
    """The batch engine's options (audit, table): worker processes and each file's limits."""
    p.add_argument("--workers", type=workers, metavar="N", help=h["workers"])
    p.add_argument(
        "--timeout",
        type=seconds,
        default=DEFAULT_TIMEOUT,
        metavar=h["seconds"],
        help=h["timeout"].format(timeout=DEFAULT_TIMEOUT),
    )
    p.add_argument(
        "--memory-limit",
        type=megabytes,
        default=default_limit_mb(),
        metavar="MB",
        help=h["memory"].format(memory=default_limit_mb()),
    )


def _table(sub, h: dict[str, str], seconds, workers, megabytes, func: Callable) -> None:
    """`auditapp table PATH… --csv OUT.csv [--xlsx OUT.xlsx]`: audit's engine and limits."""
    t = sub.add_parser("table", help=h["table"])
    t.add_argument("paths", nargs="+", metavar="PATH", help=h["paths"])
    t.add_argument("--csv", metavar="OUT.csv", help=h["table_csv"])
    t.add_argument("--xlsx", metavar="OUT.xlsx", help=h["table_xlsx"])
    t.add_argument("--lang", choices=("zh", "en"), default="zh", help=h["lang"])
    _engine(t, h, seconds, workers, megabytes)
    t.set_defaults(func=func)
