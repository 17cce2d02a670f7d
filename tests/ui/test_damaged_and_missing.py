"""A book found damaged while open, or missing at start, is never a dead end: the window
names the newest backup that passes the integrity check and puts it back on request."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from models.entities import Customer
from storage.backup import list_backups
from storage.database import Database
from storage.errors import CorruptDatabaseError
from tests.ui.conftest import open_window, wait_idle
from tests.ui.test_backups_and_startup import _click_in_boxes
from ui.gui.dialogs.book_opener import open_book
from ui.gui.settings import Settings


def test_a_book_found_damaged_while_open_offers_its_newest_good_backup(  # type: ignore[no-untyped-def]
        qtbot, book_path: Path, settings: Settings) -> None:
    with Database(book_path) as db:
        good = db.backup("manual")
    window = open_window(qtbot, book_path, settings)
    wait_idle(qtbot, window)
    window.book.reader.add(Customer(name="Added after the backup"))
    # What a worker's read of a damaged page now delivers to the window.
    window.show_error(CorruptDatabaseError(str(book_path), detail="database disk image is "
                                                                  "malformed"))
    box = window.findChild(QMessageBox, "damagedBookBox")
    assert box is not None and box.isVisible()
    assert "damaged" in box.text()
    assert f"{good.created:%Y-%m-%d %H:%M}" in box.informativeText()
    restore = next(b for b in box.buttons() if b.text() == "Restore that backup")
    restore.click()
    qtbot.waitUntil(lambda: window.book_open and window.task_status.current() is None,
                    timeout=30_000)
    assert window.book.reader.customer_count() == 300  # the backup's customers, not the later one
    assert any(b.reason == "replaced" for b in list_backups(book_path))
    window.close()


def test_a_missing_book_offers_its_backup_instead_of_an_empty_book(  # type: ignore[no-untyped-def]
        qtbot, book_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Database(book_path) as db:
        db.backup("manual")
    book_path.unlink()
    shown = _click_in_boxes(monkeypatch, ["Restore the newest good backup", "OK"])
    opened = open_book(book_path)
    assert opened is not None
    restored, created = opened
    assert "does not exist, but 1 backups of it do" in shown[0].text()
    assert not created and restored.customers.count() == 300
    restored.close()
