"""Playbooks (plan templates, issue 19 point 2): what a new plan for a customer of a given
tier and relationship level starts from, which one fits a customer, and the plan it makes."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial as p
from typing import Any, ClassVar

from models.enums import LifecycleStage, ObjectiveKind, RelationshipLevel, SupportKind, Tier
from models.plans import AccountPlan, Objective, PlanAction, SupportMeasure
from models.record import Record
from models.validation import (
    ValidationError,
    check_int_range,
    clean_text,
    tr_noop,
)

MSG_BAD_STEPS = tr_noop("The playbook's objectives, measures or actions cannot be read.")
MSG_BAD_TIER = tr_noop("Unknown tier: {value}.")
MSG_LEVELS = tr_noop("The target level should not be below the starting level.")

#: Who an action of a playbook falls to: the user making the plan, or the account's owner.
OWNER_ME = "me"
OWNER_ACCOUNT = "account_owner"
OWNERS = (OWNER_ME, OWNER_ACCOUNT)
#: The longest offset an action may have from the plan's start (ten years).
MAX_OFFSET = 3_660
#: Built-in playbooks' stored versions have ids made from their key, so that two members of
#: a team who edit the same built-in edit one record (merged field by field by team sync).
BUILTIN_NAMESPACE = uuid.UUID("6f1d2a52-2f0e-4c1b-9d3e-5a6b7c8d9e01")


def builtin_id(key: str) -> str:
    return str(uuid.uuid5(BUILTIN_NAMESPACE, key))


@dataclass(frozen=True)
class PlaybookObjective:
    """An objective a plan starts with. ``target``: for revenue, growth in percent over the
    customer's revenue of the 12 months before the plan; for margin and share of wallet, the
    percentage aimed at; none for a free-text goal."""

    kind: ObjectiveKind
    description: str
    target: float | None = None


@dataclass(frozen=True)
class PlaybookMeasure:
    kind: SupportKind
    terms: str = ""
    rate_percent: float | None = None


@dataclass(frozen=True)
class PlaybookAction:
    """An action due ``offset_days`` after the plan's start, for ``owner`` (OWNERS)."""

    what: str
    offset_days: int = 0
    owner: str = OWNER_ACCOUNT


@dataclass(frozen=True)
class PlaybookSteps:
    objectives: tuple[PlaybookObjective, ...] = ()
    measures: tuple[PlaybookMeasure, ...] = ()
    actions: tuple[PlaybookAction, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "objectives": [{"kind": o.kind.value, "description": o.description,
                            "target": o.target} for o in self.objectives],
            "measures": [{"kind": m.kind.value, "terms": m.terms,
                          "rate_percent": m.rate_percent} for m in self.measures],
            "actions": [{"what": a.what, "offset_days": a.offset_days, "owner": a.owner}
                        for a in self.actions],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, raw: Any) -> PlaybookSteps:
        """Steps read back (ValidationError on ``body`` when they do not make sense)."""
        try:
            objectives = tuple(_objective(o) for o in raw.get("objectives", []))
            measures = tuple(_measure(m) for m in raw.get("measures", []))
            actions = tuple(_action(a) for a in raw.get("actions", []))
        except (AttributeError, KeyError, TypeError, ValueError, ValidationError):
            raise ValidationError("body", MSG_BAD_STEPS) from None
        return cls(objectives, measures, actions)

    @classmethod
    def from_json(cls, text: str) -> PlaybookSteps:
        try:
            raw = json.loads(text or "{}")
        except ValueError:
            raise ValidationError("body", MSG_BAD_STEPS) from None
        return cls.from_dict(raw)


def _number(value: Any, low: float, high: float) -> float | None:
    if value is None or value == "":
        return None
    number = float(value)
    if not low <= number <= high:
        raise ValueError(number)
    return number


def _objective(raw: Any) -> PlaybookObjective:
    kind = ObjectiveKind(raw["kind"])
    description = clean_text("description", raw.get("description"), required=True,
                             max_len=500)
    target = _number(raw.get("target"), -100.0, 1_000.0)
    if kind != ObjectiveKind.FREE_TEXT and target is None:
        raise ValueError("target")
    return PlaybookObjective(kind, description, None if kind == ObjectiveKind.FREE_TEXT
                             else target)


def _measure(raw: Any) -> PlaybookMeasure:
    return PlaybookMeasure(SupportKind(raw["kind"]),
                           clean_text("terms", raw.get("terms"), max_len=1_000, multiline=True),
                           _number(raw.get("rate_percent"), 0.0, 100.0))


def _action(raw: Any) -> PlaybookAction:
    owner = raw.get("owner") or OWNER_ACCOUNT
    if owner not in OWNERS:
        raise ValueError(owner)
    offset = raw.get("offset_days", 0)
    if isinstance(offset, bool) or not isinstance(offset, int) or \
            not 0 <= offset <= MAX_OFFSET:
        raise ValueError(offset)
    return PlaybookAction(clean_text("what", raw.get("what"), required=True, max_len=500),
                          offset, owner)


def _optional_level(name: str, value: Any) -> int | None:
    if value is None or value == "" or value == 0:
        return None
    return int(check_int_range(name, value, 1, 4))


def _tiers(value: Any) -> tuple[str, ...]:
    codes = tuple(value or ())
    for code in codes:
        if code not in Tier.codes():
            raise ValidationError("tiers", MSG_BAD_TIER, value=code)
    return tuple(t for t in Tier.codes() if t in codes)  # highest first, once each


def _lifecycle(value: Any) -> str:
    code = value or ""
    if code and code not in LifecycleStage.codes():
        raise ValidationError("lifecycle", MSG_BAD_STEPS)
    return str(code)


def _body(value: Any) -> str:
    return PlaybookSteps.from_json(value or "{}").to_json()


