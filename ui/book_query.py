"""Customer-book id queries off the UI thread, for books where they take long.

A search over 100,000 customers can take a few hundred milliseconds in SQL; run on the UI
thread it would freeze typing. :class:`IdLoader` keeps one reading connection on its own
thread; every request supersedes the previous one (a query still running is interrupted),
and only the newest answer is delivered, by signal, on the UI thread.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from storage.customer_queries import CustomerQuery
from storage.database import Database

_STOP = object()
CACHE_KIB = 8_192


class IdLoader(QObject):
    """``request(query)`` returns a number; ``loaded(number, query, ids)`` follows unless a
    newer request came first. ``failed(number, error)`` reports anything else."""

    loaded = Signal(int, object, list)
    failed = Signal(int, object)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._latest = 0
        self._lock = threading.Lock()
        self._requests: queue.Queue[object] = queue.Queue()
        self._conn: sqlite3.Connection | None = None  # the worker's, for interrupt()
        self._thread = threading.Thread(target=self._run, name="keyplan-book-query",
                                        daemon=True)
        self._thread.start()

    @property
    def latest(self) -> int:
        return self._latest

    def request(self, query: CustomerQuery) -> int:
        """Ask for the ids of ``query``; a query still running for an older request stops."""
        with self._lock:
            self._latest += 1
            number = self._latest
            if self._conn is not None:
                self._conn.interrupt()  # safe from any thread; the worker drops the answer
        self._requests.put((number, query))
        return number

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread and close its connection (waits for a running query to stop)."""
        with self._lock:
            self._latest += 1
            if self._conn is not None:
                self._conn.interrupt()
        self._requests.put(_STOP)
        self._thread.join(timeout)

    def _run(self) -> None:
        db: Database | None = None
        try:
            while True:
                item = self._requests.get()
                if item is _STOP:
                    return
                number, query = item  # type: ignore[misc]
                if number != self._latest:
                    continue  # superseded while queued
                try:
                    if db is None:
                        db = Database(self.path)
                        # One narrow table scanned per query: the OS keeps it in memory; a
                        # large page cache of our own would only double it.
                        db.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                        with self._lock:
                            self._conn = db.conn
                    ids = db.customer_ids(query)
                except sqlite3.OperationalError as error:
                    if number == self._latest or "interrupt" not in str(error):
                        self.failed.emit(number, error)
                    continue
                except Exception as error:  # delivered to the UI thread, never lost here
                    self.failed.emit(number, error)
                    continue
                if number == self._latest:
                    self.loaded.emit(number, query, ids)
        finally:
            with self._lock:
                self._conn = None
            if db is not None:
                db.close()
