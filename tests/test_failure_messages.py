"""One line, the right line, for every failure of the book: exit code 1, no traceback, and a
busy or full disk never called damaged. Paths with Chinese characters and spaces, as on the
desktops of most of our users."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from main import main
from models.entities import Customer
from storage import connection
from storage.database import Database

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "销售 资料"
    folder.mkdir()
    path = folder / "我的 客户.db"
    with Database(path) as db:
        db.add(Customer(name="华为技术"))
        db.backup("manual")
    return path


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines and lines[0].startswith("keyplan: error: ")
    return err


def test_locked(book: Path, capsys: pytest.CaptureFixture[str],
                monkeypatch: pytest.MonkeyPatch) -> None:
    holder = sqlite3.connect(book)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    try:
        assert main(["--db", str(book), "info"]) == 1
    finally:
        holder.rollback()
        holder.close()
    err = _one_line(capsys)
    assert "in use by another program" in err and "damaged" not in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(("pragma", "expected"), [
    # SQLite's own "database or disk is full", met at the page limit like at the disk's end.
    ("PRAGMA max_page_count = {pages}", "is full"),
    # SQLite's own "attempt to write a readonly database".
    ("PRAGMA query_only = 1", "is read-only"),
])
def test_write_failures(book: Path, capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch, pragma: str, expected: str) -> None:
    """Real SQLite errors inside a real write: classified by atomic(), nothing half-written."""
    with Database(book) as db:
        pages = int(db.scalar("PRAGMA page_count"))
    monkeypatch.setattr(connection, "PRAGMAS",
                        (*connection.PRAGMAS, pragma.format(pages=pages)))
    assert main(["--db", str(book), "demo", "--customers", "40"]) == 1
    err = _one_line(capsys)
    assert expected in err and "damaged" not in err
    assert err.count("\n") == 1
    monkeypatch.undo()
    with Database(book) as db:
        assert db.customer_count() == 1  # nothing half-written
        assert db.scalar("PRAGMA integrity_check") == "ok"


def test_damaged_names_the_restore_command(book: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = bytearray(book.read_bytes())
    data[100] = 0x07  # the schema page's b-tree type: no longer one that exists
    book.write_bytes(bytes(data))
    assert main(["--db", str(book), "info"]) == 1
    err = _one_line(capsys)
    lines = err.splitlines()
    assert "is damaged" in lines[0]
    assert lines[1].startswith("keyplan: restore the newest good backup with: keyplan --db "
                               f'"{book}" restore "')


def test_missing_book_with_backups(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book.unlink()
    assert main(["--db", str(book), "info"]) == 1
    err = _one_line(capsys)
    assert "does not exist, but 1 backups of it do" in err
    assert "restore" in err.splitlines()[1]
    assert not book.exists()


def test_newer_version(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(book)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('keyplan', 'm999_future', 'now')")
    conn.commit()
    conn.close()
    assert main(["--db", str(book), "info"]) == 1
    assert "newer version of KeyPlan" in _one_line(capsys)


def test_foreign_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "微信 备份.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE message (id INTEGER PRIMARY KEY)")
    conn.close()
    assert main(["--db", str(other), "info"]) == 1
    assert "another program's SQLite database" in _one_line(capsys)


def test_permission_denied_and_read_only(book: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    real_access = os.access
    # Simulated: root (as in CI) may read and write any file, so chmod alone proves nothing.
    monkeypatch.setattr("storage.connection.os.access",
                        lambda p, mode: False if mode == os.R_OK else real_access(p, mode))
    assert main(["--db", str(book), "info"]) == 1
    assert "do not have permission to open" in _one_line(capsys)
    monkeypatch.setattr("storage.connection.os.access",
                        lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    assert main(["--db", str(book), "info"]) == 1
    assert "is read-only" in _one_line(capsys)


def test_a_real_process_prints_no_traceback(book: Path) -> None:
    book.write_bytes(b"not a database at all, just text\n" * 40)
    done = subprocess.run([sys.executable, "main.py", "--db", str(book), "info"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "not a KeyPlan database" in done.stderr


def test_a_backup_from_before_checks_were_recorded_is_offered(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Books upgraded from earlier versions have only plain .db backups with no recorded
    check: the restore line still names one, once it passed its check now."""
    from storage.backup import backup_folder, copy_database

    book = tmp_path / "升级 客户.db"
    with Database(book) as db:
        db.add(Customer(name="华为技术"))
        folder = backup_folder(book)
        folder.mkdir(parents=True)
        old = copy_database(db.conn, folder / f"{book.stem}-20260101-090000-daily.db")
    book.unlink()
    assert main(["--db", str(book), "info"]) == 1
    lines = _one_line(capsys).splitlines()
    assert "does not exist, but 1 backups of it do" in lines[0]
    assert lines[1].endswith(f'restore "{old}"')
