"""The Today view on the demo book: it lists overdue follow-ups, opens them, ticks them off;
the worklist is shown first and the customers due a look fill their sections after it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from models.entities import Interaction
from storage.book import Book
from tests.ui.conftest import open_window
from ui.gui.models.today_model import (
    COL_CUSTOMER,
    COL_WHEN,
    COL_WHY,
    CUSTOMER_SECTIONS,
    ITEM_ROLE,
    OVERDUE,
    REVIEWS,
    SECTIONS,
    SILENT,
    TodayData,
    TodayItem,
    TodayModel,
    load_customers_due,
    load_today,
    load_worklist,
    section_title,
)
from ui.gui.settings import Settings
from ui.gui.window.main_window import VIEW_CUSTOMER, VIEW_TODAY, MainWindow


def _data(model: TodayModel) -> TodayData:
    """What the model shows, once loaded."""
    assert model.data_ is not None
    return model.data_


def _today_window(qtbot, path: Path, settings: Settings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, path, settings, view=VIEW_TODAY)
    qtbot.waitUntil(lambda: window.today.is_loaded, timeout=10_000)
    return window


def _first(model: TodayModel, section: str, table: str = "interactions") -> QModelIndex:
    """The section's first row of ``table`` (a follow-up, by default)."""
    parent = model.section_index(section)
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if model.data(index, ITEM_ROLE).table == table:
            return index
    raise AssertionError(f"no {table} row in {section}")


