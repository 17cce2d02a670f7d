"""One box of a SWOT as a Qt list model: the box's lines in their order, each shown with what
it is about (a competitor, a need); rows added, replaced, removed and moved in memory until
the editor saves the whole SWOT."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from models.competition import SwotItem, SwotQuadrant

#: The role returning the row's SwotItem.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
#: The role returning what the row is about ("" for nothing in particular).
ABOUT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class SwotListModel(QAbstractListModel):
    """The lines of one ``quadrant``; ``about(item)`` names what a line is about ("" for
    nothing), shown after its text."""

    def __init__(self, quadrant: SwotQuadrant, about: Callable[[SwotItem], str],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.quadrant = quadrant
        self._about = about
        self._items: list[SwotItem] = []

    # -- reading -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            about = self._about(item)
            return f"{item.text}  ·  {about}" if about else item.text
        if role == Qt.ItemDataRole.ToolTipRole:
            about = self._about(item)
            return f"{item.text}\n{about}" if about else item.text
        if role == Qt.ItemDataRole.EditRole:
            return item.text
        if role == ITEM_ROLE:
            return item
        if role == ABOUT_ROLE:
            return self._about(item)
        return None

    def items(self) -> list[SwotItem]:
        return list(self._items)

    def item(self, row: int) -> SwotItem:
        return self._items[row]

    # -- changing ----------------------------------------------------------------------------
    def set_items(self, items: Sequence[SwotItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def append(self, item: SwotItem) -> int:
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append(item)
        self.endInsertRows()
        return row

    def replace(self, row: int, item: SwotItem) -> None:
        self._items[row] = item
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def remove(self, row: int) -> SwotItem:
        self.beginRemoveRows(QModelIndex(), row, row)
        item = self._items.pop(row)
        self.endRemoveRows()
        return item

    def move(self, row: int, step: int) -> int:
        """Move a line up (-1) or down (+1); returns its new row (the same at an end)."""
        target = row + step
        if not 0 <= row < len(self._items) or not 0 <= target < len(self._items):
            return row
        # Qt's destination is the row before which the line lands, counted before the move.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(),
                           target + 1 if step > 0 else target)
        self._items.insert(target, self._items.pop(row))
        self.endMoveRows()
        return target

    def refresh(self) -> None:
        """The words changed (language): every row repaints."""
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))
