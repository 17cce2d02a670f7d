"""This book's changes since its last packet, as packet operations.

Three sources, each read from where it already is, so that an ordinary edit costs nothing
more than its change-log entry:

* **New rows**, from each synced table's rows above the last row id sent (``sync_rows``),
  as whole records (``put``): whatever wrote them, a form, an import writing a million
  lines in bulk, a plan's new action, and with the clocks of the fields written since.
  Rows a peer's packet inserted here are listed in ``sync_applied_rows`` and skipped. If
  the row id last sent no longer holds the record it did (the file was rebuilt by another
  tool), the table is sent again whole: a record sent twice merges to itself.
* **Edits, deletes and restores**, from the change log after the last entry sent
  (``pushed_seq``), field by field with the value each replaced (``set``). An import's
  field updates are logged so too. The undo of a sales import deletes its lines in one
  statement and logs one entry per customer (``delete`` of ``import_batches``): its lines
  go as tombstones, their clocks written here as for any delete.
* **The synced settings**, compared with what was last sent (``sync_settings``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from storage.sync.clock import stamp
from storage.sync.packets import Op
from storage.sync.tables import LINKS, SETTINGS, SYNCED_SETTINGS, TABLES, columns

_CLOCK_MAX_SQL = ("INSERT INTO sync_clocks (table_name, record_id, field, hlc, prev) "
                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc, "
                  "prev = excluded.prev WHERE excluded.hlc > sync_clocks.hlc")


@dataclass
class Captured:
    """Operations for one packet, and the state to save once the packet is written."""

    ops: list[Op] = field(default_factory=list)
    pushed_seq: int | None = None
    rows: dict[str, tuple[int, str]] = field(default_factory=dict)  # table -> (rowid, id)
    settings: list[tuple[str, str | None, str]] = field(default_factory=list)
    full: bool = False  # the limit was reached: more to capture


def capture(conn: sqlite3.Connection, pushed_seq: int, limit: int) -> Captured:
    """Up to about ``limit`` operations, new rows first (a packet's edits then find their
    records), then edits, then settings."""
    result = Captured()
    for table in TABLES:
        _new_rows(conn, table, limit, result)
        if result.full:
            return result
    _logged(conn, pushed_seq, limit, result)
    if not result.full:
        _settings(conn, result)
    return result


def save(conn: sqlite3.Connection, captured: Captured) -> None:
    """Record what ``captured`` sent (call once its packet is written)."""
    for table, (rowid, record_id) in captured.rows.items():
        conn.execute("INSERT INTO sync_rows (table_name, pushed_rowid, pushed_id) "
                     "VALUES (?, ?, ?) ON CONFLICT (table_name) DO UPDATE SET "
                     "pushed_rowid = excluded.pushed_rowid, pushed_id = excluded.pushed_id",
                     [table, rowid, record_id])
        conn.execute("DELETE FROM sync_applied_rows WHERE table_name = ? AND last_rowid <= ?",
                     [table, rowid])
    conn.executemany("INSERT INTO sync_settings (key, value, hlc) VALUES (?, ?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                     "hlc = excluded.hlc", captured.settings)


def clock_bulk_deletes(conn: sqlite3.Connection, pushed_seq: int) -> None:
    """Give the lines a sales import's undo deleted in bulk (not yet sent) the clock of that
    undo, as a delete of one record gets: before merging a peer's edit of one of them."""
    for _op in _bulk_deletes(conn, pushed_seq, None):
        pass  # the clocks are written as the operations are made


# ---- new rows ------------------------------------------------------------------------------
def _new_rows(conn: sqlite3.Connection, table: str, limit: int, result: Captured) -> None:
    after = _pushed_rowid(conn, table)
    names = columns(conn, table)
    select = ", ".join(f"t.[{name}]" for name in names)
    room = limit - len(result.ops)
    rows = conn.execute(
        f"SELECT t.rowid, {select} FROM [{table}] t WHERE t.rowid > ? AND NOT EXISTS "
        f"(SELECT 1 FROM sync_applied_rows a WHERE a.table_name = ? AND a.first_rowid <= "
        f"t.rowid AND a.last_rowid >= t.rowid) ORDER BY t.rowid LIMIT ?",
        [after, table, room + 1]).fetchall()
    if len(rows) > room:
        rows = rows[:room]
        result.full = True
    else:  # nothing left: the mark moves past rows applied from peers too
        last = conn.execute(f"SELECT rowid, id FROM [{table}] ORDER BY rowid DESC "
                            f"LIMIT 1").fetchone()
        if last is not None and last[0] > after:
            result.rows[table] = (int(last[0]), str(last[1]))
    if not rows:
        return
    if result.full:
        result.rows[table] = (int(rows[-1][0]), str(rows[-1][1 + names.index("id")]))
    records = [dict(zip(names, row[1:], strict=True)) for row in rows]
    ids = [record["id"] for record in records]
    clocks = _clocks(conn, table, ids)
    links = {name: _links(conn, link.table, link.own, link.other, ids)
             for name, link in LINKS.get(table, {}).items()}
    for record in records:
        record_id = record.pop("id")
        for name, found in links.items():
            record[name] = found.get(record_id, [])
        op: Op = {"o": "put", "t": table, "id": record_id, "r": record}
        if record_id in clocks:
            op["c"] = clocks[record_id]
        result.ops.append(op)


