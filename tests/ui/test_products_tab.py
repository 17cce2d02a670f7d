"""The Products tab (issue 19, point 4) and the profit section of the Overview (point 5),
driven as a user does: the tab clicked, a suggestion chosen, a sale typed elsewhere and the
tab reading again; on a small book whose figures are worked out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models.entities import Customer, Transaction
from models.enums import PlanStatus, SupportKind, Tier
from models.plan_periods import period_containing, shift_period
from models.plans import AccountPlan, SupportMeasure
from storage.book import Book
from tests.ui.test_workspace import shown_workspace
from ui.gui.settings import Settings
from ui.gui.workspace.overview_tab import OverviewTab
from ui.gui.workspace.products_tab import ProductsTab
from ui.gui.workspace.workspace import CustomerWorkspace

TODAY = date.today()


def _day(days_ago: int) -> date:
    return TODAY - timedelta(days=days_ago)


@pytest.fixture
def book(tmp_path: Path) -> Iterator[Book]:
    """Six key customers: K1 buys Parts, bought Service two years ago; K2-K4 buy Units
    (1,000, 3,000, 2,000) and K2, K4 Service (300, 600); K5 and K6 buy Parts."""
    with Book(tmp_path / "products.db", new_book=True) as opened:
        names = {}
        for name in ("K1", "K2", "K3", "K4", "K5", "K6"):
            names[name] = opened.customers.add(Customer(
                name=name, tier_override=Tier.KEY, tier_override_reason="test")).record

        def sale(name: str, product: str, days_ago: int, amount: float,
                 profit: float | None = None) -> None:
            opened.transactions.add(Transaction(customer_id=names[name].id,
                                                date=_day(days_ago), amount=amount,
                                                product=product, profit=profit))

        sale("K1", "Parts", 30, 100, 10)
        sale("K1", "Service", 700, 50)
        for name, amount in (("K2", 1000), ("K3", 3000), ("K4", 2000)):
            sale(name, "Units", 40, amount)
        sale("K2", "Service", 50, 300)
        sale("K4", "Service", 60, 600)
        sale("K5", "Parts", 20, 40)
        sale("K6", "Parts", 25, 60)
        opened.scoring.rescore(TODAY)
        yield opened


@pytest.fixture
def workspace(qtbot, book: Book, settings: Settings) -> Iterator[CustomerWorkspace]:  # type: ignore[no-untyped-def]
    k1 = book.customers.resolve("K1")
    yield from shown_workspace(qtbot, book, k1.id, settings)


def _open_products(qtbot, workspace: CustomerWorkspace) -> ProductsTab:  # type: ignore[no-untyped-def]
    bar = workspace.tab_widget.tabBar()
    index = [workspace.tab_widget.tabText(i) for i in range(bar.count())].index("Products")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    tab = workspace.tab("products")
    assert isinstance(tab, ProductsTab)
    qtbot.waitUntil(lambda: tab.is_loaded and tab.grid is not None, timeout=15_000)
    return tab


def _shown(panel, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = panel.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_the_grid_and_the_suggestions_by_hand(qtbot, workspace: CustomerWorkspace) -> None:  # type: ignore[no-untyped-def]
    tab = _open_products(qtbot, workspace)
    assert workspace.current_tab_name() == "products"
    assert _shown(tab.lines_panel, 0) == ["Parts", "Service", "Units"]
    assert _shown(tab.lines_panel, 1) == ["Bought", "Lapsed", "Not bought"]
    # Parts among the 5 peers: K5 and K6 (40 and 60, median 50).
    assert _shown(tab.lines_panel, 4)[0] == "2 of 5 (40 %)"
    assert "Peers: 5 customers, Key · Organisation" in tab.summary.text()
    assert _shown(tab.suggestions_panel, 0) == ["Units", "Service"]
    # Units: 3 of 5 × median 2,000 = 1,200 a year; Service: 2 of 5 × 450 = 180.
    assert _shown(tab.suggestions_panel, 4) == ["1,200", "180"]
    assert tab.why.text().startswith("Units: 3 of 5 peers (60 %) bought it")
    assert "about 1,200 a year" in tab.why.text()
    table = tab.suggestions_panel.table
    second = table.visualRect(tab.suggestions_panel.model.index(1, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=second)
    assert tab.why.text().startswith("Service: 2 of 5 peers (40 %)")
    assert f"It bought it until {_day(700).isoformat()}: win it back." in tab.why.text()


def test_the_figures_sit_together(qtbot, workspace: CustomerWorkspace) -> None:  # type: ignore[no-untyped-def]
    """The product line's name takes the room the figures leave: the last column stretched,
    the peers' median and the lift sat hundreds of pixels from the other figures."""
    tab = _open_products(qtbot, workspace)
    for panel, last_digits in ((tab.lines_panel, 12), (tab.suggestions_panel, 6)):
        table = panel.table
        header = table.horizontalHeader()
        last = header.count() - 1
        assert header.length() == table.viewport().width()  # the table's width, used
        title = str(panel.model.headerData(last, Qt.Orientation.Horizontal))
        fitted = max(table.fontMetrics().horizontalAdvance("0" * last_digits) + 28,
                     header.fontMetrics().horizontalAdvance(title) + 24)
        assert header.sectionSize(last) == fitted
        # What is left over went to the name, not to any figure's column.
        assert header.sectionSize(0) > max(header.sectionSize(c) for c in range(1, last + 1))


