"""The Interactions tab: the timeline of visits, calls and meetings, newest first, with each
next step, its due date and a tick box to mark it done."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.entities import Interaction
from models.enums import Sentiment
from storage.book import Done
from storage.errors import StorageError
from ui.gui.forms import prompts
from ui.gui.forms.interaction_form import InteractionFormDialog
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.values import EMPTY
from ui.gui.models.rows_model import Column, first_line
from ui.gui.text.i18n import storage_message
from ui.gui.text.labels import label
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

SENTIMENT_COLOURS = {Sentiment.POSITIVE: "#2e7d32", Sentiment.NEGATIVE: "#c62828"}
OVERDUE = "#c62828"


class InteractionsTab(WorkspaceTab):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.names: dict[str, str] = {}
        self.panel = ListPanel(self._columns(), self, name="interactions")
        self.log_button = self.panel.button("logInteraction", self.log_interaction)
        self.edit_button = self.panel.button("editInteraction", self.edit_selected, needs_row=True)
        self.delete_button = self.panel.button(
            "deleteInteraction", self.delete_selected, needs_row=True
        )
        self.panel.activated.connect(self.edit)
        self.panel.delete_pressed.connect(self.delete)
        self.empty = QLabel(self)
        self.empty.setStyleSheet("color: #777777;")
        self.dialog: InteractionFormDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.empty)
        self.retranslate()
        self.panel.fit_columns(
            {
                "when": 15,
                "kind": 8,
                "contacts": 14,
                "summary": 30,
                "sentiment": 8,
                "next_step": 18,
                "due": 10,
                "done": 4,
            }
        )

    def _columns(self) -> list[Column]:

        today = date.today()
        return [
            Column(
                "when",
                lambda: translate("InteractionsTab", "Date and time"),
                lambda r: r.occurred_at.strftime("%Y-%m-%d %H:%M"),
                sort=lambda r: r.occurred_at,
            ),
            Column("kind", lambda: translate("InteractionsTab", "Kind"), lambda r: label(r.kind)),
            Column(
                "contacts",
                lambda: translate("InteractionsTab", "Contacts present"),
                lambda r: ", ".join(self.names.get(c, "?") for c in r.contact_ids) or EMPTY,
                tooltip=lambda r: ", ".join(self.names.get(c, "?") for c in r.contact_ids),
            ),
            Column(
                "summary",
                lambda: translate("InteractionsTab", "Summary"),
                lambda r: first_line(r.summary),
                tooltip=lambda r: r.summary,
            ),
            Column(
                "sentiment",
                lambda: translate("InteractionsTab", "Sentiment"),
                lambda r: label(r.sentiment),
                sort=lambda r: list(Sentiment).index(r.sentiment),
                colour=lambda r: SENTIMENT_COLOURS.get(r.sentiment),
            ),
            Column(
                "next_step",
                lambda: translate("InteractionsTab", "Next step"),
                lambda r: first_line(r.next_step) or EMPTY,
                tooltip=lambda r: r.next_step or None,
            ),
            Column(
                "due",
                lambda: translate("InteractionsTab", "Due"),
                lambda r: r.next_step_due.isoformat() if r.next_step_due else EMPTY,
                sort=lambda r: r.next_step_due,
                colour=lambda r: (
                    OVERDUE
                    if r.next_step_due and not r.next_step_done and r.next_step_due < today
                    else None
                ),
            ),
            Column(
                "done",
                lambda: translate("InteractionsTab", "Done"),
                lambda r: "",
                sort=lambda r: r.next_step_done if r.next_step else None,
                checked=lambda r: r.next_step_done,
                on_check=self._set_done,
            ),
            Column(
                "feedback",
                lambda: translate("InteractionsTab", "Customer feedback"),
                lambda r: first_line(r.feedback),
                tooltip=lambda r: r.feedback or None,
            ),
        ]

    def retranslate(self) -> None:
        self.log_button.setText(self.tr("Log interaction…"))
        self.log_button.setToolTip(self.tr("Log an interaction (Ctrl+I)"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.empty.setText(
            self.tr("No interactions yet. Log visits, calls and meetings with Ctrl+I.")
        )
        self.panel.model.retranslate()

    def reload(self) -> None:
        interactions = self.book.interactions.of_customer(self.customer_id)  # newest first
        self.names = self.book.customers.contact_names(self.customer_id)
        self.panel.set_rows(interactions, keep=lambda r: r.id)
        self.empty.setVisible(not interactions)

    def log_interaction(self) -> InteractionFormDialog:
        dialog = InteractionFormDialog.for_customer(self.book, self.customer_id, self)
        self._watch(dialog)
        return dialog

    def edit_selected(self) -> None:
        row = self.panel.selected()
        if row is not None:
            self.edit(row)

    def edit(self, interaction: Interaction) -> None:
        dialog = InteractionFormDialog(self.book, self.customer_id, interaction, self)
        self._watch(dialog)
        dialog.open()

    def _watch(self, dialog: InteractionFormDialog) -> None:
        self.dialog = self.watch_form(dialog, self._deleted)

    def _set_done(self, interaction: Interaction, done: bool) -> None:
        # One tick box is one field: apply it to the stored version, never to a stale copy.
        interactions = self.book.interactions
        try:
            current = interactions.get(interaction.id)
            saved = interactions.update(replace(current, next_step_done=done))
        except StorageError as error:
            prompts.show_error(self, storage_message(error))
            self.mark_stale()  # nothing was written: the box shows the stored state again
            return
        self.changed.emit(saved.changes)

    def delete_selected(self) -> None:
        row = self.panel.selected()
        if row is not None:
            self.delete(row)

    def delete(self, interaction: Interaction) -> None:
        self._deleted(self.book.interactions.delete(interaction.id), interaction)

    def _deleted(self, done: Done, interaction: Interaction) -> None:
        self.deleted.emit(
            done,
            self.tr("Interaction of {date} deleted.").format(
                date=interaction.occurred_at.strftime("%Y-%m-%d")
            ),
        )
