"""The Overview tab: the account on one page (tier and why, revenue trend, contact, needs,
plan, key contacts), each part a link to its tab, and a PDF of the page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from models.entities import Need
from models.enums import NeedKind, Priority
from storage.book import Book
from tests.ui.test_workspace import RICH_CUSTOMER, shown_workspace
from ui.gui.settings import Settings
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
    qtbot.waitUntil(lambda: overview.is_loaded and overview.overview is not None,
                    timeout=15_000)
    data = overview.overview
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
    qtbot.waitUntil(lambda: overview.overview is not None, timeout=15_000)
    assert "href='tab:needs'" in overview.html()
    overview.page.anchorClicked.emit(QUrl("tab:needs"))
    assert workspace.current_tab_name() == "needs"


def test_the_page_exports_as_pdf(qtbot, workspace: CustomerWorkspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    overview = workspace.tab("overview")
    qtbot.waitUntil(lambda: overview.overview is not None, timeout=15_000)
    path = overview.write_pdf(tmp_path / "account")
    assert path.name == "account.pdf" and path.read_bytes()[:5] == b"%PDF-"
    assert path.stat().st_size > 2_000
