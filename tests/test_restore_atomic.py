"""Restore replaces the book in one step: after a kill at any instant the book is exactly the
old one or exactly the new one; an old journal never reaches the new file; links survive."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from models.entities import Customer
from storage.backup import list_backups, restore_backup
from storage.backup_restore import PAUSE_ENV
from storage.backup_verify import unpacked
from storage.database import Database

ROOT = Path(__file__).resolve().parents[1]
#: A child that adds customers and dies without closing: its commits stay in the -wal.
WAL_CHILD = ("import os, sys; from pathlib import Path; from models.entities import Customer; "
             "from storage.database import Database; db = Database(Path(sys.argv[1])); "
             "db.conn.execute('PRAGMA wal_autocheckpoint = 0'); "
             "[db.add(Customer(name=f'In the journal {i}')) for i in range(int(sys.argv[2]))]; "
             "os._exit(0)")


def fingerprint(path: Path) -> str:
    """The live customers of a book or backup, read through SQLite from a private copy."""
    with unpacked(path) as plain:
        conn = sqlite3.connect(f"{plain.resolve().as_uri()}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            rows = conn.execute("SELECT id, name FROM customers WHERE deleted_at IS NULL "
                                "ORDER BY id").fetchall()
        finally:
            conn.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _book_with_journal(path: Path, names: list[str], journal: int) -> None:
    with Database(path) as db:
        for name in names:
            db.add(Customer(name=name))
    subprocess.run([sys.executable, "-c", WAL_CHILD, str(path), str(journal)], cwd=ROOT,
                   check=True)
    assert path.with_name(path.name + "-wal").stat().st_size > 0


def _copy_book(source: Path, target: Path) -> None:
    """Copy a closed book with its journal (no connection to it is open in this process)."""
    for suffix in ("", "-wal"):
        if source.with_name(source.name + suffix).exists():
            shutil.copyfile(source.with_name(source.name + suffix),
                            target.with_name(target.name + suffix))


@pytest.fixture
def new_backup(tmp_path: Path) -> Path:
    source = tmp_path / "source" / "new.db"
    source.parent.mkdir()
    with Database(source) as db:
        for name in ("New A", "New B", "新客户"):
            db.add(Customer(name=name))
        return db.backup("manual").path


def test_an_old_journal_never_reaches_the_restored_book(tmp_path: Path, new_backup: Path) -> None:
    book = tmp_path / "客户 资料" / "我的 账本.db"
    book.parent.mkdir()
    _book_with_journal(book, ["Old"], journal=5)
    old = fingerprint_of_closed(book, tmp_path)
    kept = restore_backup(book, new_backup)
    assert not book.with_name(book.name + "-wal").exists()
    assert not book.with_name(book.name + "-shm").exists()
    assert fingerprint(book) == fingerprint(new_backup)
    assert kept is not None and kept.name.endswith("-replaced.db.zst")
    assert fingerprint(kept) == old  # the journal's commits are in the kept copy
    with Database(book) as db:
        assert sorted(c.name for c in db.list_customers().rows) == ["New A", "New B", "新客户"]


def fingerprint_of_closed(book: Path, tmp_path: Path) -> str:
    """The fingerprint of a closed book with its journal, read from a copy of both."""
    copy = tmp_path / f"fp-{time.monotonic_ns()}.db"
    _copy_book(book, copy)
    return fingerprint(copy)


def test_restore_through_a_link_replaces_the_target_and_keeps_the_link(
        tmp_path: Path, new_backup: Path) -> None:
    if os.name != "posix":
        pytest.skip("symlinks need privileges on Windows")
    real = tmp_path / "real" / "book.db"
    real.parent.mkdir()
    with Database(real) as db:
        db.add(Customer(name="Old"))
    link = tmp_path / "link.db"
    link.symlink_to(real)
    kept = restore_backup(link, new_backup)
    assert link.is_symlink() and link.resolve() == real
    assert fingerprint(real) == fingerprint(new_backup)
    assert kept is not None and kept.parent == real.parent / "backups" / "book"
    assert not kept.is_symlink() and kept.is_file()


def test_two_restores_in_the_same_second_keep_both_books(db_path: Path,
                                                         new_backup: Path) -> None:
    book_path = db_path
    with Database(book_path) as db:
        db.add(Customer(name="Old"))
    when = datetime(2026, 12, 6, 10, 0, 0)
    first = restore_backup(book_path, new_backup, now=when)
    second = restore_backup(book_path, new_backup, now=when)
    assert first is not None and second is not None and first != second
    assert first.exists() and second.exists()
    assert len([b for b in list_backups(book_path) if b.reason == "replaced"]) == 2


def test_a_book_too_damaged_to_read_is_kept_as_it_is(tmp_path: Path, new_backup: Path) -> None:
    book = tmp_path / "book.db"
    book.write_bytes(b"SQLite format 3\x00" + os.urandom(8192 - 16))
    before = book.read_bytes()
    kept = restore_backup(book, new_backup)
    assert kept is not None and kept.name.endswith("-replaced.db")
    assert kept.read_bytes() == before
    assert fingerprint(book) == fingerprint(new_backup)


KILL_CHILD = ("import sys; from pathlib import Path; from storage.backup import restore_backup; "
              "print('ready', flush=True); restore_backup(Path(sys.argv[1]), Path(sys.argv[2])); "
              "print('done', flush=True)")


def test_a_restore_killed_at_any_instant_leaves_the_old_book_or_the_new(
        tmp_path: Path, new_backup: Path) -> None:
    if os.name != "posix":
        pytest.skip("SIGKILL is POSIX")
    template = tmp_path / "template" / "book.db"
    template.parent.mkdir()
    _book_with_journal(template, [f"Old {i}" for i in range(20)], journal=3)
    old = fingerprint_of_closed(template, tmp_path)
    new = fingerprint(new_backup)
    env = {**os.environ, PAUSE_ENV: "0.05"}  # widen each step so kills land in all of them

    def start(round_: int) -> tuple[subprocess.Popen[str], Path]:
        folder = tmp_path / f"round-{round_}"
        folder.mkdir()
        book = folder / "book.db"
        _copy_book(template, book)
        child = subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(book), str(new_backup)],
                                 cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        return child, book

    child, _book = start(-1)  # one whole restore: how long it takes on this machine now
    started = time.perf_counter()
    assert child.stdout is not None and child.stdout.readline().strip() == "done"
    duration = time.perf_counter() - started
    child.wait()
    rng = random.Random(13)
    outcomes = {old: 0, new: 0}
    for round_ in range(30):
        child, book = start(round_)
        time.sleep(rng.uniform(0, duration * 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert book.exists(), f"round {round_}: no book after the kill"
        found = fingerprint_of_closed(book, book.parent)
        assert found in (old, new), f"round {round_}: neither the old book nor the new"
        outcomes[found] += 1
    # the kills landed before and after the swap
    assert outcomes[old] and outcomes[new], (outcomes, duration)


@pytest.mark.skipif(os.name == "nt", reason="Windows cannot open a folder to sync it")
def test_renames_are_made_durable_by_syncing_the_folder(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A rename is only on the disk once its folder is synced: after a power cut the book
    (or a backup) could otherwise come back under its old name, or not at all."""
    import stat

    from models.entities import Customer
    from storage.backup import restore_backup
    from storage.database import Database

    book = tmp_path / "book.db"
    with Database(book) as db:
        db.add(Customer(name="Acme"))
        backup = db.backup("manual")
    synced: list[str] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            synced.append(os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc")
                          else "folder")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording)
    with Database(book) as db:
        db.backup("manual")
    assert any(s.endswith(str(backup.path.parent.name)) for s in synced)
    synced.clear()
    restore_backup(book, backup.path)
    assert str(book.parent.resolve()) in synced
