"""What every workspace tab shares: the open customer, lazy loading on first show, and a list
panel (buttons over a table; arrows move, Enter opens, Delete deletes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
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

from storage.book import Book
from ui.settings import Settings
from ui.table_style import style_record_table
from ui.workspace.table_model import Column, RowsModel


@dataclass
class WorkspaceContext:
    """The open book and customer, shared by the workspace's tabs."""

    book: Book
    customer_id: str
    settings: Settings | None = None

    @property
    def in_memory(self) -> bool:
        """An in-memory book cannot be opened by a worker: load on the UI thread."""
        return self.book.in_memory


class WorkspaceTab(QWidget):
    """A tab that loads on first show and reloads when the book changed."""

    #: This tab wrote to the book: the write's Changes, as the Book answered (the workspace
    #: refreshes and passes them on to the main window).
    changed = Signal(object)
    #: A record was soft-deleted: (its Done, which the undo bar takes back; the bar's message).
    deleted = Signal(object, str)

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.stale = True

    @property
    def book(self) -> Book:
        return self.context.book

    @property
    def customer_id(self) -> str:
        return self.context.customer_id

    def ensure_loaded(self) -> None:
        if self.stale:
            self.stale = False
            self.reload()

    def mark_stale(self) -> None:
        """The book changed: reload now if shown, else on the next show."""
        self.stale = True
        if self.isVisible():
            self.ensure_loaded()

    def reload(self) -> None:
        raise NotImplementedError

    @property
    def is_loaded(self) -> bool:
        """Everything this tab reads is on screen (background loads included)."""
        return not self.stale

    def retranslate(self) -> None:
        """Put every text in the current language."""

    def save_form(self) -> bool:
        """Ctrl+S: save this tab's form, if it has one."""
        return False

    def has_unsaved_changes(self) -> bool:
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ListPanel(QWidget):
    """Buttons over a table of rows; ``activated(row)`` on Enter or double-click,
    ``delete_pressed(row)`` on the Delete key."""

    activated = Signal(object)
    delete_pressed = Signal(object)
    selection_changed = Signal()

    def __init__(
        self, columns: Sequence[Column], parent: QWidget | None = None, *, name: str = ""
    ) -> None:
        super().__init__(parent)
        self.model = RowsModel(columns, self)
        self.table = QTableView(self)
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