def test_today_lists_overdue_follow_ups_first(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                              settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    model = window.today.model
    assert window.current_view_name() == VIEW_TODAY
    assert model.sections()[0] == OVERDUE
    assert model.sections() == [s for s in SECTIONS if s in model.sections()]
    today = date.today().isoformat()
    scalar = window.book.reader.scalar
    follow_ups = scalar(
        "SELECT count(*) FROM interactions i JOIN customers c ON c.id = i.customer_id "
        "WHERE i.next_step_due < ? AND i.next_step_done = 0 AND i.deleted_at IS NULL "
        "AND c.deleted_at IS NULL", [today])
    actions = scalar(
        "SELECT count(*) FROM plan_actions a JOIN plans p ON p.id = a.plan_id "
        "AND p.deleted_at IS NULL AND p.status <> 'closed' JOIN customers c "
        "ON c.id = p.customer_id AND c.deleted_at IS NULL WHERE a.due_date < ? "
        "AND a.status IN ('open', 'in_progress') AND a.deleted_at IS NULL", [today])
    needs = scalar(
        "SELECT count(*) FROM needs n JOIN customers c ON c.id = n.customer_id "
        "AND c.deleted_at IS NULL WHERE n.due_on < ? AND n.status IN ('open', 'in_progress') "
        "AND n.deleted_at IS NULL", [today])
    expected = follow_ups + actions + needs
    assert follow_ups > 0
    header = model.data(model.section_index(OVERDUE))
    assert header == f"Overdue ({expected})"
    rows = [model.data(model.index(r, 0, model.section_index(OVERDUE)), ITEM_ROLE)
            for r in range(model.rowCount(model.section_index(OVERDUE)))]
    ranks = [i.tier.rank if i.tier else 9 for i in rows]
    assert ranks == sorted(ranks)  # strategic and key customers' items first
    row = next(r for r, i in enumerate(rows) if i.table == "interactions")
    item = rows[row]
    assert isinstance(item, TodayItem) and item.when is not None
    assert item.overdue and item.when < date.today()
    stored = window.book.reader.get(Interaction, item.record_id)
    assert item.what == stored.next_step and not stored.next_step_done
    index = model.index(row, 0, model.section_index(OVERDUE))
    assert model.data(index.siblingAtColumn(COL_CUSTOMER)) == item.customer_name
    assert model.data(index.siblingAtColumn(COL_WHEN)) == item.when.isoformat()
    days = (date.today() - item.when).days
    assert model.data(index.siblingAtColumn(COL_WHY)) == f"Follow-up, {days} days late"
    assert window.navigation.item(0).text() == f"Today ({expected})"
    window.close()


def test_double_click_opens_the_customer(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                         settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    tree = window.today.tree
    index = _first(window.today.model, OVERDUE)
    item = window.today.model.data(index, ITEM_ROLE)
    opened: list[tuple[str, str]] = []
    window.today.customer_activated.connect(lambda cid, tab: opened.append((cid, tab)))
    tree.scrollTo(index.siblingAtColumn(COL_WHEN))  # on a narrow window, as a user scrolls
    rect = tree.visualRect(index.siblingAtColumn(COL_WHEN))
    assert tree.viewport().rect().contains(rect.center())
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [(item.customer_id, "interactions")]
    assert window.current_view_name() == VIEW_CUSTOMER
    workspace = window.workspace
    assert workspace is not None and workspace.customer_id == item.customer_id
    assert workspace.current_tab_name() == "interactions"
    assert window.navigation.currentItem().text() in item.customer_name or \
        window.navigation.currentItem().text().endswith("…")
    window.close()


def test_enter_opens_and_the_open_button_too(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                             settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    today = window.today
    opened: list[str] = []
    today.customer_activated.connect(lambda cid, _tab: opened.append(cid))
    today.tree.setFocus()
    qtbot.keyClick(today.tree, Qt.Key.Key_Down)
    item = today.model.data(today.tree.currentIndex(), ITEM_ROLE)
    qtbot.keyClick(today.tree, Qt.Key.Key_Return)
    assert opened == [item.customer_id]
    window.show_view(VIEW_TODAY)
    qtbot.mouseClick(today.open_button, Qt.MouseButton.LeftButton)
    assert opened == [item.customer_id, item.customer_id]
    window.close()


def test_ticking_a_follow_up_marks_it_done(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                           settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    today = window.today
    index = _first(today.model, OVERDUE)
    item = today.model.data(index, ITEM_ROLE)
    before = _data(today.model).totals[OVERDUE]
    today.tree.setCurrentIndex(index)
    today.tree.setFocus()
    with qtbot.waitSignal(today.loaded, timeout=10_000):
        qtbot.keyClick(today.tree, Qt.Key.Key_Space)  # the check box of the current row
        assert today.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert window.book.reader.get(Interaction, item.record_id).next_step_done
    assert _data(today.model).totals[OVERDUE] == before - 1
    remaining = [today.model.data(today.model.index(r, 0, today.model.section_index(OVERDUE)),
                                  ITEM_ROLE).record_id
                 for r in range(today.model.rowCount(today.model.section_index(OVERDUE)))]
    assert item.record_id not in remaining
    window.close()


def test_the_done_button_ticks_the_current_row(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                               settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    today = window.today
    index = _first(today.model, OVERDUE)
    item = today.model.data(index, ITEM_ROLE)
    today.tree.setCurrentIndex(index)
    assert today.done_button.isEnabled()
    with qtbot.waitSignal(today.loaded, timeout=10_000):
        qtbot.mouseClick(today.done_button, Qt.MouseButton.LeftButton)
    assert window.book.reader.get(Interaction, item.record_id).next_step_done
    window.close()


def test_sections_cover_complaints_silences_and_reviews(scored_path: Path) -> None:
    with Book(scored_path) as book:
        data = load_today(book, _NoProgress())  # type: ignore[arg-type]
    assert data.totals["reviews"] > 0
    assert all(i.tab == "assessment" for i in data.items["reviews"])
    assert all(i.tier is not None and i.tier.value in ("strategic", "key")
               for i in data.items["silent"] + data.items["complaints"])
    assert all(i.tab == "needs" for i in data.items["complaints"])


def test_chinese_today_has_no_english(qtbot, chinese: None, book_path: Path,  # type: ignore[no-untyped-def]
                                      settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    model = window.today.model
    header = model.data(model.section_index(OVERDUE))
    assert header.startswith("已逾期")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "客户"
    assert window.today.done_button.text() == "标记完成"
    QApplication.processEvents()
    window.close()


class _NoProgress:
    cancelled = False

    def report(self, done: int, total: int) -> bool:
        return True

    def check(self) -> None:
        return None



def test_my_work_first_then_a_colleagues_or_everyones(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                                      settings: Settings) -> None:
    with Book(book_path) as book:
        owner = book.customers.owners()[0]
    settings.set_me(book_path, owner)
    window = _today_window(qtbot, book_path, settings)
    today = window.today
    assert today.owner() == owner and today.owner_combo.currentText() == f"Me ({owner})"
    items = [i for s in today.model.sections() for i in _data(today.model).items[s]]
    assert items and all(i.owner == owner for i in items)
    everyone = today.owner_combo.findText("Everyone")
    today.owner_combo.setCurrentIndex(everyone)
    with qtbot.waitSignal(today.loaded, timeout=10_000):
        today.owner_combo.activated.emit(everyone)
    assert today.owner() is None
    owners = {i.owner for s in today.model.sections() for i in _data(today.model).items[s]}
    assert len(owners) > 1
    window.close()


def test_snoozing_a_follow_up_moves_it_to_tomorrow(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                                   settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    today = window.today
    first = _first(today.model, OVERDUE)
    today.tree.setCurrentIndex(first)
    item = today.model.data(first, ITEM_ROLE)
    assert today.snooze_button.isEnabled()
    with qtbot.waitSignal(today.loaded, timeout=10_000):
        today.tomorrow_action.trigger()
    tomorrow = date.today() + timedelta(days=1)
    table = {"interactions": Interaction}.get(item.table)
    if table is not None:
        assert window.book.reader.get(Interaction, item.record_id).next_step_due == tomorrow
    moved = [i for s in today.model.sections() for i in _data(today.model).items[s]
             if i.record_id == item.record_id]
    assert (moved and moved[0].section == "week") or tomorrow.weekday() == 0
    window.close()


def test_a_backlog_of_thousands_is_a_count_not_a_list(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                                      settings: Settings) -> None:
    from ui.gui.models.today_model import COLLAPSE_AT

    with Book(book_path) as book, book.reader.atomic():
        book.reader.conn.execute(
            "UPDATE interactions SET next_step = 'Call back', next_step_done = 0, "
            "next_step_due = '2026-01-05' WHERE deleted_at IS NULL")
    window = _today_window(qtbot, book_path, settings)
    today = window.today
    overdue = today.model.section_index(OVERDUE)
    total = _data(today.model).totals[OVERDUE]
    assert total > COLLAPSE_AT and not today.tree.isExpanded(overdue)
    assert f"({total}" in today.model.data(overdue) or f"({total:,}" in today.model.data(overdue)
    window.close()


def test_a_customer_whose_score_fell_is_listed_with_why(scored_path: Path) -> None:
    from ui.gui.models.today_model import SLIPPING, why

    with Book(scored_path) as book:
        db = book.reader
        before = db.scalar("SELECT max(period) FROM score_snapshots WHERE period < ?",
                           [f"{date.today():%Y-%m}"])
        assert before is not None
        customer_id, score, tier = db.conn.execute(
            "SELECT s.customer_id, s.score, s.tier FROM score_snapshots s JOIN customer_metrics "
            "m ON m.customer_id = s.customer_id WHERE s.period = ? AND s.tier = 'key' "
            "AND m.tier = 'key' LIMIT 1", [before]).fetchone()
        with db.atomic():
            db.conn.execute("UPDATE customer_metrics SET score = ?, tier = 'standard', "
                            "tier_rank = 2 WHERE customer_id = ?", [score - 9, customer_id])
        data = load_today(book, _NoProgress())  # type: ignore[arg-type]
    slipping = {i.customer_id: i for i in data.items[SLIPPING]}
    assert customer_id in slipping and tier == "key"
    item = slipping[customer_id]
    assert item.tab == "score"
    assert why(item, date.today()) == f"Fell from Key since {before}"


def _sections_now(model: TodayModel) -> dict[str, tuple[str, int]]:
    return {s: (model.data(model.section_index(s)), model.rowCount(model.section_index(s)))
            for s in model.sections()}


def test_the_worklist_comes_first_then_the_customer_sections_fill_in_place(  # type: ignore[no-untyped-def]
        qtbot, scored_path: Path, settings: Settings) -> None:
    window = _today_window(qtbot, scored_path, settings)
    today, model = window.today, window.today.model
    owner = window.book.customers.owners()[1]
    seen: dict[str, object] = {}

    def at_worklist() -> None:
        seen["sections"] = _sections_now(model)
        assert not today.is_loaded
        # The user moves on in the worklist while the rest is read.
        overdue = model.section_index(OVERDUE)
        today.tree.setExpanded(overdue, True)
        today.tree.setCurrentIndex(model.index(1, 0, overdue))
        seen["current"] = model.data(today.tree.currentIndex(), ITEM_ROLE)

    today.worklist_shown.connect(at_worklist)
    choice = today.owner_combo.findData(owner)
    today.owner_combo.setCurrentIndex(choice)
    with qtbot.waitSignal(today.loaded, timeout=10_000):
        today.owner_combo.activated.emit(choice)  # another owner: nothing shown is theirs
    first = seen["sections"]
    assert isinstance(first, dict) and first[OVERDUE][1] > 0
    for section in CUSTOMER_SECTIONS:  # each says it is loading, with no rows yet
        assert first[section] == (f"{section_title(section)} (loading…)", 0)
    assert model.data_ is not None and not model.data_.pending
    after = _sections_now(model)
    assert after[OVERDUE] == first[OVERDUE]
    filled = [s for s in CUSTOMER_SECTIONS if s in after]
    assert SILENT in filled and REVIEWS in filled
    for section in filled:
        title, rows = after[section]
        assert "loading" not in title and rows == len(model.data_.items[section]) > 0
        assert all(i.owner == owner for i in model.data_.items[section])
    assert model.data(today.tree.currentIndex(), ITEM_ROLE) == seen["current"]
    assert today.tree.isExpanded(model.section_index(OVERDUE))
    window.close()


def test_lists_read_again_keep_their_customer_sections_until_the_new_come(  # type: ignore[no-untyped-def]
        qtbot, scored_path: Path, settings: Settings) -> None:
    window = _today_window(qtbot, scored_path, settings)
    today, model = window.today, window.today.model
    before = _sections_now(model)
    assert REVIEWS in before
    seen: list[dict[str, tuple[str, int]]] = []
    today.worklist_shown.connect(lambda: seen.append(_sections_now(model)))
    with qtbot.waitSignal(today.loaded, timeout=10_000):
        today.reload()  # as after an edit: the same day's lists, for the same owner
    assert seen == [before] and _sections_now(model) == before
    window.close()


def test_customer_sections_that_cannot_be_read_stop_saying_loading(  # type: ignore[no-untyped-def]
        qtbot, scored_path: Path, settings: Settings, monkeypatch) -> None:
    from storage.errors import DiskIOError
    from ui.gui.views import today_view

    window = _today_window(qtbot, scored_path, settings)
    today, model = window.today, window.today.model

    def broken(*_args: object) -> None:
        raise DiskIOError(str(scored_path))

    monkeypatch.setattr(today_view, "load_customers_due", broken)
    everyone = today.owner_combo.findData(today_view.EVERYONE)
    other = 1 if everyone != 1 else 2
    today.owner_combo.setCurrentIndex(other)
    with qtbot.waitSignal(today.worklist_shown, timeout=10_000):
        today.owner_combo.activated.emit(other)
    qtbot.waitUntil(lambda: today.is_loaded, timeout=10_000)
    assert OVERDUE in model.sections()
    assert not set(CUSTOMER_SECTIONS) & set(model.sections())
    assert today.status.isVisible() and today.status.text()
    window.close()


def test_the_model_stays_consistent_while_sections_fill(qtbot, qtmodeltester,  # type: ignore[no-untyped-def]
                                                        scored_path: Path) -> None:
    with Book(scored_path) as book:
        worklist = load_worklist(book, _NoProgress())  # type: ignore[arg-type]
        full = load_customers_due(book, _NoProgress(), worklist)  # type: ignore[arg-type]
        owner = book.customers.owners()[0]
        mine = load_today(book, _NoProgress(), owner=owner)  # type: ignore[arg-type]
    model = TodayModel()
    model.set_data(worklist.copy())
    qtmodeltester.check(model, force_py=True)
    assert [model.is_pending(s) for s in CUSTOMER_SECTIONS] == [True] * 3
    shown = model.update_sections(full, CUSTOMER_SECTIONS)
    assert shown == [s for s in CUSTOMER_SECTIONS if full.items[s]]
    assert model.rowCount(model.section_index(REVIEWS)) == len(full.items[REVIEWS])
    # Sections going and coming, rows replaced: Qt's checks run on every change.
    empty = TodayData(full.as_of)
    model.update_sections(empty, CUSTOMER_SECTIONS)
    assert not set(CUSTOMER_SECTIONS) & set(model.sections())
    model.update_sections(mine, CUSTOMER_SECTIONS)
    model.update_sections(full, CUSTOMER_SECTIONS)
    index = model.index(0, 0, model.section_index(REVIEWS))
    assert model.parent(index) == model.section_index(REVIEWS)
    assert model.data(index, ITEM_ROLE) == full.items[REVIEWS][0]


def test_a_loading_section_says_so_in_chinese(chinese: None, scored_path: Path) -> None:
    with Book(scored_path) as book:
        worklist = load_worklist(book, _NoProgress())  # type: ignore[arg-type]
    model = TodayModel()
    model.set_data(worklist)
    title = model.data(model.section_index(REVIEWS))
    assert title.startswith(section_title(REVIEWS)) and "loading" not in title
    assert title != section_title(REVIEWS) and "…" in title


def test_another_book_shows_none_of_the_old_books_lists_meanwhile(  # type: ignore[no-untyped-def]
        qtbot, book_path: Path, scored_path: Path, settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    today = window.today
    assert today.model.sections()
    with Book(scored_path) as other:
        today.set_book(other)
        assert today.model.sections() == [] and today.model.data_ is None
        assert today.status.text() == "Loading…" and not today.tree.isVisible()
        qtbot.waitUntil(lambda: today.is_loaded, timeout=10_000)
        assert REVIEWS in today.model.sections()  # the scored book's: its customers have tiers
        today.set_book(window.book)
        qtbot.waitUntil(lambda: today.is_loaded, timeout=10_000)
    window.close()


def test_a_customer_whose_revenue_fell_says_by_how_much(qapp: QApplication) -> None:
    from models.enums import Tier
    from ui.gui.models.today_model import SLIPPING, why

    item = TodayItem(SLIPPING, "c1", "c1", "Acme", Tier.KEY, "", None, None,
                     table="slipping", before=(Tier.KEY, 70.0, "2026-11", 69.0),
                     revenue_change=(1_000_000.0, 700_000.0))
    assert why(item, date(2026, 12, 7)) == "12-month revenue down 30 % since 2026-11"
    fell = TodayItem(SLIPPING, "c2", "c2", "Beta", Tier.STANDARD, "", None, None,
                     table="slipping", before=(Tier.KEY, 70.0, "2026-11", 60.0))
    assert why(fell, date(2026, 12, 7)) == "Fell from Key since 2026-11"
