"""The Overview tab: the account on one page (tier and why, revenue trend, contact, needs,
plan, key contacts), each part a link to its tab, and a PDF of the page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtGui import QImage, QTextBlock, QTextDocument, QTextFragment

from models.entities import Need
from models.enums import NeedKind, Priority
from storage.book import Book
from tests.ui.test_workspace import RICH_CUSTOMER, shown_workspace
from ui.gui.settings import Settings
from ui.gui.workspace.overview_tab import OverviewTab
from ui.gui.workspace.workspace import CustomerWorkspace


@pytest.fixture
def book(scored_path: Path) -> Iterator[Book]:
    with Book(scored_path) as opened:
        yield opened


@pytest.fixture
def workspace(qtbot, book: Book, settings: Settings) -> Iterator[CustomerWorkspace]:  # type: ignore[no-untyped-def]
    customer_id = str(book.reader.scalar(RICH_CUSTOMER))
    raised = date.today() - timedelta(days=10)
    book.needs.add(Need(customer_id=customer_id, kind=NeedKind.COMPLAINT,
                        description="Invoice sent twice", priority=Priority.HIGH,
                        raised_on=raised))
    yield from shown_workspace(qtbot, book, customer_id, settings)


def test_the_account_on_one_page(qtbot, workspace: CustomerWorkspace, book: Book) -> None:  # type: ignore[no-untyped-def]
    assert workspace.current_tab_name() == "overview"
    overview = workspace.tab("overview")
    assert isinstance(overview, OverviewTab)
    qtbot.waitUntil(lambda: overview.is_loaded and overview.overview is not None,
                    timeout=15_000)
    data = overview.overview
    assert data is not None
    months = data.months[-12:]
    expected = sum(float(r[0]) for r in book.reader.conn.execute(
        "SELECT total(amount) FROM transactions WHERE customer_id = ? AND deleted_at IS NULL "
        "AND substr(date, 1, 7) >= ? AND date <= ?",
        [workspace.customer_id, months[0], date.today().isoformat()]))
    assert data.revenue_12m == pytest.approx(expected)
    text = overview.page.toPlainText()
    assert data.header.name in text and "Last 12 months" in text
    assert "Invoice sent twice" in text  # the late complaint is listed...
    assert "#c62828" in overview.html()  # ...in red
    assert "Carried by" in text  # why it has its tier


def test_a_part_opens_its_tab(qtbot, workspace: CustomerWorkspace) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl

    overview = workspace.tab("overview")
    assert isinstance(overview, OverviewTab)
    qtbot.waitUntil(lambda: overview.overview is not None, timeout=15_000)
    assert "href='tab:needs'" in overview.html()
    overview.page.anchorClicked.emit(QUrl("tab:needs"))
    assert workspace.current_tab_name() == "needs"


def test_the_page_exports_as_pdf(qtbot, workspace: CustomerWorkspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    overview = workspace.tab("overview")
    assert isinstance(overview, OverviewTab)
    qtbot.waitUntil(lambda: overview.overview is not None, timeout=15_000)
    path = overview.write_pdf(tmp_path / "account")
    assert path.name == "account.pdf" and path.read_bytes()[:5] == b"%PDF-"
    assert path.stat().st_size > 2_000


def _runs(image: QImage, y: int) -> list[tuple[int, int]]:
    """The stretches of painted pixels along row ``y``: (first x, last x)."""
    runs: list[tuple[int, int]] = []
    for x in range(image.width()):
        if image.pixelColor(x, y).alpha() > 0:
            if runs and runs[-1][1] == x - 1:
                runs[-1] = (runs[-1][0], x)
            else:
                runs.append((x, x))
    return runs


def test_the_revenue_trend_is_a_chart_of_24_months(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    """Not block characters (black dashes in the bundled CJK font): an image in the page's
    document, one bar per month, its tooltip the months' figures; the PDF's document too."""
    from PySide6.QtCore import QUrl

    from ui.gui.workspace.revenue_chart import URL

    overview = cast(OverviewTab, workspace.tab("overview"))
    qtbot.waitUntil(lambda: overview.is_loaded and overview.overview is not None,
                    timeout=15_000)
    data = overview.overview
    assert data is not None
    assert not set("▁▂▃▄▅▆▇█") & set(overview.page.toPlainText() + overview.html())
    image = overview.page.document().resource(QTextDocument.ResourceType.ImageResource,
                                              QUrl(URL))
    ratio = overview.page.devicePixelRatioF()
    # 24 months of 8 pixels with 3 between: 24 x 11 - 3 = 261 by 40, in device pixels.
    assert (image.width(), image.height(), image.devicePixelRatio()) == (
        round(261 * ratio), round(40 * ratio), ratio)
    sold = [month for month, value in enumerate(data.monthly[-24:]) if value > 0]
    assert 3 <= len(sold) < 24  # the customer has months with and without sales
    # A bar on the baseline (row 34) for each month with sales, in its place.
    bars = _runs(image, round(33 * ratio))
    assert [round(first / ratio) // 11 for first, _ in bars] == sold
    assert len(_runs(image, round(34 * ratio))) == 1  # the baseline under every month
    assert _runs(image, round(38 * ratio)) == [(round(23 * 11 * ratio), round(261 * ratio) - 1)]
    assert "<img src='keyplan-chart:revenue' width='261' height='40'" in overview.html()
    tips = [fragment.charFormat().toolTip() for block in _blocks(overview.page.document())
            for fragment in _fragments(block) if fragment.charFormat().isImageFormat()]
    assert len(tips) == 1
    lines = tips[0].split("\n")
    assert len(lines) == 24 and lines[-1].startswith(data.months[-1] + ": ")
    assert lines[-1].endswith(f"{data.monthly[-1]:,.0f}")
    printed = overview.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(URL))
    assert (printed.width(), printed.devicePixelRatio()) == (261 * 4, 4.0)
    path = overview.write_pdf(tmp_path / "account")
    assert path.stat().st_size > 2_000


def _blocks(document: QTextDocument) -> Iterator[QTextBlock]:
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def _fragments(block: QTextBlock) -> Iterator[QTextFragment]:
    it = block.begin()
    while not it.atEnd():
        yield it.fragment()
        it += 1


def test_the_chart_scales_its_bars_and_keeps_months_without_sales(qtbot) -> None:  # type: ignore[no-untyped-def]
    """By hand, at 2 device pixels a pixel: months 0, 5 and 10 on a 40-pixel chart whose
    baseline is rows 34-35: no sales only the grey baseline, 5 a light bar 5/10 x 33 = 16.5
    pixels tall (from row 17.5), 10 the last month's full colour from row 1, a tick under it."""
    from ui.gui.style.tier_palette import tint
    from ui.gui.workspace.revenue_chart import BASELINE, revenue_image

    image = revenue_image([0.0, 5.0, 10.0], "#c2452d", 2.0)
    assert (image.width(), image.height()) == (60, 80)  # 3 x 11 - 3 = 30 by 40, doubled

    def at(month: int, row: float) -> str:
        colour = image.pixelColor(month * 22 + 8, round(row * 2))
        return colour.name() if colour.alpha() else "none"

    assert (at(0, 33), at(0, 34.5), at(0, 38)) == ("none", BASELINE, "none")
    assert (at(1, 17), at(1, 19), at(1, 38)) == ("none", tint("#c2452d", 0.6), "none")
    assert (at(2, 0), at(2, 2), at(2, 38)) == ("none", "#c2452d", "#c2452d")
    assert _runs(image, 66) == [(22, 37), (44, 59)]


def test_the_plan_is_named_by_its_period_as_the_plan_tab_names_it(  # type: ignore[no-untyped-def]
        qtbot, book: Book, settings: Settings) -> None:
    """The plan's line says 'H1 2027' as the Plan tab and the Plans view do, not the code
    2027-H1 (in Chinese 2027年上半年)."""
    from models.plans import AccountPlan, PlanAction

    customer_id = str(book.reader.scalar(RICH_CUSTOMER))
    book.plans.save(AccountPlan(customer_id=customer_id, period="2099-H1", actions=[
        PlanAction(what="Joint planning day", due_date=date.today() + timedelta(days=3))]))
    shown = shown_workspace(qtbot, book, customer_id, settings)
    overview = cast(OverviewTab, next(shown).tab("overview"))
    qtbot.waitUntil(lambda: overview.is_loaded and overview.overview is not None,
                    timeout=15_000)
    text = overview.page.toPlainText()
    assert "H1 2099, " in text and "2099-H1" not in text
    shown.close()
