"""Account plans for the demo's top customers, so that a first look at the Plans view, the
Plan tab and the plan export shows a working salesperson's plans instead of empty screens.

Each strategic or key customer (the largest first, up to :data:`MAX_PLANS`) gets an active
plan for the half-year holding the demo's "today": a revenue objective from its own figures
(the last half-year plus 10-20 %), one relationship objective one level up, a rebate for a
strategic customer, and four actions around today: the first done, three ahead (the first of
them overdue in about 40 % of the plans, as in a real week). Some plans are further along:
the next action, when it is not overdue, is done early in half of them and the third in half
of those, so a plan has one, two or three of its four actions done and the roll-up's "Actions
done" differs between salespeople (every plan at one in four read 25 % for everyone). Those
draws come from a generator of the plan's own, so the rest of the plans stay as they were.
The words follow the customer's language (Chinese names get Chinese plans)."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from models.enums import (
    ActionStatus,
    ObjectiveKind,
    PlanStatus,
    RelationshipLevel,
    SupportKind,
)
from models.plan_periods import period_containing
from models.plans import AccountPlan, Objective, PlanAction, SupportMeasure

MAX_PLANS = 40
_CJK = re.compile(r"[\u4e00-\u9fff]")

@dataclass(frozen=True)
class _Words:
    revenue: str
    level: str
    situation: str
    actions: tuple[str, str, str, str]


_WORDS = {
    "en": _Words(
        revenue="Grow revenue to {target:,.0f} this half-year",
        level="Move the relationship to the next level: meet the decision makers, not only "
              "purchasing",
        situation="{name}: {tier} customer, {revenue:,.0f} in the last 12 months. Keep the "
                  "share of wallet and widen the contacts beyond purchasing.",
        actions=("Quarterly business review with the purchasing manager",
                 "Meet the technical director about next year's projects",
                 "Present the product roadmap and a joint plan",
                 "Agree the annual rebate terms")),
    "zh_CN": _Words(
        revenue="本半年收入提升至 {target:,.0f}",
        level="关系提升一个层次：接触决策层，而不只是采购",
        situation="{name}：{tier}客户，近 12 个月收入 {revenue:,.0f}。保持份额，"
                  "把联系人扩展到采购以外的部门。",
        actions=("与采购经理进行季度业务回顾",
                 "拜访技术总监，了解明年的项目",
                 "介绍产品路线图，制定联合计划",
                 "商定年度返利条款")),
}
_TIER_WORDS = {"en": {"strategic": "Strategic", "key": "Key"},
               "zh_CN": {"strategic": "战略", "key": "重点"}}


def add_demo_plans(db: Any, anchor: date, seed: int = 1) -> int:
    """Write the plans (inside the caller's transaction); returns how many were made. A
    customer that already has a plan for the period is passed over."""
    period = period_containing(anchor, f"{anchor.year}-H1")  # the half-year holding it
    rng = random.Random(f"plans:{seed}")
    rows = db.conn.execute(
        "SELECT m.customer_id, c.name, m.tier, m.revenue_12m, c.relationship_level, c.owner "
        "FROM customer_metrics m JOIN customers c ON c.id = m.customer_id "
        "WHERE m.deleted = 0 AND m.tier IN ('strategic', 'key') AND m.revenue_12m > 0 "
        "AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.customer_id = m.customer_id "
        "AND p.period = ? AND p.deleted_at IS NULL) "
        "ORDER BY m.tier_rank, m.revenue_12m DESC LIMIT ?", [period, MAX_PLANS]).fetchall()
    for customer_id, name, tier, revenue, level, owner in rows:
        db.save_plan(_plan(customer_id, name, tier, float(revenue), int(level), owner, period,
                           anchor, rng, random.Random(f"plan actions:{seed}:{customer_id}")))
    return len(rows)


def _plan(customer_id: str, name: str, tier: str, revenue: float, level: int, owner: str,
          period: str, anchor: date, rng: random.Random,
          progress: random.Random) -> AccountPlan:
    lang = "zh_CN" if _CJK.search(name) else "en"
    words = _WORDS[lang]
    half = revenue / 2
    target = round(half * rng.uniform(1.10, 1.20), -3)
    current = RelationshipLevel(max(1, min(level, 4)))
    objectives = [
        Objective(kind=ObjectiveKind.REVENUE, description=words.revenue.format(
            target=target), baseline_value=round(half, -3), target_value=target),
        Objective(kind=ObjectiveKind.FREE_TEXT, description=words.level),
    ]
    late = rng.random() < 0.4  # some plans have an overdue action, which Today lists
    dues = (anchor - timedelta(days=rng.randint(12, 30)),   # done
            anchor + timedelta(days=-rng.randint(2, 9) if late else rng.randint(1, 6)),
            anchor + timedelta(days=rng.randint(7, 14)),
            anchor + timedelta(days=rng.randint(20, 45)))
    done_on = _done_on(dues, late, anchor, progress)
    actions = [PlanAction(what=what, owner=owner, due_date=due,
                          status=ActionStatus.DONE if done else ActionStatus.OPEN,
                          done_on=done)
               for what, due, done in zip(words.actions, dues, done_on, strict=True)]
    support = [SupportMeasure(kind=SupportKind.REBATE, rate_percent=2.0,
                              cost=round(revenue * 0.02, -2))] if tier == "strategic" else []
    return AccountPlan(
        customer_id=customer_id, period=period, status=PlanStatus.ACTIVE,
        situation=words.situation.format(name=name, tier=_TIER_WORDS[lang][tier],
                                            revenue=revenue),
        current_level=current,
        target_level=RelationshipLevel(min(current + 1, RelationshipLevel.GROWTH_PARTNERSHIP)),
        review_cadence_days=30 if tier == "strategic" else 60, owner=owner,
        objectives=objectives, support_measures=support, actions=actions)


def _done_on(dues: tuple[date, date, date, date], late: bool, anchor: date,
             progress: random.Random) -> list[date | None]:
    """The day each action was done (None: open). The first is done on its due day; the
    second, unless it is the overdue one, in half the plans, a few days before the anchor
    (early); the third in half of those; the fourth is open."""
    done: list[date | None] = [dues[0], None, None, None]
    if not late and progress.random() < 0.5:
        done[1] = anchor - timedelta(days=progress.randint(0, 3))
        if progress.random() < 0.5:
            done[2] = anchor - timedelta(days=progress.randint(0, 3))
    return done
