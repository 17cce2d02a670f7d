"""Customers: the records themselves and the questions the lists and the workspace ask."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from models.entities import Customer
from storage import workspace_queries
from storage.book.records import RecordKind, Records
from storage.customer_queries import CustomerDetail, CustomerQuery, CustomerRow
from storage.workspace_queries import WorkspaceHeader

if TYPE_CHECKING:
    from storage.database import Database


class Customers(RecordKind[Customer]):
    """Finding, listing and naming customers; their edits are a :class:`RecordKind`'s."""

    def __init__(self, db: Database, records: Records) -> None:
        super().__init__(db, records, Customer)

    def resolve(self, key: str) -> Customer:
        """The customer with this id, code or exact name (RecordNotFound, Ambiguous)."""
        return self._db.resolve_customer(key)

    def count(self) -> int:
        return self._db.customer_count()

    def owners(self) -> list[str]:
        """Every owner named on a customer, for the owner filter."""
        return self._db.owners()

    def owner_of(self, customer_id: str) -> str:
        return str(self._db.scalar("SELECT owner FROM customers WHERE id = ?",
                                   [customer_id]) or "")

    def ids(self, query: CustomerQuery | None = None) -> list[str]:
        """The ids of the customers ``query`` selects (all, by default), in its order."""
        return self._db.customer_ids(query or CustomerQuery())

    def ids_in_steps(self, query: CustomerQuery,
                     first: int) -> Generator[tuple[list[str], int], None, None]:
        """Every id of ``query`` as ``(ids, total)``; a long answer in two steps, its first
        ``first`` ids with the count of all, then every id."""
        return self._db.customer_ids_in_steps(query, first)

    def rows(self, ids: Sequence[str]) -> list[CustomerRow]:
        """The list's rows of these customers, in the order given."""
        return self._db.customer_rows(list(ids))

    def detail(self, customer_id: str) -> CustomerDetail:
        return self._db.customer_detail(customer_id)

    def header(self, customer_id: str) -> WorkspaceHeader:
        """What the workspace's header shows: name, tier, score and its last move."""
        return workspace_queries.workspace_header(self._db, customer_id)

    def captions(self, table: str, ids: Sequence[str]) -> dict[str, str]:
        """A short caption of each record (a contact's name, a need's description)."""
        return workspace_queries.record_captions(self._db, table, list(ids))

    def contact_names(self, customer_id: str) -> dict[str, str]:
        return workspace_queries.contact_names(self._db, customer_id)

    def contact_last_seen(self, customer_id: str) -> dict[str, datetime]:
        return workspace_queries.contact_last_seen(self._db, customer_id)