def _pushed_rowid(conn: sqlite3.Connection, table: str) -> int:
    row = conn.execute("SELECT pushed_rowid, pushed_id FROM sync_rows WHERE table_name = ?",
                       [table]).fetchone()
    if row is None or not row[0]:
        return 0
    holder = conn.execute(f"SELECT id FROM [{table}] WHERE rowid = ?", [row[0]]).fetchone()
    if holder is None or holder[0] != row[1]:
        return 0  # rows were renumbered (a VACUUM by another tool): send the table again
    return int(row[0])


def _clocks(conn: sqlite3.Connection, table: str, ids: list[str]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for start in range(0, len(ids), 50_000):
        for record_id, name, hlc in conn.execute(
                "SELECT record_id, field, hlc FROM sync_clocks WHERE table_name = ? AND "
                "record_id IN (SELECT value FROM json_each(?))",
                [table, json.dumps(ids[start:start + 50_000])]):
            found.setdefault(record_id, {})[name] = hlc
    return found


def _links(conn: sqlite3.Connection, table: str, own: str, other: str,
           ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for start in range(0, len(ids), 50_000):
        for owner, target in conn.execute(
                f"SELECT {own}, {other} FROM {table} WHERE {own} IN "
                f"(SELECT value FROM json_each(?)) ORDER BY {own}, {other}",
                [json.dumps(ids[start:start + 50_000])]):
            found.setdefault(owner, []).append(target)
    return found


# ---- the change log --------------------------------------------------------------------------
_LOG_SQL = """
SELECT seq, change_id, at, device, user, action, table_name, record_id, field, old_value,
       new_value, hlc
FROM change_log WHERE seq > ? AND origin IS NULL ORDER BY seq LIMIT ?
"""


def _logged(conn: sqlite3.Connection, pushed_seq: int, limit: int, result: Captured) -> None:
    room = limit - len(result.ops)
    if room <= 0:
        result.full = True
        return
    rows = conn.execute(_LOG_SQL, [pushed_seq, room + 1]).fetchall()
    if len(rows) > room:
        rows = rows[:room]
        result.full = True
    synced = set(TABLES)
    current: Op | None = None
    undone: set[str] = set()
    for seq, change_id, at, device_name, user, action, table, record_id, name, old, new, hlc \
            in rows:
        result.pushed_seq = int(seq)
        if table == "import_batches" and action == "delete" and change_id not in undone:
            undone.add(change_id)  # one entry per customer; its lines once
            result.ops.extend(_bulk_deletes(conn, int(seq) - 1, change_id))
            current = None
            continue
        if action not in ("update", "delete", "restore") or table not in synced or not name \
                or hlc is None:
            continue  # creates travel as new rows; imports' new rows likewise
        pair = [_value(new), _value(old)]
        if name in LINKS.get(table, {}):  # the importer logs a list as its JSON text
            pair = [json.loads(v) if isinstance(v, str) else v for v in pair]
        if current is not None and (current["cid"], current["t"], current["id"], current["h"]) \
                == (change_id, table, record_id, hlc):
            current["f"][name] = pair
            continue
        current = {"o": "set", "t": table, "id": record_id, "h": hlc, "f": {name: pair},
                   "cid": change_id, "at": at, "u": user, "d": device_name}
        result.ops.append(current)


def _bulk_deletes(conn: sqlite3.Connection, after_seq: int,
                  change_id: str | None) -> Iterator[Op]:
    """Tombstones of the lines deleted in bulk by sales imports' undos logged after
    ``after_seq`` (only the one of ``change_id`` when given); writes their clocks."""
    where = "AND change_id = ?" if change_id else ""
    params: list[Any] = [after_seq, *([change_id] if change_id else [])]
    undos = conn.execute(
        "SELECT DISTINCT change_id, hlc, at, user, device FROM change_log WHERE seq > ? "
        f"AND action = 'delete' AND table_name = 'import_batches' AND origin IS NULL {where}",
        params).fetchall()
    for undo_id, hlc, at, user, device_name in undos:
        for batch_id, undone_at in conn.execute(
                "SELECT id, undone_at FROM import_batches WHERE undo_change_id = ?", [undo_id]):
            lines = [row[0] for row in conn.execute(
                "SELECT id FROM transactions WHERE import_batch = ? AND deleted_at = ?",
                [batch_id, undone_at])]
            conn.executemany(_CLOCK_MAX_SQL, [("transactions", line, "deleted_at", hlc,
                                               json.dumps(None)) for line in lines])
            for line in lines:
                yield {"o": "set", "t": "transactions", "id": line, "h": hlc,
                       "f": {"deleted_at": [undone_at, None]}, "cid": undo_id, "at": at,
                       "u": user, "d": device_name}


def _value(text: str | None) -> Any:
    return None if text is None else json.loads(text)


# ---- settings ------------------------------------------------------------------------------------
def _settings(conn: sqlite3.Connection, result: Captured) -> None:
    sent = {row[0]: row[1] for row in conn.execute("SELECT key, value FROM sync_settings")}
    for key in SYNCED_SETTINGS:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        if row is None or (key in sent and sent[key] == row[0]):
            continue
        hlc = stamp(conn)
        result.ops.append({"o": "set", "t": SETTINGS, "id": key, "h": hlc,
                           "f": {"value": [row[0], sent.get(key)]}})
        result.settings.append((key, row[0], hlc))
