"""Derived results of the value engine that are stored: per-period snapshots of each customer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from models.enums import AbcClass, LifecycleStage, Tier


@dataclass(kw_only=True)
class ScoreSnapshot:
    """Score, tier, ABC class and lifecycle of one customer at the end of one period.

    ``period`` is ``YYYY-MM`` or ``YYYY-Qn``; ``dimensions`` holds each dimension's normalised
    0–100 value (None where the dimension was missing and scored at the neutral value), so a
    later tier move can be explained by what changed. ``tier`` and ``lifecycle`` are the
    computed ones: an override is today's decision, not a fact about a past period.
    """

    customer_id: str
    period: str
    as_of: date
    score: float
    tier: Tier
    abc_class: AbcClass | None
    lifecycle: LifecycleStage
    revenue: float
    dimensions: dict[str, float | None] = field(default_factory=dict)
    computed_at: str = ""
