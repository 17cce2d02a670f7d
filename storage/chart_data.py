"""Aggregates the charts draw, computed in SQL (or numpy over one column), never row by row
in Python: each stays well under the 250 ms a dashboard chart may take on 100,000 customers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from models.config import DIMENSIONS
from models.enums import LifecycleStage, RelationshipLevel, Tier
from storage.base import DatabaseBase
from storage.scoring_queries import parse_points
from storage.settings_store import SettingsMixin

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

TIER_RANK = {tier: rank for rank, tier in enumerate(Tier)}


@dataclass(frozen=True)
class TierDistribution:
    customers: dict[Tier, int]
    revenue: dict[Tier, float]
    unscored: int  # customers the engine has not scored yet

    @property
    def total_customers(self) -> int:
        return sum(self.customers.values())


@dataclass(frozen=True)
class MatrixPoints:
    """Score against growth potential (both 0–100) of the customers rated on potential."""

    score: FloatArray
    potential: FloatArray
    tier_rank: IntArray
    unrated: int  # customers without a growth-potential rating (not drawn)
    unscored: int = 0  # customers the engine has not scored yet (counted when none is)


@dataclass(frozen=True)
class Migration:
    from_period: str
    to_period: str
    counts: dict[tuple[Tier, Tier], int]  # (from tier, to tier) -> customers


@dataclass(frozen=True)
class TierRevenueHistory:
    periods: list[str]
    revenue: dict[Tier, list[float]]  # per tier, aligned with periods


@dataclass(frozen=True)
class CustomerProfile:
    """One customer's dimension points against the average of its tier."""

    name: str
    tier: Tier | None
    points: dict[str, int | None]
    tier_average: dict[str, float]


@dataclass(frozen=True)
class MonthlyRevenue:
    months: list[str]  # YYYY-MM, oldest first, every month of the range
    revenue: list[float]


@dataclass(frozen=True)
class ScoreHistory:
    periods: list[str]
    scores: list[float]
    tiers: list[Tier]
    thresholds: dict[Tier, float] = field(default_factory=dict)


def tier_distribution(db: DatabaseBase) -> TierDistribution:
    customers = dict.fromkeys(Tier, 0)
    revenue = dict.fromkeys(Tier, 0.0)
    unscored = 0
    tiers = list(Tier)
    # Index-only (m008): the narrow keys index carries tier rank and revenue.
    for rank, count, total in db.conn.execute(
            "SELECT tier_rank, count(*), total(revenue_12m) FROM customer_metrics "
            "INDEXED BY idx_metrics_keys WHERE deleted = 0 GROUP BY tier_rank"):
        if rank is None:
            unscored = count
        else:
            customers[tiers[rank]] = count
            revenue[tiers[rank]] = total
    return TierDistribution(customers, revenue, unscored)


def book_revenue(db: DatabaseBase) -> FloatArray:
    """12-month revenue of every customer in the book (the Pareto curve's input)."""
    rows = db.conn.execute("SELECT revenue_12m FROM customer_metrics WHERE deleted = 0 "
                           "ORDER BY revenue_12m DESC").fetchall()
    return np.fromiter((r[0] for r in rows), dtype=np.float64, count=len(rows))


def value_potential(db: DatabaseBase) -> MatrixPoints:
    # Index-only (m008): score, growth-potential points and tier rank from the keys index.
    rows = db.conn.execute(
        "SELECT score, growth_points, tier_rank FROM customer_metrics "
        "INDEXED BY idx_metrics_keys WHERE deleted = 0 AND score IS NOT NULL").fetchall()
    if not rows:
        unscored = int(db.scalar("SELECT count(*) FROM customer_metrics INDEXED BY "
                                 "idx_metrics_keys WHERE deleted = 0 AND score IS NULL"))
        return MatrixPoints(np.empty(0), np.empty(0), np.empty(0, dtype=np.int64), 0,
                            unscored)
    data = np.array(rows, dtype=np.float64)  # None -> nan
    rated = ~np.isnan(data[:, 1])
    return MatrixPoints(score=data[rated, 0], potential=data[rated, 1],
                        tier_rank=np.nan_to_num(data[rated, 2], nan=3).astype(np.int64),
                        unrated=int((~rated).sum()))


def count_by(db: DatabaseBase, column: str) -> dict[str, int]:
    """Customers per value of a ``customer_metrics`` column (lifecycle, relationship level)."""
    if column not in ("lifecycle", "relationship_level", "abc_class", "tier", "owner"):
        raise ValueError(column)
    # SQLite reads the tiers through a partial index and looks every row up (156 ms on
    # 100,000 customers); straight through the table it is 68 ms. The other columns' own
    # indexes cover the count (6-13 ms).
    hint = "NOT INDEXED" if column == "tier" else ""
    return {str(value): count for value, count in db.conn.execute(
        f"SELECT {column}, count(*) FROM customer_metrics {hint} WHERE deleted = 0 "
        f"AND {column} IS NOT NULL GROUP BY {column}")}


def lifecycle_counts(db: DatabaseBase) -> dict[LifecycleStage, int]:
    counts = count_by(db, "lifecycle")
    return {stage: counts.get(stage.value, 0) for stage in LifecycleStage}


def relationship_counts(db: DatabaseBase) -> dict[RelationshipLevel, int]:
    counts = count_by(db, "relationship_level")
    return {level: counts.get(str(level.value), 0) for level in RelationshipLevel}


