"""Background tasks: own connection on the worker, outcome and progress on the UI thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from storage.book import Book
from storage.database import Database
from storage.errors import NotADatabaseError
from ui.gui.background.tasks import BookTask, Cancelled, Progress, Task


def test_result_arrives_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    ui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(progress: Progress) -> int:
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        progress.report(1, 2)
        progress.report(2, 2)
        return 42

    task = Task(work)
    reports: list[tuple[int, int]] = []
    task.on_progress(lambda done, total: reports.append((done, total)))
    task.success(lambda value: seen.update(value=value, thread=QThread.currentThread()))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.run_in_background()
    assert seen["worker"] is True
    assert seen["value"] == 42
    assert seen["thread"] is ui_thread
    assert reports == [(1, 2), (2, 2)]
    assert not task.running


def test_database_task_opens_its_own_connection(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    Database(db_path).close()
    counts: list[int] = []

    def work(book: Book, progress: Progress) -> int:
        book.demo.generate(20, seed=3, score=False, progress=progress.report)
        return book.customers.count()

    task = BookTask(db_path, work).success(counts.append)
    with qtbot.waitSignal(task.finished, timeout=30_000):
        task.run_in_background()
    assert counts == [20]
    with Database(db_path) as db:
        assert db.customer_count() == 20


def test_cancel_stops_and_writes_nothing(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    Database(db_path).close()
    outcomes: list[str] = []
    gate = threading.Event()

    def work(book: Book, progress: Progress) -> object:
        gate.wait(10)  # hold the worker until the UI has asked to cancel
        return book.demo.generate(4_000, seed=3, score=False, progress=progress.report)

    task = BookTask(db_path, work)
    task.success(lambda _r: outcomes.append("success")).on_cancel(
        lambda: outcomes.append("cancelled")).failure(lambda e: outcomes.append(repr(e)))
    with qtbot.waitSignal(task.finished, timeout=30_000):
        task.run_in_background()
        task.cancel()
        gate.set()
    assert outcomes == ["cancelled"]
    with Database(db_path) as db:
        assert db.customer_count() == 0


def test_check_raises_cancelled_inside_the_work(qtbot) -> None:  # type: ignore[no-untyped-def]
    started = threading.Event()
    release = threading.Event()

    def work(progress: Progress) -> None:
        started.set()
        release.wait(10)
        progress.check()

    task = Task(work)
    cancelled: list[bool] = []
    task.on_cancel(lambda: cancelled.append(True))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.run_in_background()
        assert started.wait(10)
        task.cancel()
        release.set()
    assert cancelled == [True]
    with pytest.raises(Cancelled):
        Progress.check(task._progress)


def test_failure_is_delivered_not_raised(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    not_a_book = tmp_path / "notes.txt"
    not_a_book.write_text("hello, not SQLite\n" * 50)
    errors: list[BaseException] = []
    task = BookTask(not_a_book, lambda db, progress: None).failure(errors.append)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.run_in_background()
    assert len(errors) == 1 and isinstance(errors[0], NotADatabaseError)
    assert not_a_book.read_text() == "hello, not SQLite\n" * 50
