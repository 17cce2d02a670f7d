"""An import shows in the customer's History and its Undo takes back the whole import (its
batch), leaving the user's own later edit; Edit → Undo does the same when an import is the
newest change, and passes over an import already undone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from models.entities import Customer
from storage.book import Book
from storage.database import Database
from tests.ui.test_workspace import RICH_CUSTOMER, cell, shown_workspace
from ui.gui.background import book_operations as ops
from ui.gui.forms import prompts
from ui.gui.settings import Settings
from ui.gui.workspace import CustomerWorkspace


@pytest.fixture
def book(book_path: Path) -> Iterator[Book]:
    """A private copy of the demo book."""
    with Book(book_path) as opened:
        yield opened


@pytest.fixture
def db(book: Book) -> Database:
    """The book's own connection, for setting data up and checking it."""
    return book.reader


@pytest.fixture
def workspace(qtbot, book: Book, db: Database,  # type: ignore[no-untyped-def]
              settings: Settings) -> Iterator[CustomerWorkspace]:
    yield from shown_workspace(qtbot, book, str(db.scalar(RICH_CUSTOMER)), settings)


def _invoices(db: Database, customer_id: str, path: Path) -> Path:
    code, name = db.conn.execute("SELECT code, name FROM customers WHERE id = ?",
                                 [customer_id]).fetchone()
    path.write_text("customer code,customer,date,amount,reference\n"
                    f"{code},{name},2026-03-02,1200,INV-M1\n"
                    f"{code},{name},2026-03-09,800,INV-M2\n", encoding="utf-8")
    return path


def _live_lines(db: Database, customer_id: str) -> int:
    return int(db.scalar("SELECT count(*) FROM transactions WHERE customer_id = ? AND "
                         "reference LIKE 'INV-M%' AND deleted_at IS NULL", [customer_id]))


def test_history_undoes_an_import_and_keeps_the_edit_before_it(  # type: ignore[no-untyped-def]
        qtbot, workspace: CustomerWorkspace, book: Book, db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    customer_id = workspace.customer_id
    db.update(replace(db.get(Customer, customer_id), industry="Shipbuilding"))
    result = book.imports.run(_invoices(db, customer_id, tmp_path / "march-invoices.csv"),
                              "transactions", rescore=False).result
    assert (result.created, result.rejected) == (2, 0) and _live_lines(db, customer_id) == 2

    history = workspace.show_tab("history")
    assert cell(history.panel, 0, "record") == "Transactions from march-invoices.csv"
    history.panel.table.setFocus()
    history.panel.table.selectRow(0)
    assert history.undo_button.isEnabled()
    assert history.undo_button.toolTip().startswith(
        "Undo the whole import of march-invoices.csv")
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str, _action: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)

    with qtbot.waitSignal(workspace.changed, timeout=20_000) as changed:
        assert history.undo_selected() is None  # runs on the worker: the tab stays responsive
        assert history.undo_task is not None and not history.undo_button.isEnabled()
    assert history.undo_task is None
    changes = changed.args[0]  # what the Book answered: lines of any customer, and scores
    assert changes.customer_ids is None and changes.touches({"transactions"})
    assert changes.touches({"customer_metrics"})  # the scores, rescored with the undo
    assert asked[0].startswith("Undo the import of march-invoices.csv (")
    assert "The 2 rows it added are removed" in asked[0]
    assert _live_lines(db, customer_id) == 0
    assert db.get(Customer, customer_id).industry == "Shipbuilding"  # the edit stays
    assert history.notice.text() == \
        "Import of march-invoices.csv undone: 2 rows removed, 0 records put back."
    history.reload()
    assert cell(history.panel, 0, "action") == "Deleted"
    assert cell(history.panel, 0, "record") == "Transactions from march-invoices.csv"
    assert cell(history.panel, 0, "new") == "Lines removed: 2"
    assert cell(history.panel, 2, "new") == "Shipbuilding"
    for row in (0, 1):  # the undo and the undone import: neither is undone (again)
        history.panel.table.selectRow(row)
        assert not history.undo_button.isEnabled()
        assert "import the file again" in history.undo_button.toolTip()
    history.panel.table.selectRow(2)
    assert history.undo_button.isEnabled()


def test_edit_undo_takes_back_the_newest_import_then_the_edit(
        book: Book, db: Database, tmp_path: Path) -> None:
    customer_id = str(db.scalar("SELECT id FROM customers WHERE deleted_at IS NULL LIMIT 1"))
    old = db.get(Customer, customer_id).industry
    db.update(replace(db.get(Customer, customer_id), industry="Shipbuilding"))
    book.imports.run(_invoices(db, customer_id, tmp_path / "march.csv"), "transactions",
                     rescore=False)

    first = ops.undo_latest(book, None, frozenset())  # type: ignore[arg-type]
    assert first is not None and first.change.customer_name == "march.csv"
    assert _live_lines(db, customer_id) == 0
    assert db.get(Customer, customer_id).industry == "Shipbuilding"
    # A new session (nothing skipped): the import's undo is passed over, the edit undone.
    second = ops.undo_latest(book, None, frozenset())  # type: ignore[arg-type]
    assert second is not None and second.change.action == "update"
    assert db.get(Customer, customer_id).industry == old
    assert _live_lines(db, customer_id) == 0
