"""Column titles are whole (issue 14, point 8): in the default 1280 x 800 window, in English
(the longer titles), the customer list's and the Plans view's titles fit their columns, and
sorting on a column gives its arrow room instead of cutting its title."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from storage.book import Book
from tests.ui.conftest import wait_idle
from ui.gui.settings import Settings
from ui.gui.style.table_style import clipped_titles
from ui.gui.window.main_window import MainWindow


def _window(qtbot, path: Path, settings: Settings, view: str) -> MainWindow:  # type: ignore[no-untyped-def]
    settings.set_last_view(view)
    window = MainWindow(Book(path), settings, score_unscored=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)  # the size a first start opens at on a laptop or larger
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot, window)
    return window


def test_the_customer_lists_titles_fit(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                       settings: Settings) -> None:
    window = _window(qtbot, scored_path, settings, "customers")
    header = window.customers.table.horizontalHeader()
    assert header.count() == 10 and clipped_titles(header) == []
    # Sorted on revenue (a click on its title): the arrow joins the title, still whole.
    revenue = next(c for c in range(header.count())
                   if header.model().headerData(c, Qt.Orientation.Horizontal).startswith(
                       "Revenue"))
    x = header.sectionViewportPosition(revenue) + header.sectionSize(revenue) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == revenue
    assert clipped_titles(header) == []
    window.close()


def test_the_plans_titles_fit(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                              settings: Settings) -> None:
    with Book(scored_path) as book:
        customer_id = book.customers.ids()[0]
        book.plans.create(customer_id, "2026-H2", carry_over=False)
    window = _window(qtbot, scored_path, settings, "plans")
    qtbot.waitUntil(lambda: window.plans.is_loaded, timeout=10_000)
    header = window.plans.table.horizontalHeader()
    assert window.plans.model.rowCount() == 1 and clipped_titles(header) == []
    # Each title keeps a gap from the next: sized to contents, they touched.
    fonts = header.fontMetrics()
    for column in range(1, header.count()):
        title = header.model().headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= fonts.horizontalAdvance(title) + 16, title
    window.close()
