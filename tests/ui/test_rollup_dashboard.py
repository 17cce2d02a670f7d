"""The dashboard's "By salesperson" section (issue 18): the roll-up read in the background,
its figures as the table shows them, sorting by a column with the total kept last, a
double-click listing one salesperson's customers, a click on the chart one owner's tier; a
book with one owner shows no section."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from models.entities import Customer
from models.enums import Tier
from storage.book import Book
from tests.ui.conftest import open_dashboard
from ui.gui.charts.chart_canvas import ChartCanvas, target_centre
from ui.gui.charts.style import money
from ui.gui.settings import Settings
from ui.gui.views.rollup_section import RollupSection
from ui.gui.window.main_window import VIEW_CUSTOMERS, VIEW_DASHBOARD, MainWindow


def _owners(window: MainWindow) -> dict[str, int]:
    return {str(r[0]): int(r[1]) for r in window.book.reader.conn.execute(
        "SELECT owner, count(*) FROM customers WHERE deleted_at IS NULL GROUP BY owner")}


def _rows(section: RollupSection) -> list[str]:
    return [section.shown(r, "owner") for r in range(section.model.rowCount())]


def test_the_section_shows_each_salespersons_figures(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                                     settings: Settings) -> None:
    window, dashboard = open_dashboard(qtbot, scored_path, settings)
    section = dashboard.rollup_section
    assert section.isVisible() and section.title.text() == "By salesperson"
    owners = _owners(window)
    assert len(owners) > 1
    shown = _rows(section)
    assert shown[-1] == "Total"
    assert sorted(shown[:-1]) == sorted(o or "(no owner)" for o in owners)
    rollup = window.book.rollup()
    for row in range(section.model.rowCount() - 1):
        figures = section.row_at(row)
        assert section.shown(row, "customers") == f"{owners[figures.owner]:,}"
        expected = rollup.row(figures.owner)
        assert expected is not None
        assert section.shown(row, "revenue") == money(expected.revenue)
        assert section.shown(row, "tier_key") == f"{expected.tier_count(Tier.KEY):,}"
    total = section.model.rowCount() - 1
    assert section.shown(total, "customers") == f"{sum(owners.values()):,}"
    assert section.shown(total, "share") == "100 %"
    # The chart draws each owner's revenue by tier; a click lists that owner's tier.
    canvas = dashboard.canvases["rollup"]
    assert canvas.chart is not None and not canvas.chart.empty
    first = section.row_at(0)
    target = next(t for t in canvas.chart.targets if t.filter["owners"] == {first.owner})
    qtbot.mouseClick(canvas.canvas, Qt.MouseButton.LeftButton, pos=_point(canvas, target))
    assert window.current_view_name() == VIEW_CUSTOMERS
    assert window.customers.filters.owners == frozenset({first.owner})
    assert len(window.customers.filters.tiers) == 1
    window.close()


def _point(canvas: ChartCanvas, target) -> QPoint:  # type: ignore[no-untyped-def]
    figure_canvas = canvas.canvas
    assert figure_canvas is not None
    x, y = target_centre(figure_canvas, target)
    ratio = figure_canvas.device_pixel_ratio
    return QPoint(round(x / ratio), round((figure_canvas.figure.bbox.height - y) / ratio))


def test_sorting_keeps_the_total_last(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                      settings: Settings) -> None:
    window, dashboard = open_dashboard(qtbot, scored_path, settings)
    section = dashboard.rollup_section
    header = section.table.horizontalHeader()
    column = section.model.column_of("customers")
    header_pos = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                        header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header_pos)
    owners = section.model.rowCount() - 1
    counts = [section.row_at(r).customer_count for r in range(owners)]
    assert _rows(section)[-1] == "Total"
    first_order = counts
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header_pos)
    counts = [section.row_at(r).customer_count for r in range(owners)]
    assert sorted(first_order) in (first_order, first_order[::-1])
    assert counts == sorted(counts, reverse=first_order == sorted(first_order))
    assert _rows(section)[-1] == "Total"
    window.close()


def test_double_clicking_a_salesperson_lists_their_customers(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                                             settings: Settings) -> None:
    window, dashboard = open_dashboard(qtbot, scored_path, settings)
    section = dashboard.rollup_section
    row = 1
    owner = section.row_at(row).owner
    table = section.table
    table.scrollTo(section.model.index(row, 0))
    rect = table.visualRect(section.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_view_name() == VIEW_CUSTOMERS
    customers = window.customers
    assert customers.filters.owners == frozenset({owner})
    qtbot.waitUntil(lambda: customers.model.rowCount() == _owners(window)[owner],
                    timeout=10_000)
    # The total is no salesperson: double-clicking it leaves the customer book as it is.
    window.show_view(VIEW_DASHBOARD)
    total = section.model.rowCount() - 1
    rect = table.visualRect(section.model.index(total, 0))
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_view_name() == VIEW_DASHBOARD
    window.close()


def test_a_book_with_one_owner_has_no_section(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              settings: Settings) -> None:
    path = tmp_path / "solo.db"
    with Book(path, new_book=True) as book:
        for name in ("Alpha", "Beta", "Gamma"):
            book.customers.add(Customer(name=name, owner="Me"))
        book.scoring.rescore(date.today())
    window, dashboard = open_dashboard(qtbot, path, settings)
    assert not dashboard.rollup_section.isVisible()
    assert dashboard.rollup_section.model.rowCount() == 2  # read all the same: Me, Total
    assert dashboard.canvases["tiers"].chart is not None
    window.close()


def test_the_model_alone(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    """Without a widget: every role answers, sorting keeps the total last, None sorts last."""
    from models.rollup import OwnerRollup, Rollup, total_of
    from ui.gui.models.rollup_model import RollupModel

    rows = [OwnerRollup(owner="Bo", customers={Tier.KEY: 3}, revenue=300.0,
                        revenue_before=100.0),
            OwnerRollup(owner="Al", customers={Tier.KEY: 1, Tier.STRATEGIC: 1},
                        revenue=500.0),
            OwnerRollup(owner="", customers={Tier.LOW_VALUE: 2})]
    model = RollupModel()
    model.set_rollup(Rollup(as_of=date(2026, 6, 30), rows=rows, total=total_of(rows)))
    qtmodeltester.check(model)
    owner = model.column_of("owner")
    change = model.column_of("change")
    assert [model.index(r, owner).data() for r in range(4)] == ["Bo", "Al", "(no owner)",
                                                                "Total"]
    model.sort(model.column_of("customers"), Qt.SortOrder.DescendingOrder)
    assert [model.index(r, owner).data() for r in range(4)] == ["Bo", "Al", "(no owner)",
                                                                "Total"]
    model.sort(owner, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, owner).data() for r in range(4)] == ["Al", "Bo", "(no owner)",
                                                                "Total"]
    model.sort(change, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, owner).data() for r in range(4)] == ["Bo", "Al", "(no owner)",
                                                                "Total"]
    assert model.index(0, change).data() == "+200 %" and model.index(1, change).data() == "—"
