"""The interaction form: a visit, call or meeting, who took part, what was said and the next
step; ``InteractionFormDialog.for_customer`` is Ctrl+I."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from models.entities import Contact, Interaction
from models.enums import InteractionKind, Sentiment
from storage.book import Book
from ui.gui.forms.base import RecordForm
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.forms.fields import (
    CheckField,
    ChoiceField,
    DateTimeField,
    NoteField,
    OptionalDateField,
    TextField,
)
from ui.gui.forms.list_fields import MultiSelectField
from ui.gui.text.labels import label


class InteractionForm(RecordForm):
    record_class = Interaction

    def __init__(
        self,
        record: Interaction | None = None,
        *,
        contacts: Sequence[Contact] = (),
        defaults: dict[str, object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._contacts = list(contacts)
        super().__init__(record, defaults=defaults, parent=parent)

    def build(self) -> None:
        what = self.section("what", 0, 0)
        self.add(what, "kind", ChoiceField(InteractionKind, self))
        self.add(what, "occurred_at", DateTimeField(self))
        present = self.add(what, "contact_ids", MultiSelectField(self, rows=6))
        present.set_options([(c.id, self._caption(c)) for c in self._contacts])
        self.add(what, "owner", TextField(self, max_length=80))
        said = self.section("said", 0, 1)
        self.add(said, "summary", NoteField(self, lines=3))
        self.add(said, "feedback", NoteField(self, lines=3))
        self.add(said, "sentiment", ChoiceField(Sentiment, self))
        follow = self.section("next", 1, 0, span=2)
        self.add(follow, "next_step", TextField(self, max_length=500))
        self.add(follow, "next_step_due", OptionalDateField(self))
        self.add(follow, "next_step_done", CheckField(self))
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)

    @staticmethod
    def _caption(contact: Contact) -> str:
        parts = [contact.name, contact.title, label(contact.role) if contact.role else ""]
        return " · ".join(p for p in parts if p)

    def retranslate(self) -> None:
        titles = {
            "what": self.tr("Interaction"),
            "said": self.tr("What was said"),
            "next": self.tr("Next step"),
        }
        for box, key in self.sections:
            box.setTitle(titles[key])
        for name in ("kind", "sentiment"):
            self.editors[name].retranslate()
        self.editors["next_step"].setPlaceholderText(self.tr("What we do next, e.g. send a quote"))
        self.editors["contact_ids"].setToolTip(self.tr("Tick everyone who took part"))
        super().retranslate()


class InteractionFormDialog(RecordFormDialog):
    form: InteractionForm

    def __init__(
        self,
        book: Book,
        customer_id: str,
        interaction: Interaction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        contacts = book.contacts.of_customer(customer_id)  # main contact first
        if interaction is not None:
            # Someone deleted since still shows as present at this interaction.
            known = {c.id for c in contacts}
            missing = [i for i in interaction.contact_ids if i not in known]
            contacts += [book.contacts.get(i, include_deleted=True) for i in missing]
        owner = book.customers.owner_of(customer_id)
        form = InteractionForm(
            interaction, contacts=contacts, defaults={"customer_id": customer_id, "owner": owner}
        )
        super().__init__(book, form, parent)
        self.setObjectName("interactionFormDialog")
        self.saver.names = {c.id: c.name for c in contacts}
        self.resize(max(820, self.sizeHint().width()), self.sizeHint().height())

    @classmethod
    def for_customer(
        cls, book: Book, customer_id: str, parent: QWidget | None = None
    ) -> InteractionFormDialog:
        """A new interaction of ``customer_id``, now, shown (non-blocking): Ctrl+I."""
        dialog = cls(book, customer_id, None, parent)
        dialog.open()
        return dialog

    def title(self) -> str:
        interaction = self.form.original
        if not isinstance(interaction, Interaction):  # None: a new one
            return self.tr("Log an interaction")
        return self.tr("Interaction of {date}").format(
            date=interaction.occurred_at.strftime("%Y-%m-%d %H:%M")
        )
