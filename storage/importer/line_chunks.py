"""The bulk path of a transactions import: a chunk of file rows converted column by column.

A million-line file cannot afford several Python calls per cell. Each mapped column of a
chunk is converted at once: the csv module's strings go through ``float`` in C, dates and
repeated texts through caches of the exact per-value functions, long texts through one check
of the whole column. A cell this pass cannot vouch for (one the exact function refuses, a row
without a date or an amount, dates out of order) marks its row *slow*: the handler gives
those rows to :func:`storage.importer.rows.transaction_converter`, so they get the same
verdicts and messages as before. tests/test_import_values.py holds the two to the same
results.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress, count, islice
from operator import lt
from typing import Any, cast

from models.entities import MONEY_LIMIT
from models.validation import ValidationError, ValidationErrors, clean_text
from storage.importer.columns import ColumnMapping
from storage.importer.dates import parse_date
from storage.importer.rows import TEXT_FIELDS, line_amount, money_value
from storage.importer.values import MARKER_LONGEST, cell_text, is_marker, literal_text


class _Bad:
    __slots__ = ()

    def __repr__(self) -> str:
        return "BAD"


#: What a cache holds for a cell the exact function refused (its row is slow).
BAD: Any = _Bad()
#: What stands for a missing date when a later date is compared with the line's: "~" sorts
#: after every ISO date, "" before.
_NEVER_BEFORE: dict[Any, Any] = {None: "~"}
_NEVER_AFTER: dict[Any, Any] = {None: ""}
#: Distinct values a column's cache keeps (dates, products, order numbers ...).
CACHE_LIMIT = 200_000


class _Cache(dict[Any, Any]):
    """Cell value -> what the exact function makes of it, worked out on first sight."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: Any) -> Any:
        result = self.compute(key)
        if len(self) < CACHE_LIMIT:
            self[key] = result
        return result

    def column(self, cells: Sequence[Any]) -> list[Any]:
        try:
            return list(map(self.__getitem__, cells))
        except TypeError:  # an unhashable cell: no reader gives one, but never fail on it
            return list(map(self.compute, cells))


@dataclass
class LineColumns:
    """A chunk's lines, column by column: row ``i`` of the chunk is index ``i`` of each list.
    Dates are ISO text (None when empty); ``slow`` rows hold placeholders and must go through
    the exact converter."""

    days: list[Any]
    amounts: list[Any]
    profits: list[Any]
    dues: list[Any]
    paids: list[Any]
    references: list[str]
    products: list[str]
    notes: list[str]
    order_nos: list[str]
    slow: set[int] = field(default_factory=set)
    #: The cells naming each line's customer, as read (None when the file has no such column)
    codes: Sequence[Any] | None = None
    names: Sequence[Any] | None = None
    customer_ids: Sequence[Any] | None = None


