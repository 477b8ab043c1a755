"""Helpers the format round trips share: a seed parsed once, bytes audited as a file, what differs."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from functools import cache

from conftest import SAMPLES

from auditapp.api import AuditResult, audit_file
from auditapp.ingest import read_source
from auditapp.parse.reader import parse_report
from auditapp.parse.values import Kind
from auditapp.report import Report
from auditapp.rules import Severity


@cache
def seed_report(name: str) -> Report:
    return parse_report(read_source(str(SAMPLES / name)))


def audit_bytes(tmp_path, data: bytes, suffix: str) -> AuditResult:
    path = tmp_path / f"report{suffix}"
    path.write_bytes(data)
    return audit_file(str(path))


def rewrite_part(data: bytes, name: str, change) -> bytes:
    """The zip container (.docx, .xlsx) with part `name` replaced by change(its bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            zout.writestr(item, change(content) if item.filename == name else content)
    return out.getvalue()


def wrong_cells(result: AuditResult, expected_cells: dict, blank_zero: bool = False) -> list[str]:
    """The cells whose value is not the fixture's (a blank standing for 0 is right when `blank_zero`)."""
    wrong = []
    for cid, e in expected_cells.items():
        cell = result.report.cells.get(cid)
        if cell is None:
            wrong.append(f"{cid}: missing")
        elif blank_zero and e["value"] == 0 and cell.kind is Kind.BLANK:
            continue
        elif cell.value != Decimal(str(e["value"])):
            wrong.append(f"{cid}: {cell.value!r} != {e['value']!r}")
    return wrong


def errors(result: AuditResult) -> list[str]:
    return [f.message() for f in result.findings if f.severity is Severity.ERROR]
