"""One look and behaviour for every read-only record table (book, workspace tabs): whole-row
single selection, no editing, elided text, padded cells and fixed row heights."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def style_record_table(table: QTableView) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    # Breathing room between a right-aligned number and the next column's text.
    table.setStyleSheet("QTableView::item { padding-left: 4px; padding-right: 6px; }")
    table.verticalHeader().setVisible(False)
    # Fixed row heights let the view skip measuring rows: essential for 100k lines.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)


#: Combined once: views ask for every cell they paint, and combining flags is slow in Python.
_ROW_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemNeverHasChildren)


def read_only_row_flags(valid: bool) -> Qt.ItemFlag:
    """Flags of a cell in a flat, read-only list: selectable, never edited, no children."""
    return _ROW_FLAGS if valid else Qt.ItemFlag.NoItemFlags
