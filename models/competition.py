"""Competition on an account (issue 19, point 3): who else supplies the customer, what share of
its wallet each takes, their strengths and weaknesses and how much of a threat they are; and
the SWOT of an account plan. Pure: storage reads and writes the records, this module reasons.

Share of wallet. The salesperson estimates, per competitor, the percent of the customer's
yearly spend in our line of business that the competitor takes (``share_percent``; left empty
when unknown). We do not ask for a separate "total spend" figure, which nobody keeps up to
date: once at least one competitor's share is estimated, the rest of the wallet is taken to be
ours (``our share = 100 − the competitors' shares``: the list names everyone else who
supplies them), and the customer's total yearly spend follows from what they bought from us
in the last 12 months (``total = our revenue / our share``). Hence the rule the forms check:
the competitors' shares are each 0–100 and together at most 100 (with ours, the remainder,
never negative). With no share estimated, our share and the total stay unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial as p
from typing import ClassVar

from models.enums import StrEnumBase
from models.record import Record
from models.validation import (
    ValidationError,
    ValidationErrors,
    check_choice,
    check_date,
    check_int_range,
    check_number,
    clean_text,
    tr_noop,
)

MSG_SHARES_OVER = tr_noop("The competitors' shares add up to {total} %: at most 100 %.")

SHARE_FIELD = "share_percent"


class ThreatLevel(StrEnumBase):
    """How much a competitor threatens our place at the customer."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """0 for the highest threat, so competitors sort by danger."""
        return {"high": 0, "medium": 1, "low": 2}[self.value]


class SwotQuadrant(StrEnumBase):
    """The four boxes of a SWOT (优势, 劣势, 机会, 威胁), in the grid's reading order."""

    STRENGTHS = "strengths"
    WEAKNESSES = "weaknesses"
    OPPORTUNITIES = "opportunities"
    THREATS = "threats"


@dataclass(kw_only=True)
class Competitor(Record):
    """Another supplier of one customer, as the salesperson sees it."""

    customer_id: str
    name: str
    products: str = ""
    share_percent: float | None = None
    strengths: str = ""
    weaknesses: str = ""
    threat: ThreatLevel = ThreatLevel.MEDIUM
    notes: str = ""
    reviewed_on: date | None = None

    CHECKS: ClassVar = {
        "customer_id": p(clean_text, "customer_id", required=True, max_len=64),
        "name": p(clean_text, "name", required=True, max_len=120),
        "products": p(clean_text, "products", max_len=300),
        SHARE_FIELD: p(check_number, SHARE_FIELD, required=False, minimum=0, maximum=100),
        "strengths": p(clean_text, "strengths", max_len=1000, multiline=True),
        "weaknesses": p(clean_text, "weaknesses", max_len=1000, multiline=True),
        "threat": p(check_choice, "threat", enum=ThreatLevel),
        "notes": p(clean_text, "notes", max_len=2000, multiline=True),
        "reviewed_on": p(check_date, "reviewed_on", required=False),
    }


@dataclass(kw_only=True)
class SwotItem(Record):
    """One short line of a plan's SWOT, optionally about a competitor or a need."""

    plan_id: str
    quadrant: SwotQuadrant
    text: str
    competitor_id: str | None = None
    need_id: str | None = None
    position: int = 0

    CHECKS: ClassVar = {
        "plan_id": p(clean_text, "plan_id", required=True, max_len=64),
        "quadrant": p(check_choice, "quadrant", enum=SwotQuadrant),
        "text": p(clean_text, "text", required=True, max_len=200),
        "competitor_id": lambda v: clean_text("competitor_id", v, max_len=64) or None,
        "need_id": lambda v: clean_text("need_id", v, max_len=64) or None,
        "position": lambda v: check_int_range("position", v, 0, 10_000),
    }


def check_shares(competitors: Iterable[Competitor]) -> None:
    """Raise ValidationErrors (on ``share_percent``) when the live competitors' shares add
    up to more than 100 % (a rounding hundredth let through)."""
    total = sum(c.share_percent or 0.0 for c in competitors if not c.is_deleted)
    if total > 100.005:
        raise ValidationErrors([ValidationError(SHARE_FIELD, MSG_SHARES_OVER,
                                                total=f"{total:g}")])


@dataclass(frozen=True)
class Wallet:
    """The customer's wallet as the competitors' estimates and our own sales give it."""

    competitors_percent: float
    our_percent: float | None
    our_revenue: float
    total_spend: float | None

    @property
    def known(self) -> bool:
        return self.our_percent is not None


def wallet(competitors: Sequence[Competitor], our_revenue: float) -> Wallet:
    """Share of wallet from the estimates (see the module's note): ours is what the
    competitors leave once one share is known; the total spend is our 12 months' revenue
    over our share (unknown when our share is 0 or unknown)."""
    shares = [c.share_percent for c in competitors
              if not c.is_deleted and c.share_percent is not None]
    theirs = round(sum(shares), 2)
    if not shares:
        return Wallet(0.0, None, our_revenue, None)
    ours = round(max(0.0, 100.0 - theirs), 2)
    total = our_revenue * 100.0 / ours if ours > 0 and our_revenue > 0 else None
    return Wallet(theirs, ours, our_revenue, total)


def ranked(competitors: Iterable[Competitor]) -> list[Competitor]:
    """Live competitors, the most threatening first, then by share (largest first), then
    by name."""
    return sorted((c for c in competitors if not c.is_deleted),
                  key=lambda c: (c.threat.rank, -(c.share_percent or 0.0), c.name))


def main_competitor(competitors: Iterable[Competitor]) -> Competitor | None:
    """The competitor a portfolio names for the account: the first of :func:`ranked`."""
    return next(iter(ranked(competitors)), None)


def by_quadrant(items: Iterable[SwotItem]) -> dict[SwotQuadrant, list[SwotItem]]:
    """A SWOT's live items in their four boxes, each in its order."""
    result: dict[SwotQuadrant, list[SwotItem]] = {q: [] for q in SwotQuadrant}
    for item in sorted((i for i in items if not i.is_deleted),
                       key=lambda i: (i.position, i.created_at)):
        result[item.quadrant].append(item)
    return result
