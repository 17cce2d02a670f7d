"""The demo shows the flag 'support costs more than its profit' (issue 19, point 5): two
planned accounts, the thinnest margins, get a promotion costing more than their profit, in a
small demo (key accounts) and in a big one, whose 40 plans all go to strategic accounts (it
had none flagged: the promotions went to key accounts' plans only). And the relationship
ladder's reasons in the customer's language."""

from __future__ import annotations

import re
from pathlib import Path

from storage.book import Book
from tests.conftest import DEMO_ANCHOR


def _flagged(book: Book) -> list[tuple[str | None, float, float]]:
    return [(c.tier, c.profit, c.support_cost) for c in book.support.customers()
            if c.flagged]


def _demo(path: Path, customers: int) -> Book:
    book = Book(path, new_book=True)
    book.demo.generate(customers, seed=1, anchor=DEMO_ANCHOR)
    return book


def test_the_small_demo_flags_two_key_accounts(tmp_path: Path) -> None:
    with _demo(tmp_path / "small.db", 500) as book:
        flagged = _flagged(book)
        by_tier = {t.tier: t.flagged for t in book.support.by_tier()}
    assert [tier for tier, _, _ in flagged] == ["key", "key"]
    # The promotion costs 1.25-1.6 times the 12 months' profit (rounded to hundreds), the
    # plan's whole half-year in them at the anchor 2026-06-30.
    for _, profit, cost in flagged:
        assert profit * 1.25 - 50 <= cost <= profit * 1.6 + 50
    assert by_tier["key"] == 2 and sum(by_tier.values()) == 2


def test_a_demo_whose_plans_are_all_strategic_flags_two(tmp_path: Path) -> None:
    with _demo(tmp_path / "big.db", 1000) as book:
        tiers = {row[0] for row in book.reader.conn.execute(
            "SELECT m.tier FROM plans p JOIN customer_metrics m USING (customer_id)")}
        flagged = _flagged(book)
        by_tier = {t.tier: t.flagged for t in book.support.by_tier()}
    assert tiers == {"strategic"}  # 40 plans, and more than 40 strategic accounts
    assert [tier for tier, _, _ in flagged] == ["strategic", "strategic"]
    assert all(cost > profit for _, profit, cost in flagged)
    assert by_tier["strategic"] == 2 and sum(by_tier.values()) == 2


def test_the_ladders_reasons_speak_the_customers_language(tmp_path: Path) -> None:
    """An English customer's relationship history reads in English even when a Chinese
    colleague owns it (as its plan does), a Chinese customer's in Chinese."""
    from storage.demo_relationships import FALLBACK, REASONS

    chinese = {text for rung in REASONS.values() for text in rung[0]} | {FALLBACK[0]}
    english = {text for rung in REASONS.values() for text in rung[1]} | {FALLBACK[1]}
    with _demo(tmp_path / "small.db", 200) as book:
        rows = book.reader.conn.execute(
            "SELECT c.name, c.owner, r.reason FROM relationship_levels r "
            "JOIN customers c ON c.id = r.customer_id").fetchall()
    cjk = re.compile("[\u4e00-\u9fff]")
    mixed = [row for row in rows if not cjk.search(row[0]) and cjk.search(row[1] or "")]
    assert mixed  # English customers owned by 陈静 and the like
    for name, _, reason in rows:
        assert reason in (chinese if cjk.search(name) else english)
