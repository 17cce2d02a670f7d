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
    qtbot.waitUntil(lambda: window.book.path == local.parent / "book.db", timeout=20_000)
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