class ChunkConverter:
    """Converts chunks of rows with one mapping's columns (caches live as long as it does)."""

    def __init__(self, mapping: ColumnMapping) -> None:
        def position(name: str) -> int:
            index = mapping.index_of(name)
            return -1 if index is None else index

        self.width = max(mapping.sources.values(), default=-1) + 1
        self.dates = [(name, position(name), _Cache(_date_function(
            name, mapping.date_orders.get(name)))) for name in ("date", "due_date", "paid_date")]
        self.money = [(name, position(name), mapping.scales.get(position(name), 1.0))
                      for name in ("amount", "profit")]
        self.quantity, self.unit_price = position("quantity"), position("unit_price")
        self.price_scale = mapping.scales.get(self.unit_price, 1.0)
        text = literal_text if mapping.literal else cell_text
        self.literal = mapping.literal
        self.texts = [(name, position(name), limit, multiline,
                       _Cache(_text_function(name, limit, multiline, text)))
                      for name, limit, multiline in TEXT_FIELDS]
        self.customers = [position(name) for name in ("customer_code", "customer_name",
                                                       "customer_id")]

    def __call__(self, rows: list[list[Any]]) -> LineColumns:
        width, size = self.width, len(rows)
        if width and min(map(len, rows)) < width:
            pad: list[Any] = [None] * width
            rows = [r if len(r) >= width else r + pad[len(r):] for r in rows]

        # The chunk turned into columns, in C (every row is at least ``width`` long now).
        columns = list(islice(zip(*rows, strict=False), width))

        def cells(index: int) -> Sequence[Any] | None:
            return columns[index] if index >= 0 else None

        slow: set[int] = set()
        days, dues, paids = (self._dates(cells(index), cache, size, slow)
                             for _name, index, cache in self.dates)
        if None in days:  # no date: required
            slow.update(i for i, day in enumerate(days) if day is None)
        amounts, profits = (self._money(name, cells(index), scale, size, slow)
                            for name, index, scale in self.money)
        if None in amounts:
            self._line_amounts(amounts, rows, slow)
        references, products, notes, order_nos = (
            self._texts(cells(index), limit, multiline, cache, size, slow)
            for _name, index, limit, multiline, cache in self.texts)
        latest: str | None = None  # the chunk's last line date, worked out when needed
        for (_name, index, _cache), later in zip(self.dates[1:], (dues, paids), strict=True):
            if index >= 0 and any(later):  # a due or paid date before the line's own
                # ISO dates compare as text; a missing one (None) is never the earlier. When
                # the column's first date is not before the chunk's last line date (due and
                # paid dates come after a chunk's day or two of lines), no line can have one.
                if latest is None:
                    latest = max(filter(None, days), default="")
                if min(filter(None, later)) >= latest:
                    continue
                others = cast(Iterator[str], map(_NEVER_BEFORE.get, later, later))
                own = cast(Iterator[str], map(_NEVER_AFTER.get, days, days))
                earlier = map(lt, others, own)
                slow.update(compress(count(), earlier))
        codes, names, customer_ids = (cells(index) for index in self.customers)
        return LineColumns(days, amounts, profits, dues, paids, references, products, notes,
                           order_nos, slow, codes, names, customer_ids)

    # ---- dates ---------------------------------------------------------------------------
    @staticmethod
    def _dates(cells: Sequence[Any] | None, cache: _Cache, size: int, slow: set[int]) -> list[Any]:
        if cells is None:
            return [None] * size
        found = cache.column(cells)
        if BAD in found:
            _refused(found, slow)
        return found

    # ---- money -----------------------------------------------------------------------------
    def _money(self, name: str, cells: Sequence[Any] | None, scale: float, size: int,
               slow: set[int]) -> list[Any]:
        if cells is None:
            return [None] * size
        numbers = _plain_numbers(cells)
        if numbers is not None:
            if scale != 1.0:
                numbers = [number * scale for number in numbers]
            # sum() is finite only when every number is (an overflow to inf just goes on to
            # the cell-by-cell path below).
            if math.isfinite(sum(numbers)) and min(numbers) >= -MONEY_LIMIT \
                    and max(numbers) <= MONEY_LIMIT:
                return numbers
        return [self._amount(name, cell, scale, i, slow) for i, cell in enumerate(cells)]

    @staticmethod
    def _amount(name: str, cell: Any, scale: float, i: int, slow: set[int]) -> Any:
        """One cell the column pass could not take whole: parse_amount's own quick cases,
        else the exact function."""
        kind = type(cell)
        if cell is None or (kind is str and not cell):
            return None
        if (kind is str and "_" not in cell) or kind is float or kind is int:
            try:
                number = float(cell) * scale if scale != 1.0 else float(cell)
                if -MONEY_LIMIT <= number <= MONEY_LIMIT:
                    return number
            except (ValueError, OverflowError):
                pass
        try:
            return money_value(name, cell, scale)
        except ValidationError:
            slow.add(i)
            return None

    def _line_amounts(self, amounts: list[Any], rows: list[list[Any]], slow: set[int]) -> None:
        """A line without an amount: quantity times unit price, or the exact converter's
        'required'."""
        for i, amount in enumerate(amounts):
            if amount is not None or i in slow:
                continue
            if self.quantity < 0 or self.unit_price < 0:
                slow.add(i)
                continue
            try:
                amounts[i] = line_amount(rows[i][self.quantity], rows[i][self.unit_price],
                                         self.price_scale)
            except (ValidationError, ValidationErrors):
                slow.add(i)

    # ---- texts -----------------------------------------------------------------------------
    def _texts(self, cells: Sequence[Any] | None, limit: int, multiline: bool, cache: _Cache,
               size: int, slow: set[int]) -> list[str]:
        if cells is None:
            return [""] * size
        try:
            few = len(set(cells)) * 4 <= size  # few values, many times each (products ...)
        except TypeError:
            few = False
        if few:
            found = cache.column(cells)
        elif set(map(type, cells)) == {str}:
            stripped = list(map(str.strip, cells))
            if max(map(len, stripped)) <= limit and _clean(" ".join(stripped), multiline):
                if self.literal or min(map(len, stripped)) > MARKER_LONGEST:
                    return stripped
                markers = {text for text in set(stripped) if is_marker(text)}
                if not markers:
                    return stripped
                return ["" if text in markers else text for text in stripped]
            found = cache.column(cells)
        else:
            found = cache.column(cells)
        if BAD in found:
            _refused(found, slow)
        return found


def _plain_numbers(cells: Sequence[Any]) -> list[float] | None:
    """The cells as floats when ``float`` reads each the way parse_amount does: numbers, and
    texts without an underscore (parse_amount refuses 1_000, which ``float`` takes)."""
    try:
        if "_" in "".join(cells):  # all texts (a CSV file's)
            return None
        return list(map(float, cells))
    except TypeError:  # not all texts: a workbook's numbers, say
        if set(map(type, cells)) <= {float, int}:
            try:
                return list(map(float, cells))
            except OverflowError:
                pass
    except ValueError:
        pass
    return None


def _clean(joined: str, multiline: bool) -> bool:
    """Whether texts joined by spaces hold no control character (nor, for a one-line field,
    a line break): then each of them passes clean_text's character check."""
    try:
        clean_text("", joined, max_len=len(joined), multiline=multiline)
    except ValidationError:
        return False
    return True


def _refused(found: list[Any], slow: set[int]) -> None:
    for i, value in enumerate(found):
        if value is BAD:
            slow.add(i)
            found[i] = None


def _date_function(name: str, order: Any) -> Callable[[Any], Any]:
    def compute(cell: Any) -> Any:
        try:
            day = parse_date(name, cell, order)
        except (ValidationError, TypeError):
            return BAD
        return day.isoformat() if day is not None else None
    return compute


def _text_function(name: str, limit: int, multiline: bool,
                   text: Callable[[Any], str]) -> Callable[[Any], Any]:
    def compute(cell: Any) -> Any:
        if cell is None or cell == "":
            return ""
        try:
            return clean_text(name, text(cell), max_len=limit, multiline=multiline)
        except ValidationError:
            return BAD
    return compute
