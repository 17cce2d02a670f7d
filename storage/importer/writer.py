"""Bulk writes of an import: executemany in chunks inside the import's one transaction, the
change log (customers and contacts field by field, transactions as one entry per customer),
and the derived columns refreshed once at the end."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from itertools import repeat
from typing import Any

from models.entities import Contact, Customer, Interaction
from models.plans import AccountPlan
from models.record import Record, utc_now_iso
from storage.importer.batches import ImportBatch
from storage.importer.columns import ImportKind
from storage.importer.deferred import (
    FULL_REFRESH_FROM,
    REINDEX_SHARE,
    DeferredWork,
    small_sorts,
)
from storage.importer.line_ids import LineIds
from storage.importer.store import RecordStore
from storage.mapping import TABLES, to_row, to_sql
from storage.metrics import ACTIVITY_WINDOW_DAYS
from storage.search_keys import pinyin_syllables, search_text, sort_key, with_contacts

CHUNK = 5_000
#: New customers and contacts written together: their rows wait with the change-log entries
#: to make of them (a row dict each), so fewer than other records.
LOGGED_CHUNK = 1_000
#: An import expected to add more than REINDEX_SHARE of the rows already in ``transactions``
#: (and at least REINDEX_MIN_ROWS) drops the table's secondary indexes and builds them
#: again at the end, in the same transaction: one sort per index instead of a million
#: random index inserts.
REINDEX_MIN_ROWS = 50_000

# The transaction-derived activity figures of customer_metrics, as storage.metrics computes
# them, updated only where they changed and only in their own columns (so only the indexes
# holding those columns are touched): 1 s instead of 11 s for a 100,000-customer book.
# The lines are read through the covering index (finish() rebuilds the indexes it dropped
# before this runs): left to itself, SQLite took the whitespace index and looked each line's
# profit up in the table (1.3-1.9 s instead of 0.7 s for a million lines).
_TRANSACTION_FIGURES_SQL = """
WITH t AS (
    SELECT customer_id,
           total(CASE WHEN date > :start AND date <= :as_of THEN amount END) AS revenue,
           total(CASE WHEN date > :start AND date <= :as_of THEN profit END) AS profit,
           min(date) AS first_purchase,
           max(CASE WHEN date <= :as_of THEN date END) AS last_purchase
    FROM transactions INDEXED BY idx_transactions_customer_cover
    WHERE deleted_at IS NULL AND customer_id IN (SELECT value FROM json_each(:ids))
    GROUP BY customer_id
)
UPDATE customer_metrics AS m
SET revenue_12m = t.revenue, profit_12m = t.profit, first_purchase = t.first_purchase,
    last_purchase = t.last_purchase, as_of = :as_of, computed_at = :now,
    book_key = NULL  -- the value engine's key no longer describes these figures
FROM t
WHERE m.customer_id = t.customer_id
  AND (m.revenue_12m IS NOT t.revenue OR m.profit_12m IS NOT t.profit
       OR m.first_purchase IS NOT t.first_purchase OR m.last_purchase IS NOT t.last_purchase)
"""

#: Every scored customer the import touched is stamped, changed listed figures or not: an
#: invoice in the previous window changes growth alone, and the stamp is what tells a stored
#: explanation (scored before the import) that it is stale. No index holds ``computed_at``;
#: about 0.6 s for 93,000 customers.
_STAMP_TOUCHED_SQL = """
UPDATE customer_metrics SET computed_at = :now
WHERE customer_id IN (SELECT value FROM json_each(:ids)) AND computed_at IS NOT :now
  AND score IS NOT NULL
