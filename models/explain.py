"""Why a customer has its score and tier, and what would move it to the next tier up.

For each dimension: the raw value, its points (0–100), its weight and its contribution; the
contributions add up exactly to the score. Then the gap to the next tier's threshold and the
*levers*: dimensions that could close it. A lever's reach is the score it would add at 100
points. Dimensions that could close the gap on their own come first, smallest required move
first; then the others by reach; the explanation also names the first levers that together
could close the gap. Tenure is never a lever (only time moves it), nor is a
dimension with no weight. When the revenue guard holds a strategic score at key, the
explanation says so and gives the revenue the guard requires instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from models.config import DIMENSIONS, RATED_DIMENSIONS, ScoringConfig
from models.dimensions import FloatArray
from models.enums import AbcClass, LifecycleStage, Tier
from models.normalise import IntArray
from models.pareto import ABC_CODES
from models.scoring import BookScores, contributions, weight_vector
from models.tiers import LIFECYCLE_CODES, TIER_BY_RANK, hundredths

#: Dimensions no action can move.
NOT_LEVERS = frozenset({"tenure"})
MAX_LEVERS = 5


@dataclass(frozen=True)
class ScoredCustomer:
    """One customer's row of a scored book."""

    customer_id: str
    as_of: date
    raw: FloatArray
    average_days_late: float | None
    points: IntArray
    computed_tier: Tier
    tier: Tier
    tier_overridden: bool
    guard_blocked: bool
    abc_class: AbcClass | None
    lifecycle: LifecycleStage
    lifecycle_overridden: bool
    revenue: float


def scored_customer(scores: BookScores, customer_id: str) -> ScoredCustomer:
    """The row of ``customer_id``; raises KeyError if it is not in the book on that date."""
    i = scores.index(customer_id)
    late = float(scores.raw.average_days_late[i])
    abc = int(scores.abc[i])
    return ScoredCustomer(
        customer_id=customer_id, as_of=scores.as_of, raw=scores.raw.values[i].copy(),
        average_days_late=None if math.isnan(late) else late, points=scores.points[i].copy(),
        computed_tier=TIER_BY_RANK[int(scores.computed_tier[i])],
        tier=TIER_BY_RANK[int(scores.tier[i])], tier_overridden=bool(scores.tier_overridden[i]),
        guard_blocked=bool(scores.guard_blocked[i]),
        abc_class=ABC_CODES[abc] if abc >= 0 else None,
        lifecycle=LIFECYCLE_CODES[int(scores.lifecycle[i])],
        lifecycle_overridden=bool(scores.lifecycle_overridden[i]),
        revenue=float(scores.revenue[i]))


@dataclass(frozen=True)
class DimensionLine:
    dimension: str
    #: Raw value in the dimension's unit (see RawDimensions); None when missing.
    raw: float | None
    points: int
    weight: float
    #: Score points this dimension adds (points × weight / 100, to hundredths).
    contribution: float
    missing: bool
    #: Timeliness only: average days late per invoice due in the window.
    average_days_late: float | None = None


@dataclass(frozen=True)
class Lever:
    """A dimension that could lift the score towards the next tier."""

    dimension: str
    points: int
    weight: float
    #: Most score points this dimension can still add (at 100 points).
    reach: float
    #: Points it would need to close the gap alone (None if it cannot alone).
    target_points: int | None
    #: Approximate raw value giving ``target_points`` in today's book (rating for ratings).
    target_raw: float | None


@dataclass(frozen=True)
class Explanation:
    customer_id: str
    as_of: date
    score: float
    computed_tier: Tier
    tier: Tier
    tier_overridden: bool
    override_reason: str
    lines: tuple[DimensionLine, ...]
    next_tier: Tier | None
    points_to_next_tier: float | None
    levers: tuple[Lever, ...]
    guard_blocked: bool
    #: Lowest window revenue inside the strategic guard, when the guard is on.
    guard_revenue: float | None
    revenue: float
    abc_class: AbcClass | None
    lifecycle: LifecycleStage
    lifecycle_overridden: bool
    lifecycle_override_reason: str = ""
    #: True when the customer's records changed after the scores were computed.
    stale: bool = False
    #: The first levers that together could close the gap (empty if even all cannot).
    closing_set: tuple[str, ...] = ()

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(line.dimension for line in self.lines if line.missing)


