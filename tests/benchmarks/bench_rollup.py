"""The manager's roll-up on the 100,000-customer book: ``book.rollup()`` (every owner's
customers per tier, two years of revenue, plans and their progress, late work, slipping
customers, last activity) against the same figures read by plain SQL in the same run.

``python -m tests.benchmarks rollup``. The cached book is copied (never written), opened (which
upgrades the copy), scored last month with its snapshot and today (so slipping customers are
counted), and given active plans for its 2,000 largest customers (the demo gives 40): a firm
of ten salespeople with two hundred account plans each. Limit: 1 s for the whole roll-up.
The baseline is the obvious SQL of the same figures on a connection of its own: joins to the
customers table, grouped by owner, one statement per figure. Also timed: the roll-up
workbook (``keyplan export rollup``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tests.benchmarks.common import ANCHOR, full_size_db, median
from tests.benchmarks.limits import verdict

LIMIT = 1.0
REPEAT = 5
PLANS = 2_000


def prepare(cached: Path, folder: Path, today: date) -> Path:
    import storage.demo_plans as demo_plans
    from models.enums import SnapshotPeriod
    from storage.book import Book

    path = folder / "book.db"
    shutil.copyfile(cached, path)
    with Book(path) as book:
        book.scoring.rescore(today.replace(day=1) - timedelta(days=1),
                             snapshot=SnapshotPeriod.MONTH)
        book.scoring.rescore(today, snapshot=SnapshotPeriod.MONTH)
        demo_plans.MAX_PLANS = PLANS
        db = book.reader
        with db.atomic():
            demo_plans.add_demo_plans(db, today)
    return path


#: The same figures, the obvious way: each joined to the customers table, grouped by owner.
RAW = (
    ("customers", "SELECT c.owner, m.tier, count(*), max(m.last_interaction_at) "
                  "FROM customers c JOIN customer_metrics m ON m.customer_id = c.id "
                  "WHERE c.deleted_at IS NULL GROUP BY 1, 2"),
    ("revenue", "SELECT c.owner, total(CASE WHEN t.date > :year THEN t.amount END), "
                "total(CASE WHEN t.date <= :year THEN t.amount END) FROM transactions t "
                "JOIN customers c ON c.id = t.customer_id AND c.deleted_at IS NULL "
                "WHERE t.deleted_at IS NULL AND t.date > :before AND t.date <= :today "
                "GROUP BY 1"),
    ("follow-ups", "SELECT coalesce(nullif(i.owner, ''), c.owner), count(*) "
                   "FROM interactions i JOIN customers c ON c.id = i.customer_id "
                   "AND c.deleted_at IS NULL WHERE i.next_step_due IS NOT NULL "
                   "AND i.next_step_done = 0 AND i.deleted_at IS NULL "
                   "AND i.next_step_due < :today GROUP BY 1"),
    ("complaints", "SELECT coalesce(nullif(n.owner, ''), c.owner), count(*) FROM needs n "
                   "JOIN customers c ON c.id = n.customer_id AND c.deleted_at IS NULL "
                   "WHERE n.kind = 'complaint' AND n.status IN ('open', 'in_progress') "
                   "AND n.deleted_at IS NULL GROUP BY 1"),
    ("slipping", "SELECT c.owner, count(*) FROM score_snapshots s "
                 "JOIN customer_metrics m ON m.customer_id = s.customer_id "
                 "JOIN customers c ON c.id = s.customer_id AND c.deleted_at IS NULL "
                 "WHERE s.period = :snapshot AND m.tier_rank IS NOT NULL AND ("
                 "m.tier_rank > CASE s.tier WHEN 'strategic' THEN 0 WHEN 'key' THEN 1 "
                 "WHEN 'standard' THEN 2 ELSE 3 END OR m.score <= s.score - 5 "
                 "OR (s.tier IN ('strategic', 'key') AND s.revenue > 0 "
                 "AND m.revenue_12m <= s.revenue * 0.8)) GROUP BY 1"),
    ("plans", "SELECT coalesce(nullif(p.owner, ''), c.owner), count(DISTINCT p.id), "
              "count(a.id) FILTER (WHERE a.status <> 'cancelled'), "
              "count(a.id) FILTER (WHERE a.status = 'done') FROM plans p "
              "JOIN customers c ON c.id = p.customer_id AND c.deleted_at IS NULL "
              "LEFT JOIN plan_actions a ON a.plan_id = p.id AND a.deleted_at IS NULL "
              "WHERE p.deleted_at IS NULL AND p.status = 'active' GROUP BY 1"),
    ("objectives", "SELECT coalesce(nullif(p.owner, ''), c.owner), count(*), "
                   "total(o.target_value) FROM plan_objectives o "
                   "JOIN plans p ON p.id = o.plan_id AND p.deleted_at IS NULL "
                   "AND p.status = 'active' JOIN customers c ON c.id = p.customer_id "
                   "AND c.deleted_at IS NULL WHERE o.deleted_at IS NULL GROUP BY 1"),
    ("late actions", "SELECT coalesce(nullif(a.owner, ''), nullif(p.owner, ''), c.owner), "
                     "count(*) FROM plan_actions a JOIN plans p ON p.id = a.plan_id "
                     "AND p.deleted_at IS NULL AND p.status <> 'closed' "
                     "JOIN customers c ON c.id = p.customer_id AND c.deleted_at IS NULL "
                     "WHERE a.deleted_at IS NULL AND a.status IN ('open', 'in_progress') "
                     "AND a.due_date < :today GROUP BY 1"),
)


def raw_read(path: Path, today: date) -> tuple[float, dict[str, float]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    snapshot = conn.execute("SELECT max(period) FROM score_snapshots WHERE period < ? "
                            "AND period LIKE '____-__'", [f"{today:%Y-%m}"]).fetchone()[0]
    year = today - timedelta(days=365)
    params = {"today": today.isoformat(), "year": year.isoformat(),
              "before": (year - timedelta(days=365)).isoformat(), "snapshot": snapshot}
    parts: dict[str, float] = {}
    begin = time.perf_counter()
    for name, sql in RAW:
        started = time.perf_counter()
        conn.execute(sql, params).fetchall()
        parts[name] = time.perf_counter() - started
    seconds = time.perf_counter() - begin
    conn.close()
    return seconds, parts


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0


def main() -> None:
    from storage.book import Book

    today = ANCHOR  # the demo's last day of sales: two full years of revenue behind it
    cached = full_size_db()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-rollup-"))
    try:
        started = time.perf_counter()
        path = prepare(cached, folder, today)
        print(f"Roll-up of a scored copy of {cached.name} with {PLANS:,} active plans "
              f"(prepared in {time.perf_counter() - started:.1f} s), as of {today}",
              flush=True)
        raw_read(path, today)  # warm the file's pages for both sides
        raws, parts_seen = [], []
        for _ in range(REPEAT):
            seconds, parts = raw_read(path, today)
            raws.append(seconds)
            parts_seen.append(parts)
        raw = median(raws)
        verdict("bare SQL: the same figures, one statement each", raw, extra=", ".join(
            f"{name} {median([p[name] for p in parts_seen]) * 1000:.0f}"
            for name, _ in RAW))
        with Book(path) as book:
            book.rollup(as_of=today)
            times, cpu = [], []
            for _ in range(REPEAT):
                begin, used = time.perf_counter(), time.process_time()
                rollup = book.rollup(as_of=today)
                times.append(time.perf_counter() - begin)
                cpu.append(time.process_time() - used)
            total = rollup.total
            verdict("book.rollup(): every owner and the total", median(times), limit=LIMIT,
                    baseline=raw, extra=(
                        f"{len(rollup.rows)} lines, {total.customer_count:,} customers, "
                        f"{total.active_plans:,} plans, {total.overdue_work:,} late items, "
                        f"{total.slipping:,} slipping; load {_load():.1f}"))
            # On a shared machine the wall time follows the load; the CPU time of the one
            # thread that runs it is what an idle machine would take.
            verdict("  its CPU time", median(cpu), limit=LIMIT)
            exports = []
            for run in range(3):
                begin = time.perf_counter()
                book.rollup.export(folder / f"rollup-{run}.xlsx", as_of=today, lang="zh_CN")
                exports.append(time.perf_counter() - begin)
            verdict("keyplan export rollup (the workbook, zh_CN)", median(exports),
                    baseline=median(times))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
