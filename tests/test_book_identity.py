"""Which files are KeyPlan books: our application id, foreign files refused untouched, a
missing book never silently replaced, a leftover journal copied aside before it is replayed."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.entities import Customer
from storage import connection
from storage.backup import create_backup
from storage.database import Database, known_migrations
from storage.errors import BookMissingError, NotADatabaseError, NotAKeyPlanBookError
from storage.leftover_wal import SUFFIX, copies_folder


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_books_carry_our_application_id(db_path: Path) -> None:
    with Database(db_path) as db:
        assert db.scalar("PRAGMA application_id") == connection.APPLICATION_ID


def test_existing_books_are_stamped_by_a_migration(db_path: Path) -> None:
    from sqlite_utils import Database as SqliteUtilsDatabase

    from storage.migrations import migrations

    conn = sqlite3.connect(db_path)
    migrations.apply(SqliteUtilsDatabase(conn), stop_before="m011_application_id")
    conn.execute("INSERT INTO customers (id, created_at, updated_at, name, name_sort) "
                 "VALUES ('x', 't', 't', 'Old', 'old')")
    conn.commit()
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0
    conn.close()
    with Database(db_path) as db:
        assert db.scalar("PRAGMA application_id") == connection.APPLICATION_ID
        assert db.schema_version == len(known_migrations())
        assert db.customer_count() == 1


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_another_programs_database_is_refused_untouched(tmp_path: Path, journal: str) -> None:
    path = tmp_path / "其他 程序.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotAKeyPlanBookError) as caught:
        Database(path)
    assert isinstance(caught.value, NotADatabaseError)  # the same ways forward in the GUI
    assert "another program's SQLite database" in str(caught.value)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == journal
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
    finally:
        conn.close()


def test_an_empty_sqlite_file_becomes_a_book(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()  # zero bytes
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    with Database(path) as db:
        assert db.customer_count() == 0


def test_a_missing_book_with_backups_is_not_replaced_by_an_empty_one(db_path: Path) -> None:
    with Database(db_path) as db:
        db.add(Customer(name="Acme"))
        create_backup(db.conn, db_path, "manual")
    db_path.unlink()
    with pytest.raises(BookMissingError) as caught:
        Database(db_path)
    assert "does not exist, but 1 backups of it do" in str(caught.value)
    assert caught.value.params["backup"]
    assert not db_path.exists()
    with Database(db_path, new_book=True) as db:  # only when an empty book is asked for
        assert db.customer_count() == 0


def test_a_leftover_journal_is_copied_aside_before_it_is_replayed(db_path: Path) -> None:
    with Database(db_path) as db:
        db.add(Customer(name="Acme"))
    # A crash: the writer died after its commit, its WAL not yet folded into the file.
    writer = sqlite3.connect(db_path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO customers (id, created_at, updated_at, name, name_sort) "
                   "VALUES ('left', 't', 't', 'Left in the WAL', 'left')")
    writer.commit()
    wal = db_path.with_name(db_path.name + "-wal")
    kept_wal = wal.read_bytes()
    assert kept_wal
    import shutil

    crashed = db_path.parent / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(str(db_path) + suffix, str(crashed / "book.db") + suffix)
    writer.close()
    book = crashed / "book.db"
    with Database(book) as db:
        assert db.scalar("SELECT name FROM customers WHERE id = 'left'") == "Left in the WAL"
    copies = list(copies_folder(book).glob(f"*{SUFFIX}"))
    assert len(copies) == 1
    assert copies[0].read_bytes() == kept_wal
    assert os.stat(copies[0]).st_mode & 0o077 == 0
    with Database(book):  # the replayed journal is gone: nothing more to keep
        pass
    assert len(list(copies_folder(book).glob(f"*{SUFFIX}"))) == 1


def test_a_killed_backups_temporary_file_is_removed_at_the_next_start(db_path: Path) -> None:
    Database(db_path).close()
    folder = copies_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    left = folder / f"book-20261206-101010-000001-{dead.stdout.strip()}-1-manual.db.zst." \
                    f"{dead.stdout.strip()}.partial"
    left.write_bytes(b"half a backup")
    mine = folder / f"book-20261206-101011-000001-{os.getpid()}-1-manual.db.zst." \
                    f"{os.getpid()}.partial"
    mine.write_bytes(b"being written")
    with Database(db_path):
        assert not left.exists()
        assert mine.exists()  # its writer still runs
