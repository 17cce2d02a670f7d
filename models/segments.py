"""Tiers by segment (idea 7): for each segment stored on the customers (kind, price or value
orientation, loyalty segment, channel), how many scored customers of each value sit in each
tier, and their revenue of the scoring window."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.enums import Channel, CustomerKind, LoyaltySegment, PriceOrientation, StrEnumBase, Tier

#: Customer column -> the enum of its values, in the order the dashboard offers them.
SEGMENTS: dict[str, type[StrEnumBase]] = {
    "kind": CustomerKind,
    "price_orientation": PriceOrientation,
    "loyalty_segment": LoyaltySegment,
    "channel": Channel,
}


@dataclass(frozen=True)
class SegmentRow:
    """One value of a segment (None: customers with no value set)."""

    value: StrEnumBase | None
    customers: dict[Tier, int] = field(default_factory=dict)
    revenue: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.customers.values())

    def count(self, tier: Tier) -> int:
        return self.customers.get(tier, 0)

    @property
    def top_share(self) -> float | None:
        """Share of strategic and key customers (None when the row is empty)."""
        total = self.total
        return (self.count(Tier.STRATEGIC) + self.count(Tier.KEY)) / total if total else None


@dataclass(frozen=True)
class TiersBySegment:
    #: Segment column -> its values' rows in the enum's order, then "not set" if any.
    segments: dict[str, tuple[SegmentRow, ...]]

    def rows(self, segment: str) -> tuple[SegmentRow, ...]:
        return self.segments.get(segment, ())


def tiers_by_segment(groups: list[tuple[str | None, str | None, str | None, str | None, str,
                                        int, float]]) -> TiersBySegment:
    """Fold ``(kind, price_orientation, loyalty_segment, channel, tier, customers, revenue)``
    groups into one table per segment (an unknown code counts as not set)."""
    result: dict[str, tuple[SegmentRow, ...]] = {}
    for position, (column, enum) in enumerate(SEGMENTS.items()):
        counts: dict[StrEnumBase | None, dict[Tier, int]] = {v: {} for v in enum}
        revenue: dict[StrEnumBase | None, float] = dict.fromkeys(enum, 0.0)
        for group in groups:
            code, tier, n, money = group[position], Tier(group[4]), group[5], group[6]
            value = enum(code) if code in enum.codes() else None
            tiers = counts.setdefault(value, {})
            tiers[tier] = tiers.get(tier, 0) + int(n)
            revenue[value] = revenue.get(value, 0.0) + float(money)
        result[column] = tuple(
            SegmentRow(value, counts[value], revenue[value]) for value in counts
            if value is not None or counts[value])
    return TiersBySegment(result)
