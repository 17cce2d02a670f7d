"""The demo's tier history: the months before the demo's own scored from its transactions,
so the dashboard's migration, the overview's "Why the tier changed" and the portfolio's
column show real moves on a first look (a demo scored once has one period and no change)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from models.enums import SnapshotPeriod

if TYPE_CHECKING:
    from storage.database import Database

#: Months snapshotted before the demo's own.
HISTORY_MONTHS = 2
#: Beyond this many customers the history is left to ``keyplan score --backfill``: it costs
#: about 0.2 s per 500 customers, a minute and more on the largest demos.
MAX_CUSTOMERS = 20_000


def add_demo_history(db: Database, anchor: date, customers: int) -> int:
    """Snapshot the months before ``anchor`` (inside the demo's transaction); the number of
    periods written."""
    if customers > MAX_CUSTOMERS:
        return 0
    return len(db.backfill_snapshots(HISTORY_MONTHS, SnapshotPeriod.MONTH, anchor))
