"""Whitespace and profit after support: ``book.whitespace`` (which product lines a customer
buys, lapsed or never bought, and what its peers buy) and ``book.support`` (revenue, profit,
the cost of the support its plans grant, and profit after support, per customer and tier).

Reads only. The peer groups' revenue per line takes one pass over the window's sales (about
1.5 s on the 100,000-customer book); it is kept per book file and day until the book changes,
so every later grid is a single indexed read of the customer's own sales. "The book changed"
is told by numbers every connection sees alike (a background task opens its own): the last
change-log row (every edit, import, undo and sync merge writes one), the last transaction
row and the scoring state's time (a rescore moves tiers).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from models import support_cost as sc
from models import whitespace as ws
from models.enums import LineStatus
from storage import support_cost_queries, whitespace_queries
from storage.database import MEMORY
from storage.errors import RecordNotFoundError
from storage.whitespace_queries import BookLines

if TYPE_CHECKING:
    from storage.database import Database

_FINGERPRINT_SQL = """
SELECT (SELECT max(rowid) FROM change_log), (SELECT max(rowid) FROM transactions),
       (SELECT value FROM settings WHERE key = 'scoring_state'),
       (SELECT count(*) FROM customers WHERE deleted_at IS NULL)
"""

_cache_lock = threading.Lock()
#: (book file, as_of) -> (fingerprint, the lines): one entry per book and day.
_cache: dict[tuple[str, date], tuple[tuple[object, ...], BookLines]] = {}


@dataclass(frozen=True)
class Opportunity:
    """A suggestion for one customer, for the portfolio's list."""

    customer_id: str
    tier: str | None
    suggestion: ws.Suggestion


@dataclass(frozen=True)
class PortfolioWhitespace:
    """Per peer group and line: customers, buyers, the median revenue, who does not buy it;
    and the best suggestions across the book."""

    as_of: date
    #: (tier, kind, line stats, customers of the group not buying the line now).
    groups: list[tuple[str | None, str | None, ws.LineStats, int]]
    top: list[Opportunity]


class Whitespace:
    """``book.whitespace.grid(customer_id)``, ``book.whitespace.portfolio()``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def lines(self, as_of: date | None = None) -> BookLines:
        """Every peer group's revenue per line on ``as_of`` (kept until the book changes)."""
        as_of = as_of or date.today()
        key = (str(self._db.path), as_of)
        with self._db.read_snapshot():
            fingerprint = tuple(self._db.conn.execute(_FINGERPRINT_SQL).fetchone())
            with _cache_lock:
                found = _cache.get(key)
            if found is not None and found[0] == fingerprint:
                return found[1]
            result = whitespace_queries.book_lines(self._db, as_of)
        if str(self._db.path) != MEMORY:  # two books in memory share no file
            with _cache_lock:
                _cache[key] = (fingerprint, result)
        return result

    def grid(self, customer_id: str, as_of: date | None = None) -> ws.WhitespaceGrid:
        """The customer's status in every product line and the lines its peers buy that it
        does not, best first (:mod:`models.whitespace` says how they rank)."""
        as_of = as_of or date.today()
        book = self.lines(as_of)
        with self._db.read_snapshot():
            about = whitespace_queries.tier_and_kind(self._db, customer_id)
            if about is None:
                raise RecordNotFoundError(kind="customers", key=customer_id)
            sales = whitespace_queries.customer_sales(self._db, customer_id, as_of)
        return ws.grid(customer_id, as_of, about[0], about[1], sales, book.groups)

    def portfolio(self, as_of: date | None = None, *, top: int = 1_000) -> PortfolioWhitespace:
        """Every group's lines and the ``top`` suggestions of the book (by score, then the
        customer's revenue in the lines it buys)."""
        as_of = as_of or date.today()
        book = self.lines(as_of)
        everyone = ws.merge(book.groups.values())
        overall = {line: len(r) / everyone.members for line, r in everyone.revenue.items()
                   } if everyone.members else {}
        all_lines = sorted(everyone.revenue)
        groups: list[tuple[str | None, str | None, ws.LineStats, int]] = []
        # A suggestion depends only on the customer's group and the lines it lacks: price
        # each group's lines once, then walk the customers.
        ranked: dict[tuple[str | None, str | None], list[ws.Suggestion]] = {}
        for (tier, kind), group in sorted(book.groups.items(), key=_group_order):
            own = ws.line_stats(group)
            for line in all_lines:
                stats = own.get(line, ws.LineStats(line, group.members, 0, 0.0))
                groups.append((tier, kind, stats, group.members - stats.buyers))
            # A member's peers are the others of the group it falls back to: a line it
            # lacks has the same buyers and median with or without it.
            _, peers = ws.choose_group(tier, kind, book.groups)
            lacking = [ws.CustomerLine(line, LineStatus.NOT_BOUGHT) for line in all_lines]
            ranked[(tier, kind)] = ws.suggestions(lacking, ws.line_stats(peers, leave_out={}),
                                                  overall)
        best: list[tuple[float, float, str, str | None, ws.Suggestion]] = []
        # Customers with no recent sale lack every line: their suggestions are the group's.
        with self._db.read_snapshot():
            members = self._db.conn.execute(
                "SELECT c.id, m.tier, c.kind FROM customers c LEFT JOIN customer_metrics m "
                "ON m.customer_id = c.id WHERE c.deleted_at IS NULL").fetchall()
        for customer_id, tier, kind in members:
            entry = book.bought.get(customer_id)
            mine = entry[2] if entry else {}
            for suggestion in ranked.get((tier, kind), ()):
                if suggestion.line not in mine:
                    best.append((suggestion.score, sum(mine.values()), customer_id, tier,
                                 suggestion))
                    break  # the customer's best suggestion only: the list stays varied
        best.sort(key=lambda b: (-b[0], -b[1], b[2]))
        return PortfolioWhitespace(as_of, groups, [Opportunity(b[2], b[3], b[4])
                                                   for b in best[:top]])


def _group_order(item: tuple[tuple[str | None, str | None], object]) -> tuple[int, str]:
    tier, kind = item[0]
    ranks = {t: i for i, t in enumerate(("strategic", "key", "standard", "low_value"))}
    return ranks.get(tier or "", 9), kind or ""


class Support:
    """``book.support.of(customer_id)``, ``book.support.customers()``,
    ``book.support.by_tier()``: profit after the cost of the support granted."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def as_of(self) -> date:
        """The day the stored 12-month figures end (the last rescore's), else today."""
        return support_cost_queries.scored_as_of(self._db) or date.today()

    def of(self, customer_id: str) -> sc.CustomerProfit:
        with self._db.read_snapshot():
            found = support_cost_queries.customer_profits(self._db, self.as_of(), customer_id)
        if not found:
            raise RecordNotFoundError(kind="customers", key=customer_id)
        return found[0]

    def customers(self) -> list[sc.CustomerProfit]:
        """Every live customer's figures."""
        with self._db.read_snapshot():
            return support_cost_queries.customer_profits(self._db, self.as_of())

    def by_tier(self) -> list[sc.TierProfit]:
        return sc.by_tier(self.customers())
