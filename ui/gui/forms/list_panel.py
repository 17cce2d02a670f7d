"""A table of records with its buttons: the workspace's lists and a plan's parts use it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.gui.models.rows_model import Column, RowsModel
from ui.gui.style.table_style import style_record_table
from ui.gui.style.wrapping_header import WrappingHeader


class ListPanel(QWidget):
    """Buttons over a table of rows; ``activated(row)`` on Enter or double-click,
    ``delete_pressed(row)`` on the Delete key."""

    activated = Signal(object)
    delete_pressed = Signal(object)
    selection_changed = Signal()

    def __init__(
        self, columns: Sequence[Column], parent: QWidget | None = None, *, name: str = "",
        wrap_titles: bool = False,
    ) -> None:
        super().__init__(parent)
        self.model = RowsModel(columns, self)
        self.table = QTableView(self)
        #: With ``wrap_titles``, a title wider than its column's cells takes two lines.
        self.wrapping = WrappingHeader(self.table) if wrap_titles else None
        if self.wrapping is not None:
            self.table.setHorizontalHeader(self.wrapping)
        self.table.setObjectName(f"{name}Table" if name else "rowsTable")
        self.table.setModel(self.model)
        style_record_table(self.table)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(lambda index: self._emit(self.activated, index.row()))
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit()
        )
        self.model.modelReset.connect(self.selection_changed)

        self.bar = QHBoxLayout()
        self.bar.setContentsMargins(0, 0, 0, 0)
        self.bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.bar)
        layout.addWidget(self.table, 1)
        self._needs_row: list[QPushButton] = []

    def button(
        self, name: str, slot: Callable[[], Any], *, needs_row: bool = False, at_start: bool = True
    ) -> QPushButton:
        """A button in the bar; ``needs_row`` ones are enabled only with a selected row."""
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        if at_start:
            self.bar.insertWidget(self.bar.count() - 1, button)
        else:
            self.bar.addWidget(button)
        if needs_row:
            self._needs_row.append(button)
            button.setEnabled(False)
            self.selection_changed.connect(self._update_buttons)
        return button

    def _update_buttons(self) -> None:
        has_row = self.selected() is not None
        for button in self._needs_row:
            button.setEnabled(has_row)

    def set_rows(self, rows: Sequence[Any], *, keep: Callable[[Any], Any] | None = None) -> None:
        """Show ``rows``; with ``keep`` (a key of a row), the selected row stays selected."""
        previous = self.selected()
        key = keep(previous) if keep is not None and previous is not None else None
        self.model.set_rows(rows)
        if self.wrapping is not None:
            self.wrapping.set_room(0)  # the titles wider than their new cells wrap
        if key is not None and keep is not None:
            self.select(lambda r: keep(r) == key)
        self._update_buttons()

    def select(self, predicate: Callable[[Any], bool]) -> bool:
        row = self.model.row_of(predicate)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row(rows[0].row())

    def fit_columns(self, widths: dict[str, int]) -> None:
        """Column widths in digits (wide enough for dates and amounts), by column key; a
        header wider than that wins."""
        cells = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        for key, chars in widths.items():
            column = self.model.column_of(key)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            need = max(
                cells.horizontalAdvance("0" * chars) + 28,
                header.fontMetrics().horizontalAdvance(title) + 24,
            )
            header.resizeSection(column, need)

    def stretch_column(self, key: str) -> None:
        """``key``'s column takes the room the others leave, instead of the last column (so
        that the figures sit together)."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.model.column_of(key), QHeaderView.ResizeMode.Stretch)

    def _emit(self, signal: Any, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            signal.emit(self.model.row(row))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
            and self.selected() is not None
        ):
            self.delete_pressed.emit(self.selected())
            return True
        return super().eventFilter(watched, event)
