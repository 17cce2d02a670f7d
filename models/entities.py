"""The user's records: customers and what is known about them (contacts, sales, visits, needs).

Account plans live in :mod:`models.plans`; derived scores in :mod:`models.scores`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial as p
from typing import ClassVar

from models.enums import (
    Attitude,
    Channel,
    ContactRole,
    CustomerKind,
    InteractionKind,
    LifecycleStage,
    LoyaltySegment,
    NeedKind,
    NeedStatus,
    PriceOrientation,
    Priority,
    RelationshipLevel,
    Sentiment,
    Tier,
)
from models.record import Check, Record
from models.validation import (
    MSG_DATE_ORDER,
    MSG_REQUIRED,
    ValidationError,
    check_bool,
    check_choice,
    check_date,
    check_datetime,
    check_email,
    check_ids,
    check_int_range,
    check_number,
    check_phone,
    check_rating,
    check_tags,
    clean_text,
    tr_noop,
)

MONEY_LIMIT = 1e13  # far above any real invoice; catches unit mistakes and overflow junk

MSG_OVERRIDE_REASON = tr_noop("Give a reason for the manual override.")
MSG_REPORTS_TO_SELF = tr_noop("A contact cannot report to themselves.")


def _text(field: str, *, required: bool = False, max_len: int = 200,
          multiline: bool = False) -> Check:
    return p(clean_text, field, required=required, max_len=max_len, multiline=multiline)


def _level(field: str) -> Check:
    def check(value: object) -> RelationshipLevel:
        if value is None or value == "":
            return RelationshipLevel.TRANSACTIONAL
        return RelationshipLevel(check_int_range(field, value, 1, 4))

    return check


@dataclass(kw_only=True)
class Customer(Record):
    """An account: an organisation or an individual we sell to."""

    name: str
    code: str = ""
    kind: CustomerKind = CustomerKind.ORGANISATION
    industry: str = ""
    region: str = ""
    city: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    owner: str = ""
    tags: tuple[str, ...] = ()
    relationship_level: RelationshipLevel = RelationshipLevel.TRANSACTIONAL
    price_orientation: PriceOrientation | None = None
    loyalty_segment: LoyaltySegment | None = None
    channel: Channel | None = None
    tier_override: Tier | None = None
    tier_override_reason: str = ""
    lifecycle_override: LifecycleStage | None = None
    lifecycle_override_reason: str = ""
    notes: str = ""

    CHECKS: ClassVar = {
        "name": _text("name", required=True),
        "code": _text("code", max_len=40),
        "kind": p(check_choice, "kind", enum=CustomerKind),
        "industry": _text("industry", max_len=80),
        "region": _text("region", max_len=80),
        "city": _text("city", max_len=80),
        "address": _text("address", max_len=300),
        "phone": lambda v: check_phone("phone", clean_text("phone", v, max_len=40)),
        "email": lambda v: check_email("email", clean_text("email", v, max_len=120)),
        "website": _text("website", max_len=200),
        "owner": _text("owner", max_len=80),
        "tags": p(check_tags, "tags"),
        "relationship_level": _level("relationship_level"),
        "price_orientation": p(check_choice, "price_orientation", enum=PriceOrientation,
                               required=False),
        "loyalty_segment": p(check_choice, "loyalty_segment", enum=LoyaltySegment,
                             required=False),
        "channel": p(check_choice, "channel", enum=Channel, required=False),
        "tier_override": p(check_choice, "tier_override", enum=Tier, required=False),
        "tier_override_reason": _text("tier_override_reason", max_len=500),
        "lifecycle_override": p(check_choice, "lifecycle_override", enum=LifecycleStage,
                                required=False),
        "lifecycle_override_reason": _text("lifecycle_override_reason", max_len=500),
        "notes": _text("notes", max_len=10_000, multiline=True),
    }

    def check_consistency(self) -> None:
        # An override nobody can explain later is worse than none (the tier must stay explainable).
        if self.tier_override and not self.tier_override_reason:
            raise ValidationError("tier_override_reason", MSG_OVERRIDE_REASON)
        if self.lifecycle_override and not self.lifecycle_override_reason:
            raise ValidationError("lifecycle_override_reason", MSG_OVERRIDE_REASON)


@dataclass(kw_only=True)
class Contact(Record):
    """A person at an account, placed on the relationship map."""

    customer_id: str
    name: str
    title: str = ""
    department: str = ""
    phone: str = ""
    email: str = ""
    role: ContactRole | None = None
    influence: int | None = None  # 1–5: weight in the buying decision
    attitude: Attitude = Attitude.NEUTRAL
    is_primary: bool = False
    notes: str = ""
    #: The contact of the same customer this one reports to (no cycles: models.relationships).
    reports_to: str | None = None
    #: The colleague on our side who covers this contact (a name of ``people``).
    covered_by: str = ""

    CHECKS: ClassVar = {
        "customer_id": _text("customer_id", required=True, max_len=64),
        "name": _text("name", required=True, max_len=80),
        "title": _text("title", max_len=80),
        "department": _text("department", max_len=80),
        "phone": lambda v: check_phone("phone", clean_text("phone", v, max_len=40)),
        "email": lambda v: check_email("email", clean_text("email", v, max_len=120)),
        "role": p(check_choice, "role", enum=ContactRole, required=False),
        "influence": p(check_rating, "influence"),
        "attitude": lambda v: check_choice("attitude", v or Attitude.NEUTRAL, Attitude),
        "is_primary": p(check_bool, "is_primary"),
        "notes": _text("notes", max_len=5_000, multiline=True),
        "reports_to": lambda v: clean_text("reports_to", v, max_len=64) or None,
        "covered_by": _text("covered_by", max_len=80),
    }

    def check_consistency(self) -> None:
        if self.reports_to and self.reports_to == self.id:
            raise ValidationError("reports_to", MSG_REPORTS_TO_SELF)


@dataclass(kw_only=True)
class Transaction(Record):
    """One invoice or order line: the raw material of the computed value dimensions."""

    # The field ``date`` hides the type of that name in the class body: ``dt.date`` is the type.
    customer_id: str
    date: dt.date
    amount: float
    profit: float | None = None
    due_date: dt.date | None = None
    paid_date: dt.date | None = None
    reference: str = ""
    product: str = ""
    notes: str = ""

    CHECKS: ClassVar = {
        "customer_id": _text("customer_id", required=True, max_len=64),
        "date": p(check_date, "date"),
        "amount": p(check_number, "amount", minimum=-MONEY_LIMIT, maximum=MONEY_LIMIT),
        "profit": p(check_number, "profit", required=False, minimum=-MONEY_LIMIT,
                    maximum=MONEY_LIMIT),
        "due_date": p(check_date, "due_date", required=False),
        "paid_date": p(check_date, "paid_date", required=False),
        "reference": _text("reference", max_len=80),
        "product": _text("product", max_len=120),
        "notes": _text("notes", max_len=2_000, multiline=True),
    }

    def check_consistency(self) -> None:
        if self.due_date and self.date and self.due_date < self.date:
            raise ValidationError("due_date", MSG_DATE_ORDER, other=self.date.isoformat())
        if self.paid_date and self.date and self.paid_date < self.date:
            raise ValidationError("paid_date", MSG_DATE_ORDER, other=self.date.isoformat())


@dataclass(kw_only=True)
class Interaction(Record):
    """A visit, call, meeting or message, with what was said and the next step."""

    customer_id: str
    kind: InteractionKind
    occurred_at: datetime
    summary: str
    contact_ids: tuple[str, ...] = ()
    feedback: str = ""
    sentiment: Sentiment = Sentiment.NEUTRAL
    next_step: str = ""
    next_step_due: date | None = None
    next_step_done: bool = False
    owner: str = ""

    CHECKS: ClassVar = {
        "customer_id": _text("customer_id", required=True, max_len=64),
        "kind": p(check_choice, "kind", enum=InteractionKind),
        "occurred_at": p(check_datetime, "occurred_at"),
        "summary": _text("summary", required=True, max_len=5_000, multiline=True),
        "contact_ids": p(check_ids, "contact_ids"),
        "feedback": _text("feedback", max_len=5_000, multiline=True),
        "sentiment": lambda v: check_choice("sentiment", v or Sentiment.NEUTRAL, Sentiment),
        "next_step": _text("next_step", max_len=500),
        "next_step_due": p(check_date, "next_step_due", required=False),
        "next_step_done": p(check_bool, "next_step_done"),
        "owner": _text("owner", max_len=80),
    }

    def check_consistency(self) -> None:
        # A due date with nothing to do is a follow-up nobody can act on.
        if self.next_step_due and not self.next_step:
            raise ValidationError("next_step", MSG_REQUIRED)
        # A next step due before the conversation that set it cannot be planned from it.
        if self.next_step_due and self.next_step_due < self.occurred_at.date():
            raise ValidationError("next_step_due", MSG_DATE_ORDER,
                                  other=self.occurred_at.date().isoformat())


@dataclass(kw_only=True)
class Need(Record):
    """A requirement, complaint or suggestion raised by the customer (article 002)."""

    customer_id: str
    kind: NeedKind
    description: str
    priority: Priority = Priority.MEDIUM
    status: NeedStatus = NeedStatus.OPEN
    raised_on: date | None = None
    resolved_on: date | None = None
    resolution: str = ""
    #: Who on our side answers it ('' = the customer's owner).
    owner: str = ""
    #: When it must be answered by; set from its priority's service level when not given.
    due_on: date | None = None
    #: The customer's contact who raised it.
    contact_id: str | None = None

    CHECKS: ClassVar = {
        "customer_id": _text("customer_id", required=True, max_len=64),
        "kind": p(check_choice, "kind", enum=NeedKind),
        "description": _text("description", required=True, max_len=5_000, multiline=True),
        "priority": lambda v: check_choice("priority", v or Priority.MEDIUM, Priority),
        "status": lambda v: check_choice("status", v or NeedStatus.OPEN, NeedStatus),
        "raised_on": p(check_date, "raised_on", required=False),
        "resolved_on": p(check_date, "resolved_on", required=False),
        "resolution": _text("resolution", max_len=5_000, multiline=True),
        "owner": _text("owner", max_len=80),
        "due_on": p(check_date, "due_on", required=False),
        "contact_id": lambda v: clean_text("contact_id", v, max_len=64) or None,
    }

    def check_consistency(self) -> None:
        if self.raised_on and self.resolved_on and self.resolved_on < self.raised_on:
            raise ValidationError("resolved_on", MSG_DATE_ORDER, other=self.raised_on.isoformat())
        if self.raised_on and self.due_on and self.due_on < self.raised_on:
            raise ValidationError("due_on", MSG_DATE_ORDER, other=self.raised_on.isoformat())


#: The eight 1–5 ratings of a periodic assessment, in display order.
RATING_FIELDS: tuple[str, ...] = (
    "payment_credit",
    "need_quality",
    "communication",
    "industry_influence",
    "growth_potential",
    "loyalty",
    "synergy",
    "satisfaction",
)


@dataclass(kw_only=True)
class Assessment(Record):
    """The salesperson's periodic 1–5 rating of the qualities transactions cannot show."""

    customer_id: str
    assessed_on: date
    assessor: str = ""
    payment_credit: int | None = None
    need_quality: int | None = None
    communication: int | None = None
    industry_influence: int | None = None
    growth_potential: int | None = None
    loyalty: int | None = None
    synergy: int | None = None
    satisfaction: int | None = None
    notes: str = ""

    CHECKS: ClassVar = {
        "customer_id": _text("customer_id", required=True, max_len=64),
        "assessed_on": p(check_date, "assessed_on"),
        "assessor": _text("assessor", max_len=80),
        **{name: p(check_rating, name) for name in RATING_FIELDS},
        "notes": _text("notes", max_len=5_000, multiline=True),
    }

    def ratings(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in RATING_FIELDS}

