"""Field values as text in the user's language, from records or from the change log's codes."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from models.record import Record
from ui.gui.text.labels import label

EMPTY = "—"
#: Fields holding another record's id whose name is not ``*_id`` (shown by its name too).
REFERENCES = frozenset({"reports_to"})


# Worked out once per field. A dict rather than functools.cache: mypy holds a class
# unhashable (python/mypy#11470), so it refuses ``type[Record]`` for a cached argument.
_FIELD_TYPES: dict[tuple[type[Record], str], Any] = {}


def _field_type(cls: type[Record], field: str) -> Any:
    """The non-optional type of ``field`` (e.g. ``Tier`` for ``Tier | None``)."""
    key = (cls, field)
    if key not in _FIELD_TYPES:
        _FIELD_TYPES[key] = _non_optional(typing.get_type_hints(cls).get(field))
    return _FIELD_TYPES[key]


def _non_optional(hint: Any) -> Any:
    if hint is None:
        return None
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if args and typing.get_origin(hint) is not tuple and typing.get_origin(hint) is not list:
        return args[0]
    return hint


def display_value(
    cls: type[Record], field: str, value: Any, names: Mapping[str, str] | None = None
) -> str:
    """``value`` of ``cls.field`` for display; ``names`` turns record ids into names."""
    if value is None or value == "" or value == () or value == []:
        return EMPTY
    kind = _field_type(cls, field)
    if field == "deleted_at":
        return QCoreApplication.translate("Values", "deleted")
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return label(value if isinstance(value, kind) else kind(value))
        except ValueError:
            return str(value)
    if kind is bool or isinstance(value, bool):
        return yes_no(bool(value))
    if isinstance(value, list | tuple) and value and isinstance(value[0], Record):
        return "; ".join(record_caption(item) for item in value)
    if isinstance(value, list | tuple):
        if field in ("contact_ids", "need_ids") and names is not None:
            return ", ".join(names.get(str(v), str(v)) for v in value)
        return ", ".join(str(v) for v in value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) or kind is float:
        try:
            return number(float(value))
        except (TypeError, ValueError):
            return str(value)
    if names is not None and (field.endswith("_id") or field in REFERENCES) \
            and str(value) in names:
        return names[str(value)]
    return str(value)


def record_caption(record: Record) -> str:
    """A few words naming a record (a plan's objective, action, review ...)."""
    for name in ("name", "what", "description", "note", "terms", "summary", "period"):
        text = getattr(record, name, "")
        if isinstance(text, str) and text.strip():
            text = text.strip().splitlines()[0]
            return text if len(text) <= 40 else text[:39] + "…"
    kind = getattr(record, "kind", None)
    return label(kind) if isinstance(kind, Enum) else record.id[:8]


def yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("Values", "Yes")
        if value
        else QCoreApplication.translate("Values", "No")
    )


def number(value: float, decimals: int = 2) -> str:
    """A number with the locale's group separators, without needless decimals."""
    if float(value).is_integer():
        return QLocale().toString(int(value))
    return QLocale().toString(float(value), "f", decimals)


def money(value: float | None) -> str:
    """Whole money with group separators (the book's currency, never a symbol)."""
    if value is None:
        return EMPTY
    return QLocale().toString(float(value), "f", 0)


def percent(value: float | None, decimals: int = 1) -> str:
    """A fraction (0.25) as a percentage (25.0 %)."""
    if value is None:
        return EMPTY
    return QLocale().toString(value * 100, "f", decimals) + " %"
