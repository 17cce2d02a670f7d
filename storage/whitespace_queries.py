"""Whitespace queries: one customer's sales per product line, every peer group's 12-month
revenue per line (one pass over the window's sales: about 0.8 s on the 100,000-customer
book, so it is kept until the book changes and every later grid is one indexed read of the
customer's own sales), one customer's grid and the portfolio's suggestions."""

from __future__ import annotations

import heapq
import threading
from dataclasses import dataclass
from datetime import date

from models import whitespace as ws
from models.enums import LineStatus, Tier
from storage.base import DatabaseBase
from storage.errors import RecordNotFoundError

#: Sales of one customer up to ``as_of``: product, date, amount (the customer index serves it).
_CUSTOMER_SQL = """
SELECT product, date, amount FROM transactions
WHERE customer_id = ? AND deleted_at IS NULL AND date <= ? AND product <> ''
"""

#: Each customer's 12-month revenue per product: the covering index of m024 (customer,
#: product, date, amount) serves it in its own order, without the table; products that
#: differ only by spaces around them are summed into one line after.
_GROUPS_SQL = """
SELECT customer_id, product, total(amount) FROM transactions
INDEXED BY idx_transactions_whitespace
WHERE deleted_at IS NULL AND date > :start AND date <= :as_of AND product <> ''
GROUP BY customer_id, product
"""

#: Kinds and tiers in two narrow reads joined in Python: a join per row, or the customers'
#: wide rows read with their metrics, costs three times as much on 100,000 customers. Each
#: reads its table straight through: SQLite's pick, a partial index whose condition matches
#: the WHERE (the owners' for the customers, the names' for the metrics), reads the same
#: rows with a lookup in the table each, 165-175 ms of processor time against 35-50.
_KINDS_SQL = "SELECT id, kind FROM customers NOT INDEXED WHERE deleted_at IS NULL"
_TIERS_SQL = "SELECT customer_id, tier_rank FROM customer_metrics NOT INDEXED WHERE deleted = 0"

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
    #: customer id -> {line: 12-month revenue} for customers with recent sales.
    bought: dict[str, dict[str, float]]
    #: customer id -> (tier, kind) of every live customer.
    customers: dict[str, Key]
    #: The groups sorted and merged by tier and book, for the grids.
    index: ws.PeerIndex


def customer_sales(db: DatabaseBase, customer_id: str,
                   as_of: date) -> list[tuple[str, date, float]]:
    return [(product, date.fromisoformat(day), float(amount)) for product, day, amount in
            db.conn.execute(_CUSTOMER_SQL, [customer_id, as_of.isoformat()])]


def tier_and_kind(db: DatabaseBase, customer_id: str) -> tuple[str | None, str | None] | None:
    row = db.conn.execute(_ABOUT_SQL, [customer_id]).fetchone()
    return (row[0], row[1]) if row else None


def book_lines(db: DatabaseBase, as_of: date) -> BookLines:
    """Three reads: the customers' kinds, their tiers and their 12-month revenue per line."""
    tiers_by_rank = Tier.codes()
    tiers = {cid: tiers_by_rank[rank] if rank is not None else None
             for cid, rank in db.conn.execute(_TIERS_SQL)}
    customers: dict[str, Key] = {cid: (tiers.get(cid), kind)
                                 for cid, kind in db.conn.execute(_KINDS_SQL)}
    groups: dict[Key, ws.GroupRevenue] = {}
    for key in customers.values():
        group = groups.get(key)
        if group is None:
            group = groups[key] = ws.GroupRevenue()
        group.members += 1
    bought: dict[str, dict[str, float]] = {}
    params = {"start": ws.window_start(as_of).isoformat(), "as_of": as_of.isoformat()}
    line_of: dict[str, str] = {}  # a handful of products: each trimmed once
    # The index gives each customer's products together: the customer is looked up once
    # per run of its rows, not once a row (270,000 rows for 83,000 customers).
    current: str | None = None
    live = False
    mine: dict[str, float] | None = None
    for customer_id, product, revenue in db.conn.execute(_GROUPS_SQL, params):
        if customer_id != current:
            current = customer_id
            live = customer_id in customers  # else in the bin
            mine = bought.get(customer_id)
        if not live:
            continue
        line = line_of.get(product)
        if line is None:
            line = line_of[product] = ws.line_of(product)
        if line:
            if mine is None:
                mine = bought[customer_id] = {}
            mine[line] = mine.get(line, 0.0) + revenue  # total() is always a float
    for customer_id, lines in bought.items():
        group = groups[customers[customer_id]]
        for line, revenue in lines.items():
            group.revenue.setdefault(line, []).append(revenue)
    return BookLines(as_of, groups, bought, customers, ws.peer_index(groups))


# -- the groups' lines, kept while the book does not change --------------------------------

_FINGERPRINT_SQL = """
SELECT (SELECT max(rowid) FROM change_log), (SELECT max(rowid) FROM transactions),
       (SELECT value FROM settings WHERE key = 'scoring_state'),
       (SELECT max(rowid) FROM customers)
"""

_cache_lock = threading.Lock()
#: (book file, as_of) -> (fingerprint, the lines): the last book and day asked for.
_cache: dict[tuple[str, date], tuple[tuple[object, ...], BookLines]] = {}


