"""The parts of an account plan — objectives, support measures, actions, reviews — each edited
in a small form, and listed inside the plan form as one field (saved with the plan)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from models.enums import ActionStatus, ObjectiveKind, SupportKind
from models.plans import Objective, PlanAction, PlanReview, SupportMeasure
from models.record import Record
from storage.book import Saved
from storage.changes import Changes
from ui.gui.forms.base import RecordForm
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.forms.fields import (
    ChoiceField,
    DateField,
    FieldEditor,
    NoteField,
    OptionalDateField,
    TextField,
)
from ui.gui.forms.list_fields import OptionsField
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.saving import RecordSaver
from ui.gui.forms.values import EMPTY, money, number, record_caption
from ui.gui.models.rows_model import RIGHT, Column, first_line
from ui.gui.text.labels import label

translate = QCoreApplication.translate  # lupdate reads translate(context, text)


class ObjectiveForm(RecordForm):
    record_class = Objective

    def build(self) -> None:
        box = self.section("objective", 0, 0)
        self.add(box, "kind", ChoiceField(ObjectiveKind, self))
        self.add(box, "description", TextField(self, max_length=500))
        self.add(box, "baseline_value", TextField(self))
        self.add(box, "target_value", TextField(self))
        self.add(box, "actual_value", TextField(self))

    def retranslate(self) -> None:
        self.sections[0][0].setTitle(self.tr("Objective"))
        self.editors["kind"].retranslate()
        self.editors["actual_value"].setToolTip(
            self.tr(
                "Revenue and margin objectives are measured from the transactions of the period"
            )
        )
        self.editors["target_value"].setPlaceholderText(self.tr("e.g. 1200000, or 25 for 25 %"))
        super().retranslate()


class SupportForm(RecordForm):
    record_class = SupportMeasure

    def build(self) -> None:
        box = self.section("support", 0, 0)
        self.add(box, "kind", ChoiceField(SupportKind, self))
        self.add(box, "terms", NoteField(self, lines=2))
        self.add(box, "rate_percent", TextField(self))
        self.add(box, "cost", TextField(self))

    def retranslate(self) -> None:
        self.sections[0][0].setTitle(self.tr("Support measure"))
        self.editors["kind"].retranslate()
        super().retranslate()


class ActionForm(RecordForm):
    record_class = PlanAction

    def __init__(
        self,
        record: Record | None = None,
        *,
        objectives: Sequence[Objective] = (),
        parent: QWidget | None = None,
    ) -> None:
        self._objectives = list(objectives)
        super().__init__(record, parent=parent)

    def build(self) -> None:
        box = self.section("action", 0, 0)
        self.add(box, "what", TextField(self, max_length=500))
        self.add(box, "owner", TextField(self, max_length=80))
        self.add(box, "due_date", OptionalDateField(self))
        self.add(box, "status", ChoiceField(ActionStatus, self))
        self.add(box, "done_on", OptionalDateField(self))
        self.add(box, "objective_id", OptionsField(self))

    def retranslate(self) -> None:
        self.sections[0][0].setTitle(self.tr("Action"))
        self.editors["status"].retranslate()
        self.editors["objective_id"].set_options(
            [
                (None, self.tr("No objective")),
                *((o.id, record_caption(o)) for o in self._objectives),
            ]
        )
        super().retranslate()


class ReviewForm(RecordForm):
    record_class = PlanReview

    def build(self) -> None:
        box = self.section("review", 0, 0)
        self.add(box, "reviewed_on", DateField(self))
        self.add(box, "note", NoteField(self, lines=4))

    def retranslate(self) -> None:
        self.sections[0][0].setTitle(self.tr("Review"))
        super().retranslate()


class _Local(RecordSaver):
    """A plan part is saved with its plan: "saving" the part only hands it back, having
    changed nothing in the book."""

    def write(self, record: Record, *, new: bool, force: bool = False) -> Saved[Any]:
        return Saved(record.validated(), Changes())


class PartDialog(RecordFormDialog):
    """Edits one part of a plan in memory; ``saved(Saved)`` hands it back (its ``record``)."""

    def __init__(self, form: RecordForm, title: str, parent: QWidget | None = None) -> None:
        self._title = title
        super().__init__(None, form, parent)
        self.saver = _Local(None, form, self)
        self.saver.saved.connect(self._on_saved)
        self.delete_button.hide()
        self.resize(max(480, self.sizeHint().width()), self.sizeHint().height())

    def title(self) -> str:
        return self._title


def _columns(kind: str, objectives: Callable[[], Sequence[Objective]]) -> list[Column]:

    def objective_of(action: PlanAction) -> str:
        found = [o for o in objectives() if o.id == action.objective_id]
        return record_caption(found[0]) if found else EMPTY

    def value(v: float | None) -> str:
        return EMPTY if v is None else number(v)

    if kind == "objectives":
        return [
            Column("kind", lambda: translate("PlanParts", "Kind"), lambda o: label(o.kind)),
            Column(
                "description",
                lambda: translate("PlanParts", "Objective"),
                lambda o: first_line(o.description),
                tooltip=lambda o: o.description,
            ),
            Column(
                "baseline",
                lambda: translate("PlanParts", "Baseline"),
                lambda o: value(o.baseline_value),
                sort=lambda o: o.baseline_value,
                align=RIGHT,
            ),
            Column(
                "target",
                lambda: translate("PlanParts", "Target"),
                lambda o: value(o.target_value),
                sort=lambda o: o.target_value,
                align=RIGHT,
            ),
        ]
    if kind == "support_measures":
        return [
            Column("kind", lambda: translate("PlanParts", "Support"), lambda s: label(s.kind)),
            Column(
                "terms",
                lambda: translate("PlanParts", "Terms"),
                lambda s: first_line(s.terms),
                tooltip=lambda s: s.terms or None,
            ),
            Column(
                "rate",
                lambda: translate("PlanParts", "Rate"),
                lambda s: EMPTY if s.rate_percent is None else f"{number(s.rate_percent)} %",
                sort=lambda s: s.rate_percent,
                align=RIGHT,
            ),
            Column(
                "cost",
                lambda: translate("PlanParts", "Cost"),
                lambda s: money(s.cost),
                sort=lambda s: s.cost,
                align=RIGHT,
            ),
        ]
    if kind == "actions":
        return [
            Column(
                "what",
                lambda: translate("PlanParts", "Action"),
                lambda a: first_line(a.what),
                tooltip=lambda a: a.what,
            ),
            Column("owner", lambda: translate("PlanParts", "Owner"), lambda a: a.owner),
            Column(
                "due",
                lambda: translate("PlanParts", "Due"),
                lambda a: a.due_date.isoformat() if a.due_date else EMPTY,
                sort=lambda a: a.due_date,
                colour=lambda a: (
                    "#c62828"
                    if a.status.is_open and a.due_date and a.due_date < date.today()
                    else None
                ),
            ),
            Column("status", lambda: translate("PlanParts", "Status"), lambda a: label(a.status)),
            Column("objective", lambda: translate("PlanParts", "For objective"), objective_of),
        ]
    return [
        Column(
            "reviewed_on",
            lambda: translate("PlanParts", "Date"),
            lambda r: r.reviewed_on.isoformat(),
            sort=lambda r: r.reviewed_on,
        ),
        Column(
            "note",
            lambda: translate("PlanParts", "Note"),
            lambda r: first_line(r.note),
            tooltip=lambda r: r.note,
        ),
    ]


#: Column widths (in digits) of each list of plan parts.
PART_WIDTHS: dict[str, dict[str, int]] = {
    "objectives": {"kind": 10, "description": 34, "baseline": 10},
    "support_measures": {"kind": 12, "terms": 34, "rate": 6},
    "actions": {"what": 34, "owner": 10, "due": 10, "status": 8},
    "reviews": {"reviewed_on": 10},
}


class PartsField(FieldEditor):
    """A list of plan parts with Add, Edit and Remove; its value is the list itself."""

    dialog_opened = Signal(object)

    def __init__(
        self,
        kind: str,
        parent: QWidget | None = None,
        *,
        objectives: Callable[[], Sequence[Objective]] = lambda: (),
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.objectives = objectives
        self.parts: list[Record] = []
        self.panel = ListPanel(_columns(kind, objectives), self, name=kind)
        self.panel.table.setMinimumHeight(self.fontMetrics().height() * 5)
        self.add_button = self.panel.button(f"add_{kind}", self.add)
        self.edit_button = self.panel.button(f"edit_{kind}", self.edit_selected, needs_row=True)
        self.remove_button = self.panel.button(
            f"remove_{kind}", self.remove_selected, needs_row=True
        )
        self.panel.activated.connect(self.edit)
        self.panel.delete_pressed.connect(self.remove)
        self.dialog: PartDialog | None = None
        self.panel.fit_columns(PART_WIDTHS[kind])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.remove_button.setText(self.tr("Remove"))
        self.panel.model.retranslate()

    def value(self) -> list[Record]:
        return list(self.parts)

    def set_value(self, value: Any) -> None:
        self.parts = [p for p in (value or []) if not p.is_deleted]
        self.panel.set_rows(self.parts)

    def _form(self, part: Record | None) -> tuple[RecordForm, str]:
        if self.kind == "objectives":
            return ObjectiveForm(part), self.tr("Objective")
        if self.kind == "support_measures":
            return SupportForm(part), self.tr("Support measure")
        if self.kind == "actions":
            return ActionForm(part, objectives=self.objectives()), self.tr("Action")
        return ReviewForm(part), self.tr("Review")

    def add(self) -> PartDialog:
        return self._open(None)

    def edit_selected(self) -> None:
        part = self.panel.selected()
        if part is not None:
            self.edit(part)

    def edit(self, part: Record) -> PartDialog:
        return self._open(part)

    def _open(self, part: Record | None) -> PartDialog:
        form, title = self._form(part)
        dialog = PartDialog(form, title, self)
        dialog.saved.connect(lambda saved: self._put(part, saved.record))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _put(self, old: Record | None, new: Record) -> None:
        if old is None:
            self.parts.append(new)
        else:
            self.parts = [replace(new, id=old.id) if p.id == old.id else p for p in self.parts]
        self.panel.set_rows(self.parts, keep=lambda p: p.id)
        self.edited.emit()

    def remove_selected(self) -> None:
        part = self.panel.selected()
        if part is not None:
            self.remove(part)

    def remove(self, part: Record) -> None:
        self.parts = [p for p in self.parts if p.id != part.id]
        self.panel.set_rows(self.parts)
        self.edited.emit()