def test_a_new_sale_moves_the_line_to_bought(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                              book: Book) -> None:
    tab = _open_products(qtbot, workspace)
    book.transactions.add(Transaction(customer_id=workspace.customer_id, date=_day(1),
                                      amount=500, product="Units"))
    workspace.refresh()  # what the window does after a write
    qtbot.waitUntil(lambda: tab.is_loaded and tab.grid is not None
                    and tab.grid.status("Units").value == "bought", timeout=15_000)
    assert _shown(tab.lines_panel, 1)[:2] == ["Bought", "Bought"]
    assert _shown(tab.suggestions_panel, 0) == ["Service"]


def test_chinese_words(qtbot, chinese: None, workspace: CustomerWorkspace) -> None:  # type: ignore[no-untyped-def]
    workspace.retranslate()
    bar = workspace.tab_widget.tabBar()
    index = [bar.tabText(i) for i in range(bar.count())].index("产品")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    tab = workspace.tab("products")
    assert isinstance(tab, ProductsTab)
    qtbot.waitUntil(lambda: tab.is_loaded and tab.grid is not None, timeout=15_000)
    assert _shown(tab.lines_panel, 1) == ["已购买", "已中断", "未购买"]
    assert "同类客户：5 家" in tab.summary.text()
    assert tab.why.text().startswith("Units：近12个月 5 家同类客户中有 3 家")


def test_the_overview_flags_support_costing_more_than_the_profit(  # type: ignore[no-untyped-def]
        qtbot, workspace: CustomerWorkspace, book: Book) -> None:
    # The quarter before this one: wholly inside the 12 months.
    period = shift_period(period_containing(TODAY, f"{TODAY.year}-Q1"), -1)
    book.plans.save(AccountPlan(
        customer_id=workspace.customer_id, period=period, status=PlanStatus.ACTIVE,
        support_measures=[SupportMeasure(kind=SupportKind.PROMOTION_SUPPORT, cost=40.0),
                          SupportMeasure(kind=SupportKind.PRIORITY_SERVICE)]))
    workspace.refresh()
    overview = workspace.show_tab("overview")
    assert isinstance(overview, OverviewTab)
    qtbot.waitUntil(lambda: overview.is_loaded and overview.overview is not None,
                    timeout=15_000)
    text = overview.page.toPlainText()
    assert "Profit after support" in text
    assert "⚠ Its support costs more than the profit it brings." in text
    # K1: profit 10; a quarter's plan wholly inside the 12 months costs its 40.
    assert "Last 12 months: revenue 100, profit 10." in text
    assert "Support granted in its plans: 40 (2 measures, 400 % of the profit); profit " \
           "after support: -30." in text
    assert "One of them states neither a cost nor a rate and is not counted." in text


def test_the_profit_section_in_chinese(chinese: None) -> None:
    from models.support_cost import CustomerProfit
    from ui.gui.workspace.profit_section import flag_text, profit_lines

    figures = CustomerProfit("x", 100.0, 10.0, 40.0, measures=2, uncosted=1)
    assert flag_text() == "给予的支持成本超过了该客户带来的利润。"
    assert profit_lines(figures) == [
        "近12个月：销售额 100，利润 10。",
        "经营计划中给予的支持：40（2 项措施，占利润的 400 %）；扣除支持后利润：-30。",
        "其中 1 项既未注明成本也未注明比例，未计入。"]
