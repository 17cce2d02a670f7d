"""Desktop figures on the 100,000-customer book, offscreen: cold start, search keystrokes,
dashboard and charts, the account plan exported from the File menu, memory, and the longest
stall of the UI thread while work runs.

``python -m tests.benchmarks gui``. The measurements run on a private copy of the cached
book (the window makes its daily backup beside the book, opening may upgrade it, and the
migration chart needs snapshots), so the cache is never written to. The copy is prepared
(scored, snapshots written) in a process of its own: the memory figures are
the window's alone.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import collections
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from tests.benchmarks.common import (
    ANCHOR,
    ROOT,
    arguments,
    full_size_db,
    median,
    percentile,
    report,
)
from tests.benchmarks.limits import verdict

START_LIMIT = 1.5
KEYSTROKE_LIMIT = 0.100
DASHBOARD_LIMIT = 1.0
WORKSPACE_LIMIT = 0.150
CHART_LIMIT = 0.250
PLAN_EXPORT_LIMIT = 2.0
MEMORY_LIMIT_MB = 400
STALL_LIMIT = 0.100
#: What a user types, one keystroke at a time: Latin names, pinyin initials, Chinese.
TYPED = ("apex", "hwjs", "pharma", "szxc", "北京", "Li")

CHILD = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from ui.gui.app import application, open_startup_book
from ui.gui.text import i18n
from ui.gui.window.main_window import MainWindow
from ui.gui.settings import Settings
app = application()
settings = Settings.at(Path(sys.argv[2]))
settings.set_last_view("customers")
settings.remember_database(Path(sys.argv[1]))
i18n.install_language(i18n.resolve_language(settings.language()))
db = open_startup_book(Path(sys.argv[1]), settings)
window = MainWindow(db, settings, automatic_backup=False)
window.resize(1280, 800)
window.show()
model = window.customers.model
while not model._cache:  # painting asked for the visible rows: the book is on screen
    app.processEvents()
print("ready", model.rowCount(), flush=True)
rss = 0
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        rss = int(line.split()[1]) // 1024
print("rss", rss, flush=True)
window.close()
"""

