"""64-bit change keys of the value engine's results, one per customer and column group.

A rescore stores the key of what it wrote next to each ``customer_metrics`` row and on the
next rescore compares keys instead of reading every stored value back (see migration m008).
Each key folds the group's values in a fixed order with ``h = (h xor value) × odd`` and
finishes with the splitmix64 mixer. Every step is a bijection in ``h`` and in ``value``, so
two results that differ in exactly one value never share a key; other changes collide with
probability about 2^-63. Keys are odd; :data:`OUTSIDE_KEY` (even) marks a row cleared
because its customer is not in the book on the scored date, and 0 stands for "no key".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from models.scoring import BookScores

KeyArray = npt.NDArray[np.int64]

#: The key of a row the rescore cleared (customer not in the book on the scored date).
OUTSIDE_KEY = 2
_OFFSET = np.uint64(0xCBF29CE484222325)
_PRIME = np.uint64(0x100000001B3)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_ONE = np.uint64(1)


def score_keys(scores: BookScores) -> KeyArray:
    """Keys of the score side: score, computed and effective tier, each dimension's points
    (101 for a missing dimension)."""
    return score_keys_of(scores.score_hundredths, scores.computed_tier, scores.tier,
                         scores.points, scores.raw.missing)


def score_keys_of(score_hundredths: KeyArray, computed_tier: KeyArray, tier: KeyArray,
                  points: KeyArray, missing: npt.NDArray[np.bool_]) -> KeyArray:
    """:func:`score_keys` from the arrays themselves (a re-tier has no BookScores)."""
    return _fold([score_hundredths, computed_tier, tier, *np.where(missing, 101, points).T])


def book_keys(scores: BookScores) -> KeyArray:
    """Keys of the book side: ABC class, lifecycle stage, window revenue and profit (their
    exact float bits, as stored)."""
    return _fold([scores.abc, scores.lifecycle,
                  np.ascontiguousarray(scores.revenue, dtype=np.float64).view(np.int64),
                  np.ascontiguousarray(scores.profit, dtype=np.float64).view(np.int64)])


def stored_keys(values: Sequence[int | None]) -> KeyArray:
    """Keys read from the database as an array (NULL, "no key", becomes 0)."""
    return np.fromiter((0 if v is None else v for v in values), dtype=np.int64,
                       count=len(values))


def _fold(columns: Sequence[npt.NDArray[np.int64]]) -> KeyArray:
    n = len(columns[0]) if columns else 0
    h = np.full(n, _OFFSET, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in columns:
            h ^= np.asarray(column).astype(np.int64).view(np.uint64)
            h *= _PRIME
        h ^= h >> np.uint64(30)
        h *= _MIX_1
        h ^= h >> np.uint64(27)
        h *= _MIX_2
        h ^= h >> np.uint64(31)
    h |= _ONE
    return h.view(np.int64)
