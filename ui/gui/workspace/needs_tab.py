"""The Needs tab: requirements, complaints and suggestions, open ones first; each can be marked
met or declined with a resolution."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.entities import Need
from models.enums import NeedKind, NeedStatus, Priority
from storage.book import Done
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.need_form import NeedFormDialog
from ui.gui.forms.values import EMPTY
from ui.gui.models.rows_model import Column, first_line
from ui.gui.text.labels import label
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

PRIORITY_COLOURS = {Priority.HIGH: "#c62828"}
CLOSED_INK = "#8a8a8a"


#: An open need past its answer-by date.
LATE = "#c62828"


def _late(need: Need) -> bool:
    return need.status.is_open and need.due_on is not None and need.due_on < date.today()


def _columns() -> list[Column]:

    def ink(need: Need) -> str | None:
        return None if need.status.is_open else CLOSED_INK

    return [
        Column(
            "status",
            lambda: translate("NeedsTab", "Status"),
            lambda n: label(n.status),
            sort=lambda n: list(NeedStatus).index(n.status),
            colour=ink,
            bold=lambda n: n.status.is_open,
        ),
        Column(
            "kind",
            lambda: translate("NeedsTab", "Kind"),
            lambda n: label(n.kind),
            sort=lambda n: list(NeedKind).index(n.kind),
            colour=lambda n: (
                "#b71c1c" if n.kind is NeedKind.COMPLAINT and n.status.is_open else ink(n)
            ),
        ),
        Column(
            "priority",
            lambda: translate("NeedsTab", "Priority"),
            lambda n: label(n.priority),
            sort=lambda n: list(Priority).index(n.priority),
            colour=lambda n: PRIORITY_COLOURS.get(n.priority) if n.status.is_open else CLOSED_INK,
        ),
        Column(
            "description",
            lambda: translate("NeedsTab", "Description"),
            lambda n: first_line(n.description),
            tooltip=lambda n: n.description,
            colour=ink,
        ),
        Column(
            "raised_on",
            lambda: translate("NeedsTab", "Raised"),
            lambda n: n.raised_on.isoformat() if n.raised_on else EMPTY,
            sort=lambda n: n.raised_on,
            colour=ink,
        ),
        Column(
            "due_on",
            lambda: translate("NeedsTab", "Answer by"),
            lambda n: n.due_on.isoformat() if n.due_on else EMPTY,
            sort=lambda n: n.due_on,
            colour=lambda n: LATE if _late(n) else ink(n),
            bold=_late,
            tooltip=lambda n: translate("NeedsTab", "Late: past its answer-by date")
            if _late(n) else None,
        ),
        Column(
            "resolved_on",
            lambda: translate("NeedsTab", "Resolved"),
            lambda n: n.resolved_on.isoformat() if n.resolved_on else EMPTY,
            sort=lambda n: n.resolved_on,
            colour=ink,
        ),
        Column(
            "resolution",
            lambda: translate("NeedsTab", "Resolution"),
            lambda n: first_line(n.resolution),
            tooltip=lambda n: n.resolution or None,
            colour=ink,
        ),
    ]


class NeedsTab(WorkspaceTab):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.panel = ListPanel(_columns(), self, name="needs")
        self.add_button = self.panel.button("addNeed", self.add_need)
        self.edit_button = self.panel.button("editNeed", self.edit_selected, needs_row=True)
        self.met_button = self.panel.button(
            "markMet", lambda: self.resolve_selected(NeedStatus.MET), needs_row=True
        )
        self.decline_button = self.panel.button(
            "decline", lambda: self.resolve_selected(NeedStatus.DECLINED), needs_row=True
        )
        self.delete_button = self.panel.button("deleteNeed", self.delete_selected, needs_row=True)
        self.panel.activated.connect(self.edit)
        self.panel.delete_pressed.connect(self.delete)
        self.panel.selection_changed.connect(self._update_buttons)
        self.summary = QLabel(self)
        self.summary.setObjectName("needsSummary")
        self.dialog: NeedFormDialog | None = None
        self.needs: list[Need] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.panel, 1)
        self.retranslate()
        self.panel.fit_columns(
            {
                "status": 9,
                "kind": 9,
                "priority": 6,
                "description": 40,
                "raised_on": 10,
                "due_on": 10,
                "resolved_on": 10,
            }
        )

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add need…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.met_button.setText(self.tr("Mark met…"))
        self.decline_button.setText(self.tr("Decline…"))
        self.delete_button.setText(self.tr("Delete"))
        self.panel.model.retranslate()
        self._show_summary()

    def _show_summary(self) -> None:
        open_needs = [n for n in self.needs if n.status.is_open]
        complaints = sum(1 for n in open_needs if n.kind is NeedKind.COMPLAINT)
        if not self.needs:
            text = self.tr(
                "No needs recorded. Log what the customer asks for, complains about or suggests."
            )
        else:
            text = self.tr(
                "{open} open (of which {complaints} complaints), {closed} closed"
            ).format(
                open=len(open_needs),
                complaints=complaints,
                closed=len(self.needs) - len(open_needs),
            )
        self.summary.setText(text)

    def reload(self) -> None:
        # Open ones first, then by priority, complaints first, newest first.
        self.needs = self.book.needs.of_customer(self.customer_id)
        self.panel.set_rows(self.needs, keep=lambda n: n.id)
        self._show_summary()
        self._update_buttons()

    def _update_buttons(self) -> None:
        need = self.panel.selected()
        is_open = need is not None and need.status.is_open
        self.met_button.setEnabled(is_open)
        self.decline_button.setEnabled(is_open)

    def add_need(self) -> None:
        self._watch(NeedFormDialog(self.book, self.customer_id, None, parent=self)).open()

    def edit_selected(self) -> None:
        need = self.panel.selected()
        if need is not None:
            self.edit(need)

    def edit(self, need: Need) -> None:
        self._watch(NeedFormDialog(self.book, self.customer_id, need, parent=self)).open()

    def resolve_selected(self, status: NeedStatus) -> None:
        need = self.panel.selected()
        if need is not None and need.status.is_open:
            self._watch(NeedFormDialog.resolve(self.book, need, status, self))

    def _watch(self, dialog: NeedFormDialog) -> NeedFormDialog:
        self.dialog = self.watch_form(dialog, self._deleted)
        return dialog

    def delete_selected(self) -> None:
        need = self.panel.selected()
        if need is not None:
            self.delete(need)

    def delete(self, need: Need) -> None:
        self._deleted(self.book.needs.delete(need.id), need)

    def _deleted(self, done: Done, need: Need) -> None:
        self.deleted.emit(
            done,
            self.tr("{kind} deleted: {text}").format(
                kind=label(need.kind), text=first_line(need.description, 40)
            ),
        )
