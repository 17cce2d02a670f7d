"""Undo one import through its batch: remove what it added, put back what it changed, keep
what was changed since; one transaction, logged."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from models.record import new_id, utc_now_iso
from storage.errors import ImportAlreadyUndoneError, RecordNotFoundError
from storage.importer.batches import ImportBatch, get_batch
from storage.importer.deferred import REINDEX_SHARE
from storage.importer.store import RecordStore
from storage.importer.writer import REINDEX_MIN_ROWS
from storage.search_keys import sort_key

#: Above this many customers touched, one book-wide refresh beats one per customer.
FULL_REFRESH_FROM = 500

#: Live records that make an imported customer still needed (``customer_id`` references).
_CHILD_TABLES = ("contacts", "transactions", "interactions", "needs", "assessments", "plans")

#: The record tables an import writes besides customers, contacts and sales lines, in the
#: order their undo removes them (what refers to a record first): (table, its customer,
#: whether a live record still uses it).
_PLAN_OF = "(SELECT p.customer_id FROM plans p WHERE p.id = r.plan_id)"
_RECORD_TABLES = (
    ("plan_reviews", _PLAN_OF, "0"),
    ("plan_actions", _PLAN_OF, "0"),
    ("plan_support_measures", _PLAN_OF, "0"),
    ("plan_objectives", _PLAN_OF,
     "EXISTS (SELECT 1 FROM plan_actions a WHERE a.objective_id = r.id "
     "AND a.deleted_at IS NULL)"),
    ("plans", "r.customer_id",
     " OR ".join(f"EXISTS (SELECT 1 FROM [{part}] x WHERE x.plan_id = r.id AND "
                 "x.deleted_at IS NULL)" for part in ("plan_objectives", "plan_support_measures",
                                                       "plan_actions", "plan_reviews"))),
    ("assessments", "r.customer_id", "0"),
    ("needs", "r.customer_id",
     "EXISTS (SELECT 1 FROM plan_needs l JOIN plans p ON p.id = l.plan_id "
     "WHERE l.need_id = r.id AND p.deleted_at IS NULL)"),
    ("interactions", "r.customer_id", "0"),
)

#: Records of a table the batch created, touched by a change logged after the import.
_CHANGED_SINCE_SQL = """
SELECT DISTINCT l.record_id FROM change_log l CROSS JOIN [{table}] r ON r.id = l.record_id
WHERE l.seq > :since AND l.table_name = '{table}' AND r.import_batch = :batch
"""


@dataclass(frozen=True)
class KeptRecord:
    """A record the import wrote that its undo left as it is, and why."""

    table: str
    record_id: str
    customer_id: str | None
    reason: str  # "changed": changed since the import; "used": later records refer to it


@dataclass
class ImportUndone:
    batch: ImportBatch
    undo_id: str
    removed: int = 0  # rows the import added, now deleted
    reverted: int = 0  # records the import updated, now back to their earlier values
    kept: list[KeptRecord] = field(default_factory=list)


def undo_import(db: RecordStore, batch_id: int) -> ImportUndone:
    """Take back import ``batch_id`` in one transaction, logged under a new change id.

    The rows it added are soft-deleted (like any undone create) and the fields it updated
    get their earlier values back, except for what was changed after the import: a record
    the change log shows touched since (edited, deleted, restored, or updated by a later
    import), and an added record that later records still use (a customer with a
    transaction, contact, interaction, need, assessment or plan; a contact an interaction
    names; a plan with objectives, actions, support or reviews; an objective an action
    serves; a need a plan names), is kept exactly as it is and listed in ``kept``. Keeping
    them, rather than refusing the whole undo, is what a careful user expects: the import
    goes, later work stays, and the list says which records to look at. Every other row
    (later edits, another import's rows) is left untouched. An import is undone once: a
    second undo raises :class:`ImportAlreadyUndoneError`."""
    with db.atomic():
        batch = get_batch(db, batch_id)
        if batch is None:
            raise RecordNotFoundError(kind="import_batches", key=str(batch_id))
        if batch.undone:
            raise ImportAlreadyUndoneError(file=batch.source, at=_local(batch.at),
                                           undone=_local(batch.undone_at or ""))
        undo = _Undo(db, batch)
        undo.transactions()
        undo.records()
        undo.contacts()
        undo.updates()
        undo.customers()
        undo.refresh()
        db.conn.execute("UPDATE import_batches SET undone_at = ?, undo_change_id = ? "
                        "WHERE id = ?", [undo.now, undo.result.undo_id, batch.id])
    return undo.result


class _Undo:
    def __init__(self, db: RecordStore, batch: ImportBatch) -> None:
        self.db = db
        self.batch = batch
        self.now = utc_now_iso()
        self.result = ImportUndone(batch=batch, undo_id=new_id())
        self.since = int(db.conn.execute("SELECT coalesce(max(seq), 0) FROM change_log WHERE "
                                         "change_id = ?", [batch.change_id]).fetchone()[0])
        self.touched: set[str] = set()  # customers whose derived figures need a refresh
        self.search: set[str] = set()  # customers whose contacts' names changed

    def _changed_since(self, table: str) -> set[str]:
        return {r[0] for r in self.db.conn.execute(_CHANGED_SINCE_SQL.format(table=table),
                                                   {"since": self.since,
                                                    "batch": self.batch.id})}

    def _keep(self, table: str, rows: list[tuple[str, str | None]], reason: str) -> None:
        self.result.kept.extend(KeptRecord(table, record_id, customer_id, reason)
                                for record_id, customer_id in rows)

    def _delete(self, table: str, rows: list[tuple[str, str | None]]) -> None:
        """Soft-delete records the import created, one change-log entry each."""
        for record_id, customer_id in rows:
            self.db.conn.execute(f"UPDATE [{table}] SET deleted_at = ?, updated_at = ? "
                                 "WHERE id = ?", [self.now, self.now, record_id])
            self.db.log_change("delete", table, record_id, customer_id, {"deleted_at": None},
                               {"deleted_at": self.now}, self.result.undo_id)
            if customer_id:
                self.touched.add(customer_id)
        self.result.removed += len(rows)

    def transactions(self) -> None:
        """The lines the batch added go, in bulk, logged as one entry per customer."""
        changed = self._changed_since("transactions")
        if changed:
            marks = json.dumps(sorted(changed))
            self._keep("transactions", self.db.conn.execute(
                "SELECT id, customer_id FROM transactions WHERE id IN "
                "(SELECT value FROM json_each(?)) ORDER BY date", [marks]).fetchall(), "changed")
        params = {"batch": self.batch.id, "kept": json.dumps(sorted(changed)), "now": self.now}
        scope = ("import_batch = :batch AND deleted_at IS NULL AND id NOT IN "
                 "(SELECT value FROM json_each(:kept))")
        lines: Counter[str] = Counter({r[0]: r[1] for r in self.db.conn.execute(
            f"SELECT customer_id, count(*) FROM transactions WHERE {scope} "
            "GROUP BY customer_id", params)})
        if not lines:
            return
        with _indexes_rebuilt_if_many(self.db, sum(lines.values())):
            self.db.conn.execute(f"UPDATE transactions SET deleted_at = :now, "
                                 f"updated_at = :now WHERE {scope}", params)
        self.db.log_import("import_batches", self.batch.source, lines, self.result.undo_id,
                           action="delete")
        self.touched.update(lines)
        self.result.removed += sum(lines.values())

    def records(self) -> None:
        """Interactions, needs, assessments, plans and their parts the batch created go
        (parts before their plan, a plan before the needs it names), one change-log entry
        each as a deletion in the window makes, unless changed since or still used by a live
        record the batch did not create."""
        for table, customer, used in _RECORD_TABLES:
            changed = self._changed_since(table)
            rows = self.db.conn.execute(
                f"SELECT r.id, {customer}, {used} FROM [{table}] r "
                f"WHERE r.import_batch = ? AND r.deleted_at IS NULL ORDER BY r.rowid",
                [self.batch.id]).fetchall()
            self._keep(table, [(r[0], r[1]) for r in rows if r[0] in changed], "changed")
            self._keep(table, [(r[0], r[1]) for r in rows if r[0] not in changed and r[2]],
                       "used")
            self._delete(table, [(r[0], r[1]) for r in rows
                                 if r[0] not in changed and not r[2]])

    def contacts(self) -> None:
        changed = self._changed_since("contacts")
        rows = self.db.conn.execute(
            "SELECT id, customer_id, EXISTS (SELECT 1 FROM interaction_contacts l JOIN "
            "interactions i ON i.id = l.interaction_id WHERE l.contact_id = c.id AND "
            "i.deleted_at IS NULL) FROM contacts c WHERE import_batch = ? AND deleted_at IS NULL "
            "ORDER BY rowid", [self.batch.id]).fetchall()
        self._keep("contacts", [(r[0], r[1]) for r in rows if r[0] in changed], "changed")
        self._keep("contacts", [(r[0], r[1]) for r in rows if r[0] not in changed and r[2]],
                   "used")
        gone = [(r[0], r[1]) for r in rows if r[0] not in changed and not r[2]]
        self._delete("contacts", gone)
        self.search.update(str(c) for _i, c in gone)

    def customers(self) -> None:
        """Customers the batch created go unless changed since or still used by live
        records (the batch's own removed rows no longer count)."""
        changed = self._changed_since("customers")
        used = " OR ".join(f"EXISTS (SELECT 1 FROM [{t}] x WHERE x.customer_id = c.id AND "
                           "x.deleted_at IS NULL)" for t in _CHILD_TABLES)
        rows = self.db.conn.execute(
            f"SELECT id, {used} FROM customers c WHERE import_batch = ? AND deleted_at IS NULL "
            "ORDER BY rowid", [self.batch.id]).fetchall()
        self._keep("customers", [(r[0], r[0]) for r in rows if r[0] in changed], "changed")
        self._keep("customers", [(r[0], r[0]) for r in rows if r[0] not in changed and r[1]],
                   "used")
        self._delete("customers", [(r[0], r[0]) for r in rows
                                   if r[0] not in changed and not r[1]])

    def updates(self) -> None:
        """Records the batch updated (and did not create) get the values from before it,
        unless changed since."""
        old: dict[tuple[str, str], dict[str, Any]] = {}
        for table, record_id, name, value in self.db.conn.execute(
                "SELECT table_name, record_id, field, old_value FROM change_log "
                "WHERE change_id = ? AND action = 'update' ORDER BY seq",
                [self.batch.change_id]):
            fields = old.setdefault((table, record_id), {})
            if name is not None and name not in fields:  # the first update's: from before
                fields[name] = None if value is None else json.loads(value)
        for (table, record_id), fields in old.items():
            self._revert(table, record_id, fields)

    def _revert(self, table: str, record_id: str, fields: dict[str, Any]) -> None:
        cursor = self.db.conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", [record_id])
        names = [d[0] for d in cursor.description]
        found = cursor.fetchone()
        if found is None:
            return
        current = dict(zip(names, found, strict=True))
        if current.get("import_batch") == self.batch.id:
            return  # created by this very import (then updated by a later row of it): gone
        customer_id = record_id if table == "customers" else current.get("customer_id")
        later = self.db.conn.execute(
            "SELECT 1 FROM change_log WHERE table_name = ? AND record_id = ? AND seq > ? "
            "LIMIT 1", [table, record_id, self.since]).fetchone()
        if later is not None:
            self._keep(table, [(record_id, customer_id)], "changed")
            return
        after = {k: v for k, v in fields.items() if k in current}
        links = {name: _id_list(fields[name]) for name in _LINKS.get(table, {})
                 if name in fields}
        if not after and not links:
            return
        before: dict[str, Any] = {k: current[k] for k in after}
        for name, ids in links.items():  # an interaction's contacts, a plan's needs
            link_table, own, other = _LINKS[table][name]
            before[name] = [r[0] for r in self.db.conn.execute(
                f"SELECT {other} FROM {link_table} WHERE {own} = ?", [record_id])]
            self.db.conn.execute(f"DELETE FROM {link_table} WHERE {own} = ?", [record_id])
            self.db.conn.executemany(f"INSERT INTO {link_table} ({own}, {other}) VALUES (?, ?)",
                                     [(record_id, linked) for linked in dict.fromkeys(ids)])
        columns = dict(after)
        if table == "customers" and "name" in after:
            columns["name_sort"] = sort_key(str(after["name"]))
        columns["updated_at"] = _later_than(str(current.get("updated_at") or ""))
        self.db.conn.execute(
            f"UPDATE [{table}] SET {', '.join(f'[{k}] = ?' for k in columns)} WHERE id = ?",
            [*columns.values(), record_id])
        self.db.log_change("update", table, record_id, customer_id, before,
                           {**after, **links}, self.result.undo_id)
        self.result.reverted += 1
        if customer_id:
            self.touched.add(str(customer_id))
            self.search.add(str(customer_id))

    def refresh(self) -> None:
        """Derived columns: search keys of the customers whose contacts or names changed,
        then the activity figures (revenue, deleted flag ...) of every customer touched."""
        for customer_id in sorted(self.search):
            self.db.refresh_search_text(customer_id)
        if len(self.touched) > FULL_REFRESH_FROM:
            self.db.refresh_activity()
        else:
            for customer_id in sorted(self.touched):
                self.db.refresh_customer_activity(customer_id)


@contextmanager
def _indexes_rebuilt_if_many(db: RecordStore, rows: int) -> Iterator[None]:
    """Around a write of many transactions (like a large import, see ``writer``): drop the
    table's secondary indexes and build them again after it, in the same transaction; one
    sort per index instead of a million scattered index updates."""
    existing = int(db.scalar("SELECT max(rowid) FROM transactions") or 0)
    dropped: list[str] = []
    if rows >= max(REINDEX_MIN_ROWS, REINDEX_SHARE * existing):
        for name, sql in db.conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                "tbl_name = 'transactions' AND sql IS NOT NULL").fetchall():
            db.conn.execute(f"DROP INDEX [{name}]")
            dropped.append(sql)
    yield
    for sql in dropped:
        db.conn.execute(sql)


#: Fields of a record kept in a link table: table -> field -> (link table, the record's
#: column there, the other's).
_LINKS = {"interactions": {"contact_ids": ("interaction_contacts", "interaction_id",
                                           "contact_id")},
          "plans": {"need_ids": ("plan_needs", "plan_id", "need_id")}}


def _id_list(value: Any) -> list[str]:
    """A logged list of ids (a list, or the JSON text of one as an import logs it)."""
    if isinstance(value, str):
        value = json.loads(value) if value.startswith("[") else [value]
    return [str(item) for item in value or []]


def _later_than(stamp: str) -> str:
    """Now, or a millisecond after ``stamp``: a version stamp changes at every save."""
    now = utc_now_iso()
    if not stamp or now > stamp:
        return now
    return (datetime.fromisoformat(stamp) + timedelta(milliseconds=1)).isoformat(
        timespec="milliseconds")


def _local(stamp: str) -> str:
    """A UTC ISO stamp as the computer's local time, to the minute."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
