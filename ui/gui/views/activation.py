"""Enter or a double-click on a row opens it: once, on every platform.

``QAbstractItemView.activated`` fires on a double-click *and* (with some styles) on a single
click, and connecting ``doubleClicked`` as well would open a row twice; so lists connect here
instead: Enter/Return on the current row, or a double-click.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterFilter(QObject):
    def __init__(self, view: QAbstractItemView, callback: Callable[[QModelIndex], object]) -> None:
        super().__init__(view)
        self._view = view
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in ENTER_KEYS and not event.isAutoRepeat():
            index = self._view.currentIndex()
            if index.isValid():
                self._callback(index)
                return True
        return False


def on_row_opened(view: QAbstractItemView, callback: Callable[[QModelIndex], object]) -> None:
    """Call ``callback(index)`` when the user opens a row with Enter or a double-click."""
    view.installEventFilter(_EnterFilter(view, callback))
    view.doubleClicked.connect(callback)
