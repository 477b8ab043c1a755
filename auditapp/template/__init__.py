"""Report templates as data: the single place rows, columns, labels and relations are declared."""

from .model import Bound, Column, Group, Relation, Row, Table, Template
from .registry import TEMPLATES, alternative, cell_ids_markdown, mixed, template_by_id
from .t2019 import TEMPLATE_2019
from .t2021 import TEMPLATE_2021

__all__ = [
    "TEMPLATES",
    "TEMPLATE_2019",
    "TEMPLATE_2021",
    "Bound",
    "Column",
    "Group",
    "Relation",
    "Row",
    "Table",
    "Template",
    "alternative",
    "cell_ids_markdown",
    "mixed",
    "template_by_id",
]
