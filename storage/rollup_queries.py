"""The roll-up per owner in a handful of grouped statements over the whole book.

Nothing is read per customer into Python: each statement groups in SQL and returns a line per
owner (and per tier). The customers' side scans the metrics table once (owner, tier, the 12
months' revenue, last contact); the year before is one pass over the covering transactions
index; the work items are counted on their partial indexes, the slipping customers on the
narrow keys index; the plans' part reads the live plans only. Each customer's owner is looked
up once per statement that needs it (no index maps a customer to its owner alone: that
lookup is most of the cost, about 0.9 s of CPU on the 100,000-customer book). The Book's
``rollup`` manager calls :func:`rollup` with its connection, inside one read snapshot.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from models.enums import PersonRole, Tier
from models.plan_periods import period_bounds
from models.rollup import OwnerRollup, Rollup, total_of
from models.validation import check_period
from storage.base import DatabaseBase
from storage.metrics import ACTIVITY_WINDOW_DAYS
from storage.search_keys import sort_key
from storage.today_queries import REVENUE_FALL, SLIP_POINTS

_RANK_BEFORE = ("CASE s.tier WHEN 'strategic' THEN 0 WHEN 'key' THEN 1 "
                "WHEN 'standard' THEN 2 ELSE 3 END")

#: Customers per owner and tier, their revenue of the 12 months to the day and their last
#: contact, in one scan of the metrics table (grouped on 100,000 rows, a join to each
#: customer's figures costs as much again). The 12 months' revenue is the metrics' own when
#: they were worked out on that day (the window refreshes them), else summed from the
#: customer's transactions (the covering index, per customer).
_CUSTOMERS_SQL = """
SELECT owner, tier, count(*),
       total(CASE WHEN as_of IS :as_of THEN revenue_12m ELSE (
           SELECT total(t.amount) FROM transactions t
           INDEXED BY idx_transactions_customer_cover
           WHERE t.customer_id = m.customer_id AND t.deleted_at IS NULL
             AND t.date > :year_start AND t.date <= :as_of) END),
       max(last_interaction_at)
FROM customer_metrics m NOT INDEXED
WHERE deleted = 0
GROUP BY 1, 2
"""

#: The 12 months before those, per owner: the covering transactions index grouped by
#: customer (in its order, no sorting), each customer's owner looked up once.
_BEFORE_SQL = """
WITH r AS (
    SELECT customer_id, total(amount) AS before
    FROM transactions INDEXED BY idx_transactions_customer_cover
    WHERE deleted_at IS NULL AND date > :before_start AND date <= :year_start
    GROUP BY customer_id
)
SELECT m.owner, total(r.before)
FROM r JOIN customer_metrics m ON m.customer_id = r.customer_id AND m.deleted = 0
GROUP BY 1
"""

#: Slipping customers as the Today view finds them (storage.today_queries: the tier or the
#: score fell since the last monthly snapshot, or a strategic or key customer's 12-month
#: revenue by a fifth): compared on the narrow keys index, the owner read for those alone.
_SLIPPING_SQL = f"""
WITH fell AS (
    SELECT s.customer_id
    FROM score_snapshots s
    JOIN customer_metrics k INDEXED BY idx_metrics_keys
         ON k.customer_id = s.customer_id AND k.deleted = 0
    WHERE s.period = :before AND k.tier_rank IS NOT NULL
      AND (k.tier_rank > {_RANK_BEFORE} OR k.score <= s.score - :points
           OR ({_RANK_BEFORE} <= 1 AND s.revenue > 0 AND k.revenue_12m <= s.revenue * :keep))
)
SELECT m.owner, count(*)
FROM fell JOIN customer_metrics m ON m.customer_id = fell.customer_id
GROUP BY 1
"""

#: Next steps not done and due before the day (the interaction's owner, else the
#: customer's): counted per customer on the follow-up index, each customer looked up once.
_FOLLOW_UPS_SQL = """
WITH f AS (
    SELECT customer_id, owner, count(*) AS n
    FROM interactions INDEXED BY idx_interactions_follow_up
    WHERE next_step_due IS NOT NULL AND next_step_done = 0 AND deleted_at IS NULL
      AND next_step_due < :as_of
    GROUP BY 1, 2
)
SELECT coalesce(nullif(f.owner, ''), m.owner), total(f.n)
FROM f JOIN customer_metrics m ON m.customer_id = f.customer_id AND m.deleted = 0
GROUP BY 1
"""

#: Complaints open or in progress, of any tier (the need's owner, else the customer's).
_COMPLAINTS_SQL = """
SELECT coalesce(nullif(n.owner, ''), m.owner), count(*)
FROM needs n INDEXED BY idx_needs_open_kind
JOIN customer_metrics m ON m.customer_id = n.customer_id AND m.deleted = 0
WHERE n.kind = 'complaint' AND n.status IN ('open', 'in_progress') AND n.deleted_at IS NULL
GROUP BY 1
"""

#: The plans that count: live plans of live customers (``status`` and the period filled in).
_PLANS = """
SELECT p.id, p.customer_id, p.status, coalesce(nullif(p.owner, ''), m.owner) AS owner,
       json_extract(b.value, '$[0]') AS first_day,
       json_extract(b.value, '$[1]') AS last_day
