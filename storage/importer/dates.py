"""Dates as spreadsheets and exports write them, with the day/month order decided per column.

``3/4/2024`` is 3 April in Shanghai and London but 4 March in New York; ``10/31/2011
10:42`` is US order with a time. A column's order is decided from its own values: a first part
above 12 means day first, a second part above 12 means month first; ISO dates, ``2024年3月14日``,
Excel serials and real date cells are unambiguous. A column whose every value reads both ways
is a question for the user (:class:`DateOrderError`), never a silent guess. Two-digit years
may also come first (``24/03/14``, as Japanese and Korean exports write them): a first part
above 31 says so, else the user's ``ymd`` does, and then a day-first reading is refused.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from models.validation import ValidationError, tr_noop
from storage.importer.file_errors import ImportFileError

#: A cell that is no date in any layout the importer reads. The forms' 'Not a valid date
#: (expected YYYY-MM-DD)' (models.validation.MSG_BAD_DATE) told an importing user that
#: 2026/3/2 or 2026年3月2日 would be refused, which they are not.
MSG_IMPORT_BAD_DATE = tr_noop("Not a date KeyPlan can read (e.g. 2024-03-14, 2024/3/14, "
                              "14.03.2024, 3/14/2024, 2024年3月14日).")
MSG_IMPORT_BAD_DATETIME = tr_noop("Not a date and time KeyPlan can read (e.g. 2024-03-14 "
                                  "10:42, 2024/3/14 10:42, 3/14/2024 10:42 AM).")
MSG_DATE_BOTH_WAYS = tr_noop("Reads both as day/month and as month/day: choose the order of "
                             "this column.")
MSG_DATE_AGAINST_ORDER = tr_noop("Not a valid date in the order of this column (dates like "
                                 "{order}).")

_EXCEL_EPOCH = date(1899, 12, 30)
#: Serial numbers of 1950-01-01 and 2100-12-31: anything outside is not a plausible date.
_SERIAL_MIN, _SERIAL_MAX = 18_264, 73_415

_TIME = re.compile(r"(?:[ T]+|(?<=\d)T)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*"
                   r"(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$|"
                   r"\s+(?:上午|下午)?\s*\d{1,2}[:时]\d{2}(?:[:分]\d{2}秒?)?$")
_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TWO_FIRST = re.compile(r"^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$")
_YEAR_FIRST = re.compile(r"^(\d{2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$")
_NAMED_DAY_FIRST = re.compile(r"^(\d{1,2})[-\s.]+([A-Za-z]{3,9})\.?[-\s.,]+(\d{4})$")
_NAMED_MONTH_FIRST = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for name in names}


class DateOrder(StrEnum):
    """The order of day and month in dates such as ``3/4/2024`` (the year last), or a
    two-digit year first (``24/12/31``: year, month, day)."""

    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"

    @property
    def label(self) -> str:
        """The order shown by example: digits read the same in every language."""
        return {"dmy": "31/12/2024", "mdy": "12/31/2024", "ymd": "24/12/31"}[self.value]


class DateOrderError(ImportFileError):
    message = tr_noop("Column '{column}' holds dates such as {examples} that read both "
                      "day-first and month-first, and none of its values tells which. Choose "
                      "the order: day/month/year or month/day/year (on the command line: "
                      "--date-order dmy or --date-order mdy; ymd when the year comes first, "
                      "as in 24/12/31).")
    #: The columns matched so far (a ColumnMapping, set by prepare()): the wizard shows them
    #: while it asks, so the user sees which column is read as the date.
    mapping: Any = None


class _Ambiguous(Exception):
    """A date that reads both ways, and no order was given."""


def parse_date(field_name: str, value: Any, order: DateOrder | None = None) -> date | None:
    """A date from a cell: a date or datetime, an Excel serial number, ``2026-05-01``,
    ``2026/5/1``, ``2026.5.1``, ``2026年5月1日``, ``20260501``, ``14.03.2024``,
    ``3/14/2024 10:42``, ``14-Mar-2024`` or ``March 14, 2024``; a time after it is ignored.
    ``3/4/2024`` needs ``order``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_number(field_name, float(value))
    text = str(value).strip()
    if not text:
        return None
    try:
        return _from_text(text, order)
    except _Ambiguous:
        raise ValidationError(field_name, MSG_DATE_BOTH_WAYS) from None
    except ValueError:
        pass
    if order is not None and _TWO_FIRST.match(_without_time(_normal(text))):
        raise ValidationError(field_name, MSG_DATE_AGAINST_ORDER, order=order.label)
    raise ValidationError(field_name, MSG_IMPORT_BAD_DATE)


