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

from storage.backup import BackupsMixin, create_backup
from storage.connection import check_file, check_schema, classify, connect, read_applied_migrations
from storage.customer_queries import CustomerQueriesMixin
from storage.migrations import MIGRATION_SET, migrations
from storage.plans_store import PlansMixin
from storage.records import RecordsMixin
from storage.scoring_store import ScoringMixin
from storage.settings_store import SettingsMixin
from storage.today_queries import TodayMixin
from storage.workspace_queries import WorkspaceQueriesMixin

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


def known_migrations() -> list[str]:
    return [m.name for m in migrations._migrations]


@dataclass(frozen=True)
class DatabaseInfo:
    path: str
    schema_version: int
    file_size: int
    counts: dict[str, int]


class Database(RecordsMixin, CustomerQueriesMixin, SettingsMixin, BackupsMixin, PlansMixin,
               ScoringMixin, WorkspaceQueriesMixin, TodayMixin):
    """A KeyPlan book. Use from one thread only: open another ``Database`` per worker."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            path = default_path()
        self.path = Path(path) if str(path) != MEMORY else Path(MEMORY)
        if str(path) == MEMORY:
            conn = sqlite3.connect(MEMORY)
            conn.execute("PRAGMA foreign_keys = ON")
        else:
            existed = check_file(self.path)
            if existed:
                applied = read_applied_migrations(self.path, migrations.migrations_table,
                                                  MIGRATION_SET)
                check_schema(applied, known_migrations(), self.path)
            conn = connect(self.path, existed=existed)
        self.db = SqliteUtilsDatabase(conn)
        try:
            if str(path) != MEMORY and migrations.applied(self.db) and \
                    migrations.pending(self.db):
                # An upgrade rewrites the schema: keep the book as it was first.
                create_backup(conn, self.path, "migration")
            migrations.apply(self.db)
        except sqlite3.Error as error:
            conn.close()
            raise classify(error, self.path) from error

    def close(self) -> None:
        self.wait_for_checkpoint()
        self.db.close()

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
