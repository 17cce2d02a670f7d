"""``book.sync``: working as a team through a shared folder, without a server.

Each book is a device of a team. ``push`` writes what this book changed since its last
packet into the folder (``FOLDER/keyplan-sync/<device>/NNNNNN.kpk``, encrypted with the team
key: storage/book/sync_send.py); ``pull`` merges the members' packets in, each in one
transaction (storage/book/sync_merge.py). Scores and tiers are not sent: the answer of
``pull`` says when a rescore is due. The folder only ever holds packets, checkpoints and the
team's roster; the book itself stays on this computer. This module is the face: membership,
the two ways out for a copied book, and the conflicts; ``status`` is storage/book/sync_status.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from storage.book import sync_status
from storage.book.conflicts import Conflict, conflicts_of, open_conflicts, take
from storage.book.records import Done
from storage.book.sync_device import MERGING, Progress, own_device
from storage.book.sync_merge import Merger
from storage.book.sync_results import Compacted, PeerStatus, Pulled, Pushed, SyncStatus
from storage.book.sync_send import Sender
from storage.sync import checkpoint, home, state
from storage.sync.errors import AlreadyInTeamError, BadTeamKeyError
from storage.sync.keys import key_text, new_key, parse_key, team_id

if TYPE_CHECKING:
    from storage.database import Database

__all__ = ["MERGING", "BadTeamKeyError", "Compacted", "PeerStatus", "Progress", "Pulled",
           "Pushed", "Sync", "SyncStatus", "is_team_key"]


def is_team_key(text: str) -> bool:
    """Whether ``text`` is a whole, well-formed team key (as ``join`` reads it: case, spaces
    and dashes do not matter; a mistyped character fails its check characters). Nothing is
    opened or joined: a form checks a key as it is typed with this."""
    try:
        parse_key(text)
    except BadTeamKeyError:
        return False
    return True


class Sync:
    """Team membership, sending and merging change packets, and the conflicts."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

    # ---- membership -----------------------------------------------------------------------
    @property
    def in_team(self) -> bool:
        return state.device(self._conn).team_key is not None

    @property
    def device_id(self) -> str:
        return state.device(self._conn).device

    def team_init(self) -> str:
        """Start a team with this book: returns the key's text, to show once and give to
        the members (it is kept in the book; anyone holding it can read the packets)."""
        with self._db.atomic():
            found = state.device(self._conn)
            if found.team_key is not None:
                people = [str(row[0]) for row in self._conn.execute(
                    "SELECT person FROM sync_members WHERE removed_at IS NULL AND person <> '' "
                    "ORDER BY founder DESC, joined_at, person")]
                raise AlreadyInTeamError(team=found.team_id, members=", ".join(people) or "?")
            key = new_key()
            state.enter_team(self._conn, key, team_id(key), founder=True)
        return key_text(key)

    def join(self, key: str) -> str:
        """Join the team of ``key`` (BadTeamKeyError when it is mistyped); returns the team
        id. Everything in this book will be sent to the team at the next push."""
        secret = parse_key(key)
        with self._db.atomic():
            state.enter_team(self._conn, secret, team_id(secret), founder=False)
        return team_id(secret)

    # ---- sending (storage/book/sync_send.py) -------------------------------------------------
    def push(self, folder: Path, *, compact: bool = True,
             progress: Progress | None = None) -> Pushed:
        """Write this book's changes since its last packet into ``folder`` (packets of at
        most ``sync_send.MAX_OPS`` operations, each in its own short transaction). When
        enough was sent since this device's last checkpoint (``checkpoint.due``) and
        ``compact``, a checkpoint follows (:meth:`compact`: the whole book is read, so run it
        where a long call does no harm, as the window runs every sync: in the background)."""
        return Sender(self._db).push(folder, compact=compact, progress=progress)

    def compact(self, folder: Path, *, keep_days: float = checkpoint.KEEP_DAYS,
                progress: Progress | None = None) -> Compacted:
        """Send what is left to send, then write this book as a checkpoint of its device
        into ``folder`` (unless its latest one holds the same), and delete this device's
        packets that every member's latest checkpoint covers and that are older than
        ``keep_days``. Reads the whole book in a read transaction of its own: saving goes on
        meanwhile; call it off the window's thread."""
        return Sender(self._db).compact(folder, keep_days=keep_days, progress=progress)

    # ---- merging (storage/book/sync_merge.py) ------------------------------------------------
    def pull(self, folder: Path, progress: Progress | None = None) -> Pulled:
        """Merge the members' packets in ``folder`` that this book has not merged yet
        (``progress`` told after each packet, each merged in its own transaction)."""
        return Merger(self._db).pull(folder, progress)

    # ---- where things stand (storage/book/sync_status.py) -----------------------------------
    def status(self, folder: Path) -> SyncStatus:
        return sync_status.status(self._conn, folder)

    # ---- a copied book (storage/sync/home.py) ------------------------------------------------
    def new_device(self) -> str:
        """Make this copy of a book a member of its own (after :class:`BookCopiedError`):
        a new device id, here; returns it. Nothing is sent again."""
        with self._db.atomic():
            own_device(self._conn)
            return home.new_device(self._conn)

    def moved_here(self) -> None:
        """The book moved to this computer for good (after :class:`BookCopiedError`): it
        syncs here under its device id from now on."""
        with self._db.atomic():
            home.moved_here(self._conn, own_device(self._conn).device)

    # ---- conflicts (storage/book/conflicts.py) ---------------------------------------------
    def conflicts(self, customer_id: str, *, resolved: bool = False) -> list[Conflict]:
        """The values merges set aside for a customer and its records, newest first."""
        return conflicts_of(self._conn, customer_id, resolved=resolved)

    def all_conflicts(self) -> list[Conflict]:
        """Every conflict not yet resolved (settings' too), newest first."""
        return open_conflicts(self._conn)

    def take_theirs(self, conflict_id: int) -> Done:
        """Make the member's value of a conflict the current one (a new edit of this book,
        sent at the next push); the conflict is resolved."""
        return take(self._db, conflict_id, "theirs")

    def take_ours(self, conflict_id: int) -> Done:
        """Make this book's value of a conflict the current one; the conflict is resolved."""
        return take(self._db, conflict_id, "ours")
