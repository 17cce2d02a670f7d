"""File → Export all data… and File → Import all data…, driven as a user does: the menu, the
file picker, the task in the status bar, the message at the end; the new book holds the same
records as the one exported, and a book that already has them asks first and updates them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from storage.database import Database
from tests.test_export_book import everything
from tests.ui.conftest import open_window, wait_idle
from ui.gui.forms import prompts
from ui.gui.settings import Settings
from ui.gui.window.main_window import MainWindow


def _box(qtbot, window: MainWindow, name: str) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, name) is not None, timeout=60_000)
    box = window.findChild(QMessageBox, name)
    assert isinstance(box, QMessageBox)
    return box


def _dismiss(qtbot, window: MainWindow, box: QMessageBox) -> None:  # type: ignore[no-untyped-def]
    name = box.objectName()
    box.close()
    box.deleteLater()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, name) is None)


def test_all_data_out_of_one_book_and_into_another(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, book_path: Path, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    wait_idle(qtbot, window)
    target = tmp_path / "everything"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args: (str(target), ""))
    window.export_all_action.trigger()
    done = _box(qtbot, window, "exportDoneBox")
    path = tmp_path / "everything.xlsx"
    with Database(book_path) as db:
        before = everything(db)
    records = sum(len(v) for v in before.values())
    assert f"Wrote {path}: {records:,} records on 11 sheets." in done.text()
    assert load_workbook(path, read_only=True).sheetnames[:3] == [
        "Customers", "Contacts", "Transactions"]
    done.close()
    window.close()

    new = open_window(qtbot, tmp_path / "new.db", settings)
    wait_idle(qtbot, new)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(path), ""))
    new.import_all_action.trigger()  # an empty book: no question
    box = _box(qtbot, new, "importAllDoneBox")
    assert box.text() == f"Imported {records:,} new and 0 updated records from everything.xlsx."
    qtbot.waitUntil(lambda: new.customers.model.rowCount() == len(before["customers"]),
                    timeout=30_000)
    _dismiss(qtbot, new, box)
    with Database(tmp_path / "new.db") as db:
        assert everything(db) == before

    # Into a book that has them: asked first; Cancel writes nothing, Yes updates them.
    wait_idle(qtbot, new)
    new.import_all_action.trigger()
    question = _box(qtbot, new, "importAllQuestion")
    assert "already has 300 customers" in question.text()
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    assert new.task_status.current() is None
    _dismiss(qtbot, new, question)
    new.import_all_action.trigger()
    question = _box(qtbot, new, "importAllQuestion")
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    box = _box(qtbot, new, "importAllDoneBox")
    updated = records - len(before["transactions"])  # sales lines already there are left out
    assert box.text() == f"Imported 0 new and {updated:,} updated records from everything.xlsx."
    new.close()


def test_history_names_what_a_records_import_added(  # type: ignore[no-untyped-def]
        qtbot, book_path: Path, settings: Settings, tmp_path: Path, monkeypatch) -> None:
    """An import of interactions (say, the Interactions sheet of an export) shows in the
    customer's History as what it is, and one click on Undo takes the whole import back
    (m020: every kind of import is a batch, not only transactions)."""
    from storage.book import Book
    from tests.ui.test_workspace import RICH_CUSTOMER, cell, shown_workspace

    with Book(book_path) as book:
        customer_id = str(book.reader.scalar(RICH_CUSTOMER))
        code = book.reader.scalar("SELECT code FROM customers WHERE id = ?", [customer_id])
        visits = tmp_path / "visits.csv"
        visits.write_text(f"客户编号,拜访时间,方式,沟通内容\n"
                          f"{code},2026-06-01 10:00,拜访,介绍新品\n"
                          f"{code},2026-06-02 15:30,电话,确认样品\n", encoding="utf-8")
        result = book.imports.run(visits, "interactions", rescore=False).result
        assert result.created == 2 and result.batch is not None
        for workspace in shown_workspace(qtbot, book, customer_id, settings):
            history = workspace.show_tab("history")
            assert cell(history.panel, 0, "record") == "Interaction records from visits.csv"
            assert cell(history.panel, 0, "new") == "Records added: 2"
            history.panel.table.selectRow(0)
            assert history.undo_button.isEnabled()
            assert history.undo_button.toolTip().startswith(
                "Undo the whole import of visits.csv")
            monkeypatch.setattr(prompts, "confirm", lambda *_args: True)  # the user agrees
            with qtbot.waitSignal(workspace.changed, timeout=20_000):
                qtbot.mouseClick(history.undo_button, Qt.MouseButton.LeftButton)
            assert book.reader.scalar(
                "SELECT count(*) FROM interactions WHERE customer_id = ? AND deleted_at IS "
                "NULL AND summary IN ('介绍新品', '确认样品')", [customer_id]) == 0
            assert history.notice.text().startswith("Import of visits.csv undone: 2 rows "
                                                    "removed")
