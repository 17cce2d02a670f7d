"""The account plan (客户经营计划): per customer and period, what we aim for and how."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial as p
from typing import ClassVar

from models.entities import MONEY_LIMIT, _level, _text
from models.enums import ActionStatus, ObjectiveKind, PlanStatus, RelationshipLevel, SupportKind
from models.record import Record
from models.validation import (
    MSG_REQUIRED,
    ValidationError,
    check_choice,
    check_date,
    check_ids,
    check_int_range,
    check_number,
    check_period,
    tr_noop,
)

MSG_TARGET_BELOW_CURRENT = tr_noop("The target level should not be below the current level.")
MSG_TARGET_NEEDED = tr_noop("A measurable objective needs a target value.")
MSG_NOT_NEGATIVE = tr_noop("Revenue cannot be negative.")
MSG_SHARE_RANGE = tr_noop("A share of wallet is a percentage from 0 to 100.")
MSG_MARGIN_RANGE = tr_noop("A margin is a percentage from -100 to 100.")

#: What each measurable kind's baseline, target and actual may be (None: no bound).
VALUE_RANGES: dict[ObjectiveKind, tuple[float, float, str]] = {
    ObjectiveKind.REVENUE: (0.0, MONEY_LIMIT, MSG_NOT_NEGATIVE),
    ObjectiveKind.SHARE_OF_WALLET: (0.0, 100.0, MSG_SHARE_RANGE),
    ObjectiveKind.MARGIN: (-100.0, 100.0, MSG_MARGIN_RANGE),
}


@dataclass(kw_only=True)
class Objective(Record):
    """A goal with a measurable target; progress is the share of the way from the baseline
    to the target that the actual has come, from 0 to 1."""

    plan_id: str = ""
    kind: ObjectiveKind = ObjectiveKind.FREE_TEXT
    description: str = ""
    target_value: float | None = None
    baseline_value: float | None = None
    actual_value: float | None = None

    CHECKS: ClassVar = {
        "kind": p(check_choice, "kind", enum=ObjectiveKind),
        "description": _text("description", required=True, max_len=500),
        "target_value": p(check_number, "target_value", required=False, minimum=-MONEY_LIMIT,
                          maximum=MONEY_LIMIT),
        "baseline_value": p(check_number, "baseline_value", required=False,
                            minimum=-MONEY_LIMIT, maximum=MONEY_LIMIT),
        "actual_value": p(check_number, "actual_value", required=False, minimum=-MONEY_LIMIT,
                          maximum=MONEY_LIMIT),
    }

    def check_consistency(self) -> None:
        if self.kind != ObjectiveKind.FREE_TEXT and self.target_value is None:
            raise ValidationError("target_value", MSG_TARGET_NEEDED)
        bounds = VALUE_RANGES.get(self.kind)
        if bounds is None:
            return
        low, high, message = bounds
        for name in ("target_value", "baseline_value", "actual_value"):
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                raise ValidationError(name, message)

    @property
    def progress(self) -> float | None:
        """(actual − baseline) / (target − baseline), clamped to 0–1: no sales yet against a
        baseline of 2.7M and a target of 3M is 0 %, not −900 %; beyond the target is 100 %
        (the figures themselves say by how much). None when not measurable."""
        if self.target_value is None or self.actual_value is None:
            return None
        start = self.baseline_value or 0.0
        span = self.target_value - start
        if span == 0:
            return 1.0 if self.actual_value >= self.target_value else 0.0
        return min(1.0, max(0.0, (self.actual_value - start) / span))


@dataclass(kw_only=True)
class SupportMeasure(Record):
    """Differentiated support (返利, 进货折扣, 促销支持, ...), with terms and what it costs us."""

    plan_id: str = ""
    kind: SupportKind = SupportKind.PRIORITY_SERVICE
    terms: str = ""
    rate_percent: float | None = None  # rebate or discount rate
    cost: float | None = None

    CHECKS: ClassVar = {
        "kind": p(check_choice, "kind", enum=SupportKind),
        "terms": _text("terms", max_len=1_000, multiline=True),
        "rate_percent": p(check_number, "rate_percent", required=False, minimum=0, maximum=100),
        "cost": p(check_number, "cost", required=False, minimum=0, maximum=MONEY_LIMIT),
    }


@dataclass(kw_only=True)
class PlanAction(Record):
    plan_id: str = ""
    what: str = ""
    owner: str = ""
    due_date: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    objective_id: str | None = None
    done_on: date | None = None

    CHECKS: ClassVar = {
        "what": _text("what", required=True, max_len=500),
        "owner": _text("owner", max_len=80),
        "due_date": p(check_date, "due_date", required=False),
        "status": lambda v: check_choice("status", v or ActionStatus.OPEN, ActionStatus),
        "done_on": p(check_date, "done_on", required=False),
    }


@dataclass(kw_only=True)
class PlanReview(Record):
    plan_id: str = ""
    reviewed_on: date = field(default_factory=date.today)
    note: str = ""

    CHECKS: ClassVar = {
        "reviewed_on": p(check_date, "reviewed_on"),
        "note": _text("note", required=True, max_len=5_000, multiline=True),
    }


@dataclass(kw_only=True)
class AccountPlan(Record):
    customer_id: str
    period: str  # 2027, 2027-H1, 2027-Q3 or 2027-05
    status: PlanStatus = PlanStatus.DRAFT
    situation: str = ""
    current_level: RelationshipLevel = RelationshipLevel.TRANSACTIONAL
    target_level: RelationshipLevel = RelationshipLevel.DEPENDENT
    review_cadence_days: int = 90
    owner: str = ""
    need_ids: tuple[str, ...] = ()
    objectives: list[Objective] = field(default_factory=list)
    support_measures: list[SupportMeasure] = field(default_factory=list)
    actions: list[PlanAction] = field(default_factory=list)
    reviews: list[PlanReview] = field(default_factory=list)

    CHECKS: ClassVar = {
        "customer_id": _text("customer_id", required=True, max_len=64),
        "period": p(check_period, "period"),
        "status": lambda v: check_choice("status", v or PlanStatus.DRAFT, PlanStatus),
        "situation": _text("situation", max_len=10_000, multiline=True),
        "current_level": _level("current_level"),
        "target_level": _level("target_level"),
        "review_cadence_days": lambda v: check_int_range("review_cadence_days",
                                                         90 if v in (None, "") else v, 7, 366),
        "owner": _text("owner", max_len=80),
        "need_ids": p(check_ids, "need_ids"),
    }

    def check_consistency(self) -> None:
        if self.target_level < self.current_level:
            raise ValidationError("target_level", MSG_TARGET_BELOW_CURRENT)
        if not self.customer_id:
            raise ValidationError("customer_id", MSG_REQUIRED)

    def open_actions(self) -> list[PlanAction]:
        return [a for a in self.actions if a.status.is_open and not a.is_deleted]
