"""Tier changes read from the stored snapshots: one customer's history of changes, and every
customer whose tier changed between the book's last two monthly periods (for the export)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

import numpy as np
import numpy.typing as npt

from models.config import DIMENSIONS, ScoringConfig
from models.enums import Tier
from models.normalise import NEUTRAL_POINTS
from models.tier_change import PeriodPair, TierChange, tier_changes, tier_changes_between
from storage.base import DatabaseBase
from storage.scoring_queries import parse_points, parse_points_arrays
from storage.settings_store import SCORING_CONFIG_KEY
from storage.snapshot_store import _SNAPSHOT_COLUMNS, _snapshot


def _settings(db: DatabaseBase) -> tuple[dict[str, float], float | None]:
    """Today's weights (a snapshot keeps the points, not the weights it was scored with), and
    the strategic threshold when the revenue guard is on."""
    stored = db.scalar("SELECT value FROM settings WHERE key = ?", [SCORING_CONFIG_KEY])
    config = ScoringConfig.from_json(json.loads(stored)) if stored else ScoringConfig()
    guard = config.threshold_strategic if config.strategic_revenue_top_percent is not None \
        else None
    return config.weights, guard


def customer_tier_changes(db: DatabaseBase, customer_id: str) -> tuple[TierChange, ...]:
    """Every tier change in the customer's snapshots, latest first."""
    rows = db.query(f"SELECT {_SNAPSHOT_COLUMNS} FROM score_snapshots WHERE customer_id = ? "
                    "ORDER BY as_of, period", [customer_id])
    return tier_changes([_snapshot(row) for row in rows], *_settings(db))


def last_monthly_periods(db: DatabaseBase) -> tuple[str, str] | None:
    """The book's last two monthly snapshot periods (earlier first), if it has two."""
    labels = [row[0] for row in db.conn.execute(
        "SELECT DISTINCT period FROM score_snapshots WHERE period NOT LIKE '%Q%' "
        "ORDER BY period DESC LIMIT 2")]
    return (labels[1], labels[0]) if len(labels) == 2 else None


def latest_tier_changes(db: DatabaseBase, drivers: int | None = None
                        ) -> dict[str, TierChange]:
    """Customers whose tier changed between the book's last two monthly periods, by id;
    ``drivers``: only the first so many drivers of each."""
    periods = last_monthly_periods(db)
    if periods is None:
        return {}
    rows = db.conn.execute(
        "SELECT a.customer_id, a.tier, b.tier, a.score, b.score, a.dimensions, b.dimensions, "
        "b.as_of FROM score_snapshots a JOIN score_snapshots b "
        "ON b.period = :after AND b.customer_id = a.customer_id "
        "WHERE a.period = :before AND a.tier <> b.tier",
        {"before": periods[0], "after": periods[1]}).fetchall()
    weights, guard = _settings(db)
    if not rows:
        return {}
    ids, old, new, score_before, score_after, dims_before, dims_after, as_of = zip(
        *rows, strict=True)
    before = _points_arrays(dims_before)
    after = _points_arrays(dims_after)
    tiers = {t.value: t for t in Tier}
    pair = PeriodPair(
        from_period=periods[0], to_period=periods[1], as_of=date.fromisoformat(as_of[0]),
        customer_ids=ids, tiers_before=[tiers[t] for t in old],
        tiers_after=[tiers[t] for t in new], scores_before=[float(s) for s in score_before],
        scores_after=[float(s) for s in score_after], points_before=before[0],
        missing_before=before[1], points_after=after[0], missing_after=after[1])
    return tier_changes_between(pair, weights, guard, drivers=drivers)


def _points_arrays(texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Points and missing flags of many stored rows (either stored form)."""
    parsed = parse_points_arrays(texts)
    if parsed is not None:
        return parsed
    rows = [parse_points(text) for text in texts]
    values = [[row.get(name) for name in DIMENSIONS] for row in rows]
    missing = np.array([[v is None for v in row] for row in values], dtype=bool)
    points = np.array([[NEUTRAL_POINTS if v is None else int(v) for v in row]
                       for row in values], dtype=np.int64)
    return points, missing
