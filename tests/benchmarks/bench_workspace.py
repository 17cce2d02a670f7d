"""Opening a customer workspace on the 100,000-customer book, offscreen: header and Profile
tab built and painted (limit 150 ms), every other tab's first show, and the background loads
(charts, score explanation).

``python -m tests.benchmarks workspace``. Runs on a private copy of the cached book, scored
as of the benchmark date with three monthly snapshots; the cache itself is never written.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
import shutil
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import ANCHOR, arguments, full_size_db, median, percentile, report

OPEN_LIMIT = 0.150
TAB_LIMIT = 0.100
SAMPLE = 40


def prepare(cached: Path, folder: Path) -> Path:
    from models.enums import SnapshotPeriod
    from models.periods import Period
    from storage.database import Database

    copy = folder / "book.db"
    shutil.copyfile(cached, copy)
    with Database(copy) as db:
        result = db.rescore(ANCHOR)
        db.write_snapshot(result.scores, Period.containing(ANCHOR, SnapshotPeriod.MONTH))
        db.backfill_snapshots(3, SnapshotPeriod.MONTH, ANCHOR)
    return copy


def sample_customers(db: object, count: int) -> list[str]:
    """Random customers plus the ones with the most transactions and interactions."""
    conn = db.conn  # type: ignore[attr-defined]
    ids = [r[0] for r in conn.execute("SELECT id FROM customers WHERE deleted_at IS NULL")]
    busiest = [r[0] for r in conn.execute(
        "SELECT customer_id FROM transactions GROUP BY customer_id ORDER BY count(*) DESC "
        "LIMIT 5")]
    chatty = [r[0] for r in conn.execute(
        "SELECT customer_id FROM interactions GROUP BY customer_id ORDER BY count(*) DESC "
        "LIMIT 5")]
    return busiest + chatty + random.Random(7).sample(ids, count - 10)


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    cached = args.db or full_size_db()
    from PySide6.QtWidgets import QApplication

    from storage.book import Book
    from ui.gui.background.tasks import BookTask, Task

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="keyplan-bench-ws-") as folder:
        started = time.perf_counter()
        path = prepare(cached, Path(folder))
        print(f"Workspace benchmark on a scored copy of {cached.name} (prepared in "
              f"{time.perf_counter() - started:.1f} s)", flush=True)
        with Book(path) as book:
            customers = sample_customers(book.reader, SAMPLE)
            from ui.gui.workspace import TAB_NAMES, CustomerWorkspace

            def open_one(customer_id: str) -> tuple[float, CustomerWorkspace]:
                begin = time.perf_counter()
                view = CustomerWorkspace(book, customer_id)
                view.resize(1280, 800)
                view.show()
                app.processEvents()  # layout and first paint
                return time.perf_counter() - begin, view

            def settle() -> float:
                """Wait for the background loads, then paint what they delivered."""
                begin = time.perf_counter()
                for pool in (Task.pool(), BookTask.pool()):  # one pool, or two (see tasks)
                    pool.waitForDone(60_000)
                for _ in range(3):  # deliver the result, then run the canvas's idle draw
                    app.processEvents()
                view.grab()
                return time.perf_counter() - begin

            cold, view = open_one(customers[0])
            settle()
            view.close()
            view.deleteLater()
            report("open workspace, first in the process (imports)", cold)
            opens: list[float] = []
            tabs: dict[str, list[float]] = {name: [] for name in TAB_NAMES[1:]}
            background: dict[str, list[float]] = {name: [] for name in TAB_NAMES[1:]}
            for customer_id in customers:
                seconds, view = open_one(customer_id)
                opens.append(seconds)
                for name in TAB_NAMES[1:]:
                    begin = time.perf_counter()
                    view.show_tab(name)
                    app.processEvents()
                    tabs[name].append(time.perf_counter() - begin)
                    background[name].append(settle())
                view.close()
                view.deleteLater()
                app.processEvents()
            report(f"open workspace (header + Profile, painted), median of {len(opens)}",
                   median(opens), limit=OPEN_LIMIT)
            report("open workspace, 95th percentile", percentile(opens, 95), limit=OPEN_LIMIT)
            report("open workspace, slowest", max(opens), limit=OPEN_LIMIT)
            for name, times in tabs.items():
                report(f"  first show of the {name} tab, 95th percentile",
                       percentile(times, 95), limit=TAB_LIMIT)
            for name in ("transactions", "assessment", "score"):
                report(f"  {name}: background load + chart draw, median",
                       median(background[name]))


if __name__ == "__main__":
    main()
