"""Opening a book that lives in a synced folder warns, and one click copies it to this
computer and opens the copy (the file in the shared folder left as it was)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

import ui.gui.dialogs.shared_folder_warning as warning_module
from storage.database import Database
from tests.ui.conftest import open_window, wait_idle
from ui.gui.dialogs.shared_folder_warning import SharedFolderWarning
from ui.gui.settings import Settings


def _shown_warning(window: QWidget) -> bool:
    box = window.findChild(SharedFolderWarning)
    return box is not None and box.isVisible()


def test_a_book_in_dropbox_is_copied_out_and_opened(  # type: ignore[no-untyped-def]
        qtbot, demo_file: Path, tmp_path: Path, settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "Dropbox" / "sales"
    shared.mkdir(parents=True)
    book = shared / "book.db"
    with Database(demo_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(book)])
    local = tmp_path / "AppData" / "KeyPlan" / "keyplan.db"
    monkeypatch.setattr(warning_module, "default_path", lambda: local)
    window = open_window(qtbot, book, settings)
    qtbot.waitUntil(lambda: _shown_warning(window), timeout=10_000)
    box = window.findChild(SharedFolderWarning)
    assert box is not None
    assert "Dropbox" in box.text() and str(local.parent / "book.db") in box.informativeText()
    wait_idle(qtbot, window)
    qtbot.mouseClick(box.copy_button, Qt.MouseButton.LeftButton)
    # the window cannot be edited while the copy runs: a window-modal busy dialog
    assert box.progress.windowModality() == Qt.WindowModality.WindowModal
    assert box.progress.parentWidget() is window
    assert str(local.parent / "book.db") in box.progress.labelText()
    qtbot.waitUntil(lambda: window.book.path == local.parent / "book.db", timeout=20_000)
    assert not box.progress.isVisible()
    assert window.book.customers.count() == 300
    assert "copied to" in window.statusBar().currentMessage()
    window.close()
    with Database(book) as left:  # still there, every record in it
        assert left.customer_count() == 300


def test_a_local_book_opens_without_a_warning(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                              settings: Settings) -> None:
    window = open_window(qtbot, book_path, settings)
    wait_idle(qtbot, window)
    assert window.findChild(SharedFolderWarning) is None
    window.close()


def test_a_team_book_copied_out_syncs_on_without_asking(  # type: ignore[no-untyped-def]
        qtbot, demo_file: Path, tmp_path: Path, settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A team book opened from Dropbox, copied out in one click: the copy keeps the team's
    folder, syncs at once as the same member (no 'is this a copy?' question) and its edit
    reaches a colleague through a real team folder; the file left in Dropbox is the one
    stopped as a copy."""
    from dataclasses import replace

    from storage.book import Book
    from storage.sync.home import BookCopiedHereError

    folder = tmp_path / "team"
    folder.mkdir()
    book = tmp_path / "Dropbox" / "sales" / "book.db"
    book.parent.mkdir(parents=True)
    with Database(demo_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(book)])
    with Book(book) as original:
        key = original.team.start("李雷").key
        original.sync.push(folder)  # synced from the Dropbox file before: its home
        device = original.sync.device_id
    colleague = Book(tmp_path / "colleague.db", new_book=True)
    colleague.team.join(key, folder, "王芳")
    settings.set_sync_folder(book, folder)
    settings.set_me(book, "李雷")
    local = tmp_path / "AppData" / "KeyPlan" / "keyplan.db"
    monkeypatch.setattr(warning_module, "default_path", lambda: local)
    window = open_window(qtbot, book, settings)
    qtbot.waitUntil(lambda: _shown_warning(window), timeout=10_000)
    box = window.findChild(SharedFolderWarning)
    assert box is not None and "takes this book's place in its team" in box.informativeText()
    wait_idle(qtbot, window)
    qtbot.mouseClick(box.copy_button, Qt.MouseButton.LeftButton)
    copy = local.parent / "book.db"
    qtbot.waitUntil(lambda: window.book.path == copy, timeout=20_000)
    team = window.team_sync
    assert team.folder == folder and settings.me(copy) == "李雷"
    qtbot.waitUntil(lambda: team.last is not None and not team.running, timeout=30_000)
    assert team.error is None and not team.copied and team.device == device
    customer_id = str(window.book.reader.scalar(
        "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY code LIMIT 1"))
    window.book.customers.update(replace(window.book.customers.get(customer_id),
                                         city="宁波"))
    sent = len(list((folder / "keyplan-sync" / device).glob("*.kpk")))
    team.sync()
    qtbot.waitUntil(lambda: not team.running, timeout=30_000)
    assert team.error is None and not team.copied
    assert len(list((folder / "keyplan-sync" / device).glob("*.kpk"))) == sent + 1
    window.close()
    colleague.sync.pull(folder)
    assert colleague.customers.get(customer_id).city == "宁波"
    colleague.close()
    with Book(book) as left, pytest.raises(BookCopiedHereError) as caught:
        left.sync.push(folder)  # the file left in Dropbox, opened again
    assert str(copy) in str(caught.value)
