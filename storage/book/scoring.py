"""Scores, tiers, their snapshots and settings, and the figures the charts draw."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from models.config import ScoringConfig
from models.enums import LifecycleStage, RelationshipLevel, SnapshotPeriod, Tier
from models.explain import Explanation
from models.periods import Period
from models.segments import TiersBySegment
from models.tier_change import TierChange
from storage import chart_data, segment_queries, tier_change_queries
from storage.chart_data import (
    CustomerProfile,
    FloatArray,
    MatrixPoints,
    Migration,
    MonthlyRevenue,
    ScoreHistory,
    TierDistribution,
    TierRevenueHistory,
)
from storage.scoring_store import RescoreResult, ScoringState
from storage.snapshot_store import SnapshotResult

if TYPE_CHECKING:
    from storage.database import Database


class Scoring:
    """Scores, tiers and their snapshots."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def rescore(self, as_of: date | None = None, *, snapshot: SnapshotPeriod | None = None,
                in_transaction: bool = False) -> RescoreResult:
        """Score the book as of ``as_of`` and store it, with the snapshot of the period of
        kind ``snapshot`` holding that day in the same transaction."""
        day = as_of or date.today()
        period = Period.containing(day, snapshot) if snapshot is not None else None
        return self._db.rescore(day, snapshot=period,
                                helpers=False if in_transaction else None)

    def backfill(self, periods: int, kind: SnapshotPeriod,
                 as_of: date | None = None) -> list[SnapshotResult]:
        return self._db.backfill_snapshots(periods, kind, as_of or date.today())

    def explain(self, customer_id: str, as_of: date | None = None) -> Explanation:
        return self._db.explain_customer(customer_id, as_of)

    def config(self) -> ScoringConfig:
        return self._db.scoring_config()

    def tier_changes(self, customer_id: str) -> tuple[TierChange, ...]:
        """Every change of the customer's tier between consecutive snapshot periods, latest
        first, with the dimensions that moved it most."""
        return tier_change_queries.customer_tier_changes(self._db, customer_id)

    def latest_tier_changes(self) -> dict[str, TierChange]:
        """Customers whose tier changed between the book's last two monthly periods."""
        return tier_change_queries.latest_tier_changes(self._db)

    def state(self) -> ScoringState | None:
        return self._db.scoring_state()

    def change_settings(self, config: ScoringConfig) -> RescoreResult:
        """New weights, thresholds or guard: the book re-tiered at once (from its stored
        points where nothing else changed), with this month's snapshot in step."""
        return self._db.change_settings(config)


class Charts:
    """The figures behind the dashboard's and the workspace's charts (reads only)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def tier_distribution(self) -> TierDistribution:
        return chart_data.tier_distribution(self._db)

    def book_revenue(self) -> FloatArray:
        return chart_data.book_revenue(self._db)

    def value_potential(self) -> MatrixPoints:
        return chart_data.value_potential(self._db)

    def lifecycle_counts(self) -> dict[LifecycleStage, int]:
        return chart_data.lifecycle_counts(self._db)

    def tiers_by_segment(self) -> TiersBySegment:
        """Scored customers per tier and revenue for each value of each segment."""
        return segment_queries.segment_breakdown(self._db)

    def relationship_counts(self) -> dict[RelationshipLevel, int]:
        return chart_data.relationship_counts(self._db)

    def snapshot_periods(self) -> list[str]:
        return chart_data.snapshot_periods(self._db)

    def migration(self, from_period: str, to_period: str) -> Migration:
        return chart_data.migration(self._db, from_period, to_period)

    def migration_customers(self, from_period: str, to_period: str, before: Tier,
                            after: Tier) -> frozenset[str]:
        return chart_data.migration_customers(self._db, from_period, to_period, before, after)

    def tier_revenue_history(self) -> TierRevenueHistory:
        return chart_data.tier_revenue_history(self._db)

    def customer_profile(self, customer_id: str) -> CustomerProfile:
        return chart_data.customer_profile(self._db, customer_id)

    def monthly_revenue(self, customer_id: str, months: int = 24,
                        as_of: date | None = None) -> MonthlyRevenue:
        return chart_data.monthly_revenue(self._db, customer_id, months, as_of)

    def score_history(self, customer_id: str) -> ScoreHistory:
        return chart_data.score_history(self._db, customer_id)
