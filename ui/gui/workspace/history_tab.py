"""The History tab: every change to the customer and its records (when, who, which record and
field, old → new), and Undo for the selected change (for an import's change: the import).
Above it, the values team sync set aside for this customer, each taken back with one click."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from models.plans import SupportMeasure
from models.record import Record
from storage.book import ImportTakenBack
from storage.book.types import RECORD_TABLES, Change
from storage.errors import StorageError
from ui.gui.background.tasks import BookTask
from ui.gui.forms import prompts
from ui.gui.forms.field_labels import field_label, kind_label
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.period_field import period_label
from ui.gui.forms.values import EMPTY, display_value
from ui.gui.models.rows_model import Column
from ui.gui.text.i18n import storage_message
from ui.gui.workspace.history_conflicts import ConflictsBox
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab

if TYPE_CHECKING:  # the importer loads only when an import is undone
    from storage.book.import_types import ImportBatch, ImportUndone

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

CLASSES: dict[str, type[Record]] = {table: cls for cls, table in RECORD_TABLES.items()}
MAX_KEPT_SHOWN = 20
#: Fields that hold another record's id -> that record's table: the History shows its name
#: (a competitor's, a contact's), a plan's period or the start of a need or objective.
REFERENCES = {"contact_id": "contacts", "contact_ids": "contacts", "reports_to": "contacts",
              "need_id": "needs", "need_ids": "needs", "objective_id": "plan_objectives",
              "plan_id": "plans", "competitor_id": "competitors"}
ACTION_COLOURS = {"delete": "#c62828", "create": "#2e7d32", "restore": "#1565c0",
                  "import": "#6a1b9a"}


@dataclass(frozen=True)
class HistoryRow:
    change: Change
    caption: str

    @property
    def cls(self) -> type[Record] | None:
        return CLASSES.get(self.change.table_name)


def local_time(stamp: str) -> str:
    """A UTC ISO stamp in the computer's time zone, to the second."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp


def record_text(row: HistoryRow) -> str:
    """The kind of record and its caption, e.g. "Contact: Wang Fang"; for an import, the file
    ("Transactions from sales-2026.csv")."""
    if row.change.action == "import" or row.change.table_name == "import_batches":
        if row.change.table_name in ("transactions", "import_batches") or row.cls is None:
            return translate("HistoryTab", "Transactions from {file}").format(
                file=row.change.record_id)
        # Interactions, needs, plans ... a file added (a whole-book import): counted alike.
        return translate("HistoryTab", "{kind} records from {file}").format(
            kind=kind_label(row.cls), file=row.change.record_id)
    kind = kind_label(row.cls) if row.cls else row.change.table_name
    if not row.caption:
        return kind
    return translate("HistoryTab", "{kind}: {caption}").format(kind=kind, caption=row.caption)


def caption_text(table: str, caption: str) -> str:
    """A stored caption in the user's language: a plan's period (H2 2026, 2026年下半年), a
    support measure's kind."""
    if table == "plans":
        return period_label(caption)
    if table == "plan_support_measures":
        return display_value(SupportMeasure, "kind", caption)
    return caption


def action_label(action: str) -> str:
    return {
        "create": translate("HistoryTab", "Created"),
        "update": translate("HistoryTab", "Changed"),
        "delete": translate("HistoryTab", "Deleted"),
        "restore": translate("HistoryTab", "Restored"),
        "import": translate("HistoryTab", "Imported"),
    }.get(action, action)


