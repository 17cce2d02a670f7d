"""Applying team members' operations to this book, inside the caller's one transaction.

Per table, parents first: the records the operations concern are read in a few statements,
merged in memory by the rules of :mod:`storage.sync.merge`, and written back: new records
inserted, changed fields updated (with ``updated_at`` moved on, so a form open on the old
version is told, as when another window saved), link lists rewritten, field clocks kept, each
applied change logged with the member's device in ``origin`` (the History tab shows it; it is
never sent back as ours), and the values set aside kept in ``sync_conflicts``.

An operation whose record, or a record it refers to, has not arrived yet (its member's
packet is still on its way) waits in ``sync_waiting`` and is applied once it is there.
Two members who gave two new customers one code, or made two plans of one customer for one
period: the record made first keeps the code or the plan (see :data:`tables.UNIQUE`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from models.record import new_id, utc_now_iso
from storage.sync.applied import Applied
from storage.sync.clock import ZERO, base_clock
from storage.sync.merge import (
    DELETED,
    UNMERGED,
    Clock,
    Conflict,
    Incoming,
    RecordState,
    decoded,
    encoded,
    merge_fields,
    merge_status,
    same,
)
from storage.sync.packets import Op
from storage.sync.setting_merge import merge_setting
from storage.sync.tables import LINKS, PARENTS, SETTINGS, TABLES, UNIQUE, columns, customer_column
from storage.sync.unique import set_aside_duplicate

#: (operation, device it came from, number of its packet)
Item = tuple[Op, str, int]
_CHUNK = 20_000
@dataclass
class _Entry:
    """One applied field change, to be logged."""

    state: RecordState
    record_id: str
    name: str
    old: Any
    new: Any
    op: Op
    device: str


class Applier:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.result = Applied()
        self._rowids: dict[str, int] = {}  # record id -> its rowid (the table being written)
        self._statements: dict[tuple[str, tuple[str, ...]], str] = {}
        self._now = utc_now_iso()

    def apply(self, items: list[Item]) -> None:
        """Merge ``items`` (in their order within each table), parents' tables first."""
        by_table: dict[str, list[Item]] = {}
        for item in items:
            by_table.setdefault(item[0]["t"], []).append(item)
        self.result.ops += len(items)
        for table in TABLES:
            for start in range(0, len(by_table.get(table, ())), _CHUNK):
                self._table(table, by_table[table][start:start + _CHUNK])
        for op, device, _number in by_table.get(SETTINGS, ()):
            merge_setting(self.conn, op, device, self.result)

    def retry_waiting(self) -> None:
        """Apply the waiting operations whose records have arrived (until none has)."""
        while True:
            ready: list[tuple[int, Item]] = []
            for (needs_table,) in self.conn.execute(
                    "SELECT DISTINCT needs_table FROM sync_waiting").fetchall():
                if needs_table not in TABLES:
                    continue
                ready += [(row[0], (json.loads(row[1]), row[2], int(row[3])))
                          for row in self.conn.execute(
                              f"SELECT w.id, w.op, w.device, w.number FROM sync_waiting w "
                              f"WHERE w.needs_table = ? AND EXISTS (SELECT 1 FROM "
                              f"[{needs_table}] r WHERE r.id = w.needs_id) ORDER BY w.id",
                              [needs_table])]
            if not ready:
                return
            self.conn.executemany("DELETE FROM sync_waiting WHERE id = ?",
                                  [(row_id,) for row_id, _ in ready])
            self.result.waiting -= len(ready)
            self.result.ops -= len(ready)  # counted when they arrived
            self.apply([item for _, item in ready])

    # ---- one table ----------------------------------------------------------------------
    def _table(self, table: str, items: list[Item]) -> None:
        for op, _, _ in items:
            _lists_as_lists(table, op)
        ids = list(dict.fromkeys(op["id"] for op, _, _ in items))
        rows = self._rows(table, ids, _needed(table, items))
        clocks = self._clocks(table, ids)
        states = {record_id: RecordState(rows.get(record_id), clocks.get(record_id, {}))
                  for record_id in ids}
        existing = self._referenced(table, items)
        entries: list[_Entry] = []
        conflicts: list[tuple[RecordState, str, Conflict, str]] = []
        choices: list[Op] = []
        for op, device, number in items:
            state = states[op["id"]]
            missing = self._missing(table, op, state, existing)
            if missing is not None:
                self._wait(table, op, missing, device, number)
                continue
            seen = len(state.conflicts)
            touched = {*(op["r"] if op["o"] == "put" else op["f"]), DELETED}
            before = None if state.row is None else {name: state.row.get(name)
                                                     for name in touched}
            if op["o"] == "put":
                self._put(state, op)
            else:
                self._set(state, op)
                choices.append(op)
            self._note_clocks(op, state)
            if len(state.conflicts) > seen:
                conflicts += [(state, op["id"], c, device) for c in state.conflicts[seen:]]
            if before is not None:
                assert state.row is not None
                row = state.row
                entries += [_Entry(state, op["id"], name, old, row.get(name), op, device)
                            for name, old in before.items()
                            if name != "updated_at" and not _equal(old, row.get(name))]
        self._write(table, states, entries, conflicts)
        self._resolve(table, choices)

    def _resolve(self, table: str, ops: list[Op]) -> None:
        """A conflict a member resolved (took one of its two values) is resolved here too:
        a later write whose new and replaced values are the conflict's two."""
        open_ones = self.conn.execute(
            "SELECT id, record_id, field, ours, theirs, ours_hlc, theirs_hlc, customer_id "
            "FROM sync_conflicts WHERE resolved_at IS NULL AND table_name = ?",
            [table]).fetchall()
        if not open_ones or not ops:
            return
        by_field: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
        for row in open_ones:
            by_field.setdefault((row[1], row[2]), []).append(row)
        done: list[tuple[str, int]] = []
        for op in ops:
            for name, (new, old) in op["f"].items():
                for row in by_field.get((op["id"], name), ()):
                    pair = (decoded(row[3]), decoded(row[4]))
                    if str(op["h"]) > max(row[5] or "", row[6] or "") \
                            and any(same(new, v) for v in pair) \
                            and any(same(old, v) for v in pair):
                        done.append((utc_now_iso(), row[0]))
                        if row[7]:
                            self.result.customers.add(row[7])
        if done:
            self.conn.executemany("UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?", done)
            self.result.tables.add("sync_conflicts")

    def _put(self, state: RecordState, op: Op) -> None:
        row = dict(op["r"])
        row["id"] = op["id"]
        sent = {name: str(hlc) for name, hlc in op.get("c", {}).items()}
        # A checkpoint's record also says what each write replaced (a packet's does not).
        prevs: dict[str, str] = op.get("p", {})
        if state.row is None:
            state.row = row
            state.inserted = True
            for name, hlc in sent.items():
                state.set_clock(name, Clock(hlc, prevs.get(name)))
            return
        latest_before = state.latest()
        base = base_clock(row.get("created_at"))

        def incoming(name: str, value: Any) -> Incoming:
            if name in prevs:
                return Incoming(value, sent.get(name, base), decoded(prevs[name]), True)
            return Incoming(value, sent.get(name, base))

        merge_fields(state, {name: incoming(name, value)
                             for name, value in row.items() if name not in UNMERGED})
        explicit = incoming(DELETED, row.get(DELETED)) if DELETED in sent else None
        merge_status(state, latest_before, max([base, *sent.values()]), row.get(DELETED),
                     explicit=explicit)

    def _set(self, state: RecordState, op: Op) -> None:
        hlc = str(op["h"])
        values: dict[str, list[Any]] = op["f"]
        latest_before = state.latest()
        merge_fields(state, {name: Incoming(pair[0], hlc, pair[1], True)
                             for name, pair in values.items() if name != DELETED})
        if DELETED in values:
            new, old = values[DELETED]
            merge_status(state, latest_before, hlc, new,
                         explicit=Incoming(new, hlc, old, True))
        else:
            merge_status(state, latest_before, hlc, None, explicit=None)

    def _note_clocks(self, op: Op, state: RecordState) -> None:
        clocks = op.get("c", {}) if op["o"] == "put" else {}
        latest = max([str(op.get("h", ZERO)), *map(str, clocks.values()), state.base()])
        if latest > self.result.latest:
            self.result.latest = latest

    # ---- reading ------------------------------------------------------------------------
    def _rows(self, table: str, ids: list[str],
              needed: set[str] | None) -> dict[str, dict[str, Any]]:
        """The stored records (only the columns in ``needed``, when given)."""
        names = tuple(n for n in columns(self.conn, table) if needed is None or n in needed)
        select = ", ".join(f"[{name}]" for name in names)
        found: dict[str, dict[str, Any]] = {}
        self._rowids = {}
        for row in self.conn.execute(f"SELECT rowid, {select} FROM [{table}] WHERE id IN "
                                     f"(SELECT value FROM json_each(?))", [json.dumps(ids)]):
            record = dict(zip(names, row[1:], strict=True))
            found[record["id"]] = record
            self._rowids[record["id"]] = row[0]
        for name, link in LINKS.get(table, {}).items():
            if needed is not None and name not in needed:
                continue
            for record in found.values():
                record[name] = []
            for owner, target in self.conn.execute(
                    f"SELECT {link.own}, {link.other} FROM {link.table} WHERE {link.own} IN "
                    f"(SELECT value FROM json_each(?)) ORDER BY {link.own}, {link.other}",
                    [json.dumps(list(found))]):
                found[owner][name].append(target)
        return found

    def _clocks(self, table: str, ids: list[str]) -> dict[str, dict[str, Clock]]:
        found: dict[str, dict[str, Clock]] = {}
        for record_id, name, hlc, prev in self.conn.execute(
                "SELECT record_id, field, hlc, prev FROM sync_clocks WHERE table_name = ? AND "
                "record_id IN (SELECT value FROM json_each(?))", [table, json.dumps(ids)]):
            found.setdefault(record_id, {})[name] = Clock(hlc, prev)
        return found

    def _referenced(self, table: str, items: list[Item]) -> set[tuple[str, str]]:
        """The (table, id) of the records the operations refer to that are in the book."""
        wanted: dict[str, set[str]] = {}
        for op, _, _ in items:
            for parent, value in _references(table, op):
                wanted.setdefault(parent, set()).add(value)
        found: set[tuple[str, str]] = set()
        for parent, ids in wanted.items():
            found.update((parent, row[0]) for row in self.conn.execute(
                f"SELECT id FROM [{parent}] WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(sorted(ids))]))
        return found

    def _missing(self, table: str, op: Op, state: RecordState,
                 existing: set[tuple[str, str]]) -> tuple[str, str] | None:
        if op["o"] == "set" and state.row is None:
            return table, str(op["id"])
        for reference in _references(table, op):
            if reference not in existing:
                return reference
        return None

    def _wait(self, table: str, op: Op, missing: tuple[str, str], device: str,
              number: int) -> None:
        self.conn.execute("INSERT INTO sync_waiting (table_name, record_id, needs_table, "
                          "needs_id, op, device, number) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          [table, op["id"], missing[0], missing[1],
                           json.dumps(op, ensure_ascii=False), device, number])
        self.result.waiting += 1

    # ---- writing ------------------------------------------------------------------------
    def _write(self, table: str, states: dict[str, RecordState], entries: list[_Entry],
               conflicts: list[tuple[RecordState, str, Conflict, str]]) -> None:
        inserted = [(record_id, s) for record_id, s in states.items() if s.inserted]
        updated = [(record_id, s) for record_id, s in states.items()
                   if not s.inserted and s.changed]
        if inserted:
            self._insert(table, inserted)
        self._update_all(table, updated)
        self._relink(table, inserted + updated)
        # Rows in key order: B-tree inserts into neighbouring pages cost a fraction of
        # random ones (100,000 clocks: 0.2 s instead of 0.8 s).
        self.conn.executemany(
            "INSERT INTO sync_clocks (table_name, record_id, field, hlc, prev) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc, "
            "prev = excluded.prev",
            sorted((table, record_id, name, state.clocks[name].hlc, state.clocks[name].prev)
                   for record_id, state in states.items() for name in state.dirty_clocks))
        customers = self._customers(table, states)
        self._log(table, entries, customers)
        self.conn.executemany(
            "INSERT INTO sync_conflicts (table_name, record_id, customer_id, field, kind, ours, "
            "ours_hlc, theirs, theirs_hlc, kept, device, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(table, record_id, customers.get(record_id), c.field, c.kind, encoded(c.ours),
              c.ours_hlc, encoded(c.theirs), c.theirs_hlc, c.kept, device, utc_now_iso())
             for _state, record_id, c, device in conflicts])
        self.result.conflicts += len(conflicts)
        self.result.revived += sum(1 for _state, _id, c, _device in conflicts
                                   if c.kind == "revived" and c.kept == "theirs")
        self.result.account(table, inserted + updated, customers)

    def _insert(self, table: str, inserted: list[tuple[str, RecordState]]) -> None:
        first = int(self.conn.execute(f"SELECT coalesce(max(rowid), 0) FROM [{table}]")
                    .fetchone()[0])
        stored = set(columns(self.conn, table))
        batches: dict[str, list[list[Any]]] = {}
        for record_id, state in inserted:
            assert state.row is not None
            row = {name: value for name, value in state.row.items() if name in stored}
            row.update(derived_columns(table, state.row))
            names = tuple(row)
            sql = self._statements.get((table, ("INSERT", *names)))
            if sql is None:
                sql = (f"INSERT INTO [{table}] ({', '.join(f'[{n}]' for n in names)}) "
                       f"VALUES ({', '.join('?' * len(names))})")
                self._statements[(table, ("INSERT", *names))] = sql
            if table not in UNIQUE:  # nothing to meet: in bulk
                batches.setdefault(sql, []).append([row[n] for n in names])
                continue
            try:
                self.conn.execute(sql, [row[n] for n in names])
            except sqlite3.IntegrityError as error:
                if "UNIQUE" not in str(error):
                    raise
                set_aside_duplicate(self.conn, table, record_id, state, self.result)
                self.conn.execute(sql, [state.row.get(n, row[n]) for n in names])
        for sql, rows in batches.items():
            self.conn.executemany(sql, rows)
        last = int(self.conn.execute(f"SELECT coalesce(max(rowid), 0) FROM [{table}]")
                   .fetchone()[0])
        if last > first:  # rows a peer made: never sent back as ours
            self.conn.execute("INSERT INTO sync_applied_rows (table_name, first_rowid, "
                              "last_rowid) VALUES (?, ?, ?)", [table, first + 1, last])

    def _update_all(self, table: str, updated: list[tuple[str, RecordState]]) -> None:
        """Changed rows in the order they are stored (neighbours share pages), one statement
        per set of changed columns; a change that may meet a unique key goes alone."""
        stored = set(columns(self.conn, table))
        keyed = set(UNIQUE.get(table, ())) | {DELETED} if table in UNIQUE else set()
        batches: dict[str, list[list[Any]]] = {}
        for record_id, state in sorted(updated, key=lambda item: self._rowids[item[0]]):
            if keyed & set(state.changed):
                self._update(table, record_id, state)
                continue
            sql, params = self._update_statement(table, record_id, state, stored)
            batches.setdefault(sql, []).append(params)
        for sql, rows in batches.items():
            self.conn.executemany(sql, rows)

    def _update(self, table: str, record_id: str, state: RecordState) -> None:
        stored = set(columns(self.conn, table))
        try:
            self.conn.execute(*self._update_statement(table, record_id, state, stored))
        except sqlite3.IntegrityError as error:
            if table not in UNIQUE or "UNIQUE" not in str(error):
                raise
            set_aside_duplicate(self.conn, table, record_id, state, self.result)
            self.conn.execute(*self._update_statement(table, record_id, state, stored))

    def _update_statement(self, table: str, record_id: str, state: RecordState,
                          stored: set[str]) -> tuple[str, list[Any]]:
        assert state.row is not None
        values = {name: state.row[name] for name in state.changed if name in stored}
        if table == "customers" and "name" in values:
            values.update(derived_columns(table, state.row))
        stamp = str(state.row.get("updated_at") or "")
        values["updated_at"] = self._now if self._now > stamp else _later_than(stamp)
        names = tuple(values)
        sql = self._statements.get((table, names))
        if sql is None:
            sql = (f"UPDATE [{table}] SET {', '.join(f'[{n}] = ?' for n in names)} "
                   f"WHERE rowid = ?")
            self._statements[(table, names)] = sql
        return sql, [*values.values(), self._rowids[record_id]]

    def _relink(self, table: str, written: list[tuple[str, RecordState]]) -> None:
        """Rewrite the link lists of new records and of those whose list changed."""
        for name, link in LINKS.get(table, {}).items():
            changed = [(record_id, state) for record_id, state in written
                       if not state.inserted and name in state.changed]
            self.conn.executemany(f"DELETE FROM {link.table} WHERE {link.own} = ?",
                                  [(record_id,) for record_id, _ in changed])
            self.conn.executemany(
                f"INSERT INTO {link.table} ({link.own}, {link.other}) VALUES (?, ?)",
                sorted({(record_id, target) for record_id, state in written
                        if state.inserted or name in state.changed
                        for target in (state.row or {}).get(name) or ()}))

    def _customers(self, table: str, states: dict[str, RecordState]) -> dict[str, str | None]:
        """Record id -> its customer (through its plan for a plan's parts)."""
        column = customer_column(table)
        if column is not None:
            return {record_id: (s.row or {}).get(column) for record_id, s in states.items()}
        if table == "people":
            return {record_id: None for record_id in states}
        plans = {str((s.row or {}).get("plan_id")) for s in states.values()}
        owner = {row[0]: row[1] for row in self.conn.execute(
            "SELECT id, customer_id FROM plans WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(plans))])}
        return {record_id: owner.get(str((s.row or {}).get("plan_id")))
                for record_id, s in states.items()}

    def _log(self, table: str, entries: list[_Entry], customers: dict[str, str | None]) -> None:
        rows = []
        put_ids: dict[str, str] = {}
        for entry in entries:
            op = entry.op
            if op["o"] == "put":
                change_id = put_ids.setdefault(entry.record_id, new_id())
                hlc = str(op.get("c", {}).get(entry.name) or entry.state.base())
                at, user, device_name = utc_now_iso(), "", entry.device
            else:
                change_id, hlc = str(op.get("cid") or new_id()), str(op["h"])
                at, user = str(op.get("at") or utc_now_iso()), str(op.get("u") or "")
                device_name = str(op.get("d") or entry.device)
            action = "update"
            if entry.name == DELETED:
                action = "delete" if entry.new is not None else "restore"
            rows.append((change_id, at, device_name, user, action, table, entry.record_id,
                         customers.get(entry.record_id), entry.name, _json(entry.old),
                         _json(entry.new), hlc, entry.device))
        # In the order of the log's customer and record indexes (see the clocks above).
        rows.sort(key=lambda row: (row[7] or "", row[6]))
        self.conn.executemany(
            "INSERT INTO change_log (change_id, at, device, user, action, table_name, "
            "record_id, customer_id, field, old_value, new_value, hlc, origin) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)

def _lists_as_lists(table: str, op: Op) -> None:
    """A list field sent as its JSON text (as an importer logs it) becomes the list."""
    for name in LINKS.get(table, {}):
        if op["o"] == "put" and isinstance(op["r"].get(name), str):
            op["r"][name] = json.loads(op["r"][name])
        elif op["o"] == "set" and name in op["f"]:
            op["f"][name] = [json.loads(v) if isinstance(v, str) else v for v in op["f"][name]]


def _references(table: str, op: Op) -> Iterable[tuple[str, str]]:
    """(table, id) of each record an operation's values refer to."""
    values: dict[str, Any] = op["r"] if op["o"] == "put" else {
        name: pair[0] for name, pair in op["f"].items()}
    for column, parent in PARENTS.get(table, ()):
        if values.get(column):
            yield parent, str(values[column])
    for name, link in LINKS.get(table, {}).items():
        for target in values.get(name) or ():
            yield link.target, str(target)


def _needed(table: str, items: list[Item]) -> set[str] | None:
    """The columns the operations need to read (None: all of them, for a whole record
    that may meet its stored self): the fields they write, and what the rules, the
    references, unique keys and the customer it concerns are read from."""
    needed = {"id", "created_at", "updated_at", DELETED, "plan_id", "customer_id", "name",
              *UNIQUE.get(table, ()), *(column for column, _ in PARENTS.get(table, ()))}
    for op, _, _ in items:
        if op["o"] == "put":
            return None
        needed.update(op["f"])
    return needed


def derived_columns(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A customer's name key, worked out here (its search text is refreshed afterwards)."""
    if table != "customers":
        return {}
    from storage.search_keys import sort_key

    return {"name_sort": sort_key(str(row.get("name") or ""))}


def _later_than(stamp: str) -> str:
    """Now, or a millisecond after ``stamp``: a version stamp moves at every write."""
    now = utc_now_iso()
    if now > stamp:
        return now
    return (datetime.fromisoformat(stamp) + timedelta(milliseconds=1)).isoformat(
        timespec="milliseconds")


def _equal(a: Any, b: Any) -> bool:
    return bool(a == b) and (a is None) == (b is None)


def _json(value: Any) -> str | None:
    return None if value is None else encoded(value)
