"""A long team sync in the window: the status bar shows what it does (in the user's language)
with a progress bar and Cancel; a cancel stops it leaving the book and the shared folder
whole, automatic syncs wait, and Sync now goes on from there."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from storage.book import Book
from storage.sync import checkpoint, state
from storage.sync import folder as shared_folder
from tests.test_sync_first_push import _same_records
from tests.ui.conftest import open_window, wait_idle
from ui.gui.background import sync_operations
from ui.gui.settings import Settings
from ui.gui.window.main_window import MainWindow

CHECKPOINTING = "Writing this book as a checkpoint"
MERGING = "Merging the team's changes"


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Nutstore" / "team"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def window(qtbot: QtBot, book_path: Path, settings: Settings) -> Iterator[MainWindow]:
    win = open_window(qtbot, book_path, settings)
    wait_idle(qtbot, win)
    yield win
    win.close()


class Gate:
    """Holds the worker at the first progress call of ``words`` (after the window was told)
    until the test opens it: the test clicks Cancel at a known point of the work."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, words: str) -> None:
        self.words = words
        self.reached = threading.Event()
        self.open = threading.Event()
        self.calls: list[tuple[float, str]] = []
        original = sync_operations._Told.__call__

        def call(told: Any, share: float, phase: str) -> None:
            original(told, share, phase)
            self.calls.append((share, phase))
            if phase == self.words and not self.reached.is_set():
                self.reached.set()
                assert self.open.wait(20)

        monkeypatch.setattr(sync_operations._Told, "__call__", call)


@pytest.fixture
def long_syncs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sync counts as long, a first push of this 300-customer book writes a
    checkpoint of several parts, and packets are small."""
    monkeypatch.setattr(sync_operations, "LONG_SECONDS", 0.0)
    monkeypatch.setattr("storage.book.sync_send.FIRST_CHECKPOINT", 100)
    monkeypatch.setattr("storage.sync.checkpoint.PART_ROWS", 500)


def test_a_first_push_shows_its_progress_and_cancel_leaves_all_whole(
        qtbot: QtBot, window: MainWindow, shared: Path, long_syncs: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    team, status = window.team_sync, window.task_status
    gate = Gate(monkeypatch, CHECKPOINTING)
    team.set_folder(shared)
    team.start_team()  # then the first sync, asked for: its first push
    device = window.book.sync.device_id
    to_send = window.book.sync.status(shared).to_send
    assert to_send > 1000
    assert gate.reached.wait(20)
    qtbot.waitUntil(lambda: status.label.text()
                    == "Team sync: Writing this book as a checkpoint…", timeout=5_000)
    assert status.isVisible() and status.bar.isVisible()
    assert status.cancel_button.isVisible() and status.cancel_button.isEnabled()
    assert status.bar.maximum() == 1000 and 0 < status.bar.value() < 1000
    qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    assert status.label.text() == "Cancelling…"
    gate.open.set()
    qtbot.waitUntil(lambda: not team.running, timeout=20_000)
    # Nothing of the checkpoint stays; nothing counts as sent.
    assert checkpoint.own_numbers(shared, device) == []
    assert shared_folder.packets(shared, device) == {}
    assert window.book.sync.status(shared).to_send == to_send
    assert state.device(window.book.connection).packets == 0
    assert not status.isVisible()
    assert team.paused and team.error is None and team.last is None
    assert team.note is not None and "stopped" in team.note
    assert "stopped" in window.sync_indicator.toolTip()
    # Automatic syncs wait for the user.
    assert team.sync(automatic=True) is None
    # Sync now goes on: the checkpoint, whole.
    gate.open.set()
    task = team.sync(automatic=False)
    assert task is not None
    qtbot.waitUntil(lambda: not team.running, timeout=30_000)
    assert team.last is not None and team.error is None and not team.paused
    assert team.note is None
    assert team.last.pushed.compacted is not None and team.last.pushed.compacted.number == 1
    assert checkpoint.own_numbers(shared, device) == [1]
    assert window.book.sync.status(shared).to_send == 0


def test_a_big_pull_shows_its_progress_and_cancel_keeps_what_was_merged(
        qtbot: QtBot, window: MainWindow, shared: Path, long_syncs: None,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    team, status = window.team_sync, window.task_status
    team.set_folder(shared)
    key = team.start_team()
    qtbot.waitUntil(lambda: not team.running and team.last is not None, timeout=30_000)
    with Book(tmp_path / "colleague.db", new_book=True) as other:
        other.team.join(key, shared, "Wang Fang")
        other.sync.pull(shared)
        # The colleague changes 300 customers (far fewer than the book's records: packets,
        # not a checkpoint): 6 packets of 50.
        monkeypatch.setattr("storage.book.sync_send.MAX_OPS", 50)
        for number, customer_id in enumerate(str(row[0]) for row in other.connection.execute(
                "SELECT id FROM customers ORDER BY code").fetchall()):
            customer = other.customers.get(customer_id)
            other.customers.update(replace(customer, city=f"City {number}"))
        assert other.sync.push(shared).packets == 6
        colleague = other.sync.device_id
        gate = Gate(monkeypatch, MERGING)
        task = team.sync(automatic=True)  # an automatic one shows itself once it is long
        assert task is not None
        assert gate.reached.wait(20)
        qtbot.waitUntil(lambda: status.label.text()
                        == "Team sync: Merging the team's changes…", timeout=5_000)
        assert status.cancel_button.isVisible() and status.bar.value() > 0
        qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
        gate.open.set()
        qtbot.waitUntil(lambda: not team.running, timeout=20_000)
        merged = state.applied(window.book.connection)[colleague]
        assert 1 <= merged < 6  # each packet merged whole, the rest waits
        cities = [str(row[0]) for row in window.book.connection.execute(
            "SELECT city FROM customers ORDER BY code")]
        assert sum(city.startswith("City ") for city in cities) == merged * 50
        assert team.paused
        # The views learn what was merged from the window's look for changes.
        qtbot.waitUntil(lambda: window.session.check_for_changes() or True, timeout=5_000)
        team.sync(automatic=False)
        qtbot.waitUntil(lambda: not team.running, timeout=30_000)
        assert state.applied(window.book.connection)[colleague] == 6
        shares = [share for share, words in gate.calls if words == MERGING]
        assert shares[-1] == 1.0  # the second sync's last packet
        other.sync.pull(shared)
        _same_records(window.book, other)


def test_the_phase_in_chinese(qtbot: QtBot, window: MainWindow, shared: Path,
                              long_syncs: None, chinese: None,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    team, status = window.team_sync, window.task_status
    gate = Gate(monkeypatch, CHECKPOINTING)
    team.set_folder(shared)
    team.start_team()
    assert gate.reached.wait(20)
    qtbot.waitUntil(lambda: "检查点" in status.label.text(), timeout=5_000)
    assert status.label.text() == "团队同步：正在将本客户簿写为检查点…"
    assert status.cancel_button.text() == "取消"
    gate.open.set()
    qtbot.waitUntil(lambda: not team.running, timeout=30_000)
    assert team.last is not None
