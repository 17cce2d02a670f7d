"""Data safety in the GUI: File → Backups lists and restores; a damaged or missing book gets
its own message and a way forward (restore the newest good backup, create the folder)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from models.entities import Customer
from storage.backup import list_backups
from storage.database import Database
from tests.ui.conftest import wait_idle
from ui.gui.dialogs.backups_dialog import BackupsDialog
from ui.gui.dialogs.book_opener import open_book
from ui.gui.settings import Settings
from ui.gui.window.main_window import MainWindow


def _click_in_boxes(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[QMessageBox]:
    """Modal message boxes answer themselves by clicking the button with the next text."""
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        wanted = answers.pop(0) if answers else None
        for button in box.buttons():
            if button.text() == wanted:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def _backups_dialog(qtbot, window: MainWindow) -> BackupsDialog:  # type: ignore[no-untyped-def]
    window.backups_action.trigger()
    dialog = window.findChild(BackupsDialog, "backupsDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_back_up_now_lists_the_backup(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    dialog = _backups_dialog(qtbot, window)
    before = dialog.model.rowCount()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == before + 1, timeout=10_000)
    newest = dialog.model.backups[0]
    assert newest.reason == "manual" and newest.size > 0
    assert dialog.model.data(dialog.model.index(0, 1)) == "Made by hand"
    assert newest.verified and newest.path.name.endswith(".db.zst")
    assert dialog.model.data(dialog.model.index(0, 3)) == "Verified"
    assert newest.path in [b.path for b in list_backups(window.book.reader.path)]
    dialog.close()


def test_restore_brings_the_backup_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    db = window.book.reader
    customer = db.get(Customer, window.customers.model.customer_id(0))
    backup = db.backup("manual")
    db.update(replace(customer, name="Renamed after the backup"))
    window.refresh()

    dialog = _backups_dialog(qtbot, window)
    row = next(r for r, b in enumerate(dialog.model.backups) if b.path == backup.path)
    dialog.table.selectRow(row)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    confirm = dialog.confirm_box
    assert confirm is not None and confirm.isVisible()
    assert "nothing is lost" in confirm.informativeText()
    restore = next(b for b in confirm.buttons() if b.text() == "Restore")
    restore.click()
    qtbot.waitUntil(lambda: window.book_open and window.book.reader is not db, timeout=20_000)
    assert window.book.reader.get(Customer, customer.id).name == customer.name
    assert window.customers.model.rowCount() == 300
    assert any(b.reason == "replaced" for b in list_backups(window.book.reader.path))
    assert window.menuBar().isEnabled()
    assert window.current_view_name() == "customers"
    window.close()


def test_restore_is_refused_while_another_process_holds_the_book(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from storage.presence import Holder

    monkeypatch.setattr(window.session, "holders_now",
                        lambda: [Holder(pid=1, host="here", app="score", since=0.0)])
    backup = window.book.reader.backup("manual")
    assert window.restore_from_backup(backup.path) is None
    assert window.book_open
    assert window.message_box is not None and "also open" in window.message_box.text()


def test_a_truncated_book_offers_the_newest_good_backup(  # type: ignore[no-untyped-def]
        qtbot, book_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Database(book_path) as db:
        good = db.backup("manual")
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    day = good.created.strftime("%Y%m%d")
    newer_bad = good.path.with_name(f"{book_path.stem}-{day}-235959-daily.db")
    newer_bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 2032)
    size = book_path.stat().st_size
    with book_path.open("r+b") as handle:
        handle.truncate(size - 100)  # a copy cut short: no longer whole pages
    shown = _click_in_boxes(monkeypatch, ["Restore the newest good backup", "OK"])
    opened = open_book(book_path)
    assert opened is not None
    restored, created = opened
    assert not created and restored.customers.count() == 300
    first = shown[0]
    assert "damaged" in first.text() and "newest backup" in first.informativeText()
    assert shown[1].objectName() == "restoredBox"
    assert any(b.reason == "replaced" for b in list_backups(book_path))
    restored.close()


def test_a_missing_folder_can_be_created(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "not" / "yet" / "book.db"
    shown = _click_in_boxes(monkeypatch, ["Create the folder"])
    opened = open_book(path)
    assert opened is not None and opened[1]
    assert "does not exist" in shown[0].text()
    assert {b.text() for b in shown[0].buttons() if isinstance(b, QPushButton)} >= \
        {"Create the folder", "Open another…", "New book…"}
    assert shown[0].defaultButton().text() == "Create the folder"
    opened[0].close()


def test_a_second_window_is_told_the_book_is_open_elsewhere(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, settings: Settings, tmp_path: Path) -> None:
    import subprocess
    import sys

    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from storage import presence; presence.claim(Path(sys.argv[1]), 'score'); "
         "print('ready', flush=True); time.sleep(60)", str(window.book.reader.path)],
        cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        qtbot.waitUntil(lambda: window.session.claimed, timeout=5_000)
        window.session.poll()
        assert window.presence_label.isVisible()
        assert "the score command" in window.presence_label.text()
        assert "both can keep working" in window.presence_label.text()
    finally:
        child.kill()
        child.wait()
    window.session.poll()
    assert not window.presence_label.isVisible()


def test_the_restore_offer_passes_over_backups_that_failed_their_check(  # type: ignore[no-untyped-def]
        qtbot, book_path: Path) -> None:
    from storage.backup_files import read_record, record_path
    from storage.errors import CorruptDatabaseError
    from ui.gui.dialogs.startup_checks import Choice, NoGoodBackup, candidates, choices_for

    with Database(book_path) as db:
        failed = db.backup("manual")
    record = read_record(failed.path)
    assert record is not None
    record_path(failed.path).write_text(json.dumps({**record, "result": "malformed"}),
                                        encoding="utf-8")
    assert candidates(book_path) == []
    damage = CorruptDatabaseError(str(book_path), detail="x")
    assert Choice.RESTORE_BACKUP not in choices_for(damage, book_path)
    from ui.gui.dialogs.startup_checks import restore_newest_good

    with pytest.raises(NoGoodBackup):
        restore_newest_good(book_path)
