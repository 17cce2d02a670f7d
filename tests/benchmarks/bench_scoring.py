"""Value engine figures on 100,000 customers / about 1,000,000 transactions: a full rescore
against a raw SQL aggregate of the same transactions, one explanation, a 12-month backfill.

    python -m tests.benchmarks.bench_scoring [--db PATH]

Without ``--db`` the cached full-size demo book is used (generated on first use). The book is
copied first (SQLite backup API), so the given file is never written to.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from tests.benchmarks.common import CACHE, arguments, full_size_db, percentile, report

RAW_AGGREGATE_SQL = """
SELECT customer_id, sum(amount), count(*), min(date), max(date)
FROM transactions WHERE deleted_at IS NULL GROUP BY customer_id
"""
#: The same on the integer day numbers the engine filters on (printed for comparison).
RAW_DAY_AGGREGATE_SQL = RAW_AGGREGATE_SQL.replace("min(date), max(date)", "min(day), max(day)")
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
                 "tier_rank = NULL, abc_class = NULL, lifecycle = NULL, dimensions = '{}', "
                 "score_key = NULL, book_key = NULL")
    conn.commit()


class Clock:
    """Wall and CPU seconds of one run (CPU counts every thread of this process, helpers
    included, so it shows the work done even when other programs compete for the cores)."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def stop(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs)


def best_query(db: object, sql: str) -> tuple[float, float]:
    """The best of :data:`REPEAT` runs of ``sql`` with every row fetched."""
    runs = []
    for _ in range(REPEAT):
        clock = Clock()
        db.conn.execute(sql).fetchall()  # type: ignore[attr-defined]
        runs.append(clock.stop())
    return best(runs)


def line(name: str, run: tuple[float, float], raw: tuple[float, float] | None = None,
         limit: float | None = None, extra: str = "") -> bool:
    wall, cpu = run
    ratio = f"  ratio {wall / raw[0]:4.2f}x wall, {cpu / raw[1]:4.2f}x cpu" if raw else ""
    return report(name, wall, limit=limit,
                  extra=f"cpu {cpu * 1000:7.1f} ms{ratio}" + (f"; {extra}" if extra else ""))


