"""Two windows on one book: both keep working, the second is told, nothing is lost."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from models.entities import Customer
from storage import connection, presence
from storage.database import Database
from storage.errors import ConflictError, DatabaseLockedError

ROOT = Path(__file__).resolve().parent.parent


HOLD_WRITE_LOCK = """
import sys, time
from models.entities import Customer
from storage.database import Database
db = Database(sys.argv[1])
with db.atomic():
    db.add(Customer(name="From the first window"))
    print("holding", flush=True)
    time.sleep(1.0)  # holds the write lock, as a big import would
db.close()
"""


def test_a_writer_waits_for_the_other_instead_of_failing(db_path: Path) -> None:
    with Database(db_path) as second:
        second.add(Customer(name="Start"))
        first = subprocess.Popen([sys.executable, "-c", HOLD_WRITE_LOCK, str(db_path)],
                                 cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert first.stdout is not None and first.stdout.readline().strip() == "holding"
        started = time.perf_counter()
        assert second.customer_count() == 1  # readers are never blocked (WAL)
        second.add(Customer(name="From the second window"))  # waits, then succeeds
        waited = time.perf_counter() - started
        assert first.wait(timeout=30) == 0
        names = {r.name for r in second.list_customers().rows}
    assert names == {"Start", "From the first window", "From the second window"}
    assert 0.3 < waited < 5


def test_the_later_of_two_edits_is_warned(db_path: Path) -> None:
    with Database(db_path) as a, Database(db_path) as b:
        customer = a.add(Customer(name="Acme"))
        in_b = b.get(Customer, customer.id)
        a.update(replace(customer, owner="Li"))
        with pytest.raises(ConflictError):
            b.update(replace(in_b, owner="Wang"))
        assert a.get(Customer, customer.id).owner == "Li"


def test_a_book_locked_by_another_program_is_a_clear_message(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Database(db_path).close()
    import sqlite3

    other = sqlite3.connect(db_path)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
    try:
        with pytest.raises(DatabaseLockedError) as caught:
            Database(db_path)
        assert "in use by another program" in str(caught.value)
        assert "0.3 seconds" in str(caught.value)
    finally:
        other.rollback()
        other.close()


def test_presence_markers(db_path: Path) -> None:
    Database(db_path).close()
    assert presence.holders(db_path) == []
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from storage import presence; presence.claim(Path(sys.argv[1]), 'gui'); "
         "print('ready', flush=True); time.sleep(30)", str(db_path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        others = presence.claim(db_path, "test")
        assert [h.pid for h in others] == [child.pid] and others[0].app == "gui"
        result = subprocess.run([sys.executable, "main.py", "--db", str(db_path), "info"],
                                cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0
        assert f"also open in KeyPlan (gui, process {child.pid}" in result.stderr
        restore = subprocess.run([sys.executable, "main.py", "--db", str(db_path), "restore",
                                  str(db_path)], cwd=ROOT, capture_output=True, text=True,
                                 timeout=60)
        assert restore.returncode == 1 and "close it before restoring" in restore.stderr
    finally:
        child.kill()
        child.wait()
        presence.release(db_path)
    assert presence.holders(db_path) == []  # the dead process's marker is cleared
