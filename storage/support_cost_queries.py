"""Profit after support: the customers' 12-month revenue and profit (``customer_metrics``) and
the support measures of their granted plans, priced by :mod:`models.support_cost`."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from models import support_cost as sc
from models.enums import Tier
from models.plan_periods import period_bounds
from models.validation import ValidationError
from storage.base import DatabaseBase

#: The measures of granted plans (active or closed), with what the cost needs.
_MEASURES_SQL = """
SELECT p.customer_id, p.id, p.period, s.rate_percent, s.cost
FROM plan_support_measures s JOIN plans p ON p.id = s.plan_id
WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL AND p.status IN ('active', 'closed')
  {customer_filter}
"""

#: A customer's revenue between two days (inclusive), for measures given as a rate.
_REVENUE_SQL = """
SELECT total(amount) FROM transactions
WHERE customer_id = ? AND deleted_at IS NULL AND date >= ? AND date <= ?
"""

_FIGURES_SQL = """
SELECT c.id, coalesce(m.revenue_12m, 0), coalesce(m.profit_12m, 0), m.tier, c.code, c.name,
       c.owner
FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id
WHERE c.deleted_at IS NULL {customer_filter}
"""


def scored_as_of(db: DatabaseBase) -> date | None:
    """The day the last rescore computed the 12-month figures for (None: never scored)."""
    row = db.conn.execute("SELECT value FROM settings WHERE key = 'scoring_state'").fetchone()
    if not row:
        return None
    try:
        return date.fromisoformat(str(json.loads(row[0])["as_of"])[:10])
    except (ValueError, KeyError, TypeError):
        return None  # a state written by another version: read as never scored


def measures(db: DatabaseBase, as_of: date, customer_id: str | None = None
             ) -> dict[str, list[sc.MeasureTerms]]:
    """Customer id -> the measures of its granted plans that overlap the window."""
    where, params = ("AND p.customer_id = ?", [customer_id]) if customer_id else ("", [])
    result: dict[str, list[sc.MeasureTerms]] = defaultdict(list)
    for owner, _plan, period, rate, cost in db.conn.execute(
            _MEASURES_SQL.format(customer_filter=where), params):
        try:
            first, last = period_bounds(period)
        except ValidationError:
            continue  # a malformed period (hand-edited file) grants nothing we can date
        shared = sc.overlap(first, last, as_of)
        if shared is None:
            continue
        revenue = 0.0
        if cost is None and rate is not None:
            revenue = float(db.conn.execute(
                _REVENUE_SQL, [owner, shared[0].isoformat(), shared[1].isoformat()]
            ).fetchone()[0])
        result[owner].append(sc.MeasureTerms(first, last, rate, cost, revenue))
    return result


def customer_profits(db: DatabaseBase, as_of: date, customer_id: str | None = None
                     ) -> list[sc.CustomerProfit]:
    """Every live customer's figures (or one customer's)."""
    terms = measures(db, as_of, customer_id)
    where, params = ("AND c.id = ?", [customer_id]) if customer_id else ("", [])
    return [sc.customer_profit(cid, float(revenue), float(profit), terms.get(cid, ()), as_of,
                               tier=tier, code=code or "", name=name, owner=owner or "")
            for cid, revenue, profit, tier, code, name, owner in db.conn.execute(
                _FIGURES_SQL.format(customer_filter=where), params)]


#: The metrics alone (the deleted flag is copied in): the customers' wide rows cost a second
#: more on 100,000 customers. Read straight through the table: SQLite's pick, the names'
#: partial index (its condition matches the WHERE), adds a lookup in the table per row, 160
#: ms of processor time against 45.
_TIER_SQL = """
SELECT tier, count(*), total(revenue_12m), total(profit_12m) FROM customer_metrics NOT INDEXED
WHERE deleted = 0 GROUP BY 1
"""


def supported(db: DatabaseBase, as_of: date) -> list[sc.CustomerProfit]:
    """The customers whose granted plans have measures in the window (a few in any book:
    the portfolio lists them), flagged first, then by profit after support."""
    terms = measures(db, as_of)
    if not terms:
        return []
    found = [sc.customer_profit(cid, float(revenue), float(profit), terms.get(cid, ()), as_of,
                                tier=tier, code=code or "", name=name, owner=owner or "")
             for cid, revenue, profit, tier, code, name, owner in db.conn.execute(
                 _FIGURES_SQL.format(customer_filter="AND c.id IN (SELECT value FROM "
                                                     "json_each(?))"),
                 [json.dumps(sorted(terms))])]
    found.sort(key=lambda c: (not c.flagged, c.profit_after_support, c.name))
    return found


def tier_profits(db: DatabaseBase, as_of: date,
                 with_support: list[sc.CustomerProfit] | None = None) -> list[sc.TierProfit]:
    """Per tier (strategic first, unscored last): the sums of every customer, the support of
    ``with_support`` (:func:`supported`, read when not given)."""
    if with_support is None:
        with_support = supported(db, as_of)
    cost: dict[str | None, list[float]] = {}
    for c in with_support:
        row = cost.setdefault(c.tier, [0.0, 0, 0])
        row[0] += c.support_cost
        row[1] += 1 if c.support_cost > 0 else 0
        row[2] += 1 if c.flagged else 0
    sums = {tier: (int(n), float(revenue), float(profit))
            for tier, n, revenue, profit in db.conn.execute(_TIER_SQL)}
    order: list[str | None] = [*Tier.codes(), None]
    result = []
    for tier in order:
        if tier not in sums:
            continue
        n, revenue, profit = sums[tier]
        support, count, flagged = cost.get(tier, [0.0, 0, 0])
        result.append(sc.TierProfit(tier, n, revenue, profit, support, int(count),
                                    int(flagged)))
    return result
