"""Conversion between domain records and table rows, driven by the dataclasses' type hints.

Dates and times are stored as ISO-8601 text, enums as their codes, tuples as JSON arrays and
booleans as 0/1, so the file stays readable from any SQLite tool.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import fields
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from models.competition import Competitor, SwotItem
from models.entities import Assessment, Contact, Customer, Interaction, Need, Transaction
from models.people import Person
from models.plans import AccountPlan, Objective, PlanAction, PlanReview, SupportMeasure
from models.playbooks import Playbook
from models.record import Record
from models.relationships import LevelChange

R = TypeVar("R", bound=Record)

#: Record type -> table; the names are part of the documented schema (storage/SCHEMA.md).
TABLES: dict[type[Record], str] = {
    Customer: "customers",
    Contact: "contacts",
    Transaction: "transactions",
    Interaction: "interactions",
    Need: "needs",
    Assessment: "assessments",
    AccountPlan: "plans",
    Objective: "plan_objectives",
    SupportMeasure: "plan_support_measures",
    PlanAction: "plan_actions",
    PlanReview: "plan_reviews",
    Person: "people",
    LevelChange: "relationship_levels",
    Playbook: "playbooks",
    Competitor: "competitors",
    SwotItem: "swot_items",
}

#: Fields kept in link tables or child tables rather than in the record's own row.
NON_COLUMN_FIELDS: dict[type[Record], frozenset[str]] = {
    Interaction: frozenset({"contact_ids"}),
    AccountPlan: frozenset({"need_ids", "objectives", "support_measures", "actions", "reviews"}),
}


# Worked out once per record type. A dict rather than functools.cache: mypy holds a class
# unhashable (python/mypy#11470), so it refuses ``type[Record]`` for a cached argument.
_FIELD_TYPES: dict[type[Record], dict[str, tuple[Any, bool]]] = {}


def _field_types(cls: type[Record]) -> dict[str, tuple[Any, bool]]:
    """Field name -> (base type, optional) for the columns of ``cls``."""
    known = _FIELD_TYPES.get(cls)
    if known is not None:
        return known
    hints = typing.get_type_hints(cls)
    skip = NON_COLUMN_FIELDS.get(cls, frozenset())
    result: dict[str, tuple[Any, bool]] = {}
    for f in fields(cls):
        if f.name in skip:
            continue
        hint = hints[f.name]
        optional = False
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            optional = len(args) < len(typing.get_args(hint))
            hint = args[0]
        result[f.name] = (hint, optional)
    _FIELD_TYPES[cls] = result
    return result


def columns(cls: type[Record]) -> list[str]:
    return list(_field_types(cls))


#: Values stored as they are (what to_sql returns unchanged; bool, a subclass of int, is not).
_AS_IS = frozenset({str, int, float, type(None)})


def to_row(record: Record) -> dict[str, Any]:
    # Most values are plain text and numbers: to_sql only for the others (an import writes
    # a million records through here).
    row: dict[str, Any] = {}
    for name in _field_types(type(record)):
        value = getattr(record, name)
        row[name] = value if type(value) in _AS_IS else to_sql(value)
    return row


def to_sql(value: Any, kind: Any = None) -> Any:
    if value is None:
        return None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def from_row(cls: type[R], row: typing.Mapping[str, Any]) -> R:
    values: dict[str, Any] = {}
    for name, (kind, _optional) in _field_types(cls).items():
        if name in row:
            values[name] = from_sql(row[name], kind)
    return cls(**values)


def from_sql(value: Any, kind: Any) -> Any:
    if value is None:
        return None
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is bool:
        return bool(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if typing.get_origin(kind) is tuple:
        return tuple(json.loads(value))
    if kind is float:
        return float(value)
    return value
