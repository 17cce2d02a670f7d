"""The Today view on the 100,000-customer book, timed as the user sees it: from asking for the
lists until they are painted, through the view's own background read, against a bare SQL
query of the same items in the same run.

``python -m tests.benchmarks today``. The cached book is copied (opening the copy upgrades
it; the cache is never written) and the copy scored as a book in use is: last month's
snapshot, then today's scores, so that every section of Today has rows (slipping customers
are measured against last month). Today is the benchmark's day: the book's follow-ups end in
mid-2026, so everything is a backlog of tens of thousands of overdue items.

Figures: the worklist painted (overdue, today, this week, complaints; the customer sections
say they are loading), limit 300 ms and 3x the bare query; every section painted; the same
for one salesperson's work ("me"); and the reads alone, on a warm connection.
``--only raw|view`` times just one of the two, ``--repeat`` times in this process, on an
already prepared ``--db`` book, for timing whole processes from outside.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import shutil
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.benchmarks.common import full_size_db, median
from tests.benchmarks.limits import verdict, wait_until

LIMIT_PAINTED = 0.300
LIMIT_RATIO = 3.0
REPEAT = 7


class _Progress:
    cancelled = False

    def check(self) -> None:
        pass

    def report(self, _done: int, _total: int) -> bool:
        return True

    def deliver(self, _item: object) -> None:
        pass


def prepare(cached: Path, folder: Path, today: date) -> Path:
    """A private, upgraded copy of ``cached``, scored last month (with its snapshot) and
    today, as the window scores a book it opens."""
    from models.enums import SnapshotPeriod
    from storage.book import Book

    path = folder / "book.db"
    shutil.copyfile(cached, path)
    with Book(path) as book:
        book.scoring.rescore(today.replace(day=1) - timedelta(days=1),
                             snapshot=SnapshotPeriod.MONTH)
        book.scoring.rescore(today, snapshot=SnapshotPeriod.MONTH)
    return path


def raw_read(path: Path, today: date) -> tuple[float, int]:
    """Every item Today could list, fetched as tuples in one pass per table."""
    sunday = (today + timedelta(days=6 - today.weekday())).isoformat()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    begin = time.perf_counter()
    rows = conn.execute(
        "SELECT i.id, c.name, i.next_step, i.next_step_due FROM interactions i "
        "JOIN customers c ON c.id = i.customer_id AND c.deleted_at IS NULL "
        "WHERE i.next_step_due IS NOT NULL AND i.next_step_done = 0 "
        "AND i.deleted_at IS NULL AND i.next_step_due <= ?", [sunday]).fetchall()
    rows += conn.execute(
        "SELECT a.id, c.name, a.what, a.due_date FROM plan_actions a JOIN plans p "
        "ON p.id = a.plan_id JOIN customers c ON c.id = p.customer_id "
        "WHERE a.status IN ('open', 'in_progress') AND a.deleted_at IS NULL "
        "AND a.due_date <= ?", [sunday]).fetchall()
    rows += conn.execute(
        "SELECT n.id, c.name, n.description, n.due_on FROM needs n JOIN customers c "
        "ON c.id = n.customer_id WHERE n.status IN ('open', 'in_progress') "
        "AND n.deleted_at IS NULL AND n.due_on < ?", [today.isoformat()]).fetchall()
    seconds = time.perf_counter() - begin
    conn.close()
    return seconds, len(rows)


def time_view(app: Any, view: Any, repeat: int) -> tuple[list[float], list[float]]:
    """Seconds from ``reload()`` until the worklist is painted, and until every section is;
    the first read (cold caches) is not counted."""
    marks: dict[str, float] = {}
    begin = 0.0

    def painted(mark: str) -> None:
        view.repaint()  # paint now, as the event loop would next
        marks[mark] = time.perf_counter() - begin

    def worklist() -> None:
        painted("worklist")

    def everything() -> None:
        painted("all")

    view.worklist_shown.connect(worklist)
    view.loaded.connect(everything)
    firsts: list[float] = []
    alls: list[float] = []
    for run in range(repeat + 1):
        marks.clear()
        begin = time.perf_counter()
        view.reload()
        wait_until(app, lambda: "all" in marks)
        if run:
            firsts.append(marks.get("worklist", marks["all"]))
            alls.append(marks["all"])
    view.worklist_shown.disconnect(worklist)
    view.loaded.disconnect(everything)
    return firsts, alls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="use this full-size book instead of the cache")
    parser.add_argument("--only", choices=("raw", "view"),
                        help="time only this, on --db as it is (already prepared)")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args()
    today = date.today()
    if args.only == "raw":
        for _ in range(args.repeat):
            raw_read(args.db, today)
        return
    from PySide6.QtWidgets import QApplication

    from storage.book import Book
    from ui.gui.models.today_model import load_customers_due, load_worklist
    from ui.gui.views.today_view import TodayView

    app = QApplication.instance() or QApplication([])
    if args.only == "view":
        with Book(args.db) as book:
            view = TodayView(book)
            view.resize(1280, 760)
            view.show()
            time_view(app, view, args.repeat)
        return
    cached = args.db or full_size_db()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-today-"))
    try:
        started = time.perf_counter()
        path = prepare(cached, folder, today)
        print(f"Today on a scored copy of {cached.name} (prepared in "
              f"{time.perf_counter() - started:.1f} s), as of {today}", flush=True)
        raw_read(path, today)  # warm the file's pages, as for the view's first read
        raw_times, count = [], 0
        for _ in range(REPEAT):
            seconds, count = raw_read(path, today)
            raw_times.append(seconds)
        raw = median(raw_times)
        verdict(f"bare SQL: {count:,} open items with their customer", raw)
        with Book(path) as book:
            owners = book.customers.owners()
            view = TodayView(book)
            view.resize(1280, 760)
            view.show()
            app.processEvents()
            firsts, alls = time_view(app, view, REPEAT)
            assert view.model.data_ is not None
            totals = ", ".join(f"{k} {v:,}" for k, v in view.model.data_.totals.items())
            verdict("Today painted: worklist (customer sections loading)", median(firsts),
                    limit=LIMIT_PAINTED, baseline=raw, ratio_limit=LIMIT_RATIO)
            verdict("Today painted: every section", median(alls), limit=LIMIT_PAINTED,
                    baseline=raw, ratio_limit=LIMIT_RATIO, extra=totals)
            me = owners[0]  # any salesperson: each owns a tenth of the demo book
            view.set_owners(owners, me)
            firsts, alls = time_view(app, view, REPEAT)
            assert view.model.data_ is not None
            verdict(f"  {me}'s work: worklist painted", median(firsts), limit=LIMIT_PAINTED)
            verdict(f"  {me}'s work: every section painted", median(alls),
                    limit=LIMIT_PAINTED, extra=", ".join(
                        f"{k} {v:,}" for k, v in view.model.data_.totals.items()))
            view.close()
            progress: Any = _Progress()
            worklists, customers = [], []
            for _ in range(REPEAT):
                begin = time.perf_counter()
                worklist = load_worklist(book, progress, today)
                worklists.append(time.perf_counter() - begin)
                begin = time.perf_counter()
                load_customers_due(book, progress, worklist)
                customers.append(time.perf_counter() - begin)
            verdict("  read alone (warm connection): worklist", median(worklists))
            verdict("  read alone (warm connection): customers due", median(customers))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
