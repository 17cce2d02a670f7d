"""The customer book's filter bar at 1280 x 800 (the look pass of issue 19, point 6): five
chips (two tiers and three segments) made the bar 1,618 pixels wide in English and 1,574 in
Chinese, and the window grew past the screen; now the menus, chips and Clear filters wrap
onto a second line. Each menu button's arrow sits beside its text, not over its last letter,
and a Chinese chip reads 分级：重点客户."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QToolButton

from models.enums import Channel, LoyaltySegment, PriceOrientation, Tier
from tests.ui.conftest import open_window
from ui.gui.settings import Settings
from ui.gui.style.menu_button import ARROW_ROOM, MenuButton
from ui.gui.text import i18n
from ui.gui.views.filter_bar import BookFilters

CHIPS = {i18n.ENGLISH: ["Tier: Strategic  ✕", "Tier: Key  ✕",
                        "Price or value: Value-oriented  ✕", "Loyalty: Loyal  ✕",
                        "Channel: Direct  ✕"],
         i18n.CHINESE: ["分级：战略客户  ✕", "分级：重点客户  ✕", "价格/价值导向：价值导向  ✕",
                        "忠诚度细分：忠诚客户  ✕", "渠道：直销  ✕"]}


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.install_language(request.param)
    yield request.param
    i18n.install_language(i18n.ENGLISH)


def test_five_filters_wrap_in_the_window(qtbot, language: str, scored_path: Path,  # type: ignore[no-untyped-def]
                                         settings: Settings) -> None:
    window = open_window(qtbot, scored_path, settings)
    try:
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.width() == 1280, timeout=5_000)
        bar = window.customers.filter_bar
        one_line = bar.height()
        bar.set_filters(BookFilters(
            tiers=frozenset({Tier.STRATEGIC, Tier.KEY}),
            price_orientations=frozenset({PriceOrientation.VALUE}),
            loyalty_segments=frozenset({LoyaltySegment.LOYAL}),
            channels=frozenset({Channel.DIRECT})))
        qtbot.waitUntil(lambda: bar.height() > one_line, timeout=5_000)
        assert [c.text() for c in bar.chips] == CHIPS[language]
        assert window.width() == 1280 and window.minimumSizeHint().width() <= 1280
        # Every chip and Clear filters whole inside the bar, on two lines.
        inside = bar.rect()
        for widget in [*bar.chips, bar.clear_button]:
            assert inside.contains(widget.geometry()), widget.text()
        assert len({c.geometry().center().y() for c in bar.chips}) == 2
        # Each button's text fits left of its arrow.
        for button in bar.buttons.values():
            text = QFontMetrics(button.font()).horizontalAdvance(button.text())
            assert text + ARROW_ROOM <= button.width(), button.text()
        bar.clear()
        qtbot.waitUntil(lambda: bar.height() == one_line, timeout=5_000)
    finally:
        window.close()


def test_every_menu_button_draws_its_arrow_beside_its_text(  # type: ignore[no-untyped-def]
        qtbot, scored_path: Path, settings: Settings) -> None:
    """The customer book's filters, Today's snooze and the dashboard's Export buttons."""
    window = open_window(qtbot, scored_path, settings)
    try:
        window.show_view("dashboard")
        qtbot.waitUntil(lambda: window.dashboard.is_loaded, timeout=30_000)
        window.show_view("today")
        popups = [b for b in window.findChildren(QToolButton) if b.menu() is not None
                  and not b.objectName().startswith("qt_")  # the menu bar's own
                  and b.popupMode() == QToolButton.ToolButtonPopupMode.InstantPopup]
        names = {b.objectName() for b in popups}
        assert {"filter_tiers", "filter_segments", "todaySnooze", "exportChart"} <= names
        assert [b.objectName() for b in popups if not isinstance(b, MenuButton)] == []
    finally:
        window.close()
