"""Long work off the UI thread, in the spirit of anki's QueryOp/CollectionOp.

A task runs a function on a worker thread of a one-thread pool (so writes never race each
other), lets it report progress and notice a cancel, and delivers the outcome by signal on
the UI thread. A book's connection cannot cross threads, so :class:`BookTask` opens its own
``Book(path)`` inside the worker and closes it afterwards::

    task = BookTask(path, lambda book, progress: book.scoring.rescore())
    task.success(on_done).failure(on_error).on_progress(bar.update).run_in_background()
    ...
    task.cancel()
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from storage.book import Book, classify
from storage.errors import StorageError
from ui.gui.background.memory import release_freed_memory

#: Page cache of a worker's connection, in KiB (the UI's own keeps storage's default).
WORKER_CACHE_KIB = 8_192
#: SQLite virtual-machine steps between two looks at the cancel flag (a few microseconds).
INTERRUPT_CHECK_STEPS = 20_000


class Cancelled(Exception):
    """Raised inside a task's function (by :meth:`Progress.check`) to stop after a cancel."""


class Progress:
    """Handed to the task's function: report progress, and learn whether to stop."""

    def __init__(self, relay: _Relay, cancel_event: threading.Event) -> None:
        self._relay = relay
        self._cancel = cancel_event

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int) -> bool:
        """Tell the UI how far the work is; returns False once the user cancelled.

        The signature matches the ``progress`` callbacks of ``storage`` (e.g. demo data).
        """
        self._relay.progressed.emit(int(done), int(total))
        return not self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled()

    def deliver(self, item: object) -> None:
        """Hand a partial result to the UI now (e.g. one chart of several), then go on."""
        self._relay.delivered.emit(item)


class _Relay(QObject):
    """Lives on the UI thread; the worker emits on it, so every slot runs on the UI thread."""

    progressed = Signal(int, int)
    delivered = Signal(object)
    done = Signal(object)
    errored = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            result = task._call()
        except BaseException as error:  # delivered to the UI thread, never lost in the worker
            _emit(task._relay.errored, error)
        else:
            _emit(task._relay.done, result)


def _emit(signal: Any, value: object) -> None:
    """Emit unless the UI side is already gone (the application is shutting down)."""
    with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
        signal.emit(value)


class Task(QObject):
    """One piece of background work: ``fn(progress) -> result``."""

    progressed = Signal(int, int)  # done, total
    delivered = Signal(object)  # a partial result handed over by Progress.deliver
    succeeded = Signal(object)  # the function's result
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()  # after any of the three outcomes

    _pool: ClassVar[QThreadPool | None] = None
    _live: ClassVar[set[Task]] = set()

    def __init__(self, fn: Callable[[Progress], Any], parent: QObject | None = None) -> None:
        # ``parent`` owns the outcome, not the object: the task lives until its work ends
        # (a worker may still emit), but once the parent is destroyed (a closed window)
        # nothing is delivered to it any more and the work is asked to stop.
        super().__init__()
        if parent is not None:
            parent.destroyed.connect(self._orphan)
        self._fn = fn
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._progress = Progress(self._relay, self._cancel)
        self._running = False
        self._relay.progressed.connect(self._on_progressed)
        self._relay.delivered.connect(self.delivered)
        self._relay.done.connect(self._on_done)
        self._relay.errored.connect(self._on_errored)

    # -- chainable set-up -----------------------------------------------------------------
    def success(self, callback: Callable[[Any], object]) -> Task:
        self.succeeded.connect(callback)
        return self

    def failure(self, callback: Callable[[BaseException], object]) -> Task:
        self.failed.connect(callback)
        return self

    def on_progress(self, callback: Callable[[int, int], object]) -> Task:
        self.progressed.connect(callback)
        return self

    def on_delivery(self, callback: Callable[[Any], object]) -> Task:
        self.delivered.connect(callback)
        return self

    def on_cancel(self, callback: Callable[[], object]) -> Task:
        self.cancelled.connect(callback)
        return self

    def run_in_background(self) -> Task:
        """Queue the work on the worker thread; returns at once."""
        if self._running:
            raise RuntimeError("task already running")
        self._running = True
        Task._live.add(self)  # keep the Python object alive until the outcome arrives
        self.pool().start(_Runnable(self))
        return self

    # -- control ---------------------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the work to stop; it ends with ``cancelled`` at its next progress report."""
        self._cancel.set()

    @property
    def running(self) -> bool:
        return self._running

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @classmethod
    def pool(cls) -> QThreadPool:
        # Task._pool explicitly: a subclass asking first must not get a pool of its own, or
        # two background writes could run at once and wait_for_all would miss one.
        if Task._pool is None:
            Task._pool = QThreadPool()
            Task._pool.setMaxThreadCount(1)
        return Task._pool

    @classmethod
    def book_work_running(cls) -> bool:
        """True while any background work on a book (which may write to it) is under way."""
        return any(isinstance(task, BookTask) for task in cls._live)

    @classmethod
    def wait_for_all(cls, msecs: int = -1) -> bool:
        """Block until queued tasks are done (at exit); cancel them first to be quick."""
        for task in list(cls._live):
            task.cancel()
        return cls.pool().waitForDone(msecs)

    @Slot()
    def _orphan(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # "nothing was connected"
            for signal in (self.progressed, self.delivered, self.succeeded, self.failed,
                           self.cancelled, self.finished):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect()
        self.cancel()

    # -- worker side ---------------------------------------------------------------------
    def _call(self) -> Any:
        return self._fn(self._progress)

    # -- UI thread side ----------------------------------------------------------------------
    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self._finish()
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_errored(self, error: BaseException) -> None:
        self._finish()
        # Storage refuses work with its own exception when a progress callback says stop.
        if isinstance(error, Cancelled) or self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.failed.emit(error)
        self.finished.emit()

    def _finish(self) -> None:
        self._running = False
        Task._live.discard(self)
        # Background work (charts, a day's lists, a rescore) leaves freed memory in the
        # worker's arena: give it back to the system.
        release_freed_memory()


class BookTask(Task):
    """Background work on the book at ``path``: ``fn(book, progress) -> result``.

    The worker opens a ``Book`` of its own (connections cannot cross threads) and
    closes it when the function returns or raises. A cancel also interrupts the SQL statement
    running at that moment (a long rescore, a backup's copy), which rolls its transaction back.
    """

    def __init__(self, path: str | Path, fn: Callable[[Book, Progress], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(lambda progress: None, parent)
        self.path = Path(path)
        self._db_fn = fn

    def _call(self) -> Any:
        try:
            with Book(self.path) as book:
                # A task reads the book once (scans, aggregates): a small page cache is
                # enough, and the memory goes back when the task ends.
                book.set_cache_kib(WORKER_CACHE_KIB)
                book.stop_when(self._cancel.is_set, INTERRUPT_CHECK_STEPS)
                return self._db_fn(book, self._progress)
        except sqlite3.Error as error:
            # A damaged page met by a read, a full disk met by a write: the user's message.
            classified = classify(error, self.path)
            if isinstance(classified, StorageError) and not self._cancel.is_set():
                raise classified from error
            raise
