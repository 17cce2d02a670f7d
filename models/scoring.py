"""The weighted value score of a whole book, with tiers, ABC classes and lifecycle stages.

``score = Σ contribution``, where each dimension contributes ``points × weight / 100``
rounded to hundredths of a point (weights add up to 100 %). The score is *defined* as the sum
of those rounded contributions, so an explanation's contributions always add up exactly to the
score shown, and tiers are decided on that same number.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date

import numpy as np

from models.config import DIMENSIONS, ScoringConfig
from models.dimensions import BookFigures, BoolArray, FloatArray, RawDimensions, raw_dimensions
from models.enums import AbcClass, LifecycleStage, Tier
from models.normalise import IntArray, normalise
from models.pareto import ABC_CODES, Concentration, abc_classes, concentration
from models.tiers import (
    LIFECYCLE_CODES,
    TIER_BY_RANK,
    apply_lifecycle_overrides,
    apply_tier_overrides,
    computed_tiers,
    guard_revenue,
    lifecycle_stages,
    revenue_in_top,
)


def weight_vector(config: ScoringConfig) -> FloatArray:
    """The weights (percent) in :data:`DIMENSIONS` order."""
    return np.array([float(config.weights.get(name, 0.0)) for name in DIMENSIONS],
                    dtype=np.float64)


def contributions(points: IntArray, weights: FloatArray) -> IntArray:
    """Contribution of each dimension in hundredths of a point, rounded half up."""
    return np.floor(points * weights + 0.5).astype(np.int64)


#: Settings that change scores and tiers only, never a customer's points, class or stage: a
#: change of these alone can re-tier the book from the points its last rescore stored.
RETIER_FIELDS = frozenset({"weights", "threshold_strategic", "threshold_key",
                           "threshold_standard", "strategic_revenue_top_percent",
                           "review_cadence_days"})


def only_tiering_changed(before: ScoringConfig, after: ScoringConfig) -> bool:
    """Whether ``after`` differs from ``before`` in :data:`RETIER_FIELDS` alone."""
    kept = {f.name: getattr(after, f.name) for f in fields(after) if f.name in RETIER_FIELDS}
    return replace(before, **kept) == after


def tier_totals(tier: IntArray, revenue: FloatArray) -> tuple[dict[Tier, int], dict[Tier, float]]:
    """Customers and positive window revenue per tier. Each revenue sum is correctly rounded
    (``math.fsum``): the same to the last bit in whatever order the customers come (a re-tier
    reads them in table order, a rescore in id order)."""
    counts = np.bincount(tier, minlength=len(TIER_BY_RANK))
    positive = np.where(revenue > 0, revenue, 0.0)
    return ({t: int(counts[rank]) for rank, t in enumerate(TIER_BY_RANK)},
            {t: math.fsum(positive[tier == rank].tolist()) for rank, t in enumerate(TIER_BY_RANK)})


@dataclass(frozen=True)
class Tiering:
    """Scores and tiers of a book from its points (see :func:`tier_points`)."""

    contributions: IntArray
    score_hundredths: IntArray
    computed_tier: IntArray
    guard_blocked: BoolArray
    tier: IntArray
    tier_overridden: BoolArray
    guard_revenue: float | None


def tier_points(points: IntArray, revenue: FloatArray, tier_override: Sequence[str | None],
                config: ScoringConfig) -> Tiering:
    """Weighted scores, computed tiers (with the revenue guard) and effective tiers (with the
    manual overrides) of customers whose N×15 points and window revenue are known."""
    parts = contributions(points, weight_vector(config))
    total = parts.sum(axis=1) if len(points) else np.zeros(0, dtype=np.int64)
    guard = config.strategic_revenue_top_percent
    in_top = revenue_in_top(revenue, guard) if guard is not None else None
    computed, blocked = computed_tiers(total, revenue, config, in_top)
    tiers, overridden = apply_tier_overrides(computed, tier_override)
    return Tiering(contributions=parts, score_hundredths=total, computed_tier=computed,
                   guard_blocked=blocked, tier=tiers, tier_overridden=overridden,
                   guard_revenue=guard_revenue(revenue, config, in_top))


@dataclass(frozen=True)
class BookSummary:
    """What a rescore reports: tiers, their revenue, classes, stages and concentration."""

    as_of: date
    customers: int
    total_revenue: float
    tier_counts: dict[Tier, int]
    tier_revenue: dict[Tier, float]
    abc_counts: dict[AbcClass, int]
    lifecycle_counts: dict[LifecycleStage, int]
    overridden: int
    concentration: Concentration

    def tier_revenue_share(self, tier: Tier) -> float | None:
        """Percent of the book's window revenue brought by ``tier`` (None without revenue)."""
        if self.total_revenue <= 0:
            return None
        return 100.0 * self.tier_revenue[tier] / self.total_revenue