def _normal(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFKC", text).strip()


def _without_time(text: str) -> str:
    return _TIME.sub("", text).strip() if ":" in text or "时" in text else text


def _from_text(text: str, order: DateOrder | None) -> date:
    """Raises ValueError when ``text`` is not a date, _Ambiguous when it needs an order."""
    text = _without_time(_normal(text))
    match = _YMD.match(text) or _COMPACT.match(text)
    if match:
        return date(int(match[1]), int(match[2]), int(match[3]))
    if order is DateOrder.YMD:
        match = _YEAR_FIRST.match(text)
        if match:
            return date(_year(match[1]), int(match[3]), int(match[4]))
        if _TWO_FIRST.match(text):
            raise ValueError(text)  # 3/14/2024: not year first
    match = _TWO_FIRST.match(text)
    if match:
        first, second, year = int(match[1]), int(match[3]), _year(match[4])
        shape = _shape(first, second)
        if shape == "either":
            if order is None:
                raise _Ambiguous()
            shape = order.value
        elif order is not None and shape != order.value and shape != "same":
            raise ValueError(text)
        if shape == "mdy":
            return date(year, first, second)
        return date(year, second, first)
    match = _NAMED_DAY_FIRST.match(text)
    if match and match[2].lower() in _MONTHS:
        return date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    match = _NAMED_MONTH_FIRST.match(text)
    if match and match[1].lower() in _MONTHS:
        return date(int(match[3]), _MONTHS[match[1].lower()], int(match[2]))
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _from_number("", float(text))
    raise ValueError(text)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # business data: 24 is 2024, 95 is 1995
        year += 2000 if year < 70 else 1900
    return year


def _shape(first: int, second: int) -> str:
    """dmy, mdy, same (3/3/2024 reads one way), either, or bad."""
    if first == second:
        return "same"
    if first > 12 and second <= 12:
        return "dmy"
    if second > 12 and first <= 12:
        return "mdy"
    if first <= 12 and second <= 12:
        return "either"
    return "bad"


def _from_number(field_name: str, number: float) -> date:
    if math.isfinite(number):
        if _SERIAL_MIN <= number <= _SERIAL_MAX:
            return _EXCEL_EPOCH + timedelta(days=int(number))
        if number.is_integer() and 19_000_101 <= number <= 21_001_231:
            text = str(int(number))
            try:
                return date(int(text[:4]), int(text[4:6]), int(text[6:]))
            except ValueError:
                pass
    raise ValidationError(field_name, MSG_IMPORT_BAD_DATE)


# ---- deciding a column's order ----------------------------------------------------------
@dataclass
class ColumnEvidence:
    """What a column's values say about its day/month order."""

    day_first: int = 0
    month_first: int = 0
    year_first: int = 0  # 95/03/14: a two-digit first part above 31
    either: list[str] = field(default_factory=list)  # a few examples that read both ways

    def add(self, value: Any) -> None:
        if not isinstance(value, str) or not any(mark in value for mark in "/-."):
            return
        text = _without_time(_normal(value.strip()))
        match = _YEAR_FIRST.match(text)
        if match and int(match[1]) > 31:
            if 1 <= int(match[3]) <= 12 and 1 <= int(match[4]) <= 31:
                self.year_first += 1
            return
        match = _TWO_FIRST.match(text)
        if not match:
            return
        shape = _shape(int(match[1]), int(match[3]))
        if shape == "dmy":
            self.day_first += 1
        elif shape == "mdy":
            self.month_first += 1
        elif shape == "either" and len(self.either) < 3 and value.strip() not in self.either:
            self.either.append(value.strip())  # three different ones: an order's lines repeat

    @property
    def order(self) -> DateOrder | None:
        """The order the values show (the majority, should a garbled column show both)."""
        if not self.day_first and not self.month_first and not self.year_first:
            return None
        if self.year_first > max(self.day_first, self.month_first):
            return DateOrder.YMD
        return DateOrder.DMY if self.day_first >= self.month_first else DateOrder.MDY


def decide_orders(rows: Iterable[list[Any]], columns: Mapping[str, tuple[int, str]],
                  given: DateOrder | None = None) -> dict[str, DateOrder]:
    """The order of each date column (field -> (cell index, header)): ``given`` wins; else
    the values decide, reading only as far as needed. Raises DateOrderError for a column
    whose values all read both ways."""
    if given is not None:
        return {name: given for name in columns}
    evidence = {name: ColumnEvidence() for name in columns}
    open_columns = dict(columns)
    for values in rows:
        for name, (index, _header) in list(open_columns.items()):
            if index < len(values):
                evidence[name].add(values[index])
                if evidence[name].order is not None:
                    del open_columns[name]
        if not open_columns:
            break
    orders: dict[str, DateOrder] = {}
    for name, (_index, header) in columns.items():
        found = evidence[name].order
        if found is not None:
            orders[name] = found
        elif evidence[name].either:
            raise DateOrderError("", column=header,
                                 examples=", ".join(evidence[name].either))
    return orders


#: The date fields of an import, in the order the converter reads them.
DATE_FIELDS = ("date", "due_date", "paid_date")


class _Mapped(Protocol):
    @property
    def headers(self) -> list[str]: ...

    def index_of(self, name: str) -> int | None: ...


def date_columns(mapping: _Mapped, fields: Sequence[str] = DATE_FIELDS) -> dict[str,
                                                                              tuple[int, str]]:
    """field -> (cell index, header) of the date fields a mapping feeds."""
    found = {}
    for name in fields:
        index = mapping.index_of(name)
        if index is not None:
            found[name] = (index, mapping.headers[index])
    return found


def decide_file_orders(head: Iterable[list[Any]], rest: Callable[[], Iterable[list[Any]]],
                       columns: Mapping[str, tuple[int, str]],
                       given: DateOrder | str | None = None) -> dict[str, DateOrder]:
    """The day/month order of each date column: from the rows read when the file was opened
    (enough for nearly every file), else from the whole file, read only as far as needed."""
    chosen = DateOrder(given) if given else None
    if not columns:
        return {}
    try:
        return decide_orders(head, columns, chosen)
    except DateOrderError:
        return decide_orders(rest(), columns, chosen)
