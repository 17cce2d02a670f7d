"""The user's scoring settings: dimension weights, tier thresholds, ABC cut-offs, lifecycle windows.

Stored in the ``settings`` table as JSON; every change is validated here before it is saved, so
a book can never be scored with weights that do not add up or thresholds out of order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from models.entities import RATING_FIELDS
from models.enums import Tier
from models.validation import ValidationError, ValidationErrors, tr_noop

#: Dimensions computed from transactions, in display order.
COMPUTED_DIMENSIONS: tuple[str, ...] = (
    "revenue",
    "profit",
    "margin",
    "frequency",
    "tenure",
    "growth",
    "timeliness",
)
#: Dimensions rated 1–5 in the periodic assessment (the Assessment's rating fields).
RATED_DIMENSIONS: tuple[str, ...] = RATING_FIELDS
DIMENSIONS: tuple[str, ...] = COMPUTED_DIMENSIONS + RATED_DIMENSIONS

# Defaults follow article 002 (sales, tenure and profit are the usual thresholds) and 004
# (scale, growth potential, loyalty, synergy for strategic accounts): money and tenure carry
# 52 %, the rest of the transactional picture 18 %, the salesperson's judgement 30 %.
DEFAULT_WEIGHTS: dict[str, float] = {
    "revenue": 20, "profit": 15, "margin": 5, "frequency": 6, "tenure": 12, "growth": 6,
    "timeliness": 6, "payment_credit": 4, "need_quality": 3, "communication": 3,
    "industry_influence": 5, "growth_potential": 5, "loyalty": 4, "synergy": 3,
    "satisfaction": 3,
}

PRESETS: dict[str, dict[str, float]] = {
    "default": DEFAULT_WEIGHTS,
    # What the books say first: who buys most and pays best.
    "revenue_led": {
        "revenue": 35, "profit": 20, "margin": 5, "frequency": 10, "tenure": 10, "growth": 10,
        "timeliness": 10,
    },
    # Every dimension counts: half from the figures, half from the assessment.
    "balanced": {
        "revenue": 8, "profit": 8, "margin": 6, "frequency": 6, "tenure": 8, "growth": 7,
        "timeliness": 7, **{d: 6.25 for d in RATED_DIMENSIONS},
    },
    # Article 004: influence, potential and synergy mark a strategic account, not size alone.
    "strategic": {
        "revenue": 10, "profit": 10, "tenure": 5, "growth": 10, "industry_influence": 15,
        "growth_potential": 15, "synergy": 15, "loyalty": 10, "need_quality": 5,
        "communication": 5,
    },
}

MSG_WEIGHTS_SUM = tr_noop("Weights must add up to 100 % (they add up to {total} %).")
MSG_WEIGHT_RANGE = tr_noop("A weight must be between 0 and 100 %.")
MSG_UNKNOWN_DIMENSION = tr_noop("Unknown dimension '{name}'. Known: {known}.")
MSG_THRESHOLD_ORDER = tr_noop(
    "Tier thresholds must fall from strategic to standard, each between 0 and 100 "
    "(strategic {strategic} > key {key} > standard {standard})."
)
MSG_ABC_ORDER = tr_noop("ABC cut-offs need 0 < A ({a} %) < B ({b} %) < 100.")
MSG_GUARD_RANGE = tr_noop("The revenue guard must be a top share between 1 and 100 %.")
MSG_WINDOW = tr_noop("Must be a whole number between {low} and {high}.")
MSG_LIFECYCLE_ORDER = tr_noop(
    "A customer must stop being new before it can churn: {days} days is not shorter than "
    "{months} months.")
MSG_UNKNOWN_PRESET = tr_noop("Unknown preset '{name}'. Known: {known}.")

WEIGHT_TOLERANCE = 0.01


@dataclass(frozen=True)
class ScoringConfig:
    """Everything the value engine needs besides the data."""

    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    #: Minimum score (0–100) for each tier above low-value.
    threshold_strategic: float = 75.0
    threshold_key: float = 60.0
    threshold_standard: float = 35.0
    #: Optional guard: strategic also requires revenue in the top X % of the book (None = off).
    strategic_revenue_top_percent: float | None = 20.0
    #: Cumulative revenue share closing class A and class B.
    abc_a_percent: float = 80.0
    abc_b_percent: float = 95.0
    window_months: int = 12
    new_customer_days: int = 90
    churn_months: int = 12
    #: Days between periodic reviews (and the longest tolerated silence) per tier.
    review_cadence_days: dict[str, int] = field(default_factory=lambda: {
        Tier.STRATEGIC.value: 30, Tier.KEY.value: 60, Tier.STANDARD.value: 120,
        Tier.LOW_VALUE.value: 365,
    })

    def validated(self) -> ScoringConfig:
        errors: list[ValidationError] = []
        try:
            weights = normalise_weights(self.weights)
        except ValidationError as error:
            errors.append(error)
            weights = self.weights
        ts, tk, tn = self.threshold_strategic, self.threshold_key, self.threshold_standard
        if not all(_finite(t) for t in (ts, tk, tn)) or not 100 >= ts > tk > tn > 0:
            errors.append(ValidationError("thresholds", MSG_THRESHOLD_ORDER,
                                          strategic=ts, key=tk, standard=tn))
        guard = self.strategic_revenue_top_percent
        if guard is not None and (not _finite(guard) or not 1 <= guard <= 100):
            errors.append(ValidationError("strategic_revenue_top_percent", MSG_GUARD_RANGE))
        a, b = self.abc_a_percent, self.abc_b_percent
        if not (_finite(a) and _finite(b) and 0 < a < b < 100):
            errors.append(ValidationError("abc", MSG_ABC_ORDER, a=a, b=b))
        for name, low, high in (("window_months", 1, 60), ("new_customer_days", 1, 730),
                                ("churn_months", 1, 60)):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                errors.append(ValidationError(name, MSG_WINDOW, low=low, high=high))
        new, churn = self.new_customer_days, self.churn_months
        if all(isinstance(v, int) and not isinstance(v, bool) for v in (new, churn)) \
                and 1 <= churn <= 60 and 1 <= new <= 730 and new >= churn * 30:
            # The lifecycle reads new over churned: a window as long would hide every churn
            # of a young customer.
            errors.append(ValidationError("new_customer_days", MSG_LIFECYCLE_ORDER,
                                          days=new, months=churn))
        for tier in Tier:
            days = self.review_cadence_days.get(tier.value)
            if not isinstance(days, int) or not 1 <= days <= 730:
                errors.append(ValidationError(f"review_cadence_days.{tier.value}", MSG_WINDOW,
                                              low=1, high=730))
        if errors:
            raise ValidationErrors(errors)
        return replace(self, weights=weights)

    def threshold_for(self, tier: Tier) -> float:
        return {
            Tier.STRATEGIC: self.threshold_strategic,
            Tier.KEY: self.threshold_key,
            Tier.STANDARD: self.threshold_standard,
            Tier.LOW_VALUE: 0.0,
        }[tier]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ScoringConfig:
        """Read stored settings; unknown keys from a newer version are ignored, missing ones
        take their defaults."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        if "weights" in values:
            values["weights"] = {**dict.fromkeys(DIMENSIONS, 0.0), **values["weights"]}
        return cls(**values)


def normalise_weights(weights: Mapping[str, Any]) -> dict[str, float]:
    """All dimensions, as floats; raises ValidationError unless they add up to 100."""
    result = dict.fromkeys(DIMENSIONS, 0.0)
    for name, value in weights.items():
        if name not in result:
            raise ValidationError("weights", MSG_UNKNOWN_DIMENSION, name=name,
                                  known=", ".join(DIMENSIONS))
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValidationError(f"weights.{name}", MSG_WEIGHT_RANGE) from None
        if not _finite(number) or not 0 <= number <= 100:
            raise ValidationError(f"weights.{name}", MSG_WEIGHT_RANGE)
        result[name] = number
    total = sum(result.values())
    if abs(total - 100) > WEIGHT_TOLERANCE:
        raise ValidationError("weights", MSG_WEIGHTS_SUM, total=f"{total:g}")
    return result


def preset_weights(name: str) -> dict[str, float]:
    if name not in PRESETS:
        raise ValidationError("preset", MSG_UNKNOWN_PRESET, name=name, known=", ".join(PRESETS))
    return normalise_weights(PRESETS[name])


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
