"""Re-tiering the book from the points its last rescore stored, when only the weights, the
tier thresholds or the revenue guard changed and the book has not changed since.

New weights change every score but no customer's points, ABC class or lifecycle stage, so
recomputing the points from every transaction (about a second for 100,000 customers) would
give back the points already stored in ``customer_metrics.dimensions``. They are used only when
nothing can have changed them since: the same as-of date (checked by the caller), settings that
differ in :data:`models.scoring.RETIER_FIELDS` alone, no ``customer_metrics`` row written after
the last rescore (every write through the query API and every import stamps the rows it
touches) and no live customer never scored. Otherwise the caller rescores in full.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from models.config import ScoringConfig
from models.normalise import IntArray
from models.scoring import BookSummary, Tiering, tier_points, tier_totals
from storage.base import DatabaseBase
from storage.change_keys import KeyArray, score_keys_of
from storage.scoring_queries import parse_points_arrays

#: Every row in one pass over the table (an index's order would look up every row): whether
#: it was written after the last rescore or is a live customer never scored (either means
#: the stored points may be out of date), and for the customers the rescore scored (those in
#: the book on its date) what a re-tier needs.
_STORED_SQL = """
SELECT computed_at > :scored_at OR (deleted = 0 AND score_key IS NULL),
       deleted = 0 AND score IS NOT NULL,
       customer_id, rowid, score_key, tier_rank, dimensions, revenue_12m
FROM customer_metrics NOT INDEXED
"""
_OVERRIDES_SQL = ("SELECT id, tier_override FROM customers "
                  "WHERE deleted_at IS NULL AND tier_override IS NOT NULL")


@dataclass(frozen=True)
class StoredRetier:
    """The stored book re-tiered: the rows, their stored and new keys, and the new figures."""

    rowids: list[int]
    stored_keys: KeyArray
    stored_tier: IntArray
    tiering: Tiering
    keys: KeyArray
    summary: BookSummary


def retier_stored(base: DatabaseBase, scored_at: str, summary: BookSummary,
                  config: ScoringConfig) -> StoredRetier | None:
    """The book as last scored (at ``scored_at``, summarised by ``summary``) re-tiered with
    ``config``, or None when its stored points cannot be trusted or read."""
    rows = base.conn.execute(_STORED_SQL, {"scored_at": scored_at}).fetchall()
    if any(row[0] for row in rows):
        return None
    scored = [row[2:] for row in rows if row[1]]
    columns = list(zip(*scored, strict=True)) if scored else [()] * 6
    ids, rowids, stored, tier_ranks, texts, revenues = columns
    parsed = parse_points_arrays(texts)
    if parsed is None:
        return None  # the object form of rows not rewritten since m008, or a damaged value
    points, missing = parsed
    revenue = np.array(revenues, dtype=np.float64)
    overrides = dict(base.conn.execute(_OVERRIDES_SQL).fetchall())
    tier_override = [overrides.get(i) for i in ids] if overrides else [None] * len(ids)
    tiering = tier_points(points, revenue, tier_override, config)
    keys = score_keys_of(tiering.score_hundredths, tiering.computed_tier, tiering.tier,
                         points, missing)
    tier_counts, tier_revenue = tier_totals(tiering.tier, revenue)
    # Customers, revenue, classes, stages and the 80/20 figure are the book's: unchanged.
    new_summary = replace(
        summary, tier_counts=tier_counts, tier_revenue=tier_revenue,
        overridden=int(tiering.tier_overridden.sum()))
    return StoredRetier(
        rowids=list(rowids), stored_keys=np.array(stored, dtype=np.int64),
        stored_tier=np.array(tier_ranks, dtype=np.int64), tiering=tiering, keys=keys,
        summary=new_summary)
