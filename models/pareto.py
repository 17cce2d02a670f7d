"""Pareto analysis of a book: ABC classes by cumulative revenue share and the concentration
figure "N % of customers bring 80 % of revenue" (articles 001 and 002: the 20/80 rule).

Customers are taken in order of window revenue, highest first. A customer's class depends on
the revenue share of the customers *ahead* of it: A while that share is below the A cut-off
(80 %), B below the B cut-off (95 %), C after. Customers with equal revenue are treated as one
block and share the class of the first of them, so the order among equals never matters.
Customers without positive revenue are C; a book without any revenue has no classes at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from models.dimensions import FloatArray
from models.enums import AbcClass

#: Code of "no class" in the integer class arrays (0 = A, 1 = B, 2 = C).
NO_CLASS = -1
ABC_CODES: tuple[AbcClass, ...] = (AbcClass.A, AbcClass.B, AbcClass.C)
_RELATIVE_TOLERANCE = 1e-12


@dataclass(frozen=True)
class Concentration:
    """How concentrated the book's revenue is.

    ``customers_needed`` is the smallest number of customers whose combined revenue reaches
    ``target_percent`` of the total; the shares are of buying customers (positive revenue in
    the window), the usual reading of the 20/80 rule, and of the whole book.
    """

    target_percent: float
    customers_needed: int
    buying_customers: int
    total_customers: int
    total_revenue: float

    @property
    def percent_of_buying(self) -> float | None:
        if not self.buying_customers:
            return None
        return 100.0 * self.customers_needed / self.buying_customers

    @property
    def percent_of_all(self) -> float | None:
        if not self.total_customers:
            return None
        return 100.0 * self.customers_needed / self.total_customers


def concentration(revenue: FloatArray, target_percent: float = 80.0) -> Concentration:
    positive = np.sort(revenue[revenue > 0])[::-1]
    total = float(positive.sum())
    needed = 0
    if positive.size:
        cumulative = np.cumsum(positive)
        threshold = total * target_percent / 100.0 * (1 - _RELATIVE_TOLERANCE)
        needed = int(np.searchsorted(cumulative, threshold, side="left")) + 1
        needed = min(needed, int(positive.size))
    return Concentration(target_percent=target_percent, customers_needed=needed,
                         buying_customers=int(positive.size), total_customers=int(revenue.size),
                         total_revenue=total)


def abc_classes(revenue: FloatArray, a_percent: float, b_percent: float) -> npt.NDArray[np.int64]:
    """Class code per customer: 0 = A, 1 = B, 2 = C, :data:`NO_CLASS` if the book has no
    revenue."""
    n = revenue.size
    positive = np.where(revenue > 0, revenue, 0.0)
    total = float(positive.sum())
    if n == 0 or total <= 0:
        return np.full(n, NO_CLASS, dtype=np.int64)
    order = np.argsort(-positive)  # a block of ties is classed as one: any order within it
    ordered = positive[order]
    before = np.cumsum(ordered) - ordered
    # A block of equal revenues shares the share-before of its first member.
    starts = np.empty(n, dtype=bool)
    starts[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    block_first = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    share_before = 100.0 * before[block_first] / total
    tolerance = 100.0 * _RELATIVE_TOLERANCE
    codes_sorted = np.where(share_before < a_percent - tolerance, 0,
                            np.where(share_before < b_percent - tolerance, 1, 2))
    codes_sorted = np.where(ordered > 0, codes_sorted, 2)
    codes = np.empty(n, dtype=np.int64)
    codes[order] = codes_sorted
    return codes


def pareto_curve(revenue: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Points of the Pareto (Lorenz) curve for a chart: cumulative share of customers (%) and
    cumulative share of revenue (%), customers by revenue, highest first, from (0, 0)."""
    positive = np.sort(np.where(revenue > 0, revenue, 0.0))[::-1]
    n = positive.size
    total = float(positive.sum())
    customers = np.linspace(0.0, 100.0, n + 1) if n else np.zeros(1)
    if total <= 0:
        return customers, np.zeros(customers.size)
    shares = np.minimum(np.concatenate(([0.0], 100.0 * np.cumsum(positive) / total)), 100.0)
    return customers, shares
