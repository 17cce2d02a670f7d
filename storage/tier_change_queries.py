"""Tier changes read from the stored snapshots: one customer's history of changes, and every
customer whose tier changed between the book's last two monthly periods (for the export)."""

from __future__ import annotations

import json
from typing import Any

from models.config import ScoringConfig
from models.tier_change import TierChange, tier_change, tier_changes
from storage.base import DatabaseBase
from storage.settings_store import SCORING_CONFIG_KEY
from storage.snapshot_store import _SNAPSHOT_COLUMNS, _snapshot

_NAMES = [c.strip() for c in _SNAPSHOT_COLUMNS.split(",")]


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


def latest_tier_changes(db: DatabaseBase) -> dict[str, TierChange]:
    """Customers whose tier changed between the book's last two monthly periods, by id."""
    periods = last_monthly_periods(db)
    if periods is None:
        return {}
    columns = ", ".join(f"{alias}.{name}" for alias in ("a", "b") for name in _NAMES)
    weights, guard = _settings(db)
    width = len(_NAMES)
    found: dict[str, TierChange] = {}
    for row in db.conn.execute(
            f"SELECT {columns} FROM score_snapshots a JOIN score_snapshots b "
            "ON b.period = :after AND b.customer_id = a.customer_id "
            "WHERE a.period = :before AND a.tier <> b.tier",
            {"before": periods[0], "after": periods[1]}):
        before = _snapshot(_row(row[:width]))
        after = _snapshot(_row(row[width:]))
        change = tier_change(before, after, weights, guard)
        if change is not None:
            found[change.customer_id] = change
    return found


def _row(values: Any) -> dict[str, Any]:
    return dict(zip(_NAMES, values, strict=True))
