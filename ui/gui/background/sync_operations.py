"""Team sync's work on the worker thread: send this book's changes, merge the team's, and read
where things stand (the folder's listing may be slow: a network share, a USB stick).

Each function takes the worker's own ``Book`` (a connection never crosses threads) and
returns a small result; nothing here touches a widget.
"""

from __future__ import annotations

import time
from collections.abc import Callable
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


#: A sync still going after this many seconds is long (a first push of a big book, a big
#: pull): its phases and progress are handed to the window, which shows a bar with Cancel.
LONG_SECONDS = 1.0
#: The share reported to the window's bar, out of this.
SCALE = 1000


@dataclass(frozen=True)
class Phase:
    """Handed to the window (``Progress.deliver``) when a long sync starts a phase: storage's
    English words (context ``Storage``), for the window to translate."""

    words: str


class _Told:
    """``book.sync``'s progress callback on the worker: a cancel stops the work at the next
    call (storage leaves what was done whole); once the sync is long, each phase is handed
    over and the share reported."""

    def __init__(self, progress: Progress, clock: Callable[[], float] = time.monotonic) -> None:
        self.progress = progress
        self.clock = clock
        self.started = clock()
        self.words: str | None = None

    def __call__(self, share: float, words: str) -> None:
        self.progress.check()
        if self.words is None and self.clock() - self.started < LONG_SECONDS:
            return  # a short sync shows nothing
        if words != self.words:
            self.words = words
            self.progress.deliver(Phase(words))
        self.progress.report(round(min(1.0, max(0.0, share)) * SCALE), SCALE)


def sync_book(book: Book, progress: Progress, folder: Path) -> Synced:
    """Push then pull, as ``keyplan sync FOLDER`` does; the rescore is the window's (it runs
    the usual background rescore when the answer says one is due). A cancel stops it between
    two packets, or while a checkpoint is written or loaded (none of it is kept then)."""
    progress.report(0, 0)
    told = _Told(progress)
    pushed = book.sync.push(folder, progress=told)
    progress.check()
    pulled = book.sync.pull(folder, progress=told)
    status = book.sync.status(folder)
    roster = book.team.members(folder)
    return Synced(folder=folder, pushed=pushed, pulled=pulled, status=status, roster=roster,
                  at=datetime.now(UTC))


def read_status(book: Book, progress: Progress, folder: Path) -> SyncStatus:
    """Where things stand, changing nothing."""
    progress.report(0, 0)
    return book.sync.status(folder)
