"""Transactions already in the book, so importing the same file twice does not double the
customers' revenue.

A file row is a duplicate when a live transaction of the same customer has the same date,
amount and profit (to the cent), document (its order number, else its reference) and
product: the same invoice line. Money is compared in whole cents of its decimal value, so
1234.5600000000002 read from a workbook and "1234.56" read from a CSV are the same amount
(compared as floats, the same data imported from .xlsx and then from .csv added 177 lines).
A line imported before order numbers existed kept its order number as its reference; the
document key is the same either way. Rows repeated *within* a file are kept (two identical
orders on one day are possible), only the book is compared. The book's lines are held as a
set of hashes of those values, read once per import (about a second and 60 MB for 1,000,000
transactions; nothing when the book has none), so checking a row costs one set lookup,
whatever indexes a large import has dropped meanwhile.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from storage.importer.store import BookConnection

_BOOK_LINES_SQL = ("SELECT customer_id, date, amount, profit, reference, product, order_no "
                   "FROM transactions WHERE deleted_at IS NULL")
_CENT = Decimal("0.01")


def cents(amount: float) -> int:
    """``amount`` in whole cents of its shortest decimal form, halves away from zero."""
    scaled = amount * 100
    whole = round(scaled)
    # Far from a half cent, float error (under 0.01 cent for amounts below 10**11) cannot
    # move the rounding: only amounts near a half take the exact decimal path.
    if -0.45 < scaled - whole < 0.45:
        return int(whole)
    return int(Decimal(repr(amount)).quantize(_CENT, ROUND_HALF_UP) * 100)


def _line_key(customer_id: str, day: str, amount: float, profit: float | None,
              reference: str, product: str, order_no: str | None) -> int:
    # cents() inlined for the amount: a million book lines are keyed at each import.
    scaled = amount * 100
    whole = round(scaled)
    amount_cents = int(whole) if -0.45 < scaled - whole < 0.45 else cents(amount)
    return hash((customer_id, day, amount_cents, None if profit is None else cents(profit),
                 order_no or reference or "", reference if order_no else "", product or ""))


class BookTransactions:
    """The invoice lines already in the book, to recognise a file row seen before."""

    def __init__(self, db: BookConnection) -> None:
        self._keys: set[int] = set()
        if db.conn.execute("SELECT 1 FROM transactions WHERE deleted_at IS NULL LIMIT 1"
                           ).fetchone() is not None:
            self._keys = {_line_key(*row) for row in db.conn.execute(_BOOK_LINES_SQL)}

    def contains(self, customer_id: str, fields: tuple[Any, ...]) -> bool:
        """Whether the converted file row ``fields`` (date, amount, profit, due, paid,
        reference, product, notes, order_no) is a line the customer already has."""
        if not self._keys:
            return False
        day: date = fields[0]
        return _line_key(customer_id, day.isoformat(), fields[1], fields[2], fields[5],
                         fields[6], fields[8]) in self._keys

    def among(self, customer_ids: Sequence[Any], days: Sequence[Any], amounts: Sequence[Any],
              profits: Sequence[Any], references: Sequence[str], products: Sequence[str],
              order_nos: Sequence[str], skip: Collection[int]) -> set[int]:
        """The positions of the lines (ISO dates, as a chunk of the bulk path holds them)
        that the book already has; those in ``skip`` (placeholders) are not looked at."""
        keys = self._keys
        if not keys:
            return set()
        return {i for i, line in enumerate(zip(customer_ids, days, amounts, profits, references,
                                               products, order_nos, strict=True))
                if i not in skip and _line_key(*line) in keys}
