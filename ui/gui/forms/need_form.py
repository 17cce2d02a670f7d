"""The need form: a requirement, complaint or suggestion, its priority, status and resolution."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from models.entities import Need
from models.enums import NeedKind, NeedStatus, Priority
from storage.book import Book
from ui.gui.forms.base import RecordForm
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.forms.fields import ChoiceField, NoteField, OptionalDateField, TextField
from ui.gui.forms.list_fields import OptionsField

translate = QCoreApplication.translate  # lupdate reads translate(context, text)


class NeedForm(RecordForm):
    record_class = Need

    def __init__(self, need: Need | None = None, *,
                 contacts: Sequence[tuple[str, str]] = (),
                 defaults: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        self._contacts = list(contacts)  # (id, name) of the customer's contacts
        super().__init__(need, defaults=defaults, parent=parent)

    def build(self) -> None:
        need = self.section("need", 0, 0)
        self.add(need, "kind", ChoiceField(NeedKind, self))
        self.add(need, "description", NoteField(self, lines=3))
        self.add(need, "priority", ChoiceField(Priority, self))
        self.add(need, "raised_on", OptionalDateField(self))
        self.add(need, "contact_id", OptionsField(self))
        self.add(need, "owner", TextField(self, max_length=80))
        self.add(need, "due_on", OptionalDateField(self))
        outcome = self.section("outcome", 1, 0)
        self.add(outcome, "status", ChoiceField(NeedStatus, self))
        self.add(outcome, "resolved_on", OptionalDateField(self))
        self.add(outcome, "resolution", NoteField(self, lines=2))
        self.editors["status"].edited.connect(self._status_changed)

    def retranslate(self) -> None:
        titles = {"need": self.tr("Need"), "outcome": self.tr("Outcome")}
        for box, key in self.sections:
            box.setTitle(titles[key])
        for name in ("kind", "priority", "status"):
            self.editors[name].retranslate()
        self.editors["contact_id"].set_options(
            [(None, self.tr("Not recorded")), *self._contacts])
        self.editors["owner"].setPlaceholderText(self.tr("The customer's owner"))
        self.editors["due_on"].setToolTip(self.tr(
            "Left empty, it is set from the priority's service level (Preferences)."))
        self.editors["resolution"].setPlaceholderText(
            self.tr("How it was met, or why it was declined")
        )
        super().retranslate()

    def _status_changed(self) -> None:
        # Closing a need dates it today unless the user gave a date.
        status = self.editors["status"].value()
        if (
            status is not None
            and not status.is_open
            and self.editors["resolved_on"].value() is None
        ):
            self.editors["resolved_on"].set_value(date.today())
            self.validate()


class NeedFormDialog(RecordFormDialog):
    form: NeedForm

    def __init__(
        self,
        book: Book,
        customer_id: str,
        need: Need | None = None,
        *,
        preset: dict[str, object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        contacts = [(c.id, c.name) for c in book.contacts.of_customer(customer_id)]
        form = NeedForm(need, contacts=contacts,
                        defaults={"customer_id": customer_id, "raised_on": date.today()})
        super().__init__(book, form, parent)
        self.setObjectName("needFormDialog")
        if preset:
            form.set_values(preset)
            if "resolution" in form.editors and "status" in preset:
                form.editors["resolution"].setFocus()
        self._update_buttons()
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

    @classmethod
    def resolve(
        cls, book: Book, need: Need, status: NeedStatus, parent: QWidget | None = None
    ) -> NeedFormDialog:
        """The need marked met or declined today, asking for the resolution; shown."""
        dialog = cls(
            book,
            need.customer_id,
            need,
            parent=parent,
            preset={"status": status, "resolved_on": need.resolved_on or date.today()},
        )
        dialog.setWindowTitle(
            translate("NeedFormDialog", "Mark as met")
            if status is NeedStatus.MET
            else translate("NeedFormDialog", "Decline")
        )
        dialog.open()
        return dialog

    def title(self) -> str:
        if self.form.is_new():
            return self.tr("New need")
        return self.tr("Need")
