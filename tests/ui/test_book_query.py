"""Id queries in the background (large books): typing never waits for SQL, only the newest
answer is shown, and a long answer shows its first rows and full count before the rest."""

from __future__ import annotations

from pathlib import Path

from storage.book import Book
from storage.customer_queries import CustomerQuery
from storage.database import Database
from storage.search_keys import pinyin_syllables
from ui.gui.models.book_query import IdLoader
from ui.gui.models.customer_table_model import COL_NAME, CustomerTableModel
from ui.gui.window.main_window import MainWindow


def test_loader_delivers_only_the_newest_answer(qtbot, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    loader = IdLoader(book_path)
    answers: list[tuple[int, object]] = []
    loader.loaded.connect(lambda number, query, ids, total: answers.append((number, query)))
    for text in ("a", "ap", "ape"):
        loader.request(CustomerQuery(search=text))
    last = loader.request(CustomerQuery(search="apex"))
    qtbot.waitUntil(lambda: any(n == last for n, _q in answers), timeout=10_000)
    assert answers[-1] == (last, CustomerQuery(search="apex"))
    assert all(n == last for n, _q in answers)  # superseded requests were dropped
    loader.close()


def test_loader_sends_the_first_ids_and_the_count_then_the_rest(  # type: ignore[no-untyped-def]
        qtbot, book_path: Path) -> None:
    loader = IdLoader(book_path, head_rows=20)
    answers: list[tuple[list[str], int]] = []
    loader.loaded.connect(lambda number, query, ids, total: answers.append((ids, total)))
    loader.request(CustomerQuery(search="a"))
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=10_000)
    loader.read_rest()
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)
    with Database(book_path) as db:
        every = db.customer_ids(CustomerQuery(search="a"))
    assert answers == [(every[:20], len(every)), (every, len(every))]
    loader.close()


def test_a_newer_request_drops_the_rest_of_an_answer(  # type: ignore[no-untyped-def]
        qtbot, book_path: Path, monkeypatch) -> None:
    import ui.gui.models.book_query as module

    monkeypatch.setattr(module, "REST_WAIT", 30.0)  # the rest waits for read_rest()
    loader = IdLoader(book_path, head_rows=20)
    answers: list[tuple[int, int, int]] = []
    loader.loaded.connect(
        lambda number, query, ids, total: answers.append((number, len(ids), total)))
    first = loader.request(CustomerQuery(search="a"))
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=10_000)
    second = loader.request(CustomerQuery(search="zzzz-no-such-customer"))
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)  # no 30 s wait
    qtbot.wait(50)
    assert answers[0][:2] == (first, 20) and answers[1:] == [(second, 0, 0)]
    loader.close()


def test_background_model_switches_rows_when_the_answer_arrives(  # type: ignore[no-untyped-def]
        qtbot, demo_book: Book) -> None:
    model = CustomerTableModel(demo_book)
    model.set_background(True)
    name = next(r.name for r in demo_book.reader.list_customers(limit=300).rows if r.name.isascii())
    with qtbot.waitSignal(model.rows_reset, timeout=10_000) as signal:
        model.set_search(name)
        assert model.loading and model.rowCount() == 300  # the old rows stay meanwhile
    assert not model.loading
    assert signal.args == [model.rowCount()] and 0 < model.rowCount() < 300
    assert model.customer_id(0) in demo_book.reader.customer_ids(CustomerQuery(search=name))
    model.close()


def test_slow_queries_move_to_the_background(qtbot, demo_book: Book,  # type: ignore[no-untyped-def]
                                             monkeypatch) -> None:
    import ui.gui.models.customer_table_model as module

    monkeypatch.setattr(module, "ASYNC_AFTER", -1.0)  # every query counts as slow
    model = CustomerTableModel(demo_book)
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


def _two_step_model(demo_book: Book, monkeypatch, rest_wait: float = 30.0):  # type: ignore[no-untyped-def]
    """A background model whose long answers come in two steps (first 20 ids, then all);
    the rest waits for read_rest() (or ``rest_wait`` seconds)."""
    import ui.gui.models.book_query as loader_module
    import ui.gui.models.customer_table_model as model_module

    monkeypatch.setattr(model_module, "HEAD_ROWS", 20)
    monkeypatch.setattr(loader_module, "REST_WAIT", rest_wait)
    model = CustomerTableModel(demo_book)
    model.set_background(True)
    return model


def test_a_long_answer_shows_its_first_rows_and_full_count_then_fills_in(  # type: ignore[no-untyped-def]
        qtbot, demo_book: Book, monkeypatch) -> None:
    model = _two_step_model(demo_book, monkeypatch)
    every = demo_book.reader.customer_ids(CustomerQuery(search="a"))
    resets: list[int] = []
    model.rows_reset.connect(resets.append)
    with qtbot.waitSignal(model.rows_reset, timeout=10_000):
        model.set_search("a")
    # The first step: the right length and first rows; the others are not known yet.
    assert not model.loading and not model.complete
    assert model.rowCount() == len(every) > 20
    assert [model.customer_id(r) for r in range(20)] == every[:20]
    assert model.data(model.index(0, COL_NAME)) == demo_book.reader.customer_rows(every[:1])[0].name
    assert model.data(model.index(25, COL_NAME)) is None and not model.has_id(25)
    changed: list[int] = []
    model.dataChanged.connect(lambda top, bottom, roles: changed.append(top.row()))
    with qtbot.waitSignal(model.completed, timeout=10_000):
        model.read_rest()
    # The second step fills the rows in place: no reset, the same count, every id.
    assert resets == [len(every)] and model.complete
    assert [model.customer_id(r) for r in range(model.rowCount())] == every
    assert changed == [20]  # row 25 was asked for while unknown: repainted
    assert model.data(model.index(25, COL_NAME)) == demo_book.reader.customer_rows(
            [every[25]])[0].name
    model.close()


