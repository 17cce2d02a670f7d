"""Applying a checkpoint (storage/sync/checkpoint.py) to this book, inside the caller's one
transaction.

* **Into an empty book** (a new member's: no records but perhaps its people), the records
  go in whole, table by table, with one ``executemany`` per chunk, their field clocks and
  list fields with them, the tables' indexes dropped for the load and built once after it,
  the customers' name and search keys as the checkpoint carries them, and the customer
  list's figures worked out once for the whole book. Nothing is logged in the History tab
  (there was nothing before), and nothing loaded is sent back.
* **Into a book with records** (a member back after months, whose next packets were
  deleted), each record is merged like a whole-record operation of a packet, field by
  field, with each field's clock and the value its write replaced: the same outcome, and
  the same conflicts, as merging the packets the checkpoint covers.

Either way the members' packets the checkpoint covers count as merged, and its waiting
operations wait here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from typing import Any, TypeVar

from storage.base import DatabaseBase
from storage.bulk_indexes import indexes_rebuilt, table_indexes
from storage.sync import state
from storage.sync.applied import Applied
from storage.sync.apply import Applier, derived_columns
from storage.sync.checkpoint import DERIVED, Manifest, parts
from storage.sync.clock import ZERO
from storage.sync.derived import refresh_search_texts
from storage.sync.packets import Keys, Op
from storage.sync.setting_merge import merge_setting
from storage.sync.tables import LINKS, SETTINGS, TABLES, columns

T = TypeVar("T")
#: Tables a new member's book may hold before it joins (the people it named itself).
_ALLOWED_BEFORE = frozenset({"people"})


def is_empty(conn: sqlite3.Connection) -> bool:
    """Whether the book holds no records yet (people aside) and has merged nothing."""
    if conn.execute("SELECT 1 FROM sync_peers WHERE applied > 0 LIMIT 1").fetchone():
        return False
    return not any(conn.execute(f"SELECT 1 FROM [{table}] LIMIT 1").fetchone()
                   for table in TABLES if table not in _ALLOWED_BEFORE)


def load(db: DatabaseBase, manifest: Manifest, keys: bytes | Keys, *, bulk: bool,
         refresh_all: Callable[[], None],
         progress: Callable[[float], None] | None = None) -> Applied:
    """Apply ``manifest``'s checkpoint (``bulk``: into an empty book; ``refresh_all`` works
    out every customer's figures); returns what it did. PacketError when a part is not what
    the manifest lists (nothing is kept then: the caller's transaction rolls back).
    ``progress`` is told the share of the parts applied after each (it may raise: the
    caller's transaction rolls back)."""
    conn = db.conn
    applier = Applier(conn)
    empty = {table for table in TABLES
             if bulk and not conn.execute(f"SELECT 1 FROM [{table}] LIMIT 1").fetchone()}
    with ExitStack() as stack:
        for table in sorted(empty) + (["customer_metrics"] if bulk else []):
            stack.enter_context(indexes_rebuilt(db, table, table_indexes(db, table)))
        for link in {link.table for table in empty for link in LINKS.get(table, {}).values()}:
            stack.enter_context(indexes_rebuilt(db, link, table_indexes(db, link)))
        same_keys = manifest.same_keys
        count = max(1, len(manifest.parts))
        for done, ops in enumerate(_read_ahead(parts(manifest, keys)), start=1):
            for op in ops:
                if op["o"] == "rows" and op["t"] in empty:
                    _insert(conn, op, same_keys, applier.result)
                elif op["o"] == "rows":
                    applier.apply([(put, manifest.device, 0) for put in _puts(op)])
                elif op["o"] == "settings":
                    _settings(conn, op, manifest.device, applier.result)
                elif op["o"] == "waiting":
                    conn.executemany(
                        "INSERT INTO sync_waiting (table_name, record_id, needs_table, "
                        "needs_id, op, device, number) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        op["rows"])
            if progress is not None:  # the indexes and figures after the last part: a
                progress(min(0.95, 0.95 * done / count))  # few seconds of a 100k book
        if empty:
            _finish_bulk(conn, empty, same_keys, refresh_all, applier.result)
    applier.retry_waiting()
    _covered(conn, manifest, applier.result)
    return applier.result


def _read_ahead(items: Iterator[T]) -> Iterator[T]:
    """The next part read, decrypted and decompressed on a thread of its own while this one
    writes the last (no connection crosses: the thread only reads files)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="keyplan-checkpoint") as pool:
        future = pool.submit(next, items, None)
        while (item := future.result()) is not None:
            future = pool.submit(next, items, None)
            yield item


def _insert(conn: sqlite3.Connection, op: Op, same_keys: bool, result: Applied) -> None:
    """One chunk of rows, whole, into a table that was empty."""
    table = str(op["t"])
    cols: list[str] = list(op["cols"])
    stored = set(columns(conn, table)) | (set(DERIVED.get(table, ())) if same_keys else set())
    keep = [n for n, name in enumerate(cols) if name in stored]
    names = [cols[n] for n in keep]
    extra: list[str] = []
    if table in DERIVED and not same_keys:
        extra = list(derived_columns(table, {}))
    sql = (f"INSERT INTO [{table}] ({', '.join(f'[{n}]' for n in [*names, *extra])}) "
           f"VALUES ({', '.join('?' * (len(names) + len(extra)))})")
    rows = op["rows"]
    if extra:
        at = cols.index("name") if "name" in cols else None
        conn.executemany(sql, [[*(row[n] for n in keep),
                                *derived_columns(table, {"name": row[at] if at is not None
                                                         else ""}).values()]
                               for row in rows])
    elif keep == list(range(len(keep))):  # the leading columns (list fields come last)
        width = len(keep)
        conn.executemany(sql, rows if width == len(cols) else [row[:width] for row in rows])
    else:
        conn.executemany(sql, [[row[n] for n in keep] for row in rows])
    for name, link in LINKS.get(table, {}).items():
        if name in cols:
            at = cols.index(name)
            conn.executemany(f"INSERT INTO {link.table} ({link.own}, {link.other}) "
                             f"VALUES (?, ?)",
                             [(row[0], target) for row in rows for target in row[at] or ()])
    clocks: dict[str, dict[str, list[Any]]] = op.get("clocks", {})
    conn.executemany(
        "INSERT INTO sync_clocks (table_name, record_id, field, hlc, prev) VALUES (?, ?, ?, "
        "?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc, prev = excluded.prev "
        "WHERE excluded.hlc > sync_clocks.hlc",
        sorted((table, record_id, name, pair[0], pair[1])
               for record_id, fields in clocks.items() for name, pair in fields.items()))
    result.ops += len(rows)
    result.records += len(rows)
    result.tables.add(table)
    result.tables.update(link.table for link in LINKS.get(table, {}).values())
    result.added_or_removed = True
    latest = max((pair[0] for fields in clocks.values() for pair in fields.values()),
                 default=ZERO)
    if latest > result.latest:
        result.latest = latest


def _finish_bulk(conn: sqlite3.Connection, empty: set[str], same_keys: bool,
                 refresh_all: Callable[[], None], result: Applied) -> None:
    """What a bulk load leaves to do once: the derived keys (if not carried), the customer
    list's rows and figures, and the marks that keep the rows from being sent back."""
    if "customers" in empty:
        if not same_keys:
            refresh_search_texts(conn, [row[0] for row in conn.execute(
                "SELECT id FROM customers")])
        refresh_all()
        result.everything = True
    for table in empty:
        last = conn.execute(f"SELECT rowid, id FROM [{table}] ORDER BY rowid DESC "
                            f"LIMIT 1").fetchone()
        if last is not None:  # nothing in it is ours: nothing to send
            conn.execute("INSERT INTO sync_rows (table_name, pushed_rowid, pushed_id) "
                         "VALUES (?, ?, ?) ON CONFLICT (table_name) DO UPDATE SET "
                         "pushed_rowid = excluded.pushed_rowid, pushed_id = excluded.pushed_id",
                         [table, last[0], last[1]])


def _puts(op: Op) -> list[Op]:
    """A chunk of rows as whole-record operations, with their fields' clocks and the values
    those writes replaced (so that a merge tells a conflict as the packets would have)."""
    table = str(op["t"])
    cols = list(op["cols"])
    derived = set(DERIVED.get(table, ()))
    clocks: dict[str, dict[str, list[Any]]] = op.get("clocks", {})
    puts: list[Op] = []
    for row in op["rows"]:
        record = {name: value for name, value in zip(cols, row, strict=True)
                  if name not in derived}
        record_id = record.pop("id")
        put: Op = {"o": "put", "t": table, "id": record_id, "r": record}
        fields = clocks.get(record_id)
        if fields:
            put["c"] = {name: pair[0] for name, pair in fields.items()}
            put["p"] = {name: pair[1] for name, pair in fields.items() if pair[1] is not None}
        puts.append(put)
    return puts


def _settings(conn: sqlite3.Connection, op: Op, device: str, result: Applied) -> None:
    mine = {row[0]: (row[1], row[2]) for row in conn.execute(
        "SELECT s.key, s.value, coalesce(c.hlc, ?) FROM settings s LEFT JOIN sync_settings c "
        "ON c.key = s.key", [ZERO])}
    for key, value, hlc in op["rows"]:
        if not hlc:
            continue  # never sent by its book: a default, not a choice
        ours, ours_hlc = mine.get(key, (None, ZERO))
        # A value this book never synced is not set aside: it was a default, not a choice.
        old = ours if ours_hlc == ZERO else None
        merge_setting(conn, {"o": "set", "t": SETTINGS, "id": key, "h": hlc,
                             "f": {"value": [value, old]}}, device, result)


def _covered(conn: sqlite3.Connection, manifest: Manifest, result: Applied) -> None:
    """The members' packets the checkpoint covers count as merged here."""
    applied = state.applied(conn)
    own = state.device(conn)
    for member, number in manifest.covers.items():
        if number <= applied.get(member, 0):
            continue
        hlc = manifest.last_hlc.get(member) or manifest.made
        state.mark_applied(conn, member, number, hlc)
        conn.execute("DELETE FROM sync_quarantine WHERE device = ? AND number <= ?",
                     [member, number])
        if member == own.device:  # our own, from before this book was restored
            state.set_pushed(conn, seq=0, packets=number)
        if hlc > result.latest:
            result.latest = hlc
    if manifest.made > result.latest:
        result.latest = manifest.made
