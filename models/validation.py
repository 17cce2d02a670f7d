"""One error type for invalid domain data, and small checks shared by forms and importers.

Messages are English source strings marked with :func:`tr_noop`; the UI translates them in the
``Validation`` context (Qt's ``QT_TRANSLATE_NOOP`` idiom) and then fills ``params`` in, so the
domain layer never imports Qt and every message still reaches the user in their language.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

TRANSLATION_CONTEXT = "Validation"

E = TypeVar("E", bound=Enum)


def tr_noop(source: str) -> str:
    """Mark ``source`` for extraction by the translation tools; returns it unchanged."""
    return source


class ValidationError(ValueError):
    """Invalid value of one field.

    ``message`` is an untranslated source string with ``{name}`` placeholders; ``params``
    fills them. ``str(error)`` gives the English text with the field name, for logs and the
    command line.
    """

    def __init__(self, field: str, message: str, **params: Any) -> None:
        self.field = field
        self.message = message
        self.params: dict[str, Any] = params
        super().__init__(f"{field}: {self.english()}")

    def english(self) -> str:
        return self.message.format(**self.params) if self.params else self.message


class ValidationErrors(ValueError):
    """Several field errors found at once (a form or an import row checks every field)."""

    def __init__(self, errors: Iterable[ValidationError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))

    def by_field(self) -> dict[str, ValidationError]:
        return {e.field: e for e in self.errors}


MSG_REQUIRED = tr_noop("This field is required.")
MSG_TOO_LONG = tr_noop("At most {max} characters.")
MSG_NOT_NUMBER = tr_noop("Not a number.")
MSG_NOT_FINITE = tr_noop("Must be a finite number.")
MSG_NEGATIVE = tr_noop("Must not be negative.")
MSG_RANGE = tr_noop("Must be between {low} and {high}.")
MSG_RATING = tr_noop("Ratings go from 1 to 5.")
MSG_BAD_DATE = tr_noop("Not a valid date (expected YYYY-MM-DD).")
MSG_BAD_DATETIME = tr_noop("Not a valid date and time (expected YYYY-MM-DD HH:MM).")
MSG_BAD_CHOICE = tr_noop("Not one of the allowed values: {allowed}.")
MSG_BAD_EMAIL = tr_noop("Not a valid e-mail address.")
MSG_BAD_PHONE = tr_noop("A phone number holds digits, spaces and + - ( ) only.")
MSG_CONTROL_CHARS = tr_noop("Contains control characters.")
MSG_DATE_ORDER = tr_noop("Must not be earlier than {other}.")
MSG_NOT_TEXT_LIST = tr_noop("Expected a list of texts.")
MSG_NOT_YES_NO = tr_noop("Expected yes or no.")
MSG_BAD_PERIOD = tr_noop("Not a valid period (expected e.g. 2027, 2027-H1, 2027-Q3 or 2027-05, "
                         "or 2027年, 2027年上半年, 2027年一季度, 2027年5月).")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+\-() .]{3,40}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PERIOD = re.compile(r"^\d{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])))?$")


def clean_text(field: str, value: Any, *, required: bool = False, max_len: int = 200,
               multiline: bool = False) -> str:
    """Strip a text value and check it; returns '' for an absent optional value."""
    text = "" if value is None else str(value)
    text = text.strip()
    if not text:
        if required:
            raise ValidationError(field, MSG_REQUIRED)
        return ""
    if len(text) > max_len:
        raise ValidationError(field, MSG_TOO_LONG, max=max_len)
    bad = _CONTROL.search(text) or (not multiline and ("\n" in text or "\r" in text))
    if bad:
        raise ValidationError(field, MSG_CONTROL_CHARS)
    return text


def check_email(field: str, value: str) -> str:
    if value and not _EMAIL.match(value):
        raise ValidationError(field, MSG_BAD_EMAIL)
    return value


def check_phone(field: str, value: str) -> str:
    if value and not _PHONE.match(value):
        raise ValidationError(field, MSG_BAD_PHONE)
    return value


def check_number(field: str, value: Any, *, required: bool = True, minimum: float | None = None,
                 maximum: float | None = None) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, MSG_REQUIRED)
        return None
    if isinstance(value, bool):
        raise ValidationError(field, MSG_NOT_NUMBER)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(field, MSG_NOT_NUMBER) from None
    if not math.isfinite(number):
        raise ValidationError(field, MSG_NOT_FINITE)
    if minimum is not None and maximum is not None and not minimum <= number <= maximum:
        raise ValidationError(field, MSG_RANGE, low=_fmt(minimum), high=_fmt(maximum))
    if minimum is not None and number < minimum:
        if minimum == 0:
            raise ValidationError(field, MSG_NEGATIVE)
        raise ValidationError(field, MSG_RANGE, low=_fmt(minimum), high="∞")
    if maximum is not None and number > maximum:
        raise ValidationError(field, MSG_RANGE, low="-∞", high=_fmt(maximum))
    return number


def check_rating(field: str, value: Any) -> int | None:
    """A 1–5 rating; None means 'not rated'."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(field, MSG_RATING)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(field, MSG_RATING) from None
    if not math.isfinite(number) or number != int(number) or not 1 <= number <= 5:
        raise ValidationError(field, MSG_RATING)
    return int(number)


