"""Whitespace and profit after support: ``book.whitespace`` (which product lines a customer
buys, lapsed or never bought, and what its peers buy) and ``book.support`` (revenue, profit,
the cost of the support its plans grant, and profit after support, per customer and tier).
Reads only; the queries are in storage/whitespace_queries.py and
storage/support_cost_queries.py, the rules in models/whitespace.py and
models/support_cost.py."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from models import support_cost as sc
from models import whitespace as ws
from storage import support_cost_queries, whitespace_queries
from storage.errors import RecordNotFoundError
from storage.whitespace_queries import PortfolioWhitespace

if TYPE_CHECKING:
    from storage.database import Database


class Whitespace:
    """``book.whitespace.grid(customer_id)``, ``book.whitespace.portfolio()``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def grid(self, customer_id: str, as_of: date | None = None) -> ws.WhitespaceGrid:
        """The customer's status in every product line of the book and the lines its peers
        buy that it does not, best first (the first grid after a change of the book reads
        the peers' figures: about 1.5 s on 100,000 customers; the next ones a few ms)."""
        return whitespace_queries.grid(self._db, customer_id, as_of or date.today())

    def portfolio(self, as_of: date | None = None, *, top: int = 1_000) -> PortfolioWhitespace:
        """Every peer group's lines, and the customers' best suggestions (``top`` of them)."""
        return whitespace_queries.portfolio(self._db, as_of or date.today(), top=top)


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

    def supported(self) -> list[sc.CustomerProfit]:
        """The customers with support in the window, flagged first."""
        with self._db.read_snapshot():
            return support_cost_queries.supported(self._db, self.as_of())

    def by_tier(self) -> list[sc.TierProfit]:
        """Per tier: customers, revenue, profit, support, those supported and flagged (the
        sums in SQL, the support of the few customers that have some)."""
        with self._db.read_snapshot():
            return support_cost_queries.tier_profits(self._db, self.as_of())
