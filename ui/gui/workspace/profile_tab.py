"""The Profile tab: the customer's own form, saved in place (Ctrl+S), with a soft delete."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from models.entities import Customer
from storage.book import Saved
from storage.errors import RecordNotFoundError, StorageError
from ui.gui.forms import prompts
from ui.gui.forms.customer_form import CustomerForm, CustomerSaver
from ui.gui.text.i18n import storage_message
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab


class ProfileTab(WorkspaceTab):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.form = CustomerForm(None, parent=self)
        self.saver = CustomerSaver(self.book, self.form, self, context.settings)
        self.saver.saved.connect(self._saved)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("profileSave")
        self.save_button.clicked.connect(self.save_form)
        self.revert_button = QPushButton(self)
        self.revert_button.setObjectName("profileRevert")
        self.revert_button.clicked.connect(self.revert)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("profileDelete")
        self.delete_button.clicked.connect(self.delete_customer)
        self.form.edited.connect(self._update_buttons)
        self.form.validity_changed.connect(lambda _valid: self._update_buttons())

        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.addWidget(self.form)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Save changes"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.revert_button.setText(self.tr("Revert"))
        self.delete_button.setText(self.tr("Delete customer…"))

    def reload(self) -> None:
        try:
            customer = self.book.customers.get(self.customer_id, include_deleted=True)
        except RecordNotFoundError:
            return
        if (
            self.form.is_dirty()
            and self.form.original is not None
            and self.form.original.updated_at != customer.updated_at
        ):
            # Keep the user's edits; saving will show what changed meanwhile (merge).
            return
        if not self.form.is_dirty():
            self.form.load(customer)
        self.setEnabled(not customer.is_deleted)
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.form.is_dirty()
        self.save_button.setEnabled(self.form.valid and dirty)
        self.revert_button.setEnabled(dirty)

    def has_unsaved_changes(self) -> bool:
        return self.form.is_dirty()

    def save_form(self) -> bool:
        if not self.form.is_dirty():
            return False
        return self.saver.save()

    def revert(self) -> None:
        if self.form.original is not None:
            self.form.load(self.form.original)
            self.stale = True
            self.reload()
        self._update_buttons()

    def _saved(self, saved: Saved[Customer]) -> None:
        # The Book says which fields moved: the customer list reloads only when it must.
        self._update_buttons()
        self.changed.emit(saved.changes)

    def delete_customer(self) -> None:
        customer = self.form.original
        if not isinstance(customer, Customer):
            return
        if not prompts.confirm(
            self,
            self.tr("Delete customer"),
            self.tr(
                "Delete {name}? Its contacts, interactions and plans stay in the book and come "
                "back if you undo."
            ).format(name=customer.name),
            self.tr("Delete"),
        ):
            return
        try:
            done = self.book.customers.delete(customer.id)
        except StorageError as error:
            prompts.show_error(self, storage_message(error))
            return
        self.stale = True
        self.deleted.emit(done, self.tr("Customer {name} deleted.").format(name=customer.name))
