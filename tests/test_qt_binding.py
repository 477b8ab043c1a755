"""The Qt binding installed does not lose references: PySide6 6.12.0 on Python 3.11 lost one
reference to None on every call of a method returning nothing, and the window aborted
("Fatal Python error: none_dealloc") after some thousands of calls. pyproject excludes it; this
test tells if another release does the same."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6.QtCore")


def test_calls_into_qt_keep_none_alive():
    from PySide6.QtCore import QObject, QSortFilterProxyModel, QStringListModel

    thing = QObject()
    model = QStringListModel(["a", "b"])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    before = sys.getrefcount(None)
    for _ in range(200):
        thing.setObjectName("x")
        proxy.invalidate()
        model.index(5, 0).data()  # an invalid index: the value is None
    assert abs(sys.getrefcount(None) - before) < 50
