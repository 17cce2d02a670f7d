"""Tiers (分级) from scores and thresholds, with the strategic revenue guard and manual
overrides; lifecycle stages (潜在/新客户/活跃/流失) from purchase dates, also overridable.

Tier rule, on the score in hundredths of a point: strategic from ``threshold_strategic``, key
from ``threshold_key``, standard from ``threshold_standard``, low-value below. The optional
guard keeps a customer out of strategic (it stays key) unless its window revenue is in the top
``strategic_revenue_top_percent`` % of the book: fewer than that share of customers have
strictly more revenue, and its own revenue is positive.

Lifecycle as of D: *potential* without any purchase on or before D; *new* when the first
purchase is at most ``new_customer_days`` days before D; *churned* when the last purchase is on
or before D minus ``churn_months`` calendar months; *active* otherwise.

A manual override (``Customer.tier_override`` / ``lifecycle_override``, with a reason) replaces
the computed value everywhere it is used, and is always reported as an override.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np
import numpy.typing as npt

from models.config import ScoringConfig
from models.dimensions import BoolArray, FloatArray
from models.enums import LifecycleStage, Tier
from models.periods import add_months

IntArray = npt.NDArray[np.int64]

#: Tier by rank: index 0 is strategic … 3 low-value (``Tier.rank``).
TIER_BY_RANK: tuple[Tier, ...] = tuple(Tier)
LIFECYCLE_CODES: tuple[LifecycleStage, ...] = (LifecycleStage.POTENTIAL, LifecycleStage.NEW,
                                               LifecycleStage.ACTIVE, LifecycleStage.CHURNED)
_LIFECYCLE_INDEX = {stage.value: index for index, stage in enumerate(LIFECYCLE_CODES)}


def hundredths(value: float) -> int:
    """A threshold in hundredths of a point; scores at or above it reach the tier."""
    return math.ceil(round(value * 100, 6))


def revenue_in_top(revenue: FloatArray, top_percent: float) -> BoolArray:
    """Whether each customer's revenue is positive and in the top ``top_percent`` % (ties at
    the boundary are all in)."""
    n = revenue.size
    if n == 0:
        return np.zeros(0, dtype=bool)
    ordered = np.sort(revenue)
    ahead = n - np.searchsorted(ordered, revenue, side="right")
    return (revenue > 0) & (ahead < top_percent / 100.0 * n)


def guard_revenue(revenue: FloatArray, config: ScoringConfig,
                  in_top: BoolArray | None = None) -> float | None:
    """Lowest window revenue inside the strategic guard (None if the guard is off or empty);
    ``in_top`` is :func:`revenue_in_top` when already computed."""
    if config.strategic_revenue_top_percent is None:
        return None
    if in_top is None:
        in_top = revenue_in_top(revenue, config.strategic_revenue_top_percent)
    inside = revenue[in_top]
    return float(inside.min()) if inside.size else None


def computed_tiers(score_hundredths: IntArray, revenue: FloatArray, config: ScoringConfig,
                   in_top: BoolArray | None = None) -> tuple[IntArray, BoolArray]:
    """Tier rank per customer (0 strategic … 3 low-value) and whether the revenue guard held a
    strategic score down to key."""
    ranks = np.full(score_hundredths.size, 3, dtype=np.int64)
    for rank, threshold in ((2, config.threshold_standard), (1, config.threshold_key),
                            (0, config.threshold_strategic)):
        ranks[score_hundredths >= hundredths(threshold)] = rank
    blocked = np.zeros(score_hundredths.size, dtype=bool)
    if config.strategic_revenue_top_percent is not None:
        if in_top is None:
            in_top = revenue_in_top(revenue, config.strategic_revenue_top_percent)
        blocked = (ranks == 0) & ~in_top
        ranks[blocked] = 1
    return ranks, blocked


def apply_tier_overrides(ranks: IntArray,
                         overrides: Sequence[str | None]) -> tuple[IntArray, BoolArray]:
    """Effective tier ranks and which of them are manual overrides."""
    result = ranks.copy()
    overridden = np.zeros(ranks.size, dtype=bool)
    for index, code in enumerate(overrides):
        if code:
            result[index] = Tier(code).rank
            overridden[index] = True
    return result, overridden


def lifecycle_stages(days_since_first: FloatArray, days_since_last: FloatArray, as_of: date,
                     config: ScoringConfig) -> IntArray:
    """Lifecycle code per customer (index into :data:`LIFECYCLE_CODES`)."""
    churn_days = as_of.toordinal() - add_months(as_of, -config.churn_months).toordinal()
    codes = np.full(days_since_first.size, _LIFECYCLE_INDEX["active"], dtype=np.int64)
    with np.errstate(invalid="ignore"):
        codes[days_since_last >= churn_days] = _LIFECYCLE_INDEX["churned"]
        codes[days_since_first <= config.new_customer_days] = _LIFECYCLE_INDEX["new"]
    codes[np.isnan(days_since_first)] = _LIFECYCLE_INDEX["potential"]
    return codes


def apply_lifecycle_overrides(codes: IntArray,
                              overrides: Sequence[str | None]) -> tuple[IntArray, BoolArray]:
    result = codes.copy()
    overridden = np.zeros(codes.size, dtype=bool)
    for index, code in enumerate(overrides):
        if code:
            result[index] = _LIFECYCLE_INDEX[LifecycleStage(code).value]
            overridden[index] = True
    return result, overridden
