"""The segment filters (issue 19, point 6), driven as a user: the Segment button's submenus
narrow the customer list to a kind, price orientation, loyalty segment or channel, combine
with each other, the other filters and the search, and show as chips."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.enums import Tier
from ui.gui.models.customer_table_model import RECORD_ROLE
from ui.gui.views.filter_bar import SEGMENT_FIELDS, BookFilters, Chip
from ui.gui.window.main_window import MainWindow


def _ids(window: MainWindow) -> set[str]:
    model = window.customers.model
    return {model.data(model.index(r, 0), RECORD_ROLE).id for r in range(model.rowCount())}


def _tick(window: MainWindow, field: str, text: str) -> None:
    """Open the Segment button's submenu of ``field`` and tick ``text``, as a click would."""
    bar = window.customers.filter_bar
    submenu = bar.menus[field]
    assert submenu.menuAction() in bar.menus["segments"].actions()
    action = next(a for a in submenu.actions() if a.text() == text)
    action.trigger()


def _chips(window: MainWindow) -> list[str]:
    return [c.text() for c in window.customers.filter_bar.chips if not c.isHidden()]


def _where(window: MainWindow, sql: str) -> set[str]:
    return {r[0] for r in window.book.reader.conn.execute(
        f"SELECT c.id FROM customers c JOIN customer_metrics m ON m.customer_id = c.id "
        f"WHERE c.deleted_at IS NULL AND {sql}")}


def test_segment_submenus_narrow_the_list(qtbot, scored_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = scored_window
    bar = window.customers.filter_bar
    assert [bar.menus[name].title() for name in SEGMENT_FIELDS] == [
        "Kind", "Price or value", "Loyalty", "Channel"]
    _tick(window, "channels", "Online")
    expected = _where(window, "c.channel = 'online'")
    assert 0 < len(expected) < 300
    assert _ids(window) == expected
    assert _chips(window) == ["Channel: Online  ✕"]
    assert bar.buttons["segments"].text() == "Segment (1)"
    assert bar.menus["channels"].title() == "Channel (1)"
    assert window.count_label.text() == f"Customers: {len(expected)} of 300"

    _tick(window, "channels", "Distributor")  # a second channel widens within the segment
    assert _ids(window) == _where(window, "c.channel IN ('online', 'distributor')")
    _tick(window, "loyalty_segments", "Swing")  # another segment narrows
    both = _where(window, "c.channel IN ('online', 'distributor') "
                          "AND c.loyalty_segment = 'swing'")
    assert both and _ids(window) == both
    assert bar.buttons["segments"].text() == "Segment (3)"


def test_segments_combine_with_tiers_the_search_and_the_chips(  # type: ignore[no-untyped-def]
        qtbot, scored_window: MainWindow) -> None:
    window = scored_window
    _tick(window, "kinds", "Organisation")
    _tick(window, "price_orientations", "Value-oriented")
    action = next(a for a, v in window.customers.filter_bar.choices["tiers"]
                  if v is Tier.STANDARD)
    action.trigger()
    rows = _where(window, "c.kind = 'organisation' AND c.price_orientation = 'value' "
                          "AND m.tier = 'standard'")
    assert rows and _ids(window) == rows
    model = window.customers.model
    name = model.data(model.index(0, 0), RECORD_ROLE).name
    word = name[:2]
    qtbot.keyClicks(window.search_box, word)
    qtbot.waitUntil(lambda: model.query.search == word, timeout=3_000)
    searched = _ids(window)
    matching = set(window.book.reader.customer_ids(type(model.query)(search=word)))
    assert searched and searched == rows & matching
    # A chip takes its value away; Clear filters takes them all (the search stays).
    chip = next(c for c in window.customers.filter_bar.chips
                if isinstance(c, Chip) and c.text().startswith("Price or value"))
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert window.customers.filters.price_orientations == frozenset()
    assert window.customers.filters.kinds and window.customers.filters.tiers
    qtbot.mouseClick(window.customers.filter_bar.clear_button, Qt.MouseButton.LeftButton)
    assert window.customers.filters == BookFilters()
    assert model.query.search == word
