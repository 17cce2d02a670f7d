"""Profit after support: what the support granted in a customer's plans costs, set against the
profit the customer brings (pure arithmetic, computable by hand).

**The window** is the scores' 12 months: after ``as_of − 365 days`` up to ``as_of``; revenue
and profit are the customer's in that window (``customer_metrics``).

**Which measures count**: those of the customer's plans that were granted (status *active*
or *closed*; a *draft* promises nothing yet) whose period overlaps the window.

**What a measure costs** in the window (:func:`measure_cost`):

* with a stated ``cost`` (the amount the plan budgets for it, whatever its kind): that cost
  in proportion to the part of the plan's period inside the window (a half-year plan of
  which 92 of 184 days fall in the window counts half its cost);
* else with a ``rate_percent`` (a rebate or discount given as a rate): the rate × the
  customer's revenue in the days the plan's period and the window share;
* else (priority service and the like with neither): nothing, and the measure is counted
  as *uncosted* so the screen can say the figure leaves it out.

When both are given the stated cost wins: the rate is then the terms, the cost the
estimate the plan was approved with (the demo's plans give both).

**Profit after support** = profit − support cost. A customer is *flagged* when its support
costs more than the profit it brings (support cost > 0 and profit after support < 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from models.enums import Tier

#: The window's length (the scores' 12 months).
WINDOW_DAYS = 365


def window(as_of: date) -> tuple[date, date]:
    """First and last day (inclusive) of the 12 months ending on ``as_of``."""
    return as_of - timedelta(days=WINDOW_DAYS - 1), as_of


def overlap(first: date, last: date, as_of: date) -> tuple[date, date] | None:
    """The days (inclusive) a period from ``first`` to ``last`` shares with the window."""
    start, end = window(as_of)
    lo, hi = max(first, start), min(last, end)
    return (lo, hi) if lo <= hi else None


@dataclass(frozen=True)
class MeasureTerms:
    """One support measure as the cost needs it."""

    plan_first: date
    plan_last: date
    rate_percent: float | None
    cost: float | None
    #: The customer's revenue in the days the plan's period shares with the window.
    revenue_in_overlap: float = 0.0


def measure_cost(terms: MeasureTerms, as_of: date) -> float | None:
    """What the measure costs in the window; None: it states neither a cost nor a rate."""
    shared = overlap(terms.plan_first, terms.plan_last, as_of)
    if shared is None:
        return 0.0
    if terms.cost is not None:
        days = (terms.plan_last - terms.plan_first).days + 1
        inside = (shared[1] - shared[0]).days + 1
        return terms.cost * inside / days
    if terms.rate_percent is not None:
        return terms.rate_percent / 100 * terms.revenue_in_overlap
    return None


@dataclass(frozen=True)
class CustomerProfit:
    """Revenue, profit and support of one customer in the window."""

    customer_id: str
    revenue: float
    profit: float
    support_cost: float
    #: Measures counted, and those of them that state neither cost nor rate.
    measures: int = 0
    uncosted: int = 0
    tier: str | None = None
    code: str = ""
    name: str = ""
    owner: str = ""

    @property
    def profit_after_support(self) -> float:
        return self.profit - self.support_cost

    @property
    def flagged(self) -> bool:
        """Support costs more than the profit the customer brings."""
        return self.support_cost > 0 and self.profit_after_support < 0

    @property
    def support_share(self) -> float | None:
        """Support cost as a share of profit (None: no profit to share)."""
        return self.support_cost / self.profit if self.profit > 0 else None


def customer_profit(customer_id: str, revenue: float, profit: float,
                    measures: Iterable[MeasureTerms], as_of: date, *, tier: str | None = None,
                    code: str = "", name: str = "", owner: str = "") -> CustomerProfit:
    """The customer's figures with the cost of every measure of its granted plans."""
    cost, counted, uncosted = 0.0, 0, 0
    for terms in measures:
        if overlap(terms.plan_first, terms.plan_last, as_of) is None:
            continue
        counted += 1
        value = measure_cost(terms, as_of)
        if value is None:
            uncosted += 1
        else:
            cost += value
    return CustomerProfit(customer_id, revenue, profit, cost, counted, uncosted, tier, code,
                          name, owner)


@dataclass(frozen=True)
class TierProfit:
    """The sums of one tier (``tier`` None: customers not scored yet)."""

    tier: str | None
    customers: int
    revenue: float
    profit: float
    support_cost: float
    #: Customers with any support cost, and those flagged.
    supported: int
    flagged: int

    @property
    def profit_after_support(self) -> float:
        return self.profit - self.support_cost


def by_tier(customers: Iterable[CustomerProfit]) -> list[TierProfit]:
    """One line per tier, strategic first, then the customers not scored yet."""
    sums: dict[str | None, list[float]] = {}
    for c in customers:
        row = sums.setdefault(c.tier, [0, 0.0, 0.0, 0.0, 0, 0])
        row[0] += 1
        row[1] += c.revenue
        row[2] += c.profit
        row[3] += c.support_cost
        row[4] += 1 if c.support_cost > 0 else 0
        row[5] += 1 if c.flagged else 0
    order: list[str | None] = [*Tier.codes(), None]
    return [TierProfit(t, int(s[0]), s[1], s[2], s[3], int(s[4]), int(s[5]))
            for t in order if (s := sums.get(t)) is not None]