def explain(row: ScoredCustomer, config: ScoringConfig, *,
            quantiles: dict[str, list[float] | None] | None = None,
            guard_revenue: float | None = None, override_reason: str = "",
            lifecycle_override_reason: str = "", stale: bool = False) -> Explanation:
    weights = weight_vector(config)
    parts = contributions(row.points.reshape(1, -1), weights)[0]
    score_h = int(parts.sum())
    lines = tuple(
        DimensionLine(dimension=name, raw=None if math.isnan(row.raw[j]) else float(row.raw[j]),
                      points=int(row.points[j]), weight=float(weights[j]),
                      contribution=int(parts[j]) / 100.0, missing=bool(math.isnan(row.raw[j])),
                      average_days_late=row.average_days_late if name == "timeliness" else None)
        for j, name in enumerate(DIMENSIONS))
    next_tier: Tier | None = None
    gap: float | None = None
    levers: tuple[Lever, ...] = ()
    if row.computed_tier is not Tier.STRATEGIC:
        next_tier = TIER_BY_RANK[row.computed_tier.rank - 1]
        threshold = config.threshold_for(next_tier)
        gap_h = max(0, hundredths(threshold or 0.0) - score_h)
        gap = gap_h / 100.0
        if not row.guard_blocked:
            levers = find_levers(row.points, parts, weights, gap_h, quantiles or {}, row.raw)
    closing: list[str] = []
    reached = 0.0
    for lever in levers:
        if gap is None or reached >= gap:
            break
        closing.append(lever.dimension)
        reached += lever.reach
    if gap is None or reached < gap:
        closing = []
    return Explanation(
        customer_id=row.customer_id, as_of=row.as_of, score=score_h / 100.0,
        computed_tier=row.computed_tier, tier=row.tier, tier_overridden=row.tier_overridden,
        override_reason=override_reason if row.tier_overridden else "", lines=lines,
        next_tier=next_tier, points_to_next_tier=gap, levers=levers,
        guard_blocked=row.guard_blocked,
        guard_revenue=guard_revenue if config.strategic_revenue_top_percent is not None
        else None,
        revenue=row.revenue, abc_class=row.abc_class, lifecycle=row.lifecycle,
        lifecycle_overridden=row.lifecycle_overridden,
        lifecycle_override_reason=lifecycle_override_reason if row.lifecycle_overridden else "",
        stale=stale, closing_set=tuple(closing))


def find_levers(points: IntArray, parts: IntArray, weights: FloatArray, gap_h: int,
                quantiles: dict[str, list[float] | None],
                raw: FloatArray | None = None) -> tuple[Lever, ...]:
    """The dimensions that could close a gap of ``gap_h`` hundredths, most plausible first."""
    alone: list[tuple[int, Lever]] = []
    others: list[Lever] = []
    candidates = np.arange(101)
    for j, name in enumerate(DIMENSIONS):
        weight = float(weights[j])
        if weight <= 0 or name in NOT_LEVERS or points[j] >= 100:
            continue
        allowed = candidates[candidates > points[j]]
        if name in RATED_DIMENSIONS:
            allowed = allowed[allowed % 25 == 0]  # a rating moves in steps of 25 points
        gains = np.floor(allowed * weight + 0.5).astype(np.int64) - int(parts[j])
        reach = int(gains[-1]) / 100.0
        enough = allowed[gains >= gap_h]
        target = int(enough[0]) if enough.size else None
        lever = Lever(dimension=name, points=int(points[j]), weight=weight, reach=reach,
                      target_points=target,
                      target_raw=_raw_for(name, target, quantiles,
                                          None if raw is None else float(raw[j]))
                      if target is not None else None)
        if target is not None:
            alone.append((target - int(points[j]), lever))
        else:
            others.append(lever)
    alone.sort(key=lambda item: (item[0], -item[1].reach, item[1].dimension))
    others.sort(key=lambda lever: (-lever.reach, lever.dimension))
    return tuple([lever for _, lever in alone] + others)[:MAX_LEVERS]


def _raw_for(name: str, target: int, quantiles: dict[str, list[float] | None],
             current: float | None) -> float | None:
    if name in RATED_DIMENSIONS:
        return target / 25.0 + 1.0
    table = quantiles.get(name)
    if not table:
        return None
    # Whole points round half up: reaching ``target`` needs the rank at target − 0.5.
    value = float(np.interp(max(0.0, target - 0.5), np.arange(101), np.asarray(table)))
    if current is not None and not math.isnan(current) and value <= current:
        # Tied with others at the current value: the next value above it in the book.
        above = [v for v in table if v > current]
        return above[0] if above else None
    return value
