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
from storage.sync import checkpoint, home, state
from storage.sync import folder as shared
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
    """BookCopiedError (storage/sync/home) when this book is a copy of its device's book.
    The folder is read only for a book that never sent and never synced as this device:
    the only case that asks what it holds."""
    asks = not device.packets and home.noted(db.conn).get("device") != device.device
    in_folder = sent_under(folder, device.device) if asks else 0
    with db.atomic():
        home.check(db.conn, device.device, sent=device.packets, in_folder=in_folder)


def sent_under(folder: Path, device: str) -> int:
    """The highest packet number the folder shows sent under ``device``: its packets', and
    its checkpoints' (a big first push is a checkpoint, its packet 1 never written, and
    compaction deletes the packets a checkpoint covers, so the folder may hold no packet of
    a device that sent thousands). A checkpoint counts by its folder's name, whole or still
    arriving: either way another book wrote it."""
    return max(max(shared.packets(folder, device), default=0),
               max(checkpoint.own_numbers(folder, device), default=0))


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
