"""Two members made the same unique key: the record made first keeps it (see
``tables.UNIQUE``), the same on every device whatever order the records arrive in."""

from __future__ import annotations

import sqlite3

from models.record import utc_now_iso
from models.validation import tr_noop
from storage.errors import StorageError
from storage.sync.applied import Applied
from storage.sync.merge import DELETED, RecordState, encoded
from storage.sync.tables import UNIQUE


class KeyTakenError(StorageError):
    """Taking back a value a merge set aside that another record now holds."""

    message = tr_noop("{value} now belongs to another record (a customer code, a plan's "
                      "period or a person's name is used once). Change that record first, "
                      "or keep the value the merge chose.")


def set_aside_duplicate(conn: sqlite3.Connection, table: str, record_id: str,
                        state: RecordState, result: Applied) -> None:
    """Two live records with one unique key: the one made first keeps it; the other
    loses its code (a customer) or is set aside as deleted (a plan, a person), on every
    device alike (deleted as of its own creation, a time every device knows)."""
    assert state.row is not None
    key = UNIQUE[table]
    where = " AND ".join(f"[{k}] = ?" for k in key)
    other = conn.execute(
        f"SELECT id, created_at FROM [{table}] WHERE {where} AND deleted_at IS NULL "
        f"AND id <> ?", [*(state.row[k] for k in key), record_id]).fetchone()
    if other is None:
        raise sqlite3.IntegrityError(f"a unique key of {table} is taken")
    other_first = (str(other[1]), str(other[0])) < (str(state.row.get("created_at")),
                                                    record_id)
    loser_id, loser_made = (record_id, str(state.row.get("created_at"))) if other_first \
        else (str(other[0]), str(other[1]))
    field_name = "code" if table == "customers" else DELETED
    set_aside = "" if table == "customers" else loser_made
    if loser_id == record_id:
        kept_value = state.row[field_name]
        state.write(field_name, set_aside)
    else:
        kept_value = conn.execute(f"SELECT [{field_name}] FROM [{table}] WHERE id = ?",
                                  [loser_id]).fetchone()[0]
        conn.execute(f"UPDATE [{table}] SET [{field_name}] = ?, updated_at = ? WHERE id = ?",
                     [set_aside, utc_now_iso(), loser_id])
        if table == "customers":
            result.search.add(loser_id)
    customer = loser_id if table == "customers" else state.row.get("customer_id")
    conn.execute(
        "INSERT INTO sync_conflicts (table_name, record_id, customer_id, field, kind, ours, "
        "ours_hlc, theirs, theirs_hlc, kept, device, at) "
        "VALUES (?, ?, ?, ?, 'duplicate', ?, NULL, ?, NULL, 'theirs', '', ?)",
        [table, loser_id, customer, field_name, encoded(kept_value), encoded(set_aside),
         utc_now_iso()])
    result.conflicts += 1
    result.tables.add(table)
