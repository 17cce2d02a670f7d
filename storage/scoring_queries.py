"""The value engine's reads: one SQL aggregate of every customer's transactions as of a date,
the latest assessment on or before it, and the book's population on that date.

The aggregate reads only the covering index ``idx_transactions_customer_cover`` (one pass,
grouped by customer in index order). Transactions dated after the as-of date (a backfill of
past periods) are left out by one condition before any aggregate sees them; scoring as of
today usually has none, and then not even that condition is evaluated.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from models.config import DIMENSIONS, RATED_DIMENSIONS, ScoringConfig
from models.dimensions import BookFigures, BoolArray, FloatArray
from models.normalise import NEUTRAL_POINTS
from models.pareto import ABC_CODES
from models.periods import Window
from models.scoring import BookScores, score_book
from models.tiers import LIFECYCLE_CODES, TIER_BY_RANK
from storage.base import DatabaseBase
from storage.parallel_reads import ParallelReads, Rows

#: Below this many customers the aggregate runs in one piece on the main connection.
PARALLEL_MIN_CUSTOMERS = 20_000
#: Columns of the aggregate, after ``customer_id``, in BookFigures field order.
AGGREGATE_COLUMNS = ("revenue", "invoices", "profit", "profit_invoices", "previous_revenue",
                     "days_since_first", "days_since_last", "invoices_due", "paid_on_time",
                     "days_late", "sales_lines")

_AGGREGATE_SQL = """
SELECT customer_id,
    total(amount) FILTER (WHERE {window}),
    count(*) FILTER (WHERE {window}),
    total(profit) FILTER (WHERE {window}),
    count(profit) FILTER (WHERE {window}),
    total(amount) FILTER (WHERE day > :previous_start_day AND day <= :start_day),
    :as_of_day - min(day),
    :as_of_day - {last},
    count(*) FILTER (WHERE due_day > :start_day AND due_day <= :as_of_day),
    count(*) FILTER (WHERE paid_day <= due_day AND due_day > :start_day
                     AND due_day <= :as_of_day),
    total(min(coalesce(paid_day, :as_of_day), :as_of_day) - due_day)
        FILTER (WHERE (paid_day IS NULL OR paid_day > due_day)
                AND due_day > :start_day AND due_day <= :as_of_day),
    count(*) FILTER (WHERE {window} AND amount > 0)
FROM transactions INDEXED BY idx_transactions_customer_cover
WHERE deleted_at IS NULL {customer_filter}
GROUP BY customer_id
"""

#: Revenue of the invoices carrying a profit figure, for the few customers whose window mixes
#: invoices with and without one (for everyone else it is all or nothing of the revenue).
_REVENUE_WITH_PROFIT_SQL = """
SELECT customer_id, total(amount)
FROM transactions INDEXED BY idx_transactions_customer_cover
WHERE deleted_at IS NULL AND customer_id IN (SELECT value FROM json_each(:ids))
  AND profit IS NOT NULL AND {window}
GROUP BY customer_id
"""

#: Per customer, its sales lines in the window that name an order, and how many orders they
#: make; read from the partial index of exactly those lines (m015), empty in a book without
#: order numbers. Frequency counts each of the other sales lines as an order of its own.
_ORDERS_SQL = """
SELECT customer_id, count(*), count(DISTINCT order_no)
FROM transactions INDEXED BY idx_transactions_orders
WHERE deleted_at IS NULL AND order_no IS NOT NULL AND amount > 0 AND {window}
    {customer_filter}
