"""One look and behaviour for every read-only record table (book, workspace tabs): whole-row
single selection, no editing, elided text, padded cells and fixed row heights."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionHeader,
    QTableView,
)


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


def header_label_width(header: QHeaderView, column: int, width: int,
                       sorted_by: bool | None = None) -> int:
    """The room the style leaves for ``column``'s title in a section ``width`` pixels wide
    (less its margins, and its sort arrow when it shows one: by default when the header's
    arrow is on ``column``)."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.rect = QRect(0, 0, width, header.height() or header.sizeHint().height())
    option.orientation = header.orientation()
    if header.orientation() == Qt.Orientation.Horizontal:
        option.state |= QStyle.StateFlag.State_Horizontal
    option.section = column
    option.text = str(header.model().headerData(column, header.orientation()) or "")
    if sorted_by is None:
        sorted_by = (header.isSortIndicatorShown()
                     and header.sortIndicatorSection() == column)
    option.sortIndicator = (QStyleOptionHeader.SortIndicator.SortDown if sorted_by
                            else QStyleOptionHeader.SortIndicator.None_)
    label = header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)
    return label.width()


def header_title_need(header: QHeaderView, column: int,
                      sorted_by: bool | None = None) -> int:
    """The narrowest section that shows ``column``'s title whole."""
    title = str(header.model().headerData(column, header.orientation()) or "")
    probe = 200
    chrome = probe - header_label_width(header, column, probe, sorted_by)
    return header.fontMetrics().horizontalAdvance(title) + chrome + 2


def clipped_titles(header: QHeaderView) -> list[str]:
    """The titles of the shown sections too narrow for them (elided or cut on screen); a
    title a header wraps (WrappingHeader.shown_title) line by line, and its lines as many as
    the header's height holds."""
    clipped = []
    metrics = header.fontMetrics()
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        title = str(header.model().headerData(column, header.orientation()) or "")
        shown_title = getattr(header, "shown_title", None)
        lines = (shown_title(column) if shown_title else title).split("\n")
        room = header_label_width(header, column, header.sectionSize(column))
        tall = metrics.height() + (len(lines) - 1) * metrics.lineSpacing()
        if title and (max(metrics.horizontalAdvance(line) for line in lines) > room
                      or tall > header.height()):
            clipped.append(title)
    return clipped
