"""One table model for the workspace's lists: columns described once (title, text, sort key,
alignment, colour, tick box), rows are the records themselves; sorting happens in the model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    """How one column shows a row: ``title`` is called for the current language."""

    key: str
    title: Callable[[], str]
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    align: Qt.AlignmentFlag = LEFT
    colour: Callable[[Any], str | None] | None = None
    background: Callable[[Any], str | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    #: A tick box: its state, and what ticking it does (None: read-only).
    checked: Callable[[Any], bool] | None = None
    on_check: Callable[[Any, bool], None] | None = None
    bold: Callable[[Any], bool] | None = None


def first_line(text: str, limit: int = 120) -> str:
    """The first line of a note, cut to ``limit`` characters (the tooltip has it all)."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class RowsModel(QAbstractTableModel):
    """Rows of any kind shown through :class:`Column` descriptions; column -1 sorts back to
    the order the rows were given in."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._given: list[Any] = []
        self._rows: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    # -- rows --------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._given = list(rows)
        self._rows = self._sorted(self._given)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row(self, index: int) -> Any:
        return self._rows[index]

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def retranslate(self) -> None:
        """Texts come from the current language at every paint: refresh everything."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

    # -- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.CheckStateRole and column.checked is not None:
            return Qt.CheckState.Checked if column.checked(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            colour = column.background(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == RECORD_ROLE:
            return row
        if role == SORT_ROLE:
            return self._key(column, row)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.columns[index.column()].on_check is not None:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = self.columns[index.column()] if index.isValid() else None
        if column is None or role != Qt.ItemDataRole.CheckStateRole or column.on_check is None:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        column.on_check(self._rows[index.row()], state == Qt.CheckState.Checked)
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._rows = self._sorted(self._given)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[Any]) -> list[Any]:
        column, order = self._sort
        if not 0 <= column < len(self.columns):
            return list(rows)
        spec = self.columns[column]
        # None sorts last either way: missing values are never "the smallest".
        present = [r for r in rows if self._key(spec, r) is not None]
        absent = [r for r in rows if self._key(spec, r) is None]
        present.sort(
            key=lambda r: self._key(spec, r), reverse=order == Qt.SortOrder.DescendingOrder
        )
        return present + absent

    @staticmethod
    def _key(column: Column, row: Any) -> Any:
        if column.sort is not None:
            return column.sort(row)
        text = column.text(row)
        return text.casefold() if text else None
