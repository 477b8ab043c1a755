"""AuditResult → the JSON object of the spec's contract (one per file, JSON Lines)."""

from __future__ import annotations

import json
from decimal import Decimal
from json.encoder import encode_basestring as _string  # what ensure_ascii=False uses
from typing import Any

from ..api import AuditResult
from ..parse.values import Kind, plain_number
from ..report import Cell
from ..rules import Finding
from ..source import Source, Span


def _number(value: Decimal | None) -> int | float | None:
    """`plain_number`, with a short way for the common case (a whole number ≥ 0: most cells):
    as_tuple was a tenth of a batch's rendering."""
    if value is not None and (text := str(value)).isdigit():
        return int(text)
    return plain_number(value)


def _span(span: Span) -> dict[str, int]:
    return {"line": span.line, "start": span.start, "end": span.end}


def cell_json(cell: Cell, source: Source | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": _number(cell.value),
        "line": cell.span.line,
        "span": [cell.span.start, cell.span.end],
    }
    if source is not None and source.anchors and (origin := source.origin(cell.span)) is not None:
        out["origin"] = origin.as_dict()  # the page of a PDF, the sheet and cell of a workbook
    out["raw"] = cell.raw
    if cell.is_placeholder:
        out["placeholder"] = True
    if cell.kind is not Kind.NUMBER:
        out["kind"] = cell.kind.value
    if cell.note:
        out["note"] = cell.note
    return out


def finding_json(f: Finding, lang: str = "zh") -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message(lang),
        "cells": list(f.cells),
        "suspect": f.suspect,
        "expected": _number(f.expected),
        "actual": _number(f.actual),
    }
    if f.proposed is not None:
        out["proposed"] = plain_number(f.proposed)
    if f.difference is not None:
        out["difference"] = plain_number(f.difference)
    if f.lines:
        out["lines"] = list(f.lines)
    if f.spans:
        out["spans"] = [_span(s) for s in f.spans]
    if f.other_file is not None:
        out["other_file"] = f.other_file
        out["other_cells"] = list(f.other_cells)
    return out


def result_json(result: AuditResult, lang: str = "zh", *, findings: bool = True, cells: bool = True) -> dict[str, Any]:
    source = result.source
    report = result.report
    meta = report.meta if report else None
    return {
        "file": result.path,
        "status": result.status.value,
        "error": result.error,
        "source": _source_json(source) if source else None,
        "meta": {
            "agency": meta.agency if meta else None,
            "year": meta.year if meta else None,
            "published": meta.published if meta else None,
            "template": report.template.id if report else None,
        },
        **(
            {"cells": {cid: cell_json(c, source) for cid, c in report.cells.items()} if report else {}} if cells else {}
        ),
        **({"findings": [finding_json(f, lang) for f in result.findings]} if findings else {}),
    }


def _source_json(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"format": source.format, "encoding": source.encoding}
    if source.notes:
        out["notes"] = list(source.notes)
    return out


encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(…, ensure_ascii=False) without its set-up


def json_parts(result: AuditResult, lang: str = "zh") -> tuple[str, list[str]]:
    """A file's JSON object in pieces: the text up to its findings' list, and each finding's JSON.

    `json_join` puts them together; findings across reports join a file's own this way without
    its report (auditapp.spool). The findings' list is the object's last member, its cells the
    one before (written by `_cells_text`, the bulk of a line).
    """
    whole = encode(result_json(result, lang, findings=False, cells=False))
    cells = _cells_text(result) if result.report is not None else "{}"
    head = f'{whole[:-1]}, "cells": {cells}, "findings": '
    return head, [encode(finding_json(f, lang)) for f in result.findings]


def _cells_text(result: AuditResult) -> str:
    """The cells' JSON object: the plain ones (a whole number, nothing more to say: most) written
    directly, the others through `cell_json`. The same bytes as json.dumps (a test compares);
    three times faster, and cells are two thirds of a line."""
    report, source = result.report, result.source
    assert report is not None
    anchors = source is not None and bool(source.anchors)
    parts = []
    for cid, cell in report.cells.items():
        value = cell.value
        if (
            not anchors
            and value is not None
            and (digits := str(value)).isdigit()
            and cell.kind is Kind.NUMBER
            and not cell.note
            and isinstance(cell.raw, str)
            and not cell.is_placeholder
        ):
            span = cell.span
            parts.append(
                f'{_string(cid)}: {{"value": {int(digits)}, "line": {span.line}, '
                f'"span": [{span.start}, {span.end}], "raw": {_string(cell.raw)}}}'
            )
        else:
            parts.append(f"{_string(cid)}: {encode(cell_json(cell, source))}")
    return "{" + ", ".join(parts) + "}"


def json_join(head: str, findings: list[str]) -> str:
    return f"{head}[{', '.join(findings)}]}}"


def dumps(result: AuditResult, lang: str = "zh") -> str:
    """The file's JSON line: the bytes of `json.dumps(result_json(result, lang), ensure_ascii=False)`."""
    return json_join(*json_parts(result, lang))
