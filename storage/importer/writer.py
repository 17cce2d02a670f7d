"""Bulk writes of an import: executemany in chunks inside the import's one transaction, the
change log for customers and contacts, and the derived columns refreshed once at the end."""

from __future__ import annotations

import os
import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from models.entities import Contact, Customer
from models.record import Record, utc_now_iso
from storage.importer.columns import ImportKind
from storage.mapping import TABLES, to_row
from storage.search_keys import search_text, sort_key

CHUNK = 5_000
#: Above this many customers touched, one book-wide refresh beats one refresh per customer.
FULL_REFRESH_FROM = 500

_TRANSACTION_COLUMNS = ("id, created_at, updated_at, customer_id, date, amount, profit, "
                        "due_date, paid_date, reference, product, notes")


def new_ids(count: int) -> list[str]:
    """Random (version 4) UUIDs in bulk: one urandom call instead of one per record."""
    data = os.urandom(16 * count)
    return [str(uuid.UUID(bytes=data[i:i + 16], version=4)) for i in range(0, 16 * count, 16)]


class BulkWriter:
    def __init__(self, db: Any, kind: ImportKind) -> None:
        self.db = db
        self.kind = kind
        self.now = utc_now_iso()
        self.touched: set[str] = set()
        self.contacts_changed: set[str] = set()
        self.pending: list[tuple[Any, ...]] = []
        self.ids: list[str] = []

    # ---- customers and contacts: few enough for a record and a change-log entry each -----
    def customer(self, record: Customer, existing: Customer | None) -> None:
        contact_names: list[str] = []
        if existing is not None:
            contact_names = [r[0] for r in self.db.conn.execute(
                "SELECT name FROM contacts WHERE customer_id = ? AND deleted_at IS NULL",
                [record.id])]
        row = self._row(record, existing)
        row["name_sort"] = sort_key(record.name)
        row["search_text"] = search_text(record.name, record.code, record.tags, contact_names)
        self._save(record, row, existing)
        self.touched.add(record.id)

    def contact(self, record: Contact, existing: Contact | None) -> None:
        self._save(record, self._row(record, existing), existing)
        self.contacts_changed.add(record.customer_id)
        self.touched.add(record.customer_id)

    def _row(self, record: Record, existing: Record | None) -> dict[str, Any]:
        created = existing.created_at if existing is not None else self.now
        return to_row(replace(record, created_at=created, updated_at=self.now, deleted_at=None))

    def _save(self, record: Record, row: dict[str, Any], existing: Record | None) -> None:
        table = TABLES[type(record)]
        customer_id = record.id if isinstance(record, Customer) else str(getattr(record,
                                                                                 "customer_id", ""))
        names = list(row)
        if existing is None:
            self.db.conn.execute(f"INSERT INTO [{table}] ({', '.join(names)}) VALUES "
                                 f"({', '.join('?' * len(names))})", [row[n] for n in names])
            self.db.log_change("create", table, record.id, customer_id, None, row)
        else:
            before = to_row(existing)
            names.remove("id")
            self.db.conn.execute(f"UPDATE [{table}] SET {', '.join(f'{n} = ?' for n in names)} "
                                 f"WHERE id = ?", [*(row[n] for n in names), record.id])
            self.db.log_change("update", table, record.id, customer_id, before, row)

    # ---- transactions: the bulk path ------------------------------------------------------
    def transaction(self, customer_id: str, fields: tuple[Any, ...]) -> None:
        if not self.ids:
            self.ids = new_ids(CHUNK)
        day, amount, profit, due, paid, reference, product, notes = fields
        self.pending.append((self.ids.pop(), self.now, self.now, customer_id, day.isoformat(),
                             amount, profit, _iso(due), _iso(paid), reference, product, notes))
        self.touched.add(customer_id)
        if len(self.pending) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.db.conn.executemany(
                f"INSERT INTO transactions ({_TRANSACTION_COLUMNS}) VALUES "
                f"({', '.join('?' * 12)})", self.pending)
            self.pending.clear()

    def finish(self) -> None:
        """Write what is buffered and bring the derived columns up to date."""
        self._flush()
        for customer_id in self.contacts_changed:
            self.db.refresh_search_text(customer_id)
        if len(self.touched) > FULL_REFRESH_FROM:
            self.db.refresh_activity()
        else:
            for customer_id in self.touched:
                self.db.refresh_customer_activity(customer_id)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