BARE = r"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow(); window.resize(1280, 800); window.show(); app.processEvents()
print("ready", flush=True)
"""


def prepare(cached: Path, folder: Path) -> Path:
    """A copy of the cache (never written: opening a book may upgrade it), scored, with three
    monthly snapshots."""
    from models.enums import SnapshotPeriod
    from models.periods import Period
    from storage.database import Database

    copy = folder / "book.db"
    shutil.copyfile(cached, copy)
    with Database(copy) as db:
        scores = db.rescore(ANCHOR).scores  # stored: the window scores a book never scored
        assert scores is not None
        db.write_snapshot(scores, Period.containing(ANCHOR, SnapshotPeriod.MONTH))
        db.backfill_snapshots(2, SnapshotPeriod.MONTH, ANCHOR)
    return copy


PREPARE = r"""
import sys
from pathlib import Path
from tests.benchmarks.bench_gui import prepare
prepare(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def prepare_apart(cached: Path, folder: Path) -> Path:
    """:func:`prepare` in a process of its own: scoring and snapshotting 100,000 customers
    here would leave this process with about 200 MB of freed heap that the memory figure of
    the window (measured in this process) would count as the app's."""
    subprocess.run([sys.executable, "-c", PREPARE, str(cached), str(folder)], cwd=ROOT,
                   check=True)
    return folder / "book.db"


def _spawn(code: str, *args: str) -> tuple[float, dict[str, str]]:
    """Seconds from starting a fresh interpreter to its "ready" line, and its other lines."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    seconds = 0.0
    lines: dict[str, str] = {}
    for line in child.stdout:
        key, _, value = line.strip().partition(" ")
        if key == "ready":
            seconds = time.perf_counter() - started
        lines[key] = value
    child.wait()
    return seconds, lines


def bench_cold_start(book: Path, folder: Path) -> None:
    bare = median([_spawn(BARE)[0] for _ in range(3)])
    runs = [_spawn(CHILD, str(book), str(folder / f"start{n}.ini")) for n in range(3)]
    seconds = median([r[0] for r in runs])
    rows = runs[0][1].get("ready", "?")
    report("cold start to main window with the book filled", seconds, limit=START_LIMIT,
           baseline=bare, extra=f"({rows} rows; bare PySide6 window: {bare:.2f} s)")
    rss = max(int(r[1].get("rss", "0")) for r in runs)
    ok = rss <= MEMORY_LIMIT_MB
    print(f"{'resident memory after start':<52} {rss:10d} MB  limit {MEMORY_LIMIT_MB} MB "
          f"{'OK' if ok else 'OVER'}", flush=True)


class StallMeter:
    """The longest gap between ticks of a 5 ms timer: how long the UI thread was busy. A
    sampling thread notes where the UI thread was whenever a gap passes 80 ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.where: collections.Counter[str] = collections.Counter()
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._main = threading.main_thread().ident
        self._sampling = False
        threading.Thread(target=self._sample, daemon=True).start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def _sample(self) -> None:
        while True:
            time.sleep(0.01)
            if not self._sampling or time.perf_counter() - self._last < 0.08:
                continue
            frame = sys._current_frames().get(self._main or 0)
            stack = traceback.extract_stack(frame) if frame else []
            if stack and stack[-1].name == "wait":
                place = "the event loop (Qt, or waiting for the interpreter lock)"
            else:
                place = " < ".join(f"{Path(f.filename).name}:{f.lineno}"
                                   for f in reversed(stack[-3:]))
            self.where[place] += 1

    def start(self) -> StallMeter:
        self.longest = 0.0
        self.where.clear()
        self._last = time.perf_counter()
        self._sampling = True
        self._timer.start()
        return self

    def stop(self) -> float:
        self._timer.stop()
        self._sampling = False
        return self.longest

    def culprit(self) -> str:
        if not self.where:
            return ""
        place, count = self.where.most_common(1)[0]
        return f"(mostly at {place}, {count * 10} ms sampled)"


def _current_tab_loaded(workspace: Any) -> bool:
    return bool(workspace.tabs[workspace.current_tab_name()].is_loaded)


def wait(app: Any, done: Callable[[], bool], timeout: float = 120.0) -> float:
    """Run the Qt event loop until ``done()``, as the application runs it: blocked inside Qt
    until an event arrives (a C++-only 10 ms timer wakes it to check ``done`` at least that
    often). Spinning ``processEvents()`` with a 1 ms sleep instead took the interpreter lock
    from the worker threads a thousand times a second, which the application never does,
    and slowed them by 10-20 %."""
    from PySide6.QtCore import QEventLoop, QTimer

    started = time.perf_counter()
    keep_alive = QTimer()
    keep_alive.start(10)
    try:
        while not done():
            if time.perf_counter() - started > timeout:
                raise TimeoutError("the GUI did not finish in time")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        keep_alive.stop()
    return time.perf_counter() - started


def bench_in_process(book: Path, folder: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from storage.book import Book
    from storage.customer_queries import CustomerQuery
    from ui.gui.app import application
    from ui.gui.settings import Settings
    from ui.gui.window.main_window import MainWindow

    app = application()
    before = resident_mb()
    settings = Settings.at(folder / "ui.ini")
    settings.set_last_view("customers")
    the_book = Book(book)
    db = the_book.reader  # the query layer, for the SQL answers the window is checked against
    window = MainWindow(the_book, settings)
    window.resize(1280, 800)
    window.show()
    meter = StallMeter().start()
    wait(app, lambda: window.session.claimed and window.task_status.current() is None
         and window.today.is_loaded)
    report("UI stall while Today loads and the daily backup runs", meter.stop(),
           limit=STALL_LIMIT, extra=f"(longest gap between 5 ms timer ticks) {meter.culprit()}")

    # -- search keystrokes ---------------------------------------------------------------
    # Measured: from the key press until the list has switched to the new search (the
    # model is no longer loading) and its visible rows are painted. At that point the row
    # count (and so the scroll bar) is already the search's exact count and the visible rows
    # are its first ones; both are checked below against the SQL answer. The ids past the
    # first screenfuls of a long answer may still be arriving: the time until every id is
    # known is the second figure.
    view = window.customers
    model = view.model
    box = window.search_box
    latencies: list[float] = []
    completions: list[float] = []
    busy: list[float] = []
    raw: list[float] = []
    for word in TYPED:
        box.clear()
        view.apply_search()
        wait(app, lambda: not model.loading and model.complete)
        for count in range(1, len(word) + 1):
            started = time.perf_counter()
            if word[count - 1].isascii():
                QTest.keyClicks(box, word[count - 1])
            else:  # QTest types ASCII only; a Chinese input method commits whole characters
                box.insert(word[count - 1])
            view.apply_search()  # what the zero-delay search timer does next
            busy.append(time.perf_counter() - started)  # the UI thread's own share
            wait(app, lambda: not model.loading)
            view.table.viewport().repaint()
            latencies.append(time.perf_counter() - started)
            shown_count = model.rowCount()
            last = view.table.rowAt(view.table.viewport().height() - 1)
            visible = range(max(view.table.rowAt(0), 0),
                            (shown_count if last < 0 else last + 1))
            shown_ids = [model.customer_id(r) for r in visible]  # IndexError if not known
            wait(app, lambda: model.complete)
            completions.append(time.perf_counter() - started)
            begun = time.perf_counter()
            ids = db.customer_ids(CustomerQuery(search=word[:count]))
            raw.append(time.perf_counter() - begun)
            assert shown_count == len(ids), (word[:count], shown_count, len(ids))
            assert shown_ids == ids[visible.start:visible.stop], word[:count]
    mode = "background thread" if model._background else "UI thread"
    report("search keystroke to updated list, p95", percentile(latencies, 95),
           limit=KEYSTROKE_LIMIT, baseline=percentile(raw, 95),
           extra=f"(p50 {median(latencies) * 1000:.0f} ms; until the visible rows and the "
                 f"exact row count of the new search are shown, painted; SQL id query alone "
                 f"p95 {percentile(raw, 95) * 1000:.0f} ms, p50 {median(raw) * 1000:.0f} ms; "
                 f"{len(latencies)} keystrokes; queries on the {mode})")
    report("  keystroke to every id of the list known, p95", percentile(completions, 95),
           baseline=percentile(raw, 95),
           extra=f"(p50 {median(completions) * 1000:.0f} ms; rows past the first screenfuls "
                 f"are filled in then)")
    report("  UI thread busy per keystroke, p95", percentile(busy, 95), limit=STALL_LIMIT)
    typed = [w[:c] for w in TYPED for c in range(1, len(w) + 1)]
    worst = sorted(zip(latencies, typed, completions, strict=True), reverse=True)[:3]
    print("  slowest: " + ", ".join(f"{text!r} {s * 1000:.0f} ms (all ids {c * 1000:.0f} ms)"
                                    for s, text, c in worst))
    box.clear()
    view.apply_search()
    wait(app, lambda: not model.loading and model.complete)
    QTest.keyClick(view.table, Qt.Key.Key_End)
    app.processEvents()

    # -- opening customers ---------------------------------------------------------------
    opens: list[float] = []
    for row in (0, 137, 5_000, 42_000, 99_000, 12, 60_000, 777):
        customer_id = view.model.customer_id(row)
        started = time.perf_counter()
        workspace = window.open_customer(customer_id)
        wait(app, partial(_current_tab_loaded, workspace))
        app.processEvents()
        opens.append(time.perf_counter() - started)
    report("open a customer's workspace (profile, loaded), median", median(opens),
           limit=WORKSPACE_LIMIT, extra=f"(max {max(opens) * 1000:.0f} ms over {len(opens)})")
    window.close_workspace()
    window.show_view("customers")
    bench_plan_export(app, window, folder, meter)
    window.close_workspace()
    window.show_view("customers")

    # -- dashboard -----------------------------------------------------------------------
    meter.start()
    started = time.perf_counter()
    window.show_view("dashboard")
    dashboard = window.dashboard
    wait(app, lambda: dashboard.is_loaded)
    opened = time.perf_counter() - started
    stall = meter.stop()
    report("dashboard open, every chart built and drawn", opened, limit=DASHBOARD_LIMIT)
    report("UI stall while the dashboard loads", stall, limit=STALL_LIMIT,
           extra=meter.culprit())
    for kind, seconds in dashboard.timings.items():
        report(f"  chart {kind}: built and rendered (worker) + shown", seconds,
               limit=CHART_LIMIT)

    # -- rescoring in the background -----------------------------------------------------
    window.show_view("customers")
    meter.start()
    started = time.perf_counter()
    task = window.rescore()
    assert task is not None
    wait(app, lambda: window.rescore_task is None, timeout=300)
    total = time.perf_counter() - started
    report("UI stall during a background rescore + refresh", meter.stop(), limit=STALL_LIMIT,
           extra=f"(the rescore itself took {total:.1f} s) {meter.culprit()}")
    rss = resident_mb()
    ok = rss <= MEMORY_LIMIT_MB
    print(f"{'resident memory with dashboard open, after rescore':<52} {rss:10d} MB  limit "
          f"{MEMORY_LIMIT_MB} MB {'OK' if ok else 'OVER'}  (this process, measured as soon as "
          f"the rescore ends; {before} MB before the window opened)", flush=True)
    # The refresh that follows a rescore (the book's ids, Today, plans) settles, then a pause.
    wait(app, lambda: not view.model.loading and view.model.complete
         and window.today.is_loaded and window.task_status.current() is None)
    time.sleep(1.0)
    app.processEvents()
    rss = resident_mb()
    ok = rss <= MEMORY_LIMIT_MB
    print(f"{'  the same once the refresh is done, 1 s later':<52} {rss:10d} MB  limit "
          f"{MEMORY_LIMIT_MB} MB {'OK' if ok else 'OVER'}", flush=True)
    print("Each chart on the UI thread instead (build, then draw; for comparison):")
    bench_charts(the_book, dashboard)
    window.close()


def bench_plan_export(app: Any, window: Any, folder: Path, meter: StallMeter) -> None:
    """File → Export account plan… for the top customer by revenue, open in its workspace,
    with a plan of three objectives and five actions: from the menu (the file picker answered
    at once) until the workbook is written and the message offering to open it is shown;
    and the UI thread's longest stall meanwhile (the export runs on the worker thread)."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from models.enums import ObjectiveKind, PlanStatus
    from models.plans import AccountPlan, Objective, PlanAction

    book = window.book
    top = str(book.reader.scalar("SELECT customer_id FROM customer_metrics WHERE deleted = 0 "
                                 "ORDER BY revenue_12m DESC LIMIT 1"))
    revenue = float(book.reader.scalar(
        "SELECT revenue_12m FROM customer_metrics WHERE customer_id = ?", [top]))
    book.plans.save(AccountPlan(
        customer_id=top, period="2027-H1", status=PlanStatus.ACTIVE,
        objectives=[Objective(kind=ObjectiveKind.REVENUE, description="Revenue",
                              baseline_value=revenue, target_value=revenue * 1.2),
                    Objective(kind=ObjectiveKind.SHARE_OF_WALLET, description="Share",
                              baseline_value=20, target_value=40, actual_value=25),
                    Objective(kind=ObjectiveKind.FREE_TEXT, description="A second line")],
        actions=[PlanAction(what=f"Step {n}", due_date=ANCHOR) for n in range(5)]))
    window.open_customer(top)
    target = folder / "plan.xlsx"
    original = QFileDialog.getSaveFileName
    QFileDialog.getSaveFileName = staticmethod(  # type: ignore[method-assign]
        lambda *_args, **_kw: (str(target), ""))
    times: list[float] = []
    stalls: list[float] = []
    try:
        for _ in range(3):
            target.unlink(missing_ok=True)
            meter.start()
            started = time.perf_counter()
            window.export_plan_action.trigger()
            wait(app, lambda: window.findChild(QMessageBox, "exportDoneBox") is not None)
            times.append(time.perf_counter() - started)
            stalls.append(meter.stop())
            assert target.stat().st_size > 0
            box = window.findChild(QMessageBox, "exportDoneBox")
            box.setObjectName("")
            box.close()
            box.deleteLater()
            app.processEvents()
    finally:
        QFileDialog.getSaveFileName = original  # type: ignore[method-assign]
    verdict("plan export from the window (File menu), median of 3", median(times),
            limit=PLAN_EXPORT_LIMIT, extra=f"({target.stat().st_size // 1024} KB workbook; "
                                           f"slowest {max(times) * 1000:.0f} ms)")
    verdict("UI stall during the plan exports", max(stalls), limit=STALL_LIMIT,
            extra=meter.culprit())


def resident_mb() -> int:
    """This process's resident memory (Linux), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def bench_charts(book: Any, dashboard: Any) -> None:
    """Each chart built and drawn synchronously at its panel size, without the event loop."""
    from ui.gui.charts.catalog import ChartRequest, build_chart

    periods = dashboard.periods
    for kind, canvas in dashboard.canvases.items():
        request = ChartRequest(kind, None, periods.start, periods.end) \
            if kind == "migration" else ChartRequest(kind)
        started = time.perf_counter()
        chart = build_chart(book, request)
        built = time.perf_counter() - started
        canvas.set_chart(chart)
        canvas.canvas.resize(canvas.width() - 4, canvas.height() - 40)
        begun = time.perf_counter()
        canvas.canvas.draw()
        drawn = time.perf_counter() - begun
        report(f"  chart {kind}: build {built * 1000:.0f} ms + draw {drawn * 1000:.0f} ms",
               built + drawn, limit=CHART_LIMIT, baseline=built,
               extra="(baseline: build only)")


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    cached = args.db or full_size_db()
    with tempfile.TemporaryDirectory(prefix="keyplan-bench-gui-") as name:
        folder = Path(name)
        started = time.perf_counter()
        book = prepare_apart(cached, folder)
        print(f"GUI benchmark on a copy of {cached.name} (prepared in "
              f"{time.perf_counter() - started:.1f} s)", flush=True)
        bench_cold_start(book, folder)
        bench_in_process(book, folder)


if __name__ == "__main__":
    main()
