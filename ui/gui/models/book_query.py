"""Customer-book id queries off the UI thread, for books where they take long.

A search over 100,000 customers can take a few hundred milliseconds in SQL; run on the UI
thread it would freeze typing. :class:`IdLoader` keeps one reading connection on its own
thread; every request supersedes the previous one (a query still running is interrupted),
and only the newest answer is delivered, by signal, on the UI thread.

Where the storage layer can tell the first ids and the count cheaply (a search in name order),
those are delivered first: the list can show its first screenful at its full length while the
remaining ids (90,000 for a one-letter search) are read. Both answers read the same snapshot
of the book, so they agree. The rest waits until :meth:`IdLoader.read_rest` says the first
rows are on screen (or :data:`REST_WAIT` has passed): on a busy machine, reading 90,000 ids
alongside the first paint would slow the paint down.
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from storage.book import Book
from storage.book.types import CustomerQuery

CACHE_KIB = 8_192
#: Longest wait after the first ids for :meth:`IdLoader.read_rest` (seconds).
REST_WAIT = 0.1


class IdLoader(QObject):
    """``request(query)`` returns a number; ``loaded(number, query, ids, total)`` follows
    unless a newer request came first: once with the first ``head_rows`` ids and the count
    of all (``len(ids) < total``) when that is quicker, and with every id (``len(ids) ==
    total``), the latter after :meth:`read_rest` (or :data:`REST_WAIT`). ``failed(number,
    error)`` reports anything else."""

    # ``object``, not ``list``: a list signal argument would be converted item by item
    # into a Qt list and back (30 ms for 90,000 ids, on the UI thread).
    loaded = Signal(int, object, object, int)
    failed = Signal(int, object)

    def __init__(self, path: Path, parent: QObject | None = None,
                 head_rows: int = 0) -> None:
        super().__init__(parent)
        self.path = path
        self.head_rows = head_rows
        self._latest = 0
        self._lock = threading.Lock()
        self._requests: queue.Queue[tuple[int, CustomerQuery] | None] = queue.Queue()  # None: stop
        self._book: Book | None = None  # the worker's, for interrupt()
        self._go_on = threading.Event()  # read the rest of a long answer now
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
            if self._book is not None:
                self._book.interrupt()  # safe from any thread; the worker drops the answer
        self._go_on.set()  # a worker waiting to read the rest of the last answer: stop
        self._requests.put((number, query))
        return number

    def read_rest(self) -> None:
        """The first ids are shown: read the rest of the answer now."""
        self._go_on.set()

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread and close its connection (waits for a running query to stop)."""
        with self._lock:
            self._latest += 1
            if self._book is not None:
                self._book.interrupt()
        self._go_on.set()
        self._requests.put(None)
        self._thread.join(timeout)

    def _open(self) -> Book:
        book = Book(self.path)
        # One narrow table scanned per query: the OS keeps it in memory; a large page cache
        # of our own would only double it.
        book.set_cache_kib(CACHE_KIB)
        with self._lock:
            self._book = book
        return book

    def _run(self) -> None:
        book: Book | None = None
        try:
            # Open the connection before the first request needs it (a failure is reported
            # with that request).
            with contextlib.suppress(Exception):
                book = self._open()
            while True:
                item = self._requests.get()
                if item is None:
                    return
                number, query = item
                if number != self._latest:
                    continue  # superseded while queued
                try:
                    if book is None:
                        book = self._open()
                    ids = self._answer(book, number, query)
                except sqlite3.OperationalError as error:
                    if number == self._latest or "interrupt" not in str(error):
                        self.failed.emit(number, error)
                    continue
                except Exception as error:  # delivered to the UI thread, never lost here
                    self.failed.emit(number, error)
                    continue
                if ids is not None and number == self._latest:
                    self.loaded.emit(number, query, ids, len(ids))
        finally:
            with self._lock:
                self._book = None
            if book is not None:
                book.close()

    def _answer(self, book: Book, number: int, query: CustomerQuery) -> list[str] | None:
        """Every id of ``query``, after delivering its first ones if that is quicker; None
        if the first ones were all, or a newer request came meanwhile."""
        if not self.head_rows:
            return book.customers.ids(query)
        steps = book.customers.ids_in_steps(query, self.head_rows)
        try:
            for ids, total in steps:
                if number != self._latest:
                    return None
                if len(ids) == total:
                    return ids
                self._go_on.clear()
                self.loaded.emit(number, query, ids, total)
                self._go_on.wait(REST_WAIT)
            return None
        finally:
            steps.close()  # ends its read transaction
