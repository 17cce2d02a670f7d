"""The customer book's filter bar, driven as a user: menus narrow the list, chips show and
clear the filters, and filters combine with the search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from models.enums import LifecycleStage, Tier
from ui.gui.models.customer_table_model import RECORD_ROLE
from ui.gui.views.filter_bar import BookFilters, Chip
from ui.gui.window.main_window import MainWindow


def _rows(window: MainWindow) -> list:
    model = window.customers.model
    return [model.data(model.index(r, 0), RECORD_ROLE) for r in range(model.rowCount())]


def _tick(window: MainWindow, field: str, text: str) -> None:
    """Open the filter's menu and tick the entry called ``text``, as a click would."""
    bar = window.customers.filter_bar
    action = next(a for a, _v in bar.choices[field] if a.text() == text)
    action.trigger()


def _chips(window: MainWindow) -> list[Chip]:
    return [c for c in window.customers.filter_bar.chips if not c.isHidden()]


def test_tier_menu_narrows_the_list_and_shows_a_chip(qtbot, scored_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    db = scored_window.book.reader
    expected = db.scalar("SELECT count(*) FROM customer_metrics WHERE tier = 'key' "
                         "AND deleted = 0")
    assert 0 < expected < 300
    _tick(scored_window, "tiers", "Key")
    rows = _rows(scored_window)
    assert len(rows) == expected
    assert {r.tier for r in rows} == {Tier.KEY}
    assert [c.text() for c in _chips(scored_window)] == ["Tier: Key  ✕"]
    assert scored_window.customers.filter_bar.buttons["tiers"].text() == "Tier (1)"
    assert scored_window.count_label.text() == f"Customers: {expected} of 300"

    _tick(scored_window, "tiers", "Strategic")  # a second tier widens within the dimension
    both = _rows(scored_window)
    assert {r.tier for r in both} == {Tier.KEY, Tier.STRATEGIC}
    assert len(both) > expected


def test_filters_combine_across_dimensions_and_with_the_search(  # type: ignore[no-untyped-def]
        qtbot, scored_window: MainWindow) -> None:
    _tick(scored_window, "tiers", "Standard")
    _tick(scored_window, "lifecycles", "Active")
    rows = _rows(scored_window)
    assert rows and all(r.tier is Tier.STANDARD and r.lifecycle is LifecycleStage.ACTIVE
                        for r in rows)
    word = next(r.name for r in rows if r.name.isascii()).split()[0]
    qtbot.keyClicks(scored_window.search_box, word)
    qtbot.waitUntil(lambda: scored_window.customers.model.query.search == word, timeout=3_000)
    searched = _rows(scored_window)
    assert searched and len(searched) <= len(rows)
    assert {r.id for r in searched} <= {r.id for r in rows}
    assert any(word in r.name for r in searched)
    without_filters = scored_window.book.reader.customer_ids(
        scored_window.customers.model.query.__class__(search=word))
    assert len(without_filters) >= len(searched)


def test_chips_remove_one_filter_and_clear_removes_all(qtbot, scored_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    owner = scored_window.book.reader.owners()[0]
    _tick(scored_window, "owners", owner)
    _tick(scored_window, "abc_classes", "A")
    assert {r.owner for r in _rows(scored_window)} == {owner}
    chips = _chips(scored_window)
    assert len(chips) == 2
    owner_chip = next(c for c in chips if owner in c.text())
    qtbot.mouseClick(owner_chip, Qt.MouseButton.LeftButton)
    assert scored_window.customers.filters == BookFilters(
        abc_classes=scored_window.customers.filters.abc_classes)
    assert len({r.owner for r in _rows(scored_window)}) > 1

    clear = scored_window.customers.filter_bar.clear_button
    assert clear.isVisible()
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert scored_window.customers.model.rowCount() == 300
    assert not _chips(scored_window)
    assert not clear.isVisible()
    assert scored_window.count_label.text() == "Customers: 300"


def test_nothing_matches_shows_a_hint(qtbot, scored_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(scored_window.search_box, "zzzqqqxxx")
    qtbot.waitUntil(lambda: scored_window.customers.model.rowCount() == 0, timeout=3_000)
    assert scored_window.customers.empty_label.isVisible()
    scored_window.clear_filters_action.trigger()
    assert scored_window.customers.model.rowCount() == 300
    assert not scored_window.customers.empty_label.isVisible()


def test_enter_and_double_click_emit_the_customer(qtbot, scored_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = scored_window.customers
    table = view.table
    table.setFocus()
    table.selectRow(3)
    expected = view.model.customer_id(3)
    with qtbot.waitSignal(view.customer_activated, timeout=2_000) as signal:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert signal.args == [expected]
    qtbot.keyClick(table, Qt.Key.Key_Down)
    below = view.model.customer_id(4)
    rect = table.visualRect(view.model.index(4, 0))
    with qtbot.waitSignal(view.customer_activated, timeout=2_000) as signal:
        # A real double-click starts with a press; the view only accepts one on the
        # row it was pressed on.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [below]


def test_filter_buttons_open_their_menus(scored_window: MainWindow) -> None:
    for name, button in scored_window.customers.filter_bar.buttons.items():
        assert isinstance(button, QToolButton)
        assert button.menu() is scored_window.customers.filter_bar.menus[name]
        assert button.isEnabled()
