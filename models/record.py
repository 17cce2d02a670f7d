"""Base of every user record: sync-ready identity and timestamps, plus field-by-field validation.

Every user record has a text UUID key, ``created_at``/``updated_at`` in UTC ISO-8601 and a
``deleted_at`` for soft delete, so two laptops can later merge their books without clashes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any, ClassVar, Self

from models.validation import ValidationError, ValidationErrors

Check = Callable[[Any], Any]


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now_iso() -> str:
    """Current UTC time as ISO-8601 with a ``Z``-free ``+00:00`` offset, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(kw_only=True)
class Record:
    """Identity and bookkeeping shared by all user records."""

    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None

    #: Field name -> check returning the cleaned value or raising ValidationError.
    CHECKS: ClassVar[Mapping[str, Check]] = {}

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @classmethod
    def field_names(cls) -> list[str]:
        return list(_fields_of(cls)[0])

    @classmethod
    def _defaults(cls) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, default, factory in _fields_of(cls)[2]:
            result[name] = factory() if factory is not None else default
        return result

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> Self:
        """Build a validated record from raw input (form fields or an import row).

        Every field is checked, so the caller gets all problems at once.
        """
        values = cls._defaults()
        names = _fields_of(cls)[1]
        values.update((k, v) for k, v in raw.items() if k in names)
        record, errors = cls._checked(values)
        if record is None:
            raise ValidationErrors(errors)
        return record

    def validated(self) -> Self:
        """This record with every checked field cleaned; raises ValidationErrors if invalid."""
        values = {name: getattr(self, name) for name in self.field_names()}
        record, errors = self._checked(values)
        if record is None:
            raise ValidationErrors(errors)
        return record

    def check_consistency(self) -> None:
        """Rules across fields; subclasses override. Raises ValidationError."""

    @classmethod
    def _checked(cls, values: Mapping[str, Any]) -> tuple[Self | None, list[ValidationError]]:
        """Every field checked and cleaned, then the rules across fields on the record they
        make: (that record, or None when invalid, and every problem found)."""
        cleaned: dict[str, Any] = {}
        errors: list[ValidationError] = []
        for name, check in cls.CHECKS.items():
            try:
                cleaned[name] = check(values.get(name))
            except ValidationError as error:
                errors.append(error)
        if errors:
            return None, errors
        record = cls(**{**values, **cleaned})
        try:
            record.check_consistency()
        except ValidationError as error:
            return None, [error]
        return record, errors


#: Record class -> (its field names, the same as a set, (name, default, default factory) of
#: those with one): worked out once per class (parse runs a million times in an import).
_FIELDS: dict[type, tuple[tuple[str, ...], frozenset[str], list[tuple[str, Any, Any]]]] = {}


def _fields_of(cls: type) -> tuple[tuple[str, ...], frozenset[str], list[tuple[str, Any, Any]]]:
    known = _FIELDS.get(cls)
    if known is None:
        found = fields(cls)
        names = tuple(f.name for f in found)
        known = _FIELDS[cls] = (names, frozenset(names), [
            (f.name, f.default if f.default is not MISSING else None,
             f.default_factory if f.default_factory is not MISSING else None)
            for f in found if f.default is not MISSING or f.default_factory is not MISSING])
    return known
