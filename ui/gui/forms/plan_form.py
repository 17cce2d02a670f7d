"""The account plan form: period, status, relationship levels, situation, the needs it
addresses, objectives, support, actions and reviews — saved as one through the plans API."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QTabWidget, QWidget

from models.entities import Need
from models.enums import PlanStatus, RelationshipLevel
from models.plans import AccountPlan, Objective
from storage.book import Book
from ui.gui.forms.base import RecordForm
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.forms.fields import ChoiceField, NoteField, TextField
from ui.gui.forms.list_fields import MultiSelectField
from ui.gui.forms.period_field import PeriodField, period_label
from ui.gui.forms.plan_children import PartsField
from ui.gui.forms.values import record_caption
from ui.gui.text.labels import label

PARTS = ("objectives", "support_measures", "actions", "reviews")


class PlanForm(RecordForm):
    record_class = AccountPlan

    def __init__(
        self,
        record: AccountPlan | None = None,
        *,
        needs: Sequence[Need] = (),
        defaults: dict[str, object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._needs = list(needs)
        super().__init__(record, defaults=defaults, parent=parent)

    def build(self) -> None:
        plan = self.section("plan", 0, 0)
        self.add(plan, "period", PeriodField(self))
        self.add(plan, "status", ChoiceField(PlanStatus, self))
        self.add(plan, "owner", TextField(self, max_length=80))
        self.add(plan, "review_cadence_days", TextField(self))
        levels = self.section("levels", 0, 1)
        self.add(levels, "current_level", ChoiceField(RelationshipLevel, self))
        self.add(levels, "target_level", ChoiceField(RelationshipLevel, self))
        needs = self.add(levels, "need_ids", MultiSelectField(self, rows=4))
        needs.set_options(
            [
                (n.id, self.tr("{kind}: {text}").format(kind=label(n.kind), text=record_caption(n)))
                for n in self._needs
            ]
        )
        situation = self.section("situation", 1, 0, span=2)
        self.add(situation, "situation", NoteField(self, lines=3))
        self.parts_tabs = QTabWidget(self)
        self.parts_tabs.setObjectName("planParts")
        for name in PARTS:
            field = PartsField(name, self, objectives=self._objectives)
            field.setObjectName(f"field_{name}")
            self.editors[name] = field
            field.edited.connect(lambda n=name: self._on_edited(n))
            self.parts_tabs.addTab(field, "")
        self.grid.addWidget(self.parts_tabs, 2, 0, 1, 2)
        self.grid.setRowStretch(2, 1)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)

    def _objectives(self) -> list[Objective]:
        return list(self.editors["objectives"].value())

    def retranslate(self) -> None:
        titles = {
            "plan": self.tr("Plan"),
            "levels": self.tr("Relationship and needs"),
            "situation": self.tr("Situation"),
        }
        for box, key in self.sections:
            box.setTitle(titles[key])
        for name in ("status", "current_level", "target_level"):
            self.editors[name].retranslate()
        self.editors["period"].retranslate()
        self.editors["need_ids"].setToolTip(self.tr("Open needs this plan addresses"))
        titles = {
            "objectives": self.tr("Objectives"),
            "support_measures": self.tr("Support"),
            "actions": self.tr("Actions"),
            "reviews": self.tr("Reviews"),
        }
        for index, name in enumerate(PARTS):
            self.parts_tabs.setTabText(index, titles[name])
            self.editors[name].retranslate()
        super().retranslate()


class PlanFormDialog(RecordFormDialog):
    """Edits a saved plan (new plans are created first through the plans API)."""

    form: PlanForm

    def __init__(self, book: Book, plan: AccountPlan, parent: QWidget | None = None) -> None:
        # The open needs, and the closed ones this plan already names (still shown ticked).
        needs = book.plans.needs_to_address(plan.customer_id, plan.need_ids)
        super().__init__(book, PlanForm(plan, needs=needs), parent)
        self.setObjectName("planFormDialog")
        self.saver.names = {n.id: record_caption(n) for n in needs}
        self.resize(max(900, self.sizeHint().width()), max(680, self.sizeHint().height()))

    def title(self) -> str:
        plan = self.form.original
        return self.tr("Account plan {period}").format(
            period=period_label(plan.period) if isinstance(plan, AccountPlan) else ""
        )
