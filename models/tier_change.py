"""Why a customer's tier changed between two snapshot periods: each dimension's contribution
to the score before and after, ranked by how much it moved the score.

A dimension's contribution is its points × its weight / 100 (the weights of today's settings:
a snapshot keeps the points, not the weights it was scored with), so the contributions of one
period add up to the score those weights give. A missing dimension counts at the neutral
value it was scored with. The *drivers* are the dimensions whose contribution moved, largest
move first (ties: the larger change in points, then the dimensions' order); the words name the
first few as "revenue 62→41 (−21)", the change being in points.

A dimension not rated in one of the periods (no data: scored at the neutral
:data:`~models.normalise.NEUTRAL_POINTS`) and rated in the other *is* a driver, ranked by what
it moved the score from or to the neutral value: that is how the score was made, so leaving it
out would hide part of the change (loyalty first rated 100 at weight 10 added 5 points to the
score; first rated at the neutral 50 it moved nothing and is not one). Its words do not pretend
the customer's rating changed by the distance to the neutral 50 ("Loyalty –→100 (+50)" read as
a climb of 50): they say "Loyalty not rated → 100" or "Loyalty 80 → not rated", with no change
in points (:data:`UNRATED_WORDS`; the callers pass their language's).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from models.config import DIMENSIONS
from models.enums import Tier
from models.normalise import NEUTRAL_POINTS
from models.scores import ScoreSnapshot

IntMatrix = npt.NDArray[np.int64]
BoolMatrix = npt.NDArray[np.bool_]
#: Drivers named in the one-line reason.
DRIVERS_IN_WORDS = 3
MINUS = "\u2212"
ARROW = "\u2192"
#: The words of a driver not rated before, and of one not rated after: ``{dimension}`` and
#: the rated period's ``{points}``.
UNRATED_WORDS = ("{dimension} not rated \u2192 {points}", "{dimension} {points} \u2192 not rated")
#: The words of a driver rated in both periods: ``{before}`` and ``{after}`` its points,
#: ``{change}`` the signed move ("+9", "\u221221"); Chinese callers pass full-width brackets.
MOVED_WORDS = "{dimension} {before}\u2192{after} ({change})"


@dataclass(frozen=True)
class ContributionChange:
    """One dimension's points and contribution (score points) in both periods."""

    dimension: str
    #: None: missing in that period, scored at the neutral value.
    points_before: int | None
    points_after: int | None
    weight: float
    contribution_before: float
    contribution_after: float

    @property
    def points_change(self) -> int:
        return _points(self.points_after) - _points(self.points_before)

    @property
    def rated_both(self) -> bool:
        """Rated in both periods (else its points change is counted from the neutral value
        and says nothing about the customer)."""
        return self.points_before is not None and self.points_after is not None

    @property
    def contribution_change(self) -> float:
        return round(self.contribution_after - self.contribution_before, 2)


@dataclass(frozen=True)
class TierChange:
    customer_id: str
    from_period: str
    to_period: str
    #: The later period's scoring date.
    as_of: date
    tier_before: Tier
    tier_after: Tier
    score_before: float
    score_after: float
    #: Dimensions whose contribution moved, largest move first.
    drivers: tuple[ContributionChange, ...]
    #: The score was strategic enough in both periods: the revenue guard (strategic also
    #: needs revenue in the book's top share) held it at key in one of them.
    revenue_guard: bool = False

    @property
    def steps(self) -> int:
        """Tiers climbed (positive) or dropped (negative)."""
        return self.tier_before.rank - self.tier_after.rank

    def words(self, name: Callable[[str], str], separator: str = ", ",
              count: int = DRIVERS_IN_WORDS,
              unrated: tuple[str, str] = UNRATED_WORDS, moved: str = MOVED_WORDS) -> str:
        """The first drivers as "revenue 62→41 (−21), frequency 55→40 (−15)"; ``name``
        gives a dimension's name in the reader's language, ``unrated`` the words of a
        dimension not rated in one period (see :data:`UNRATED_WORDS`), ``moved`` those of
        one rated in both (:data:`MOVED_WORDS`)."""
        return separator.join(driver_words(d, name, unrated, moved)
                              for d in self.drivers[:count])


def driver_words(change: ContributionChange, name: Callable[[str], str],
                 unrated: tuple[str, str] = UNRATED_WORDS, moved: str = MOVED_WORDS) -> str:
    """"revenue 62→41 (−21)"; "loyalty not rated → 100" when a period had no rating."""
    if change.points_before is None and change.points_after is not None:
        return unrated[0].format(dimension=name(change.dimension), points=change.points_after)
    if change.points_after is None and change.points_before is not None:
        return unrated[1].format(dimension=name(change.dimension), points=change.points_before)
    delta = change.points_change
    sign = "+" if delta > 0 else MINUS if delta < 0 else ""
    return moved.format(dimension=name(change.dimension), before=change.points_before,
                        after=change.points_after, change=f"{sign}{abs(delta)}")


def contribution_changes(before: Mapping[str, float | None], after: Mapping[str, float | None],
                         weights: Mapping[str, float]) -> tuple[ContributionChange, ...]:
    """Every dimension's contribution in both periods, largest move of the score first."""
    old = [before.get(name) for name in DIMENSIONS]
    new = [after.get(name) for name in DIMENSIONS]
    points_before = np.array([[_points(None if v is None else int(v)) for v in old]])
    points_after = np.array([[_points(None if v is None else int(v)) for v in new]])
    order = _driver_order(points_before, points_after, _weights(weights))[0]
    return tuple(_change(j, old[j], new[j], weights) for j in order.tolist())


