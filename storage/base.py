"""The connection-level helpers every part of the query API builds on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database as SqliteUtilsDatabase

from storage.connection import classify
from storage.errors import StorageError


class DatabaseBase:
    """Holds the sqlite-utils database; mixins add the subject-specific queries."""

    db: SqliteUtilsDatabase
    path: Path

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextmanager
    def atomic(self) -> Iterator[DatabaseBase]:
        """One transaction (a savepoint when nested): all of it is written or none.

        The outermost level starts with BEGIN IMMEDIATE: a transaction that read first and
        then tried to write could not wait for another window's write (SQLite would answer
        "database is locked" at once); taking the write lock up front lets the busy timeout
        do its job. Only nested levels are savepoints (sqlite-utils' ``atomic``): one around
        the whole transaction would undo nothing a rollback does not, and SQLite keeps a copy
        of every page changed under a savepoint (measured 70-110 ms on a rescore that
        changes 15,000 rows).
        """
        conn = self.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:
                    conn.rollback()
                raise
            conn.commit()
        except sqlite3.IntegrityError:
            raise  # the data's fault: callers explain it field by field
        except sqlite3.Error as error:
            # Busy, full, read-only, failing disk, damaged: the user's message, not a crash.
            classified = classify(error, self.path)
            if isinstance(classified, StorageError):
                raise classified from error
            raise

    @contextmanager
    def read_snapshot(self) -> Iterator[DatabaseBase]:
        """Several reads that see one state of the book (a deferred read transaction, ended
        with nothing written); inside an open transaction, that transaction already is one."""
        conn = self.conn
        if conn.in_transaction:
            yield self
            return
        conn.execute("BEGIN DEFERRED")
        try:
            yield self
        finally:
            if conn.in_transaction:
                conn.rollback()  # only read

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None
