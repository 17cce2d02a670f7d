"""The portfolio's Customers sheet columns for the segments (price orientation, loyalty
segment, channel: the kind has its own column already) and "why the tier changed": for a
customer whose tier moved between the book's last two monthly snapshots, the tiers, the
periods and the dimensions that moved it most."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from models.enums import Channel, LoyaltySegment, PriceOrientation
from models.tier_change import TierChange
from storage.base import DatabaseBase
from storage.export_labels import Labels
from storage.tier_change_queries import last_monthly_periods, latest_tier_changes
from storage.xlsx_stream import TEXT
from storage.xlsx_style import display_width

#: (label key, kind, number format), after the fixed columns and before the points.
SEGMENT_COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("field.price_orientation", TEXT, None), ("field.loyalty_segment", TEXT, None),
    ("field.channel", TEXT, None), ("field.tier_change", TEXT, None),
)
#: Dimensions named per tier change.
DRIVERS = 2
#: What the export's query selects for them, after its own columns.
SEGMENT_SELECT = "c.id, c.price_orientation, c.loyalty_segment, c.channel"


class SegmentWords:
    """The segment codes' words and the tier changes' reasons, made once per export (the
    changes are few: a join of two snapshot periods on the movers alone)."""

    def __init__(self, db: DatabaseBase, labels: Labels) -> None:
        self.price = {v.value: labels.enum(v) for v in PriceOrientation}
        self.loyalty = {v.value: labels.enum(v) for v in LoyaltySegment}
        self.channel = {v.value: labels.enum(v) for v in Channel}
        self.labels = labels
        self.periods = last_monthly_periods(db)
        self.reasons = {customer_id: tier_change_text(change, labels)
                        for customer_id, change in latest_tier_changes(db, DRIVERS).items()}

    #: Index of "why the tier changed" among SEGMENT_COLUMNS.
    reason_column = [key for key, _, _ in SEGMENT_COLUMNS].index("field.tier_change")

    def width(self, widest: int) -> int:
        """The reasons' column width: its longest reason's (or its title's longest word),
        up to ``widest``, beyond which the reasons wrap."""
        title = self.headers()[self.reason_column]
        words = title.split() if title.isascii() else [title[:(len(title) + 1) // 2]]
        longest = max([display_width(w) + 1 for w in words]
                      + [display_width(r) for r in self.reasons.values()])
        return min(widest, longest)

    def headers(self) -> list[str]:
        """The columns' titles; the tier change's names the two periods it compares."""
        titles = [self.labels(key) for key, _, _ in SEGMENT_COLUMNS]
        if self.periods is not None:
            titles[-1] = self.labels("field.tier_change_between", from_period=self.periods[0],
                                     to_period=self.periods[1])
        return titles

    def values(self, row: Sequence[Any]) -> list[Any]:
        customer_id, price, loyalty, channel = row
        return [self.price.get(price, price or ""), self.loyalty.get(loyalty, loyalty or ""),
                self.channel.get(channel, channel or ""), self.reasons.get(customer_id, "")]


def tier_change_text(change: TierChange, labels: Labels) -> str:
    """"Key → Standard: Revenue 62→41 (−21), Purchase frequency 55→40 (−15)" in ``labels``'
    language: the two dimensions that moved it most (three ran past the widest column)."""
    chinese = labels.lang == "zh_CN"
    drivers = change.words(labels.dimension, "，" if chinese else ", ", count=DRIVERS,
                           unrated=(labels("tier_change.unrated_before"),
                                    labels("tier_change.unrated_after")),
                           moved=labels("tier_change.moved"))
    if change.revenue_guard:
        drivers = labels("tier_change.guard")
    return labels("tier_change.text", before=labels.enum(change.tier_before),
                  after=labels.enum(change.tier_after), drivers=drivers)
