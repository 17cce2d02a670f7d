"""The dashboard's tables: read-only, sortable by their headers, one whole row selected, and as
tall as their rows (the dashboard scrolls, a table does not)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def dashboard_table(model: QAbstractItemModel, parent: QWidget, name: str, *,
                    stretch_last: bool) -> QTableView:
    """A table over ``model``, unsorted until a header is clicked, with no scroll bar of its
    own; ``stretch_last`` spreads the last column over the dashboard's width."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(stretch_last)
    return table


def fit_height(table: QTableView) -> None:
    """Every row in view: the table as tall as its header, rows and horizontal scroll bar."""
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.model().rowCount()))
    scroll = table.horizontalScrollBar().sizeHint().height()
    table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows
                         + scroll + 2 * table.frameWidth())
