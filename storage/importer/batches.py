"""Import batches: the row each import leaves in ``import_batches``, and finding them again."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from models.record import new_id, utc_now_iso
from storage.importer.store import BookConnection


@dataclass(frozen=True)
class ImportBatch:
    """One import: what it read and wrote, and whether it has been undone.

    ``change_id`` groups every change-log row the import wrote; ``undo_change_id`` those of
    its undo."""

    id: int
    change_id: str
    at: str
    kind: str
    source: str
    rows_added: int
    rows_updated: int
    undone_at: str | None
    undo_change_id: str | None

    @property
    def undone(self) -> bool:
        return self.undone_at is not None


_COLUMNS = ("id, change_id, at, kind, source, rows_added, rows_updated, undone_at, "
            "undo_change_id")


def begin_batch(db: BookConnection, kind: str, source: str) -> ImportBatch:
    """A new batch row, written inside the import's transaction (gone if it rolls back)."""
    change_id, at = new_id(), utc_now_iso()
    cursor = db.conn.execute("INSERT INTO import_batches (change_id, at, kind, source) "
                             "VALUES (?, ?, ?, ?)", [change_id, at, kind, source])
    assert cursor.lastrowid is not None  # an INSERT that succeeded sets it
    return ImportBatch(cursor.lastrowid, change_id, at, kind, source, 0, 0, None, None)


def finish_batch(db: BookConnection, batch: ImportBatch, added: int, updated: int) -> int | None:
    """Record the counts; an import that wrote nothing leaves no batch (returns None)."""
    if not added and not updated:
        db.conn.execute("DELETE FROM import_batches WHERE id = ?", [batch.id])
        return None
    db.conn.execute("UPDATE import_batches SET rows_added = ?, rows_updated = ? WHERE id = ?",
                    [added, updated, batch.id])
    return batch.id


def get_batch(db: BookConnection, batch_id: int) -> ImportBatch | None:
    rows = _select(db, "id = ?", [int(batch_id)])
    return rows[0] if rows else None


def list_batches(db: BookConnection, *, limit: int = 100) -> list[ImportBatch]:
    """The newest imports first."""
    return _select(db, "1", [], limit=limit)


def last_batch(db: BookConnection) -> ImportBatch | None:
    """The newest import not undone yet."""
    rows = _select(db, "undone_at IS NULL", [], limit=1)
    return rows[0] if rows else None


def batches_of_changes(db: BookConnection, change_ids: Iterable[str]) -> dict[str, ImportBatch]:
    """change id -> the batch it belongs to, for the ids that are an import's own or the
    change id of an import's undo."""
    ids = sorted(set(change_ids))
    found: dict[str, ImportBatch] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for batch in _select(db, f"change_id IN ({marks}) OR undo_change_id IN ({marks})",
                             [*chunk, *chunk], limit=None):
            found[batch.change_id] = batch
            if batch.undo_change_id:
                found[batch.undo_change_id] = batch
    return found


def newest_change_id(db: BookConnection, excluding: Collection[str] = ()) -> str | None:
    """The change id of the newest change-log row whose id is not in ``excluding``, imports
    included (``latest_change`` passes over them)."""
    row = db.conn.execute(
        "SELECT change_id FROM change_log WHERE change_id NOT IN "
        "(SELECT value FROM json_each(?)) ORDER BY seq DESC LIMIT 1",
        [json.dumps(sorted(excluding))]).fetchone()
    return None if row is None else str(row[0])


def _select(db: BookConnection, where: str, params: list[Any], *,
            limit: int | None = 100) -> list[ImportBatch]:
    sql = f"SELECT {_COLUMNS} FROM import_batches WHERE {where} ORDER BY id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [ImportBatch(*row) for row in db.conn.execute(sql, params)]
