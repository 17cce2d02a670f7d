"""Profit after support (issue 19, point 5): every figure of a small book by hand (a rate, a
stated cost, one pro-rated, one uncosted, a draft and an old plan left out), the tiers' sums,
the flag, and the pure cost rules on their own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from models import support_cost as sc
from models.entities import Customer, Transaction
from models.enums import PlanStatus, SupportKind, Tier
from models.plans import AccountPlan, SupportMeasure
from storage.book import Book

AS_OF = date(2026, 6, 30)  # the window: 2025-07-01 .. 2026-06-30


def _sale(book: Book, customer: Customer, day: str, amount: float, profit: float) -> None:
    book.transactions.add(Transaction(customer_id=customer.id, date=date.fromisoformat(day),
                                      amount=amount, profit=profit))


def _plan(book: Book, customer: Customer, period: str, status: PlanStatus,
          *measures: SupportMeasure) -> None:
    book.plans.save(AccountPlan(customer_id=customer.id, period=period, status=status,
                                support_measures=list(measures)))


@pytest.fixture
def small(tmp_path: Path) -> Iterator[tuple[Book, Customer, Customer]]:
    book = Book(tmp_path / "small.db", new_book=True)
    p1, p2 = (book.customers.add(Customer(name=n, tier_override=Tier.KEY,
                                          tier_override_reason="test")).record
              for n in ("P1", "P2"))
    _sale(book, p1, "2026-03-01", 1000, 200)
    _sale(book, p1, "2025-09-01", 500, 50)
    _sale(book, p1, "2025-06-01", 9000, 900)  # before the window
    _sale(book, p2, "2026-02-01", 2000, 600)
    _plan(book, p1, "2026-H1", PlanStatus.ACTIVE,
          SupportMeasure(kind=SupportKind.REBATE, rate_percent=2.0),  # 2 % of 1,000 = 20
          SupportMeasure(kind=SupportKind.PROMOTION_SUPPORT, cost=300.0),  # all of it
          SupportMeasure(kind=SupportKind.PRIORITY_SERVICE))  # neither cost nor rate
    # 2025: 184 of its 365 days in the window -> 365 × 184 / 365 = 184.
    _plan(book, p1, "2025", PlanStatus.CLOSED,
          SupportMeasure(kind=SupportKind.PURCHASE_DISCOUNT, rate_percent=5.0, cost=365.0))
    _plan(book, p1, "2026-Q2", PlanStatus.DRAFT,  # a draft grants nothing yet
          SupportMeasure(kind=SupportKind.PROMOTION_SUPPORT, cost=999.0))
    _plan(book, p1, "2024", PlanStatus.CLOSED,  # before the window
          SupportMeasure(kind=SupportKind.REBATE, cost=1000.0))
    book.scoring.rescore(AS_OF)
    try:
        yield book, p1, p2
    finally:
        book.close()


def test_profit_after_support_by_hand(small: tuple[Book, Customer, Customer]) -> None:
    book, p1, p2 = small
    assert book.support.as_of() == AS_OF
    one = book.support.of(p1.id)
    assert (one.revenue, one.profit) == (1500.0, 250.0)
    assert one.support_cost == pytest.approx(20 + 300 + 184)
    assert (one.measures, one.uncosted) == (4, 1)
    assert one.profit_after_support == pytest.approx(250 - 504)
    assert one.flagged
    assert one.support_share == pytest.approx(504 / 250)
    two = book.support.of(p2.id)
    assert (two.revenue, two.profit, two.support_cost, two.flagged) == (2000, 600, 0, False)
    assert two.support_share == 0


def test_tiers_sum_their_customers(small: tuple[Book, Customer, Customer]) -> None:
    book, _, _ = small
    (key,) = book.support.by_tier()
    assert (key.tier, key.customers, key.revenue, key.profit) == ("key", 2, 3500, 850)
    assert key.support_cost == pytest.approx(504)
    assert (key.supported, key.flagged) == (1, 1)
    assert key.profit_after_support == pytest.approx(850 - 504)


def test_a_plan_or_measure_taken_out_costs_nothing(small: tuple[Book, Customer, Customer]
                                                 ) -> None:
    book, p1, _ = small
    closed = book.plans.of_customer(p1.id, "2025")
    assert closed is not None
    book.plans.delete(closed.id)
    assert book.support.of(p1.id).support_cost == pytest.approx(20 + 300)
    active = book.plans.of_customer(p1.id, "2026-H1")
    assert active is not None
    book.plans.save(replace(active, support_measures=active.support_measures[:1]))
    assert book.support.of(p1.id).support_cost == pytest.approx(20)


def test_measure_cost_rules() -> None:
    half = sc.MeasureTerms(date(2026, 7, 1), date(2026, 12, 31), None, 184.0)
    # 2026-H2 seen on 2026-09-30: 92 of its 184 days.
    assert sc.measure_cost(half, date(2026, 9, 30)) == pytest.approx(92.0)
    assert sc.measure_cost(half, date(2026, 6, 30)) == 0.0  # not begun
    rate = sc.MeasureTerms(date(2026, 1, 1), date(2026, 6, 30), 3.0, None, 2000.0)
    assert sc.measure_cost(rate, AS_OF) == pytest.approx(60.0)
    both = sc.MeasureTerms(date(2026, 1, 1), date(2026, 6, 30), 3.0, 10.0, 2000.0)
    assert sc.measure_cost(both, AS_OF) == pytest.approx(10.0)  # the stated cost wins
    assert sc.measure_cost(sc.MeasureTerms(date(2026, 1, 1), date(2026, 6, 30), None, None),
                           AS_OF) is None
    assert sc.window(AS_OF) == (date(2025, 7, 1), AS_OF)


def test_flag_needs_a_cost_above_the_profit() -> None:
    assert not sc.CustomerProfit("x", 100, -5, 0).flagged  # a loss, but no support
    assert not sc.CustomerProfit("x", 100, 50, 50).flagged  # support eats it all: even
    assert sc.CustomerProfit("x", 100, 50, 50.01).flagged
    assert sc.CustomerProfit("x", 100, -5, 1).flagged


def test_the_tiers_in_sql_agree_with_the_customers_summed(
        small: tuple[Book, Customer, Customer]) -> None:
    book, p1, _ = small
    assert book.support.by_tier() == sc.by_tier(book.support.customers())
    assert [c.customer_id for c in book.support.supported()] == [p1.id]
