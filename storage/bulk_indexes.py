"""Bulk writes that rebuild indexes instead of updating them entry by entry.

Rewriting most rows of a 100,000-row table updates every affected index 100,000 times at
random places (about 4 µs per row and index with the book's wide covering indexes); dropping
the index and creating it again afterwards sorts once (about 0.15 s). Both happen inside the
caller's transaction, from the index's own stored SQL, so a failure leaves the schema as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from storage.base import DatabaseBase


def table_indexes(base: DatabaseBase, table: str) -> dict[str, tuple[str, frozenset[str]]]:
    """Explicit indexes of ``table``: name -> (CREATE statement, indexed columns)."""
    result: dict[str, tuple[str, frozenset[str]]] = {}
    for name, sql in base.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL", [table]).fetchall():
        columns = frozenset(r[2] for r in base.conn.execute(f"PRAGMA index_info([{name}])"))
        result[name] = (sql, columns)
    return result


@contextmanager
def indexes_rebuilt(base: DatabaseBase, table: str, names: Iterable[str]) -> Iterator[None]:
    """Drop the named indexes of ``table`` for the block and create them again after it.

    Must run inside a transaction (``base.atomic()``): on an error the caller's rollback
    restores the dropped indexes with everything else.
    """
    if not base.conn.in_transaction:
        raise RuntimeError("indexes_rebuilt needs an open transaction")
    known = table_indexes(base, table)
    saved = [(name, known[name][0]) for name in names if name in known]
    for name, _sql in saved:
        base.conn.execute(f"DROP INDEX [{name}]")
    yield
    for _name, sql in saved:
        base.conn.execute(sql)
