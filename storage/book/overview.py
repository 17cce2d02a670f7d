"""One customer on one page: what a salesperson wants to see before a call or a visit.

Tier and score with the reason, the revenue trend, the relationship level, the open needs and
complaints (late ones first), the plan's next actions, the last and the next contact, and the
key contacts: read in one snapshot of the book, in a handful of indexed queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from models.entities import Contact, Interaction, Need
from models.explain import Explanation
from models.plan_logic import PlanProgress
from models.plans import AccountPlan, PlanAction
from storage import chart_data
from storage.book.types import WorkspaceHeader
from storage.errors import RecordNotFoundError

if TYPE_CHECKING:
    from storage.book.customers import Customers
    from storage.book.scoring import Scoring
    from storage.book.work import Plans
    from storage.database import Database

#: How many of each list the page shows (the tabs hold the rest).
SHOWN = 3


@dataclass(frozen=True)
class AccountOverview:
    header: WorkspaceHeader
    #: Why the customer has its tier (None: not scored yet).
    explanation: Explanation | None
    #: The last 24 months' revenue, oldest first (the trend), and their labels.
    months: list[str]
    monthly: list[float]
    open_needs: list[Need]
    open_needs_total: int
    plan: AccountPlan | None
    progress: PlanProgress | None
    next_actions: list[PlanAction]
    last_contact: Interaction | None
    next_follow_up: Interaction | None
    key_contacts: list[Contact]

    @property
    def revenue_12m(self) -> float:
        return sum(self.monthly[-12:])

    @property
    def revenue_before(self) -> float:
        """The 12 months before the last 12."""
        return sum(self.monthly[-24:-12])

    @property
    def trend(self) -> float | None:
        """Change of the last 12 months' revenue against the 12 before (None: nothing
        bought then)."""
        before = self.revenue_before
        return None if before <= 0 else self.revenue_12m / before - 1


class Overview:
    """The one-page summary of a customer (the workspace's first tab, printable)."""

    def __init__(self, db: Database, customers: Customers, scoring: Scoring,
                 plans: Plans) -> None:
        self._db = db
        self._customers = customers
        self._scoring = scoring
        self._plans = plans

    def of(self, customer_id: str, today: date | None = None) -> AccountOverview:
        today = today or date.today()
        db = self._db
        with db.read_snapshot():
            header = self._customers.header(customer_id)
            try:
                explanation = self._scoring.explain(customer_id) if header.score is not None \
                    else None
            except RecordNotFoundError:
                explanation = None
            revenue = chart_data.monthly_revenue(db, customer_id, 24, today)
            needs = db.find(Need, "customer_id = ? AND status IN ('open', 'in_progress')",
                            [customer_id], order_by=(
                                "due_on IS NULL, due_on, kind <> 'complaint', "
                                "CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 "
                                "ELSE 2 END, raised_on"))
            plan = self._plans.of_customer(customer_id)
            progress = self._plans.progress(plan, today=today) if plan is not None else None
            actions = sorted((a for a in plan.actions if a.status.is_open),
                             key=lambda a: (a.due_date or date.max, a.what)) if plan else []
            last = db.find(Interaction, "customer_id = ? AND occurred_at <= ?",
                           [customer_id, f"{today.isoformat()}T99"],
                           order_by="occurred_at DESC", limit=1)
            upcoming = db.find(Interaction, "customer_id = ? AND next_step_due IS NOT NULL "
                               "AND next_step_done = 0", [customer_id],
                               order_by="next_step_due", limit=1)
            contacts = db.find(Contact, "customer_id = ?", [customer_id],
                               order_by="is_primary DESC, coalesce(influence, 0) DESC, name",
                               limit=SHOWN)
        return AccountOverview(
            header=header, explanation=explanation, months=revenue.months,
            monthly=revenue.revenue, open_needs=needs[:SHOWN], open_needs_total=len(needs),
            plan=plan, progress=progress, next_actions=actions[:SHOWN],
            last_contact=last[0] if last else None,
            next_follow_up=upcoming[0] if upcoming else None, key_contacts=contacts)
