"""Dates in every common layout, and the day/month order decided per column from the data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.validation import ValidationError
from storage.importer.dates import (
    DateOrder,
    DateOrderError,
    date_columns,
    decide_file_orders,
    decide_orders,
    parse_date,
)

DMY, MDY = DateOrder.DMY, DateOrder.MDY


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-14", date(2024, 3, 14)),
    ("2024/3/14", date(2024, 3, 14)),
    ("2024.03.14", date(2024, 3, 14)),
    ("2024年3月14日", date(2024, 3, 14)),
    ("２０２４年３月１４日", date(2024, 3, 14)),  # full-width digits
    ("20240314", date(2024, 3, 14)),
    ("2024-03-14T10:42:00", date(2024, 3, 14)),
    ("2024-03-14 10:42:00.123+08:00", date(2024, 3, 14)),
    ("2024/3/14 下午 3:05", date(2024, 3, 14)),
    ("14.03.2024", date(2024, 3, 14)),  # the 14 decides: day first
    ("3/14/2024 10:42", date(2024, 3, 14)),  # the 14 decides: month first, time ignored
    ("10/31/2011 10:42 AM", date(2011, 10, 31)),
    ("3/3/2024", date(2024, 3, 3)),  # reads the same either way
    ("14-Mar-2024", date(2024, 3, 14)),
    ("March 14, 2024", date(2024, 3, 14)),
    ("Sept 1st, 2024", date(2024, 9, 1)),
    ("45365", date(2024, 3, 14)),  # an Excel serial written as text
    ("14/3/24", date(2024, 3, 14)),
])
def test_unambiguous_layouts(text: str, expected: date) -> None:
    assert parse_date("date", text) == expected


def test_cells_that_are_already_dates_or_serials() -> None:
    assert parse_date("date", datetime(2024, 3, 14, 10, 42)) == date(2024, 3, 14)
    assert parse_date("date", date(2024, 3, 14)) == date(2024, 3, 14)
    assert parse_date("date", 45365) == date(2024, 3, 14)
    assert parse_date("date", 20240314) == date(2024, 3, 14)
    assert parse_date("date", None) is None and parse_date("date", "  ") is None


def test_a_date_that_reads_both_ways_needs_the_order() -> None:
    with pytest.raises(ValidationError, match="both as day/month and as month/day"):
        parse_date("date", "3/4/2024")
    assert parse_date("date", "3/4/2024", DMY) == date(2024, 4, 3)
    assert parse_date("date", "3/4/2024", MDY) == date(2024, 3, 4)
    assert parse_date("date", "03-04-2024 09:15", MDY) == date(2024, 3, 4)


def test_a_value_against_its_column_order_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"order of this column \(dates like 12/31/2024"):
        parse_date("date", "14/3/2024", MDY)
    with pytest.raises(ValidationError, match=r"order of this column \(dates like 31/12/2024"):
        parse_date("date", "3/14/2024", DMY)
    with pytest.raises(ValidationError, match="Not a date KeyPlan can read"):
        parse_date("date", "31/31/2024")
    with pytest.raises(ValidationError, match="Not a date KeyPlan can read"):
        parse_date("date", "2024-02-30")


def test_the_order_of_a_column_is_decided_by_its_values() -> None:
    columns = {"date": (0, "Order Date"), "due_date": (1, "到期日")}
    us = [["10/3/2011", "2024-01-01"], ["10/31/2011 10:42", "2024-01-02"]]
    assert decide_orders(iter(us), columns) == {"date": MDY}  # ISO needs no order
    european = [["01.02.2024", ""], ["13.02.2024", "1/2/2024"], ["x", "25/12/2024"]]
    assert decide_orders(iter(european), columns) == {"date": DMY, "due_date": DMY}
    assert decide_orders(iter(us), columns, given=DMY) == {"date": DMY, "due_date": DMY}


def test_a_column_that_reads_both_ways_throughout_is_a_question() -> None:
    rows = [["3/4/2024"], ["5/6/2024"], ["7/8/2024"], ["9/10/2024"]]
    with pytest.raises(DateOrderError) as caught:
        decide_orders(iter(rows), {"date": (0, "日期")})
    message = str(caught.value)
    assert "'日期'" in message and "3/4/2024, 5/6/2024, 7/8/2024" in message
    assert "--date-order dmy" in message


def test_the_decision_reads_only_as_far_as_needed() -> None:
    read: list[int] = []

    def rows() -> Iterator[list[str]]:  # an endless file: the first decisive value stops it
        number = 0
        while True:
            number += 1
            read.append(number)
            yield ["13/1/2024" if number == 3 else "1/1/2024"]

    assert decide_orders(rows(), {"date": (0, "日期")}) == {"date": DMY}
    assert read == [1, 2, 3]


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["/", "-", "."]), st.booleans())
def test_any_date_written_in_a_known_order_reads_back(day: date, separator: str,
                                                      month_first: bool) -> None:
    first, second = (day.month, day.day) if month_first else (day.day, day.month)
    text = f"{first}{separator}{second}{separator}{day.year}"
    order = MDY if month_first else DMY
    assert parse_date("date", text, order) == day
    found = decide_orders(iter([[text]]), {"date": (0, "d")}) if day.day > 12 else None
    if found is not None:
        assert found == {"date": order}


class _Mapping:
    def __init__(self) -> None:
        self.headers = ["客户", "Order Date", "Due"]

    def index_of(self, name: str) -> int | None:
        return {"date": 1, "due_date": 2}.get(name)


def test_a_file_is_decided_from_its_first_rows_then_the_rest() -> None:
    columns = date_columns(_Mapping())
    assert columns == {"date": (1, "Order Date"), "due_date": (2, "Due")}
    head = [["A", "1/2/2024", "2024-03-01"], ["B", "3/4/2024", ""]]
    read: list[bool] = []

    def rest() -> Iterator[list[str]]:  # only read when the first rows leave a column undecided
        read.append(True)
        yield from head
        yield ["C", "5/25/2024", ""]

    assert decide_file_orders(head, rest, columns) == {"date": DateOrder.MDY}
    assert read == [True]
    read.clear()
    assert decide_file_orders([["A", "13/1/2024", ""]], rest, columns) == {"date": DMY}
    assert read == []  # decided by the first rows: the file is not read again
    assert decide_file_orders(head, rest, columns, "dmy") == {"date": DMY, "due_date": DMY}
    assert decide_file_orders(head, rest, {}) == {}
    with pytest.raises(DateOrderError, match="'Order Date'"):
        decide_file_orders(head, lambda: iter(head), columns)


YMD = DateOrder.YMD


def test_a_two_digit_year_first_is_read_when_the_order_says_so() -> None:
    """24/03/14 (Japanese and Korean exports): year, month, day under ymd; a date with its
    year last is refused under ymd rather than read some other way."""
    assert parse_date("date", "24/03/14", YMD) == date(2024, 3, 14)
    assert parse_date("date", "03/04/05", YMD) == date(2003, 4, 5)
    assert parse_date("date", "95.3.4 10:42", YMD) == date(1995, 3, 4)
    assert parse_date("date", "2024-03-14", YMD) == date(2024, 3, 14)  # ISO: no question
    assert parse_date("date", "03/04/05", DMY) == date(2005, 4, 3)  # unchanged without ymd
    with pytest.raises(ValidationError, match=r"order of this column \(dates like 24/12/31"):
        parse_date("date", "3/14/2024", YMD)
    with pytest.raises(ValidationError, match=r"order of this column \(dates like 24/12/31"):
        parse_date("date", "24/13/01", YMD)
    with pytest.raises(ValidationError, match="Not a date KeyPlan can read"):
        parse_date("date", "95/03/04")  # no order: a first part of 95 is no day


def test_a_first_part_above_31_decides_year_first() -> None:
    rows = [["03/04/05"], ["95/03/04"], ["96/12/31"]]
    assert decide_orders(iter(rows), {"date": (0, "日付")}) == {"date": YMD}
    assert decide_orders(iter([["24/03/14"]]), {"date": (0, "d")}) == {"date": DMY}
    assert decide_orders(iter(rows), {"date": (0, "d")}, given=DMY) == {"date": DMY}


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31)),
       st.sampled_from(["/", "-", "."]))
def test_any_year_first_date_reads_back(day: date, separator: str) -> None:
    text = f"{day.year % 100:02d}{separator}{day.month}{separator}{day.day}"
    assert parse_date("date", text, YMD) == day
