"""Rows of interactions, needs, assessments, account plans and their parts: each row one
record of the customer (or of the customer's plan) it names, checked by the record's own
rules, linked to the contacts, needs or objective it names, and handed to the writer.

A row with KeyPlan's id of a record is that record (updated when the book has it, else made
with that id); without one, a record of the same owner and key (an interaction's time, kind
and summary; a plan's period ...) is updated, as a contact is by its name.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from models.entities import Need
from models.plans import AccountPlan
from models.record import Record
from models.service_levels import parse_service_levels, with_due_date
from models.validation import ValidationError, ValidationErrors, normalise_period
from storage.importer.columns import ImportKind
from storage.importer.handlers import RowHandler
from storage.importer.record_ids import id_is_free, ids_taken, record_id, record_ids
from storage.importer.record_specs import SPECS, convert
from storage.importer.rows import (
    MSG_UNKNOWN_CONTACT,
    MSG_UNKNOWN_NEED,
    MSG_UNKNOWN_OBJECTIVE,
    MSG_UNKNOWN_PLAN,
    RowIssue,
    issues_of,
)
from storage.importer.store import BookConnection
from storage.mapping import from_row

#: Several names in one cell: one a line (as KeyPlan writes them), or separated by ; 、
_NAME_SEPARATORS = re.compile(r"\s*[;；、]\s*")
_CACHED_OWNERS = 5_000
#: Table -> (link field, its ids): kept in link tables, not in the record's row.
_LINKS = {"interactions": ("contact_ids", "SELECT contact_id FROM interaction_contacts WHERE "
                                          "interaction_id = ?"),
          "plans": ("need_ids", "SELECT need_id FROM plan_needs WHERE plan_id = ?")}

_CONTACTS_SQL = "SELECT id, name FROM contacts WHERE customer_id = ? AND deleted_at IS NULL"
_NEEDS_SQL = "SELECT id, description FROM needs WHERE customer_id = ? AND deleted_at IS NULL"
_OBJECTIVES_SQL = ("SELECT id, description FROM plan_objectives WHERE plan_id = ? AND "
                   "deleted_at IS NULL")


class _Related:
    """Records of one owner by id -> their text (a contact's name ...), read once each."""

    def __init__(self, db: BookConnection, sql: str) -> None:
        self.db, self.sql = db, sql
        self.cache: dict[str, dict[str, str]] = {}

    def of(self, owner: str) -> dict[str, str]:
        found = self.cache.get(owner)
        if found is None:
            if len(self.cache) >= _CACHED_OWNERS:  # files list an owner's rows together
                self.cache.clear()
            found = self.cache[owner] = {r[0]: r[1] for r in self.db.conn.execute(
                self.sql, [owner])}
        return found


class RecordRowsHandler(RowHandler):
    """The rows of one kind of :data:`~storage.importer.record_specs.SPECS`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = SPECS[self.mapping.kind]
        self.typed = self.spec.dates | self.spec.datetimes | self.spec.numbers
        #: Ids of the records this file made or changed, with the record itself while it is
        #: not written (a preview); once written, the book has it (a million of them would
        #: not fit in memory).
        self.made: dict[str, Record | None] = {}
        self.keys: dict[tuple[Any, ...], str] = {}  # (owner, key values ...) -> record id
        self.loaded: set[str] = set()  # owners whose live records are in ``keys``
        self.contacts = _Related(self.db, _CONTACTS_SQL)
        self.needs = _Related(self.db, _NEEDS_SQL)
        self.objectives = _Related(self.db, _OBJECTIVES_SQL)
        self.levels: Any = None  # needs: the service levels that set a due date
        #: Of the ids a chunk's rows give, those a record of the table had before the chunk.
        self.taken: set[str] | None = None
        self.plan_customer: dict[str, str] = {}
        self.plan_ids: dict[tuple[str, str], str] = {}
        if self.spec.in_plan:
            for plan_id, customer_id, period in self.db.conn.execute(
                    "SELECT id, customer_id, period FROM plans WHERE deleted_at IS NULL"):
                self.plan_customer[plan_id] = customer_id
                self.plan_ids[(customer_id, period)] = plan_id

    def row(self, number: int, values: list[Any]) -> None:
        raw = self._raw(values)
        owner = self._owner(number, raw)
        if isinstance(owner, list):
            self.preview.refuse(owner)
            return
        customer_id, owner_id = owner
        errors: list[ValidationError] = []
        try:
            chosen = record_id("id", str(raw.get("id", "")))
        except ValidationError as error:
            errors.append(error)
            chosen = ""
        fields, problems = convert(self.spec, raw)
        errors += problems
        errors += self._links(raw, customer_id, owner_id, fields)
        fields[self.spec.owner] = owner_id
        model = self.spec.model
        # A new record of the id its row gives, made with it (a plan's row may instead mean
        # the plan of its customer and period, see _match).
        given = bool(chosen) and model is not AccountPlan and chosen not in self.made \
            and self._free(chosen)
        if given:
            fields["id"] = chosen
        fresh: Record | None = None
        try:
            fresh = model.parse(fields)
        except ValidationErrors as error:
            errors += [e for e in error.errors if all(e.field != f.field for f in errors)]
        if errors or fresh is None:
            self.preview.refuse(issues_of(ValidationErrors(errors), number, self.mapping, raw))
            return
        existing = None if given else self._match(chosen, fresh, owner_id)
        record = fresh
        try:
            if existing is not None:
                merged = {name: getattr(existing, name) for name in model.field_names()}
                merged.update(fields)
                record = replace(model.parse(merged), id=existing.id,
                                 created_at=existing.created_at)
            elif chosen and not given and chosen not in self.made and self._free(chosen):
                record = replace(fresh, id=chosen)
            if isinstance(record, Need) and record.due_on is None:
                # As a need entered by hand: due when its priority's service level says.
                record = with_due_date(record, self._service_levels())
        except ValidationErrors as error:
            self.preview.refuse(issues_of(error, number, self.mapping, raw))
            return
        self.made[record.id] = record if self.writer is None else None
        if not chosen or self.spec.model is AccountPlan:  # a row with an id is found by it
            self.keys[self._key(owner_id, record)] = record.id
        self.preview.updates += existing is not None
        self.preview.creates += existing is None
        self.keep(number, {"customer_id": customer_id, "id": record.id,
                           "action": "update" if existing is not None else "create"})
        if self.writer is not None:
            self.writer.record(record, existing, customer_id)

    def _service_levels(self) -> Any:
        if self.levels is None:
            stored = self.db.scalar("SELECT value FROM settings WHERE key = 'service_levels'")
            self.levels = parse_service_levels(json.loads(stored) if stored else None)
        return self.levels

    # ---- reading the row ---------------------------------------------------------------
    def _raw(self, values: list[Any]) -> dict[str, Any]:
        """Field -> cell: text (dates and numbers as read, unless written as text)."""
        raw: dict[str, Any] = {}
        for name, index in self.mapping.sources.items():
            if index >= len(values):
                continue
            value = values[index]
            raw[name] = value if name in self.typed and not isinstance(value, str) \
                else self.text(value)
        return raw

    def _owner(self, number: int, raw: dict[str, Any]) -> tuple[str, str] | list[RowIssue]:
        """(customer id, owner id): the customer twice, or the customer and its plan."""
        if not self.spec.in_plan:
            found = self.customer_of(number, raw)
            return (found, found) if isinstance(found, str) else found
        given = str(raw.get("plan_id", "")).lower()
        if given in self.plan_customer:
            return self.plan_customer[given], given
        customer = self.customer_of(number, raw)
        if not isinstance(customer, str):
            return customer
        period = str(raw.get("period", ""))
        plan = self.plan_ids.get((customer, normalise_period(period)))
        if plan is None:
            error = ValidationError("period", MSG_UNKNOWN_PLAN, period=period or "—")
            return issues_of(error, number, self.mapping, raw)
        return customer, plan

    # ---- links -------------------------------------------------------------------------
    def _links(self, raw: dict[str, Any], customer_id: str, owner_id: str,
               fields: dict[str, Any]) -> list[ValidationError]:
        kind = self.mapping.kind
        if kind is ImportKind.INTERACTIONS:
            return self._link(raw, fields, "contact_ids", "contacts",
                              self.contacts.of(customer_id), MSG_UNKNOWN_CONTACT, many=True)
        if kind is ImportKind.NEEDS:
            return self._link(raw, fields, "contact_id", "contact",
                              self.contacts.of(customer_id), MSG_UNKNOWN_CONTACT, many=False)
        if kind is ImportKind.PLANS:
            return self._link(raw, fields, "need_ids", "needs", self.needs.of(customer_id),
                              MSG_UNKNOWN_NEED, many=True)
        if kind is ImportKind.PLAN_ACTIONS:
            return self._link(raw, fields, "objective_id", "objective",
                              self.objectives.of(owner_id), MSG_UNKNOWN_OBJECTIVE, many=False)
        return []

    @staticmethod
    def _link(raw: dict[str, Any], fields: dict[str, Any], ids_field: str, text_field: str,
              known: dict[str, str], message: str, *, many: bool) -> list[ValidationError]:
        """Set ``fields[ids_field]`` from the ids the row gives when the owner has them all,
        else from the names (or descriptions) it gives; neither given: left as it is."""
        ids_text, names = str(raw.get(ids_field, "")), str(raw.get(text_field, ""))
        if not ids_text and not names:
            return []
        if ids_text:
            try:
                ids = record_ids(ids_field, ids_text)
            except ValidationError as error:
                return [error]
            missing = [i for i in ids if i not in known]
            if not missing:
                fields[ids_field] = ids if many else ids[0]
                return []
            if not names:  # ids of another book, and no names to go by
                return [ValidationError(ids_field, message, key=missing[0])]
        found: list[str] = []
        for name in _names(names, set(known.values())) if many else [names]:
            match = next((i for i, text in known.items() if text == name), None)
            if match is None:
                return [ValidationError(text_field, message, key=name[:80])]
            found.append(match)
        fields[ids_field] = list(dict.fromkeys(found)) if many else found[0]
        return []

    # ---- matching ------------------------------------------------------------------------
    def _match(self, chosen: str, fresh: Record, owner_id: str) -> Record | None:
        """The record this row updates: the one with its id, else (for a row without an
        id, or for a plan, which is one per customer and period) the owner's record of the
        same key; None for a new record."""
        if chosen:
            if chosen in self.made:
                return self._made(chosen)
            found = self._live(chosen) if not self._free(chosen) else None
            if found is not None or self.spec.model is not AccountPlan:
                return found
        self._load(owner_id)
        known = self.keys.get(self._key(owner_id, fresh))
        if known is None:
            return None
        return self._made(known) if known in self.made else self._live(known)

    def rows(self, rows: list[tuple[int, list[Any]]]) -> None:
        index = self.mapping.sources.get("id")
        if index is not None:
            self.taken = ids_taken(self.db, self.spec.table,
                                   (values[index] for _n, values in rows if index < len(values)))
        try:
            super().rows(rows)
        finally:
            self.taken = None

    def _free(self, chosen: str) -> bool:
        """Whether no row of the table has the id a row gives, which this file has not made
        (those are in ``made``): looked up for the chunk at once (see rows())."""
        if self.taken is not None:
            return chosen not in self.taken
        return id_is_free(self.db, self.spec.table, chosen)

    def _made(self, record_id_: str) -> Record | None:
        """A record this file made or changed, as it is now."""
        kept = self.made[record_id_]
        if kept is not None:
            return kept
        assert self.writer is not None  # records are kept only while nothing is written
        self.writer.flush_records()  # it may still wait in the writer's buffer
        return self._live(record_id_)

    def _live(self, record_id_: str) -> Record | None:
        rows = self.db.query(f"SELECT * FROM [{self.spec.table}] WHERE id = ? AND "
                             f"deleted_at IS NULL", [record_id_])
        return self._record(rows[0]) if rows else None

    def _record(self, row: dict[str, Any]) -> Record:
        """A stored record with its links (an interaction's contacts, a plan's needs)."""
        record = from_row(self.spec.model, row)
        links = _LINKS.get(self.spec.table)
        if links is not None:
            field_name, sql = links
            found: dict[str, Any] = {field_name: tuple(
                r[0] for r in self.db.conn.execute(sql, [record.id]))}
            record = replace(record, **found)
        return record

    def _load(self, owner_id: str) -> None:
        if owner_id in self.loaded:
            return
        if len(self.loaded) >= _CACHED_OWNERS * 4:
            self.loaded.clear()
        self.loaded.add(owner_id)
        for row in self.db.query(f"SELECT * FROM [{self.spec.table}] WHERE "
                                 f"[{self.spec.owner}] = ? AND deleted_at IS NULL", [owner_id]):
            record = self._record(row)
            self.keys.setdefault(self._key(owner_id, record), record.id)

    def _key(self, owner_id: str, record: Record) -> tuple[Any, ...]:
        return (owner_id, *(getattr(record, name) for name in self.spec.key))


def _names(text: str, known: set[str]) -> list[str]:
    """The names a cell lists: the whole cell when it is one (a need's description may run
    over several lines), else one a line, a line that is no name split at ; and 、."""
    if text in known:
        return [text]
    found: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        found.extend([line] if line in known else
                     [part for part in _NAME_SEPARATORS.split(line) if part])
    return found


LINKED_HANDLERS: dict[ImportKind, type[RowHandler]] = {kind: RecordRowsHandler
                                                      for kind in SPECS}