def snapshot_periods(db: DatabaseBase) -> list[str]:
    """Stored periods, oldest first: one primary-key probe per period, not a scan of every
    snapshot row (12 periods of 100,000 customers are 1.2 million rows)."""
    return [r[0] for r in db.conn.execute(
        "WITH RECURSIVE p(period) AS (SELECT min(period) FROM score_snapshots UNION ALL "
        "SELECT (SELECT min(period) FROM score_snapshots WHERE period > p.period) FROM p "
        "WHERE p.period IS NOT NULL) SELECT period FROM p WHERE period IS NOT NULL")]


def migration(db: DatabaseBase, from_period: str, to_period: str) -> Migration:
    """Who moved between the tiers of two periods: kept with the snapshots for neighbouring
    periods (m009), joined from the two periods' snapshots for any other pair."""
    counts: dict[tuple[Tier, Tier], int] = {}
    kept = db.conn.execute(
        "SELECT from_tier, to_tier, customers FROM snapshot_migrations "
        "WHERE from_period = ? AND to_period = ?", [from_period, to_period]).fetchall()
    if kept:
        return Migration(from_period, to_period,
                         {(Tier(before), Tier(after)): n for before, after, n in kept})
    for before, after, count in db.conn.execute(
            "SELECT a.tier, b.tier, count(*) FROM score_snapshots a "
            "JOIN score_snapshots b ON b.customer_id = a.customer_id AND b.period = ? "
            "WHERE a.period = ? GROUP BY a.tier, b.tier", [to_period, from_period]):
        counts[(Tier(before), Tier(after))] = count
    return Migration(from_period, to_period, counts)


def migration_customers(db: DatabaseBase, from_period: str, to_period: str, before: Tier,
                        after: Tier) -> frozenset[str]:
    """Who moved from one tier to another (a click on the migration chart filters to them)."""
    return frozenset(r[0] for r in db.conn.execute(
        "SELECT a.customer_id FROM score_snapshots a JOIN score_snapshots b "
        "ON b.customer_id = a.customer_id AND b.period = ? "
        "WHERE a.period = ? AND a.tier = ? AND b.tier = ?",
        [to_period, from_period, before.value, after.value]))


def tier_revenue_history(db: DatabaseBase) -> TierRevenueHistory:
    """Revenue per tier per period, from the summaries written with each snapshot (a period
    without one, e.g. written by an older version, is summed from its rows)."""
    periods = snapshot_periods(db)
    index = {p: i for i, p in enumerate(periods)}
    revenue = {tier: [0.0] * len(periods) for tier in Tier}
    summarised: set[str] = set()
    for period, tier, total in db.conn.execute(
            "SELECT period, tier, revenue FROM snapshot_summaries"):
        if period in index:
            revenue[Tier(tier)][index[period]] = total
            summarised.add(period)
    for period in periods:
        if period not in summarised:
            for tier, total in db.conn.execute(
                    "SELECT tier, total(revenue) FROM score_snapshots WHERE period = ? "
                    "GROUP BY tier", [period]):
                revenue[Tier(tier)][index[period]] = total
    return TierRevenueHistory(periods, revenue)


def customer_profile(db: DatabaseBase, customer_id: str) -> CustomerProfile:
    row = db.conn.execute(
        "SELECT c.name, m.tier, m.dimensions FROM customers c "
        "JOIN customer_metrics m ON m.customer_id = c.id WHERE c.id = ?",
        [customer_id]).fetchone()
    if row is None:
        return CustomerProfile("", None, {}, {})
    name, tier, dims = row
    points = parse_points(dims)
    average: dict[str, float] = {}
    if tier is not None:
        # Points are stored as an array (rows written before m008 as an object: both read).
        columns = ", ".join(f"avg(coalesce(json_extract(dimensions, '$[{i}]'), "
                            f"json_extract(dimensions, '$.{d}')))"
                            for i, d in enumerate(DIMENSIONS))
        values = db.conn.execute(
            f"SELECT {columns} FROM customer_metrics WHERE deleted = 0 AND tier = ?",
            [tier]).fetchone()
        average = {d: float(v) for d, v in zip(DIMENSIONS, values, strict=True) if v is not None}
    return CustomerProfile(name, Tier(tier) if tier else None, points, average)


def monthly_revenue(db: DatabaseBase, customer_id: str, months: int = 24,
                    as_of: date | None = None) -> MonthlyRevenue:
    as_of = as_of or date.today()
    labels = _month_labels(as_of, months)
    totals = dict.fromkeys(labels, 0.0)
    for month, total in db.conn.execute(
            "SELECT substr(date, 1, 7), total(amount) FROM transactions "
            "WHERE customer_id = ? AND deleted_at IS NULL AND date >= ? AND date <= ? "
            "GROUP BY 1", [customer_id, f"{labels[0]}-01", as_of.isoformat()]):
        if month in totals:
            totals[month] = total
    return MonthlyRevenue(labels, [totals[m] for m in labels])


def score_history(db: SettingsMixin, customer_id: str) -> ScoreHistory:
    rows = db.conn.execute("SELECT period, score, tier FROM score_snapshots "
                           "WHERE customer_id = ? ORDER BY period", [customer_id]).fetchall()
    config = db.scoring_config()
    thresholds = {tier: float(config.threshold_for(tier)) for tier in Tier}
    return ScoreHistory([r[0] for r in rows], [float(r[1]) for r in rows],
                        [Tier(r[2]) for r in rows], thresholds)


def _month_labels(as_of: date, months: int) -> list[str]:
    year, month = as_of.year, as_of.month
    labels = []
    for _ in range(months):
        labels.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return labels[::-1]