def cached_book_lines(db: DatabaseBase, as_of: date) -> BookLines:
    """:func:`book_lines`, kept per book file and day until the book changes. "Changed" is
    told by numbers every connection sees alike (a background task opens its own): the last
    change-log row (every edit, import, undo and sync merge writes one), the last
    transaction and customer rows, and the scoring state (a rescore moves tiers)."""
    path = str(db.path)
    with db.read_snapshot():
        fingerprint = tuple(db.conn.execute(_FINGERPRINT_SQL).fetchone())
        with _cache_lock:
            found = _cache.get((path, as_of))
        if found is not None and found[0] == fingerprint:
            return found[1]
        result = book_lines(db, as_of)
    if path != ":memory:":  # two books in memory share no file
        with _cache_lock:
            # One entry, the last book and day asked for: about 80 MB on 100,000 customers.
            _cache.clear()
            _cache[(path, as_of)] = (fingerprint, result)
    return result


def grid(db: DatabaseBase, customer_id: str, as_of: date) -> ws.WhitespaceGrid:
    """One customer's grid and suggestions (:mod:`models.whitespace` says how they rank)."""
    book = cached_book_lines(db, as_of)
    with db.read_snapshot():
        about = tier_and_kind(db, customer_id)
        if about is None:
            raise RecordNotFoundError(kind="customers", key=customer_id)
        sales = customer_sales(db, customer_id, as_of)
    return ws.grid(customer_id, as_of, about[0], about[1], sales, book.index)


# -- the portfolio ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Opportunity:
    """A customer's best suggestion, for the portfolio's list."""

    customer_id: str
    tier: str | None
    suggestion: ws.Suggestion


@dataclass(frozen=True)
class PortfolioWhitespace:
    """Per peer group and line: customers, buyers, the median revenue, how many of the group
    do not buy it; and the customers' best suggestions across the book, best first."""

    as_of: date
    #: (tier, kind, line stats of the whole group, customers of the group not buying it).
    groups: list[tuple[str | None, str | None, ws.LineStats, int]]
    top: list[Opportunity]


_TIER_ORDER = {t.value: i for i, t in enumerate(Tier)}


def _group_order(item: tuple[Key, object]) -> tuple[int, str]:
    tier, kind = item[0]
    return _TIER_ORDER.get(tier or "", 9), kind or ""


def portfolio(db: DatabaseBase, as_of: date, *, top: int = 1_000) -> PortfolioWhitespace:
    """Every group's lines and each customer's best suggestion (the ``top`` of them, by
    score, then by the customer's revenue in the lines it buys)."""
    book = cached_book_lines(db, as_of)
    index = book.index
    all_lines = index.lines
    groups: list[tuple[str | None, str | None, ws.LineStats, int]] = []
    # A suggestion depends only on the customer's group and the lines it lacks: each
    # group's lines are priced once, then the customers are walked.
    ranked: dict[Key, list[ws.Suggestion]] = {}
    lacking = [ws.CustomerLine(line, LineStatus.NOT_BOUGHT) for line in all_lines]
    for key, group in sorted(index.groups.items(), key=_group_order):
        own = ws.table_stats(group)
        for line in all_lines:
            stats = own.get(line, ws.LineStats(line, group.members, 0, 0.0))
            groups.append((key[0], key[1], stats, group.members - stats.buyers))
        # A member's peers are the others of the group it falls back to: a line it lacks
        # has the same buyers and median with or without it.
        _, peers = ws.choose_table(index, key[0], key[1])
        ranked[key] = ws.suggestions(lacking, ws.table_stats(peers, leave_out={}),
                                     index.overall)
    chosen = _best(book, ranked, top)
    return PortfolioWhitespace(as_of, groups,
                               [Opportunity(b[2], b[3], b[4]) for b in chosen])


def _best(book: BookLines, ranked: dict[Key, list[ws.Suggestion]], top: int
          ) -> list[tuple[float, float, str, str | None, ws.Suggestion]]:
    """The ``top`` customers' best suggestions as (-score, -revenue, id, tier, suggestion),
    best first. A customer's best suggestion is the first of its group's that it lacks (the
    customer's best only: the list stays varied), so its score is one of a few: the
    customers are put in a bucket per group and suggestion, and only the buckets down to
    the score at which ``top`` customers are reached are ordered by the customers'
    revenue (a fifth of the walk's time went on summing and sorting every customer)."""
    members: dict[Key, list[str]] = {}
    for customer_id, key in book.customers.items():
        found = members.get(key)
        if found is None:
            found = members[key] = []
        found.append(customer_id)
    bought = book.bought
    buckets: list[tuple[float, ws.Suggestion, Key, list[str]]] = []
    for key, ids in members.items():
        offered = ranked.get(key)
        if not offered:
            continue
        lines = [s.line for s in offered]
        chosen: list[list[str]] = [[] for _ in offered]
        for customer_id in ids:
            mine = bought.get(customer_id)
            if mine is None:  # buys nothing in the window: lacks every line
                chosen[0].append(customer_id)
                continue
            for at, line in enumerate(lines):
                if line not in mine:
                    chosen[at].append(customer_id)
                    break
        buckets.extend((s.score, s, key, found) for s, found in zip(offered, chosen,
                                                                    strict=True) if found)
    buckets.sort(key=lambda b: -b[0])
    kept: list[tuple[float, ws.Suggestion, Key, list[str]]] = []
    count, floor = 0, None
    for bucket in buckets:
        if floor is not None and bucket[0] < floor:
            break  # below the score of the top's last customer (its equals are kept)
        kept.append(bucket)
        count += len(bucket[3])
        if floor is None and count >= top:
            floor = bucket[0]
    nothing: dict[str, float] = {}
    # The ids differ, so the tuples order without reaching the tier or the suggestion.
    best = [(-score, -sum(bought.get(customer_id, nothing).values()), customer_id, key[0],
             suggestion)
            for score, suggestion, key, ids in kept for customer_id in ids]
    return heapq.nsmallest(top, best)

