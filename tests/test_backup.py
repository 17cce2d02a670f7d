"""Backups: online copies that are compressed, verified, private, rotated; restore checks first
and keeps the replaced book; damaged files are refused unchanged; old plain backups still work."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from main import main
from models.entities import Customer
from storage.backup import (
    backup_due,
    copy_database,
    create_backup,
    list_backups,
    newest_good_backup,
    restore_backup,
    rotate_backups,
    verify_backup,
)
from storage.backup_files import read_record, record_path
from storage.backup_verify import unpacked
from storage.database import Database
from storage.errors import CorruptDatabaseError, NewerSchemaError, NotADatabaseError


@pytest.fixture
def book(db_path: Path) -> Path:
    with Database(db_path) as db:
        db.add(Customer(name="Acme", code="A1"))
        db.add(Customer(name="华为技术", code="H1"))
    return db_path


def _names(path: Path) -> list[str]:
    """Customer names in a book or backup (a compressed one is read from a temporary copy)."""
    with unpacked(path) as plain:
        conn = sqlite3.connect(f"{plain.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return sorted(r[0] for r in conn.execute(
                "SELECT name FROM customers WHERE deleted_at IS NULL"))
        finally:
            conn.close()


def test_backup_is_a_complete_private_copy(book: Path) -> None:
    with Database(book) as db:
        info = db.backup("manual")
        db.add(Customer(name="Later"))  # not in the backup
    assert info.path.parent == book.parent / "backups" / "book"
    assert info.reason == "manual" and info.size == info.path.stat().st_size
    assert info.path.name.endswith(".db.zst") and info.compressed
    if os.name == "posix":
        assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(record_path(info.path).stat().st_mode) == 0o600
    assert info.verified is True
    record = read_record(info.path)
    assert record is not None and record["result"] == "ok" and record["size"] == info.size
    assert record["sha256"] == hashlib.sha256(info.path.read_bytes()).hexdigest()
    assert info.size < book.stat().st_size  # compressed
    verify_backup(info.path)
    assert _names(info.path) == ["Acme", "华为技术"]
    assert not [p for p in info.path.parent.iterdir() if p.name.endswith(".partial")]


def test_daily_backup_happens_once_a_day(book: Path) -> None:
    with Database(book) as db:
        assert backup_due(db.path)
        first = db.backup_if_due()
        assert first is not None and first.reason == "daily"
        assert db.backup_if_due() is None
    assert not backup_due(book, now=datetime.now() + timedelta(hours=23))
    assert backup_due(book, now=datetime.now() + timedelta(hours=25))


def test_empty_book_needs_no_daily_backup(db_path: Path) -> None:
    with Database(db_path) as db:
        assert db.backup_if_due() is None
    assert list_backups(db_path) == []


def test_rotation_keeps_daily_and_weekly_and_every_manual(book: Path) -> None:
    start = datetime(2026, 1, 1, 9, 0)
    conn = sqlite3.connect(book)
    for day in range(60):
        create_backup(conn, book, "daily", now=start + timedelta(days=day))
    create_backup(conn, book, "manual", now=start)
    conn.close()
    rotate_backups(book, keep_daily=7, keep_weekly=4)
    left = list_backups(book)
    daily = [b for b in left if b.reason == "daily"]
    days = sorted({b.created.date() for b in daily}, reverse=True)
    assert days[:7] == [(start + timedelta(days=59 - i)).date() for i in range(7)]
    weeks = {b.created.isocalendar()[:2] for b in daily}
    assert len(weeks) == 4 and len(daily) < 12
    assert [b.reason for b in left].count("manual") == 1


def test_restore_checks_then_replaces_and_keeps_the_old_book(book: Path) -> None:
    with Database(book) as db:
        backup = db.backup("manual").path
        db.add(Customer(name="Added after the backup"))
    kept = restore_backup(book, backup)
    assert kept is not None
    assert _names(book) == ["Acme", "华为技术"]
    assert "Added after the backup" in _names(kept)


def test_restore_refuses_a_damaged_backup_and_changes_nothing(book: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    with Database(book) as db:
        db.backup("manual", target=bad)
    data = bytearray(bad.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page header but the first
        data[offset:offset + 16] = b"\xff" * 16
    bad.write_bytes(bytes(data))
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    with pytest.raises(CorruptDatabaseError):
        restore_backup(book, bad)
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before
    assert _names(book) == ["Acme", "华为技术"]


def test_restore_refuses_other_files(book: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(NotADatabaseError):
        restore_backup(book, text)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotADatabaseError):
        restore_backup(book, foreign)


def test_restore_refuses_a_backup_from_a_newer_version(book: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    with Database(book) as db:
        db.backup("manual", target=newer)
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('keyplan', 'm999_future', 'now')")
    conn.commit()
    conn.close()
    with pytest.raises(NewerSchemaError):
        restore_backup(book, newer)


def test_migration_backs_up_first(db_path: Path) -> None:
    from sqlite_utils import Database as SqliteUtilsDatabase

    from storage.database import known_migrations
    from storage.migrations import migrations

    conn = sqlite3.connect(db_path)
    migrations.apply(SqliteUtilsDatabase(conn), stop_before=known_migrations()[-1])
    conn.close()
    Database(db_path).close()
    assert [b.reason for b in list_backups(db_path)] == ["migration"]
    Database(db_path).close()  # nothing pending now: no second backup
    assert len(list_backups(db_path)) == 1


def test_cli_backup_list_restore_and_check(book: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "copy.db"
    assert main(["--db", str(book), "backup", "-o", str(target)]) == 0
    assert "Backed up to" in capsys.readouterr().out and target.exists()
    assert main(["--db", str(book), "backup", "-o", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["--db", str(book), "backup"]) == 0
    assert main(["--db", str(book), "backup", "--list"]) == 0
    assert "manual" in capsys.readouterr().out
    assert main(["--db", str(book), "check"]) == 0
    assert main(["--db", str(book), "check", "--full"]) == 0
    assert main(["--db", str(book), "restore", str(target)]) == 0
    assert "kept as" in capsys.readouterr().out
    assert main(["--db", str(book), "restore", str(tmp_path / "missing.db")]) == 1
    assert main(["--db", str(book), "backup", "--keep-daily", "3", "--keep-weekly", "2"]) == 0
    with Database(book) as db:
        assert db.backup_policy() == (3, 2)
    assert main(["--db", str(book), "backup", "--keep-daily", "0"]) == 1


def test_check_reports_damage(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Database(book) as db:
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(book.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset:offset + 16] = b"\xff" * 16
    book.write_bytes(bytes(data))
    assert main(["--db", str(book), "check"]) == 1
    assert "damaged" in capsys.readouterr().err


def test_import_backs_up_first(book: Path, tmp_path: Path) -> None:
    from storage.importer.run import run_import

    csv_file = tmp_path / "t.csv"
    csv_file.write_text("客户编号,日期,金额\nA1,2026-01-05,100\n", encoding="utf-8")
    with Database(book) as db:
        run_import(db, csv_file, "transactions", dry_run=True)
        assert list_backups(book) == []  # a dry run writes nothing, so needs no backup
        result = run_import(db, csv_file, "transactions")
    assert result.created == 1
    backups = list_backups(book)
    assert [b.reason for b in backups] == ["import"]
    with unpacked(backups[0].path) as plain:
        conn = sqlite3.connect(plain)
        assert conn.execute("SELECT count(*) FROM transactions").fetchone()[0] == 0
        conn.close()


def test_a_damaged_compressed_backup_is_refused(book: Path) -> None:
    with Database(book) as db:
        backup = db.backup("manual").path
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    before = _names(book)
    with pytest.raises(CorruptDatabaseError) as raised:
        restore_backup(book, backup)
    assert str(backup) in str(raised.value)
    assert _names(book) == before
    assert not [p for p in book.parent.iterdir() if p.name.endswith(".partial")]


def test_old_plain_backups_are_listed_checked_and_restored(book: Path) -> None:
    folder = book.parent / "backups" / "book"
    folder.mkdir(parents=True)
    conn = sqlite3.connect(book)
    old = copy_database(conn, folder / "book-20260101-090000-daily.db")
    conn.close()
    with Database(book) as db:
        db.add(Customer(name="Later"))
    [listed] = list_backups(book)
    assert listed.path == old and listed.reason == "daily" and not listed.compressed
    assert listed.created == datetime(2026, 1, 1, 9, 0)
    assert listed.verified is None  # made before checks were recorded
    # Offered all the same (a restore checks it first), or checked now on request.
    assert newest_good_backup(book) == listed
    assert newest_good_backup(book, check_unknown=True) == listed
    assert [b.verified for b in list_backups(book)] == [True]  # and the check is recorded
    restore_backup(book, old)
    assert _names(book) == ["Acme", "华为技术"]


def test_newest_good_backup_skips_unchecked_and_failed(book: Path) -> None:
    with Database(book) as db:
        first = db.backup("manual")
        second = db.backup("manual")
    assert newest_good_backup(book) == second
    record = read_record(second.path)
    assert record is not None
    record_path(second.path).write_text(
        json.dumps({**record, "result": "malformed"}), encoding="utf-8")
    assert [b.verified for b in list_backups(book)] == [False, True]
    assert newest_good_backup(book) == first
