"""The main window's navigation and background work: views by key and side bar, rescoring with
progress and Cancel in the status bar, undo of the last change, portfolio export."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from models.entities import Customer
from tests.ui.conftest import wait_idle
from ui.gui.background.tasks import Progress, Task
from ui.gui.window.main_window import (
    VIEW_CUSTOMERS,
    VIEW_DASHBOARD,
    VIEW_PLANS,
    VIEW_TODAY,
    VIEWS,
    MainWindow,
)


def test_side_bar_and_shortcuts_switch_views(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for number, name in enumerate(VIEWS, start=1):
        window.view_actions[name].trigger()
        assert window.current_view_name() == name
        assert window.view_actions[name].shortcut().toString() == f"Ctrl+{number}"
    window.navigation.setCurrentRow(VIEWS.index(VIEW_TODAY))
    assert window.current_view_name() == VIEW_TODAY
    rect = window.navigation.visualItemRect(window.navigation.item(VIEWS.index(VIEW_PLANS)))
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_view_name() == VIEW_PLANS
    assert window.settings.last_view() == VIEW_PLANS
    assert window.dashboard is not None  # built when first shown
    window.show_view(VIEW_DASHBOARD)
    assert window.navigation.currentRow() == VIEWS.index(VIEW_DASHBOARD)


def test_typing_a_search_elsewhere_shows_the_book(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_view(VIEW_TODAY)
    window.find_action.trigger()
    qtbot.keyClicks(window.search_box, "a")
    assert window.current_view_name() == VIEW_CUSTOMERS


def test_rescore_runs_in_the_background_with_progress(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    assert window.book.reader.scalar(
            "SELECT count(*) FROM customer_metrics WHERE tier IS NULL") == 300
    window.rescore_action.trigger()
    task = window.rescore_task
    assert task is not None
    assert window.task_status.isVisible() and window.task_status.cancel_button.isVisible()
    assert window.task_status.label.text() == "Rescoring the book…"
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    assert window.book.reader.scalar(
            "SELECT count(*) FROM customer_metrics WHERE tier IS NULL") == 0
    assert not window.task_status.isVisible()
    assert window.statusBar().currentMessage().startswith("Rescored 300 customers")
    records = [window.customers.model.record(r) for r in range(20)]
    assert None not in records
    tiers = {record.tier for record in records if record is not None}
    assert None not in tiers
    assert window.book.reader.scalar("SELECT count(DISTINCT period) FROM score_snapshots") == 1


def test_cancel_in_the_status_bar_stops_the_work(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    started, release = threading.Event(), threading.Event()

    def work(progress: Progress) -> None:
        started.set()
        release.wait(10)
        progress.check()

    task = Task(work)
    outcome: list[str] = []
    task.on_cancel(lambda: outcome.append("cancelled")).success(lambda _r: outcome.append("done"))
    window.task_status.track(task, "Long work")
    task.run_in_background()
    assert started.wait(10)
    qtbot.mouseClick(window.task_status.cancel_button, Qt.MouseButton.LeftButton)
    assert window.task_status.label.text() == "Cancelling…"
    with qtbot.waitSignal(task.finished, timeout=10_000):
        release.set()
    assert outcome == ["cancelled"]
    assert not window.task_status.isVisible()


def test_undo_reverses_the_last_change_then_the_one_before(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    db = window.book.reader
    first = db.get(Customer, window.customers.model.customer_id(0))
    second = db.get(Customer, window.customers.model.customer_id(1))
    db.update(replace(first, name="First rename"))
    db.update(replace(second, owner="Someone else"))
    with qtbot.waitSignal(window.undo_last_change().finished, timeout=10_000):
        pass
    assert db.get(Customer, second.id).owner == second.owner
    assert db.get(Customer, first.id).name == "First rename"
    assert window.statusBar().currentMessage() == f"Undone: a change to {second.name}."
    with qtbot.waitSignal(window.undo_last_change().finished, timeout=10_000):
        pass
    assert db.get(Customer, first.id).name == first.name
    assert db.get(Customer, second.id).owner == second.owner  # not redone


def test_undo_with_nothing_to_undo_says_so(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    with qtbot.waitSignal(window.undo_last_change().finished, timeout=10_000):
        pass
    assert window.statusBar().currentMessage() == "Nothing to undo."


def test_portfolio_export_follows_the_tier_filter(qtbot, scored_window: MainWindow,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    wait_idle(qtbot, scored_window)
    from models.enums import Tier
    from ui.gui.views.filter_bar import BookFilters

    scored_window.customers.set_filters(BookFilters(tiers=frozenset({Tier.KEY})))
    task = scored_window.export_portfolio_to(tmp_path / "portfolio")
    with qtbot.waitSignal(task.finished, timeout=60_000):
        pass
    path = tmp_path / "portfolio.xlsx"
    assert path.is_file()
    key = scored_window.book.reader.scalar(
            "SELECT count(*) FROM customer_metrics WHERE tier = 'key'")
    sheet = load_workbook(path, read_only=True).worksheets[1]
    assert sheet.max_row >= key
    assert scored_window.statusBar().currentMessage().endswith(f"{key} customers.")


def test_large_books_rescore_in_their_own_process(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                  monkeypatch) -> None:
    import ui.gui.background.book_operations as ops

    wait_idle(qtbot, window)
    monkeypatch.setattr(ops, "PROCESS_RESCORE_CUSTOMERS", 1)  # 300 customers count as large
    task = window.rescore()
    with qtbot.waitSignal(task.finished, timeout=60_000):
        pass
    assert window.book.reader.scalar(
            "SELECT count(*) FROM customer_metrics WHERE tier IS NULL") == 0
    assert window.statusBar().currentMessage().startswith("Rescored 300 customers")


def test_cancelling_a_process_rescore_keeps_the_book(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                    monkeypatch) -> None:
    import ui.gui.background.book_operations as ops

    wait_idle(qtbot, window)
    monkeypatch.setattr(ops, "PROCESS_RESCORE_CUSTOMERS", 1)
    task = window.rescore()
    cancelled: list[bool] = []
    task.on_cancel(lambda: cancelled.append(True))
    with qtbot.waitSignal(task.finished, timeout=60_000):
        qtbot.mouseClick(window.task_status.cancel_button, Qt.MouseButton.LeftButton)
    assert cancelled == [True]
    assert window.book.reader.scalar(
            "SELECT count(*) FROM customer_metrics WHERE tier IS NULL") == 300
    assert window.book.reader.scalar("SELECT count(*) FROM score_snapshots") == 0


def test_a_book_never_scored_is_scored_when_opened(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                                   settings) -> None:
    """Issue 14, point 5: customers with three years of history but blank tier and score
    columns are a dead end; the window scores such a book itself, in the background."""
    from storage.book import Book

    window = MainWindow(Book(book_path), settings)  # as the application opens it
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.rescore_task is not None, timeout=10_000)
    assert window.statusBar().currentMessage().startswith(
        "This book has not been scored yet") or window.task_status.current() is not None
    assert window.rescore_task is not None
    with qtbot.waitSignal(window.rescore_task.finished, timeout=60_000):
        pass
    assert window.book.reader.scalar(
        "SELECT count(*) FROM customer_metrics WHERE tier IS NULL") == 0
    assert window.book.scoring.state() is not None
    window.close()
    again = MainWindow(Book(book_path), settings)  # scored now: no second rescore
    qtbot.addWidget(again)
    again.show()
    wait_idle(qtbot, again)
    assert again.rescore_task is None
    again.close()
