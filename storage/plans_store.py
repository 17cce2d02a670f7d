"""Account plans in the book: new plans, carry-over, progress, the plans list and actions due."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from models.config import ScoringConfig
from models.entities import Customer
from models.enums import ActionStatus, NeedKind, PlanStatus, RelationshipLevel, Tier
from models.plan_logic import PeriodFigures, PlanProgress, carry_over, plan_progress
from models.plan_periods import period_bounds
from models.plans import AccountPlan, PlanAction
from models.playbook_builtin import need_objective_words
from models.playbooks import Playbook, plan_from_playbook, with_needs_first
from models.record import Record
from models.validation import check_period, tr_noop
from storage import playbooks_store
from storage.base import DatabaseBase
from storage.errors import RecordNotFoundError, StorageError
from storage.mapping import from_row

R = TypeVar("R", bound=Record)


class PlanExistsError(StorageError):
    message = tr_noop("{customer} already has a plan for {period}.")


class NoPreviousPlanError(StorageError):
    message = tr_noop("{customer} has no plan before {period} to carry over.")


@dataclass(frozen=True)
class PlanSummary:
    """One line of the Plans view."""

    plan_id: str
    customer_id: str
    customer_code: str
    customer_name: str
    period: str
    status: PlanStatus
    owner: str
    tier: Tier | None
    actions_open: int
    actions_overdue: int
    next_due: date | None  # earliest due date of an open action
    objectives: int
    updated_at: str


@dataclass(frozen=True)
class DueAction:
    """An open plan action with a due date (the Today view lists these)."""

    action_id: str
    plan_id: str
    customer_id: str
    customer_name: str
    period: str
    what: str
    owner: str
    due_date: date
    status: ActionStatus
    overdue: bool


_STATUS_ORDER = "CASE p.status WHEN 'active' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END"

_SUMMARY_SQL = f"""
WITH a AS (
    SELECT plan_id,
           count(*) FILTER (WHERE status IN ('open', 'in_progress')) AS open_count,
           count(*) FILTER (WHERE status IN ('open', 'in_progress') AND due_date < :today)
               AS overdue_count,
           min(due_date) FILTER (WHERE status IN ('open', 'in_progress')) AS next_due
    FROM plan_actions WHERE deleted_at IS NULL GROUP BY plan_id
),
o AS (SELECT plan_id, count(*) AS n FROM plan_objectives WHERE deleted_at IS NULL
      GROUP BY plan_id)
SELECT p.id, p.customer_id, c.code, c.name, p.period, p.status, p.owner, m.tier,
       coalesce(a.open_count, 0) AS open_count, coalesce(a.overdue_count, 0) AS overdue_count,
       a.next_due, coalesce(o.n, 0) AS objectives, p.updated_at
FROM plans p
JOIN customers c ON c.id = p.customer_id AND c.deleted_at IS NULL
LEFT JOIN customer_metrics m ON m.customer_id = p.customer_id
LEFT JOIN a ON a.plan_id = p.id
LEFT JOIN o ON o.plan_id = p.id
WHERE p.deleted_at IS NULL {{filters}}
ORDER BY overdue_count > 0 DESC, CASE WHEN overdue_count > 0 THEN a.next_due END,
         {_STATUS_ORDER}, p.period DESC, c.name_sort, p.id
