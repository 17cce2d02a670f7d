"""The manager's roll-up: each salesperson's book and work in one line, and the firm's total.

A line counts the customers an owner holds per tier and their revenue (the last 12 months
against the 12 before), the account plans they run and how far those got, and the work that
is late: plan actions, follow-ups, open complaints. Work items belong to their own owner when
they name one, else to the customer's (as the Today view lists them), so that a line's late
work is what that person's Today shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from models.enums import Tier


@dataclass(frozen=True)
class OwnerRollup:
    """One owner's line ("" = customers nobody owns; the total line has ``is_total``)."""

    owner: str
    customers: dict[Tier, int] = field(default_factory=dict)
    #: Customers not scored yet (no tier).
    unscored: int = 0
    revenue: float = 0.0  # the 12 months up to the day of the roll-up
    #: The same revenue by the customers' tier (not-scored customers' is in none).
    revenue_by_tier: dict[Tier, float] = field(default_factory=dict)
    revenue_before: float = 0.0  # the 12 months before those
    book_revenue: float = 0.0  # every owner's revenue (for the share)
    active_plans: int = 0
    objectives: int = 0  # objectives of the active plans with a target
    objectives_met: int = 0
    plan_revenue: float = 0.0  # what the plans' customers bought in the plans' periods ...
    plan_revenue_target: float = 0.0  # ... against their revenue objectives' targets
    actions: int = 0  # actions of the active plans, cancelled ones left out
    actions_done: int = 0
    overdue_actions: int = 0
    overdue_follow_ups: int = 0
    open_complaints: int = 0
    slipping: int = 0
    last_activity: datetime | None = None
    is_total: bool = False

    @property
    def customer_count(self) -> int:
        return sum(self.customers.values()) + self.unscored

    def tier_count(self, tier: Tier) -> int:
        return self.customers.get(tier, 0)

    @property
    def change(self) -> float | None:
        """Revenue change against the year before (0.25 = +25 %); None when nothing was
        bought then."""
        if self.revenue_before <= 0:
            return None
        return self.revenue / self.revenue_before - 1

    @property
    def share(self) -> float | None:
        """This line's part of the book's revenue (None: the book sold nothing)."""
        if self.book_revenue <= 0:
            return None
        return self.revenue / self.book_revenue

    @property
    def objectives_progress(self) -> float | None:
        return self.objectives_met / self.objectives if self.objectives else None

    @property
    def plan_revenue_progress(self) -> float | None:
        """Revenue bought in the plans' periods against their revenue targets."""
        if self.plan_revenue_target <= 0:
            return None
        return self.plan_revenue / self.plan_revenue_target

    @property
    def actions_progress(self) -> float | None:
        return self.actions_done / self.actions if self.actions else None

    @property
    def overdue_work(self) -> int:
        return self.overdue_actions + self.overdue_follow_ups


@dataclass(frozen=True)
class Rollup:
    """Every owner's line (named owners by name, then the customers nobody owns), and the
    total, on ``as_of``; ``period``: only the plans of that period count (None: every
    active plan); ``compared_with``: the monthly snapshot slipping customers are measured
    against (None: no snapshot before this month, so none is slipping)."""

    as_of: date
    rows: list[OwnerRollup]
    total: OwnerRollup
    period: str | None = None
    compared_with: str | None = None

    @property
    def owners(self) -> list[str]:
        """The named owners (the lines other than the unowned customers')."""
        return [r.owner for r in self.rows if r.owner]

    @property
    def is_team(self) -> bool:
        """More than one owner holds accounts or work in this book: a roll-up is worth
        showing."""
        return len(self.owners) > 1

    def row(self, owner: str) -> OwnerRollup | None:
        return next((r for r in self.rows if r.owner == owner), None)


def total_of(rows: list[OwnerRollup]) -> OwnerRollup:
    """The firm's line: sums of every line, the latest activity of any."""
    customers: dict[Tier, int] = {}
    by_tier: dict[Tier, float] = {}
    for row in rows:
        for tier, count in row.customers.items():
            customers[tier] = customers.get(tier, 0) + count
        for tier, money in row.revenue_by_tier.items():
            by_tier[tier] = by_tier.get(tier, 0.0) + money
    lasts = [r.last_activity for r in rows if r.last_activity is not None]
    book = sum(r.revenue for r in rows)

    def add(name: str) -> int:
        return sum(getattr(r, name) for r in rows)

    return OwnerRollup(
        owner="", customers=customers, unscored=add("unscored"),
        revenue=book, revenue_by_tier=by_tier,
        revenue_before=sum(r.revenue_before for r in rows), book_revenue=book,
        active_plans=add("active_plans"), objectives=add("objectives"),
        objectives_met=add("objectives_met"),
        plan_revenue=sum(r.plan_revenue for r in rows),
        plan_revenue_target=sum(r.plan_revenue_target for r in rows),
        actions=add("actions"), actions_done=add("actions_done"),
        overdue_actions=add("overdue_actions"), overdue_follow_ups=add("overdue_follow_ups"),
        open_complaints=add("open_complaints"), slipping=add("slipping"),
        last_activity=max(lasts) if lasts else None, is_total=True)
