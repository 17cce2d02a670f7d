"""Starting up: first-run choice, refused files with a way forward, the startup book."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

import ui.gui.app as app_module
import ui.gui.dialogs.book_opener as book_opener
from storage.book import Book
from storage.database import Database
from ui.gui.dialogs.book_opener import Choice, open_book
from ui.gui.dialogs.first_run import FirstRunDialog, needs_first_run
from ui.gui.settings import Settings
from ui.gui.window.main_window import MainWindow


@pytest.fixture
def shown_boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes record themselves instead of blocking; none is answered (= Cancel)."""
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


@pytest.fixture
def not_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "quarterly-notes.db"
    path.write_bytes(b"These are meeting notes, not a database.\n" * 40)
    return path


def test_empty_book_choice_leaves_an_empty_book(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = Book(db_path)
    assert needs_first_run(db, created=True, first_launch=False)
    dialog = FirstRunDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.demo_button.isDefault()
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        dialog.empty_button.click()
    assert not dialog.demo_added
    assert db.customers.count() == 0
    db.close()


def test_demo_choice_fills_the_book_in_the_background(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = Database(db_path)
    dialog = FirstRunDialog(db_path, customers=60)
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.demo_button.click()
        assert dialog.progress_dialog is not None  # progress with Cancel while it runs
        assert not dialog.demo_button.isEnabled()
    assert dialog.demo_added
    assert dialog.progress_dialog is None
    assert db.customer_count() == 60  # the UI's own connection sees the worker's rows
    scored = db.scalar("SELECT count(*) FROM customer_metrics WHERE tier IS NOT NULL")
    assert scored == 60  # scored, so the book opens with tiers
    db.close()


def test_cancelling_the_demo_leaves_the_book_empty(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    Database(db_path).close()
    dialog = FirstRunDialog(db_path, customers=6_000)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.demo_button.click()
    task = dialog.task
    assert task is not None and dialog.progress_dialog is not None
    cancel_button = dialog.progress_dialog.findChild(QPushButton)
    assert cancel_button is not None and cancel_button.text() == "Cancel"
    with qtbot.waitSignal(task.cancelled, timeout=60_000):
        cancel_button.click()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.demo_button.isEnabled()
    with Database(db_path) as db:
        assert db.customer_count() == 0


def test_first_run_is_offered_only_for_new_or_first_empty_books(demo_book: Book) -> None:
    with Book(":memory:") as fresh:
        assert needs_first_run(fresh, created=False, first_launch=True)
        assert not needs_first_run(fresh, created=False, first_launch=False)
    assert not needs_first_run(demo_book, created=False, first_launch=True)


def test_non_sqlite_file_shows_a_message_and_stays_unchanged(  # type: ignore[no-untyped-def]
        qtbot, not_sqlite: Path, shown_boxes: list[QMessageBox]) -> None:
    before = not_sqlite.read_bytes()
    assert open_book(not_sqlite) is None  # the box was dismissed: the user gave up
    assert len(shown_boxes) == 1
    box = shown_boxes[0]
    assert "is not a KeyPlan database" in box.text()
    assert str(not_sqlite) in box.text()
    assert {"Open another…", "New book…"} <= {b.text() for b in box.buttons()}
    assert not_sqlite.read_bytes() == before
    assert not Path(str(not_sqlite) + "-wal").exists()


def test_error_message_is_in_chinese(qtbot, chinese: None, not_sqlite: Path,  # type: ignore[no-untyped-def]
                                     shown_boxes: list[QMessageBox]) -> None:
    open_book(not_sqlite)
    assert "不是 KeyPlan 数据库" in shown_boxes[0].text()
    assert shown_boxes[0].windowTitle() == "无法打开客户簿"


def test_a_way_forward_opens_another_file(qtbot, not_sqlite: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(book_opener, "ask_after_error",
                        lambda parent, error, path=None: Choice.NEW_BOOK)
    fresh = tmp_path / "fresh.db"
    monkeypatch.setattr(book_opener, "choose_new", lambda parent, folder: fresh)
    opened = open_book(not_sqlite)
    assert opened is not None
    db, created = opened
    assert created and db.path == fresh and db.customers.count() == 0
    db.close()


def test_main_window_keeps_its_book_when_another_is_refused(
        window: MainWindow, not_sqlite: Path, shown_boxes: list[QMessageBox]) -> None:
    before_path = window.book.reader.path
    before = not_sqlite.read_bytes()
    assert not window.open_path(not_sqlite)
    assert len(shown_boxes) == 1
    assert window.book.reader.path == before_path
    assert window.customers.model.rowCount() == 300
    assert not_sqlite.read_bytes() == before


def test_startup_opens_last_book_and_offers_first_run(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, settings: Settings, book_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    offered: list[Path] = []

    def fake_exec(dialog: FirstRunDialog) -> int:
        offered.append(dialog.path)
        dialog.empty_button.click()
        return 1

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    default = tmp_path / "default" / "keyplan.db"
    default.parent.mkdir()
    monkeypatch.setattr(app_module, "default_path", lambda: default)

    db = app_module.open_startup_book(None, settings)  # first launch: the default book
    assert db is not None and db.path == default and offered == [default]
    db.close()
    settings.remember_database(book_path)
    db = app_module.open_startup_book(None, settings)  # the last book, no first-run offer
    assert db is not None and db.path == book_path.resolve() and len(offered) == 1
    db.close()
    book_path.unlink()
    assert app_module.startup_path(None, settings) == default  # vanished: back to default
    assert app_module.startup_path(tmp_path / "x.db", settings) == tmp_path / "x.db"
