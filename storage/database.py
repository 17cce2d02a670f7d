"""The one ``Database`` class: a checked, migrated sqlite-utils connection plus the query API.

The query API is split by subject into mixins (records, customer queries, metrics, settings)
so each module stays small; callers only ever see ``Database``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlite_utils import Database as SqliteUtilsDatabase

from storage.backup import BackupsMixin, clean_partials, create_backup, list_backups
from storage.connection import (
    check_file,
    check_ours,
    check_schema,
    check_size,
    classify,
    connect,
    note_closed,
    note_opened,
    open_in_process,
    probe_book,
)
from storage.customer_queries import CustomerQueriesMixin
from storage.errors import BookMissingError
from storage.leftover_wal import keep_leftover_wal
from storage.migrations import MIGRATION_SET, migrations
from storage.plans_store import PlansMixin
from storage.records import RecordsMixin
from storage.scoring_store import ScoringMixin
from storage.settings_store import SettingsMixin

APP_NAME = "KeyPlan"
DEFAULT_FILE_NAME = "keyplan.db"
MEMORY = ":memory:"

#: Tables users may query with other SQLite tools, in the order ``info`` reports them.
USER_TABLES = (
    "customers", "contacts", "transactions", "interactions", "interaction_contacts", "needs",
    "assessments", "plans", "plan_objectives", "plan_support_measures", "plan_actions",
    "plan_needs", "plan_reviews", "customer_metrics", "score_snapshots", "snapshot_summaries",
    "snapshot_migrations", "change_log", "settings",
)


def default_path() -> Path:
    """The book in the user's data folder (created, private, on first use)."""
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / DEFAULT_FILE_NAME


def refuse_missing_book(path: Path) -> None:
    """A book that is gone while its backups are there is restored, never silently replaced
    by an empty one (the next command after a crash mid-restore used to do that)."""
    backups = list_backups(path)
    if backups:
        newest = backups[0]
        raise BookMissingError(str(path), count=len(backups),
                               newest=f"{newest.created:%Y-%m-%d %H:%M}", backup=str(newest.path))


def known_migrations() -> list[str]:
    return [m.name for m in migrations._migrations]


@dataclass(frozen=True)
class DatabaseInfo:
    path: str
    schema_version: int
    file_size: int
    counts: dict[str, int]


class Database(RecordsMixin, CustomerQueriesMixin, SettingsMixin, BackupsMixin, PlansMixin,
               ScoringMixin):
    """A KeyPlan book. Use from one thread only: open another ``Database`` per worker."""

    def __init__(self, path: str | Path | None = None, *, new_book: bool = False) -> None:
        """Open (or create) the book at ``path``. A missing file whose backups exist is
        refused (:class:`BookMissingError`) unless ``new_book`` says an empty book is wanted."""
        if path is None:
            path = default_path()
        self.path = Path(path) if str(path) != MEMORY else Path(MEMORY)
        self._counted = False
        if str(path) == MEMORY:
            conn = sqlite3.connect(MEMORY)
            conn.execute("PRAGMA foreign_keys = ON")
        else:
            conn = self._open_file(new_book=new_book)
        self.db = SqliteUtilsDatabase(conn)
        try:
            if str(path) != MEMORY and migrations.applied(self.db) and \
                    migrations.pending(self.db):
                # An upgrade rewrites the schema: keep the book as it was first.
                create_backup(conn, self.path, "migration")
            migrations.apply(self.db)
        except sqlite3.Error as error:
            self._release()
            raise classify(error, self.path) from error
        except BaseException:
            self._release()
            raise

    def _open_file(self, *, new_book: bool) -> sqlite3.Connection:
        """Every check before the first write: the file is ours, whole and not newer."""
        existed = check_file(self.path)
        if not existed and not new_book:
            refuse_missing_book(self.path)
        if not open_in_process(self.path):
            clean_partials(self.path)  # temporary files of a backup or restore that was killed
        if existed and self.path.stat().st_size:
            keep_leftover_wal(self.path)  # before any connection can replay it
            probe = probe_book(self.path, migrations.migrations_table, MIGRATION_SET)
            check_ours(probe, self.path)
            check_size(self.path)
            check_schema(probe.applied, known_migrations(), self.path)
        conn = connect(self.path, existed=existed)
        note_opened(self.path)
        self._counted = True
        return conn

    def _release(self) -> None:
        self.db.close()
        if self._counted:
            self._counted = False
            note_closed(self.path)

    def close(self) -> None:
        self.wait_for_checkpoint()
        self._release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return len(migrations.applied(self.db))

    def info(self) -> DatabaseInfo:
        counts = {name: int(self.scalar(f"SELECT count(*) FROM [{name}]")) for name in USER_TABLES}
        size = 0
        if str(self.path) != MEMORY:
            size = sum(p.stat().st_size for p in (self.path, _sibling(self.path, "-wal"))
                       if p.exists())
        return DatabaseInfo(path=str(self.path.resolve()) if str(self.path) != MEMORY else MEMORY,
                            schema_version=self.schema_version, file_size=size, counts=counts)


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
