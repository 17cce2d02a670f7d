"""The dashboard's "Tiers by segment" (issue 19, point 6): each value's customers per tier as
the table shows them, against SQL; choosing another segment; a double-click lists the value's
customers in the book."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from models.enums import Channel, LoyaltySegment, Tier
from tests.ui.conftest import open_dashboard
from ui.gui.models.customer_table_model import RECORD_ROLE
from ui.gui.settings import Settings
from ui.gui.views.segment_breakdown import SegmentBreakdown
from ui.gui.window.main_window import VIEW_CUSTOMERS, MainWindow


def _open(qtbot, path: Path, settings: Settings) -> tuple[MainWindow, SegmentBreakdown]:  # type: ignore[no-untyped-def]
    window, dashboard = open_dashboard(qtbot, path, settings)
    section = dashboard.segment_section
    qtbot.waitUntil(lambda: section.task is None and section.breakdown is not None,
                    timeout=30_000)
    return window, section


def _counts(window: MainWindow, column: str) -> dict[tuple[str | None, str], int]:
    return {(r[0], r[1]): r[2] for r in window.book.reader.conn.execute(
        f"SELECT c.{column}, m.tier, count(*) FROM customers c JOIN customer_metrics m "
        "ON m.customer_id = c.id WHERE c.deleted_at IS NULL AND m.tier IS NOT NULL "
        "GROUP BY 1, 2")}


def test_each_segment_value_per_tier(qtbot, scored_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    window, section = _open(qtbot, scored_path, settings)
    assert section.isVisible() and section.title.text() == "Tiers by segment"
    assert section.segment_combo.currentText() == "Customer kind"
    # The user picks the channel.
    qtbot.keyClicks(section.segment_combo, "Channel")
    assert section.segment == "channel"
    counts = _counts(window, "channel")
    shown = {section.shown(r, "value"): r for r in range(section.model.rowCount())}
    assert set(shown) >= {"Direct", "Distributor", "Online", "Phone"}
    for channel in Channel:
        row = shown[{"direct": "Direct", "distributor": "Distributor", "online": "Online",
                     "phone": "Phone"}[channel.value]]
        for tier in Tier:
            assert section.shown(row, f"tier_{tier.value}") == \
                f"{counts.get((channel.value, tier.value), 0):,}"
        total = sum(n for (c, _t), n in counts.items() if c == channel.value)
        top = sum(counts.get((channel.value, t), 0) for t in ("strategic", "key"))
        assert section.shown(row, "total") == f"{total:,}"
        assert section.shown(row, "top_share") == f"{top / total * 100:.0f} %"
    assert sum(int(section.shown(r, "total").replace(",", ""))
               for r in range(section.model.rowCount())) == sum(counts.values())


def test_a_double_click_lists_the_values_customers(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                                   settings: Settings) -> None:
    window, section = _open(qtbot, scored_path, settings)
    section.segment_combo.setCurrentIndex(section.segment_combo.findData("loyalty_segment"))
    row = next(r for r in range(section.model.rowCount())
               if section.shown(r, "value") == "Swing")
    index = section.model.index(row, 0)
    rect = section.table.visualRect(index)
    qtbot.mouseClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(section.table.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    assert window.current_view_name() == VIEW_CUSTOMERS
    assert window.customers.filters.loyalty_segments == frozenset({LoyaltySegment.SWING})
    model = window.customers.model
    shown = {model.data(model.index(r, 0), RECORD_ROLE).id for r in range(model.rowCount())}
    expected = {r[0] for r in window.book.reader.conn.execute(
        "SELECT id FROM customers WHERE deleted_at IS NULL AND loyalty_segment = 'swing'")}
    assert shown == expected


def test_the_table_model_passes_the_model_tester(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from models.segments import tiers_by_segment

    section = SegmentBreakdown()
    qtbot.addWidget(section)
    section.set_breakdown(tiers_by_segment([
        ("organisation", "price", "loyal", "online", "key", 3, 300.0),
        ("individual", None, "swing", "direct", "standard", 2, 50.0),
        ("organisation", "value", None, "online", "strategic", 1, 900.0)]))
    assert [section.shown(r, "value") for r in range(section.model.rowCount())] == [
        "Organisation", "Individual"]
    qtmodeltester.check(section.model)
    section.segment_combo.setCurrentIndex(section.segment_combo.findData("loyalty_segment"))
    assert [section.shown(r, "value") for r in range(section.model.rowCount())] == [
        "Loyal", "Swing", "Multi-brand", "(not set)"]
    assert section.shown(3, "tier_strategic") == "1"
    assert section.shown(2, "top_share") == "—"  # no multi-brand customers
    qtmodeltester.check(section.model)
