"""The customer form (profile, segments, tier and lifecycle overrides with their reasons) and
its dialog; ``CustomerFormDialog.create_new`` is the main window's Ctrl+N."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from models.entities import Customer
from models.enums import (
    Channel,
    CustomerKind,
    LifecycleStage,
    LoyaltySegment,
    PriceOrientation,
    RelationshipLevel,
    Tier,
)
from models.record import Record
from models.relationships import MSG_LEVEL_REASON
from models.validation import ValidationError
from storage.book import Book, Saved
from ui.gui.forms.base import RecordForm
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.forms.fields import ChoiceField, NoteField, TextField
from ui.gui.forms.saving import RecordSaver
from ui.gui.settings import Settings

#: The form's own field (not the customer's): why the relationship level moved.
LEVEL_REASON = "relationship_level_reason"


class CustomerForm(RecordForm):
    record_class = Customer

    def build(self) -> None:
        identity = self.section("identity", 0, 0)
        self.add(identity, "name", TextField(self, max_length=200))
        self.add(identity, "code", TextField(self, max_length=40))
        self.add(identity, "kind", ChoiceField(CustomerKind, self))
        self.add(identity, "industry", TextField(self, max_length=80))
        self.add(identity, "owner", TextField(self, max_length=80))
        self.add(identity, "tags", TextField(self))

        reach = self.section("reach", 0, 1)
        self.add(reach, "phone", TextField(self, max_length=40))
        self.add(reach, "email", TextField(self, max_length=120))
        self.add(reach, "website", TextField(self, max_length=200))
        self.add(reach, "region", TextField(self, max_length=80))
        self.add(reach, "city", TextField(self, max_length=80))
        self.add(reach, "address", TextField(self, max_length=300))

        segments = self.section("segments", 1, 0)
        self.add(segments, "relationship_level", ChoiceField(RelationshipLevel, self))
        self.add(segments, LEVEL_REASON, TextField(self, max_length=500))
        self.add(segments, "price_orientation", ChoiceField(PriceOrientation, self, none_text=""))
        self.add(segments, "loyalty_segment", ChoiceField(LoyaltySegment, self, none_text=""))
        self.add(segments, "channel", ChoiceField(Channel, self, none_text=""))

        overrides = self.section("overrides", 1, 1)
        self.add(overrides, "tier_override", ChoiceField(Tier, self, none_text=""))
        self.add(overrides, "tier_override_reason", TextField(self, max_length=500))
        self.add(overrides, "lifecycle_override", ChoiceField(LifecycleStage, self, none_text=""))
        self.add(overrides, "lifecycle_override_reason", TextField(self, max_length=500))

        notes = self.section("notes", 2, 0, span=2)
        self.add(notes, "notes", NoteField(self, lines=3))
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)

    def retranslate(self) -> None:
        titles = {
            "identity": self.tr("Customer"),
            "reach": self.tr("Contact details"),
            "segments": self.tr("Relationship and segments"),
            "overrides": self.tr("Manual overrides"),
            "notes": self.tr("Notes"),
        }
        for box, key in self.sections:
            box.setTitle(titles[key])
        none = self.tr("Not set")
        for name in ("price_orientation", "loyalty_segment", "channel"):
            self.editors[name].retranslate(none)
        for name in ("tier_override", "lifecycle_override"):
            self.editors[name].retranslate(self.tr("Computed (no override)"))
        for name in ("kind", "relationship_level"):
            self.editors[name].retranslate()
        self.editors["tier_override_reason"].setPlaceholderText(
            self.tr("Why the computed tier does not fit")
        )
        self.editors["lifecycle_override_reason"].setPlaceholderText(
            self.tr("Why the computed stage does not fit")
        )
        self.editors["tags"].setPlaceholderText(self.tr("Comma-separated"))
        self.editors[LEVEL_REASON].setPlaceholderText(
            self.tr("Say why, when you change the level (kept in its history)")
        )
        super().retranslate()

    def label_for(self, name: str) -> str:
        # Inside "Manual overrides", "Tier" and "Reason" say it all.
        short = {
            "tier_override": self.tr("Tier"),
            "tier_override_reason": self.tr("Reason"),
            "lifecycle_override": self.tr("Lifecycle stage"),
            "lifecycle_override_reason": self.tr("Reason"),
            LEVEL_REASON: self.tr("Why the level changed"),
        }
        return short.get(name) or super().label_for(name)

    # -- the relationship level's reason -----------------------------------------------------
    def level_moved(self) -> bool:
        """The user set another relationship level than the stored one."""
        original = self.original
        return isinstance(original, Customer) and (
            self.editors["relationship_level"].value() != original.relationship_level
        )

    def level_reason(self) -> str:
        return str(self.editors[LEVEL_REASON].value()).strip()

    def validate(self) -> Record | None:
        """As any form, and a moved relationship level needs its reason (article 001's ladder
        is climbed for reasons worth keeping)."""
        record = super().validate()
        self.editors[LEVEL_REASON].setEnabled(self.is_new() or self.level_moved())
        if record is None or not self.level_moved() or self.level_reason():
            return record
        self._errors[LEVEL_REASON] = ValidationError(LEVEL_REASON, MSG_LEVEL_REASON)
        self._across.add(LEVEL_REASON)
        self._touched.add("relationship_level")
        self._show_errors()
        if self._valid:
            self._valid = False
            self.validity_changed.emit(False)
        return None


class CustomerSaver(RecordSaver):
    """Saves a customer through ``book.relationships.save_customer``, which records a moved
    relationship level (with the form's reason and who moved it) in the same transaction."""

    form: CustomerForm

    def __init__(self, book: Book, form: CustomerForm, parent: QWidget,
                 settings: Settings | None = None) -> None:
        super().__init__(book, form, parent)
        self.settings = settings

    def write(self, record: Record, *, new: bool, force: bool = False) -> Saved[Any]:
        assert self.book is not None and isinstance(record, Customer)
        me = self.settings.me(self.book.path) if self.settings is not None else ""
        return self.book.relationships.save_customer(
            record, reason=self.form.level_reason(), by=me or record.owner, new=new,
            force=force)


class CustomerFormDialog(RecordFormDialog):
    """New or existing customer in a dialog."""

    form: CustomerForm

    def __init__(
        self,
        book: Book,
        customer: Customer | None = None,
        *,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        me = settings.me(book.path) if settings is not None and customer is None else ""
        form = CustomerForm(customer, defaults={"owner": me} if me else None)
        super().__init__(book, form, parent)
        self.settings = settings
        self.saver.saved.disconnect(self._on_saved)
        self.saver = CustomerSaver(book, form, self, settings)
        self.saver.saved.connect(self._on_saved)
        self.setObjectName("customerFormDialog")
        self.resize(max(760, self.sizeHint().width()), self.sizeHint().height())

    @classmethod
    def create_new(
        cls, book: Book, settings: Settings | None = None, parent: QWidget | None = None
    ) -> CustomerFormDialog:
        """An empty customer form, shown (non-blocking); ``saved(Saved[Customer])`` after Save.

        The main window binds Ctrl+N to this and opens the new customer's workspace on
        ``saved``.
        """
        dialog = cls(book, None, settings=settings, parent=parent)
        dialog.open()
        return dialog

    def title(self) -> str:
        customer = self.form.original
        if not isinstance(customer, Customer):  # None: a new one
            return self.tr("New customer")
        return self.tr("Customer: {name}").format(name=customer.name)
