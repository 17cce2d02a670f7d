"""Where this book's device lives: a copy of the book on another computer is caught before
it sends packets under the original's device id (they would collide in the folder, or one
would overwrite what the other sent as the same numbers).

The book keeps, as a local setting never sent (``sync_home``), its device id and the name of
the computer it last synced on. A sync on another computer under the same id stops with
:class:`BookCopiedError`, which names the two ways out: a new device id for a copy
(:func:`new_device`), or, for a book moved to this computer for good, :func:`moved_here`.
"""

from __future__ import annotations

import json
import socket
import sqlite3

from models.record import new_id, utc_now_iso
from models.validation import tr_noop
from storage.errors import StorageError

KEY = "sync_home"


class BookCopiedError(StorageError):
    code = "book_copied"  # the window offers two buttons instead of the commands
    message = tr_noop("This book's team device was last used on the computer {there}; this is "
                      "{here}. Two copies of one book must not sync as one member: nothing was "
                      "sent or merged. If this is a copy and the original is still used, give "
                      "this copy its own device id (keyplan sync FOLDER --new-device). If the "
                      "book moved here for good, say so (keyplan sync FOLDER --moved-here).")


def computer() -> str:
    return socket.gethostname() or "unknown"


def check(conn: sqlite3.Connection, device: str) -> None:
    """BookCopiedError when ``device`` last synced on another computer; otherwise note this
    computer as its home (the first sync of a device, or after a new id). Call inside the
    sync's transaction."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", [KEY]).fetchone()
    home = _read(row[0]) if row else {}
    here = computer()
    if home.get("device") == device and home.get("computer") not in (None, here):
        raise BookCopiedError(there=str(home["computer"]), here=here)
    if home.get("device") != device or home.get("computer") != here:
        _write(conn, device, here)


def moved_here(conn: sqlite3.Connection, device: str) -> None:
    """The book moved to this computer for good: it syncs here under its device id."""
    _write(conn, device, computer())


def new_device(conn: sqlite3.Connection) -> str:
    """A new device id for this copy of a book, here; returns it. Everything it holds was
    already sent by the original or is merged there by the same clocks, so nothing is sent
    again; its own packets start from 1 under the new id, and the original's packets merge
    into it as a member's."""
    device = new_id()
    conn.execute("UPDATE sync_device SET device = ?, packets = 0 WHERE id = 1", [device])
    _write(conn, device, computer())
    return device


def _read(text: str) -> dict[str, str]:
    try:
        found = json.loads(text)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _write(conn: sqlite3.Connection, device: str, here: str) -> None:
    conn.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                 "updated_at = excluded.updated_at",
                 [KEY, json.dumps({"device": device, "computer": here}), utc_now_iso()])
