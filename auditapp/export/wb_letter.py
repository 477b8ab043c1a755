"""审核意见: one report's audit opinion, written as a letter the inspector can send as it is.

What was checked, the verdict, each problem (its number, where it is, what is wrong, what to
do) with the inspector's comment, the cells corrected during the audit, and a closing. The
dismissed findings and the hints are left out: the letter says what the body must act on.
"""

from __future__ import annotations

import datetime

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from ..api import AuditResult
from ..rules import Severity
from ..rules.findings import evidence_line, fmt_number
from . import wb_layout as L
from .wb_context import Book
from .wb_lists import where

WIDTH = 72  # one column, A4 portrait at full size (a single column is never shrunk to fit)

_LETTER = {
    "zh": {
        "title": "关于《{report}》的审核意见",
        "report": "{agency}{year}年度政府信息公开工作年度报告",
        "report_unknown": "政府信息公开工作年度报告",
        "to": "{agency}：",
        "to_unknown": "报送单位：",
        "checked": "\u3000\u3000我们审核了贵单位报送的《{report}》（文件：{name}）。审核对象为{tables}，"
        "核对了表内的 {relations} 项勾稽关系、各项数值的格式，以及正文所述数字与表格是否一致。",
        "verdict": "\u3000\u3000审核结论：{verdict}。",
        "found": "\u3000\u3000发现以下 {n} 个问题，请逐项核实：",
        "none": "\u3000\u3000未发现需要更正的问题。",
        "item": "问题 {n}（{severity}）　位置：{where}{line}",
        "line": "（原文第 {} 行）",
        "what": "　　问题：{}",
        "advice": "　　建议：{}",
        "comment": "　　审核意见：{}",
        "corrected": "\u3000\u3000审核中，以下单元格经与原件核对后由审核人员更正，上述核对按更正后的数值进行：",
        "correction": "　　{where}：原为 {original}，更正为 {value}{reason}",
        "close": "\u3000\u3000请核实上述问题，修改后重新报送。",
        "close_ok": "\u3000\u3000特此告知。",
        "sign": "审核人员：＿＿＿＿＿＿",
        "date": "{:%Y年%m月%d日}",
        "tables": "、",
        "reason": "（{}）",
    },
    "en": {
        "title": "Audit opinion on “{report}”",
        "report": "{agency} {year} annual report on government information disclosure",
        "report_unknown": "annual report on government information disclosure",
        "to": "To {agency}:",
        "to_unknown": "To the reporting body:",
        "checked": "We have audited your report “{report}” (file: {name}): {tables}. We checked the "
        "{relations} arithmetic relations within the tables, the form of each value, and whether the numbers "
        "in the text agree with the tables.",
        "verdict": "Verdict: {verdict}.",
        "found": "We found the following {n} problem(s); please check each:",
        "none": "We found nothing that needs correcting.",
        "item": "Finding {n} ({severity}) — where: {where}{line}",
        "line": " (source line {})",
        "what": "    Problem: {}",
        "advice": "    Advice: {}",
        "comment": "    Inspector's comment: {}",
        "corrected": "During the audit the inspector corrected these cells after checking the original; "
        "the checks above use the corrected values:",
        "correction": "    {where}: was {original}, corrected to {value}{reason}",
        "close": "Please check these problems and submit the corrected report again.",
        "close_ok": "For your information.",
        "sign": "Inspector: ____________",
        "date": "{:%Y-%m-%d}",
        "tables": ", ",
        "reason": " ({})",
    },
}


def write_letter(ws: Worksheet, book: Book, result: AuditResult) -> None:
    report = result.report
    assert report is not None
    t = _LETTER["en" if book.lang == "en" else "zh"]
    meta = report.meta
    known = meta.agency
    title_report = t["report"].format(agency=known, year=meta.year or "") if known else t["report_unknown"]
    shown = [f for f in result.findings if f.severity is not Severity.INFO and not book.dismissed(result, f)]
    numbers = {id(f): n for n, f in enumerate(result.findings, 1)}
    tables = t["tables"].join(
        f"{x.short_name_en if book.lang == 'en' else x.short_name}“{x.title}”" for x in report.template.tables
    )
    checked = t["checked"].format(
        report=title_report, name=book.name(result), tables=tables, relations=len(report.template.relations)
    )
    paragraphs: list[tuple[str, str]] = [  # (style, text)
        ("title", t["title"].format(report=title_report)),
        ("", ""),
        ("to", t["to"].format(agency=meta.agency) if meta.agency else t["to_unknown"]),
        ("para", checked),
        ("para", t["verdict"].format(verdict=book.verdict_text(result))),
        ("para", t["found"].format(n=len(shown)) if shown else t["none"]),
    ]
    for f in shown:
        place, _ = where(book, result, f)
        line = evidence_line(f, report)
        paragraphs.append(("item", t["item"].format(
            n=numbers[id(f)], severity=book.severity(f), where=place,
            line=t["line"].format(line) if line else "")))  # fmt: skip
        paragraphs.append(("sub", t["what"].format(book.message(f))))
        paragraphs.append(("sub", t["advice"].format(book.advice(f, short=True))))
        review = book.review(result, f)
        if review.comment:
            paragraphs.append(("sub", t["comment"].format(review.comment)))
    corrections = book.corrections_of(result)
    if corrections:
        paragraphs.append(("para", t["corrected"]))
        for cell_id, c in sorted(corrections.items()):
            paragraphs.append(("sub", t["correction"].format(
                where=book.where(report.template, cell_id), original=c.original or book.w["blank"],
                value=book.w["blank"] if c.value is None else fmt_number(c.value),
                reason=t["reason"].format(c.reason) if c.reason else "")))  # fmt: skip
    paragraphs += [
        ("para", t["close"] if shown else t["close_ok"]),
        ("", ""),
        ("right", t["sign"]),
        ("right", t["date"].format(datetime.date.today())),
    ]
    _lay_out(ws, paragraphs, book)


def _lay_out(ws: Worksheet, paragraphs: list[tuple[str, str]], book: Book) -> None:
    ws.column_dimensions["A"].width = WIDTH
    ws.sheet_view.showGridLines = False
    for r, (style, text) in enumerate(paragraphs, 1):
        cell = L.put_text(ws.cell(r, 1), text) if text else ws.cell(r, 1)
        if style == "title":
            cell.font = Font(bold=True, size=14)
            cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
            lines = L.lines_needed(text, WIDTH * 11 / 14)
            ws.row_dimensions[r].height = 22.0 * lines
            continue
        if style == "item":
            cell.font = L.BOLD
        cell.alignment = Alignment(
            horizontal="right" if style == "right" else "left",
            vertical="top",
            wrap_text=True,
            indent=0,
        )
        lines = L.lines_needed(text, WIDTH) if text else 1
        ws.row_dimensions[r].height = 16.0 * lines + (4 if style == "para" else 0)
    L.print_setup(ws, "portrait", header="", footer=book.w["page"])
    ws.oddHeader.right.text = ""  # a letter carries no workbook header; only its page numbers
