"""A record form in a dialog: Save (Ctrl+S, enabled only when valid), Cancel/Esc asking before
changes are discarded, and a soft Delete the caller can undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.book import Book, Saved
from storage.errors import StorageError
from ui.gui.forms import prompts
from ui.gui.forms.base import RecordForm
from ui.gui.forms.saving import RecordSaver
from ui.gui.text.i18n import storage_message


class RecordFormDialog(QDialog):
    """Edits one record. ``saved(Saved)`` after a write (the record as stored and what
    changed); ``deleted(Done, record)`` after a soft delete (the caller offers the undo of
    ``Done.change_id``). Open it with ``open()`` or ``show()``."""

    saved = Signal(object)
    deleted = Signal(object, object)

    def __init__(self, book: Book | None, form: RecordForm,
                 parent: QWidget | None = None) -> None:
        """``book`` is None for a plan's part, which is saved with its plan."""
        super().__init__(parent)
        self.book = book
        self.form = form
        self.saver = RecordSaver(book, form, self)
        self.saver.saved.connect(self._on_saved)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setAutoDefault(False)
        self.delete_button.setVisible(not form.is_new())
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.delete_button.clicked.connect(self.delete)
        self.save_button.setAutoDefault(False)
        self.save_button.setDefault(False)

        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)

        layout = QVBoxLayout(self)
        layout.addWidget(form)
        # Delete sits apart on the left, out of the way of Save and Cancel.
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        form.validity_changed.connect(lambda _valid: self._update_buttons())
        form.edited.connect(self._update_buttons)
        self._update_buttons()
        self._closing = False
        self.retranslate()
        first = form.first_editor()
        if first is not None:
            first.setFocus()

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.delete_button.setText(self.tr("Delete"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.setWindowTitle(self.title())

    def title(self) -> str:
        """The window title; subclasses say what is edited."""
        return self.tr("Edit")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- state -------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        self.save_button.setEnabled(
            self.form.valid and (self.form.is_new() or self.form.is_dirty())
        )

    def save(self) -> bool:
        if not self.save_button.isEnabled():
            self.form.reveal_errors()
            return False
        return self.saver.save()

    def _on_saved(self, saved: Saved[Any]) -> None:
        self.saved.emit(saved)
        self._closing = True
        self.accept()

    def delete(self) -> None:
        """Soft-delete the record and close; ``deleted`` carries the Done for undo."""
        original = self.form.original
        if original is None:
            return
        assert self.book is not None  # a plan's part has no book, and no Delete button
        try:
            done = self.book.records.delete(type(original), original.id)
        except StorageError as error:
            prompts.show_error(self, storage_message(error))
            return
        self.deleted.emit(done, original)
        self._closing = True
        self.accept()

    # -- closing asks first ------------------------------------------------------------------
    def reject(self) -> None:
        """Esc, Cancel and the close button end here: ask before losing changes."""
        if self._closing or not self.form.is_dirty() or prompts.confirm_discard(self):
            self._closing = True
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing or not self.form.is_dirty() or prompts.confirm_discard(self):
            self._closing = True
            super().closeEvent(event)
        else:
            event.ignore()
