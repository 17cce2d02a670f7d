"""Rotation: the three newest verified backups always stay, a size budget prunes the oldest
automatic ones first, backups made by hand are never deleted, names never collide."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from main import main
from models.entities import Customer
from models.validation import ValidationError
from storage.backup import create_backup, list_backups, rotate_backups
from storage.backup_files import record_path
from storage.database import Database

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def book(db_path: Path) -> Path:
    with Database(db_path) as db:
        db.add(Customer(name="Acme", code="A1"))
    return db_path


def _make(book: Path, reason: str, times: list[datetime]) -> None:
    conn = sqlite3.connect(book)
    try:
        for when in times:
            create_backup(conn, book, reason, now=when)
    finally:
        conn.close()


def test_two_backups_in_the_same_instant_get_two_names(book: Path) -> None:
    when = datetime(2026, 12, 6, 9, 0, 0, 123456)
    _make(book, "daily", [when, when])
    backups = list_backups(book)
    assert len(backups) == 2 and backups[0].path != backups[1].path
    assert {b.created for b in backups} == {when}
    assert all(b.verified for b in backups)


def test_two_processes_backing_up_in_the_same_second_both_keep_theirs(book: Path) -> None:
    script = ("import sqlite3, sys; from datetime import datetime; from pathlib import Path; "
              "from storage.backup import create_backup; book = Path(sys.argv[1]); "
              "c = sqlite3.connect(book); "
              "print(create_backup(c, book, 'daily', now=datetime(2026, 12, 6, 9)).path)")
    children = [subprocess.Popen([sys.executable, "-c", script, str(book)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True) for _ in range(2)]
    paths = [child.communicate(timeout=60)[0].strip() for child in children]
    assert all(child.returncode == 0 for child in children)
    assert len(set(paths)) == 2
    assert sorted(str(b.path) for b in list_backups(book)) == sorted(paths)


def test_the_three_newest_verified_stay_whatever_the_policy(book: Path) -> None:
    start = datetime(2026, 3, 2, 9, 0)
    _make(book, "daily", [start + timedelta(hours=h) for h in range(6)])
    rotate_backups(book, keep_daily=1, keep_weekly=1)
    left = list_backups(book)
    assert [b.created for b in left] == [start + timedelta(hours=h) for h in (5, 4, 3)]


def test_unverified_backups_do_not_count_among_the_three(book: Path) -> None:
    start = datetime(2026, 3, 2, 9, 0)
    _make(book, "daily", [start + timedelta(hours=h) for h in range(6)])
    newest = list_backups(book)[0]
    record_path(newest.path).unlink()  # as if its check had never been recorded
    rotate_backups(book, keep_daily=1, keep_weekly=1)
    left = [b.created for b in list_backups(book)]
    assert left == [start + timedelta(hours=h) for h in (5, 4, 3, 2)]


def test_budget_prunes_oldest_automatic_first_never_manual_nor_last_three(book: Path) -> None:
    start = datetime(2026, 3, 2, 9, 0)
    _make(book, "manual", [start - timedelta(days=30)])
    _make(book, "daily", [start + timedelta(days=d) for d in range(6)])
    size = list_backups(book)[0].size
    deleted = rotate_backups(book, keep_daily=30, keep_weekly=10, max_bytes=size * 5 + 1)
    left = list_backups(book)
    assert len(deleted) == 2
    assert [b.created for b in left if b.reason == "daily"] == \
        [start + timedelta(days=d) for d in (5, 4, 3, 2)]
    assert [b.reason for b in left].count("manual") == 1
    rotate_backups(book, max_bytes=1)  # far over budget: the last three verified stay
    assert [b.created for b in list_backups(book) if b.reason == "daily"] == \
        [start + timedelta(days=d) for d in (5, 4, 3)]
    assert not [p for p in record_path(left[0].path).parent.iterdir()
                if p.name.endswith(".json") and not p.with_suffix("").exists()]


def test_budget_setting_is_kept_with_the_policy(book: Path) -> None:
    with Database(book) as db:
        assert db.backup_budget() >= 1024 ** 3  # default: 10x the book, at least 1 GB
        db.set_backup_budget(50 * 1024 ** 2)
        db.set_backup_policy(3, 2)
        assert db.backup_budget() == 50 * 1024 ** 2 and db.backup_policy() == (3, 2)
        with pytest.raises(ValidationError):
            db.set_backup_budget(1000)
        db.set_backup_budget(None)
        assert db.backup_budget() >= 1024 ** 3


def test_cli_max_size(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(book), "backup", "--max-size", "2GB"]) == 0
    assert "2.0 GB" in capsys.readouterr().out
    with Database(book) as db:
        assert db.backup_budget() == 2 * 1000 ** 3
    assert main(["--db", str(book), "backup", "--max-size", "auto"]) == 0
    with pytest.raises(SystemExit) as usage:
        main(["--db", str(book), "backup", "--max-size", "lots"])
    assert usage.value.code == 2
    assert main(["--db", str(book), "backup", "--max-size", "1KB"]) == 1
