"""AuditResult → the JSON object of the spec's contract (one per file, JSON Lines)."""

from __future__ import annotations

import json
from decimal import Decimal
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


def result_json(result: AuditResult, lang: str = "zh", *, findings: bool = True) -> dict[str, Any]:
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
        "cells": {cid: cell_json(c, source) for cid, c in report.cells.items()} if report else {},
        "findings": [finding_json(f, lang) for f in result.findings] if findings else [],
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
    its report (auditapp.spool). The findings' list is the object's last member.
    """
    obj = result_json(result, lang, findings=False)
    obj["findings"] = []
    whole = encode(obj)
    assert whole.endswith("[]}")
    return whole[:-3], [encode(finding_json(f, lang)) for f in result.findings]


def json_join(head: str, findings: list[str]) -> str:
    return f"{head}[{', '.join(findings)}]}}"


def dumps(result: AuditResult, lang: str = "zh") -> str:
    """The file's JSON line: the bytes of `json.dumps(result_json(result, lang), ensure_ascii=False)`."""
    return json_join(*json_parts(result, lang))