class HistoryTab(WorkspaceTab):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.names: dict[str, str] = {}
        self.batches: dict[str, ImportBatch] = {}  # change id -> its import (or its undo's)
        self.undo_task: BookTask | None = None
        self.panel = ListPanel(self._columns(), self, name="history")
        self.undo_button = self.panel.button("undoChange", self.undo_selected, needs_row=True)
        # After the panel's own handler, which enables the button for any selected row:
        self.panel.selection_changed.connect(self._update_undo)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #666666;")
        self.empty = QLabel(self)
        self.empty.setStyleSheet("color: #777777;")
        self.notice = QLabel(self)  # what the last import undo did, and what it kept
        self.notice.setObjectName("historyNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.conflicts_box = ConflictsBox(context, self)
        self.conflicts_box.changed.connect(self.changed)
        self.conflicts = self.conflicts_box.panel
        self.show_resolved = self.conflicts_box.show_resolved
        intro_row = QHBoxLayout()
        intro_row.addWidget(self.intro, 1)
        intro_row.addWidget(self.show_resolved)
        layout = QVBoxLayout(self)
        layout.addLayout(intro_row)
        layout.addWidget(self.conflicts_box)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.empty)
        self.retranslate()
        self.panel.fit_columns(
            {"at": 17, "who": 18, "action": 7, "record": 26, "field": 16, "old": 20}
        )

    def _columns(self) -> list[Column]:

        def value(row: HistoryRow, old: bool) -> str:
            change = row.change
            raw = change.old_value if old else change.new_value
            if change.action == "import":
                added = translate("HistoryTab", "Lines added: {count}") \
                    if change.table_name == "transactions" else translate(
                        "HistoryTab", "Records added: {count}")
                return EMPTY if old else added.format(count=raw)
            if change.table_name == "import_batches":  # the undo of a transactions import
                return EMPTY if old else translate(
                    "HistoryTab", "Lines removed: {count}").format(count=raw)
            if row.cls is None or change.field is None:
                return EMPTY if raw is None else str(raw)
            if change.table_name == "plans" and change.field == "period" and raw:
                return period_label(str(raw))
            return display_value(row.cls, change.field, raw, self.names)

        return [
            Column(
                "at",
                lambda: translate("HistoryTab", "When"),
                lambda r: local_time(r.change.at),
                sort=lambda r: r.change.seq,
            ),
            Column(
                "who",
                lambda: translate("HistoryTab", "Who"),
                lambda r: f"{r.change.user} @ {r.change.device}",
            ),
            Column(
                "action",
                lambda: translate("HistoryTab", "Action"),
                lambda r: action_label(r.change.action),
                colour=lambda r: ACTION_COLOURS.get(r.change.action),
            ),
            Column(
                "record",
                lambda: translate("HistoryTab", "Record"),
                record_text,
                tooltip=lambda r: r.caption or None,
            ),
            Column(
                "field",
                lambda: translate("HistoryTab", "Field"),
                lambda r: field_label(r.cls, r.change.field) if r.cls and r.change.field else EMPTY,
            ),
            Column(
                "old",
                lambda: translate("HistoryTab", "Before"),
                lambda r: value(r, True),
                tooltip=lambda r: value(r, True),
            ),
            Column(
                "new",
                lambda: translate("HistoryTab", "After"),
                lambda r: value(r, False),
                tooltip=lambda r: value(r, False),
            ),
        ]

    def _update_undo(self) -> None:
        """A change an import made undoes the whole import (its batch); an undone import and
        an import's undo are not redone; imports from before batches existed (m012) are
        taken back only by restoring the backup made before them."""
        row = self.panel.selected()
        batch = self.batches.get(row.change.change_id) if row is not None else None
        legacy = row is not None and batch is None and row.change.action == "import"
        undone = batch is not None and batch.undone
        self.undo_button.setEnabled(row is not None and not legacy and not undone)
        if legacy:
            tip = self.tr(
                "An import is not undone one customer at a time: restore the backup made "
                "just before it (File → Backups), which also takes back every later change"
            )
        elif undone:
            tip = self.tr("This import was undone; import the file again to bring its rows "
                          "back")
        elif batch is not None:
            tip = self.tr("Undo the whole import of {file}: its new rows are removed and the "
                          "records it changed get their earlier values back; records changed "
                          "since are kept").format(file=batch.source)
        else:
            tip = self.tr(
                "Reverse the selected change (all its fields); the reversal is recorded too"
            )
        self.undo_button.setToolTip(tip)

    def retranslate(self) -> None:
        self.conflicts_box.retranslate()
        self.undo_button.setText(self.tr("Undo this change"))
        self._update_undo()
        self.empty.setText(
            self.tr(
                "No changes recorded yet. Records generated in bulk (the demo book) "
                "have no history until they are edited."
            )
        )
        self.intro.setText(
            self.tr(
                "Every change to this customer and its records, newest "
                "first, from this and other windows or computers."
            )
        )
        self.panel.model.retranslate()

    def reload(self) -> None:
        book = self.book
        self.conflicts_box.reload()
        changes = book.history.of_customer(self.customer_id)
        by_table: dict[str, list[str]] = {}
        for change in changes:
            by_table.setdefault(change.table_name, []).append(change.record_id)
        captions: dict[tuple[str, str], str] = {}
        for table, ids in by_table.items():
            for record_id, caption in book.customers.captions(table, list(set(ids))).items():
                captions[(table, record_id)] = caption_text(table, caption)
        self.names = book.customers.contact_names(self.customer_id)
        self.names.update(self._referenced_names(changes))
        self.batches = book.imports.of_changes([c.change_id for c in changes])
        # A new record's link to this very customer says nothing on the customer's own page.
        changes = [
            c for c in changes if not (c.field == "customer_id" and c.new_value == self.customer_id)
        ]
        self.panel.set_rows(
            [HistoryRow(c, captions.get((c.table_name, c.record_id), "")) for c in changes],
            keep=lambda r: r.change.seq,
        )
        self._update_undo()  # set_rows enabled it for whatever row stayed selected
        self.empty.setVisible(not changes)

    def _referenced_names(self, changes: list[Change]) -> dict[str, str]:
        """Record id -> caption for the records the changes' values point at (the plan of a
        SWOT line or an action, a SWOT line's competitor, a contact's boss ...), so no id
        is shown."""
        wanted: dict[str, set[str]] = {}
        for change in changes:
            table = REFERENCES.get(change.field or "")
            if table is None or change.action == "import":
                continue
            for raw in (change.old_value, change.new_value):
                values = raw if isinstance(raw, list) else [raw]
                wanted.setdefault(table, set()).update(
                    str(v) for v in values if isinstance(v, str) and v)
        names: dict[str, str] = {}
        for table, ids in wanted.items():
            for record_id, caption in self.book.customers.captions(table, sorted(ids)).items():
                if caption:
                    names[record_id] = caption_text(table, caption)
        return names

    def undo_selected(self) -> str | None:
        row = self.panel.selected()
        if row is None:
            return None
        change = row.change
        batch = self.batches.get(change.change_id)
        if batch is not None and not batch.undone:
            return self.undo_import(batch)
        if not self.book.history.is_current(change.change_id) and not prompts.confirm(
            self,
            self.tr("Undo an older change"),
            self.tr(
                "This record was changed again afterwards. Undoing puts back the "
                "values from before this change, overwriting the later ones for these "
                "fields."
            ),
            self.tr("Undo anyway"),
        ):
            return None
        try:
            done = self.book.history.undo(change.change_id)
        except StorageError as error:
            prompts.show_error(self, storage_message(error))
            return None
        self.changed.emit(done.changes)
        return done.change_id

    def undo_import(self, batch: ImportBatch) -> str | None:
        """Undo a whole import after asking, on the worker (a million lines take about 20 s),
        the rescore in the same transaction; then say what was kept and why. Returns the
        undo's change id when done at once (a book in memory), else None; ``undo_task`` is the
        running undo."""
        locale = QLocale()
        if not prompts.confirm(
            self,
            self.tr("Undo the import"),
            self.tr(
                "Undo the import of {file} ({when})? The {added} rows it added are removed "
                "and the {updated} records it changed get their earlier values back. Records "
                "changed since the import, and new customers or contacts that later records "
                "use, are kept as they are."
            ).format(file=batch.source, when=local_time(batch.at),
                     added=locale.toString(batch.rows_added),
                     updated=locale.toString(batch.rows_updated)),
            self.tr("Undo the import"),
        ):
            return None
        if not self.context.in_memory:
            task = BookTask(self.book.path, lambda book, _p: book.imports.undo(batch.id), self)
            task.success(self._import_undone).failure(self._undo_failed)
            self.undo_task = task
            self.undo_button.setEnabled(False)
            self.notice.setText(self.tr("Undoing the import of {file}…").format(
                file=batch.source))
            self.notice.show()
            task.run_in_background()
            return None
        try:
            taken = self.book.imports.undo(batch.id)
        except StorageError as error:
            prompts.show_error(self, storage_message(error))
            return None
        self._import_undone(taken)
        return taken.undone.undo_id

    def _import_undone(self, taken: ImportTakenBack) -> None:
        self.undo_task = None
        self.notice.setText(self.undo_text(taken.undone))
        self.notice.show()
        self.changed.emit(taken.changes)

    def _undo_failed(self, error: BaseException) -> None:
        self.undo_task = None
        self.notice.hide()
        self._update_undo()
        if not isinstance(error, StorageError):
            raise error
        prompts.show_error(self, storage_message(error))

    def undo_text(self, done: ImportUndone) -> str:
        locale = QLocale()
        text = self.tr("Import of {file} undone: {removed} rows removed, {reverted} records "
                       "put back.").format(file=done.batch.source,
                                           removed=locale.toString(done.removed),
                                           reverted=locale.toString(done.reverted))
        if done.kept:
            names: list[str] = []
            for kept in done.kept[:MAX_KEPT_SHOWN]:
                caption = self.book.customers.captions(kept.table, [kept.record_id])
                names.append(caption.get(kept.record_id) or kept.record_id)
            more = "…" if len(done.kept) > MAX_KEPT_SHOWN else ""
            text += " " + self.tr(
                "Kept as they are, changed since the import or used by later records "
                "({count}): {names}").format(count=locale.toString(len(done.kept)),
                                            names=", ".join(names) + more)
        return text
