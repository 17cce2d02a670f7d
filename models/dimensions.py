"""Raw value dimensions of every customer as of a date, computed from per-customer aggregates.

Storage sums the transactions of each customer once (one SQL aggregate) and hands the totals
over as :class:`BookFigures`, one numpy array per figure; this module turns them into the
fifteen raw dimensions. A dimension that cannot be computed is *missing* (NaN here, flagged in
:class:`RawDimensions`), never a silent zero. Zero is used only where it is a fact: a customer
who bought nothing in the window has revenue 0 and 0 invoices, one who never bought has tenure 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from models.config import COMPUTED_DIMENSIONS, DIMENSIONS, RATED_DIMENSIONS
from models.periods import Window

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

DAYS_PER_MONTH = 365.25 / 12
#: Column of each dimension in the N×15 matrices, in :data:`models.config.DIMENSIONS` order.
COLUMN: dict[str, int] = {name: index for index, name in enumerate(DIMENSIONS)}


@dataclass(frozen=True)
class CustomerFigures:
    """One customer's aggregates, for building a small book by hand (tests, examples).

    Money and counts refer to the window unless named ``previous_``; ``first_purchase`` and
    ``last_purchase`` count only purchases on or before the as-of date.
    """

    customer_id: str
    revenue: float = 0.0
    invoices: int = 0
    #: Orders in the window (frequency); None: one per invoice line.
    orders: int | None = None
    profit: float = 0.0
    profit_invoices: int = 0
    revenue_with_profit: float = 0.0
    previous_revenue: float = 0.0
    first_purchase: date | None = None
    last_purchase: date | None = None
    invoices_due: int = 0
    paid_on_time: int = 0
    days_late: float = 0.0
    ratings: dict[str, int] = field(default_factory=dict)
    tier_override: str | None = None
    lifecycle_override: str | None = None


@dataclass
class BookFigures:
    """Per-customer aggregates of a whole book as of ``window.as_of``, as parallel arrays.

    ``days_since_first`` / ``days_since_last`` are NaN for a customer with no purchase on or
    before the as-of date; ``ratings`` is N×8 (the assessment's rating fields) with NaN for a
    rating not given; ``days_late`` sums, over the invoices due in the window, the days each
    was paid after its due date (or is still unpaid on the as-of date).
    """

    customer_ids: list[str]
    window: Window
    revenue: FloatArray
    invoices: FloatArray
    orders: FloatArray
    profit: FloatArray
    profit_invoices: FloatArray
    revenue_with_profit: FloatArray
    previous_revenue: FloatArray
    days_since_first: FloatArray
    days_since_last: FloatArray
    invoices_due: FloatArray
    paid_on_time: FloatArray
    days_late: FloatArray
    ratings: FloatArray
    tier_override: list[str | None]
    lifecycle_override: list[str | None]

    def __len__(self) -> int:
        return len(self.customer_ids)

    @classmethod
    def from_customers(cls, customers: Sequence[CustomerFigures], window: Window) -> BookFigures:
        as_of = window.as_of.toordinal()

        def days(day: date | None) -> float:
            if day is None or day > window.as_of:
                return float("nan")
            return float(as_of - day.toordinal())

        def column(name: str) -> FloatArray:
            return np.array([float(getattr(c, name)) for c in customers], dtype=np.float64)

        ratings = np.array([[float(c.ratings[r]) if c.ratings.get(r) is not None else np.nan
                             for r in RATED_DIMENSIONS] for c in customers],
                           dtype=np.float64).reshape(len(customers), len(RATED_DIMENSIONS))
        return cls(
            customer_ids=[c.customer_id for c in customers], window=window,
            revenue=column("revenue"), invoices=column("invoices"),
            orders=np.array([float(c.invoices if c.orders is None else c.orders)
                             for c in customers], dtype=np.float64),
            profit=column("profit"),
            profit_invoices=column("profit_invoices"),
            revenue_with_profit=column("revenue_with_profit"),
            previous_revenue=column("previous_revenue"),
            days_since_first=np.array([days(c.first_purchase) for c in customers],
                                      dtype=np.float64),
            days_since_last=np.array([days(c.last_purchase) for c in customers],
                                     dtype=np.float64),
            invoices_due=column("invoices_due"), paid_on_time=column("paid_on_time"),
            days_late=column("days_late"), ratings=ratings,
            tier_override=[c.tier_override for c in customers],
            lifecycle_override=[c.lifecycle_override for c in customers],
        )


@dataclass(frozen=True)
class RawDimensions:
    """The fifteen raw dimensions (N×15, NaN where missing) and the timeliness detail.

    Units: revenue and profit in money; margin and growth as fractions (0.25 = 25 %);
    frequency in orders per window; tenure in months; timeliness as the share of due
    invoices paid by their due date (0–1); ratings 1–5.
    """

    values: FloatArray
    #: Average days late per invoice due in the window (on-time invoices count 0); NaN if none.
    average_days_late: FloatArray

    @property
    def missing(self) -> BoolArray:
        return np.isnan(self.values)


def raw_dimensions(book: BookFigures) -> RawDimensions:
    """Compute every raw dimension of every customer; see the module docstring for missing."""
    n = len(book)
    values = np.full((n, len(DIMENSIONS)), np.nan, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        has_profit = book.profit_invoices > 0
        values[:, COLUMN["revenue"]] = book.revenue
        # No invoice in the window: profit 0 is a fact. Invoices without any profit figure:
        # the profit is unknown.
        values[:, COLUMN["profit"]] = np.where(
            has_profit, book.profit, np.where(book.invoices > 0, np.nan, 0.0))
        margin_known = has_profit & (book.revenue_with_profit > 0)
        values[:, COLUMN["margin"]] = np.where(
            margin_known, book.profit / book.revenue_with_profit, np.nan)
        values[:, COLUMN["frequency"]] = book.orders
        values[:, COLUMN["tenure"]] = np.where(np.isnan(book.days_since_first), 0.0,
                                               book.days_since_first / DAYS_PER_MONTH)
        values[:, COLUMN["growth"]] = np.where(
            book.previous_revenue > 0, book.revenue / book.previous_revenue - 1.0, np.nan)
        due = book.invoices_due > 0
        values[:, COLUMN["timeliness"]] = np.where(due, book.paid_on_time / book.invoices_due,
                                                   np.nan)
        average_late = np.where(due, book.days_late / book.invoices_due, np.nan)
    first_rating = len(COMPUTED_DIMENSIONS)
    values[:, first_rating:] = book.ratings
    return RawDimensions(values=values, average_days_late=average_late)