def check_int_range(field: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise ValidationError(field, MSG_RANGE, low=low, high=high)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(field, MSG_RANGE, low=low, high=high) from None
    if not math.isfinite(number) or number != int(number) or not low <= number <= high:
        raise ValidationError(field, MSG_RANGE, low=low, high=high)
    return int(number)


def check_date(field: str, value: Any, *, required: bool = True) -> date | None:
    """A calendar date from a date, a datetime or an ISO ``YYYY-MM-DD`` string."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, MSG_REQUIRED)
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, MSG_BAD_DATE) from None


def check_datetime(field: str, value: Any, *, required: bool = True) -> datetime | None:
    """A local date and time to the minute; a bare date means midnight."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, MSG_REQUIRED)
        return None
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip().replace("T", " ")
    try:
        if len(text) < 10:
            raise ValueError(text)
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, MSG_BAD_DATETIME) from None
    return parsed.replace(second=0, microsecond=0, tzinfo=None)


def check_choice(field: str, value: Any, enum: type[E], *, required: bool = True) -> E | None:
    if value is None or value == "":
        if required:
            raise ValidationError(field, MSG_REQUIRED)
        return None
    if isinstance(value, enum):
        return value
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum)
        raise ValidationError(field, MSG_BAD_CHOICE, allowed=allowed) from None


_TRUE = {"1", "true", "yes", "y", "是", "x", "✓"}
_FALSE = {"", "0", "false", "no", "n", "否"}


def check_bool(field: str, value: Any) -> bool:
    """A yes/no value from a checkbox, a number or an import cell ("yes", "是", "1", ...)."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError(field, MSG_NOT_YES_NO)


def check_ids(field: str, value: Any) -> tuple[str, ...]:
    """Record ids (e.g. the contacts present at a meeting), unique, in order."""
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise ValidationError(field, MSG_NOT_TEXT_LIST)
    ids = [clean_text(field, item, required=True, max_len=64) for item in value]
    return tuple(dict.fromkeys(ids))


_CN_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
#: Chinese and spelled-out forms of a period -> the canonical code (2027年一季度 -> 2027-Q1).
_PERIOD_FORMS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(r"^(\d{4})\s*年?\s*(上|下)半年$"),
     lambda m: f"{m[1]}-H{1 if m[2] == '上' else 2}"),
    (re.compile(r"^(\d{4})\s*年?\s*第?([一二三四1-4])\s*季度?$"),
     lambda m: f"{m[1]}-Q{_CN_NUMBERS[m[2]]}"),
    (re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(份)?$"),
     lambda m: f"{m[1]}-{int(m[2]):02d}"),
    (re.compile(r"^(\d{4})\s*年(度)?$"), lambda m: m[1]),
    (re.compile(r"^(\d{4})\s*[-/ ]?\s*([HQ])\s*([1-4])$", re.I),
     lambda m: f"{m[1]}-{m[2].upper()}{m[3]}"),
    (re.compile(r"^([HQ])([1-4])\s*[-/ ]?\s*(\d{4})$", re.I),
     lambda m: f"{m[3]}-{m[1].upper()}{m[2]}"),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), lambda m: f"{m[1]}-{int(m[2]):02d}"),
)


def normalise_period(text: str) -> str:
    """The canonical code of a period typed in either language ('' when none matches)."""
    text = text.strip()
    if _PERIOD.match(text.upper()):
        return text.upper()
    for pattern, make in _PERIOD_FORMS:
        found = pattern.match(text)
        if found:
            code = str(make(found))
            return code if _PERIOD.match(code) else ""
    return ""


def check_period(field: str, value: Any) -> str:
    """A plan period: 2027, 2027-H1, 2027-Q3, 2027-05, or the same in Chinese (2027年,
    2027年上半年, 2027年一季度, 2027年5月), returned in its canonical code."""
    text = clean_text(field, value, required=True, max_len=20)
    code = normalise_period(text)
    if not code:
        raise ValidationError(field, MSG_BAD_PERIOD)
    return code


def check_tags(field: str, value: Any) -> tuple[str, ...]:
    """Tags from a list or a comma/、/；-separated string, trimmed, unique, in order."""
    if value is None:
        return ()
    parts: Iterable[Any]
    if isinstance(value, str):
        parts = re.split(r"[,，;；、]", value)
    elif isinstance(value, list | tuple | set | frozenset):
        parts = value
    else:
        raise ValidationError(field, MSG_NOT_TEXT_LIST)
    seen: dict[str, None] = {}
    for part in parts:
        tag = clean_text(field, part, max_len=40)
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"
