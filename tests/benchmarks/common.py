"""Shared benchmark plumbing: the full-size demo book, timing, and printing figures."""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "bench-data"
FULL_SIZE = 100_000  # customers; about 1,000,000 transactions
ANCHOR = date(2026, 6, 30)  # fixed so every run measures the same book
SEED = 2026


def full_size_db(path: Path | None = None, customers: int = FULL_SIZE) -> Path:
    """The cached full-size demo book, generated on first use (about 40 s)."""
    from storage.database import Database
    from storage.demo import DEMO_VERSION, generate_demo

    path = path or CACHE / f"demo-{customers}-{SEED}-v{DEMO_VERSION}.db"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # Per-process name: two benchmarks starting together each build, and the last one wins.
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    print(f"Generating the {customers:,}-customer demo book in {path} ...", flush=True)
    with Database(partial) as db:
        generate_demo(db, customers, seed=SEED, anchor=ANCHOR)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    os.replace(partial, path)
    return path


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time in seconds over ``repeat`` runs, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(name: str, seconds: float, *, limit: float | None = None,
           baseline: float | None = None, extra: str = "") -> bool:
    """Print one figure; returns whether it met its limit."""
    ok = limit is None or seconds <= limit
    parts = [f"{name:<52} {seconds * 1000:10.1f} ms"]
    if baseline is not None and baseline > 0:
        parts.append(f"ratio {seconds / baseline:5.2f}x")
    if limit is not None:
        parts.append(f"limit {limit * 1000:.0f} ms {'OK' if ok else 'OVER'}")
    if extra:
        parts.append(extra)
    print("  ".join(parts), flush=True)
    return ok


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", type=Path, help="use this full-size book instead of the cache")
    return parser.parse_args()
