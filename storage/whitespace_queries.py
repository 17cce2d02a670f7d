"""Whitespace queries: one customer's sales per product line, and every peer group's 12-month
revenue per line (read once, then kept while the book does not change)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models import whitespace as ws
from storage.base import DatabaseBase

#: Sales of one customer up to ``as_of``: product, date, amount (the customer index serves it).
_CUSTOMER_SQL = """
SELECT product, date, amount FROM transactions
WHERE customer_id = ? AND deleted_at IS NULL AND date <= ? AND product <> ''
"""

#: Each customer's 12-month revenue per line, with the customer's tier and kind; the covering
#: index of m024 (customer, product, date, amount) serves it in its own order, without the
#: table; products that differ only by spaces around them are summed into one line after.
_GROUPS_SQL = """
SELECT m.tier, c.kind, s.customer_id, s.product, s.revenue
FROM (SELECT customer_id, product, total(amount) AS revenue
      FROM transactions INDEXED BY idx_transactions_whitespace
      WHERE deleted_at IS NULL AND date > :start AND date <= :as_of AND product <> ''
      GROUP BY customer_id, product) s
JOIN customers c ON c.id = s.customer_id AND c.deleted_at IS NULL
LEFT JOIN customer_metrics m ON m.customer_id = s.customer_id
"""

_MEMBERS_SQL = """
SELECT m.tier, c.kind, count(*) FROM customers c
LEFT JOIN customer_metrics m ON m.customer_id = c.id
WHERE c.deleted_at IS NULL GROUP BY 1, 2
"""

_ABOUT_SQL = """
SELECT m.tier, c.kind FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id
WHERE c.id = ?
"""

Key = tuple[str | None, str | None]


@dataclass(frozen=True)
class BookLines:
    """Every peer group's revenue per line, and the lines each customer bought in the window
    (the portfolio's suggestions need them; one customer's grid needs only the groups)."""

    as_of: date
    groups: dict[Key, ws.GroupRevenue]
    #: customer id -> (tier, kind, {line: 12-month revenue}) for customers with recent sales.
    bought: dict[str, tuple[str | None, str | None, dict[str, float]]]


def customer_sales(db: DatabaseBase, customer_id: str,
                   as_of: date) -> list[tuple[str, date, float]]:
    return [(product, date.fromisoformat(day), float(amount)) for product, day, amount in
            db.conn.execute(_CUSTOMER_SQL, [customer_id, as_of.isoformat()])]


def tier_and_kind(db: DatabaseBase, customer_id: str) -> tuple[str | None, str | None] | None:
    row = db.conn.execute(_ABOUT_SQL, [customer_id]).fetchone()
    return (row[0], row[1]) if row else None


def book_lines(db: DatabaseBase, as_of: date) -> BookLines:
    """Two statements: the groups' sizes and every customer's 12-month revenue per line."""
    groups: dict[Key, ws.GroupRevenue] = {}
    for tier, kind, count in db.conn.execute(_MEMBERS_SQL):
        groups[(tier, kind)] = ws.GroupRevenue(members=int(count))
    bought: dict[str, tuple[str | None, str | None, dict[str, float]]] = {}
    params = {"start": ws.window_start(as_of).isoformat(), "as_of": as_of.isoformat()}
    for tier, kind, customer_id, product, revenue in db.conn.execute(_GROUPS_SQL, params):
        entry = bought.get(customer_id)
        if entry is None:
            entry = bought[customer_id] = (tier, kind, {})
        line = ws.line_of(product)
        if line:
            entry[2][line] = entry[2].get(line, 0.0) + float(revenue)
    for tier, kind, lines in bought.values():
        group = groups.setdefault((tier, kind), ws.GroupRevenue())
        for line, revenue in lines.items():
            group.revenue.setdefault(line, []).append(revenue)
    return BookLines(as_of, groups, bought)
