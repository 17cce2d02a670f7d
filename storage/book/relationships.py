"""``book.relationships``: an account's relationship map (org chart, flags, contacts by level)
and the history of its relationship level, which a customer's save keeps when the level moves.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from models.entities import Customer
from models.enums import RelationshipLevel
from models.relationships import MSG_LEVEL_REASON, LevelChange
from models.validation import ValidationError, ValidationErrors
from storage import relationship_store
from storage.book.records import Records, Saved
from storage.relationship_store import RelationshipMap

if TYPE_CHECKING:
    from storage.database import Database

__all__ = ["LevelChange", "RelationshipMap", "Relationships"]

#: The form field a missing reason is reported on.
REASON_FIELD = "relationship_level_reason"


class Relationships:
    """The relationship map of one account, and its relationship level over time."""

    def __init__(self, db: Database, records: Records) -> None:
        self._db = db
        self._records = records

    def map(self, customer_id: str, *, today: date | None = None) -> RelationshipMap:
        """The account's contacts as an org chart, with each one's last meeting, the flags
        (single-threaded, no decision level, no coverage: strategic and key accounts only),
        the contacts by level with the gaps, and the level's history."""
        with self._db.read_snapshot():
            return relationship_store.relationship_map(self._db, customer_id,
                                                       today or date.today())

    def levels(self, customer_id: str) -> list[LevelChange]:
        """The recorded changes of the account's relationship level, oldest first."""
        return relationship_store.level_changes(self._db, customer_id)

    def save_customer(self, customer: Customer, *, reason: str = "", by: str = "",
                      new: bool = False, force: bool = False,
                      on: date | None = None) -> Saved[Customer]:
        """Add or update a customer (as ``records.add``/``update``) and, in the same
        transaction, record a level change when its relationship level is new or moved: a
        moved level needs a ``reason`` (ValidationErrors on ``relationship_level_reason``
        otherwise); the first level of a new customer is recorded with whatever reason is
        given."""
        reason = reason.strip()
        with self._db.atomic():
            before = None if new else self._db.get(Customer, customer.id)
            moved = new or (before is not None
                            and before.relationship_level != customer.relationship_level)
            if moved and not new and not reason:
                raise ValidationErrors([ValidationError(REASON_FIELD, MSG_LEVEL_REASON)])
            saved = (self._records.add(customer) if new
                     else self._records.update(customer, force=force))
            if not moved:
                return saved
            change = LevelChange(customer_id=saved.record.id,
                                 level=saved.record.relationship_level,
                                 changed_on=on or date.today(), reason=reason, changed_by=by)
            self._db.add(change)
        return replace(saved, changes=replace(
            saved.changes, tables=saved.changes.tables | {"relationship_levels"}))

    def set_level(self, customer_id: str, level: RelationshipLevel, *, reason: str,
                  by: str = "", on: date | None = None) -> Saved[Customer]:
        """Move an account to ``level`` for ``reason`` (one transaction: the customer and the
        history row)."""
        customer = self._db.get(Customer, customer_id)
        return self.save_customer(replace(customer, relationship_level=level), reason=reason,
                                  by=by, on=on)
