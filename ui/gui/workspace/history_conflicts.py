"""The History tab's conflicts: the values team sync set aside for this customer, above its
changes, each taken back with one click (resolved ones on request)."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Signal
from PySide6.QtWidgets import QApplication, QCheckBox, QGroupBox, QVBoxLayout, QWidget

from storage.errors import StorageError
from ui.gui.forms import prompts
from ui.gui.forms.conflict_texts import conflict_rows
from ui.gui.forms.list_panel import ListPanel
from ui.gui.models.conflicts_model import ConflictRow, conflict_columns
from ui.gui.text.i18n import storage_message
from ui.gui.workspace.tab_base import WorkspaceContext

translate = QCoreApplication.translate  # lupdate reads translate("HistoryTab", ...)


class ConflictsBox(QGroupBox):
    """Shown when the customer has conflicts to show; ``changed(Changes)`` after a take.
    ``show_resolved`` is its tick box, which the tab lays out beside its intro."""

    changed = Signal(object)

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rows: list[ConflictRow] = []
        self._last_take = 0.0
        self.setObjectName("historyConflicts")
        self.setStyleSheet("QGroupBox#historyConflicts { color: #5c4400; }")
        self.panel = ListPanel(conflict_columns(customer=False, action=True), self,
                               name="conflicts")
        self.take_button = self.panel.button("takeOther", self.take_selected, needs_row=True)
        self.panel.table.clicked.connect(self._conflict_clicked)
        self.panel.selection_changed.connect(self._update_take)
        QVBoxLayout(self).addWidget(self.panel)
        # Laid out by the tab beside its intro (it stays when this box is hidden).
        self.show_resolved = QCheckBox(parent)
        self.show_resolved.setObjectName("showResolvedConflicts")
        self.show_resolved.toggled.connect(lambda _on: self._show_conflicts())
        self.panel.fit_columns({"record": 14, "field": 10, "ours": 16, "theirs": 16,
                                "at": 16, "member": 14})
        self.hide()
        self.show_resolved.hide()

    def reload(self) -> None:
        """The customer's conflicts, open and resolved, read again."""
        book = self.context.book
        found = book.sync.conflicts(self.context.customer_id, resolved=True)
        people = {member.device: member.person for member in book.team.members().members} \
            if found and book.sync.in_team else {}
        self.rows = conflict_rows(book, found, people)
        self._show_conflicts()

    def retranslate(self) -> None:
        self.take_button.setText(translate("HistoryTab", "Use the other value"))
        self.take_button.setToolTip(translate(
            "HistoryTab", "Make the value set aside the current one; it is sent to the team "
            "at the next sync"))
        self.show_resolved.setText(translate("HistoryTab", "Show resolved conflicts"))
        self.panel.model.retranslate()
        if self.rows:
            self._show_conflicts()

    def _show_conflicts(self) -> None:
        every = self.rows
        shown = every if self.show_resolved.isChecked() else [r for r in every
                                                              if not r.resolved]
        self.panel.set_rows(shown, keep=lambda r: r.conflict.id)
        open_count = sum(1 for r in every if not r.resolved)
        self.setTitle(translate(
            "HistoryTab", "Team sync set these values aside ({count} open): the value in "
            "bold stands now").format(count=QLocale().toString(open_count)))
        self.setVisible(bool(shown))
        self.show_resolved.setVisible(len(every) > open_count)
        # As tall as its rows (up to six), the history keeps the rest.
        table = self.panel.table
        rows = min(max(len(shown), 1), 6)
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + rows * table.verticalHeader().defaultSectionSize() + 4)
        self._update_take()

    def _update_take(self) -> None:
        row = self.panel.selected()
        self.take_button.setEnabled(row is not None and not row.resolved)

    def _conflict_clicked(self, index: QModelIndex) -> None:
        if index.column() != self.panel.model.column_of("take"):
            return
        # The second click of a double-click would land on the conflict that moved up.
        now = time.monotonic()
        if now - self._last_take < QApplication.doubleClickInterval() / 1000:
            return
        self._last_take = now
        self.take_other(self.panel.model.row(index.row()))

    def take_selected(self) -> str | None:
        row = self.panel.selected()
        return self.take_other(row) if row is not None else None

    def take_other(self, row: ConflictRow) -> str | None:
        """The value set aside becomes the current one (a new edit, sent at the next sync)."""
        if row.resolved:
            return None
        try:
            done = self.context.book.sync.take_theirs(row.conflict.id) if row.ours_kept \
                else self.context.book.sync.take_ours(row.conflict.id)
        except StorageError as error:
            prompts.show_error(self, storage_message(error))
            return None
        self.changed.emit(done.changes)
        return done.change_id

