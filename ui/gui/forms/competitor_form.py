"""The competitor form: who else supplies the customer, their share of its wallet, strengths,
weaknesses and threat. Saved through ``book.competition.save``, which checks that the
customer's competitors' shares stay within 100 %."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from models.competition import Competitor, ThreatLevel
from models.record import Record
from storage.book import Book, Saved
from ui.gui.forms.base import RecordForm
from ui.gui.forms.competition_words import field_word, threat_word
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.forms.fields import NoteField, OptionalDateField, TextField
from ui.gui.forms.list_fields import OptionsField
from ui.gui.forms.saving import RecordSaver


class ShareField(TextField):
    """A percent typed as a number; 30.0 shows as 30."""

    def set_value(self, value: Any) -> None:
        super().set_value(f"{value:g}" if isinstance(value, float) else value)


class CompetitorForm(RecordForm):
    record_class = Competitor

    def build(self) -> None:
        who = self.section("who", 0, 0)
        self.add(who, "name", TextField(self, max_length=120))
        self.add(who, "products", TextField(self, max_length=300))
        self.add(who, "share_percent", ShareField(self))
        self.add(who, "threat", OptionsField(self))
        self.add(who, "reviewed_on", OptionalDateField(self))
        view = self.section("view", 1, 0)
        self.add(view, "strengths", NoteField(self, lines=2))
        self.add(view, "weaknesses", NoteField(self, lines=2))
        self.add(view, "notes", NoteField(self, lines=2))

    def label_for(self, name: str) -> str:
        return field_word(name)

    def retranslate(self) -> None:
        titles = {"who": self.tr("Competitor"), "view": self.tr("How they compare")}
        for box, key in self.sections:
            box.setTitle(titles[key])
        self.editors["threat"].set_options([(t, threat_word(t)) for t in
                                            (ThreatLevel.HIGH, ThreatLevel.MEDIUM,
                                             ThreatLevel.LOW)])
        self.editors["share_percent"].setPlaceholderText(
            self.tr("0–100, empty when unknown"))
        self.editors["products"].setPlaceholderText(self.tr("What they sell this customer"))
        super().retranslate()


class _CompetitionSaver(RecordSaver):
    def write(self, record: Record, *, new: bool, force: bool = False) -> Saved[Any]:
        assert self.book is not None and isinstance(record, Competitor)
        return self.book.competition.save(record)


class CompetitorFormDialog(RecordFormDialog):
    form: CompetitorForm

    def __init__(self, book: Book, customer_id: str, competitor: Competitor | None = None,
                 *, parent: QWidget | None = None) -> None:
        form = CompetitorForm(competitor, defaults={
            "customer_id": customer_id, "threat": ThreatLevel.MEDIUM,
            "reviewed_on": date.today()})
        super().__init__(book, form, parent)
        self.setObjectName("competitorFormDialog")
        self.saver.saved.disconnect(self._on_saved)  # the base's saver is not used
        self.saver = _CompetitionSaver(book, form, self)
        self.saver.saved.connect(self._on_saved)
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

    def title(self) -> str:
        return self.tr("New competitor") if self.form.is_new() else self.tr("Competitor")
