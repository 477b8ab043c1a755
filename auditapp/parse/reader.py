"""Source → Report: the one entry point of the parser."""

from __future__ import annotations

from ..report import Report
from ..source import Source
from ..template import TEMPLATE_2021, Template
from .meta import extract_meta
from .tables import read_tables
from .tokens import tokenize


def parse_report(source: Source, template: Template = TEMPLATE_2021) -> Report:
    cells, regions, problems = read_tables(template, tokenize(source.lines))
    return Report(
        source=source,
        template=template,
        cells=cells,
        regions=regions,
        problems=problems,
        meta=extract_meta(source),
    )
