"""Tier migration between two snapshot periods: who moved up or down, and why.

A move's *drivers* are the dimensions whose points changed most, weighted: the impact of a
dimension is its change in points × its weight / 100 (current weights), i.e. roughly how many
score points that change alone made. A missing dimension counts at the neutral value it was
scored with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from models.config import DIMENSIONS
from models.enums import Tier
from models.normalise import NEUTRAL_POINTS
from models.scores import ScoreSnapshot

DRIVERS_PER_MOVE = 3


@dataclass(frozen=True)
class DimensionChange:
    dimension: str
    before: int | None  # None: missing, scored at the neutral value
    after: int | None
    change: int
    impact: float


@dataclass(frozen=True)
class TierMove:
    customer_id: str
    before: Tier
    after: Tier
    score_before: float
    score_after: float
    drivers: tuple[DimensionChange, ...]

    @property
    def steps(self) -> int:
        """Tiers climbed (positive) or dropped (negative)."""
        return self.before.rank - self.after.rank


@dataclass(frozen=True)
class TierMigration:
    from_period: str
    to_period: str
    #: Customers per (tier before, tier after), for customers in both periods.
    matrix: dict[tuple[Tier, Tier], int]
    #: Customers only in the later period (new to the book) or only in the earlier one.
    entered: int
    left: int
    #: Customers whose tier changed: up moves first, biggest first, then down moves.
    moves: tuple[TierMove, ...]

    @property
    def up(self) -> int:
        return sum(1 for move in self.moves if move.steps > 0)

    @property
    def down(self) -> int:
        return sum(1 for move in self.moves if move.steps < 0)

    @property
    def unchanged(self) -> int:
        return sum(count for (a, b), count in self.matrix.items() if a is b)


def dimension_changes(before: Mapping[str, float | None], after: Mapping[str, float | None],
                      weights: Mapping[str, float]) -> tuple[DimensionChange, ...]:
    """Every dimension's change, largest absolute impact first."""
    changes = []
    for name in DIMENSIONS:
        old, new = before.get(name), after.get(name)
        old_points = NEUTRAL_POINTS if old is None else int(old)
        new_points = NEUTRAL_POINTS if new is None else int(new)
        change = new_points - old_points
        changes.append(DimensionChange(
            dimension=name, before=None if old is None else int(old),
            after=None if new is None else int(new), change=change,
            impact=round(change * float(weights.get(name, 0.0)) / 100.0, 2)))
    changes.sort(key=lambda c: (-abs(c.impact), -abs(c.change), DIMENSIONS.index(c.dimension)))
    return tuple(changes)


def tier_move(before: ScoreSnapshot, after: ScoreSnapshot,
              weights: Mapping[str, float]) -> TierMove:
    drivers = [c for c in dimension_changes(before.dimensions, after.dimensions, weights)
               if c.change][:DRIVERS_PER_MOVE]
    return TierMove(customer_id=after.customer_id, before=before.tier, after=after.tier,
                    score_before=before.score, score_after=after.score, drivers=tuple(drivers))


def build_migration(from_period: str, to_period: str,
                    matrix: Mapping[tuple[Tier, Tier], int], entered: int, left: int,
                    movers: Sequence[tuple[ScoreSnapshot, ScoreSnapshot]],
                    weights: Mapping[str, float]) -> TierMigration:
    """Assemble a migration from the tier matrix and the snapshots of customers who moved."""
    moves = [tier_move(a, b, weights) for a, b in movers if a.tier is not b.tier]
    moves.sort(key=lambda m: (m.steps < 0, -abs(m.steps), -abs(m.score_after - m.score_before),
                              m.customer_id))
    full = {(a, b): int(matrix.get((a, b), 0)) for a in Tier for b in Tier}
    return TierMigration(from_period=from_period, to_period=to_period, matrix=full,
                         entered=entered, left=left, moves=tuple(moves))
