"""Per-customer activity figures kept in ``customer_metrics`` so the customer book sorts in SQL.

Revenue and profit over the last 12 months, first and last purchase, last interaction, next
follow-up and open needs, plus copies of the customer's sort and search keys (owner,
relationship level, deleted flag) so that listing the book reads one narrow table. The value
engine adds score, tier, ABC class and lifecycle to the same rows; this module never touches
those columns.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date, timedelta

from models.record import utc_now_iso
from storage.base import DatabaseBase

ACTIVITY_WINDOW_DAYS = 365

_ACTIVITY_SQL = """
WITH scope AS (
    SELECT id, deleted_at IS NOT NULL AS deleted, name_sort, owner, relationship_level,
           search_text
    FROM customers WHERE true {customer_filter}
),
t AS (
    SELECT customer_id,
           total(CASE WHEN date > :start AND date <= :as_of THEN amount END) AS revenue,
           total(CASE WHEN date > :start AND date <= :as_of THEN profit END) AS profit,
           min(date) AS first_purchase,
           max(CASE WHEN date <= :as_of THEN date END) AS last_purchase
    FROM transactions
    WHERE deleted_at IS NULL AND customer_id IN (SELECT id FROM scope)
    GROUP BY customer_id
),
i AS (
    SELECT customer_id, max(occurred_at) AS last_at
    FROM interactions
    WHERE deleted_at IS NULL AND customer_id IN (SELECT id FROM scope)
    GROUP BY customer_id
),
f AS (
    SELECT customer_id, min(next_step_due) AS due
    FROM interactions
    WHERE next_step_due IS NOT NULL AND next_step_done = 0 AND deleted_at IS NULL
      AND customer_id IN (SELECT id FROM scope)
    GROUP BY customer_id
),
n AS (
    SELECT customer_id, count(*) AS open_needs
    FROM needs
    WHERE status IN ('open', 'in_progress') AND deleted_at IS NULL
      AND customer_id IN (SELECT id FROM scope)
    GROUP BY customer_id
)
INSERT INTO customer_metrics (customer_id, as_of, revenue_12m, profit_12m, first_purchase,
                              last_purchase, last_interaction_at, next_follow_up, open_needs,
                              computed_at, deleted, name_sort, owner, relationship_level,
                              search_text)
SELECT scope.id, :as_of, coalesce(t.revenue, 0), coalesce(t.profit, 0), t.first_purchase,
       t.last_purchase, i.last_at, f.due, coalesce(n.open_needs, 0), :now, scope.deleted,
       scope.name_sort, scope.owner, scope.relationship_level, scope.search_text
FROM scope
LEFT JOIN t ON t.customer_id = scope.id
LEFT JOIN i ON i.customer_id = scope.id
LEFT JOIN f ON f.customer_id = scope.id
LEFT JOIN n ON n.customer_id = scope.id
WHERE true
ON CONFLICT (customer_id) DO UPDATE SET
    -- The value engine's key of the book side no longer describes a changed revenue/profit.
    book_key = CASE WHEN customer_metrics.revenue_12m IS excluded.revenue_12m
                     AND customer_metrics.profit_12m IS excluded.profit_12m
                    THEN customer_metrics.book_key END,
    as_of = excluded.as_of,
    revenue_12m = excluded.revenue_12m,
    profit_12m = excluded.profit_12m,
    first_purchase = excluded.first_purchase,
    last_purchase = excluded.last_purchase,
    last_interaction_at = excluded.last_interaction_at,
    next_follow_up = excluded.next_follow_up,
    open_needs = excluded.open_needs,
    computed_at = excluded.computed_at,
    deleted = excluded.deleted,
    name_sort = excluded.name_sort,
    owner = excluded.owner,
    relationship_level = excluded.relationship_level,
    search_text = excluded.search_text
"""


class MetricsMixin(DatabaseBase):
    def refresh_activity(self, as_of: date | None = None) -> None:
        """Recompute the activity figures of the whole book in one statement."""
        with self.atomic():
            self.conn.execute(_ACTIVITY_SQL.format(customer_filter=""), self._params(as_of))

    def refresh_customer_activity(self, customer_id: str, as_of: date | None = None) -> None:
        """Recompute one customer's figures after an edit (cheap: indexed per customer)."""
        with self.atomic():
            self.conn.execute(_ACTIVITY_SQL.format(customer_filter="AND id = :customer_id"),
                              {**self._params(as_of), "customer_id": customer_id})

    def refresh_activity_of(self, customer_ids: Collection[str],
                            as_of: date | None = None) -> None:
        """Recompute some customers' figures in one statement (a team member's changes
        merged in: indexed per customer, like one edit, however many there are)."""
        with self.atomic():
            self.conn.execute(
                _ACTIVITY_SQL.format(customer_filter="AND id IN (SELECT value FROM "
                                                     "json_each(:customer_ids))"),
                {**self._params(as_of), "customer_ids": json.dumps(sorted(customer_ids))})

    @staticmethod
    def _params(as_of: date | None) -> dict[str, str]:
        as_of = as_of or date.today()
        start = as_of - timedelta(days=ACTIVITY_WINDOW_DAYS)
        return {"as_of": as_of.isoformat(), "start": start.isoformat(), "now": utc_now_iso()}