"""

_TRANSACTION_COLUMNS = ("id, created_at, updated_at, customer_id, date, amount, profit, "
                        "due_date, paid_date, reference, product, notes, order_no, "
                        "import_batch")
#: An empty order number is stored as NULL.
_INSERT_TRANSACTION = (f"INSERT INTO transactions ({_TRANSACTION_COLUMNS}) VALUES "
                       f"({', '.join('?' * 12)}, NULLIF(?, ''), ?)")


class BulkWriter:
    def __init__(self, db: RecordStore, kind: ImportKind,
                 expected_rows: Callable[[], int] | None = None, source: str = "",
                 deferred: DeferredWork | None = None) -> None:
        self.db = db
        #: A whole-book import's: the activity figures are refreshed once, at its end.
        self.deferred = deferred
        self.source = source  # the file's name, for the change log
        self.batch_id: int | None = None
        self.change_id: str | None = None
        self.lines: Counter[str] = Counter()  # transaction lines added, per customer
        self.expected_rows = expected_rows
        self.dropped_indexes: list[str] = []
        self.flushes = 0
        self.kind = kind
        self.now = utc_now_iso()
        self.touched: set[str] = set()
        self._touched_text: str | None = None
        self.contacts_changed: set[str] = set()
        self.pending: list[tuple[Any, ...]] = []
        self.line_ids = LineIds()
        self.ids: list[str] = []  # ids made and not used yet, the next one last
        #: New records of the other kinds (interactions, needs, plans ...): SQL -> rows
        self.records: dict[str, list[tuple[Any, ...]]] = {}
        #: New customers or contacts waiting in ``records``: (id, customer id, row) to log
        self.created: list[tuple[str, str, dict[str, Any]]] = []
        self.created_table = ""
        self.buffered = 0

    def tie_to(self, batch: ImportBatch) -> None:
        """Tie every row written from now on to ``batch`` (its number in ``import_batch``,
        its change id in the change log), so the import can be undone on its own."""
        self.batch_id = batch.id
        self.change_id = batch.change_id

    # ---- customers and contacts: a change-log entry per field, written a chunk at a time ----
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
        """The record's row as written: made now or when ``existing`` was, changed now."""
        row = to_row(record)  # the stamps set here rather than by a copy of the record
        row["created_at"] = existing.created_at if existing is not None else self.now
        row["updated_at"], row["deleted_at"] = self.now, None
        return row

    def _save(self, record: Record, row: dict[str, Any], existing: Record | None) -> None:
        table = TABLES[type(record)]
        customer_id = record.id if isinstance(record, Customer) else str(getattr(record,
                                                                                 "customer_id", ""))
        names = list(row)
        if existing is None:
            row["import_batch"] = self.batch_id
            names.append("import_batch")
            sql = f"INSERT INTO [{table}] ({', '.join(names)}) VALUES " \
                  f"({', '.join('?' * len(names))})"
            if _KIND_OF.get(type(record)) is not self.kind:  # a customer a sales file makes
                self.db.conn.execute(sql, list(row.values()))
                self.db.log_change("create", table, record.id, customer_id, None, row,
                                   self.change_id)
                return
            # The file's own kind: written and logged a chunk at a time (flush_records).
            self.records.setdefault(sql, []).append(tuple(row.values()))
            self.created.append((record.id, customer_id, row))
            self.created_table = table
            self.buffered += 1
            if self.buffered >= LOGGED_CHUNK:
                self.flush_records()
        else:
            self.flush_records()
            before = to_row(existing)
            names.remove("id")
            self.db.conn.execute(f"UPDATE [{table}] SET {', '.join(f'{n} = ?' for n in names)} "
                                 f"WHERE id = ?", [*(row[n] for n in names), record.id])
            self.db.log_change("update", table, record.id, customer_id, before, row,
                               self.change_id)

    # ---- interactions, needs, assessments, plans and their parts -------------------------
    def record(self, record: Record, existing: Record | None, customer_id: str) -> None:
        """Write one record of ``customer_id`` (and its links: an interaction's contacts, a
        plan's needs). New ones go in bulk and are counted per customer in the change log, as
        sales lines are; an update is logged field by field, as a customer's is."""
        table = TABLES[type(record)]
        row = self._row(record, existing)
        links = _links(record)
        if existing is None:
            row["import_batch"] = self.batch_id  # the undo of the import finds it (m020)
            names = list(row)
            sql = f"INSERT INTO [{table}] ({', '.join(names)}) VALUES " \
                  f"({', '.join('?' * len(names))})"
            self.records.setdefault(sql, []).append(tuple(row.values()))
            for link_sql, pairs in links.items():
                self.records.setdefault(link_sql, []).extend(pairs)
            self.buffered += 1
            self.lines[customer_id] += 1
            if self.buffered >= CHUNK:
                self.flush_records()
        else:
            self.flush_records()  # the record may be one of those waiting
            names = [n for n in row if n != "id"]
            self.db.conn.execute(f"UPDATE [{table}] SET {', '.join(f'{n} = ?' for n in names)} "
                                 f"WHERE id = ?", [*(row[n] for n in names), record.id])
            for link_sql, pairs in links.items():
                self.db.conn.execute(_UNLINK[link_sql], [record.id])
                self.db.conn.executemany(link_sql, pairs)
            before, after = to_row(existing), dict(row)
            for name in _LINK_FIELDS.get(type(record), ()):
                before[name] = to_sql(getattr(existing, name))
                after[name] = to_sql(getattr(record, name))
            self.db.log_change("update", table, record.id, customer_id, before, after,
                               self.change_id)
        self.touched.add(customer_id)

    def flush_records(self) -> None:
        """Write the new records waiting in the buffer (and log new customers' and contacts'
        fields)."""
        for sql, rows in self.records.items():
            self.db.conn.executemany(sql, rows)
        self.records.clear()
        if self.created:
            self.db.log_creates(self.created_table, self.created, self.change_id)
            self.created.clear()
        self.buffered = 0

    # ---- transactions: the bulk path ------------------------------------------------------
    def transaction(self, customer_id: str, fields: tuple[Any, ...]) -> None:
        day, amount, profit, due, paid, reference, product, notes, order_no = fields
        self.pending.append((self._next_ids(1)[0], self.now, self.now, customer_id, day.isoformat(),
                             amount, profit, _iso(due), _iso(paid), reference, product, notes,
                             order_no or None, self.batch_id))
        self.touched.add(customer_id)
        self.lines[customer_id] += 1
        if len(self.pending) >= CHUNK:
            self._flush()

    def transactions(self, customer_ids: list[str], days: list[str], amounts: list[float],
                     profits: list[float | None], dues: list[str | None],
                     paids: list[str | None], references: list[str], products: list[str],
                     notes: list[str], order_nos: list[str]) -> None:
        """Many lines at once, column by column (dates as ISO text): the bulk path's
        :meth:`transaction`, zipped into rows in C and, once the first flush has decided
        about the indexes, handed to executemany as they are made."""
        size = len(customer_ids)
        rows = zip(self._next_ids(size), repeat(self.now, size), repeat(self.now, size),
                   customer_ids, days, amounts, profits, dues, paids, references, products,
                   notes, order_nos, repeat(self.batch_id, size), strict=True)
        self.lines.update(customer_ids)  # the customers touched, too (see finish)
        if self.flushes == 0:
            self.pending.extend(rows)
            if len(self.pending) >= CHUNK:
                self._flush()
        else:
            self._flush()  # single lines before these, in file order
            self.db.conn.executemany(_INSERT_TRANSACTION, rows)

    def _next_ids(self, size: int) -> list[str]:
        """The next ``size`` line ids, ascending (see :mod:`storage.importer.line_ids`)."""
        if len(self.ids) < size:
            self.ids[:0] = self.line_ids.take(max(CHUNK, size - len(self.ids)))[::-1]
        ids = self.ids[:-size - 1:-1]
        del self.ids[-size:]
        return ids

    def _flush(self) -> None:
        if self.pending and self.flushes == 0 and self.expected_rows is not None:
            self._maybe_drop_indexes(self.expected_rows())
        self.flushes += 1
        if self.pending:
            self.db.conn.executemany(_INSERT_TRANSACTION, self.pending)
            self.pending.clear()

    def _maybe_drop_indexes(self, expected: int) -> None:
        existing = int(self.db.scalar("SELECT max(rowid) FROM transactions") or 0)
        if expected < max(REINDEX_MIN_ROWS, REINDEX_SHARE * existing):
            return
        for name, sql in self.db.conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                "tbl_name = 'transactions' AND sql IS NOT NULL").fetchall():
            self.db.conn.execute(f"DROP INDEX [{name}]")
            self.dropped_indexes.append(sql)

    def finish(self) -> None:
        """Write what is buffered and bring the derived columns up to date."""
        self.touched.update(self.lines)  # the bulk path counts lines only
        self._flush()
        self.flush_records()
        if self.kind == ImportKind.TRANSACTIONS and self.lines:
            self._check_customers()
        if self.kind not in _BULK_KINDS and self.lines:
            self.db.log_import(_TABLE_OF[self.kind], self.source, self.lines, self.change_id)
        with small_sorts(self.db):
            for sql in self.dropped_indexes:
                self.db.conn.execute(sql)
        self.dropped_indexes.clear()
        self._refresh_search_texts()
        if self.kind in _BULK_KINDS and len(self.touched) > FULL_REFRESH_FROM:
            # Names the window is not going to look up (30 MB of 65,536 cached names).
            pinyin_syllables.cache_clear()
        if self.kind == ImportKind.TRANSACTIONS and self.touched:
            self.db.log_import("transactions", self.source, self.lines, self.change_id)
        if self.deferred is not None:
            self.deferred.touched.update(self.touched)
        elif self.kind == ImportKind.TRANSACTIONS and self.touched:
            self._refresh_transaction_figures()
        elif len(self.touched) > FULL_REFRESH_FROM:
            self.db.refresh_activity()
        else:
            for customer_id in self.touched:
                self.db.refresh_customer_activity(customer_id)

    def _refresh_search_texts(self) -> None:
        """The search text of each customer whose contacts changed (it holds their names),
        as ``refresh_search_text`` makes it, for many customers at a time."""
        ids = sorted(self.contacts_changed)
        self.contacts_changed.clear()
        for start in range(0, len(ids), CHUNK):
            part = json.dumps(ids[start:start + CHUNK])
            names: dict[str, list[str]] = {}
            for customer_id, name in self.db.conn.execute(
                    "SELECT customer_id, name FROM contacts INDEXED BY idx_contacts_customer "
                    "WHERE customer_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL",
                    [part]):
                names.setdefault(customer_id, []).append(name)
            self.db.conn.executemany(
                "UPDATE customers SET search_text = ? WHERE id = ?",
                [(with_contacts(stored, name, code or "", json.loads(tags) if tags else (),
                                names.get(customer_id, ())), customer_id)
                 for customer_id, name, code, tags, stored in self.db.conn.execute(
                    "SELECT id, name, code, tags, search_text FROM customers WHERE id IN "
                    "(SELECT value FROM json_each(?))", [part]).fetchall()])

    def _touched_json(self) -> str:
        """The customers touched, as the JSON array the statements read (made once)."""
        if self._touched_text is None:
            self._touched_text = json.dumps(sorted(self.touched))
        return self._touched_text

    def _check_customers(self) -> None:
        """The foreign key of the lines written, checked once for all of them when the
        connection did not check each (an import turns that off for its transaction): every
        customer must exist. Fails as SQLite would, and the transaction is taken back."""
        if self.db.conn.execute("PRAGMA foreign_keys").fetchone()[0]:
            return
        missing = self.db.scalar(
            "SELECT count(*) FROM json_each(?) WHERE value NOT IN (SELECT id FROM customers)",
            [self._touched_json()])
        if missing:
            raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")

    def _refresh_transaction_figures(self) -> None:
        today = date.today()
        ids = self._touched_json()
        missing = [r[0] for r in self.db.conn.execute(
            "SELECT value FROM json_each(?) WHERE value NOT IN "
            "(SELECT customer_id FROM customer_metrics)", [ids])]
        # Customers the import made (create_customers) have no metrics row yet.
        if len(missing) > FULL_REFRESH_FROM:
            self.db.refresh_activity()
        else:
            for customer_id in missing:
                self.db.refresh_customer_activity(customer_id)
        params = {"ids": ids, "as_of": today.isoformat(),
                  "start": (today - timedelta(days=ACTIVITY_WINDOW_DAYS)).isoformat(),
                  "now": utc_now_iso()}
        changes = self.db.conn.total_changes
        self.db.conn.execute(_TRANSACTION_FIGURES_SQL, params)
        if self.db.conn.total_changes - changes < len(self.touched):  # else all are stamped
            self.db.conn.execute(_STAMP_TOUCHED_SQL, params)


