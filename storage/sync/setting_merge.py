"""Merging the settings that travel (the scoring settings, the service levels): one value
per key, the later clock wins, and the value set aside is a conflict."""

from __future__ import annotations

import sqlite3
from typing import Any

from models.record import utc_now_iso
from storage.sync.applied import Applied
from storage.sync.clock import ZERO
from storage.sync.merge import encoded
from storage.sync.packets import Op
from storage.sync.tables import SETTINGS, SYNCED_SETTINGS


def merge_setting(conn: sqlite3.Connection, op: Op, device: str, result: Applied) -> None:
    """One setting's operation against the value here and its clock (``sync_settings``)."""
    key = str(op["id"])
    if key not in SYNCED_SETTINGS:
        return
    hlc = str(op["h"])
    new, old = op["f"]["value"]
    row = conn.execute("SELECT value, hlc FROM sync_settings WHERE key = ?", [key]).fetchone()
    current = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    ours = current[0] if current else None
    ours_hlc = row[1] if row else ZERO
    if hlc > result.latest:
        result.latest = hlc
    if hlc <= ours_hlc:
        if ours != new and old != ours:
            _conflict(conn, key, (ours, ours_hlc), (new, hlc), "ours", device, result)
        return
    if ours != new:
        if old != ours and ours is not None:  # they did not know the value set aside
            _conflict(conn, key, (ours, ours_hlc), (new, hlc), "theirs", device, result)
        conn.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                     "updated_at = excluded.updated_at", [key, new, utc_now_iso()])
        result.tables.add(SETTINGS)
    conn.execute("INSERT INTO sync_settings (key, value, hlc) VALUES (?, ?, ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value, hlc = excluded.hlc",
                 [key, new, hlc])


def _conflict(conn: sqlite3.Connection, key: str, ours: tuple[Any, str],
              theirs: tuple[Any, str], kept: str, device: str, result: Applied) -> None:
    conn.execute(
        "INSERT INTO sync_conflicts (table_name, record_id, customer_id, field, kind, ours, "
        "ours_hlc, theirs, theirs_hlc, kept, device, at) "
        "VALUES (?, ?, NULL, 'value', 'field', ?, ?, ?, ?, ?, ?, ?)",
        [SETTINGS, key, encoded(ours[0]), ours[1], encoded(theirs[0]), theirs[1], kept, device,
         utc_now_iso()])
    result.conflicts += 1
