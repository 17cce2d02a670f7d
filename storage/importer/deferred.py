"""What the sheets of a whole-book import leave to its end, done once for them all: the
change log's indexes built again, and the activity figures of the customers they touched.

Each sheet's own import would refresh those figures when it ends (the whole book's, past
:data:`FULL_REFRESH_FROM` customers: 3-5 s on the 100,000-customer book, five times over),
and the change log's three indexes would take each of the book's 3 million new entries at a
random place (a record's fields, under its customer and record ids). No sheet reads either
before the import ends: the figures are read by the rescore that follows, the log by History.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from storage.importer.store import RecordStore

#: Above this many customers touched, one book-wide refresh beats a refresh of those.
FULL_REFRESH_FROM = 500
#: The change log's indexes are dropped for the import when it expects at least this many
#: entries and at least this share of those the log already holds (a rebuild sorts them all).
REINDEX_MIN_ENTRIES = 50_000
REINDEX_SHARE = 0.25
#: Page cache while indexes are built (KiB): see small_sorts.
SORT_CACHE_KIB = 16_384


class DeferredWork:
    """Shared by the sheets of one import, inside its transaction; :meth:`finish` once at
    the end (a rollback takes back the dropped indexes with everything else)."""

    def __init__(self, db: RecordStore) -> None:
        self.db = db
        self.touched: set[str] = set()  # customers whose activity figures may have changed
        self.log_indexes: list[str] = []  # the change log's indexes dropped, to build again

    def expect_log_entries(self, count: int) -> None:
        """About ``count`` change-log entries are coming."""
        if self.log_indexes or count < REINDEX_MIN_ENTRIES:
            return
        existing = int(self.db.scalar("SELECT max(seq) FROM change_log") or 0)
        if count < REINDEX_SHARE * existing:
            return
        # The import's entries all carry its batches' change ids, one sheet after another:
        # the index by change id takes them where the sheet's last ones went, kept as it is.
        self.log_indexes = _drop_indexes(self.db, "change_log", keep_first="change_id")

    def finish(self) -> None:
        with small_sorts(self.db):
            self._finish()

    def _finish(self) -> None:
        for sql in self.log_indexes:
            self.db.conn.execute(sql)
        self.log_indexes.clear()
        if len(self.touched) > FULL_REFRESH_FROM:
            # Rows for most of the customers made or rewritten: the table's twelve indexes
            # sorted once afterwards (100,000 new rows: 1.8 + 1.5 s instead of 6.1 s).
            rows = int(self.db.scalar("SELECT count(*) FROM customer_metrics"))
            rebuilt = _drop_indexes(self.db, "customer_metrics") \
                if len(self.touched) >= REINDEX_SHARE * rows else []
            self.db.refresh_activity()
            for sql in rebuilt:
                self.db.conn.execute(sql)
        elif self.touched:
            self.db.refresh_activity_of(self.touched)
        self.touched.clear()


@contextmanager
def small_sorts(db: RecordStore) -> Iterator[None]:
    """A smaller page cache while indexes are built: SQLite sorts in memory up to the cache's
    size, beside the cache itself. The 100,000-customer book's transactions indexes took
    143 MB of the process with the book's 64 MB cache, 46 MB with 16 MB, and less time."""
    before = int(db.conn.execute("PRAGMA cache_size").fetchone()[0])
    db.conn.execute(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")
    try:
        yield
    finally:
        db.conn.execute(f"PRAGMA cache_size = {before}")


def _drop_indexes(db: RecordStore, table: str, keep_first: str = "") -> list[str]:
    """Drop the explicit indexes of ``table`` (not those whose first column is
    ``keep_first``); returns their CREATE statements."""
    dropped: list[str] = []
    for name, sql in db.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL", [table]).fetchall():
        first = db.conn.execute(f"PRAGMA index_info([{name}])").fetchone()
        if keep_first and first is not None and first[2] == keep_first:
            continue
        db.conn.execute(f"DROP INDEX [{name}]")
        dropped.append(sql)
    return dropped