GROUP BY customer_id
"""

_LATEST_ASSESSMENT_SQL = f"""
SELECT customer_id, max(assessed_on || created_at), {", ".join(RATED_DIMENSIONS)}
FROM assessments INDEXED BY idx_assessments_scoring
WHERE deleted_at IS NULL AND assessed_on <= :as_of {{customer_filter}}
GROUP BY customer_id
"""

#: Text codes by array code, for writing: tier rank, ABC code (-1 -> None), lifecycle code.
TIER_TEXT = np.array([t.value for t in TIER_BY_RANK], dtype=object)
ABC_TEXT = np.array([c.value for c in ABC_CODES] + [None], dtype=object)
STAGE_TEXT = np.array([s.value for s in LIFECYCLE_CODES], dtype=object)

#: Per dimension, the JSON member for each point value 0..100 and, at 101, for missing.
_POINT_VALUES = np.array([str(v) for v in range(101)] + ["null"], dtype=object)
_POINT_MEMBERS = [np.array([f'"{name}":{v}' for v in range(101)] + [f'"{name}":null'],
                           dtype=object) for name in DIMENSIONS]


def aggregate_sql(*, future_rows: bool, customers: str = "") -> str:
    """The per-customer aggregate; ``future_rows`` leaves out the transactions dated after
    the as-of date first (they did not exist then: a customer whose first purchase is later
    gets no row, which reads as "no purchase yet", as its negative day count did before);
    ``customers`` is an extra condition on ``customer_id`` (one customer, a range of ids)."""
    if future_rows:
        customers = f"AND day <= :as_of_day {customers}"
    return _AGGREGATE_SQL.format(window="day > :start_day", last="max(day)",
                                 customer_filter=customers)


@dataclass
class Population:
    """The live customers of the book (not deleted) in id order, read once and reused across
    dates (a backfill scores the same customers for every period)."""

    ids: Sequence[str]
    created_on: Sequence[str]  # YYYY-MM-DD
    tier_override: list[str | None]
    lifecycle_override: list[str | None]

    @cached_property
    def positions(self) -> dict[str, int]:
        return {cid: i for i, cid in enumerate(self.ids)}


def read_population(base: DatabaseBase, customer_id: str | None = None) -> Population:
    """The live customers in id order. Overrides are rare: they are read in a second, sparse
    pass instead of as two mostly-NULL columns of every row (about 40 ms less on 100,000)."""
    where = "WHERE deleted_at IS NULL" + (" AND id = :id" if customer_id is not None else "")
    params = {"id": customer_id}
    rows = base.conn.execute("SELECT id, substr(created_at, 1, 10) FROM customers "
                             f"INDEXED BY idx_customers_scoring {where} ORDER BY id",
                             params).fetchall()
    if not rows:
        return Population((), (), [], [])
    ids = [row[0] for row in rows]
    population = Population(ids, [row[1] for row in rows], [None] * len(ids),
                            [None] * len(ids))
    overrides = base.conn.execute(
        f"SELECT id, tier_override, lifecycle_override FROM customers "
        f"INDEXED BY idx_customers_scoring {where} "
        "AND (tier_override IS NOT NULL OR lifecycle_override IS NOT NULL)", params).fetchall()
    if overrides:
        position = population.positions
        for cid, tier, stage in overrides:
            population.tier_override[position[cid]] = tier
            population.lifecycle_override[position[cid]] = stage
    return population


@dataclass
class AssessmentHistory:
    """Every live assessment of the population, read once (a backfill needs the latest one on
    or before each period's end): positions into the population, days, ratings (A×8), in
    customer, date and recording order."""

    positions: npt.NDArray[np.int64]
    days: npt.NDArray[np.int64]
    ratings: FloatArray

    def latest(self, as_of: date, n: int) -> tuple[FloatArray, BoolArray]:
        """The same as the latest-assessment query, for ``n`` population customers."""
        ratings = np.full((n, len(RATED_DIMENSIONS)), np.nan, dtype=np.float64)
        assessed = np.zeros(n, dtype=bool)
        rows = np.flatnonzero(self.days <= _day_number(as_of))
        if rows.size:
            owners = self.positions[rows]
            last = rows[np.append(owners[1:] != owners[:-1], True)]
            ratings[self.positions[last]] = self.ratings[last]
            assessed[self.positions[last]] = True
        return ratings, assessed


def read_assessments(base: DatabaseBase, population: Population) -> AssessmentHistory:
    rows = base.conn.execute(
        f"SELECT customer_id, assessed_on, {', '.join(RATED_DIMENSIONS)} "
        "FROM assessments INDEXED BY idx_assessments_scoring WHERE deleted_at IS NULL "
        "ORDER BY customer_id, assessed_on, created_at").fetchall()
    position = population.positions
    where = np.array([position.get(row[0], -1) for row in rows], dtype=np.int64)
    keep = where >= 0
    days = np.array([row[1] for row in rows], dtype="datetime64[D]").astype(np.int64) \
        if rows else np.zeros(0, dtype=np.int64)
    ratings = np.array([row[2:] for row in rows], dtype=np.float64).reshape(
        len(rows), len(RATED_DIMENSIONS))
    return AssessmentHistory(positions=where[keep], days=days[keep], ratings=ratings[keep])


def _day_number(day: date) -> int:
    return int(np.datetime64(day.isoformat(), "D").astype(np.int64))


def has_future_rows(base: DatabaseBase, as_of: date) -> bool:
    latest = base.scalar("SELECT max(date) FROM transactions WHERE deleted_at IS NULL")
    return latest is not None and latest > as_of.isoformat()


def window_params(window: Window) -> dict[str, str | int]:
    """The window's bounds as ISO dates and as day numbers (days since 1970-01-01, the
    transactions' generated ``day`` columns)."""
    return {"as_of": window.as_of.isoformat(), "start": window.start.isoformat(),
            "previous_start": window.previous_start.isoformat(),
            "as_of_day": _day_number(window.as_of), "start_day": _day_number(window.start),
            "previous_start_day": _day_number(window.previous_start)}


@dataclass
class PendingBook:
    """A book whose transaction aggregate is under way (see :func:`start_book`)."""

    as_of: date
    window: Window
    params: dict[str, Any]
    population: Population
    customer_id: str | None
    aggregates: list[Future[Rows]]
    future_rows: bool
    assessments: AssessmentHistory | None = None


def load_book(base: DatabaseBase, as_of: date, config: ScoringConfig, *,
              population: Population | None = None, customer_id: str | None = None,
              reads: ParallelReads | None = None) -> tuple[BookFigures, BoolArray]:
    """The book's figures as of ``as_of`` and, per live customer, whether it is in the book.

    A customer is in the book on a date when it was created by then or has a transaction or an
    assessment on or before it: an imported history yields past books, and a date before any
    data yields an empty book. ``customer_id`` limits everything to that one customer.
    With active ``reads`` the aggregate runs in two halves on helper connections while this
    connection reads the assessments.
    """
    pending = start_book(base, as_of, config, population=population, customer_id=customer_id,
                         reads=reads)
    return finish_book(base, pending)


def start_book(base: DatabaseBase, as_of: date, config: ScoringConfig, *,
               population: Population | None = None, customer_id: str | None = None,
               reads: ParallelReads | None = None,
               assessments: AssessmentHistory | None = None) -> PendingBook:
    """Start the transaction aggregate (on helpers when ``reads`` is active, so the caller
    can go on writing, e.g. the previous period's snapshot, before :func:`finish_book`)."""
    population = population or read_population(base, customer_id)
    window = Window.ending(as_of, config.window_months)
    params: dict[str, Any] = window_params(window)
    n = len(population.ids)
    future = has_future_rows(base, as_of)
    if customer_id is not None:
        params["customer_id"] = customer_id
        aggregates = [_done(base.conn.execute(aggregate_sql(
            future_rows=future, customers="AND customer_id = :customer_id"), params).fetchall())]
    elif reads is not None and reads.active and n >= PARALLEL_MIN_CUSTOMERS:
        halves = {"split": population.ids[n // 2]}  # any id splits correctly; this one evenly
        aggregates = [reads.submit(aggregate_sql(future_rows=future, customers=condition),
                                   {**params, **halves})
                      for condition in ("AND customer_id < :split", "AND customer_id >= :split")]
    else:
        aggregates = [_done(base.conn.execute(aggregate_sql(future_rows=future),
                                              params).fetchall())]
    return PendingBook(as_of=as_of, window=window, params=params, population=population,
                       customer_id=customer_id, aggregates=aggregates, future_rows=future,
                       assessments=assessments)


def finish_book(base: DatabaseBase, pending: PendingBook) -> tuple[BookFigures, BoolArray]:
    """Read the assessments, collect the aggregate and assemble the book (see load_book)."""
    population = pending.population
    n = len(population.ids)
    position = population.positions
    figures = np.zeros((len(AGGREGATE_COLUMNS), n), dtype=np.float64)
    first = AGGREGATE_COLUMNS.index("days_since_first")
    figures[first] = np.nan
    figures[AGGREGATE_COLUMNS.index("days_since_last")] = np.nan
    if pending.assessments is not None:
        ratings, assessed = pending.assessments.latest(pending.as_of, n)
    else:
        ratings, assessed = _latest_ratings(base, pending.params, position, n,
                                            pending.customer_id is not None)
    order_rows = _order_rows(base, pending)  # while helpers may still run the aggregate
    for rows in pending.aggregates:
        _scatter(rows.result(), position, figures)
    with np.errstate(invalid="ignore"):
        figures[first][figures[first] < 0] = np.nan  # first purchase after the as-of date
    created = np.array(population.created_on, dtype=object) <= pending.as_of.isoformat() \
        if n else np.zeros(0, dtype=bool)
    in_book = created.astype(bool) | ~np.isnan(figures[first]) | assessed
    keep = np.flatnonzero(in_book)
    every = keep.size == n
    chosen = keep.tolist()

    def pick(values: Sequence[Any]) -> list[Any]:
        return list(values) if every else [values[i] for i in chosen]

    ids = pick(population.ids)
    columns = {name: figures[k][keep] for k, name in enumerate(AGGREGATE_COLUMNS)}
    columns["revenue_with_profit"] = _revenue_with_profit(base, pending, ids, columns)
    columns["orders"] = _orders(order_rows, ids, columns.pop("sales_lines"))
    book = BookFigures(
        customer_ids=ids, window=pending.window, **columns,
        ratings=ratings[keep], tier_override=pick(population.tier_override),
        lifecycle_override=pick(population.lifecycle_override))
    return book, in_book


def _revenue_with_profit(base: DatabaseBase, pending: PendingBook, ids: Sequence[str],
                         columns: dict[str, FloatArray]) -> FloatArray:
    invoices, with_profit = columns["invoices"], columns["profit_invoices"]
    result = np.where(with_profit == invoices, columns["revenue"], 0.0)
    mixed = np.flatnonzero((with_profit > 0) & (with_profit < invoices))
    if mixed.size:
        position = {ids[i]: i for i in mixed.tolist()}
        window = "date > :start AND date <= :as_of" if pending.future_rows else "date > :start"
        for customer_id, total in base.conn.execute(
                _REVENUE_WITH_PROFIT_SQL.format(window=window),
                {**pending.params, "ids": json.dumps(list(position))}):
            result[position[customer_id]] = total
    return result


def _order_rows(base: DatabaseBase, pending: PendingBook) -> Rows:
    """(customer, sales lines naming an order, distinct orders) in the window."""
    window = "day > :start_day" + (" AND day <= :as_of_day" if pending.future_rows else "")
    one = pending.customer_id is not None
    return base.conn.execute(_ORDERS_SQL.format(
        window=window, customer_filter="AND customer_id = :customer_id" if one else ""),
        pending.params).fetchall()


def _orders(rows: Rows, ids: Sequence[str], sales_lines: FloatArray) -> FloatArray:
    """Orders in the window: the sales lines, with the lines of one order counted once."""
    if not rows:
        return sales_lines
    orders = sales_lines.copy()
    position = {cid: i for i, cid in enumerate(ids)}
    for customer_id, lines, distinct in rows:
        where = position.get(customer_id)
        if where is not None:
            orders[where] += distinct - lines
    return orders


def _done(rows: Rows) -> Future[Rows]:
    future: Future[Rows] = Future()
    future.set_result(rows)
    return future


def _latest_ratings(base: DatabaseBase, params: dict[str, Any], position: dict[str, int],
                    n: int, one: bool) -> tuple[FloatArray, BoolArray]:
    """Each customer's ratings from its latest assessment on or before the as-of date."""
    ratings = np.full((n, len(RATED_DIMENSIONS)), np.nan, dtype=np.float64)
    assessed = np.zeros(n, dtype=bool)
    sql = _LATEST_ASSESSMENT_SQL.format(
        customer_filter="AND customer_id = :customer_id" if one else "")
    rows = base.conn.execute(sql, params).fetchall()
    if rows:
        where = np.array([position.get(row[0], -1) for row in rows], dtype=np.int64)
        values = np.array([row[2:] for row in rows], dtype=np.float64)  # None becomes NaN
        known = where >= 0
        ratings[where[known]] = values[known]
        assessed[where[known]] = True
    return ratings, assessed


def _scatter(rows: Sequence[tuple[Any, ...]], position: dict[str, int],
             figures: FloatArray) -> None:
    """Place aggregate rows (customer_id first) into the columns of ``figures``."""
    if not rows:
        return
    where = np.array([position.get(row[0], -1) for row in rows], dtype=np.int64)
    values = np.array([row[1:] for row in rows], dtype=np.float64)  # None becomes NaN
    known = where >= 0
    figures[:, where[known]] = values[known].T


def points_json(points: Iterable[Any], missing: Iterable[Any]) -> list[str]:
    """``customer_metrics.dimensions`` text per customer: each dimension's points, ``null``
    where it is missing (scored at the neutral value). Built from per-value string tables:
    about 50 ms for 100,000 customers."""
    codes = np.where(np.asarray(missing), 101, np.asarray(points))
    if codes.shape[0] == 0:
        return []
    columns = [_POINT_MEMBERS[j][codes[:, j]].tolist() for j in range(len(DIMENSIONS))]
    return ["{" + ",".join(members) + "}" for members in zip(*columns, strict=True)]


def points_array_json(points: Iterable[Any], missing: Iterable[Any]) -> list[str]:
    """The compact form kept in ``score_snapshots.dimensions``: a JSON array of the points in
    :data:`DIMENSIONS` order, ``null`` where missing (a fifth of the object form's size, for
    a table that grows by a whole book per period)."""
    codes = np.where(np.asarray(missing), 101, np.asarray(points))
    if codes.shape[0] == 0:
        return []
    columns = [_POINT_VALUES[codes[:, j]].tolist() for j in range(len(DIMENSIONS))]
    return ["[" + ",".join(values) + "]" for values in zip(*columns, strict=True)]


def parse_points_arrays(texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], BoolArray] | None:
    """The inverse of :func:`points_array_json` for many rows at once: N×15 points (the
    neutral value where missing) and the missing flags; None when any text is not in that
    compact form (an object written before m008, or anything damaged).

    numpy parses the numbers of all rows in one pass: about 50 ms for 100,000 rows, against
    150 ms for ``json.loads`` and an array of the lists it returns."""
    width = len(DIMENSIONS)
    if not texts:
        return np.zeros((0, width), dtype=np.int64), np.zeros((0, width), dtype=bool)
    if not all(text[:1] == "[" and text[-1:] == "]" and text.count(",") == width - 1
               for text in texts):
        return None
    body = ",".join(texts).replace("[", "").replace("]", "").replace("null", "-1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy warns, and stops, at what is not a number
        try:
            values = np.fromstring(body, dtype=np.int64, sep=",")
        except (ValueError, DeprecationWarning):
            return None
    if values.size != len(texts) * width or np.any((values < -1) | (values > 100)):
        return None
    points = values.reshape(len(texts), width)
    missing = points < 0
    points[missing] = NEUTRAL_POINTS
    return points, missing


def parse_points(text: str | None) -> dict[str, int | None]:
    """Points per dimension from either stored form (object or array)."""
    data = json.loads(text or "{}")
    if isinstance(data, list):
        return dict(zip(DIMENSIONS, data, strict=False))
    return {name: data.get(name) for name in DIMENSIONS if name in data}


def compute_book(base: DatabaseBase, as_of: date, config: ScoringConfig, *,
                 population: Population | None = None, customer_id: str | None = None,
                 reads: ParallelReads | None = None) -> tuple[BookScores, BoolArray]:
    """Load and score the book as of ``as_of`` (nothing is written)."""
    book, in_book = load_book(base, as_of, config, population=population,
                              customer_id=customer_id, reads=reads)
    return score_book(book, config), in_book
