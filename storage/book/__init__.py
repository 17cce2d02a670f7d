"""``Book``: the one public face of storage/, composed of small managers with one job each.

The window and the command line reach the file only through it (import-linter contracts say
so). Each user-visible operation is one method and one transaction, and a write answers with
what it changed (:class:`~storage.changes.Changes`), so that each view reads again only what
concerns it. A write that has a second step (an import and the rescore after it, a demo and
its scores) does both or neither. The managers call the query modules underneath; those are
storage's own business.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from models.entities import Assessment, Contact, Interaction, Need, Transaction
from storage.backup import backup_folder, list_backups, newest_good_backup, restore_backup
from storage.book.competition import Competition
from storage.book.customers import Customers
from storage.book.files import (
    Backups,
    BookImported,
    Demo,
    DemoMade,
    Exports,
    Imported,
    Imports,
    ImportTakenBack,
)
from storage.book.overview import Overview
from storage.book.people import People
from storage.book.playbooks import Playbooks
from storage.book.records import Done, RecordKind, Records, Saved
from storage.book.relationships import Relationships
from storage.book.rollup import Rollup
from storage.book.scoring import Charts, Scoring
from storage.book.settings import Settings
from storage.book.sync import Sync
from storage.book.team import Team
from storage.book.whitespace import Support, Whitespace
from storage.book.work import History, Plans, Today
from storage.book_check import CheckResult, check_book
from storage.connection import classify
from storage.database import MEMORY, Database, DatabaseInfo, default_path
from storage.os_errors import os_error, restore_command, restore_hint
from storage.scoring_store import RescoreResult
from storage.shared_folder import CopyOutError, copy_out, shared_folder
from storage.snapshot_store import SnapshotResult

__all__ = [
    "MEMORY",
    "Book",
    "BookImported",
    "CopyOutError",
    "DemoMade",
    "Done",
    "ImportTakenBack",
    "Imported",
    "RescoreResult",
    "Saved",
    "SnapshotResult",
    "backup_folder",
    "check",
    "classify",
    "copy_out",
    "default_path",
    "list_backups",
    "newest_good_backup",
    "os_error",
    "restore",
    "restore_command",
    "restore_hint",
    "shared_folder",

]


def restore(path: Path, backup: Path) -> Path | None:
    """Put ``backup`` in the place of the book at ``path`` (no book may be open on it);
    returns where the replaced book was kept."""
    return restore_backup(path, backup)


def check(path: Path, *, quick: bool = False) -> CheckResult:
    """SQLite's integrity check of the book at ``path``, read-only."""
    return check_book(path, quick=quick)


class Book:
    """An open KeyPlan book. One thread only: open another ``Book`` per worker thread.

    ``path`` may be :data:`MEMORY` for a book that lives only as long as this object."""

    def __init__(self, path: str | Path | None = None, *, new_book: bool = False) -> None:
        db = Database(path, new_book=new_book)
        self._db = db
        self.records = Records(db)
        self.customers = Customers(db, self.records)
        self.contacts = RecordKind(db, self.records, Contact)
        self.interactions = RecordKind(db, self.records, Interaction)
        self.needs = RecordKind(db, self.records, Need)
        self.assessments = RecordKind(db, self.records, Assessment)
        self.transactions = RecordKind(db, self.records, Transaction)
        self.people = People(db, self.records)
        self.plans = Plans(db, self.records)
        self.today = Today(db, self.interactions, self.needs, self.records)
        self.history = History(db, self.records)
        self.scoring = Scoring(db)
        self.charts = Charts(db)
        self.imports = Imports(db, self.scoring)
        self.exports = Exports(db)
        self.backups = Backups(db)
        self.demo = Demo(db, self.scoring)
        self.settings = Settings(db)
        self.overview = Overview(db, self.customers, self.scoring, self.plans)
        self.sync = Sync(db)
        self.team = Team(db, self.sync, self.people)
        self.rollup = Rollup(db)
        self.whitespace = Whitespace(db)
        self.support = Support(db)
        self.relationships = Relationships(db, self.records)
        self.playbooks = Playbooks(db, self.records)
        self.competition = Competition(db, self.records)

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def in_memory(self) -> bool:
        return str(self._db.path) == MEMORY

    @property
    def reader(self) -> Database:
        """The query layer underneath, for storage's own modules and for tests."""
        return self._db

    def info(self) -> DatabaseInfo:
        return self._db.info()

    # -- the connection's tuning, for the threads that hold one ------------------------------
    def set_cache_kib(self, kib: int) -> None:
        """The page cache of this connection (a worker reading once needs a small one)."""
        self._db.conn.execute(f"PRAGMA cache_size = -{int(kib)}")

    def stop_when(self, cancelled: Callable[[], bool], every: int) -> None:
        """Interrupt the running statement (rolling its transaction back) once
        ``cancelled()`` answers True; asked every ``every`` SQLite steps."""
        self._db.conn.set_progress_handler(lambda: 1 if cancelled() else 0, every)

    def interrupt(self) -> None:
        """Stop the statement running now, from any thread."""
        self._db.conn.interrupt()

    def data_version(self) -> int:
        """A number that moves when another connection commits a change to the book."""
        return int(self._db.conn.execute("PRAGMA data_version").fetchone()[0])

    def trace(self, callback: Callable[[str], object] | None) -> None:
        """Every SQL statement run on this connection, for tests that count them."""
        self._db.conn.set_trace_callback(callback)

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for the book session's watch (read-only pragmas)."""
        return self._db.conn

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
