"""The portfolio's Customers sheet columns for competition: each account's main competitor
(the most threatening, then the largest share) and our share of its wallet (what the
competitors' estimated shares leave; empty while none is estimated)."""

from __future__ import annotations

from typing import Any

from storage import competition_store
from storage.base import DatabaseBase
from storage.export_labels import Labels
from storage.xlsx_stream import NUMBER, TEXT
from storage.xlsx_style import PERCENT

#: (label key, kind, number format), after the segments' columns.
COMPETITION_COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("field.main_competitor", TEXT, None), ("field.our_share", NUMBER, PERCENT),
)


class CompetitionWords:
    """Customer id -> the two cells, read once per export from the small competitors
    table (customers without competitors get two empty cells)."""

    def __init__(self, db: DatabaseBase, labels: Labels) -> None:
        self.labels = labels
        self.cells = {
            customer_id: [found.main_competitor,
                          found.our_percent / 100 if found.our_percent is not None else None]
            for customer_id, found in competition_store.portfolio(db).items()}
        self.empty: list[Any] = ["", None]

    def headers(self) -> list[str]:
        return [self.labels(key) for key, _, _ in COMPETITION_COLUMNS]

    def values(self, customer_id: str) -> list[Any]:
        return self.cells.get(customer_id, self.empty)
