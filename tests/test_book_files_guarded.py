"""The open book and its journal are never read or written by anything but SQLite in the
process that has it open: an import or an export pointed at it by mistake is refused (reading
it with open() would release this process's locks; writing over it would destroy it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from models.entities import Customer
from storage.database import Database
from storage.export_files import ExportError, ExportOverDatabaseError
from storage.export_portfolio import export_portfolio
from storage.importer import run_import
from storage.importer.sources import ImportFileError


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_importing_the_open_book_is_refused(db_path: Path, suffix: str) -> None:
    with Database(db_path) as db:
        db.add(Customer(name="Acme"))
        with pytest.raises(ImportFileError) as caught:
            run_import(db, Path(str(db_path) + suffix), "transactions")
        assert "open book itself" in str(caught.value)
        assert db.scalar("PRAGMA integrity_check") == "ok"


def test_exporting_over_the_open_book_is_refused(db_path: Path) -> None:
    with Database(db_path) as db:
        db.add(Customer(name="Acme"))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = hashlib.sha256(db_path.read_bytes()).hexdigest()
        with pytest.raises(ExportError) as caught:
            export_portfolio(db, db_path)
        assert "open book" in str(caught.value)
        assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
        assert db.customer_count() == 1


CHILD_OPENS_AND_CLOSES = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                          "c.execute('SELECT count(*) FROM sqlite_master').fetchone(); c.close()")


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_listing_the_open_books_worksheets_never_opens_it(db_path: Path, suffix: str) -> None:
    """The import window lists a chosen file's worksheets: given the book itself (or its -wal
    or -shm), it lists none without opening the file. Opening and closing it dropped this
    process's locks, so the next process to close the book deleted the WAL under us and our
    later commits were lost to every other process."""
    import subprocess
    import sys

    from storage.importer.sources import worksheets

    with Database(db_path) as db:
        db.add(Customer(name="Acme"))
        wal = Path(str(db_path) + "-wal")
        assert wal.exists()
        assert worksheets(Path(str(db_path) + suffix)) == []
        subprocess.run([sys.executable, "-c", CHILD_OPENS_AND_CLOSES, str(db_path)], check=True)
        assert wal.exists()  # our locks still held: the other process did not take the WAL
        db.add(Customer(name="Later"))
        seen = subprocess.run(
            [sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1])"
             ".execute('SELECT count(*) FROM customers').fetchone()[0])", str(db_path)],
            capture_output=True, text=True, check=True).stdout.strip()
        assert seen == "2"


def test_an_export_never_replaces_another_database(db_path: Path, tmp_path: Path) -> None:
    """A book that this process has not open (another program may have) is a database too:
    an export given its name is refused with a message and the file is left as it was."""
    other = tmp_path / "colleague.db"
    with Database(other) as db:
        db.add(Customer(name="Theirs"))
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    with Database(db_path) as db, pytest.raises(ExportOverDatabaseError) as caught:
        export_portfolio(db, other)
    assert str(caught.value) == (
        f"Could not write {other}: it is a database, perhaps a KeyPlan book, and an export "
        "never replaces one. Choose another name; nothing was written.")
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before


def test_playbooks_exported_over_the_book_are_refused(db_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """`keyplan playbook export -o BOOK` wrote the JSON over the book once it had closed it."""
    from main import main

    with Database(db_path) as db:
        db.add(Customer(name="Acme"))
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    assert main(["--db", str(db_path), "playbook", "export", "-o", str(db_path)]) == 1
    assert "it is the open book" in capsys.readouterr().err
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_an_export_over_a_database_this_process_holds_keeps_its_locks(tmp_path: Path) -> None:
    """A database this process has open through plain SQLite (a copy being made, a backup
    being checked: not counted as an open book) is told apart by SQLite, not by open(), so
    refusing the export leaves that connection's locks: another process closing the file
    afterwards does not take the WAL from under it."""
    import sqlite3
    import subprocess
    import sys

    other = tmp_path / "held.db"
    held = sqlite3.connect(other, isolation_level=None)
    try:
        held.execute("PRAGMA journal_mode = WAL")
        held.execute("CREATE TABLE t (x)")
        held.execute("INSERT INTO t VALUES (1)")
        with Database(tmp_path / "book.db") as db, pytest.raises(ExportOverDatabaseError):
            export_portfolio(db, other)
        subprocess.run([sys.executable, "-c", CHILD_OPENS_AND_CLOSES, str(other)], check=True)
        assert Path(str(other) + "-wal").exists()
        held.execute("INSERT INTO t VALUES (2)")
        seen = subprocess.run(
            [sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1])"
             ".execute('SELECT count(*) FROM t').fetchone()[0])", str(other)],
            capture_output=True, text=True, check=True).stdout.strip()
        assert seen == "2"
    finally:
        held.close()
