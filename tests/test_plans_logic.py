"""Plan periods, carry-over to the next period and progress figures (pure domain rules)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.enums import ActionStatus, ObjectiveKind, PlanStatus, RelationshipLevel, SupportKind
from models.plan_logic import PeriodFigures, carry_over, plan_progress
from models.plan_periods import (
    elapsed_share,
    next_period,
    period_bounds,
    period_containing,
    previous_period,
)
from models.plans import AccountPlan, Objective, PlanAction, SupportMeasure
from models.validation import ValidationError, ValidationErrors


@pytest.mark.parametrize(("period", "start", "end"), [
    ("2027", date(2027, 1, 1), date(2027, 12, 31)),
    ("2027-H1", date(2027, 1, 1), date(2027, 6, 30)),
    ("2027-H2", date(2027, 7, 1), date(2027, 12, 31)),
    ("2027-Q3", date(2027, 7, 1), date(2027, 9, 30)),
    ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
])
def test_period_bounds(period: str, start: date, end: date) -> None:
    assert period_bounds(period) == (start, end)


@pytest.mark.parametrize(("period", "following"), [
    ("2027", "2028"), ("2027-H1", "2027-H2"), ("2027-H2", "2028-H1"), ("2027-Q4", "2028-Q1"),
    ("2027-12", "2028-01"), ("2027-05", "2027-06"),
])
def test_next_and_previous_period(period: str, following: str) -> None:
    assert next_period(period) == following
    assert previous_period(following) == period


def test_period_helpers() -> None:
    assert period_containing(date(2027, 8, 2), "2026-H1") == "2027-H2"
    assert period_containing(date(2027, 8, 2), "2026-Q1") == "2027-Q3"
    assert elapsed_share("2027", date(2026, 5, 1)) == 0.0
    assert elapsed_share("2027", date(2028, 1, 1)) == 1.0
    assert 0.49 < elapsed_share("2027", date(2027, 7, 1)) < 0.51
    with pytest.raises(ValidationError):
        period_bounds("2027-H3")


def _plan() -> AccountPlan:
    revenue = Objective(kind=ObjectiveKind.REVENUE, description="Revenue 1 M",
                        target_value=1_000_000, baseline_value=0)
    margin = Objective(kind=ObjectiveKind.MARGIN, description="Margin 25 %", target_value=25)
    goal = Objective(kind=ObjectiveKind.FREE_TEXT, description="Meet the new director")
    return AccountPlan(
        customer_id="c1", period="2027-H1", status=PlanStatus.ACTIVE, situation="Price war",
        current_level=RelationshipLevel.DEPENDENT, target_level=RelationshipLevel.PARTNERSHIP,
        need_ids=("n-open", "n-met"), objectives=[revenue, margin, goal],
        support_measures=[SupportMeasure(kind=SupportKind.REBATE, terms="2 %", rate_percent=2)],
        actions=[
            PlanAction(what="Review", status=ActionStatus.DONE, objective_id=revenue.id,
                       done_on=date(2027, 3, 1)),
            PlanAction(what="Promotion", status=ActionStatus.IN_PROGRESS,
                       objective_id=revenue.id, due_date=date(2027, 5, 1)),
            PlanAction(what="Dropped", status=ActionStatus.CANCELLED),
            PlanAction(what="Visit", due_date=date(2027, 7, 15)),
        ])


def test_progress_measures_revenue_and_margin_from_the_period() -> None:
    plan = _plan()
    figures = PeriodFigures(revenue=600_000, profit=180_000, invoices=12)
    progress = plan_progress(plan, figures, date(2027, 6, 1))
    by_kind = {o.kind: o for o in progress.objectives}
    assert by_kind[ObjectiveKind.REVENUE].actual == 600_000
    assert by_kind[ObjectiveKind.REVENUE].progress == pytest.approx(0.6)
    assert by_kind[ObjectiveKind.MARGIN].actual == pytest.approx(30.0)
    # 30 % against a 25 % target: met, shown as 100 % (the figures say by how much).
    assert by_kind[ObjectiveKind.MARGIN].progress == pytest.approx(1.0)
    assert by_kind[ObjectiveKind.FREE_TEXT].progress is None
    assert progress.objectives_met == 1
    assert (progress.actions_open, progress.actions_done, progress.actions_overdue) == (2, 1, 1)
    assert 0.8 < progress.time_elapsed < 0.9


def test_carry_over_takes_what_is_still_open_with_new_ids() -> None:
    plan = _plan()
    progress = plan_progress(plan, PeriodFigures(revenue=600_000, profit=180_000),
                             date(2027, 6, 30))
    new = carry_over(plan, "2027-H2", current_level=RelationshipLevel.PARTNERSHIP,
                     open_need_ids=["n-open", "n-other"], open_complaint_ids=["n-complaint"],
                     progress=progress)
    assert new.period == "2027-H2" and new.status == PlanStatus.DRAFT
    assert new.id != plan.id
    # The unmet revenue objective and the free-text goal come along; the met margin does not.
    assert [o.description for o in new.objectives] == ["Revenue 1 M", "Meet the new director"]
    assert all(o.actual_value is None for o in new.objectives)
    assert not {o.id for o in new.objectives} & {o.id for o in plan.objectives}
    # Open actions only, linked to the carried objective.
    assert [a.what for a in new.actions] == ["Promotion", "Visit"]
    assert new.actions[0].objective_id == new.objectives[0].id
    assert new.actions[1].objective_id is None
    assert not {a.id for a in new.actions} & {a.id for a in plan.actions}
    assert [m.terms for m in new.support_measures] == ["2 %"]
    assert new.support_measures[0].id != plan.support_measures[0].id
    assert new.need_ids == ("n-open", "n-complaint")
    assert new.current_level == RelationshipLevel.PARTNERSHIP
    assert new.target_level == RelationshipLevel.PARTNERSHIP
    assert new.reviews == []
    new.validated()


def test_carry_over_without_progress_uses_stored_actuals() -> None:
    plan = _plan()
    plan.objectives[0].actual_value = 1_200_000
    new = carry_over(plan, "2027-H2", current_level=RelationshipLevel.DEPENDENT,
                     open_need_ids=[])
    assert [o.kind for o in new.objectives] == [ObjectiveKind.MARGIN, ObjectiveKind.FREE_TEXT]
    assert new.target_level == RelationshipLevel.PARTNERSHIP


def test_progress_is_the_share_of_the_way_from_baseline_to_target_clamped() -> None:
    """Baseline 2.7M, target 3M: no sales yet is 0 % (it showed -900 %), 2.85M is 50 %,
    3.3M is 100 %; a target below the baseline (bring returns down) counts the other way."""
    def objective(actual: float, baseline: float = 2_700_000,
                  target: float = 3_000_000) -> Objective:
        return Objective(kind=ObjectiveKind.REVENUE, description="营收", baseline_value=baseline,
                         target_value=target, actual_value=actual)

    assert objective(0).progress == 0.0
    assert objective(2_850_000).progress == pytest.approx(0.5)
    assert objective(3_300_000).progress == 1.0
    assert objective(20, baseline=30, target=10).progress == pytest.approx(0.5)


@pytest.mark.parametrize(("kind", "field", "value"), [
    (ObjectiveKind.REVENUE, "target_value", -1.0),
    (ObjectiveKind.REVENUE, "baseline_value", -500.0),
    (ObjectiveKind.REVENUE, "actual_value", -0.01),
    (ObjectiveKind.SHARE_OF_WALLET, "target_value", 120.0),
    (ObjectiveKind.MARGIN, "target_value", -150.0),
])
def test_objective_values_out_of_their_kinds_range_are_refused(
        kind: ObjectiveKind, field: str, value: float) -> None:
    values: dict[str, Any] = {"target_value": 10.0, field: value}
    with pytest.raises(ValidationErrors) as refused:
        Objective(kind=kind, description="x", **values).validated()
    assert list(refused.value.by_field()) == [field]
    assert Objective(kind=ObjectiveKind.MARGIN, description="亏损收窄", target_value=-5.0,
                     baseline_value=-12.0).validated().target_value == -5.0


@pytest.mark.parametrize(("typed", "code"), [
    ("2027年一季度", "2027-Q1"), ("2027年第三季度", "2027-Q3"), ("2027年上半年", "2027-H1"),
    ("2027年下半年", "2027-H2"), ("2027年5月", "2027-05"), ("2027年", "2027"),
    ("2027年度", "2027"), ("2027-h2", "2027-H2"), ("Q4 2027", "2027-Q4"),
    ("2027 Q3", "2027-Q3"), ("2027/5", "2027-05"),
])
def test_periods_are_accepted_in_both_languages(typed: str, code: str) -> None:
    plan = AccountPlan(customer_id="c", period=typed).validated()
    assert plan.period == code


@pytest.mark.parametrize("typed", ["2027-H3", "2027年13月", "2027年五季度", "下半年", "27-Q1"])
def test_malformed_periods_are_refused(typed: str) -> None:
    with pytest.raises(ValidationErrors):
        AccountPlan(customer_id="c", period=typed).validated()
