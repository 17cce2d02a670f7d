"""Adding, editing, deleting and undoing records, each returning what it changed.

Every write here is one transaction (the query layer's ``atomic``) and answers with the
record as stored and a :class:`Changes` worked out from what was written, so that the window
repaints one row after a phone number's edit and reloads the list only when a customer came
or went, or a field the list is filtered or sorted on moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from models.entities import (
    Assessment,
    Contact,
    Customer,
    Interaction,
    Need,
    Transaction,
)
from models.plans import AccountPlan, PlanAction
from models.record import Record
from storage.changes import ALL_TABLES, SCORES, Changes
from storage.history import Change
from storage.mapping import TABLES, to_row

if TYPE_CHECKING:
    from storage.database import Database

R = TypeVar("R", bound=Record)

#: The tables one save of a record of each kind writes (beside the change log).
WRITTEN: dict[type[Record], frozenset[str]] = {
    Customer: frozenset({"customers"}),
    Contact: frozenset({"contacts"}),
    Interaction: frozenset({"interactions", "interaction_contacts"}),
    Need: frozenset({"needs"}),
    Assessment: frozenset({"assessments"}),
    Transaction: frozenset({"transactions"}),
    AccountPlan: frozenset({"plans", "plan_objectives", "plan_support_measures",
                            "plan_actions", "plan_reviews", "plan_needs"}),
    PlanAction: frozenset({"plan_actions"}),
}

#: How each kind is listed for one customer (newest or most important first).
ORDER: dict[type[Record], str] = {
    Contact: "is_primary DESC, coalesce(influence, 0) DESC, name",
    Interaction: "occurred_at DESC, created_at DESC",
    Need: ("status NOT IN ('open', 'in_progress'), "
           "CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, "
           "CASE kind WHEN 'complaint' THEN 0 ELSE 1 END, raised_on DESC, created_at DESC"),
    Assessment: "assessed_on DESC, created_at DESC",
    Transaction: "date DESC, created_at DESC",
}


@dataclass(frozen=True)
class Saved(Generic[R]):
    """A record as stored and what its save changed."""

    record: R
    changes: Changes


@dataclass(frozen=True)
class Done:
    """A delete, restore or undo: its change id (which ``undo`` accepts) and what changed."""

    change_id: str
    changes: Changes


def changes_of(cls: type[Record], customer_id: str | None, *, added_or_removed: bool = False,
               fields: frozenset[str] | None = None) -> Changes:
    """What one write of a record of kind ``cls`` about ``customer_id`` changed."""
    tables = WRITTEN.get(cls, frozenset({TABLES[cls]})) | {"change_log"}
    ids = frozenset({customer_id}) if customer_id else None
    customer_rows = cls is Customer and added_or_removed
    return Changes(tables, ids, customer_rows, fields if cls is Customer else None)


def customer_of(record: Record) -> str | None:
    if isinstance(record, Customer):
        return record.id
    value = getattr(record, "customer_id", None)
    return str(value) if value else None


def fields_changed(before: Record, after: Record) -> frozenset[str]:
    """The columns whose values differ between two versions of one record."""
    old, new = to_row(before), to_row(after)
    return frozenset(k for k in new if k not in ("updated_at", "created_at")
                     and old.get(k) != new[k])


class Records:
    """Any kind of record, for the code that handles them alike (forms, the undo bar)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, cls: type[R], record_id: str, *, include_deleted: bool = False) -> R:
        return self._db.get(cls, record_id, include_deleted=include_deleted)

    def add(self, record: R) -> Saved[R]:
        """Validate and insert a new record (ValidationErrors says what is wrong)."""
        stored = self._db.add(record)
        return Saved(stored, changes_of(type(stored), customer_of(stored),
                                        added_or_removed=True))

    def update(self, record: R, *, force: bool = False) -> Saved[R]:
        """Save an edit; ConflictError when the stored record changed since it was loaded
        (``force`` saves anyway, after the user merged)."""
        before = self._db.get(type(record), record.id, include_deleted=True) \
            if isinstance(record, Customer) else None
        stored = self._db.update(record, force=force)
        fields = fields_changed(before, stored) if before is not None else None
        return Saved(stored, changes_of(type(stored), customer_of(stored), fields=fields))

    def delete(self, cls: type[Record], record_id: str) -> Done:
        """Mark a record deleted; the row stays so the delete can be undone."""
        with self._db.atomic():
            change_id = self._db.soft_delete(cls, record_id)
            customer_id = customer_of(self._db.get(cls, record_id, include_deleted=True))
        return Done(change_id, changes_of(cls, customer_id, added_or_removed=True))

    def restore(self, cls: type[Record], record_id: str) -> Done:
        with self._db.atomic():
            change_id = self._db.restore(cls, record_id)
            customer_id = customer_of(self._db.get(cls, record_id))
        return Done(change_id, changes_of(cls, customer_id, added_or_removed=True))

    def undo(self, change_id: str) -> Done:
        """Reverse one logged change, or the whole import it belongs to."""
        from storage.importer.batches import batches_of_changes

        with self._db.atomic():
            logged = [] if batches_of_changes(self._db, [change_id]) else \
                self._db.change(change_id)
            undo_id = self._db.undo(change_id)
        return Done(undo_id, undo_changes(logged))


def undo_changes(logged: list[Change]) -> Changes:
    """What undoing the change logged as ``logged`` (its fields) may have changed."""
    first = logged[0] if logged else None
    if first is None or first.action == "import" or first.table_name == "import_batches":
        return Changes(ALL_TABLES - SCORES, None, True)
    cls = next((c for c, t in TABLES.items() if t == first.table_name), None)
    if cls is None:
        return Changes(ALL_TABLES - SCORES, None, True)
    moved = first.action in ("create", "delete", "restore")
    fields = None if moved else frozenset(c.field for c in logged if c.field)
    return changes_of(cls, first.customer_id, added_or_removed=moved, fields=fields)


class RecordKind(Generic[R]):
    """One kind of record about customers (contacts, interactions, needs, ...)."""

    def __init__(self, db: Database, records: Records, cls: type[R]) -> None:
        self._db = db
        self._records = records
        self.cls = cls

    def get(self, record_id: str, *, include_deleted: bool = False) -> R:
        return self._records.get(self.cls, record_id, include_deleted=include_deleted)

    def of_customer(self, customer_id: str, *, include_deleted: bool = False,
                    limit: int | None = None) -> list[R]:
        """The customer's records of this kind, in their usual order."""
        return self._db.find(self.cls, "customer_id = ?", [customer_id],
                             order_by=ORDER.get(self.cls, "created_at"),
                             include_deleted=include_deleted, limit=limit)

    def where(self, condition: str, params: Sequence[Any] = (), *,
              order_by: str | None = None) -> list[R]:
        """Records matching an SQL condition on this kind's own columns (for the command
        line's and the exports' own selections)."""
        return self._db.find(self.cls, condition, params,
                             order_by=order_by or ORDER.get(self.cls, "created_at"))

    def add(self, record: R) -> Saved[R]:
        return self._records.add(record)

    def update(self, record: R, *, force: bool = False) -> Saved[R]:
        return self._records.update(record, force=force)

    def delete(self, record_id: str) -> Done:
        return self._records.delete(self.cls, record_id)
