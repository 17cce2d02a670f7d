"""Tiers by segment for the dashboard: one grouped pass over the scored customers."""

from __future__ import annotations

from models.segments import TiersBySegment, tiers_by_segment
from storage.base import DatabaseBase

_SQL = """
SELECT c.kind, c.price_orientation, c.loyalty_segment, c.channel, m.tier, count(*),
       total(m.revenue_12m)
FROM customer_metrics m JOIN customers c ON c.id = m.customer_id
WHERE m.deleted = 0 AND m.tier IS NOT NULL
GROUP BY 1, 2, 3, 4, 5
"""


def segment_breakdown(db: DatabaseBase) -> TiersBySegment:
    """Scored customers per tier and their window revenue, for each value of each segment."""
    return tiers_by_segment([tuple(row) for row in db.conn.execute(_SQL)])
