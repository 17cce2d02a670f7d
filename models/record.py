"""Base of every user record: sync-ready identity and timestamps, plus field-by-field validation.

Every user record has a text UUID key, ``created_at``/``updated_at`` in UTC ISO-8601 and a
``deleted_at`` for soft delete, so two laptops can later merge their books without clashes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
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
        return [f.name for f in fields(cls)]

    @classmethod
    def _defaults(cls) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for f in fields(cls):
            if f.default is not MISSING:
                result[f.name] = f.default
            elif f.default_factory is not MISSING:
                result[f.name] = f.default_factory()
        return result

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> Self:
        """Build a validated record from raw input (form fields or an import row).

        Every field is checked, so the caller gets all problems at once.
        """
        values = cls._defaults()
        values.update((k, v) for k, v in raw.items() if k in values or k in cls.field_names())
        cleaned, errors = cls._run_checks(values)
        if errors:
            raise ValidationErrors(errors)
        return cls(**{**values, **cleaned})

    def validated(self) -> Self:
        """This record with every checked field cleaned; raises ValidationErrors if invalid."""
        values = {name: getattr(self, name) for name in self.field_names()}
        cleaned, errors = self._run_checks(values)
        if errors:
            raise ValidationErrors(errors)
        return replace(self, **cleaned)

    def check_consistency(self) -> None:
        """Rules across fields; subclasses override. Raises ValidationError."""

    @classmethod
    def _run_checks(cls, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[ValidationError]]:
        cleaned: dict[str, Any] = {}
        errors: list[ValidationError] = []
        for name, check in cls.CHECKS.items():
            try:
                cleaned[name] = check(values.get(name))
            except ValidationError as error:
                errors.append(error)
        if not errors:
            try:
                cls(**{**values, **cleaned}).check_consistency()
            except ValidationError as error:
                errors.append(error)
        return cleaned, errors
