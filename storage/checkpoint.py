"""Big write transactions (a rescore, new settings, a backfill): their changed pages kept in
memory until the commit, and copied back into the book file on a thread of their own after it.

In WAL mode a commit appends the changed pages to the ``-wal`` file and syncs it: from then on
the change is durable. Copying those pages into the book file (a checkpoint) is housekeeping.
By default SQLite does it inside the commit that passes 1,000 pages, so a rescore that changes
15,000 rows (about 21,000 pages, 88 MB) waited for both. Around such writes the automatic
checkpoint is switched off, and a passive checkpoint runs afterwards on another connection,
while readers and writers go on (SQLite allows that in WAL mode).

A transaction that changes more pages than the page cache holds also writes ("spills") some of
them to the WAL before its commit, and again if they change once more: the cache is raised to
:data:`BIG_WRITE_CACHE_KB` for the transaction (measured: the 15,000-row rescore's writes took
250-270 ms instead of 300-350 ms) and put back afterwards.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storage.base import DatabaseBase
from storage.connection import BUSY_TIMEOUT_MS

#: SQLite's default: the WAL is copied back by the commit that takes it past this many pages.
AUTOCHECKPOINT_PAGES = 1000
#: Page cache of a big write transaction, in KiB (a limit: only pages used are allocated).
BIG_WRITE_CACHE_KB = 262_144


class CheckpointMixin(DatabaseBase):
    _checkpoint_thread: threading.Thread | None = None
    _checkpoint_seconds: float = 0.0

    @contextmanager
    def big_write(self) -> Iterator[None]:
        """Around a big write transaction: a page cache that holds its changes, a commit
        without copying the WAL back, then the copy on a background thread. Inside a caller's
        transaction this does nothing: that transaction's own commit decides."""
        if self.conn.in_transaction or not Path(str(self.path)).is_file():
            yield
            return
        cache = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        self.conn.execute(f"PRAGMA cache_size = -{BIG_WRITE_CACHE_KB}")
        self.conn.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
            self.conn.execute(f"PRAGMA cache_size = {int(cache)}")
        self.wait_for_checkpoint()
        thread = threading.Thread(target=self._checkpoint, name="keyplan-checkpoint")
        self._checkpoint_thread = thread
        thread.start()

    def wait_for_checkpoint(self) -> float:
        """Wait for a background checkpoint to finish; returns the seconds it took."""
        thread, self._checkpoint_thread = self._checkpoint_thread, None
        if thread is None:
            return 0.0
        thread.join()
        return self._checkpoint_seconds

    def _checkpoint(self) -> None:
        started = time.perf_counter()
        try:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            finally:
                conn.close()
        except sqlite3.Error:
            pass  # the next commit past the limit, or closing the book, checkpoints instead
        self._checkpoint_seconds = time.perf_counter() - started
