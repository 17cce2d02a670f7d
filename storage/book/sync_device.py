"""This book as a device of its team, what sending, merging and the status all ask first:
whether it is in a team, whether this file is its device's home (a copy is stopped before it
sends or merges anything), what it has left to send, and how a long sync tells how far it is
(storage/book/sync.py is the face)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from models.validation import tr_noop
from storage.sync import folder as shared
from storage.sync import home, state
from storage.sync.errors import NotInTeamError
from storage.sync.tables import TABLES as SYNCED_TABLES

if TYPE_CHECKING:
    from storage.database import Database

#: Told how far a push, pull or compact is (0 to 1) and what it does (English words marked
#: for translation, storage's context); it may raise to stop: what was done stays, whole
#: (each packet is its own transaction; a checkpoint half-written is removed).
Progress = Callable[[float, str], None]
SENDING = tr_noop("Sending this book's changes")
CHECKPOINTING = tr_noop("Writing this book as a checkpoint")
MERGING = tr_noop("Merging the team's changes")


def own_device(conn: sqlite3.Connection) -> state.Device:
    """This book's device; NotInTeamError when it is in no team."""
    device = state.device(conn)
    if device.team_key is None:
        raise NotInTeamError()
    return device


def check_home(db: Database, device: state.Device, folder: Path) -> None:
    """BookCopiedError (storage/sync/home) when this book is a copy of its device's book."""
    written = shared.packets(folder, device.device)
    with db.atomic():
        home.check(db.conn, device.device, sent=device.packets,
                   in_folder=max(written, default=0))


def left_to_send(conn: sqlite3.Connection, pushed_seq: int) -> int:
    """The changes and new records not yet in a packet."""
    count = int(conn.execute(
        "SELECT count(*) FROM change_log WHERE seq > ? AND origin IS NULL AND action IN "
        "('update', 'delete', 'restore')", [pushed_seq]).fetchone()[0])
    marks = dict(conn.execute("SELECT table_name, pushed_rowid FROM sync_rows"))
    for table in SYNCED_TABLES:
        count += int(conn.execute(
            f"SELECT count(*) FROM [{table}] t WHERE t.rowid > ? AND NOT EXISTS "
            f"(SELECT 1 FROM sync_applied_rows a WHERE a.table_name = ? AND "
            f"a.first_rowid <= t.rowid AND a.last_rowid >= t.rowid)",
            [marks.get(table, 0), table]).fetchone()[0])
    return count
