"""Where this book's device lives: a copy of the book is caught before it sends or merges
anything under the original's device id (the two would interleave their packets as one member,
each taking the other's numbers and clocks for its own).

The book keeps, as a local setting never sent (``sync_home``), its device id, the name of the
computer it last synced on and its own file's path there. A sync stops with
:class:`BookCopiedError` (or its kinds below), which names the two ways out, a new device id
for a copy (:func:`new_device`) or, for a book moved for good, :func:`moved_here`, when:

* it runs on another computer than the device's last sync (a copy taken to another laptop);
* it runs on the same computer from another file while the book at the device's last path
  still holds this device id (a copy beside the original: :class:`BookCopiedHereError`);
* the book never synced as this device, yet the folder holds its packets or checkpoints
  that it did not write (a copy made before the first sync, whose original synced first:
  :class:`DeviceInUseError`; a checkpoint counts, as the original's first push may have
  been one, and compaction deletes the packets it covers).

A book that found another book's packet where its own next one was to go
(:class:`~storage.sync.errors.PacketTakenError`, noted by :func:`taken`) is stopped so at
every later sync until it takes a new device id: the other copy is in use, so it never moved
here for good (:func:`moved_here` refuses), and without the note its next sync would number
its packets after the other copy's, the two syncing as one member.

A book whose file moved on the same computer (the old path gone, or another book there) syncs
on and notes its new path. A book copied out of a shared folder to this computer
(:func:`hand_over`) moves its device with it: the copy syncs on, and the file left behind is
the copy that is stopped.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from pathlib import Path

from models.record import new_id, utc_now_iso
from models.validation import tr_noop
from storage.errors import StorageError
from storage.sync.errors import PacketTakenError

KEY = "sync_home"


class BookCopiedError(StorageError):
    code = "book_copied"  # the window offers two buttons instead of the commands
    message = tr_noop("This book's team device was last used on the computer {there}; this is "
                      "{here}. Two copies of one book must not sync as one member: nothing was "
                      "sent or merged. If this is a copy and the original is still used, give "
                      "this copy its own device id (keyplan sync FOLDER --new-device). If the "
                      "book moved here for good, say so (keyplan sync FOLDER --moved-here).")


class BookCopiedHereError(BookCopiedError):
    code = "book_copied_here"
    message = tr_noop("The book {other} on this computer syncs as this book's team device: one "
                      "of the two is a copy of the other. Two copies of one book must not sync "
                      "as one member: nothing was sent or merged. If this is a copy and the "
                      "other is still used, give this copy its own device id (keyplan sync "
                      "FOLDER --new-device). If this file replaces the other for good, say so "
                      "(keyplan sync FOLDER --moved-here).")


class DeviceInUseError(BookCopiedError):
    code = "device_in_use"
    message = tr_noop("The shared folder holds packets up to number {number} sent under this "
                      "book's team device id, though this book never synced: another copy of "
                      "it syncs there. Two copies of one book must not sync as one member: "
                      "nothing was sent or merged. If this is a copy and the other is still "
                      "used, give this copy its own device id (keyplan sync FOLDER "
                      "--new-device). If the other is gone for good, say so (keyplan sync "
                      "FOLDER --moved-here).")


def computer() -> str:
    return socket.gethostname() or "unknown"


def check(conn: sqlite3.Connection, device: str, *, sent: int, in_folder: int) -> None:
    """BookCopiedError (or a kind of it) when this book is a copy of ``device``'s book (see
    the module); otherwise note this computer and file as its home (the first sync of a
    device, after a new id, or after the file moved). ``sent``: the packets this book wrote;
    ``in_folder``: the highest number the folder shows sent under the device, by its packets
    or its checkpoints (storage/book/sync_device.sent_under; read only when this book never
    sent nor synced as ``device``, else 0). Call inside the sync's transaction."""
    home = noted(conn)
    here, path = computer(), book_path(conn)
    if home.get("device") == device:
        if home.get("taken"):
            raise PacketTakenError(str(home["taken"]))
        if home.get("computer") not in (None, here):
            raise BookCopiedError(there=str(home["computer"]), here=here)
        last = home.get("path")
        if last and path and not _same_file(last, path) and _device_of(last) == device:
            raise BookCopiedHereError(other=last)
    elif not sent and in_folder:
        raise DeviceInUseError(number=in_folder)
    if home.get("device") != device or home.get("computer") != here \
            or home.get("path") != path:
        _write(conn, device, here, path)


