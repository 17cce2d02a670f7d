"""The contact form: a person at the account and their place on the relationship map."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.entities import Contact
from models.enums import Attitude, ContactRole
from storage.book import Book
from ui.gui.forms.base import RecordForm
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.forms.fields import CheckField, ChoiceField, NoteField, RatingField, TextField


class ContactForm(RecordForm):
    record_class = Contact

    def build(self) -> None:
        person = self.section("person", 0, 0)
        self.add(person, "name", TextField(self, max_length=80))
        self.add(person, "title", TextField(self, max_length=80))
        self.add(person, "department", TextField(self, max_length=80))
        self.add(person, "phone", TextField(self, max_length=40))
        self.add(person, "email", TextField(self, max_length=120))
        self.add(person, "is_primary", CheckField(self))
        role = self.section("role", 0, 1)
        self.add(role, "role", ChoiceField(ContactRole, self, none_text=""))
        self.add(role, "influence", RatingField(self))
        self.add(role, "attitude", ChoiceField(Attitude, self))
        self.add(role, "notes", NoteField(self, lines=4))

    def retranslate(self) -> None:
        titles = {"person": self.tr("Person"), "role": self.tr("Role in the buying decision")}
        for box, key in self.sections:
            box.setTitle(titles[key])
        self.editors["role"].retranslate(self.tr("Not known"))
        self.editors["attitude"].retranslate()
        self.editors["influence"].setToolTip(
            self.tr("Weight in the buying decision: 1 low, 5 decisive")
        )
        self.editors["is_primary"].setText(self.tr("Main contact at this customer"))
        super().retranslate()


class ContactFormDialog(RecordFormDialog):
    form: ContactForm

    def __init__(
        self,
        book: Book,
        customer_id: str,
        contact: Contact | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(book, ContactForm(contact, defaults={"customer_id": customer_id}), parent)
        self.setObjectName("contactFormDialog")
        self.resize(max(720, self.sizeHint().width()), self.sizeHint().height())

    def title(self) -> str:
        contact = self.form.original
        if not isinstance(contact, Contact):  # None: a new one
            return self.tr("New contact")
        return self.tr("Contact: {name}").format(name=contact.name)
