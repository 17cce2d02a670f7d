"""How soon a complaint or need must be answered: a service level per priority.

Article 008 of the domain notes puts past complaints first in a plan; a salesperson's week
needs to know which ones are already late. Until each need carries its own due date, the due
date is the day it was raised plus its priority's service level.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from models.entities import Need
from models.enums import Priority
from models.validation import ValidationError, tr_noop

MSG_SLA_RANGE = tr_noop("A service level is from 1 to 365 days.")

#: Days to answer a need of each priority (a high-priority complaint: two working days).
DEFAULT_SLA_DAYS: dict[Priority, int] = {Priority.HIGH: 2, Priority.MEDIUM: 5, Priority.LOW: 10}


def due_on(raised_on: date | None, priority: Priority,
           sla_days: dict[Priority, int] | None = None) -> date | None:
    """The day a need raised on ``raised_on`` should be answered by (None: date unknown)."""
    if raised_on is None:
        return None
    days = (sla_days or DEFAULT_SLA_DAYS).get(priority, DEFAULT_SLA_DAYS[Priority.MEDIUM])
    return raised_on + timedelta(days=days)


def with_due_date(need: Need, sla_days: dict[Priority, int] | None = None) -> Need:
    """``need`` with the due date its priority's service level sets, unless it has one."""
    if need.due_on is not None or need.raised_on is None:
        return need
    return replace(need, due_on=due_on(need.raised_on, need.priority, sla_days))


def parse_service_levels(stored: Any) -> dict[Priority, int]:
    """Service levels as stored in the book ({"high": 2, ...}), the defaults where absent."""
    levels = dict(DEFAULT_SLA_DAYS)
    if isinstance(stored, dict):
        for priority in Priority:
            value = stored.get(priority.value)
            if isinstance(value, int) and 1 <= value <= 365:
                levels[priority] = value
    return levels


def checked_service_levels(levels: dict[Priority, int]) -> dict[str, int]:
    """The form to store, after checking each is a whole number of days from 1 to 365."""
    for priority, days in levels.items():
        if not isinstance(days, int) or not 1 <= days <= 365:
            raise ValidationError(f"sla_{priority.value}", MSG_SLA_RANGE)
    return {p.value: levels.get(p, DEFAULT_SLA_DAYS[p]) for p in Priority}


def days_late(raised_on: date | None, priority: Priority, today: date,
              sla_days: dict[Priority, int] | None = None) -> int:
    """Whole days past the due date on ``today`` (0 when not late or the date is unknown)."""
    due = due_on(raised_on, priority, sla_days)
    return max(0, (today - due).days) if due else 0
