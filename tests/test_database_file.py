"""Opening files: migrations on a new file, re-opening unchanged, refusing what is not ours."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from models.entities import Customer
from storage.database import USER_TABLES, Database, known_migrations
from storage.errors import (
    CorruptDatabaseError,
    FolderMissingError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyError,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_gets_the_whole_schema(db_path: Path) -> None:
    with Database(db_path) as db:
        assert db.schema_version == len(known_migrations())
        tables = set(db.db.table_names())
        assert set(USER_TABLES) <= tables
        assert db.scalar("PRAGMA journal_mode") == "wal"
        assert db.scalar("PRAGMA foreign_keys") == 1
        assert db.scalar("PRAGMA synchronous") == 2  # FULL
        assert db.scalar("PRAGMA busy_timeout") == 5000


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_file_is_private(db_path: Path) -> None:
    Database(db_path).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_reopening_changes_nothing(db_path: Path) -> None:
    with Database(db_path) as db:
        db.add(Customer(name="Acme"))
        schema = db.query("SELECT type, name, sql FROM sqlite_master ORDER BY name")
        applied = db.query("SELECT name, applied_at FROM _sqlite_migrations ORDER BY id")
    with Database(db_path) as db:
        assert db.query("SELECT type, name, sql FROM sqlite_master ORDER BY name") == schema
        assert db.query("SELECT name, applied_at FROM _sqlite_migrations ORDER BY id") == applied
        assert db.customer_count() == 1


def test_older_file_is_upgraded(db_path: Path) -> None:
    from storage.migrations import migrations

    conn = sqlite3.connect(db_path)
    from sqlite_utils import Database as SqliteUtilsDatabase

    first = known_migrations()[0]
    migrations.apply(SqliteUtilsDatabase(conn), stop_before=known_migrations()[1])
    conn.execute("INSERT INTO customers (id, created_at, updated_at, name, name_sort) "
                 "VALUES ('x', 't', 't', 'Old', 'old')")
    conn.execute("INSERT INTO customer_metrics (customer_id) VALUES ('x')")
    conn.commit()
    conn.close()
    with Database(db_path) as db:
        assert db.query("SELECT name FROM _sqlite_migrations")[0]["name"] == first
        assert db.schema_version == len(known_migrations())
        assert [r.name for r in db.list_customers().rows] == ["Old"]


def test_newer_schema_is_refused_and_untouched(db_path: Path) -> None:
    with Database(db_path) as db:
        db.conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                        "VALUES ('keyplan', 'm999_from_the_future', 'now')")
        db.conn.commit()
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(db_path)
    with pytest.raises(NewerSchemaError) as caught:
        Database(db_path)
    assert "newer version of KeyPlan" in str(caught.value)
    assert _digest(db_path) == before


@pytest.mark.parametrize("content", [
    b"name,amount\nAcme,100\n",
    b"\x00" * 4096,
    b"SQLite format 2\x00" + b"\x00" * 1000,
    "客户名称\n华为\n".encode(),
])
def test_non_sqlite_file_is_refused_byte_for_byte(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "customers.db"
    path.write_bytes(content)
    with pytest.raises(NotADatabaseError) as caught:
        Database(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.db"]  # no -wal, no -shm


def test_truncated_file_is_refused_unchanged(db_path: Path) -> None:
    with Database(db_path) as db:
        db.add(Customer(name="Acme"))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db_path.read_bytes()[:3000]
    db_path.write_bytes(data)
    with pytest.raises(CorruptDatabaseError):
        Database(db_path)
    assert db_path.read_bytes() == data


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FolderMissingError) as caught:
        Database(tmp_path / "nowhere" / "book.db")
    assert "does not exist" in str(caught.value)
    assert not (tmp_path / "nowhere").exists()


def test_read_only_file_is_a_clear_error(db_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    Database(db_path).close()
    before = _digest(db_path)
    real_access = os.access
    # Simulated: root (as in CI) may write to any file, so chmod alone proves nothing there.
    monkeypatch.setattr("storage.connection.os.access",
                        lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with pytest.raises(ReadOnlyError) as caught:
        Database(db_path)
    assert "read-only" in str(caught.value)
    assert _digest(db_path) == before


def test_directory_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(NotADatabaseError):
        Database(tmp_path)
