"""The contact form: a person at the account and their place on the relationship map (the
boss they report to, the colleague on our side who covers them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from models.entities import Contact
from models.enums import Attitude, ContactRole
from models.relationships import below
from storage.book import Book
from ui.gui.forms.base import RecordForm
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.forms.fields import CheckField, ChoiceField, NoteField, RatingField, TextField


class ContactChoiceField(QComboBox):
    """One of the customer's other contacts, or nobody (the id is the value)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.none_text = "–"
        self._choices: list[tuple[str, str]] = []
        self._value: str | None = None
        self._fill()
        self.activated.connect(self._picked)

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """(id, caption) of the contacts one may report to."""
        self._choices = choices
        self._fill()

    def set_none_text(self, text: str) -> None:
        self.none_text = text
        self._fill()

    def _fill(self) -> None:
        blocker = QSignalBlocker(self)
        self.clear()
        self.addItem(self.none_text, None)
        for contact_id, caption in self._choices:
            self.addItem(caption, contact_id)
        index = self.findData(self._value) if self._value else 0
        self.setCurrentIndex(max(0, index))
        del blocker

    def _picked(self, _index: int) -> None:
        self._value = self.currentData()
        self.edited.emit()

    def value(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_value(self, value: Any) -> None:
        self._value = str(value) if value else None
        index = self.findData(self._value) if self._value else 0
        blocker = QSignalBlocker(self)
        self.setCurrentIndex(max(0, index))
        del blocker


class PersonField(QComboBox):
    """A colleague on our side: one of the book's people, or a name typed in."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.lineEdit()
        assert line is not None
        line.textEdited.connect(lambda _text: self.edited.emit())
        self.activated.connect(lambda _index: self.edited.emit())

    def set_people(self, names: list[str]) -> None:
        text = self.currentText()
        blocker = QSignalBlocker(self)
        self.clear()
        self.addItems(names)
        self.setEditText(text)
        del blocker

    def value(self) -> str:
        return self.currentText().strip()

    def set_value(self, value: Any) -> None:
        blocker = QSignalBlocker(self)
        self.setEditText("" if value is None else str(value))
        del blocker


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
        self.add(role, "reports_to", ContactChoiceField(self))
        self.add(role, "covered_by", PersonField(self))
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
        self.editors["reports_to"].set_none_text(self.tr("Nobody (top of the map)"))
        self.editors["covered_by"].setToolTip(
            self.tr("The colleague on our side who keeps in touch with this person")
        )
        super().retranslate()

    def label_for(self, name: str) -> str:
        own = {"reports_to": self.tr("Reports to"), "covered_by": self.tr("Covered by (us)")}
        return own.get(name) or super().label_for(name)

    def set_choices(self, contacts: list[Contact], people: list[str]) -> None:
        """The bosses one may pick (not oneself nor anyone below) and our colleagues."""
        me = self.original.id if isinstance(self.original, Contact) else None
        barred = below(me, contacts) | {me} if me else set()
        self.editors["reports_to"].set_choices([
            (c.id, f"{c.name} · {c.title}" if c.title else c.name)
            for c in contacts if c.id not in barred and not c.is_deleted])
        self.editors["covered_by"].set_people(people)
        self.load(self.original, dict(self._base))


class ContactFormDialog(RecordFormDialog):
    form: ContactForm

    def __init__(
        self,
        book: Book,
        customer_id: str,
        contact: Contact | None = None,
        parent: QWidget | None = None,
        *,
        reports_to: str | None = None,
    ) -> None:
        defaults: dict[str, Any] = {"customer_id": customer_id}
        if reports_to:
            defaults["reports_to"] = reports_to
        form = ContactForm(contact, defaults=defaults)
        form.set_choices(book.contacts.of_customer(customer_id),
                         [p.name for p in book.people.listed()])
        super().__init__(book, form, parent)
        self.setObjectName("contactFormDialog")
        self.resize(max(720, self.sizeHint().width()), self.sizeHint().height())

    def title(self) -> str:
        contact = self.form.original
        if not isinstance(contact, Contact):  # None: a new one
            return self.tr("New contact")
        return self.tr("Contact: {name}").format(name=contact.name)