FROM plans p
JOIN json_each(:bounds) b ON b.key = p.period
JOIN customer_metrics m ON m.customer_id = p.customer_id AND m.deleted = 0
WHERE p.deleted_at IS NULL {filters}
"""

#: An objective's actual value as the plans module measures it (models.plan_logic): revenue
#: and margin from the customer's transactions in the period, any other kind as entered.
_ACTUAL = ("CASE ob.kind WHEN 'revenue' THEN f.revenue WHEN 'margin' THEN "
           "CASE WHEN f.profit IS NOT NULL AND f.revenue <> 0 THEN f.profit / f.revenue * 100 "
           "END ELSE ob.actual_value END")
#: Objective.progress >= 1: the actual reached the target (at or below it when the target is
#: below the baseline, a cost to bring down).
_MET = (f"(ob.target_value IS NOT NULL AND ({_ACTUAL}) IS NOT NULL AND CASE WHEN "
        f"ob.target_value < coalesce(ob.baseline_value, 0) THEN ({_ACTUAL}) <= ob.target_value "
        f"ELSE ({_ACTUAL}) >= ob.target_value END)")

#: Per owner: 'p' lines (active plans, actions not cancelled, done) and 'o' lines
#: (objectives, met, revenue in the periods and the revenue targets).
_PROGRESS_SQL = f"""
WITH ap AS MATERIALIZED ({_PLANS.format(filters="AND p.status = 'active' {period}")}),
f AS (
    SELECT ap.id, total(t.amount) AS revenue, sum(t.profit) AS profit
    FROM ap LEFT JOIN transactions t ON t.customer_id = ap.customer_id
         AND t.deleted_at IS NULL AND t.date BETWEEN ap.first_day AND ap.last_day
    GROUP BY ap.id
)
SELECT 'p', ap.owner, count(DISTINCT ap.id),
       count(a.id) FILTER (WHERE a.status <> 'cancelled'),
       count(a.id) FILTER (WHERE a.status = 'done'), 0
FROM ap LEFT JOIN plan_actions a ON a.plan_id = ap.id AND a.deleted_at IS NULL
GROUP BY 2
UNION ALL
SELECT 'o', ap.owner, count(*), count(*) FILTER (WHERE {_MET}),
       total(f.revenue) FILTER (WHERE ob.kind = 'revenue' AND ob.target_value IS NOT NULL),
       total(ob.target_value) FILTER (WHERE ob.kind = 'revenue')
FROM ap JOIN f ON f.id = ap.id
JOIN plan_objectives ob ON ob.plan_id = ap.id AND ob.deleted_at IS NULL
GROUP BY 2
"""

#: Open actions of plans not closed, due before the day (the action's owner, else the
#: plan's, else the customer's).
_OVERDUE_ACTIONS_SQL = f"""
WITH lp AS MATERIALIZED ({_PLANS.format(filters="AND p.status <> 'closed' {period}")})
SELECT coalesce(nullif(a.owner, ''), lp.owner), count(*)
FROM plan_actions a INDEXED BY idx_plan_actions_due
JOIN lp ON lp.id = a.plan_id
WHERE a.deleted_at IS NULL AND a.status IN ('open', 'in_progress')
  AND a.due_date IS NOT NULL AND a.due_date < :as_of
