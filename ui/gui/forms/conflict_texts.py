"""Team sync's conflicts in words: which record and field, both values as the forms show
them, and who set the other one (rows for :mod:`ui.gui.models.conflicts_model`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from models.record import Record
from storage.book import Book
from storage.book.conflicts import Conflict
from storage.book.types import RECORD_TABLES
from ui.gui.forms.field_labels import field_label, kind_label
from ui.gui.forms.values import EMPTY, display_value
from ui.gui.models.conflicts_model import ConflictRow, device_label

translate = QCoreApplication.translate  # lupdate reads translate("Conflicts", ...)

CLASSES: dict[str, type[Record]] = {table: cls for cls, table in RECORD_TABLES.items()}


def value_text(conflict: Conflict, raw: Any, names: dict[str, str]) -> str:
    cls = CLASSES.get(conflict.table)
    if cls is None:  # a setting: its stored text
        return EMPTY if raw is None else str(raw)
    return display_value(cls, conflict.field, raw, names)


def record_text(conflict: Conflict, caption: str) -> str:
    cls = CLASSES.get(conflict.table)
    if cls is None:
        return translate("Conflicts", "Setting")
    if not caption or conflict.table == "customers":
        return kind_label(cls)
    return translate("Conflicts", "{kind}: {caption}").format(kind=kind_label(cls),
                                                              caption=caption)


def field_text(conflict: Conflict) -> str:
    cls = CLASSES.get(conflict.table)
    if conflict.kind == "revived":
        return translate("Conflicts", "Deleted, then edited")
    if cls is None:
        return conflict.record_id  # the setting's key
    return field_label(cls, conflict.field)


def kind_tip(conflict: Conflict) -> str:
    if conflict.kind == "revived":
        return translate("Conflicts", "One side deleted this record and the other edited it "
                                      "later: the record was brought back.")
    if conflict.kind == "duplicate":
        return translate("Conflicts", "Both sides added the same record: they were made one.")
    return translate("Conflicts", "Both sides changed this field: the later change stands, "
                                  "the other was set aside.")


def conflict_rows(book: Book, conflicts: Sequence[Conflict],
                  people: dict[str, str] | None = None) -> list[ConflictRow]:
    """Rows for ``conflicts``, with their customers' names and records' captions (a few
    reads on the book, whatever the number of conflicts)."""
    by_table: dict[str, set[str]] = {}
    customers: set[str] = set()
    for conflict in conflicts:
        by_table.setdefault(conflict.table, set()).add(conflict.record_id)
        if conflict.customer_id:
            customers.add(conflict.customer_id)
    captions = {(table, record_id): caption for table, ids in by_table.items()
                if table in CLASSES for record_id, caption in
                book.customers.captions(table, sorted(ids)).items()}
    names = book.customers.captions("customers", sorted(customers))
    contacts: dict[str, dict[str, str]] = {}
    rows = []
    for conflict in conflicts:
        customer_id = conflict.customer_id or ""
        if conflict.field in ("contact_ids", "need_ids") and customer_id not in contacts:
            contacts[customer_id] = book.customers.contact_names(customer_id)
        linked = contacts.get(customer_id, {})
        rows.append(ConflictRow(
            conflict=conflict, customer=names.get(customer_id, ""),
            record=record_text(conflict, captions.get((conflict.table, conflict.record_id),
                                                      "")),
            field=field_text(conflict),
            ours=value_text(conflict, conflict.ours, linked),
            theirs=value_text(conflict, conflict.theirs, linked),
            member=device_label(conflict.device, people or {}), tip=kind_tip(conflict)))
    return rows
