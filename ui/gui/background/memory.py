"""Keeping the desktop app's resident memory down on a large book.

Three things keep memory that the app no longer uses:

- SQLite's page cache of the UI thread's connection: storage gives every connection 64 MB,
  which suits a rescore or an import; the UI thread reads a page of rows or one customer at a
  time, and the operating system keeps the file in memory anyway. :func:`tune_ui_connection`
  gives that connection :data:`UI_CACHE_KIB` (workers use 8 MB).
- glibc's allocator: memory freed after big transient work (charts rendered on a worker
  thread, a whole book's ids replaced by the next answer) stays in its arenas, and a worker
  thread's arena is only given back to the system by ``malloc_trim``.
  :func:`release_freed_memory` runs it on a thread of its own once background work ends
  (a few milliseconds; nothing in use is touched). Elsewhere (macOS, Windows) it does
  nothing.
- Python's ``linecache``: PySide6 reads the source of every module imported after it (to
  look for its own name), and those lines stay cached: 10-20 MB once matplotlib is in.
  They are read again if a traceback ever needs them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import linecache
import sys
import threading
from typing import Any

from storage.book import Book

#: Page cache of the UI thread's connection, in KiB.
UI_CACHE_KIB = 16_384

_trim: Any = None
_trimming = threading.Lock()


def tune_ui_connection(book: Book) -> None:
    """Give the UI thread's connection to ``book`` a page cache of :data:`UI_CACHE_KIB`."""
    if not book.in_memory:
        book.set_cache_kib(UI_CACHE_KIB)


def _malloc_trim() -> Any:
    global _trim
    if _trim is None:
        _trim = False
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                _trim = libc.malloc_trim  # glibc only; musl has none
            except (OSError, AttributeError):
                _trim = False
    return _trim


def release_freed_memory(wait: bool = False) -> bool:
    """Drop the cached module sources, and hand memory already freed back to the system
    (glibc's ``malloc_trim``) on a thread of its own unless ``wait``; False where there is
    no trim to call, or one runs already and ``wait`` is not asked (with ``wait``, the running
    one is waited for first: a caller that waits wants a trim done)."""
    linecache.clearcache()
    trim = _malloc_trim()
    if not trim or not _trimming.acquire(blocking=wait):
        return False

    def run() -> None:
        try:
            trim(0)  # ctypes lets go of the interpreter lock meanwhile
        finally:
            _trimming.release()

    if wait:
        run()
    else:
        threading.Thread(target=run, name="keyplan-trim", daemon=True).start()
    return True
