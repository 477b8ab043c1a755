"""Report templates as data: the single place rows, columns, labels and relations are declared."""

from .model import Bound, Column, Group, Relation, Row, Table, Template
from .t2021 import TEMPLATE_2021

__all__ = ["TEMPLATE_2021", "Bound", "Column", "Group", "Relation", "Row", "Table", "Template"]
