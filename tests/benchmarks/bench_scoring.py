"""Value engine figures on 100,000 customers / about 1,000,000 transactions: a full rescore
against a raw SQL aggregate of the same transactions, one explanation, a 12-month backfill.

    python -m tests.benchmarks.bench_scoring [--db PATH]

Without ``--db`` the cached full-size demo book is used (generated on first use). The book is
copied first (SQLite backup API), so the given file is never written to.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from tests.benchmarks.common import CACHE, arguments, full_size_db, percentile, report, timed

RAW_AGGREGATE_SQL = """
SELECT customer_id, sum(amount), count(*), min(date), max(date)
FROM transactions WHERE deleted_at IS NULL GROUP BY customer_id
"""
RESCORE_LIMIT = 1.5
RESCORE_RATIO = 3.0
EXPLAIN_LIMIT = 0.020
BACKFILL_LIMIT = 15.0
REPEAT = 3


def scratch_copy(source: Path) -> Path:
    """A private copy of ``source`` (with whatever its WAL holds) to write to."""
    target = CACHE / "bench-scoring-scratch.db"
    for leftover in CACHE.glob(target.name + "*"):
        leftover.unlink()
    CACHE.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.execute("PRAGMA journal_mode = WAL")
    # Bring the copy up to date here: opening it would first back it up (a second copy).
    from sqlite_utils import Database as SqliteUtilsDatabase

    from storage.migrations import migrations

    migrations.apply(SqliteUtilsDatabase(dst))
    dst.close()
    return target


def forget_scores(db: object) -> None:
    """Make every customer_metrics row 'never scored', so the next rescore writes them all."""
    conn = db.conn  # type: ignore[attr-defined]
    conn.execute("UPDATE customer_metrics SET score = NULL, computed_tier = NULL, tier = NULL, "
                 "tier_rank = NULL, abc_class = NULL, lifecycle = NULL, dimensions = '{}'")
    conn.commit()


def main() -> None:
    args = arguments(__doc__ or "")
    from storage.database import Database

    source = args.db or full_size_db()
    path = scratch_copy(source)
    print(f"Value engine benchmark on a copy of {source}")
    with Database(path) as db:
        as_of = date.fromisoformat(db.scalar(
            "SELECT max(date) FROM transactions WHERE deleted_at IS NULL"))
        customers = db.scalar("SELECT count(*) FROM customers WHERE deleted_at IS NULL")
        transactions = db.scalar("SELECT count(*) FROM transactions WHERE deleted_at IS NULL")
        print(f"{customers:,} customers, {transactions:,} transactions; as of {as_of}")
        db.conn.execute(RAW_AGGREGATE_SQL).fetchall()  # warm the page cache once for both
        raw, _ = timed(lambda: db.conn.execute(RAW_AGGREGATE_SQL).fetchall(), repeat=REPEAT)
        report("raw SQL aggregate (sum, count, min, max per customer)", raw)

        cold = []
        for _ in range(REPEAT):
            forget_scores(db)
            started = time.perf_counter()
            result = db.rescore(as_of)
            cold.append(time.perf_counter() - started)
        ok = report("rescore, every row new (first scoring)", min(cold), limit=RESCORE_LIMIT,
                    baseline=raw, extra=_timings(result.timings))
        warm, result = timed(lambda: db.rescore(as_of), repeat=REPEAT)
        ok &= report("rescore again, same date (no row changes)", warm, limit=RESCORE_LIMIT,
                     baseline=raw, extra=_timings(result.timings))
        next_day = []
        for offset in range(1, REPEAT + 1):
            started = time.perf_counter()
            result = db.rescore(as_of + timedelta(days=offset))
            next_day.append(time.perf_counter() - started)
        ok &= report("rescore the next day", min(next_day), limit=RESCORE_LIMIT, baseline=raw,
                     extra=f"{result.changed_rows:,} rows changed; " + _timings(result.timings))
        from models.config import preset_weights

        config = db.scoring_config()
        started = time.perf_counter()
        result = db.update_scoring_config(replace(config, weights=preset_weights("balanced")),
                                          as_of=as_of)
        reweigh = time.perf_counter() - started
        ok &= report("new weights: store and re-tier the book", reweigh, limit=RESCORE_LIMIT,
                     baseline=raw, extra=f"{result.changed_rows:,} rows, "
                     f"{result.changed_tier:,} changed tier")
        ratio_ok = min(cold) <= RESCORE_RATIO * raw and warm <= RESCORE_RATIO * raw
        print(f"  rescore / raw aggregate: first {min(cold) / raw:.2f}x, same date "
              f"{warm / raw:.2f}x, next day {min(next_day) / raw:.2f}x, new weights "
              f"{reweigh / raw:.2f}x (target <= {RESCORE_RATIO:g}x)")
        db.update_scoring_config(config, as_of=as_of)

        ids = [r[0] for r in db.conn.execute("SELECT id FROM customers WHERE deleted_at IS NULL")]
        sample = random.Random(7).sample(ids, 200)
        times = []
        for customer_id in sample:
            started = time.perf_counter()
            db.explain_customer(customer_id)
            times.append(time.perf_counter() - started)
        ok &= report("one explanation (median of 200)", statistics.median(times),
                     limit=EXPLAIN_LIMIT,
                     extra=f"p95 {percentile(times, 95) * 1000:.1f} ms, "
                     f"max {max(times) * 1000:.1f} ms")

        started = time.perf_counter()
        periods = db.backfill_snapshots(12, as_of=as_of)
        backfill = time.perf_counter() - started
        ok &= report("backfill 12 monthly snapshots", backfill, limit=BACKFILL_LIMIT,
                     extra=f"{periods[0].period}..{periods[-1].period}, "
                     f"{sum(p.customers for p in periods):,} rows")
        summary = result.summary
        c = summary.concentration
        print(f"  book: {c.percent_of_buying:.1f} % of buying customers bring "
              f"{c.target_percent:g} % of revenue; tiers "
              + ", ".join(f"{t.value} {n:,}" for t, n in summary.tier_counts.items()))
    for leftover in CACHE.glob(path.name + "*"):
        leftover.unlink()
    print("all figures within their limits" if ok and ratio_ok else "SOME FIGURES ARE OVER")


def _timings(timings: dict[str, float]) -> str:
    return ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items())


if __name__ == "__main__":
    main()
