"""The Score tab's table fits the window (reviewed at 1280 x 800 in both languages): no
horizontal scroll bar, 'Points (0–100)' on two lines, the figures' columns as wide as their
figures and the Data column, the right one, the room left: 'missing: scored as 50' whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from tests.ui.conftest import open_window
from ui.gui.settings import Settings
from ui.gui.style.table_style import clipped_titles
from ui.gui.text import i18n
from ui.gui.workspace.score_tab import ScoreTab


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.install_language(request.param)
    yield request.param
    i18n.install_language(i18n.ENGLISH)


def test_the_score_table_fits_1280_by_800(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                          settings: Settings, language: str) -> None:
    window = open_window(qtbot, scored_path, settings)
    window.resize(1280, 800)
    customer_id = str(window.book.reader.scalar(
        "SELECT customer_id FROM customer_metrics ORDER BY score DESC LIMIT 1"))
    workspace = window.open_customer(customer_id, "score")
    assert workspace is not None
    tab = workspace.tab("score")
    assert isinstance(tab, ScoreTab)
    qtbot.waitUntil(lambda: workspace.is_loaded and tab.explanation is not None,
                    timeout=20_000)
    qtbot.wait(10)
    table = tab.panel.table
    header = table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    assert header.length() <= table.viewport().width()
    assert clipped_titles(header) == []
    # The longest text the Data column shows, whole with the cell's padding (4 + 6).
    data = tab.panel.model.column_of("missing")
    missing = QCoreApplication.translate("ScoreTab", "missing: scored as 50")
    assert header.sectionSize(data) >= table.fontMetrics().horizontalAdvance(missing) + 10
    # The figures' columns no wider than their figures or their titles' longer lines.
    points = tab.panel.model.column_of("points")
    assert "\n" in header.shown_title(points)  # type: ignore[attr-defined]
    for column in range(data):
        assert header.sectionSize(column) == max(table.sizeHintForColumn(column),
                                                 header.sectionSizeHint(column))
    window.close()
