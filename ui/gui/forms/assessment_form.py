"""The periodic assessment: eight 1–5 ratings of what transactions cannot show, dated and signed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from models.entities import RATING_FIELDS, Assessment
from storage.book import Book
from ui.gui.forms.base import RecordForm
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.forms.fields import DateField, NoteField, RatingField, TextField


class AssessmentForm(RecordForm):
    record_class = Assessment

    def build(self) -> None:
        when = self.section("when", 0, 0)
        self.add(when, "assessed_on", DateField(self))
        self.add(when, "assessor", TextField(self, max_length=80))
        self.add(when, "notes", NoteField(self, lines=3))
        ratings = self.section("ratings", 0, 1)
        for name in RATING_FIELDS:
            self.add(ratings, name, RatingField(self))
        self.grid.setColumnStretch(0, 1)

    def retranslate(self) -> None:
        titles = {
            "when": self.tr("Assessment"),
            "ratings": self.tr("Ratings (1 poor … 5 excellent)"),
        }
        for box, key in self.sections:
            box.setTitle(titles[key])
        hints = {
            "payment_credit": self.tr("Pays on time and keeps its word on money"),
            "need_quality": self.tr("Needs are clear, reasonable and forward-looking"),
            "communication": self.tr("Decisions and answers come quickly and clearly"),
            "industry_influence": self.tr("A reference others in the industry follow"),
            "growth_potential": self.tr("Room to grow its business and its purchases"),
            "loyalty": self.tr("Stays with us rather than shopping around"),
            "synergy": self.tr("Working together strengthens our own business"),
            "satisfaction": self.tr("How content the customer is with us"),
        }
        for name, hint in hints.items():
            self.editors[name].setToolTip(hint)
        super().retranslate()


def assessment_defaults(book: Book, customer_id: str) -> dict[str, object]:
    """A new assessment: dated today, by the account owner, starting from the last ratings
    (the salesperson changes what moved rather than rating from scratch)."""
    latest = book.assessments.of_customer(customer_id, limit=1)  # the newest
    owner = book.customers.owner_of(customer_id)
    values: dict[str, object] = {
        "customer_id": customer_id,
        "assessed_on": date.today(),
        "assessor": latest[0].assessor if latest else owner,
    }
    if latest:
        values.update(latest[0].ratings())
    return values


class AssessmentFormDialog(RecordFormDialog):
    form: AssessmentForm

    def __init__(
        self,
        book: Book,
        customer_id: str,
        assessment: Assessment | None = None,
        parent: QWidget | None = None,
    ) -> None:
        defaults = assessment_defaults(book, customer_id) if assessment is None else None
        super().__init__(book, AssessmentForm(assessment, defaults=defaults), parent)
        self.setObjectName("assessmentFormDialog")
        self.resize(max(720, self.sizeHint().width()), self.sizeHint().height())

    def title(self) -> str:
        assessment = self.form.original
        if not isinstance(assessment, Assessment):  # None: a new one
            return self.tr("New assessment")
        return self.tr("Assessment of {date}").format(date=assessment.assessed_on.isoformat())