def moved_here(conn: sqlite3.Connection, device: str) -> None:
    """The book moved to this computer, or this file, for good: it syncs here under its
    device id. PacketTakenError when another copy was found sending under it (:func:`taken`):
    that one is in use."""
    home = noted(conn)
    if home.get("device") == device and home.get("taken"):
        raise PacketTakenError(str(home["taken"]))
    _write(conn, device, computer(), book_path(conn))


def taken(conn: sqlite3.Connection, device: str, packet: str) -> None:
    """Note that another book wrote ``packet`` under ``device`` where this book's next packet
    was to go: every later sync of this book stops with PacketTakenError until it takes a new
    device id (:func:`new_device`). Call inside a transaction."""
    home = noted(conn)
    _write(conn, device, str(home.get("computer") or computer()),
           str(home.get("path") or book_path(conn)), taken=packet)


def hand_over(conn: sqlite3.Connection, source: Path, target: Path) -> bool:
    """Note in the book of ``conn`` (the book at ``source`` or a whole copy of it) that the
    book moved for good from ``source`` to ``target`` on this computer: its team device's
    home becomes ``target``. Noted in both books, the one at ``target`` syncs on under the
    device id without asking, and the one left at ``source``, synced again, is stopped as a
    copy (:class:`BookCopiedHereError` naming ``target`` here, :class:`BookCopiedError` on
    another computer), as long as the book at ``target`` holds the device. Returns False, and
    notes nothing, when the book is in no team or when ``source`` is not its device's home
    here (a sync of it would be stopped as a copy itself: the book at ``target`` is then
    asked at its first sync, as any copy is). Call inside a transaction of ``conn``."""
    try:
        row = conn.execute("SELECT device, team_key FROM sync_device WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return False  # a book from before team sync
    if row is None or not row[0] or not row[1]:
        return False
    device, here = str(row[0]), computer()
    home = noted(conn)
    if home.get("device") == device and home.get("taken"):
        return False  # another copy sends under the device: the copy is stopped as this is
    if home.get("device") == device:
        last = home.get("path")
        if home.get("computer") not in (None, here) or (
                last and not _same_file(last, str(source)) and _device_of(last) == device):
            return False
    _write(conn, device, here, _normal(str(target)))
    return True


def noted(conn: sqlite3.Connection) -> dict[str, str]:
    """The home this book noted for its device ({} when it never synced)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", [KEY]).fetchone()
    return _read(row[0]) if row else {}


def put_back(conn: sqlite3.Connection, home: dict[str, str]) -> None:
    """The home :func:`noted` read, noted again (``hand_over`` taken back)."""
    if home:
        _write(conn, home.get("device", ""), home.get("computer", ""), home.get("path", ""),
               taken=home.get("taken", ""))
    else:
        conn.execute("DELETE FROM settings WHERE key = ?", [KEY])


def book_path(conn: sqlite3.Connection) -> str:
    """The book's own file, as SQLite opened it ('' for a book in memory)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return _normal(row[2]) if row[2] else ""
    return ""


def _normal(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return os.path.normcase(one) == os.path.normcase(other)


def _device_of(path: str) -> str | None:
    """The team device id of the book at ``path``, read only (None: no book there, or not
    one that can be read now). SQLite opens it, never open(): a plain read of a book file
    would drop this process's locks on it (storage/connection)."""
    if not os.path.isfile(path):
        return None
    for flags in ("mode=ro", "immutable=1"):  # immutable: a book whose -shm cannot be made
        try:
            peek = sqlite3.connect(f"{Path(path).as_uri()}?{flags}", uri=True, timeout=1)
            try:
                row = peek.execute("SELECT device FROM sync_device WHERE id = 1").fetchone()
            finally:
                peek.close()
        except sqlite3.Error:
            continue
        return str(row[0]) if row and row[0] else None
    return None


def new_device(conn: sqlite3.Connection) -> str:
    """A new device id for this copy of a book, here; returns it. Everything it holds was
    already sent by the original or is merged there by the same clocks, so nothing is sent
    again; its own packets start from 1 under the new id, and the original's packets merge
    into it as a member's."""
    device = new_id()
    conn.execute("UPDATE sync_device SET device = ?, packets = 0 WHERE id = 1", [device])
    _write(conn, device, computer(), book_path(conn))
    return device


def _read(text: str) -> dict[str, str]:
    try:
        found = json.loads(text)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _write(conn: sqlite3.Connection, device: str, here: str, path: str, *,
           taken: str = "") -> None:
    value: dict[str, str] = {"device": device, "computer": here, "path": path}
    if taken:
        value["taken"] = taken
    conn.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                 "updated_at = excluded.updated_at",
                 [KEY, json.dumps(value, ensure_ascii=False), utc_now_iso()])
