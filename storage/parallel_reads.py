"""Read-only helper connections that run the value engine's big reads on other cores.

A rescore of 100,000 customers spends most of its time in one SQL aggregate over a million
index entries. Split by customer id into two halves on two read-only connections, it runs on
two cores while the main connection reads customers and assessments. SQLite releases the GIL
while it steps a statement, so plain threads are enough.

Helpers are used only when two cores are free (:func:`spare_cores`, :data:`MIN_SPARE_CORES`):
otherwise the extra threads and their cold page caches cost more than they save.

Helpers see the last *committed* state of the file. That equals what the main connection sees
as long as the main connection has not written anything the helpers read: callers enable
helpers only when its transaction holds no such writes, and never for an in-memory book.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

from storage.base import DatabaseBase
from storage.connection import BUSY_TIMEOUT_MS

#: The aggregate's two halves and one more read (the stored scores) at the same time.
HELPERS = 3
#: Free cores needed before helpers are used. Measured on 2 cores with one free, the split
#: rescore of 100,000 customers took 1.51 s against 1.14 s on the main connection alone
#: (each helper starts with a cold page cache, and the rows they build compete for the
#: interpreter), so helpers wait for a machine with at least two idle cores.
MIN_SPARE_CORES = 2
_PRAGMAS = (f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}", "PRAGMA cache_size = -32768",
            "PRAGMA temp_store = MEMORY", "PRAGMA query_only = 1")

Rows = list[tuple[Any, ...]]


def spare_cores() -> int:
    """Cores this process may use beyond the one it runs on, minus the current load: helper
    threads only pay off when a core is actually free (each opens its own page cache)."""
    if hasattr(os, "sched_getaffinity"):  # Linux
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0  # not on Windows
    except OSError:
        load = 0.0
    return max(0, int(cores - max(load, 1.0)))


class ParallelReads:
    """A small pool of read-only connections to the book's file; disabled when not usable.

    Use as a context manager; :meth:`submit` runs a query on a helper (or, when disabled, on
    the main connection at once) and returns a future of its rows.
    """

    def __init__(self, base: DatabaseBase, enabled: bool = True) -> None:
        self.base = base
        path = Path(str(base.path))
        self.enabled = (enabled and str(path) != ":memory:" and path.is_file()
                        and spare_cores() >= MIN_SPARE_CORES)
        self._pool: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def __enter__(self) -> ParallelReads:
        if self.enabled:
            self._pool = ThreadPoolExecutor(max_workers=HELPERS,
                                            thread_name_prefix="keyplan-read")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        for conn in self._connections:
            conn.close()
        self._connections.clear()

    @property
    def active(self) -> bool:
        return self._pool is not None

    def submit(self, sql: str, params: dict[str, Any] | Sequence[Any] = ()) -> Future[Rows]:
        if self._pool is None:
            done: Future[Rows] = Future()
            done.set_result(self.base.conn.execute(sql, params).fetchall())
            return done
        return self._pool.submit(self._run, sql, params)

    def _run(self, sql: str, params: dict[str, Any] | Sequence[Any]) -> Rows:
        return self._connection().execute(sql, params).fetchall()

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"{Path(str(self.base.path)).resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
            for pragma in _PRAGMAS:
                conn.execute(pragma)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn
