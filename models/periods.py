"""Calendar arithmetic of the value engine: month shifts, window bounds and snapshot periods."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from models.enums import SnapshotPeriod
from models.validation import ValidationError, tr_noop

MSG_BAD_SNAPSHOT_PERIOD = tr_noop("Not a snapshot period (expected e.g. 2026-05 or 2026-Q2).")

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def add_months(day: date, months: int) -> date:
    """``day`` shifted by whole calendar months, clamped to the end of a shorter month
    (31 March minus one month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Window:
    """The scoring window ending on ``as_of``: (start, as_of] and the one before it,
    (previous_start, start]; both are ``months`` calendar months long."""

    as_of: date
    start: date
    previous_start: date
    months: int

    @classmethod
    def ending(cls, as_of: date, months: int) -> Window:
        return cls(as_of=as_of, start=add_months(as_of, -months),
                   previous_start=add_months(as_of, -2 * months), months=months)


@dataclass(frozen=True, order=True)
class Period:
    """A snapshot period: a calendar month (``2026-05``) or quarter (``2026-Q2``)."""

    start: date
    end: date
    label: str
    kind: SnapshotPeriod

    @classmethod
    def containing(cls, day: date, kind: SnapshotPeriod) -> Period:
        if kind is SnapshotPeriod.MONTH:
            first_month = day.month
            label = f"{day.year}-{day.month:02d}"
            months = 1
        else:
            quarter = (day.month - 1) // 3 + 1
            first_month = 3 * quarter - 2
            label = f"{day.year}-Q{quarter}"
            months = 3
        start = date(day.year, first_month, 1)
        end = add_months(start, months)
        end = date.fromordinal(end.toordinal() - 1)
        return cls(start=start, end=end, label=label, kind=kind)

    @classmethod
    def parse(cls, label: str) -> Period:
        text = label.strip().upper()
        month = _MONTH.match(text)
        if month:
            return cls.containing(date(int(month[1]), int(month[2]), 1), SnapshotPeriod.MONTH)
        quarter = _QUARTER.match(text)
        if quarter:
            return cls.containing(date(int(quarter[1]), 3 * int(quarter[2]) - 2, 1),
                                  SnapshotPeriod.QUARTER)
        raise ValidationError("period", MSG_BAD_SNAPSHOT_PERIOD)

    def previous(self) -> Period:
        return Period.containing(date.fromordinal(self.start.toordinal() - 1), self.kind)


def periods_before(as_of: date, kind: SnapshotPeriod, count: int) -> list[Period]:
    """The ``count`` complete periods before the one holding ``as_of``, oldest first."""
    result: list[Period] = []
    period = Period.containing(as_of, kind)
    for _ in range(count):
        period = period.previous()
        result.append(period)
    return result[::-1]
