"""Who a file row means. A customer is known by its code; by its exact name only when the row
gives no code and the name is unique, so two customers who share a name are never merged.
The rows of a customers file that mean one customer (a sheet with one row per order) are
gathered into one, and the details they disagree on are reported once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from models.validation import ValidationError
from storage.importer.rows import MSG_AMBIGUOUS_CUSTOMER
from storage.importer.values import is_marker

#: A code read through a spreadsheet or pandas as a float: 12488.0 is the code 12488.
_FLOAT_CODE = re.compile(r"^(\d+)\.0+$")
#: Differing values kept per field of one customer, to show.
SHOWN_CONFLICTS = 3


class BookCustomers:
    """The book's live customers by code and by exact name, and those an import adds."""

    def __init__(self, rows: Iterable[tuple[str, str, str]]) -> None:
        # Built in bulk (a 100,000-customer book is read at every import); the names only
        # when a row needs them, since most rows give a known code.
        self._rows: list[tuple[str, str, str]] | None = [(cid, code, name)
                                                         for cid, code, name in rows]
        self.code_of: dict[str, str] = {cid: code or "" for cid, code, _name in self._rows}
        self.by_code: dict[str, str] = {code: cid for cid, code, _name in self._rows if code}
        self._by_name: dict[str, list[str]] | None = None
        self._unique: dict[str, str] | None = None

    @property
    def by_name(self) -> dict[str, list[str]]:
        if self._by_name is None:
            self._by_name = {}
            for customer_id, _code, name in self._rows or ():
                self._name(customer_id, name or "")
            self._rows = None
        return self._by_name

    @property
    def unique_names(self) -> dict[str, str]:
        """Name -> id of the names only one customer has, for a row that gives one and no
        code, and only names a cell gives as they are (stripped, no blank marker): a cell
        that needs cleaning is looked up through :meth:`find`."""
        if self._unique is None:
            self._unique = {name: ids[0] for name, ids in self.by_name.items()
                            if len(ids) == 1 and _plain(name)}
        return self._unique

    def with_code(self, code: str) -> str | None:
        found = self.by_code.get(code)
        if found is None:
            match = _FLOAT_CODE.match(code)
            if match:
                found = self.by_code.get(match[1])
        return found

    def named(self, name: str) -> list[str]:
        return self.by_name.get(name, [])

    def find(self, code: str, name: str) -> str | ValidationError | None:
        """The customer a row names: by code when it gives one (an unknown code is an
        unknown customer, whatever the name), else by a name only one customer has. A
        ValidationError when several customers have the name; None when none has."""
        if code:
            return self.with_code(code)
        if not name:
            return None
        ids = self.named(name)
        if len(ids) > 1:
            return ValidationError("customer_name", MSG_AMBIGUOUS_CUSTOMER, key=name,
                                   count=len(ids))
        return ids[0] if ids else None

    def add(self, customer_id: str, code: str, name: str) -> None:
        if code:
            self.by_code[code] = customer_id
        self.code_of[customer_id] = code
        self.by_name  # noqa: B018 (built first: the new name joins the book's)
        self._name(customer_id, name)

    def _name(self, customer_id: str, name: str) -> None:
        assert self._by_name is not None
        ids = self._by_name.setdefault(name, [])
        if customer_id in ids:
            return
        ids.append(customer_id)
        if self._unique is not None:
            if len(ids) == 1 and _plain(name):
                self._unique[name] = customer_id
            else:
                self._unique.pop(name, None)


def _plain(name: str) -> bool:
    return bool(name) and name == name.strip() and not is_marker(name)


@dataclass(slots=True)
class CustomerRows:
    """The rows of a customers file that mean one customer: the first non-empty value of
    each field, the row it came from, and the other values later rows gave."""

    first_row: int
    code: str
    name: str
    count: int = 0
    raw: dict[str, Any] = field(default_factory=dict)
    #: The row each field's value came from, when not ``first_row`` (see :meth:`row_of`):
    #: a whole-book import holds 100,000 customers here at once.
    origin: dict[str, int] = field(default_factory=dict)
    #: field -> (row, value) of the first few values that differ from the one kept
    conflicts: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def take(self, row: int, raw: dict[str, Any]) -> None:
        self.count += 1
        for name, value in raw.items():
            if value in (None, ""):
                continue
            kept = self.raw.get(name)
            if kept is None:
                self.raw[name] = value
                if row != self.first_row:
                    self.origin[name] = row
            elif kept != value:
                others = self.conflicts.setdefault(name, [])
                if len(others) < SHOWN_CONFLICTS and all(v != value for _, v in others):
                    others.append((row, str(value)))

    def row_of(self, name: str) -> int:
        """The row field ``name``'s value came from."""
        return self.origin.get(name, self.first_row)

    def absorb(self, other: CustomerRows) -> None:
        """Take ``other``'s rows too, as if they had been read in file order."""
        first, second = (self, other) if self.first_row <= other.first_row else (other, self)
        merged = CustomerRows(first.first_row, self.code or other.code, first.name,
                              count=self.count + other.count, raw=dict(first.raw),
                              origin=dict(first.origin),
                              conflicts={k: list(v) for k, v in first.conflicts.items()})
        for name, value in second.raw.items():
            if name not in merged.raw:
                merged.raw[name] = value
                merged.origin[name] = second.row_of(name)
            elif merged.raw[name] != value:
                others = merged.conflicts.setdefault(name, [])
                if len(others) < SHOWN_CONFLICTS and all(v != value for _, v in others):
                    others.append((second.row_of(name), str(value)))
        for name, values in second.conflicts.items():
            others = merged.conflicts.setdefault(name, [])
            for row, value in values:
                if len(others) < SHOWN_CONFLICTS and value != merged.raw.get(name) \
                        and all(v != value for _, v in others):
                    others.append((row, value))
        for name in _ROWS_FIELDS:
            setattr(self, name, getattr(merged, name))


