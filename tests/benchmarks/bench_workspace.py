"""Opening a customer workspace on the 100,000-customer book, offscreen: the account overview
painted with its content (limit 150 ms; read in the background, as the window reads it), for
the top customer by revenue, a median one and a sample; every other tab's first show, and the
background loads (charts, score explanation).

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
from tests.benchmarks.limits import verdict, wait_until

OPEN_LIMIT = 0.150
OVERVIEW_LIMIT = 0.150
TAB_LIMIT = 0.100
SAMPLE = 40
REPEAT = 5


def prepare(cached: Path, folder: Path) -> Path:
    from models.enums import SnapshotPeriod
    from models.periods import Period
    from storage.database import Database

    copy = folder / "book.db"
    shutil.copyfile(cached, copy)
    with Database(copy) as db:
        result = db.rescore(ANCHOR)
        assert result.scores is not None
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


def by_revenue(db: object) -> tuple[str, str]:
    """The top customer by revenue (the last 12 months) and the median one."""
    conn = db.conn  # type: ignore[attr-defined]
    ranked = "FROM customer_metrics WHERE deleted = 0 ORDER BY revenue_12m DESC, customer_id"
    count = conn.execute("SELECT count(*) FROM customer_metrics WHERE deleted = 0").fetchone()
    top = conn.execute(f"SELECT customer_id {ranked} LIMIT 1").fetchone()[0]
    middle = conn.execute(f"SELECT customer_id {ranked} LIMIT 1 OFFSET ?",
                          [count[0] // 2]).fetchone()[0]
    return str(top), str(middle)


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

            def overview_painted(customer_id: str) -> tuple[float, int]:
                """From opening the workspace until the overview's content is painted (its
                read runs in the background, as in the window); and its text's length."""
                begin = time.perf_counter()
                view = CustomerWorkspace(book, customer_id)
                view.resize(1280, 800)
                view.show()
                overview = view.tab("overview")
                wait_until(app, lambda: overview.is_loaded)
                view.repaint()
                seconds = time.perf_counter() - begin
                length = len(overview.page.toPlainText())
                for pool in (Task.pool(), BookTask.pool()):
                    pool.waitForDone(60_000)
                view.close()
                view.deleteLater()
                app.processEvents()
                return seconds, length

            cold, view = open_one(customers[0])
            settle()
            view.close()
            view.deleteLater()
            report("open workspace, first in the process (imports)", cold)
            top, middle = by_revenue(book.reader)
            for name, customer_id in (("the top customer by revenue", top),
                                      ("a median customer by revenue", middle)):
                first, length = overview_painted(customer_id)
                again = median([overview_painted(customer_id)[0] for _ in range(REPEAT)])
                verdict(f"account overview of {name}, first open", first,
                        limit=OVERVIEW_LIMIT, extra=f"({length} characters)")
                verdict(f"account overview of {name}, open again", again,
                        limit=OVERVIEW_LIMIT)
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
            overviews = [overview_painted(customer_id)[0] for customer_id in customers]
            verdict(f"account overview painted (content), median of {len(overviews)}",
                    median(overviews), limit=OVERVIEW_LIMIT)
            verdict("account overview painted, 95th percentile", percentile(overviews, 95),
                    limit=OVERVIEW_LIMIT)
            verdict("account overview painted, slowest", max(overviews), limit=OVERVIEW_LIMIT)
            report(f"open workspace (header + first tab, painted), median of {len(opens)}",
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
