"""The Today view on the 100,000-customer book: its lists read and painted, against a bare
SQL query of the same items.

``python -m tests.benchmarks today``. The cached book's backlog is large (tens of thousands of
open follow-ups): Today ranks them by tier and lists the first of each section, counted in
full; the baseline reads every open item due this week or earlier with its customer, once,
with no ranking, no counting and no Python objects. Limit: 300 ms to the painted view, and
3x the baseline for the read.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.benchmarks.common import arguments, full_size_db, median, report

LIMIT_PAINTED = 0.300
REPEAT = 5


class _Progress:
    cancelled = False

    def check(self) -> None:
        pass

    def report(self, _done: int, _total: int) -> bool:
        return True


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


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    cached = args.db or full_size_db()
    from PySide6.QtWidgets import QApplication

    from storage.book import Book
    from ui.gui.models.today_model import load_today
    from ui.gui.views.today_view import TodayView

    app = QApplication.instance() or QApplication([])
    today = date.today()
    folder = Path(tempfile.mkdtemp(prefix="keyplan-bench-today-"))
    path = folder / "book.db"
    shutil.copyfile(cached, path)  # the cache is never written (opening may upgrade it)
    Book(path).close()
    raw_times, count = [], 0
    for _ in range(REPEAT):
        seconds, count = raw_read(path, today)
        raw_times.append(seconds)
    raw = median(raw_times)
    print(f"Today on {path.name}: {count:,} open items due this week or earlier", flush=True)
    report("raw: every open item with its customer, as tuples", raw)
    with Book(path) as book:
        reads: list[float] = []
        data: Any = None
        for _ in range(REPEAT):
            begin = time.perf_counter()
            data = load_today(book, _Progress(), today)  # type: ignore[arg-type]
            reads.append(time.perf_counter() - begin)
        report("Today's lists read (ranked, counted, first 500 each)", median(reads),
               baseline=raw, limit=3 * raw)
        view = TodayView(book)
        view.resize(1280, 760)
        view.show()
        app.processEvents()
        painted: list[float] = []
        for _ in range(REPEAT):
            begin = time.perf_counter()
            fresh = load_today(book, _Progress(), today)  # type: ignore[arg-type]
            view.model.set_data(fresh)
            view.repaint()
            app.processEvents()
            painted.append(time.perf_counter() - begin)
        totals = ", ".join(f"{k} {v:,}" for k, v in data.totals.items())
        report("Today read and painted", median(painted), baseline=raw, limit=LIMIT_PAINTED,
               extra=totals)
        view.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