def tier_change(before: ScoreSnapshot, after: ScoreSnapshot, weights: Mapping[str, float],
                guard_threshold: float | None = None) -> TierChange | None:
    """The change from ``before`` to ``after``; None when the tier stayed.
    ``guard_threshold``: the strategic threshold when the revenue guard is on."""
    if before.tier is after.tier:
        return None
    drivers = tuple(c for c in contribution_changes(before.dimensions, after.dimensions, weights)
                    if c.points_change and c.weight)
    return TierChange(customer_id=after.customer_id, from_period=before.period,
                      to_period=after.period, as_of=after.as_of, tier_before=before.tier,
                      tier_after=after.tier,
                      score_before=before.score, score_after=after.score, drivers=drivers,
                      revenue_guard=_guard(before.tier, after.tier, before.score, after.score,
                                           guard_threshold))


@dataclass(frozen=True)
class PeriodPair:
    """The rows of customers whose tier differs between two periods, as arrays (points with
    the neutral value where missing, and the missing flags), for :func:`tier_changes_between`."""

    from_period: str
    to_period: str
    as_of: date
    customer_ids: Sequence[str]
    tiers_before: Sequence[Tier]
    tiers_after: Sequence[Tier]
    scores_before: Sequence[float]
    scores_after: Sequence[float]
    points_before: IntMatrix
    missing_before: BoolMatrix
    points_after: IntMatrix
    missing_after: BoolMatrix


def tier_changes_between(pair: PeriodPair, weights: Mapping[str, float],
                         guard_threshold: float | None = None, *,
                         drivers: int | None = None) -> dict[str, TierChange]:
    """:func:`tier_change` for many customers at once (the portfolio's column): the drivers
    ordered in one numpy pass, objects made for the drivers alone; ``drivers``: only the
    first so many of each change (what the portfolio's cell names: a mover has seven on
    average, and making them was most of the work)."""
    vector = _weights(weights)
    orders = _driver_order(pair.points_before, pair.points_after, vector).tolist()
    moved = ((pair.points_after != pair.points_before) & (vector != 0)).tolist()
    before = np.where(pair.missing_before, -1, pair.points_before).tolist()
    after = np.where(pair.missing_after, -1, pair.points_after).tolist()
    result: dict[str, TierChange] = {}
    for i, customer_id in enumerate(pair.customer_ids):
        old, new, row = before[i], after[i], moved[i]
        order = [j for j in orders[i] if row[j]]
        if drivers is not None:
            del order[drivers:]
        changes = tuple(
            _change(j, None if old[j] < 0 else old[j], None if new[j] < 0 else new[j], weights)
            for j in order)
        a, b = pair.tiers_before[i], pair.tiers_after[i]
        result[customer_id] = TierChange(
            customer_id=customer_id, from_period=pair.from_period, to_period=pair.to_period,
            as_of=pair.as_of, tier_before=a, tier_after=b,
            score_before=pair.scores_before[i], score_after=pair.scores_after[i],
            drivers=changes, revenue_guard=_guard(a, b, pair.scores_before[i],
                                                  pair.scores_after[i], guard_threshold))
    return result


def _weights(weights: Mapping[str, float]) -> npt.NDArray[np.float64]:
    return np.array([float(weights.get(name, 0.0)) for name in DIMENSIONS])


def _driver_order(points_before: IntMatrix, points_after: IntMatrix,
                  weights: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Per row, the dimensions by the score their change moved (points × weight), then by
    the change in points, then in the dimensions' order."""
    change = points_after - points_before
    index = np.broadcast_to(np.arange(len(DIMENSIONS)), change.shape)
    return np.lexsort((index, -np.abs(change), -np.abs(change * weights)), axis=-1)


def _change(j: int, old: int | float | None, new: int | float | None,
            weights: Mapping[str, float]) -> ContributionChange:
    name = DIMENSIONS[j]
    weight = float(weights.get(name, 0.0))
    old_points = None if old is None else int(old)
    new_points = None if new is None else int(new)
    return ContributionChange(
        dimension=name, points_before=old_points, points_after=new_points, weight=weight,
        contribution_before=round(_points(old_points) * weight / 100.0, 2),
        contribution_after=round(_points(new_points) * weight / 100.0, 2))


def _guard(before: Tier, after: Tier, score_before: float, score_after: float,
           threshold: float | None) -> bool:
    return threshold is not None and {before, after} == {Tier.STRATEGIC, Tier.KEY} \
        and min(score_before, score_after) >= threshold


def tier_changes(history: Sequence[ScoreSnapshot], weights: Mapping[str, float],
                 guard_threshold: float | None = None) -> tuple[TierChange, ...]:
    """Every tier change between consecutive periods of one kind (monthly ``YYYY-MM`` or
    quarterly ``YYYY-Qn``) in a customer's history, latest first."""
    found: list[TierChange] = []
    for quarterly in (False, True):
        periods = sorted((s for s in history if ("Q" in s.period) is quarterly),
                         key=lambda s: s.period)
        for a, b in pairwise(periods):
            change = tier_change(a, b, weights, guard_threshold)
            if change is not None:
                found.append(change)
    found.sort(key=lambda c: (c.as_of, c.to_period), reverse=True)
    return tuple(found)


def _points(value: int | None) -> int:
    return NEUTRAL_POINTS if value is None else value

