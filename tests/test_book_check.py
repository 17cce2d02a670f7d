"""``check`` runs SQLite's integrity check: structural damage and indexes out of step with
their rows are found (``quick_check`` misses the latter); the file is never written."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from models.entities import Customer
from storage.book_check import check_book
from storage.database import Database
from storage.errors import NotAKeyPlanBookError


def _book(path: Path) -> None:
    with Database(path) as db:
        for number in range(200):
            db.add(Customer(name=f"Customer {number:03d}", city="Hangzhou"))
        db.add(Customer(name="QXJZ unique name"))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _flip_first(path: Path, needle: bytes) -> None:
    data = bytearray(path.read_bytes())
    at = data.index(needle)
    data[at] ^= 0x20  # one letter's case: the page stays well formed
    path.write_bytes(bytes(data))


def test_a_sound_book_passes(db_path: Path) -> None:
    _book(db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    result = check_book(db_path)
    assert result.ok and not result.quick
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_a_row_out_of_step_with_its_index_is_found(db_path: Path) -> None:
    _book(db_path)
    _flip_first(db_path, b"qxjz unique name")  # the sort key: in the row and in an index
    result = check_book(db_path)
    assert not result.ok
    assert any("index" in problem for problem in result.problems)
    assert check_book(db_path, quick=True).ok  # why the full check is the default


def test_a_broken_page_is_found(db_path: Path) -> None:
    _book(db_path)
    conn = sqlite3.connect(db_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'customers'").fetchone()
    conn.close()
    data = bytearray(db_path.read_bytes())
    header = (root[0] - 1) * page_size
    data[header + 3:header + 5] = b"\xff\xff"  # the page's cell count
    db_path.write_bytes(bytes(data))
    assert not check_book(db_path).ok


def test_another_programs_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(NotAKeyPlanBookError):
        check_book(path)


def test_the_check_command(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from main import main

    _book(db_path)
    assert main(["--db", str(db_path), "check"]) == 0
    assert "integrity check passed" in capsys.readouterr().out
    _flip_first(db_path, b"qxjz unique name")
    assert main(["--db", str(db_path), "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("keyplan: error: ") and "is damaged (integrity check: " in err
    assert err.splitlines()[0].count("index") >= 1 and "Traceback" not in err
    assert main(["--db", str(db_path), "check", "--quick"]) == 0  # the limit the README names
