"""Competition's queries: a customer's competitors, a plan's SWOT items, our 12 months'
revenue, and for the portfolio each customer's main competitor and our share, in one pass."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from models.competition import (
    Competitor,
    SwotItem,
    ThreatLevel,
    Wallet,
    main_competitor,
    ranked,
    wallet,
)
from storage.base import DatabaseBase
from storage.mapping import from_row


@dataclass(frozen=True)
class CompetitivePosition:
    """One account's competitors, the most threatening first, and its wallet."""

    customer_id: str
    competitors: list[Competitor]
    wallet: Wallet


def competitors_of(db: DatabaseBase, customer_id: str) -> list[Competitor]:
    """The customer's live competitors, ranked (threat, share, name)."""
    return ranked(from_row(Competitor, row) for row in db.query(
        "SELECT * FROM competitors WHERE customer_id = ? AND deleted_at IS NULL",
        [customer_id]))


def our_revenue(db: DatabaseBase, customer_id: str) -> float:
    """What the customer bought from us in the scoring window (the last 12 months)."""
    row = db.conn.execute("SELECT revenue_12m FROM customer_metrics WHERE customer_id = ?",
                          [customer_id]).fetchone()
    return float(row[0] or 0.0) if row else 0.0


def position(db: DatabaseBase, customer_id: str) -> CompetitivePosition:
    competitors = competitors_of(db, customer_id)
    return CompetitivePosition(customer_id, competitors,
                               wallet(competitors, our_revenue(db, customer_id)))


def swot_of(db: DatabaseBase, plan_id: str) -> list[SwotItem]:
    """The plan's live SWOT items, in their order."""
    return [from_row(SwotItem, row) for row in db.query(
        "SELECT * FROM swot_items WHERE plan_id = ? AND deleted_at IS NULL "
        "ORDER BY position, created_at", [plan_id])]


@dataclass(frozen=True)
class PortfolioCompetition:
    """What the portfolio shows of one account's competition."""

    main_competitor: str
    our_percent: float | None


def portfolio(db: DatabaseBase) -> dict[str, PortfolioCompetition]:
    """Customer id -> its main competitor and our share of wallet, for every customer with a
    competitor (one read of the small table; the others have nothing to show)."""
    by_customer: dict[str, list[Competitor]] = defaultdict(list)
    for row in db.conn.execute(
            "SELECT id, customer_id, name, share_percent, threat FROM competitors "
            "WHERE deleted_at IS NULL"):
        by_customer[row[1]].append(Competitor(id=row[0], customer_id=row[1], name=row[2],
                                              share_percent=row[3],
                                              threat=ThreatLevel(row[4])))
    result = {}
    for customer_id, competitors in by_customer.items():
        main = main_competitor(competitors)
        result[customer_id] = PortfolioCompetition(
            main.name if main else "", wallet(competitors, 0.0).our_percent)
    return result
