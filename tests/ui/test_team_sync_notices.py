"""File → Team sync… with a copied book and a refused packet, in the user's words: a copy
beside the original on one computer is stopped before it syncs, names the original and
offers its two ways out; a refused packet's reason reads in Chinese; a record deleted here
that a colleague edited later comes back, and the status bar says so."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from storage.book import Book
from tests.ui.conftest import open_window, wait_idle
from tests.ui.test_team_sync import a_customer, open_dialog, start_team
from ui.gui.settings import Settings
from ui.gui.window.main_window import MainWindow


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Nutstore" / "team"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def window(qtbot, book_path: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, book_path, settings)
    wait_idle(qtbot, win)
    yield win
    win.close()


def test_a_copy_beside_the_original_offers_its_two_ways_out(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, window)
    start_team(qtbot, window, dialog, monkeypatch, shared)
    team = window.team_sync
    device = window.book.sync.device_id
    original = window.book.path
    # This window's book is now seen from another file of the same computer, while the
    # original file still holds the device: a copy beside it.
    elsewhere = str(tmp_path / "Copy of book.db")
    monkeypatch.setattr("storage.sync.home.book_path", lambda _conn: elsewhere)
    qtbot.waitUntil(lambda: not team.running)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.copied, timeout=20_000)
    shown = dialog.error_label.text()
    assert f"The book {original} on this computer syncs as this book's team device" in shown
    assert "keyplan" not in shown and "--new-device" not in shown
    assert dialog.new_device_button.isVisible() and dialog.moved_here_button.isVisible()
    qtbot.mouseClick(dialog.new_device_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.last is not None
                    and team.error is None and not team.copied, timeout=20_000)
    assert window.book.sync.device_id != device
    assert not dialog.new_device_button.isVisible()
    dialog.close()


def test_a_refused_packet_reads_in_chinese(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, chinese: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, window)
    start_team(qtbot, window, dialog, monkeypatch, shared)
    team = window.team_sync
    stranger = shared / "keyplan-sync" / "0f0e0d0c-0b0a-4908-8706-050403020100"
    stranger.mkdir()
    (stranger / "000001.kpk").write_bytes(b"half a packet")  # cut short by a sync program
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.status is not None
                    and bool(team.status.quarantined), timeout=20_000)
    assert "拒收的数据包：1" in window.sync_indicator.text()
    assert "设备 0f0e0d0c 的第 1 个数据包被拒收：不是 KeyPlan 数据包，或内容不完整" \
        in dialog.error_label.text()
    dialog.close()


def test_a_record_deleted_here_and_brought_back_is_said_so(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, window)
    key = start_team(qtbot, window, dialog, monkeypatch, shared)
    dialog.close()
    team = window.team_sync
    with Book(tmp_path / "colleague.db", new_book=True) as other:
        other.sync.join(key)
        other.sync.pull(shared)
        mine = a_customer(window.book)
        window.apply_changes(window.book.customers.delete(str(mine.id)).changes)
        customer = other.customers.get(str(mine.id))
        other.customers.update(replace(customer, city="Ningbo"))  # after the delete
        other.sync.push(shared)
        team.sync()
        qtbot.waitUntil(lambda: not team.running and team.conflicts == 1, timeout=20_000)
    assert window.book.customers.get(str(mine.id)).deleted_at is None
    said = window.statusBar().currentMessage()
    assert "Deleted records back: 1, edited by a colleague after the delete" in said
