"""The dashboard's tables fit the window (reviewed at 1280 x 800 in both languages): 'By
salesperson' shows all its columns with no horizontal scroll bar, titles wrapped onto two
lines only as far as that needs and none cut; in a narrower window a scroll bar, with room
under the rows for it so that the total row stays whole; 'Tiers by segment' keeps no room for
a scroll bar it does not show."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import open_window
from ui.gui.settings import Settings
from ui.gui.style.table_style import clipped_titles
from ui.gui.text import i18n
from ui.gui.views.dashboard_table import DashboardTable
from ui.gui.views.dashboard_view import DashboardView
from ui.gui.window.main_window import VIEW_DASHBOARD, MainWindow


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.install_language(request.param)
    yield request.param
    i18n.install_language(i18n.ENGLISH)


def _dashboard(qtbot, path: Path, settings: Settings,  # type: ignore[no-untyped-def]
               width: int) -> tuple[MainWindow, DashboardView]:
    window = open_window(qtbot, path, settings)
    window.resize(width, 800)
    qtbot.wait(10)
    window.show_view(VIEW_DASHBOARD)
    dashboard = window.dashboard
    assert isinstance(dashboard, DashboardView)
    qtbot.waitUntil(lambda: dashboard.is_loaded, timeout=30_000)
    qtbot.wait(10)
    return window, dashboard


def _rows_height(table: DashboardTable) -> int:
    return sum(table.rowHeight(r) for r in range(table.model().rowCount()))


def _wrapped(table: DashboardTable) -> list[str]:
    header = table.wrapping
    return [header.title(c) for c in range(header.count()) if "\n" in header.shown_title(c)]


def test_by_salesperson_fits_1280_by_800(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                         settings: Settings, language: str) -> None:
    window, dashboard = _dashboard(qtbot, scored_path, settings, 1280)
    table = dashboard.rollup_section.table
    header = table.horizontalHeader()
    assert dashboard.rollup_section.isVisible()
    # Every column in view, the last one's right edge inside the table: no scroll bar.
    assert not table.scrolls and not table.horizontalScrollBar().isVisible()
    assert header.length() <= table.viewport().width()
    assert table.width() <= dashboard.rollup_section.width()
    assert clipped_titles(header) == []
    # Every row whole, the total last, and no room kept for a scroll bar.
    assert table.height() == (header.height() + _rows_height(table)
                              + 2 * table.frameWidth())
    # Sorted by a column, its arrow takes room: still no scroll bar, no title cut.
    column = dashboard.rollup_section.model.column_of("revenue")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(
        header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
        header.height() // 2))
    assert header.sortIndicatorSection() == column
    assert not table.scrolls and clipped_titles(header) == []
    window.close()


def test_english_titles_wrap_only_as_far_as_needed(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                                   settings: Settings) -> None:
    window, dashboard = _dashboard(qtbot, scored_path, settings, 1280)
    table = dashboard.rollup_section.table
    wrapped = _wrapped(table)
    # On one line the eighteen columns were 1,615 pixels wide against 1,097 of room: some
    # titles of several words take two lines, the one-word ones never do.
    assert 0 < len(wrapped) < table.horizontalHeader().count() // 2
    assert all(" " in title for title in wrapped)
    assert "Salesperson" not in wrapped and "Customers" not in wrapped
    # Switched to Chinese, the titles are Chinese and wrap (or not) as Chinese.
    window.set_language(i18n.CHINESE)
    qtbot.wait(10)
    header = table.wrapping
    assert header.shown_title(0).replace("\n", "") == "销售人员"
    assert not table.scrolls and clipped_titles(header) == []
    window.set_language(i18n.ENGLISH)
    qtbot.wait(10)
    assert _wrapped(table) == wrapped
    # With the room of a wide screen, every title is on one line.
    window.resize(1900, 800)
    qtbot.waitUntil(lambda: not _wrapped(table), timeout=5_000)
    assert table.horizontalHeader().height() < 2 * table.fontMetrics().height()
    window.close()


def test_a_narrow_window_scrolls_the_columns(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                             settings: Settings, language: str) -> None:
    window, dashboard = _dashboard(qtbot, scored_path, settings, 800)
    table = dashboard.rollup_section.table
    header = table.horizontalHeader()
    assert table.scrolls and header.length() > table.viewport().width()
    assert clipped_titles(header) == []
    # Room for the bar under the rows: the total row is whole above it.
    bar = table.horizontalScrollBar().sizeHint().height()
    assert table.height() == (header.height() + _rows_height(table) + bar
                              + 2 * table.frameWidth())
    assert table.viewport().height() >= _rows_height(table)
    # Scrolled to the end, the last column shows whole.
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= table.viewport().width()
    window.close()


def test_tiers_by_segment_keeps_no_room_for_a_scroll_bar(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                                         settings: Settings,
                                                         language: str) -> None:
    window, dashboard = _dashboard(qtbot, scored_path, settings, 1280)
    section = dashboard.segment_section
    qtbot.waitUntil(lambda: section.task is None and section.breakdown is not None,
                    timeout=30_000)
    table = section.table
    assert not table.scrolls and clipped_titles(table.horizontalHeader()) == []
    assert table.height() == (table.horizontalHeader().height() + _rows_height(table)
                              + 2 * table.frameWidth())
    window.close()
