"""The values team merges set aside (``sync_conflicts``): listed per customer, and either
side taken back with one call (the History tab's "take this value instead").

Taking a side is an edit of this book that travels like any other, and the members' books
resolve the same conflict when it arrives (storage/sync/apply.py: a later write whose new
and replaced values are the conflict's two). Taking the value that already won changes
nothing in the record, yet it is logged and sent all the same, so that it resolves there too.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from models.entities import Customer
from models.record import new_id, utc_now_iso
from storage.book.records import Done, changes_of
from storage.changes import Changes
from storage.errors import RecordNotFoundError
from storage.history import device_name, user_name
from storage.mapping import TABLES, from_row, to_row
from storage.sync.clock import stamp
from storage.sync.merge import encoded, same
from storage.sync.tables import LINKS, SETTINGS
from storage.sync.unique import KeyTakenError

if TYPE_CHECKING:
    from storage.database import Database


@dataclass(frozen=True)
class Conflict:
    """A value a merge set aside: ``kept`` says whose stayed; ``take_theirs`` and
    ``take_ours`` make either the current one."""

    id: int
    table: str
    record_id: str
    customer_id: str | None
    field: str
    kind: str  # "field", "revived" (a delete and a later edit) or "duplicate"
    ours: Any
    ours_hlc: str | None
    theirs: Any
    theirs_hlc: str | None
    kept: str
    device: str
    at: str
    resolved_at: str | None


def conflicts_of(conn: sqlite3.Connection, customer_id: str, *,
                 resolved: bool = False) -> list[Conflict]:
    """The values merges set aside for a customer and its records, newest first."""
    where = "" if resolved else "AND resolved_at IS NULL"
    return [_conflict(row) for row in conn.execute(
        f"SELECT * FROM sync_conflicts WHERE customer_id = ? {where} ORDER BY id DESC",
        [customer_id])]


def open_conflicts(conn: sqlite3.Connection) -> list[Conflict]:
    """Every conflict not yet resolved (settings' too), newest first."""
    return [_conflict(row) for row in conn.execute(
        "SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id DESC")]


def take(db: Database, conflict_id: int, side: str) -> Done:
    """Make one side's value of a conflict the current one, as a new edit of this book (sent
    at the next push, where it wins); every open conflict on that field is resolved."""
    row = db.conn.execute("SELECT * FROM sync_conflicts WHERE id = ?",
                          [conflict_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(kind="sync_conflicts", key=str(conflict_id))
    conflict = _conflict(row)
    value = conflict.theirs if side == "theirs" else conflict.ours
    change_id = new_id()
    changes = Changes()
    with db.atomic():
        if conflict.table == SETTINGS:
            db.conn.execute("UPDATE settings SET value = ?, updated_at = ? WHERE key = ?",
                            [value, utc_now_iso(), conflict.record_id])
            changes = Changes(frozenset({SETTINGS}), None)
        else:
            try:
                changes = _set_field(db, conflict, value, change_id)
            except sqlite3.IntegrityError as error:
                if "UNIQUE" not in str(error):
                    raise
                raise KeyTakenError(value=_shown(value), field=conflict.field) from error
        db.conn.execute(
            "UPDATE sync_conflicts SET resolved_at = ? WHERE resolved_at IS NULL AND "
            "table_name = ? AND record_id = ? AND field = ?",
            [utc_now_iso(), conflict.table, conflict.record_id, conflict.field])
    return Done(change_id, changes | Changes(frozenset({"change_log"}), frozenset()))


def _set_field(db: Database, conflict: Conflict, value: Any, change_id: str) -> Changes:
    cls = next(c for c, table in TABLES.items() if table == conflict.table)
    record = db.get(cls, conflict.record_id, include_deleted=True)
    current = _stored(db, conflict)
    if same(current, value):  # the value that won: nothing moves, the choice still travels
        _log_choice(db, conflict, value, change_id)
        return changes_of(cls, _customer(record), fields=frozenset({conflict.field}))
    if conflict.field == "deleted_at":
        if (value is None) != (record.deleted_at is None):
            if value is None:
                db.restore(cls, record.id, change_id=change_id)
            else:
                db.soft_delete(cls, record.id, change_id=change_id)
        return changes_of(cls, _customer(record), added_or_removed=True)
    if conflict.field in LINKS.get(conflict.table, {}):  # contact_ids, need_ids
        links: dict[str, Any] = {conflict.field: tuple(value or ())}
        record = replace(record, **links)
    else:
        row = to_row(record)
        row[conflict.field] = value
        record = from_row(cls, row)
    db.update(replace(record, updated_at=""), force=True, change_id=change_id)
    return changes_of(cls, _customer(record), fields=frozenset({conflict.field}))


def _stored(db: Database, conflict: Conflict) -> Any:
    link = LINKS.get(conflict.table, {}).get(conflict.field)
    if link is not None:
        return [row[0] for row in db.conn.execute(
            f"SELECT {link.other} FROM {link.table} WHERE {link.own} = ? ORDER BY {link.other}",
            [conflict.record_id])]
    row = db.conn.execute(f"SELECT [{conflict.field}] FROM [{conflict.table}] WHERE id = ?",
                          [conflict.record_id]).fetchone()
    return None if row is None else row[0]


def _log_choice(db: Database, conflict: Conflict, value: Any, change_id: str) -> None:
    """The value kept as the user's choice: logged (new and replaced value alike) and
    clocked, so that it is sent and resolves the conflict on the members' books too."""
    hlc = stamp(db.conn)
    text = encoded(value)
    db.conn.execute(
        "INSERT INTO change_log (change_id, at, device, user, action, table_name, record_id, "
        "customer_id, field, old_value, new_value, hlc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [change_id, utc_now_iso(), device_name(), user_name(), "update", conflict.table,
         conflict.record_id, conflict.customer_id, conflict.field, text, text, hlc])
    db.conn.execute(
        "INSERT INTO sync_clocks (table_name, record_id, field, hlc, prev) VALUES "
        "(?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc, prev = excluded.prev",
        [conflict.table, conflict.record_id, conflict.field, hlc, text])


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def _conflict(row: sqlite3.Row | tuple[Any, ...]) -> Conflict:
    (conflict_id, table, record_id, customer_id, field_name, kind, ours, ours_hlc, theirs,
     theirs_hlc, kept, device, at, resolved_at) = row
    return Conflict(id=int(conflict_id), table=table, record_id=record_id,
                    customer_id=customer_id, field=field_name, kind=kind,
                    ours=None if ours is None else json.loads(ours), ours_hlc=ours_hlc,
                    theirs=None if theirs is None else json.loads(theirs),
                    theirs_hlc=theirs_hlc, kept=kept, device=device, at=at,
                    resolved_at=resolved_at)


def _customer(record: Any) -> str | None:
    if isinstance(record, Customer):
        return str(record.id)
    value = getattr(record, "customer_id", None)
    return str(value) if value else None