@dataclass
class BookScores:
    """Every customer's dimensions, points, contributions, score, tier, class and stage.

    Arrays are parallel to ``customer_ids``; ``points`` and ``contributions`` are N×15 in
    :data:`DIMENSIONS` order, contributions and scores in hundredths of a point. Tier and
    lifecycle arrays hold codes: ranks into :data:`TIER_BY_RANK`, indexes into
    :data:`LIFECYCLE_CODES`; ``abc`` indexes :data:`ABC_CODES` (-1 = no class).
    """

    as_of: date
    config: ScoringConfig
    customer_ids: list[str]
    raw: RawDimensions
    points: IntArray
    contributions: IntArray
    score_hundredths: IntArray
    computed_tier: IntArray
    guard_blocked: BoolArray
    tier: IntArray
    tier_overridden: BoolArray
    abc: IntArray
    computed_lifecycle: IntArray
    lifecycle: IntArray
    lifecycle_overridden: BoolArray
    revenue: FloatArray
    profit: FloatArray
    concentration: Concentration
    #: Raw value at each percentile point 0..100, per ranked dimension (for explanations).
    quantiles: dict[str, list[float] | None] = field(default_factory=dict)
    guard_revenue: float | None = None
    _index: dict[str, int] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.customer_ids)

    @property
    def score(self) -> FloatArray:
        return self.score_hundredths / 100.0

    def index(self, customer_id: str) -> int:
        """Row of ``customer_id``; raises KeyError if it is not in the book on this date."""
        if self._index is None:
            self._index = {cid: i for i, cid in enumerate(self.customer_ids)}
        return self._index[customer_id]

    def summary(self) -> BookSummary:
        tier_counts, tier_revenue = tier_totals(self.tier, self.revenue)
        abc_counts = np.bincount(self.abc[self.abc >= 0], minlength=3)
        stage_counts = np.bincount(self.lifecycle, minlength=len(LIFECYCLE_CODES))
        return BookSummary(
            as_of=self.as_of,
            customers=len(self),
            total_revenue=float(np.where(self.revenue > 0, self.revenue, 0).sum()),
            tier_counts=tier_counts,
            tier_revenue=tier_revenue,
            abc_counts={c: int(abc_counts[i]) for i, c in enumerate(ABC_CODES)},
            lifecycle_counts={s: int(stage_counts[i]) for i, s in enumerate(LIFECYCLE_CODES)},
            overridden=int(self.tier_overridden.sum()),
            concentration=self.concentration,
        )


def score_book(book: BookFigures, config: ScoringConfig) -> BookScores:
    """Score every customer of ``book`` with ``config`` (validated here)."""
    config = config.validated()
    raw = raw_dimensions(book)
    points, quantiles = normalise(raw)
    tiering = tier_points(points, book.revenue, book.tier_override, config)
    stages = lifecycle_stages(book.days_since_first, book.days_since_last, book.window.as_of,
                              config)
    effective_stages, stage_overridden = apply_lifecycle_overrides(stages,
                                                                   book.lifecycle_override)
    profit = np.where(book.profit_invoices > 0, book.profit, 0.0)
    return BookScores(
        as_of=book.window.as_of, config=config, customer_ids=list(book.customer_ids), raw=raw,
        points=points, contributions=tiering.contributions,
        score_hundredths=tiering.score_hundredths, computed_tier=tiering.computed_tier,
        guard_blocked=tiering.guard_blocked, tier=tiering.tier,
        tier_overridden=tiering.tier_overridden,
        abc=abc_classes(book.revenue, config.abc_a_percent, config.abc_b_percent),
        computed_lifecycle=stages, lifecycle=effective_stages,
        lifecycle_overridden=stage_overridden, revenue=book.revenue.copy(), profit=profit,
        concentration=concentration(book.revenue, config.abc_a_percent),
        quantiles=quantiles, guard_revenue=tiering.guard_revenue,
    )
