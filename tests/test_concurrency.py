"""Two processes on one book, for hundreds of rounds: no lock is lost, no row is lost.

The app's process keeps connections open while another process opens, reads, writes and
closes the book 200 times. A plain ``open()``/``close()`` of the book inside the app's process
used to drop all its SQLite locks (POSIX fcntl semantics), so the other process checkpointed
and deleted the WAL the app was still writing to: the book ended "malformed".
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storage.database import Database

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 200


def check_book(path: Path, holder_rounds: int, visitor_rounds: int) -> None:
    """The file is whole and holds exactly the rows both processes said they wrote."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [row[0] for row in conn.execute("SELECT name FROM customers")]
    finally:
        conn.close()
    expected = {f"holder-{n}" for n in range(holder_rounds)}
    expected |= {f"visitor-{n}" for n in range(visitor_rounds)}
    assert len(names) == len(expected)
    assert set(names) == expected


def _child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.concurrency_child", *args], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_cli_rounds_beside_an_open_app_lose_nothing(db_path: Path) -> None:
    Database(db_path).close()
    holder = _child("holder", str(db_path))
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    visitor = _child("visitor", str(db_path), str(ROUNDS))
    out, err = visitor.communicate(timeout=300)
    assert visitor.returncode == 0, err
    assert out.strip() == f"done {ROUNDS}"
    out, err = holder.communicate(input="", timeout=120)
    assert holder.returncode == 0, err
    holder_rounds = int(out.split()[-1])
    assert holder_rounds > 0
    check_book(db_path, holder_rounds, ROUNDS)


@pytest.mark.parametrize("order", ["app-first", "cli-first"])
def test_both_ways_round(db_path: Path, order: str) -> None:
    """The same with the roles started the other way round, in this test's own process."""
    Database(db_path).close()
    if order == "cli-first":
        visitor = _child("visitor", str(db_path), str(ROUNDS))
    holder_db = Database(db_path)
    if order == "app-first":
        visitor = _child("visitor", str(db_path), str(ROUNDS))
    from models.entities import Customer

    rounds = 0
    while visitor.poll() is None:
        Database(db_path).close()  # a worker connection comes and goes
        holder_db.add(Customer(name=f"holder-{rounds}"))
        rounds += 1
    holder_db.close()
    _out, err = visitor.communicate(timeout=60)
    assert visitor.returncode == 0, err
    check_book(db_path, rounds, ROUNDS)