GROUP BY 1
"""


def rollup(db: DatabaseBase, as_of: date, period: str | None = None) -> Rollup:
    """Every owner's line and the total on ``as_of`` (call inside a read snapshot)."""
    if period is not None:
        period = check_period("period", period)
    conn = db.conn
    year_start = as_of - timedelta(days=ACTIVITY_WINDOW_DAYS)
    params: dict[str, Any] = {
        "as_of": as_of.isoformat(), "year_start": year_start.isoformat(),
        "before_start": (year_start - timedelta(days=ACTIVITY_WINDOW_DAYS)).isoformat()}
    lines: dict[str, dict[str, Any]] = defaultdict(lambda: {"customers": {}})
    for owner, tier, count, now, last in conn.execute(_CUSTOMERS_SQL, params):
        line = lines[owner]
        if tier:
            line["customers"][Tier(tier)] = int(count)
            line.setdefault("revenue_by_tier", {})[Tier(tier)] = float(now)
        else:
            line["unscored"] = int(count)
        line["revenue"] = line.get("revenue", 0.0) + float(now)
        if last and (line.get("last") is None or last > line["last"]):
            line["last"] = last
    for owner, before in conn.execute(_BEFORE_SQL, params):
        lines[owner]["revenue_before"] = float(before)
    for name, sql in (("overdue_follow_ups", _FOLLOW_UPS_SQL),
                      ("open_complaints", _COMPLAINTS_SQL)):
        for owner, count in conn.execute(sql, params):
            lines[owner][name] = int(count)
    compared_with = _snapshot_before(db, as_of)
    if compared_with is not None:
        for owner, count in conn.execute(_SLIPPING_SQL, {
                "before": compared_with, "points": SLIP_POINTS, "keep": 1 - REVENUE_FALL}):
            lines[owner]["slipping"] = int(count)
    _plans(db, lines, params, period)
    for (name,) in conn.execute(
            "SELECT name FROM people WHERE deleted_at IS NULL AND role = ?",
            [PersonRole.SALESPERSON.value]):
        lines[name].setdefault("customers", {})  # a salesperson with nothing yet: zeros
    rows = [_line(owner, values) for owner, values in lines.items()]
    book = sum(r.revenue for r in rows)
    rows = [_with_book(r, book) for r in sorted(rows, key=_order)]
    return Rollup(as_of=as_of, rows=rows, total=total_of(rows), period=period,
                  compared_with=compared_with)


def _plans(db: DatabaseBase, lines: dict[str, dict[str, Any]], params: dict[str, Any],
           period: str | None) -> None:
    periods = [str(r[0]) for r in db.conn.execute(
        "SELECT DISTINCT period FROM plans WHERE deleted_at IS NULL AND status <> 'closed'")]
    bounds: dict[str, list[str]] = {}
    for text in periods:
        try:
            first, last = period_bounds(text)
        except ValueError:  # a malformed period typed into the file by hand: not a plan's
            continue
        bounds[text] = [first.isoformat(), last.isoformat()]
    if not bounds:
        return
    plan_params = {**params, "bounds": json.dumps(bounds), "period": period}
    only = "AND p.period = :period" if period is not None else ""
    for kind, owner, a, b, c, d in db.conn.execute(_PROGRESS_SQL.format(period=only),
                                                   plan_params):
        line = lines[owner]
        if kind == "p":
            line.update(active_plans=int(a), actions=int(b), actions_done=int(c))
        else:
            line.update(objectives=int(a), objectives_met=int(b), plan_revenue=float(c),
                        plan_revenue_target=float(d))
    for owner, count in db.conn.execute(_OVERDUE_ACTIONS_SQL.format(period=only), plan_params):
        lines[owner]["overdue_actions"] = int(count)


def _snapshot_before(db: DatabaseBase, as_of: date) -> str | None:
    """The last monthly snapshot before ``as_of``'s month (what Today compares with)."""
    row = db.conn.execute(
        "SELECT max(period) FROM score_snapshots WHERE period < ? AND period LIKE '____-__'",
        [f"{as_of:%Y-%m}"]).fetchone()
    return str(row[0]) if row and row[0] else None


def _line(owner: str, values: dict[str, Any]) -> OwnerRollup:
    last = values.pop("last", None)
    return OwnerRollup(owner=owner, last_activity=_moment(last), **values)


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace(" ", "T")[:16])
    except ValueError:
        return None


def _with_book(row: OwnerRollup, book: float) -> OwnerRollup:
    return replace(row, book_revenue=book)


def _order(row: OwnerRollup) -> tuple[bool, str]:
    """Named owners by name (Chinese ones by their pinyin), the unowned customers last."""
    return (row.owner == "", sort_key(row.owner))
