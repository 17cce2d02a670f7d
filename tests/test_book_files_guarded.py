"""The open book and its journal are never read or written by anything but SQLite in the
process that has it open: an import or an export pointed at it by mistake is refused (reading
it with open() would release this process's locks; writing over it would destroy it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from models.entities import Customer
from storage.database import Database
from storage.export_files import ExportError
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
