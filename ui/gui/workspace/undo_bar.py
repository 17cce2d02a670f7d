"""The bar that appears after a delete: what was deleted, and a button that brings it back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class UndoBar(QFrame):
    """Hidden until :meth:`offer`; ``undo_requested(change_id)`` when the user clicks Undo."""

    undo_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setStyleSheet(
            "#undoBar { background: #fff4d6; border: 1px solid #e0c27a; border-radius: 4px; }"
        )
        self.change_id = ""
        self._message = ""
        self.text = QLabel(self)
        self.text.setObjectName("undoText")
        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self._undo)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.undo_button.setText(self.tr("Undo"))
        self.close_button.setToolTip(self.tr("Dismiss"))

    def offer(self, change_id: str, message: str) -> None:
        """Show ``message`` with an Undo of ``change_id`` (replacing any earlier offer)."""
        self.change_id = change_id
        self.text.setText(message)
        self.show()

    def dismiss(self) -> None:
        self.change_id = ""
        self.hide()

    def _undo(self) -> None:
        change_id = self.change_id
        self.dismiss()
        if change_id:
            self.undo_requested.emit(change_id)
