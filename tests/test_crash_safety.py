"""SIGKILL at random moments during bulk inserts, edits and rescoring never leaves a damaged
book or a half-done change: after every kill the data is exactly as before or as after."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.database import Database
from storage.demo import generate_demo
from tests.conftest import DEMO_ANCHOR

ROOT = Path(__file__).resolve().parent.parent
KILLS_PER_OPERATION = 13  # 4 operations: 52 kills in all
OPERATIONS = ("bulk", "edits", "update", "rescore")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _fingerprint(path: Path) -> tuple[object, ...]:
    """What must be all-before or all-after: counts and checksums of the user data, the
    change log, and the derived metrics."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return tuple(conn.execute(sql).fetchone() for sql in (
            "SELECT count(*), total(amount), group_concat(reference, '') FROM transactions",
            "SELECT count(*), group_concat(owner || city || length(notes)) FROM customers",
            "SELECT count(*), count(DISTINCT change_id) FROM change_log",
            # One recomputation writes every row: a single computed_at means no mixture.
            "SELECT count(*), count(DISTINCT computed_at), group_concat(as_of || revenue_12m) "
            "FROM customer_metrics",
            "SELECT count(*) FROM contacts", "SELECT count(*) FROM interactions",
        ))
    finally:
        conn.close()


def _same_state(operation: str, state: tuple[object, ...], other: tuple[object, ...]) -> bool:
    if operation == "update":
        # Each run stamps a new updated_at; compare the edited fields and the change log.
        return state[1] == other[1] and state[2] == other[2]
    return state == other


def _operation_seconds(operation: str, path: Path) -> float:
    """How long the operation itself takes (from 'start' to 'done', without start-up)."""
    child = subprocess.Popen([sys.executable, "-m", "tests.crash_child", operation, str(path),
                              "0"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "start"
    started = time.perf_counter()
    assert child.stdout.readline().strip() == "done"
    seconds = time.perf_counter() - started
    child.wait(timeout=60)
    return seconds


def _run(operation: str, path: Path, seed: int, kill_after: float | None) -> bool:
    """Run the child; kill it ``kill_after`` seconds after it starts working. True if the
    operation completed."""
    child = subprocess.Popen([sys.executable, "-m", "tests.crash_child", operation, str(path),
                              str(seed)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "start"
    if kill_after is None:
        finished = child.stdout.readline().strip() == "done"
        child.wait(timeout=120)
        return finished
    time.sleep(kill_after)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    return False


@pytest.mark.parametrize("operation", OPERATIONS)
def test_kill_at_random_moments(operation: str, tmp_path: Path) -> None:
    path = tmp_path / "book.db"
    with Database(path) as db:
        generate_demo(db, 200, seed=5, anchor=DEMO_ANCHOR)
    rng = random.Random(operation)

    duration = _operation_seconds(operation, path)

    survived = 0
    outcomes = {"before": 0, "after": 0}
    for attempt in range(1, KILLS_PER_OPERATION + 1):
        seed = 100 + attempt
        before = _fingerprint(path)
        copy = tmp_path / f"before-{attempt}.db"
        with Database(path) as db:
            db.conn.execute("VACUUM INTO ?", [str(copy)])

        _run(operation, path, seed, rng.uniform(0, duration * 1.2))
        state = _fingerprint(path)
        if _same_state(operation, state, before):
            outcomes["before"] += 1
        else:
            # Not the old state, so it must be exactly what the finished operation gives:
            # run it to the end on the copy taken before the kill and compare.
            assert _run(operation, copy, seed, None)
            after = _fingerprint(copy)
            assert _same_state(operation, state, after), f"kill {attempt}: half-done {operation}"
            outcomes["after"] += 1
        copy.unlink()
        survived += 1
        Database(path).close()  # the book still opens (and recovers its WAL)
    print(f"{operation}: {survived} kills survived, {outcomes}")
    assert survived == KILLS_PER_OPERATION
