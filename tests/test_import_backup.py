"""The import's one backup: copied before the import's transaction, checked beside the import,
and the import commits only once that check passed."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.entities import Customer
from storage.backup import list_backups
from storage.database import Database
from storage.errors import DamagedBookBackupError
from storage.importer import run_import


def _lines(path: Path, customer: str, count: int) -> Path:
    rows = "\n".join(f"{customer},2026-03-{1 + n % 28:02d},{100 + n},INV-{n}" for n in range(count))
    path.write_text("customer,date,amount,reference\n" + rows + "\n", encoding="utf-8")
    return path


def test_the_backup_is_the_book_before_the_import(db_path: Path, tmp_path: Path) -> None:
    with Database(db_path) as db:
        db.add(Customer(name="Acme"))
        result = run_import(db, _lines(tmp_path / "march.csv", "Acme", 50), "transactions")
        assert result.created == 50
        backups = [b for b in list_backups(db_path) if b.reason == "import"]
    assert len(backups) == 1 and backups[0].verified
    restored = tmp_path / "restored.db"
    from storage.backup import restore_backup

    restore_backup(restored, backups[0].path)
    with Database(restored) as copy:
        assert copy.scalar("SELECT count(*) FROM transactions") == 0
        assert copy.customer_count() == 1


def test_a_damaged_book_is_not_imported_into(db_path: Path, tmp_path: Path) -> None:
    with Database(db_path) as db:
        for number in range(200):
            db.add(Customer(name=f"Customer {number:03d}"))
        db.add(Customer(name="QXJZ unique name"))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    at = data.index(b"qxjz unique name")  # a row out of step with its index
    data[at] ^= 0x20
    db_path.write_bytes(bytes(data))
    with Database(db_path) as db:
        with pytest.raises(DamagedBookBackupError):
            run_import(db, _lines(tmp_path / "march.csv", "Customer 001", 20), "transactions")
        assert db.scalar("SELECT count(*) FROM transactions") == 0  # rolled back
    assert not list_backups(db_path)  # nor backed up over good backups
