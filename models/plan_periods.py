"""Calendar arithmetic on plan periods (2027, 2027-H1, 2027-Q3, 2027-05)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from models.validation import check_period


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of ``period`` (inclusive); raises ValidationError if malformed."""
    text = check_period("period", period)
    year = int(text[:4])
    if len(text) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    part = text[5:]
    if part[0] == "H":
        first_month, months = (1, 6) if part == "H1" else (7, 6)
    elif part[0] == "Q":
        first_month, months = 3 * (int(part[1]) - 1) + 1, 3
    else:
        first_month, months = int(part), 1
    last_month = first_month + months - 1
    return date(year, first_month, 1), date(year, last_month,
                                           calendar.monthrange(year, last_month)[1])


def shift_period(period: str, steps: int) -> str:
    """The period ``steps`` periods of the same length after (or, if negative, before)."""
    text = check_period("period", period)
    year = int(text[:4])
    if len(text) == 4:
        return str(year + steps)
    part = text[5:]
    if part[0] in "HQ":
        per_year = 2 if part[0] == "H" else 4
        index = year * per_year + int(part[1]) - 1 + steps
        return f"{index // per_year}-{part[0]}{index % per_year + 1}"
    index = year * 12 + int(part) - 1 + steps
    return f"{index // 12}-{index % 12 + 1:02d}"


def next_period(period: str) -> str:
    return shift_period(period, 1)


def previous_period(period: str) -> str:
    return shift_period(period, -1)


def period_containing(day: date, like: str) -> str:
    """The period of the same granularity as ``like`` that contains ``day``."""
    text = check_period("period", like)
    if len(text) == 4:
        return str(day.year)
    kind = text[5]
    if kind == "H":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if kind == "Q":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def elapsed_share(period: str, today: date) -> float:
    """How much of the period has passed on ``today``: 0 before it starts, 1 after it ends."""
    start, end = period_bounds(period)
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    return ((today - start).days + 1) / ((end - start).days + 1)


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding ``day`` (a weekly report's week, Today's
    "later this week")."""
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)
