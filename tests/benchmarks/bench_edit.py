"""One edit of one customer on the 100,000-customer book: a new phone number, end to end.

``python -m tests.benchmarks edit``. Three figures on a private copy of the cached book, each
the median of repeated edits, against the raw SQL the edit needs (one UPDATE and its commit
on a plain ``sqlite3`` connection) measured in the same run:

* the Book's use case (``book.customers.update``: validation, conflict check, change log,
  derived columns, the ``Changes`` it answers with);
* in the window, offscreen: the Profile tab's Save clicked until every view is repainted and
  no work is left (the limit: 50 ms);
* the SQL statements that costs, counted.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import sqlite3
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from tests.benchmarks.common import arguments, full_size_db, median, report

EDIT_LIMIT = 0.050
REPEAT = 20


def raw_edits(path: Path, customer_id: str) -> float:
    """The baseline: the UPDATE alone, committed."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    times = []
    for number in range(REPEAT):
        begin = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE customers SET phone = ? WHERE id = ?",
                     [f"021-5555 {number:04d}", customer_id])
        conn.execute("COMMIT")
        times.append(time.perf_counter() - begin)
    conn.close()
    return median(times)


def book_edits(path: Path, customer_id: str) -> float:
    from storage.book import Book

    times = []
    with Book(path) as book:
        for number in range(REPEAT):
            customer = book.customers.get(customer_id)
            begin = time.perf_counter()
            book.customers.update(replace(customer, phone=f"021-6666 {number:04d}"))
            times.append(time.perf_counter() - begin)
    return median(times)


def window_edits(path: Path, customer_id: str, folder: Path) -> tuple[float, int]:
    """Median seconds from Save to idle, and the statements of the last edit."""
    from PySide6.QtWidgets import QApplication

    from storage.book import Book
    from ui.gui.background.tasks import BookTask, Task
    from ui.gui.settings import Settings
    from ui.gui.window.main_window import VIEW_CUSTOMERS, MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(Book(path), Settings.at(folder / "ui.ini"), automatic_backup=False)
    window.resize(1400, 900)
    window.show()
    window.show_view(VIEW_CUSTOMERS)

    def idle() -> None:
        for _ in range(200):
            app.processEvents()
            busy = any(not pool.waitForDone(0) for pool in (Task.pool(), BookTask.pool()))
            if not busy and window.task_status.current() is None:
                return
            time.sleep(0.005)

    idle()
    window.open_customer(customer_id, "profile")
    idle()
    profile = window.workspace.show_tab("profile")
    times: list[float] = []
    statements: list[str] = []
    for number in range(REPEAT):
        profile.form.set_values({"phone": f"021-7777 {number:04d}"})
        statements.clear()
        window.book.trace(statements.append)
        begin = time.perf_counter()
        profile.save_button.click()
        idle()
        window.customers.table.viewport().repaint()
        times.append(time.perf_counter() - begin)
        window.book.trace(None)
    window.close()
    app.processEvents()
    return median(times), len(statements)


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    cached = args.db or full_size_db()
    with tempfile.TemporaryDirectory(prefix="keyplan-bench-edit-") as name:
        folder = Path(name)
        path = folder / "book.db"
        shutil.copyfile(cached, path)
        with sqlite3.connect(path) as conn:
            customer_id = conn.execute(
                "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY name_sort "
                "LIMIT 1 OFFSET 40").fetchone()[0]
        print(f"One phone number edited on a copy of {cached.name}, median of {REPEAT}",
              flush=True)
        raw = raw_edits(path, customer_id)
        report("raw: UPDATE customers SET phone + COMMIT", raw)
        report("Book: customers.update (returns Changes)", book_edits(path, customer_id),
               baseline=raw)
        seconds, count = window_edits(path, customer_id, folder)
        report("window: Save clicked until repainted and idle", seconds, baseline=raw,
               limit=EDIT_LIMIT, extra=f"{count} SQL statements")


if __name__ == "__main__":
    main()