def main() -> None:
    args = arguments(__doc__ or "")
    from models.config import preset_weights
    from storage.database import Database

    source = args.db or full_size_db()
    path = scratch_copy(source)
    print(f"Value engine benchmark on a copy of {source} "
          f"(load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)")
    with Database(path) as db:
        as_of = date.fromisoformat(db.scalar(
            "SELECT max(date) FROM transactions WHERE deleted_at IS NULL"))
        customers = db.scalar("SELECT count(*) FROM customers WHERE deleted_at IS NULL")
        transactions = db.scalar("SELECT count(*) FROM transactions WHERE deleted_at IS NULL")
        print(f"{customers:,} customers, {transactions:,} transactions; as of {as_of}")
        db.conn.execute(RAW_AGGREGATE_SQL).fetchall()  # warm the page cache once for both
        raw = best_query(db, RAW_AGGREGATE_SQL)
        line("raw SQL aggregate (sum, count, min, max per customer)", raw)
        raw_days = best_query(db, RAW_DAY_AGGREGATE_SQL)
        line("  the same with min/max of the integer day numbers", raw_days)

        cold, warm, next_day = [], [], []
        # A big commit leaves copying the WAL back to a background thread; each run waits
        # for it outside the timed part (so it does not slow the next one) and reports it.
        checkpoints: dict[str, list[float]] = {"first": [], "next": []}
        for _ in range(REPEAT):
            forget_scores(db)
            clock = Clock()
            result = db.rescore(as_of)
            cold.append(clock.stop())
            checkpoints["first"].append(db.wait_for_checkpoint())
            # A run that wrote less than the whole book would measure nothing.
            assert result.newly_scored == result.summary.customers, result
        ok = line("rescore, every row new (first scoring)", best(cold), raw, RESCORE_LIMIT,
                  f"{result.changed_rows:,} rows written; " + _timings(result.timings)
                  + _checkpoint(checkpoints["first"]))
        for _ in range(REPEAT):
            clock = Clock()
            result = db.rescore(as_of)
            warm.append(clock.stop())
        ok &= line("rescore again, same date (no row changes)", best(warm), raw, RESCORE_LIMIT,
                   _timings(result.timings))
        for offset in range(1, REPEAT + 1):
            clock = Clock()
            result = db.rescore(as_of + timedelta(days=offset))
            next_day.append(clock.stop())
            checkpoints["next"].append(db.wait_for_checkpoint())
        ok &= line("rescore the next day", best(next_day), raw, RESCORE_LIMIT,
                   f"{result.changed_rows:,} rows changed; " + _timings(result.timings)
                   + _checkpoint(checkpoints["next"]))
        config = db.scoring_config()
        balanced = replace(config, weights=preset_weights("balanced"))
        reweigh = []
        for weights in (balanced, config, balanced):  # on the book as last scored
            clock = Clock()
            result = db.update_scoring_config(weights)
            reweigh.append(clock.stop())
            assert result.scores is None, "expected a re-tier from the stored points"
            waited = db.wait_for_checkpoint()
        ok &= line("new weights: store and re-tier the book", best(reweigh), raw, RESCORE_LIMIT,
                   f"{result.changed_rows:,} rows, {result.changed_tier:,} changed tier; "
                   + _timings(result.timings) + _checkpoint([waited]))
        clock = Clock()
        result = db.update_scoring_config(config, as_of=as_of)  # another date: in full
        other_day = clock.stop()
        line("  new weights as of another date (a full rescore)", other_day, raw,
             extra=f"{result.changed_rows:,} rows, {result.changed_tier:,} changed tier; "
             + _timings(result.timings) + _checkpoint([db.wait_for_checkpoint()]))
        steady = best(warm)
        ratio_ok = steady[0] <= RESCORE_RATIO * raw[0]
        print(f"  target: rescore < {RESCORE_LIMIT:g} s and <= {RESCORE_RATIO:g}x the raw "
              f"aggregate (same date: {steady[0] / raw[0]:.2f}x wall; "
              f"{steady[0] / raw_days[0]:.2f}x the day-number aggregate)")

        ids = [r[0] for r in db.conn.execute("SELECT id FROM customers WHERE deleted_at IS NULL")]
        times = []
        for customer_id in random.Random(7).sample(ids, 200):
            started = time.perf_counter()
            db.explain_customer(customer_id)
            times.append(time.perf_counter() - started)
        ok &= report("one explanation (median of 200)", statistics.median(times),
                     limit=EXPLAIN_LIMIT,
                     extra=f"p95 {percentile(times, 95) * 1000:.1f} ms, "
                     f"max {max(times) * 1000:.1f} ms")

        clock = Clock()
        periods = db.backfill_snapshots(12, as_of=as_of)
        ok &= line("backfill 12 monthly snapshots", clock.stop(), limit=BACKFILL_LIMIT,
                   extra=f"{periods[0].period}..{periods[-1].period}, "
                   f"{sum(p.customers for p in periods):,} rows")
        c = result.summary.concentration
        print(f"  book: {c.percent_of_buying:.1f} % of buying customers bring "
              f"{c.target_percent:g} % of revenue; tiers "
              + ", ".join(f"{t.value} {n:,}" for t, n in result.summary.tier_counts.items()))
    for leftover in CACHE.glob(path.name + "*"):
        leftover.unlink()
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    print("all figures within their limits" if ok and ratio_ok else "SOME FIGURES ARE OVER")


def _checkpoint(seconds: list[float]) -> str:
    return f"; then in the background, checkpoint {max(seconds) * 1000:.0f} ms" if seconds else ""


def _timings(timings: dict[str, float]) -> str:
    return ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items())


if __name__ == "__main__":
    main()
