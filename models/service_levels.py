"""How soon a complaint or need must be answered: a service level per priority.

Article 008 of the domain notes puts past complaints first in a plan; a salesperson's week
needs to know which ones are already late. Until each need carries its own due date, the due
date is the day it was raised plus its priority's service level.
"""

from __future__ import annotations

from datetime import date, timedelta

from models.enums import Priority

#: Days to answer a need of each priority (a high-priority complaint: two working days).
DEFAULT_SLA_DAYS: dict[Priority, int] = {Priority.HIGH: 2, Priority.MEDIUM: 5, Priority.LOW: 10}


def due_on(raised_on: date | None, priority: Priority,
           sla_days: dict[Priority, int] | None = None) -> date | None:
    """The day a need raised on ``raised_on`` should be answered by (None: date unknown)."""
    if raised_on is None:
        return None
    days = (sla_days or DEFAULT_SLA_DAYS).get(priority, DEFAULT_SLA_DAYS[Priority.MEDIUM])
    return raised_on + timedelta(days=days)


def days_late(raised_on: date | None, priority: Priority, today: date,
              sla_days: dict[Priority, int] | None = None) -> int:
    """Whole days past the due date on ``today`` (0 when not late or the date is unknown)."""
    due = due_on(raised_on, priority, sla_days)
    return max(0, (today - due).days) if due else 0
