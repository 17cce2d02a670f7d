"""Field editors that choose among options known only at run time: several ticked (the
contacts present) or one (a plan's objective); model/view, no widget per option."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QListView, QWidget


class MultiSelectField(QListView):
    """Several of a short list of options (e.g. the contacts present), ticked; model/view."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, rows: int = 4) -> None:
        super().__init__(parent)
        self.options = QStandardItemModel(self)
        self.setModel(self.options)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self._rows = rows
        self._fit_height()
        self.options.itemChanged.connect(lambda _item: self.edited.emit())
        self._order: list[str] = []

    def set_options(self, options: Sequence[tuple[str, str]]) -> None:
        """(key, text) pairs; keeps the current ticks where the key is still offered."""
        chosen = set(self.value())
        blocker = QSignalBlocker(self.options)
        self.options.clear()
        self._order = []
        for key, text in options:
            item = QStandardItem(text)
            item.setData(key, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.options.appendRow(item)
            self._order.append(key)
        del blocker
        self._fit_height()

    def _fit_height(self) -> None:
        """Tall enough for every option up to ``rows`` (then it scrolls), at least two."""
        row = self.sizeHintForRow(0) if self.options.rowCount() else 0
        row = max(row, self.fontMetrics().height() + 4)
        shown = min(max(self.options.rowCount(), 2), self._rows)
        height = row * shown + 2 * self.frameWidth() + 4
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)

    def value(self) -> tuple[str, ...]:
        result = []
        for row in range(self.options.rowCount()):
            item = self.options.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                result.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(result)

    def set_value(self, value: Any) -> None:
        chosen = {str(v) for v in value or ()}
        blocker = QSignalBlocker(self.options)
        for row in range(self.options.rowCount()):
            item = self.options.item(row)
            key = str(item.data(Qt.ItemDataRole.UserRole))
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
        del blocker
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Space or Enter ticks the current option, as in a list of tick boxes.
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.options.itemFromIndex(self.currentIndex())
            if item is not None:
                item.setCheckState(
                    Qt.CheckState.Unchecked
                    if item.checkState() == Qt.CheckState.Checked
                    else Qt.CheckState.Checked
                )
                return
        super().keyPressEvent(event)


class OptionsField(QComboBox):
    """One of a list of (key, text) options that changes at run time (e.g. a plan's
    objectives); ``None`` is a valid key for "none"."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.activated.connect(lambda _index: self.edited.emit())

    def set_options(self, options: Sequence[tuple[Any, str]]) -> None:
        current = self.currentData() if self.count() else None
        blocker = QSignalBlocker(self)
        self.clear()
        for key, text in options:
            self.addItem(text, key)
        self.set_value(current)
        del blocker

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(0, index))
