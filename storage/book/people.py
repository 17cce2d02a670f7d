"""The people on our side: who "me" can be, and whom a customer's owner names."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from models.enums import PersonRole
from models.people import Person
from storage.book.records import RecordKind, Records

if TYPE_CHECKING:
    from storage.database import Database


class People(RecordKind[Person]):
    """Salespeople and managers, by name (one living person per name)."""

    def __init__(self, db: Database, records: Records) -> None:
        super().__init__(db, records, Person)

    def listed(self) -> list[Person]:
        """Everyone, by name."""
        return self._db.find(Person, order_by="name")

    def named(self, name: str) -> Person | None:
        found = self._db.find(Person, "name = ?", [name.strip()], limit=1)
        return found[0] if found else None

    def ensure(self, name: str, role: PersonRole = PersonRole.SALESPERSON) -> Person:
        """The person called ``name``, added (with ``role``) when there is none yet, or given
        ``role`` when they have another."""
        found = self.named(name)
        if found is None:
            return self.add(Person(name=name, role=role)).record
        if found.role is not role:
            return self.update(replace(found, role=role)).record
        return found
