"""The account overview's "Why the tier changed" (issue 19, point 7): a customer whose tier
moved between the scored demo's months shows each move with the dimensions that moved it
most, in both languages; a customer whose tier never moved shows no section."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.book import Book
from tests.ui.test_workspace import shown_workspace
from ui.gui.settings import Settings
from ui.gui.text.dimension_labels import dimension_label
from ui.gui.text.labels import label
from ui.gui.workspace.overview_tab import OverviewTab
from ui.gui.workspace.workspace import CustomerWorkspace


@pytest.fixture
def book(scored_path: Path) -> Iterator[Book]:
    with Book(scored_path) as opened:
        yield opened


def _moved(book: Book) -> str:
    changes = book.scoring.latest_tier_changes()
    assert changes
    return sorted(changes)[0]


def _page(qtbot, book: Book, customer_id: str, settings: Settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    for workspace in shown_workspace(qtbot, book, customer_id, settings):
        assert isinstance(workspace, CustomerWorkspace)
        overview = workspace.tab("overview")
        assert isinstance(overview, OverviewTab)

        def loaded(tab: OverviewTab = overview) -> bool:
            return tab.is_loaded and tab.overview is not None

        qtbot.waitUntil(loaded, timeout=15_000)
        yield overview.page.toPlainText()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_moved_customer_shows_why(qtbot, book: Book, settings: Settings,  # type: ignore[no-untyped-def]
                                    language: str, request: pytest.FixtureRequest) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    customer_id = _moved(book)
    change = book.scoring.tier_changes(customer_id)[0]
    for text in _page(qtbot, book, customer_id, settings):
        title = "Why the tier changed" if language == "en" else "级别变化原因"
        assert title in text
        assert f"{label(change.tier_before)} → {label(change.tier_after)}" in text
        assert f"{change.from_period}" in text and f"{change.to_period}" in text
        first = change.drivers[0]
        words = (f"{dimension_label(first.dimension)} {first.points_before}→"
                 f"{first.points_after}") if first.points_before is not None else \
            dimension_label(first.dimension)
        assert words in text
        # The section sits after the customer's value, before the revenue.
        value = "Value" if language == "en" else "客户价值"
        assert text.index(value) < text.index(title)


def test_a_customer_whose_tier_stayed_shows_no_section(qtbot, book: Book,  # type: ignore[no-untyped-def]
                                                       settings: Settings) -> None:
    moved = set(book.scoring.latest_tier_changes())
    stayed = next(cid for (cid,) in book.reader.conn.execute(
        "SELECT customer_id FROM customer_metrics WHERE tier IS NOT NULL ORDER BY customer_id")
        if cid not in moved and not book.scoring.tier_changes(cid))
    for text in _page(qtbot, book, stayed, settings):
        assert "Why the tier changed" not in text


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Moved most by: Revenue 50→65 (+15), Loyalty not rated → 100."),
    ("zh_CN", "变化最大的维度：销售额 50→65（+15），忠诚度 未评分→100。"),
])
def test_a_dimension_first_rated_reads_not_rated(language: str, expected: str,
                                                 request: pytest.FixtureRequest) -> None:
    """Loyalty without data in May (scored at the neutral 50) and 100 in June reads "not
    rated → 100", not "–→100 (+50)"; it is the second driver: revenue 50 -> 65 at 20 % moved
    the score 3.0, loyalty 50 -> 100 at 4 % moved it 2.0."""
    from datetime import date

    from models.enums import LifecycleStage, Tier
    from models.scores import ScoreSnapshot
    from models.tier_change import tier_change
    from ui.gui.workspace.tier_change_section import change_lines

    if language == "zh_CN":
        request.getfixturevalue("chinese")

    def snap(period: str, tier: Tier, score: float, **points: float | None) -> ScoreSnapshot:
        return ScoreSnapshot(customer_id="D", period=period, as_of=date(2026, 6, 30),
                             score=score, tier=tier, abc_class=None,
                             lifecycle=LifecycleStage.ACTIVE, revenue=0.0, dimensions=points)

    change = tier_change(snap("2026-05", Tier.STANDARD, 50.0, revenue=50, loyalty=None),
                         snap("2026-06", Tier.KEY, 55.0, revenue=65, loyalty=100),
                         {"revenue": 20.0, "loyalty": 4.0})
    assert change is not None
    assert change_lines(change)[1] == expected