def test_the_rest_follows_without_being_asked(  # type: ignore[no-untyped-def]
        qtbot, demo_book: Book, monkeypatch) -> None:
    model = _two_step_model(demo_book, monkeypatch, rest_wait=0.05)
    with qtbot.waitSignal(model.completed, timeout=10_000):
        model.set_search("a")
    assert model.rowCount() == len(demo_book.reader.customer_ids(CustomerQuery(search="a")))
    model.close()


def test_pinyin_initials_narrow_a_background_search(  # type: ignore[no-untyped-def]
        qtbot, demo_book: Book, monkeypatch) -> None:
    model = _two_step_model(demo_book, monkeypatch, rest_wait=0.05)
    target = next(r for r in demo_book.reader.list_customers(limit=300).rows
                  if any("\u4e00" <= ch <= "\u9fff" for ch in r.name))
    initials = "".join(s[0] for s in pinyin_syllables(target.name) if s[:1].isalnum())[:4]
    for count in range(1, len(initials) + 1):  # typed one letter at a time
        model.set_search(initials[:count])
    qtbot.waitUntil(lambda: not model.loading and model.complete, timeout=10_000)
    ids = [model.customer_id(r) for r in range(model.rowCount())]
    assert target.id in ids
    assert ids == demo_book.reader.customer_ids(CustomerQuery(search=initials)) and len(ids) < 300
    model.close()


def test_stale_answers_never_replace_newer_rows(  # type: ignore[no-untyped-def]
        qtbot, demo_book: Book, monkeypatch) -> None:
    model = _two_step_model(demo_book, monkeypatch, rest_wait=0.05)
    shown: list[tuple[str, int]] = []
    model.rows_reset.connect(lambda count: shown.append((model.query.search, count)))
    for text in ("a", "ap", "zzzz-no-such-customer", "a"):
        model.set_search(text)
    qtbot.waitUntil(lambda: not model.loading and model.complete, timeout=10_000)
    qtbot.wait(100)  # anything still on its way for the older requests
    every = demo_book.reader.customer_ids(CustomerQuery(search="a"))
    assert shown == [("a", len(every))]
    assert [model.customer_id(r) for r in range(model.rowCount())] == every
    # A late answer to an older request changes nothing, even for the same search.
    model._on_loaded(1, CustomerQuery(search="a"), ["x"], 1)
    model._on_loaded(1, CustomerQuery(search="a"), ["x", "y"], 1_000)
    model._on_loaded(3, CustomerQuery(search="zzzz-no-such-customer"), [], 0)
    assert shown == [("a", len(every))] and model.rowCount() == len(every)
    model.close()


def test_enter_on_a_row_not_yet_known_opens_it_when_it_is(  # type: ignore[no-untyped-def]
        qtbot, demo_book: Book, settings, monkeypatch) -> None:
    import ui.gui.models.book_query as loader_module
    import ui.gui.models.customer_table_model as model_module
    from ui.gui.views.customer_view import CustomerBookView

    monkeypatch.setattr(model_module, "HEAD_ROWS", 20)
    monkeypatch.setattr(loader_module, "REST_WAIT", 30.0)
    view = CustomerBookView(demo_book, settings)  # never shown: no paint asks for the rest
    qtbot.addWidget(view)
    view.model.set_background(True)
    opened: list[str] = []
    view.customer_activated.connect(opened.append)
    with qtbot.waitSignal(view.model.rows_reset, timeout=10_000):
        view.search("a")
    assert not view.model.complete
    view._activate(250)
    assert opened == []
    with qtbot.waitSignal(view.model.completed, timeout=10_000):
        view.model.read_rest()
    assert opened == [demo_book.reader.customer_ids(CustomerQuery(search="a"))[250]]
    view.model.close()


def test_status_counts_the_whole_answer_at_once(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch) -> None:
    import ui.gui.models.customer_table_model as model_module

    monkeypatch.setattr(model_module, "HEAD_ROWS", 20)
    model = window.customers.model
    model.set_background(True)
    window.search_box.setText("a")
    window.customers.apply_search()  # what the zero-delay search timer does next
    assert model.loading
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    expected = len(window.book.reader.customer_ids(CustomerQuery(search="a")))
    assert model.rowCount() == expected
    assert window.count_label.text() == f"Customers: {expected} of 300"
    qtbot.waitUntil(lambda: model.complete, timeout=10_000)  # the paint asked for the rest
    assert window.count_label.text() == f"Customers: {expected} of 300"
    assert [model.customer_id(r) for r in range(model.rowCount())] == \
        window.book.reader.customer_ids(CustomerQuery(search="a"))
