"""Turning one file row into a validated record (or the list of what is wrong with it),
with the same rules as the forms: the models' checks and their messages."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from models.entities import MONEY_LIMIT, Contact, Customer
from models.validation import (
    MSG_DATE_ORDER,
    MSG_RANGE,
    MSG_REQUIRED,
    ValidationError,
    ValidationErrors,
    clean_text,
    tr_noop,
)
from storage.export_labels import enum_words
from storage.importer.columns import ColumnMapping, ImportKind
from storage.importer.dates import (
    MSG_DATE_AGAINST_ORDER,
    MSG_DATE_BOTH_WAYS,
    MSG_IMPORT_BAD_DATE,
    MSG_IMPORT_BAD_DATETIME,
    parse_date,
)
from storage.importer.values import cell_text, literal_text, parse_amount

TRANSLATION_CONTEXT = "Import"
MSG_UNKNOWN_CUSTOMER = tr_noop("No customer has the code or name '{key}'.")
MSG_AMBIGUOUS_CUSTOMER = tr_noop("{count} customers are named '{key}'; give the customer code.")
MSG_OTHER_DETAILS = tr_noop("Other values for {columns} than on this customer's first row "
                            "(row {first}), on rows: {rows}; the first row's values are kept.")
MSG_NAMESAKE = tr_noop("The code '{key}' is new, so a new customer is made, but {count} "
                       "customer(s) without a code already have this name. If one of them is "
                       "meant, give it this code first.")
MSG_NOT_AN_ID = tr_noop("Not a KeyPlan ID; leave the cell empty for a new record.")
MSG_UNKNOWN_CONTACT = tr_noop("The customer has no contact named '{key}'.")
MSG_UNKNOWN_NEED = tr_noop("The customer has no need '{key}'.")
MSG_UNKNOWN_PLAN = tr_noop("The customer has no account plan for {period}.")
MSG_UNKNOWN_OBJECTIVE = tr_noop("The plan has no objective '{key}'.")
MSG_RAGGED_ROW = tr_noop("This row has {count} values under {width} column headers, so its "
                         "values may have moved: a value holding the column separator without "
                         "quotes (1,200 in a comma-separated file) splits in two. Put such "
                         "values in quotes, or save the file again from the spreadsheet.")
MSG_NO_CUSTOMER = tr_noop("The row names no customer: its customer column is empty.")
MSG_NEW_WITHOUT_NAME = tr_noop("No customer has the code '{key}', and a new customer needs a "
                               "name, which no column of the file gives.")
_IMPORT_MESSAGES = frozenset({MSG_UNKNOWN_CUSTOMER, MSG_AMBIGUOUS_CUSTOMER, MSG_OTHER_DETAILS,
                              MSG_NAMESAKE, MSG_NOT_AN_ID, MSG_UNKNOWN_CONTACT,
                              MSG_UNKNOWN_NEED, MSG_UNKNOWN_PLAN, MSG_UNKNOWN_OBJECTIVE,
                              MSG_RAGGED_ROW, MSG_NEW_WITHOUT_NAME, MSG_NO_CUSTOMER})

#: A date cell's problems that only a column's day/month order explains.
_DATE_MESSAGES = frozenset({MSG_DATE_AGAINST_ORDER, MSG_DATE_BOTH_WAYS, MSG_IMPORT_BAD_DATE,
                            MSG_IMPORT_BAD_DATETIME})

_MONEY_RANGE = {"low": f"{-MONEY_LIMIT:.0f}", "high": f"{MONEY_LIMIT:.0f}"}
_ENUM_FIELDS = {
    "kind": "CustomerKind", "price_orientation": "PriceOrientation",
    "loyalty_segment": "LoyaltySegment", "channel": "Channel", "role": "ContactRole",
    "attitude": "Attitude", "tier_override": "Tier", "lifecycle_override": "LifecycleStage",
}
_DATE_FIELDS = frozenset({"date", "due_date", "paid_date"})
#: A line's texts as the Transaction model checks them: (field, longest, multiline).
TEXT_FIELDS = (("reference", 80, False), ("product", 120, False), ("notes", 2_000, True),
               ("order_no", 80, False))
_MONEY_FIELDS = frozenset({"amount", "profit"})


@dataclass(frozen=True)
class RowIssue:
    """What is wrong with one cell (or, with no column, the row as a whole)."""

    row: int
    column: str
    field: str
    message: str  # English source, translated in the Validation or Import context
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    value: str = ""

    def english(self) -> str:
        return self.message.format(**self.params) if self.params else self.message

    @property
    def context(self) -> str:
        """The translation context of ``message``: the importer's own, the date reader's
        (storage/importer/dates.py's, collected under Storage), or the models'."""
        if self.message in _IMPORT_MESSAGES:
            return TRANSLATION_CONTEXT
        return "Storage" if self.message in _DATE_MESSAGES else "Validation"

    def __str__(self) -> str:
        where = f", column '{self.column}'" if self.column else ""
        return f"row {self.row}{where}: {self.english()}"


def raw_values(mapping: ColumnMapping, values: list[Any]) -> dict[str, Any]:
    """Mapped field -> cell value (text, except dates and money kept as read)."""
    raw: dict[str, Any] = {}
    text = literal_text if mapping.literal else cell_text
    for name, index in mapping.sources.items():
        if index >= len(values):
            continue
        value = values[index]
        if name in _DATE_FIELDS or name in _MONEY_FIELDS:
            raw[name] = value
        else:
            raw[name] = text(value)
    return raw


def issues_of(error: ValidationError | ValidationErrors, row: int, mapping: ColumnMapping,
              raw: dict[str, Any]) -> list[RowIssue]:
    errors = error.errors if isinstance(error, ValidationErrors) else [error]
    result = []
    for item in errors:
        name = "phone" if item.field == "phone" and "phone" not in mapping.sources \
            and "mobile" in mapping.sources else item.field
        source = "mobile" if name != item.field else name
        result.append(RowIssue(row=row, column=mapping.header_of(source), field=item.field,
                               message=item.message, params=dict(item.params),
                               value=cell_text(raw.get(source))[:80]))
    return result


def with_choices(raw: dict[str, Any]) -> dict[str, Any]:
    """Enum words in either language (组织客户, Champion, 2 · 依赖型) -> codes."""
    for name, enum_name in _ENUM_FIELDS.items():
        text = raw.get(name)
        if text:
            raw[name] = enum_words(enum_name).get(str(text).casefold(), text)
    level = raw.get("relationship_level")
    if level:
        text = str(level).strip()
        if text[:1].isdigit() and (len(text) == 1 or not text[1:2].isdigit()):
            raw["relationship_level"] = text[0]
        else:
            raw["relationship_level"] = enum_words("RelationshipLevel").get(text.casefold(), text)
    return raw


def customer_record(raw: dict[str, Any], existing: Customer | None) -> Customer:
    """A validated customer: a new one, or ``existing`` with the row's non-empty cells."""
    raw = with_choices({k: v for k, v in raw.items() if v not in (None, "")})
    if existing is None:
        return Customer.parse(raw)
    values = {name: getattr(existing, name) for name in Customer.field_names()}
    values.update({k: v for k, v in raw.items() if v not in (None, "")})
    return Customer.parse(values)


def contact_record(raw: dict[str, Any], customer_id: str, existing: Contact | None) -> Contact:
    raw = with_choices({k: v for k, v in raw.items() if v not in (None, "")})
    mobile = raw.pop("mobile", "")
    raw.pop("customer_code", None)
    raw.pop("customer_name", None)
    if mobile and not raw.get("phone"):
        raw["phone"] = mobile
    raw["customer_id"] = customer_id
    if existing is None:
        return Contact.parse(raw)
    values = {name: getattr(existing, name) for name in Contact.field_names()}
    values.update({k: v for k, v in raw.items() if v not in (None, "")})
    return Contact.parse(values)


def transaction_converter(mapping: ColumnMapping) -> Callable[[list[Any]], tuple[Any, ...]]:
    """A fast row -> (date, amount, profit, due, paid, reference, product, notes, order_no)
    converter.

    The bulk path of a million rows cannot afford a record object per row; this applies the
    same rules as ``Transaction``'s checks (required date and amount, money limits, dates not
    before the transaction date, text lengths) and raises ValidationErrors with the same
    messages. tests/test_import_values.py holds the two to the same verdicts. Without an
    amount, the line's amount is its quantity times its unit price.
    """
    def position(name: str) -> int:
        index = mapping.index_of(name)
        return -1 if index is None else index

    dates = [(name, position(name)) for name in ("date", "due_date", "paid_date")]
    money = [(name, position(name), mapping.scales.get(position(name), 1.0))
             for name in ("amount", "profit")]
    quantity, unit_price = position("quantity"), position("unit_price")
    price_scale = mapping.scales.get(unit_price, 1.0)
    priced = quantity >= 0 and unit_price >= 0
    texts = [(name, position(name), limit, multiline) for name, limit, multiline in TEXT_FIELDS]
    width = max(mapping.sources.values(), default=-1) + 1
    orders = mapping.date_orders
    text = literal_text if mapping.literal else cell_text
    seen_dates: dict[Any, date | None] = {}  # a book has few distinct dates: parse each once

    def convert(values: list[Any]) -> tuple[Any, ...]:
        if len(values) < width:
            values = values + [None] * (width - len(values))
        errors: list[ValidationError] = []
        found: list[Any] = []
        for name, i in dates:
            raw = values[i] if i >= 0 else None
            try:
                key = (name, raw) if not isinstance(raw, float) else None
                if key is not None and key in seen_dates:
                    found.append(seen_dates[key])
                    continue
                day = parse_date(name, raw, orders.get(name))
                if key is not None and len(seen_dates) < 100_000:
                    seen_dates[key] = day
                found.append(day)
            except ValidationError as error:  # not a date, or one that needs its order
                errors.append(error)
                found.append(None)
            except TypeError:
                errors.append(ValidationError(name, MSG_IMPORT_BAD_DATE))
                found.append(None)
        day, due, paid = found
        if day is None and not errors:
            errors.append(ValidationError("date", MSG_REQUIRED))
        amounts: list[float | None] = []
        amount_bad = False
        for name, i, scale in money:
            try:
                amounts.append(_money(name, values[i] if i >= 0 else None, scale,
                                      required=False))
            except ValidationError as error:
                errors.append(error)
                amounts.append(None)
                amount_bad = amount_bad or name == "amount"
        if amounts[0] is None and not amount_bad:
            try:
                amounts[0] = line_amount(values[quantity], values[unit_price], price_scale) \
                    if priced else _money("amount", None, 1.0, required=True)
            except ValidationError as error:
                errors.append(error)
            except ValidationErrors as error:
                errors.extend(error.errors)
        words: list[str] = []
        for name, i, limit, multiline in texts:
            raw = values[i] if i >= 0 else None
            if raw is None or raw == "":
                words.append("")
                continue
            try:
                words.append(clean_text(name, text(raw), max_len=limit,
                                        multiline=multiline))
            except ValidationError as error:
                errors.append(error)
                words.append("")
        if not errors and day is not None:
            for name, other in (("due_date", due), ("paid_date", paid)):
                if other is not None and other < day:
                    errors.append(ValidationError(name, MSG_DATE_ORDER, other=day.isoformat()))
        if errors:
            raise ValidationErrors(errors)
        return (day, amounts[0], amounts[1], due, paid, *words)

    return convert


def line_amount(quantity: Any, unit_price: Any, price_scale: float = 1.0) -> float:
    """Quantity times unit price, exactly in decimal (6 x 2.55 is 15.30, not 15.2999...)."""
    errors: list[ValidationError] = []
    numbers: list[float] = []
    for name, value, scale in (("quantity", quantity, 1.0), ("unit_price", unit_price,
                                                              price_scale)):
        try:
            number = _money(name, value, scale, required=True)
            assert number is not None  # required
            numbers.append(number)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationErrors(errors)
    product = float(Decimal(repr(numbers[0])) * Decimal(repr(numbers[1])))
    if not math.isfinite(product) or abs(product) > MONEY_LIMIT:
        raise ValidationError("amount", MSG_RANGE, **_MONEY_RANGE)
    return product


def money_value(name: str, value: Any, scale: float = 1.0) -> float | None:
    """An optional money cell, checked as the Transaction model checks money."""
    return _money(name, value, scale, required=False)


def _money(name: str, value: Any, scale: float, *, required: bool) -> float | None:
    number = parse_amount(name, value, scale)
    if number is None:
        if required:
            raise ValidationError(name, MSG_REQUIRED)
        return None
    if not math.isfinite(number) or abs(number) > MONEY_LIMIT:
        raise ValidationError(name, MSG_RANGE, **_MONEY_RANGE)
    return number


def kind_fields(kind: ImportKind) -> tuple[str, ...]:
    return ("customer_code", "customer_name") if kind != ImportKind.CUSTOMERS else ()
