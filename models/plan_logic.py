"""Account-plan rules: carrying a plan over to the next period, and measuring its progress."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from models.enums import ActionStatus, ObjectiveKind, PlanStatus, RelationshipLevel
from models.plan_periods import elapsed_share, period_bounds
from models.plans import AccountPlan, Objective, PlanAction, SupportMeasure
from models.record import new_id

#: Objective kinds whose actual value follows from the customer's transactions in the period.
#: Share of wallet needs the customer's total spend, which the book does not hold.
MEASURED_KINDS = frozenset({ObjectiveKind.REVENUE, ObjectiveKind.MARGIN})


@dataclass(frozen=True)
class PeriodFigures:
    """What the customer bought during a plan period (from its transactions)."""

    revenue: float = 0.0
    profit: float | None = None  # None when no transaction of the period carries a profit
    invoices: int = 0

    @property
    def margin_percent(self) -> float | None:
        if self.profit is None or not self.revenue:
            return None
        return self.profit / self.revenue * 100


@dataclass(frozen=True)
class ObjectiveProgress:
    objective_id: str
    kind: ObjectiveKind
    description: str
    target: float | None
    baseline: float | None
    actual: float | None
    progress: float | None  # share of the way from baseline to target; None = not measurable
    measured: bool  # True when ``actual`` was computed from transactions


@dataclass(frozen=True)
class PlanProgress:
    """Progress figures of one plan on one day."""

    plan_id: str
    period: str
    start: date
    end: date
    time_elapsed: float  # 0–1 share of the period gone
    figures: PeriodFigures
    objectives: list[ObjectiveProgress] = field(default_factory=list)
    actions_open: int = 0
    actions_done: int = 0
    actions_overdue: int = 0

    @property
    def objectives_met(self) -> int:
        return sum(1 for o in self.objectives if o.progress is not None and o.progress >= 1)


def measured_actual(objective: Objective, figures: PeriodFigures) -> float | None:
    """The objective's actual value from the period's transactions, if its kind is measurable.

    Revenue objectives are amounts; margin objectives are gross margin in percent
    (profit / revenue x 100), the figure a sales manager sets as a target.
    """
    if objective.kind == ObjectiveKind.REVENUE:
        return figures.revenue
    if objective.kind == ObjectiveKind.MARGIN:
        return figures.margin_percent
    return None


def plan_progress(plan: AccountPlan, figures: PeriodFigures, today: date) -> PlanProgress:
    start, end = period_bounds(plan.period)
    objectives = []
    for objective in plan.objectives:
        measured = measured_actual(objective, figures)
        actual = measured if objective.kind in MEASURED_KINDS else objective.actual_value
        current = replace(objective, actual_value=actual)
        objectives.append(ObjectiveProgress(
            objective_id=objective.id, kind=objective.kind, description=objective.description,
            target=objective.target_value, baseline=objective.baseline_value, actual=actual,
            progress=current.progress, measured=objective.kind in MEASURED_KINDS))
    live = [a for a in plan.actions if not a.is_deleted]
    return PlanProgress(
        plan_id=plan.id, period=plan.period, start=start, end=end,
        time_elapsed=elapsed_share(plan.period, today), figures=figures, objectives=objectives,
        actions_open=sum(1 for a in live if a.status.is_open),
        actions_done=sum(1 for a in live if a.status == ActionStatus.DONE),
        actions_overdue=sum(1 for a in live if is_overdue(a, today)),
    )


def is_overdue(action: PlanAction, today: date) -> bool:
    return action.status.is_open and action.due_date is not None and action.due_date < today


def objective_met(objective: Objective) -> bool:
    progress = objective.progress
    return progress is not None and progress >= 1


def carry_over(previous: AccountPlan, period: str, *, current_level: RelationshipLevel,
               open_need_ids: Iterable[str], open_complaint_ids: Iterable[str] = (),
               progress: PlanProgress | None = None) -> AccountPlan:
    """A draft plan for ``period`` continuing ``previous``: what is still open comes along.

    Carried, each with a new id: objectives not yet met (free-text goals always, as nothing
    says they were reached; actual values reset for the new period), open actions (linked to
    the carried copy of their objective), every support measure (as part of the new draft), the
    previous plan's needs that are still open plus any open complaint (article 002: past
    complaints come first), the situation, owner and review cadence. Reviews stay with the old
    plan. ``progress`` (of the previous plan) decides which measurable objectives were met;
    without it the stored actual values are used.
    """
    measured = {o.objective_id: o.progress for o in progress.objectives} if progress else {}
    objective_ids: dict[str, str] = {}
    objectives: list[Objective] = []
    for objective in previous.objectives:
        if objective.is_deleted:
            continue
        done = (measured.get(objective.id) if objective.id in measured
                else objective.progress)
        if objective.kind != ObjectiveKind.FREE_TEXT and done is not None and done >= 1:
            continue
        copy = replace(objective, id=new_id(), plan_id="", actual_value=None, created_at="",
                       updated_at="")
        objective_ids[objective.id] = copy.id
        objectives.append(copy)
    actions = [
        replace(action, id=new_id(), plan_id="", done_on=None, created_at="", updated_at="",
                objective_id=objective_ids.get(action.objective_id or ""))
        for action in previous.actions
        if not action.is_deleted and action.status.is_open
    ]
    measures: list[SupportMeasure] = [
        replace(measure, id=new_id(), plan_id="", created_at="", updated_at="")
        for measure in previous.support_measures if not measure.is_deleted
    ]
    still_open = set(open_need_ids)
    need_ids = [n for n in previous.need_ids if n in still_open]
    need_ids += [n for n in open_complaint_ids if n not in need_ids]
    target = max(previous.target_level, current_level)
    return AccountPlan(
        customer_id=previous.customer_id, period=period, status=PlanStatus.DRAFT,
        situation=previous.situation, current_level=current_level, target_level=target,
        review_cadence_days=previous.review_cadence_days, owner=previous.owner,
        need_ids=tuple(need_ids), objectives=objectives, support_measures=measures,
        actions=actions, reviews=[])
