"""Faults while backing up: a damaged book is never backed up over good backups, a backup that
does not read back is deleted, and a dead writer's temporary files are cleaned up."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from models.entities import Customer
from storage import backup_write
from storage.backup import backup_folder, clean_partials, create_backup, list_backups
from storage.backup_zstd import decompress_file
from storage.database import Database
from storage.errors import BackupCheckFailedError, DamagedBookBackupError


def _recorder(rotated: list[Path]) -> Callable[..., list[Path]]:
    """A stand-in for rotate_backups that notes the book it was called for and deletes none."""
    def rotate(path: Path, *args: object, **kwargs: object) -> list[Path]:
        rotated.append(path)
        return []
    return rotate


@pytest.fixture
def book(db_path: Path) -> Path:
    with Database(db_path) as db:
        for number in range(400):
            db.add(Customer(name=f"Customer {number}", code=f"C{number}"))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db_path


def _damage_an_index(book: Path) -> None:
    """Overwrite the pages of one index: the file opens, but integrity_check fails."""
    conn = sqlite3.connect(book)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index' "
                        "AND tbl_name = 'customers' AND sql IS NOT NULL").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with book.open("r+b") as handle:  # no connection to the book is open now
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\x00\xff" * 200)


def test_a_damaged_book_is_not_backed_up_and_rotation_does_not_run(book: Path) -> None:
    start = datetime.now() - timedelta(days=40)
    conn = sqlite3.connect(book)
    for day in range(0, 40, 5):
        create_backup(conn, book, "daily", now=start + timedelta(days=day))
    conn.close()
    before = [b.path for b in list_backups(book)]
    _damage_an_index(book)
    conn = sqlite3.connect(book)
    with pytest.raises(DamagedBookBackupError) as raised:
        create_backup(conn, book, "daily")
    conn.close()
    assert "no backup was made" in str(raised.value)
    assert [b.path for b in list_backups(book)] == before
    folder = before[0].parent
    assert not [p for p in folder.iterdir() if p.name.endswith(".partial")]


def test_through_the_book_the_failed_backup_leaves_rotation_alone(
        book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rotated: list[Path] = []
    monkeypatch.setattr("storage.backup.rotate_backups", _recorder(rotated))
    with Database(book) as db:
        db.backup("manual")
        assert rotated == [book]

        def failing(*args: object, **kwargs: object) -> object:
            raise DamagedBookBackupError(str(book), detail="x")

        monkeypatch.setattr("storage.backup.start_backup", failing)
        with pytest.raises(DamagedBookBackupError):
            db.backup("daily")
    assert rotated == [book]


def test_a_backup_that_does_not_read_back_is_deleted(book: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = decompress_file

    def flipped(*args, **kwargs):  # type: ignore[no-untyped-def]
        streamed = real(*args, **kwargs)
        return replace(streamed, plain_sha256="0" * 64)

    monkeypatch.setattr(backup_write, "decompress_file", flipped)
    conn = sqlite3.connect(book)
    with pytest.raises(BackupCheckFailedError):
        create_backup(conn, book, "manual")
    conn.close()
    assert list_backups(book) == []
    folder = book.parent / "backups" / "book"
    assert [p.name for p in folder.iterdir()] == []


def test_a_dead_writers_partials_are_cleaned_a_live_ones_kept(book: Path) -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead = int(finished.stdout)
    folder = book.parent / "backups" / "book"
    folder.mkdir(parents=True)
    stale = [folder / f".book-x-daily.db.zst.copy.{dead}.partial",
             book.parent / f".book.db.restore.{dead}.partial"]
    live = [folder / f".book-y-daily.db.zst.zst.{os.getpid()}.partial",
            book.parent / f".other.db.restore.{dead}.partial"]  # another book's
    for path in stale + live:
        path.write_bytes(b"partial")
    removed = clean_partials(book)
    assert sorted(removed) == sorted(stale)
    assert all(p.exists() for p in live) and not any(p.exists() for p in stale)
    assert book.exists()


def test_a_check_that_fails_after_the_copy_leaves_rotation_alone(
        book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check now ends after the copy (beside an import): its failure must still keep the
    folder's older backups and leave no file behind."""
    rotated: list[Path] = []
    monkeypatch.setattr("storage.backup.rotate_backups", _recorder(rotated))
    monkeypatch.setattr(backup_write, "integrity", lambda path: "row 3 missing from index")
    monkeypatch.setattr(backup_write._Check, "run",
                        lambda self: setattr(self, "result", "row 3 missing from index"))
    with Database(book) as db:
        started = db.start_backup("daily")
        with pytest.raises(DamagedBookBackupError):
            started.finish()
    assert rotated == []
    folder = backup_folder(book)
    assert not [p for p in folder.iterdir() if "partial" in p.name or p.name.endswith(".zst")]


def test_a_check_that_the_machine_fails_is_not_called_damage(
        book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The integrity check of the copy ran out of disk: that is a full disk, not a damaged
    book (which would refuse an import with the wrong advice)."""
    from storage.errors import DiskFullError

    def full(self) -> None:  # type: ignore[no-untyped-def]
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13
        self.result, self.error = str(error), error

    monkeypatch.setattr(backup_write._Check, "run", full)
    with Database(book) as db, pytest.raises(DiskFullError):
        db.backup("manual")
