"""The Dashboard view: charts built in the background and drawn on canvases; a click on a bar
filters the customer book; hovering shows the bar's figures; charts export as PNG and SVG."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.artist import Artist
from matplotlib.patches import Rectangle
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QToolTip

from models.enums import Tier
from storage.chart_data import migration_customers
from storage.database import Database
from tests.ui.conftest import open_dashboard
from ui.gui.charts.chart_canvas import ChartCanvas, target_centre
from ui.gui.charts.style import ClickTarget
from ui.gui.settings import Settings
from ui.gui.views.dashboard_view import DASHBOARD_KINDS
from ui.gui.window.main_window import VIEW_CUSTOMERS


def _width(artist: Artist) -> float:
    assert isinstance(artist, Rectangle)
    return artist.get_width()


def _qt_point(canvas: ChartCanvas, target: ClickTarget) -> QPoint:
    """Where on the canvas widget the target's centre is (matplotlib counts y upwards)."""
    figure_canvas = canvas.canvas
    assert figure_canvas is not None
    x, y = target_centre(figure_canvas, target)
    ratio = figure_canvas.device_pixel_ratio
    height = figure_canvas.figure.bbox.height
    return QPoint(round(x / ratio), round((height - y) / ratio))


def _target(canvas: ChartCanvas, key: str, value: object) -> ClickTarget:
    assert canvas.chart is not None
    return next(t for t in canvas.chart.targets
                if key in t.filter and (value is None or t.filter[key] == value))


def test_every_chart_is_drawn_off_the_ui_thread(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                                settings: Settings, monkeypatch) -> None:
    import ui.gui.charts.chart_canvas as chart_canvas

    ui_draws: list[str] = []
    original = chart_canvas.FigureCanvasQTAgg.draw

    def counting(canvas) -> None:  # type: ignore[no-untyped-def]
        ui_draws.append(canvas.parent().objectName())
        original(canvas)

    monkeypatch.setattr(chart_canvas.FigureCanvasQTAgg, "draw", counting)
    window, dashboard = open_dashboard(qtbot, scored_path, settings)
    assert ui_draws == []  # rendered on the worker at the panels' size; the UI only copies
    for kind in DASHBOARD_KINDS:
        canvas = dashboard.canvases[kind]
        assert canvas.chart is not None and canvas.canvas is not None, kind
        assert kind in dashboard.timings
    tiers = dashboard.canvases["tiers"].chart
    assert tiers is not None and not tiers.empty
    assert dashboard.from_combo.count() == 3 and dashboard.from_combo.isEnabled()
    window.close()


def test_clicking_a_tier_bar_filters_the_book(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                              settings: Settings) -> None:
    window, dashboard = open_dashboard(qtbot, scored_path, settings)
    canvas = dashboard.canvases["tiers"]
    target = _target(canvas, "tiers", {Tier.KEY})
    qtbot.mouseClick(canvas.canvas, Qt.MouseButton.LeftButton, pos=_qt_point(canvas, target))
    assert window.current_view_name() == VIEW_CUSTOMERS
    customers = window.customers
    assert customers.filters.tiers == frozenset({Tier.KEY})
    expected = window.book.reader.scalar("SELECT count(*) FROM customer_metrics WHERE tier = 'key' "
                                "AND deleted = 0")
    assert customers.model.rowCount() == expected
    assert [c.text() for c in customers.filter_bar.chips] == ["Tier: Key  ✕"]
    window.close()


def test_clicking_a_migration_bar_lists_who_moved(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                                  settings: Settings) -> None:
    window, dashboard = open_dashboard(qtbot, scored_path, settings)
    periods = [dashboard.from_combo.itemText(i) for i in range(dashboard.from_combo.count())]
    with qtbot.waitSignal(dashboard.chart_drawn, timeout=20_000):
        dashboard.set_migration_periods(periods[0], periods[-1])
    canvas = dashboard.canvases["migration"]
    assert canvas.chart is not None
    target = max((t for t in canvas.chart.targets if "migration" in t.filter),
                 key=lambda t: _width(t.artist))
    start, end, before, after = target.filter["migration"]
    assert (start, end) == (periods[0], periods[-1])
    assert canvas.canvas is not None
    canvas.canvas.draw()
    qtbot.mouseClick(canvas.canvas, Qt.MouseButton.LeftButton, pos=_qt_point(canvas, target))
    expected = migration_customers(window.book.reader, start, end, before, after)
    assert window.current_view_name() == VIEW_CUSTOMERS
    shown = {window.customers.model.customer_id(r)
             for r in range(window.customers.model.rowCount())}
    assert shown == set(expected) and shown
    chips = [c.text() for c in window.customers.filter_bar.chips]
    assert len(chips) == 1 and "→" in chips[0]
    window.close()


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform and tooltips
def test_hover_shows_the_bar_figures(qtbot, scored_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    window, dashboard = open_dashboard(qtbot, scored_path, settings)
    canvas = dashboard.canvases["tiers"]
    target = _target(canvas, "tiers", {Tier.STANDARD})
    assert canvas.canvas is not None
    qtbot.mouseMove(canvas.canvas, _qt_point(canvas, target))
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=3_000)
    assert target.tooltip in QToolTip.text()
    assert canvas.canvas.cursor().shape() == Qt.CursorShape.PointingHandCursor
    window.close()


def test_charts_export_as_png_and_svg(qtbot, scored_path: Path, settings: Settings,  # type: ignore[no-untyped-def]
                                      tmp_path: Path) -> None:
    window, dashboard = open_dashboard(qtbot, scored_path, settings)
    for kind, fmt in (("pareto", "png"), ("migration", "svg")):
        target = tmp_path / f"chart-{kind}"
        task = dashboard.export_to(kind, fmt, target)
        with qtbot.waitSignal(task.finished, timeout=20_000):
            pass
        written = target.with_name(f"chart-{kind}.{fmt}")
        assert written.is_file()
        if fmt == "png":
            image = QImage(str(written))
            assert (image.width(), image.height()) == (1000, 600)
        else:
            assert written.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    window.close()


def test_data_changes_redraw_theopen_dashboard(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                           settings: Settings) -> None:
    window, dashboard = open_dashboard(qtbot, scored_path, settings)
    old = dashboard.canvases["lifecycle"].canvas
    with qtbot.waitSignal(dashboard.loaded, timeout=30_000):
        window.book_changed()
    assert dashboard.canvases["lifecycle"].canvas is not old
    window.close()


def test_an_empty_book_shows_messages_without_export(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                     settings: Settings) -> None:
    """Every panel of a book without customers explains itself; there is nothing to export."""
    path = tmp_path / "empty.db"
    Database(path).close()
    window, dashboard = open_dashboard(qtbot, path, settings)
    for kind, canvas in dashboard.canvases.items():
        assert canvas.chart is not None and canvas.chart.empty, kind
        assert not canvas.export_button.isEnabled(), kind
        expected = "No history yet" if kind in ("migration", "trend") else "No customers yet"
        assert canvas.chart.figure.texts[0].get_text() == expected, kind
    window.close()