"""


class PlansMixin(DatabaseBase):
    # Provided by RecordsMixin and SettingsMixin, which Database combines with this mixin; declared
    # here for mypy, which checks that both signatures agree.
    if TYPE_CHECKING:
        def get(self, cls: type[R], record_id: str, *, include_deleted: bool = False) -> R: ...
        def update(self, record: R, *, force: bool = False,
                   change_id: str | None = None) -> R: ...
        def get_plan(self, plan_id: str, *, include_deleted: bool = False) -> AccountPlan: ...
        def save_plan(self, plan: AccountPlan, *, force: bool = False) -> AccountPlan: ...
        def scoring_config(self) -> ScoringConfig: ...

    # ---- finding plans -------------------------------------------------------------------
    def plans_of(self, customer_id: str) -> list[AccountPlan]:
        """The customer's live plans, latest period first (by the period's start date)."""
        rows = self.query("SELECT id, period FROM plans WHERE customer_id = ? AND "
                          "deleted_at IS NULL", [customer_id])
        rows.sort(key=lambda r: period_bounds(r["period"]), reverse=True)
        return [self.get_plan(r["id"]) for r in rows]

    def plan_for(self, customer_id: str, period: str | None = None) -> AccountPlan | None:
        """The plan of ``period``, or the latest plan when no period is given."""
        if period is not None:
            period = check_period("period", period)
            plan_id = self.scalar("SELECT id FROM plans WHERE customer_id = ? AND period = ? "
                                  "AND deleted_at IS NULL", [customer_id, period])
            return self.get_plan(plan_id) if plan_id else None
        plans = self.plans_of(customer_id)
        return plans[0] if plans else None

    # ---- creating plans ------------------------------------------------------------------
    def new_plan(self, customer_id: str, period: str, *, owner: str | None = None,
                 playbook: Playbook | None = None, lang: str = "en",
                 me: str = "") -> AccountPlan:
        """A new draft plan: from ``playbook`` when given, else empty with the current level
        from the customer, one level up as target, review cadence from the customer's tier.
        A customer's first plan opens with its open complaints and needs (issue 19)."""
        customer = self.get(Customer, customer_id)
        period = self._free_period(customer, period)
        level = customer.relationship_level
        tier = self.scalar("SELECT tier FROM customer_metrics WHERE customer_id = ?",
                           [customer_id])
        cadence = self.scoring_config().review_cadence_days.get(tier or "", 90)
        plan = AccountPlan(
            customer_id=customer_id, period=period, current_level=level,
            target_level=RelationshipLevel(min(level + 1, RelationshipLevel.GROWTH_PARTNERSHIP)),
            review_cadence_days=max(7, min(366, int(cadence))),
            owner=customer.owner if owner is None else owner)
        if playbook is not None:
            start = period_bounds(period)[0]
            plan = plan_from_playbook(
                playbook, customer_id=customer_id, period=period, start=start,
                current_level=level, owner=plan.owner, me=me,
                baseline_revenue=playbooks_store.revenue_before(self, customer_id, start))
        if playbooks_store.is_first_plan(self, customer_id):
            plan = with_needs_first(plan, playbooks_store.open_needs(self, customer_id),
                                    need_objective_words(lang))
        return self.save_plan(plan)

    def new_plan_from_previous(self, customer_id: str, period: str, *,
                               previous_plan_id: str | None = None,
                               today: date | None = None) -> AccountPlan:
        """"New plan from last period": a saved draft carrying over what is still open."""
        customer = self.get(Customer, customer_id)
        period = self._free_period(customer, period)
        start = period_bounds(period)[0]
        if previous_plan_id:
            previous = self.get_plan(previous_plan_id)
        else:
            earlier = [p for p in self.plans_of(customer_id)
                       if period_bounds(p.period)[0] < start]
            if not earlier:
                raise NoPreviousPlanError(customer=customer.name, period=period)
            previous = earlier[0]
        open_needs = [(r["id"], r["kind"]) for r in self.query(
            "SELECT id, kind FROM needs WHERE customer_id = ? AND deleted_at IS NULL AND "
            "status IN ('open', 'in_progress') ORDER BY raised_on", [customer_id])]
        plan = carry_over(
            previous, period, current_level=customer.relationship_level,
            open_need_ids=[n for n, _ in open_needs],
            open_complaint_ids=[n for n, k in open_needs if k == NeedKind.COMPLAINT],
            progress=self.plan_progress(previous, today=today))
        return self.save_plan(plan)

    def _free_period(self, customer: Customer, period: str) -> str:
        period = check_period("period", period)
        if self.scalar("SELECT 1 FROM plans WHERE customer_id = ? AND period = ? AND "
                       "deleted_at IS NULL", [customer.id, period]):
            raise PlanExistsError(customer=customer.name, period=period)
        return period

    # ---- progress ------------------------------------------------------------------------
    def period_figures(self, customer_id: str, start: date, end: date) -> PeriodFigures:
        row = self.conn.execute(
            "SELECT total(amount), sum(profit), count(*) FROM transactions "
            "WHERE customer_id = ? AND deleted_at IS NULL AND date BETWEEN ? AND ?",
            [customer_id, start.isoformat(), end.isoformat()]).fetchone()
        return PeriodFigures(revenue=float(row[0]),
                             profit=None if row[1] is None else float(row[1]),
                             invoices=int(row[2]))

    def plan_progress(self, plan: AccountPlan | str, *, today: date | None = None) -> PlanProgress:
        """Objective progress from the customer's transactions over the plan period."""
        record: AccountPlan = (self.get_plan(plan)
                               if isinstance(plan, str) else plan)
        start, end = period_bounds(record.period)
        figures = self.period_figures(record.customer_id, start, end)
        return plan_progress(record, figures, today or date.today())

    # ---- lists ---------------------------------------------------------------------------
    def list_plans(self, statuses: frozenset[PlanStatus] | None = None, *,
                   owner: str | None = None, customer_id: str | None = None,
                   today: date | None = None) -> list[PlanSummary]:
        """Plans for the Plans view: those with overdue actions first (most overdue first),
        then active, draft and closed plans, latest period first."""
        filters, params = "", {"today": (today or date.today()).isoformat()}
        if statuses:
            codes = sorted(s.value for s in statuses)
            names = [f":s{i}" for i in range(len(codes))]
            filters += f" AND p.status IN ({', '.join(names)})"
            params.update({f"s{i}": code for i, code in enumerate(codes)})
        if owner is not None:
            filters += " AND p.owner = :owner"
            params["owner"] = owner
        if customer_id is not None:
            filters += " AND p.customer_id = :customer_id"
            params["customer_id"] = customer_id
        return [PlanSummary(
            plan_id=r[0], customer_id=r[1], customer_code=r[2], customer_name=r[3], period=r[4],
            status=PlanStatus(r[5]), owner=r[6], tier=Tier(r[7]) if r[7] else None,
            actions_open=r[8], actions_overdue=r[9],
            next_due=date.fromisoformat(r[10]) if r[10] else None, objectives=r[11],
            updated_at=r[12],
        ) for r in self.conn.execute(_SUMMARY_SQL.format(filters=filters), params)]

    def plan_actions_due(self, until: date, *, today: date | None = None,
                         owner: str | None = None) -> list[DueAction]:
        """Open actions of live (not closed) plans due on or before ``until``, overdue ones
        included, earliest first."""
        today = today or date.today()
        sql = ("SELECT a.id, a.plan_id, p.customer_id, c.name, p.period, a.what, a.owner, "
               "a.due_date, a.status FROM plan_actions a "
               "JOIN plans p ON p.id = a.plan_id AND p.deleted_at IS NULL "
               "AND p.status <> 'closed' "
               "JOIN customers c ON c.id = p.customer_id AND c.deleted_at IS NULL "
               "WHERE a.deleted_at IS NULL AND a.status IN ('open', 'in_progress') "
               "AND a.due_date IS NOT NULL AND a.due_date <= ?")
        params: list[str] = [until.isoformat()]
        if owner is not None:
            sql += " AND (a.owner = ? OR (a.owner = '' AND p.owner = ?))"
            params += [owner, owner]
        sql += " ORDER BY a.due_date, c.name_sort, a.id"
        return [DueAction(
            action_id=r[0], plan_id=r[1], customer_id=r[2], customer_name=r[3], period=r[4],
            what=r[5], owner=r[6], due_date=date.fromisoformat(r[7]),
            status=ActionStatus(r[8]), overdue=date.fromisoformat(r[7]) < today,
        ) for r in self.conn.execute(sql, params)]

    def complete_action(self, action_id: str, on: date | None = None) -> PlanAction:
        """Mark a plan action done (the Today view's tick box)."""
        rows = self.query("SELECT * FROM plan_actions WHERE id = ? AND deleted_at IS NULL",
                          [action_id])
        if not rows:
            raise RecordNotFoundError(kind="plan_actions", key=action_id)
        action = from_row(PlanAction, rows[0])
        done = replace(action, status=ActionStatus.DONE, done_on=on or date.today())
        return self.update(done)