@dataclass(kw_only=True)
class Playbook(Record):
    """A plan template. ``builtin_key`` names the built-in it is (or is the edited version
    of); '' for the user's own. Applies to customers of ``tiers`` (none: any tier) at
    relationship level ``from_level`` (None: any), in lifecycle stage ``lifecycle`` ('' any)."""

    name: str = ""
    builtin_key: str = ""
    tiers: tuple[str, ...] = ()
    lifecycle: str = ""
    from_level: int | None = None
    target_level: int | None = None
    review_cadence_days: int = 90
    summary: str = ""
    body: str = "{}"

    CHECKS: ClassVar = {
        "name": p(clean_text, "name", required=True, max_len=120),
        "builtin_key": p(clean_text, "builtin_key", max_len=60),
        "tiers": _tiers,
        "lifecycle": _lifecycle,
        "from_level": p(_optional_level, "from_level"),
        "target_level": p(_optional_level, "target_level"),
        "review_cadence_days": lambda v: check_int_range("review_cadence_days",
                                                         90 if v in (None, "") else v, 7, 366),
        "summary": p(clean_text, "summary", max_len=2_000, multiline=True),
        "body": _body,
    }

    @property
    def steps(self) -> PlaybookSteps:
        return PlaybookSteps.from_json(self.body)

    def with_steps(self, steps: PlaybookSteps) -> Playbook:
        return replace(self, body=steps.to_json())

    @property
    def is_builtin(self) -> bool:
        return bool(self.builtin_key)

    def check_consistency(self) -> None:
        if self.from_level and self.target_level and self.target_level < self.from_level:
            raise ValidationError("target_level", MSG_LEVELS)


# ---- which playbook fits a customer -----------------------------------------------------------
def fit(playbook: Playbook, tier: Tier | None, level: RelationshipLevel,
        lifecycle: LifecycleStage | None) -> int | None:
    """How well ``playbook`` fits a customer (None: not at all). A lifecycle stage named and
    met counts most, then the exact starting level, then a tier named and met."""
    if playbook.lifecycle and (lifecycle is None or playbook.lifecycle != lifecycle.value):
        return None
    if playbook.tiers and (tier is None or tier.value not in playbook.tiers):
        return None
    if playbook.from_level and playbook.from_level != int(level):
        return None
    return (4 if playbook.lifecycle else 0) + (2 if playbook.from_level else 0) + \
        (1 if playbook.tiers else 0)


def propose(playbooks: list[Playbook], tier: Tier | None, level: RelationshipLevel,
            lifecycle: LifecycleStage | None) -> Playbook | None:
    """The playbook that fits best; among equals the first of ``playbooks`` (built-ins come
    in their own order, then the user's by name)."""
    best: tuple[int, int] | None = None
    chosen = None
    for order, playbook in enumerate(playbooks):
        score = fit(playbook, tier, level, lifecycle)
        if score is not None and (best is None or (score, -order) > best):
            best, chosen = (score, -order), playbook
    return chosen


# ---- the plan a playbook makes ----------------------------------------------------------------
def plan_from_playbook(playbook: Playbook, *, customer_id: str, period: str, start: date,
                       current_level: RelationshipLevel, owner: str, me: str,
                       baseline_revenue: float) -> AccountPlan:
    """A draft plan for ``period`` (starting on ``start``) made from ``playbook``: its
    objectives (a revenue target is ``baseline_revenue`` grown by the playbook's percent,
    rounded to a whole amount), measures, actions due ``offset_days`` after ``start`` (an
    action for "me" falls to ``me``, or to the account's owner when no one is "me"), review
    cadence and target level (one level up when the playbook names none; never below the
    current level)."""
    steps = playbook.steps
    objectives = []
    for goal in steps.objectives:
        baseline: float | None = None
        target = goal.target
        if goal.kind == ObjectiveKind.REVENUE and target is not None:
            baseline = round(baseline_revenue, 2)
            target = float(round(baseline_revenue * (1 + target / 100)))
        objectives.append(Objective(kind=goal.kind, description=goal.description,
                                    target_value=target, baseline_value=baseline))
    measures = [SupportMeasure(kind=m.kind, terms=m.terms, rate_percent=m.rate_percent)
                for m in steps.measures]
    actions = [PlanAction(what=a.what, owner=(me or owner) if a.owner == OWNER_ME else owner,
                          due_date=start + timedelta(days=a.offset_days))
               for a in steps.actions]
    wanted = playbook.target_level or min(int(current_level) + 1, 4)
    target_level = RelationshipLevel(max(int(current_level), wanted))
    return AccountPlan(customer_id=customer_id, period=period, situation=playbook.summary,
                       current_level=current_level, target_level=target_level,
                       review_cadence_days=playbook.review_cadence_days, owner=owner,
                       objectives=objectives, support_measures=measures, actions=actions)


def with_needs_first(plan: AccountPlan, needs: list[tuple[str, bool, str]],
                     words: tuple[str, str]) -> AccountPlan:
    """``plan`` with an objective for each open need ahead of its own (complaints first, then
    requirements and suggestions, each in the order given) and the needs linked to it.
    ``needs``: (id, is a complaint, description); ``words``: the two objective texts, for a
    complaint and for a need, each with a ``{}`` for the description."""
    ordered = [n for n in needs if n[1]] + [n for n in needs if not n[1]]
    goals = [Objective(kind=ObjectiveKind.FREE_TEXT,
                       description=(words[0] if complaint else words[1])
                       .format(" ".join(text.split()))[:500])
             for _, complaint, text in ordered]
    linked = tuple(dict.fromkeys([*(n[0] for n in ordered), *plan.need_ids]))
    return replace(plan, objectives=[*goals, *plan.objectives], need_ids=linked)
