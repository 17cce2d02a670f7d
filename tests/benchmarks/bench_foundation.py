"""Foundation figures: demo generation at full size, opening the book, first sorted pages."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import ANCHOR, FULL_SIZE, SEED, arguments, report, timed

FIRST_PAGE_SQL = """
SELECT c.id, c.code, c.name, m.tier, m.score, m.abc_class, m.lifecycle, c.relationship_level,
       m.revenue_12m, m.last_interaction_at, m.next_follow_up, c.owner
FROM customers c JOIN customer_metrics m ON m.customer_id = c.id
WHERE c.deleted_at IS NULL ORDER BY {order} LIMIT 100
"""


def bench_demo_generation(folder: Path) -> Path:
    from storage.database import Database
    from storage.demo import generate_demo

    path = folder / "demo.db"
    start = time.perf_counter()
    with Database(path) as db:
        summary = generate_demo(db, FULL_SIZE, seed=SEED, anchor=ANCHOR)
    elapsed = time.perf_counter() - start

    # Raw baseline: the same transaction rows written with bare executemany in one
    # transaction into a fresh file with the same table and indexes.
    with sqlite3.connect(path) as source:
        rows = source.execute("SELECT * FROM transactions").fetchall()
        schema = source.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'transactions' "
                                "AND sql IS NOT NULL").fetchall()
    raw_path = folder / "raw.db"
    raw = sqlite3.connect(raw_path)
    for (sql,) in schema:
        raw.execute(sql.replace("REFERENCES customers(id)", ""))
    marks = ",".join("?" * len(rows[0]))
    start = time.perf_counter()
    with raw:
        raw.executemany(f"INSERT INTO transactions VALUES ({marks})", rows)
    raw_seconds = time.perf_counter() - start
    raw.close()
    del rows
    report(f"demo: {summary.customers:,} customers, {summary.transactions:,} transactions",
           elapsed, limit=60.0, baseline=raw_seconds,
           extra=f"(raw executemany of the transactions alone: {raw_seconds:.1f} s)")
    print(f"  also {summary.contacts:,} contacts, {summary.interactions:,} interactions, "
          f"{summary.needs:,} needs, {summary.assessments:,} assessments; "
          f"file {path.stat().st_size / 1e6:.0f} MB")
    return path


def bench_first_pages(path: Path) -> None:
    from storage.customer_queries import CustomerQuery
    from storage.database import Database

    for label, sort, descending, order in (
        ("name", "name", False, "c.name_sort, c.id"),
        ("12-month revenue", "revenue_12m", True, "m.revenue_12m DESC, c.name_sort, c.id"),
    ):
        def open_and_fetch(sort: str = sort, descending: bool = descending) -> int:
            with Database(path) as db:
                page = db.list_customers(CustomerQuery(sort=sort, descending=descending))
            return len(page.rows)

        def raw_fetch(order: str = order) -> int:
            conn = sqlite3.connect(path)
            rows = conn.execute(FIRST_PAGE_SQL.format(order=order)).fetchall()
            conn.close()
            return len(rows)

        open_and_fetch()  # warm the OS cache the way a second launch would
        raw_seconds, _ = timed(raw_fetch, repeat=5)
        seconds, count = timed(open_and_fetch, repeat=5)
        report(f"open + first page of {count} sorted by {label}", seconds, limit=0.050,
               baseline=raw_seconds, extra=f"(raw join query: {raw_seconds * 1000:.1f} ms)")

    with Database(path) as db:
        for sort in ("name", "revenue_12m", "next_follow_up"):
            def ordered_ids(sort: str = sort) -> list[str]:
                return db.customer_ids(CustomerQuery(sort=sort))

            seconds, ids = timed(ordered_ids, repeat=3)
            report(f"ordered ids of all {len(ids):,} customers by {sort}", seconds)


def main() -> None:
    args = arguments(__doc__ or "")
    print("== Foundation ==")
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
        path = args.db or bench_demo_generation(Path(folder))
        bench_first_pages(path)


if __name__ == "__main__":
    main()