_ROWS_FIELDS = tuple(f.name for f in fields(CustomerRows))
#: Fields whose values repeat from customer to customer (a kind, a region, an owner ...):
#: each value held once however many customers give it (a whole-book import holds 100,000
#: customers at once, each with a dozen values), as far as SHARED_VALUES distinct ones.
_SHARED_FIELDS = frozenset({"kind", "industry", "region", "city", "owner", "tags",
                            "relationship_level", "price_orientation", "loyalty_segment",
                            "channel", "tier_override", "lifecycle_override"})
SHARED_VALUES = 10_000


class CustomerFile:
    """The customers a customers file holds, gathered row by row: one per code, or (rows
    without a code) per KeyPlan id when the file gives one, else per name."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], CustomerRows] = {}
        self.shared: dict[str, str] = {}  # a value of _SHARED_FIELDS -> the one held

    def take(self, row: int, raw: dict[str, Any]) -> None:
        shared = self.shared
        for name in _SHARED_FIELDS.intersection(raw):
            value = raw[name]
            if type(value) is str and value:
                kept = shared.get(value)
                if kept is not None:
                    raw[name] = kept
                elif len(shared) < SHARED_VALUES:
                    shared[value] = value
        code, name = str(raw.get("code") or ""), str(raw.get("name") or "")
        known = str(raw.get("id") or "").lower()
        key = ("code", code) if code else ("id", known) if known else ("name", name) if name \
            else ("row", str(row))
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = CustomerRows(row, code, name)
        group.take(row, raw)


@dataclass
class Resolved:
    """What one customer of a customers file becomes: an update of ``customer_id``, a new
    customer (None), or refused (``error``); ``namesakes`` counts book customers without a
    code that have the new customer's name (the user may have meant one of them)."""

    rows: CustomerRows
    customer_id: str | None = None
    error: ValidationError | None = None
    namesakes: int = 0


def resolve(file: CustomerFile, book: BookCustomers) -> list[Resolved]:
    """Match the file's customers against the book, in the order of their first row.

    A code matches the customer with that code, or nobody (a new customer). Rows without a
    code but with KeyPlan's id of a customer (a whole-book export) are that customer, or a
    new one when the book does not have it: two customers of one name stay two. Other rows
    without a code match by name: the one customer of that name, whether in the book or
    among the file's coded customers (their rows are then one customer); a name several have
    is refused, never guessed. A code the book does not know, given with the id of a book
    customer, is that customer's new code."""
    coded: list[Resolved] = []
    by_name: dict[str, list[Resolved]] = {}
    by_target: dict[str, Resolved] = {}
    others: list[Resolved] = []
    for (kind, _), rows in file.groups.items():
        if kind not in ("code", "id"):
            others.append(Resolved(rows))
            continue
        given = str(rows.raw.get("id") or "").lower()
        found = book.with_code(rows.code) if rows.code else None
        if found is None and given in book.code_of and given not in by_target:
            found = given
        item = Resolved(rows, found)
        if item.customer_id is None and rows.code:
            item.namesakes = sum(1 for cid in book.named(rows.name) if not book.code_of.get(cid))
        elif item.customer_id is not None:
            by_target[item.customer_id] = item
        coded.append(item)
        by_name.setdefault(rows.name, []).append(item)
    result = list(coded)
    for item in others:
        name = item.rows.name
        candidates: list[Resolved | str] = list(by_name.get(name, [])) if name else []
        for cid in book.named(name) if name else []:
            known = by_target.get(cid, cid)
            if all(known is not c for c in candidates):
                candidates.append(known)
        if len(candidates) > 1:
            item.error = ValidationError("name", MSG_AMBIGUOUS_CUSTOMER, key=name,
                                         count=len(candidates))
        elif candidates and isinstance(candidates[0], Resolved):
            candidates[0].rows.absorb(item.rows)
            continue
        elif candidates:
            item.customer_id = str(candidates[0])
        result.append(item)
    result.sort(key=lambda r: r.rows.first_row)
    return result
