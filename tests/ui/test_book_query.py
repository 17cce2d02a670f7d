"""Id queries in the background (large books): typing never waits for SQL, and only the
newest answer is shown."""

from __future__ import annotations

from pathlib import Path

from storage.customer_queries import CustomerQuery
from storage.database import Database
from ui.book_query import IdLoader
from ui.customer_table_model import CustomerTableModel
from ui.main_window import MainWindow


def test_loader_delivers_only_the_newest_answer(qtbot, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    loader = IdLoader(book_path)
    answers: list[tuple[int, object]] = []
    loader.loaded.connect(lambda number, query, ids: answers.append((number, query)))
    for text in ("a", "ap", "ape"):
        loader.request(CustomerQuery(search=text))
    last = loader.request(CustomerQuery(search="apex"))
    qtbot.waitUntil(lambda: any(n == last for n, _q in answers), timeout=10_000)
    assert answers[-1] == (last, CustomerQuery(search="apex"))
    assert all(n == last for n, _q in answers)  # superseded requests were dropped
    loader.close()


def test_background_model_switches_rows_when_the_answer_arrives(  # type: ignore[no-untyped-def]
        qtbot, demo_db: Database) -> None:
    model = CustomerTableModel(demo_db)
    model.set_background(True)
    name = next(r.name for r in demo_db.list_customers(limit=300).rows if r.name.isascii())
    with qtbot.waitSignal(model.rows_reset, timeout=10_000) as signal:
        model.set_search(name)
        assert model.loading and model.rowCount() == 300  # the old rows stay meanwhile
    assert not model.loading
    assert signal.args == [model.rowCount()] and 0 < model.rowCount() < 300
    assert model.customer_id(0) in demo_db.customer_ids(CustomerQuery(search=name))
    model.close()


def test_slow_queries_move_to_the_background(qtbot, demo_db: Database,  # type: ignore[no-untyped-def]
                                             monkeypatch) -> None:
    import ui.customer_table_model as module

    monkeypatch.setattr(module, "ASYNC_AFTER", -1.0)  # every query counts as slow
    model = CustomerTableModel(demo_db)
    with qtbot.waitSignal(model.rows_reset, timeout=10_000):
        model.set_search("a")
        assert model.loading
    model.close()


def test_a_customer_is_revealed_once_the_rows_arrive(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    model = window.customers.model
    model.set_background(True)
    target = model.customer_id(10)
    window.search_box.setText("zzzz-no-such-customer")
    qtbot.waitUntil(lambda: model.rowCount() == 0 and not model.loading, timeout=10_000)
    window.clear_search_and_filters()
    assert model.loading
    window.customers.reveal(target)  # selected when the whole book is back
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    selected = window.customers.selected_customer()
    assert selected is not None and selected.id == target
    assert window.search_box.text() == ""
