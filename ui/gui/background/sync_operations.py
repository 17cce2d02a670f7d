"""Team sync's work on the worker thread: send this book's changes, merge the team's, and read
where things stand (the folder's listing may be slow: a network share, a USB stick).

Each function takes the worker's own ``Book`` (a connection never crosses threads) and
returns a small result; nothing here touches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storage.book import Book
from storage.book.sync import Pulled, Pushed, SyncStatus
from storage.book.team import TeamRoster
from ui.gui.background.tasks import Progress


@dataclass(frozen=True)
class Synced:
    """One sync: what was sent, what was merged, and where things stand afterwards."""

    folder: Path
    pushed: Pushed
    pulled: Pulled
    status: SyncStatus
    roster: TeamRoster  # the members as the folder names them, and what was ignored there
    at: datetime  # when it ended (UTC)


def sync_book(book: Book, progress: Progress, folder: Path) -> Synced:
    """Push then pull, as ``keyplan sync FOLDER`` does; the rescore is the window's (it runs
    the usual background rescore when the answer says one is due)."""
    progress.report(0, 0)
    pushed = book.sync.push(folder)
    progress.check()
    pulled = book.sync.pull(folder)
    status = book.sync.status(folder)
    roster = book.team.members(folder)
    return Synced(folder=folder, pushed=pushed, pulled=pulled, status=status, roster=roster,
                  at=datetime.now(UTC))


def read_status(book: Book, progress: Progress, folder: Path) -> SyncStatus:
    """Where things stand, changing nothing."""
    progress.report(0, 0)
    return book.sync.status(folder)