_KIND_OF: dict[type[Record], ImportKind] = {Customer: ImportKind.CUSTOMERS,
                                            Contact: ImportKind.CONTACTS}
#: Kinds written by ``customer``, ``contact`` and ``transaction`` (the others by ``record``).
_BULK_KINDS = frozenset({ImportKind.CUSTOMERS, ImportKind.CONTACTS, ImportKind.TRANSACTIONS})
_TABLE_OF = {ImportKind.INTERACTIONS: "interactions", ImportKind.NEEDS: "needs",
             ImportKind.ASSESSMENTS: "assessments", ImportKind.PLANS: "plans",
             ImportKind.PLAN_OBJECTIVES: "plan_objectives",
             ImportKind.PLAN_SUPPORT: "plan_support_measures",
             ImportKind.PLAN_ACTIONS: "plan_actions", ImportKind.PLAN_REVIEWS: "plan_reviews"}
_INTERACTION_LINKS = "INSERT INTO interaction_contacts (interaction_id, contact_id) VALUES (?, ?)"
_PLAN_LINKS = "INSERT INTO plan_needs (plan_id, need_id) VALUES (?, ?)"
_UNLINK = {_INTERACTION_LINKS: "DELETE FROM interaction_contacts WHERE interaction_id = ?",
           _PLAN_LINKS: "DELETE FROM plan_needs WHERE plan_id = ?"}
#: Record fields kept in link tables, logged with an update as the forms log them.
_LINK_FIELDS: dict[type[Record], tuple[str, ...]] = {Interaction: ("contact_ids",),
                                                     AccountPlan: ("need_ids",)}


def _links(record: Record) -> dict[str, list[tuple[str, str]]]:
    if isinstance(record, Interaction):
        return {_INTERACTION_LINKS: [(record.id, c) for c in record.contact_ids]}
    if isinstance(record, AccountPlan):
        return {_PLAN_LINKS: [(record.id, n) for n in record.need_ids]}
    return {}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
