"""How each kind of record beyond customers, contacts and sales reads from a file row: its
model (whose own checks judge it), which cells are dates, numbers or choice words, and what
tells one record of a customer (or plan) from another in a file without KeyPlan's ids."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from models.entities import Assessment, Interaction, Need
from models.plans import AccountPlan, Objective, PlanAction, PlanReview, SupportMeasure
from models.record import Record
from models.validation import ValidationError
from storage.export_labels import enum_words
from storage.importer.columns import ImportKind
from storage.importer.dates import MSG_IMPORT_BAD_DATE, MSG_IMPORT_BAD_DATETIME, parse_date
from storage.importer.values import parse_amount

#: A date, then a time: 10:42, 10:42:05, 2:05 PM, 下午2:05, 14时05分 (a 12-hour clock read as
#: such: '3/14/2024 2:05 PM' was taken as midnight, its time dropped without a word).
_TIME = re.compile(r"^(.*?[\d日])(?:\s+|T)(上午|下午)?\s*(\d{1,2})[:时](\d{2})"
                   r"(?:[:分]\d{2}(?:[.,]\d+)?秒?|分)?\s*([AaPp])?(?:\.?\s?[Mm]\.?)?$")


@dataclass(frozen=True)
class RecordSpec:
    """One kind: ``owner`` is the field naming its customer or plan (customer_id or
    plan_id); ``key`` the fields that identify a record of one owner when the file gives no
    KeyPlan id (the same key updates it, as a contact is updated by its name)."""

    model: type[Record]
    table: str
    owner: str
    key: tuple[str, ...]
    dates: frozenset[str] = frozenset()
    datetimes: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    choices: Mapping[str, str] = field(default_factory=dict)  # field -> enum (its words)
    levels: frozenset[str] = frozenset()  # relationship levels: 2, "2 · 依赖型", 依赖型

    @property
    def in_plan(self) -> bool:
        return self.owner == "plan_id"


SPECS: dict[ImportKind, RecordSpec] = {
    ImportKind.INTERACTIONS: RecordSpec(
        Interaction, "interactions", "customer_id", ("occurred_at", "kind", "summary"),
        dates=frozenset({"next_step_due"}), datetimes=frozenset({"occurred_at"}),
        choices={"kind": "InteractionKind", "sentiment": "Sentiment"}),
    ImportKind.NEEDS: RecordSpec(
        Need, "needs", "customer_id", ("kind", "description"),
        dates=frozenset({"raised_on", "resolved_on", "due_on"}),
        choices={"kind": "NeedKind", "priority": "Priority", "status": "NeedStatus"}),
    ImportKind.ASSESSMENTS: RecordSpec(Assessment, "assessments", "customer_id",
                                       ("assessed_on",), dates=frozenset({"assessed_on"})),
    ImportKind.PLANS: RecordSpec(
        AccountPlan, "plans", "customer_id", ("period",), choices={"status": "PlanStatus"},
        levels=frozenset({"current_level", "target_level"})),
    ImportKind.PLAN_OBJECTIVES: RecordSpec(
        Objective, "plan_objectives", "plan_id", ("description",),
        numbers=frozenset({"target_value", "baseline_value", "actual_value"}),
        choices={"kind": "ObjectiveKind"}),
    ImportKind.PLAN_SUPPORT: RecordSpec(
        SupportMeasure, "plan_support_measures", "plan_id", ("kind", "terms"),
        numbers=frozenset({"rate_percent", "cost"}), choices={"kind": "SupportKind"}),
    ImportKind.PLAN_ACTIONS: RecordSpec(
        PlanAction, "plan_actions", "plan_id", ("what",),
        dates=frozenset({"due_date", "done_on"}), choices={"status": "ActionStatus"}),
    ImportKind.PLAN_REVIEWS: RecordSpec(PlanReview, "plan_reviews", "plan_id",
                                        ("reviewed_on", "note"),
                                        dates=frozenset({"reviewed_on"})),
}

#: Fields of a row that name other records (the owner, links) rather than hold a value.
REFERENCES = frozenset({"customer_code", "customer_name", "customer_id", "plan_id", "id",
                        "contacts", "contact_ids", "contact", "contact_id", "needs", "need_ids",
                        "objective", "objective_id"})


def convert(spec: RecordSpec, raw: Mapping[str, Any]) -> tuple[dict[str, Any],
                                                                 list[ValidationError]]:
    """The row's values as the model takes them (dates, numbers, choice codes), and what
    could not be read; empty cells are left out."""
    values: dict[str, Any] = {}
    errors: list[ValidationError] = []
    for name, value in raw.items():
        if name in REFERENCES or (spec.in_plan and name == "period") or value in (None, ""):
            continue
        try:
            if name in spec.dates:
                value = parse_date(name, value)
            elif name in spec.datetimes:
                value = parse_datetime(name, value)
            elif name in spec.numbers:
                value = parse_amount(name, value.rstrip("%").strip()
                                     if isinstance(value, str) else value)
            elif name in spec.choices:
                value = enum_words(spec.choices[name]).get(str(value).casefold(), value)
            elif name in spec.levels:
                value = relationship_level(str(value))
        except ValidationError as error:
            errors.append(error)
            continue
        if value not in (None, ""):
            values[name] = value
    return values, errors


def relationship_level(text: str) -> str:
    """1-4 from "2", "2 · 依赖型" (as KeyPlan writes it), 依赖型 or Dependent."""
    text = text.strip()
    if text[:1].isdigit() and (len(text) == 1 or not text[1:2].isdigit()):
        return text[0]
    return enum_words("RelationshipLevel").get(text.casefold(), text)


def parse_datetime(field_name: str, value: Any) -> datetime | None:
    """A date and time to the minute from a cell: a datetime or date (midnight), an Excel
    serial with its fraction of a day, or a date in any layout the importer reads followed
    by HH:MM."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValidationError(field_name, MSG_IMPORT_BAD_DATETIME)
        day = parse_date(field_name, float(math.floor(value)))
        minutes = round((value - math.floor(value)) * 1440)
        assert day is not None  # a number is never empty
        return datetime.combine(day, time()) + timedelta(minutes=minutes)
    text = str(value).strip()
    found = _TIME.match(text)
    hours, minutes = (int(found[3]), int(found[4])) if found else (0, 0)
    half = (found[2] or found[5] or "").upper() if found else ""
    if half:  # a 12-hour clock: 12:30 AM is 00:30, 12:30 PM 12:30
        if not 1 <= hours <= 12:
            raise ValidationError(field_name, MSG_IMPORT_BAD_DATETIME)
        hours = hours % 12 + (12 if half in ("P", "下午") else 0)
    if hours > 23 or minutes > 59:
        raise ValidationError(field_name, MSG_IMPORT_BAD_DATETIME)
    try:
        day = parse_date(field_name, found[1] if found else text)
    except ValidationError as error:  # say what a date and time may look like
        if error.message != MSG_IMPORT_BAD_DATE:
            raise
        raise ValidationError(field_name, MSG_IMPORT_BAD_DATETIME) from None
    if day is None:
        return None
    return datetime.combine(day, time(hours, minutes))

