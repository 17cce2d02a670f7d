"""The customer form (profile, segments, tier and lifecycle overrides with their reasons) and
its dialog; ``CustomerFormDialog.create_new`` is the main window's Ctrl+N."""

from __future__ import annotations

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
from storage.book import Book
from ui.gui.forms.base import RecordForm
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.forms.fields import ChoiceField, NoteField, TextField
from ui.gui.settings import Settings


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
        super().retranslate()

    def label_for(self, name: str) -> str:
        # Inside "Manual overrides", "Tier" and "Reason" say it all.
        short = {
            "tier_override": self.tr("Tier"),
            "tier_override_reason": self.tr("Reason"),
            "lifecycle_override": self.tr("Lifecycle stage"),
            "lifecycle_override_reason": self.tr("Reason"),
        }
        return short.get(name) or super().label_for(name)


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
