"""Add, update, soft-delete, restore and read every kind of user record.

Every write validates the record first (the same rules forms and importers use), stamps it in
UTC, and runs in one transaction together with the derived columns it affects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from models.entities import Contact, Customer, Interaction, Need
from models.plans import AccountPlan, Objective, PlanAction, PlanReview, SupportMeasure
from models.record import Record, new_id, utc_now_iso
from models.service_levels import parse_service_levels, with_due_date
from storage.errors import ConflictError, ImportNotUndoableError, RecordNotFoundError
from storage.history import Change, HistoryMixin
from storage.mapping import TABLES, from_row, to_row
from storage.metrics import MetricsMixin
from storage.search_keys import search_text, sort_key

R = TypeVar("R", bound=Record)

_PLAN_CHILDREN: tuple[tuple[str, type[Record]], ...] = (
    ("objectives", Objective),
    ("support_measures", SupportMeasure),
    ("actions", PlanAction),
    ("reviews", PlanReview),
)

#: The table whose change groups undo whole (a plan's SWOT is saved in one change).
GROUP_UNDO_TABLE = "swot_items"


class RecordsMixin(HistoryMixin, MetricsMixin):
    # ---- reading -------------------------------------------------------------------------
    def get(self, cls: type[R], record_id: str, *, include_deleted: bool = False) -> R:
        if cls is AccountPlan:  # R is AccountPlan, which mypy cannot infer from ``cls is``
            return cast(R, self.get_plan(record_id, include_deleted=include_deleted))
        rows = self.query(f"SELECT * FROM [{TABLES[cls]}] WHERE id = ?", [record_id])
        if not rows or (rows[0]["deleted_at"] and not include_deleted):
            raise RecordNotFoundError(kind=TABLES[cls], key=record_id)
        record = from_row(cls, rows[0])
        if isinstance(record, Interaction):
            record = replace(record, contact_ids=self._interaction_contacts([record.id])
                             .get(record.id, ()))
        return record

    def find(self, cls: type[R], where: str = "1", params: Sequence[Any] = (), *,
             order_by: str = "created_at", include_deleted: bool = False,
             limit: int | None = None) -> list[R]:
        """Records of one kind matching an SQL condition on its own columns."""
        sql = f"SELECT * FROM [{TABLES[cls]}] WHERE ({where})"
        if not include_deleted:
            sql += " AND deleted_at IS NULL"
        sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        records = [from_row(cls, row) for row in self.query(sql, params)]
        if cls is Interaction and records:
            links = self._interaction_contacts([r.id for r in records])
            records = [replace(r, contact_ids=links.get(r.id, ())) if isinstance(r, Interaction)
                       else r for r in records]
        return records

    def _interaction_contacts(self, ids: list[str]) -> dict[str, tuple[str, ...]]:
        result: dict[str, list[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT interaction_id, contact_id FROM interaction_contacts "
                f"WHERE interaction_id IN ({marks})", chunk):
                result.setdefault(row[0], []).append(row[1])
        return {k: tuple(v) for k, v in result.items()}

    # ---- writing -------------------------------------------------------------------------
    def add(self, record: R, *, change_id: str | None = None) -> R:
        """Validate and insert a new record; returns it as stored (stamped)."""
        if isinstance(record, AccountPlan):
            return cast(R, self.save_plan(record))  # an AccountPlan, so R is AccountPlan
        now = utc_now_iso()
        record = replace(self._due(record).validated(), created_at=now, updated_at=now,
                         deleted_at=None)
        with self.atomic():
            self._insert(record)
            self.log_change("create", TABLES[type(record)], record.id, self._customer_of(record),
                            None, _logged(record), change_id)
            self._after_write(record)
        return record

    def add_many(self, records: Iterable[Record]) -> int:
        """Insert many validated records in one transaction; all or nothing."""
        count = 0
        with self.atomic():
            for record in records:
                self.add(record)
                count += 1
        return count

    def update(self, record: R, *, force: bool = False, change_id: str | None = None) -> R:
        """Validate and save changes to an existing, not deleted record.

        ``record.updated_at`` is the version the caller loaded: if the stored record has
        changed since (another window, the command line), ConflictError carries the stored
        version so the caller can merge instead of silently overwriting. ``force`` saves
        anyway (after the user has merged).
        """
        if isinstance(record, AccountPlan):
            return cast(R, self.save_plan(record, force=force))  # R is AccountPlan
        with self.atomic():
            current = self.get(type(record), record.id)
            if not force and record.updated_at and record.updated_at != current.updated_at:
                raise ConflictError(current, kind=TABLES[type(record)])
            record = replace(self._due(record).validated(), created_at=current.created_at,
                             updated_at=_later_than(current.updated_at), deleted_at=None)
            row = to_row(record)
            row.pop("id")
            self.db.table(TABLES[type(record)]).update(record.id, self._with_keys(record, row))
            if isinstance(record, Interaction):
                self._link_contacts(record)
            self.log_change("update", TABLES[type(record)], record.id, self._customer_of(record),
                            _logged(current), _logged(record), change_id)
            self._after_write(record)
        return record

    def soft_delete(self, cls: type[Record], record_id: str, *,
                    change_id: str | None = None) -> str:
        """Mark deleted; the row stays so the delete can be undone (and later synchronised).

        Returns the change id, which :meth:`undo` accepts.
        """
        now = utc_now_iso()
        with self.atomic():
            before = self.get(cls, record_id)
            self.conn.execute(f"UPDATE [{TABLES[cls]}] SET deleted_at = ?, updated_at = ? "
                              "WHERE id = ?", [now, _later_than(before.updated_at), record_id])
            after = self.get(cls, record_id, include_deleted=True)
            change_id = self.log_change("delete", TABLES[cls], record_id, self._customer_of(after),
                                        {"deleted_at": None}, {"deleted_at": now}, change_id)
            self._after_write(after)
        return change_id

    def restore(self, cls: type[Record], record_id: str, *, change_id: str | None = None) -> str:
        """Undo a soft delete; returns the change id."""
        with self.atomic():
            before = self.get(cls, record_id, include_deleted=True)
            self.conn.execute(f"UPDATE [{TABLES[cls]}] SET deleted_at = NULL, updated_at = ? "
                              "WHERE id = ?", [_later_than(before.updated_at), record_id])
            after = self.get(cls, record_id)
            change_id = self.log_change("restore", TABLES[cls], record_id, self._customer_of(after),
                                        {"deleted_at": before.deleted_at}, {"deleted_at": None},
                                        change_id)
            self._after_write(after)
        return change_id

    def undo(self, change_id: str) -> str:
        """Reverse one logged change (a create is soft-deleted, an update's fields go back,
        a delete is restored); the reversal is itself logged. Returns its change id.

        A change of an import undoes the whole import through its batch
        (:func:`storage.importer.undo.undo_import`); the change of an import's undo is not
        redone (ImportAlreadyUndoneError). Imports from before batches existed (m012) are
        refused with ImportNotUndoableError."""
        from storage.importer.batches import batches_of_changes  # the importer loads lazily
        from storage.importer.undo import undo_import

        batch = batches_of_changes(self, [change_id]).get(change_id)
        if batch is not None:
            return undo_import(self, batch.id).undo_id
        changes = self.change(change_id)
        if not changes:
            raise RecordNotFoundError(kind="change_log", key=change_id)
        if {c.table_name for c in changes} == {GROUP_UNDO_TABLE} and \
                len({c.record_id for c in changes}) > 1:
            return self._undo_group(changes)
        first = changes[0]
        if first.action == "import":
            raise ImportNotUndoableError()
        cls = next(c for c, t in TABLES.items() if t == first.table_name)
        if first.action == "create":
            return self.soft_delete(cls, first.record_id)
        if first.action == "delete":
            return self.restore(cls, first.record_id)
        if first.action == "restore":
            return self.soft_delete(cls, first.record_id)
        current = self.get(cls, first.record_id)
        row = to_row(current)
        for change in changes:
            if change.field in row:
                row[change.field] = change.old_value
        reverted = from_row(cls, row)
        if isinstance(current, Interaction) and isinstance(reverted, Interaction):  # both cls
            old_contacts = next((c.old_value for c in changes if c.field == "contact_ids"), None)
            contacts = tuple(old_contacts) if old_contacts is not None else current.contact_ids
            reverted = replace(reverted, contact_ids=contacts)
        undo_id = new_id()
        self.update(replace(reverted, updated_at=""), force=True, change_id=undo_id)
        return undo_id

    def _customer_of(self, record: Record) -> str | None:
        """The customer a record is about: its own id, its customer's, or (a plan's SWOT
        line) its plan's customer, so the History tab and Edit → Undo name the customer."""
        if isinstance(record, Customer):
            return record.id
        customer_id = getattr(record, "customer_id", None)
        plan_id = getattr(record, "plan_id", None)
        if customer_id is None and plan_id:
            row = self.conn.execute("SELECT customer_id FROM plans WHERE id = ?",
                                    [plan_id]).fetchone()
            return str(row[0]) if row else None
        return customer_id

    def _undo_group(self, changes: list[Change]) -> str:
        """Reverse every record of one change (a plan's SWOT saved whole) under one undo
        id, so Edit → Undo takes the whole save back and a second undo redoes it whole."""
        undo_id = new_id()
        by_record: dict[str, list[Change]] = {}
        for change in changes:
            by_record.setdefault(change.record_id, []).append(change)
        for record_id, entries in by_record.items():
            cls = next(c for c, t in TABLES.items() if t == entries[0].table_name)
            action = entries[0].action
            if action in ("create", "restore"):
                self.soft_delete(cls, record_id, change_id=undo_id)
            elif action == "delete":
                self.restore(cls, record_id, change_id=undo_id)
            else:
                row = to_row(self.get(cls, record_id))
                for change in entries:
                    if change.field in row:
                        row[change.field] = change.old_value
                self.update(replace(from_row(cls, row), updated_at=""), force=True,
                            change_id=undo_id)
        return undo_id

    # ---- account plans (a plan and its child rows are saved as one) -------------------------
    def save_plan(self, plan: AccountPlan, *, force: bool = False) -> AccountPlan:
        now = utc_now_iso()
        plan = plan.validated()
        existing = self.query("SELECT * FROM plans WHERE id = ?", [plan.id])
        if existing and not force and plan.updated_at and \
                plan.updated_at != existing[0]["updated_at"]:
            raise ConflictError(self.get_plan(plan.id, include_deleted=True), kind="plans")
        created = existing[0]["created_at"] if existing else now
        plan = replace(plan, created_at=created, updated_at=now)
        children: dict[str, list[Record]] = {}
        for attr, _cls in _PLAN_CHILDREN:
            children[attr] = [
                replace(child.validated(), plan_id=plan.id, created_at=child.created_at or now,
                        updated_at=now)
                for child in getattr(plan, attr)
            ]
        change_id = new_id()
        with self.atomic():
            self.db.table("plans").upsert(to_row(plan), pk="id")
            # Each part is logged like a record of its own (team members merge a plan part
            # by part, field by field); a part taken out is soft-deleted, as records are. The
            # plan's own fields are logged last: undo reverts the newest entry's record.
            for attr, cls in _PLAN_CHILDREN:
                table = TABLES[cls]
                stored = {row["id"]: row for row in self.query(
                    f"SELECT * FROM [{table}] WHERE plan_id = ? AND deleted_at IS NULL",
                    [plan.id])}
                keep = {c.id for c in children[attr]}
                for gone in sorted(stored.keys() - keep):
                    self.conn.execute(f"UPDATE [{table}] SET deleted_at = ?, updated_at = ? "
                                      "WHERE id = ?", [now, now, gone])
                    self.log_change("delete", table, gone, plan.customer_id,
                                    {"deleted_at": None}, {"deleted_at": now}, change_id)
                for child in children[attr]:
                    row = to_row(child)
                    self.db.table(table).upsert(row, pk="id")
                    self.log_change("update" if child.id in stored else "create", table,
                                    child.id, plan.customer_id, stored.get(child.id), row,
                                    change_id)
            old_needs = [r[0] for r in self.conn.execute(
                "SELECT need_id FROM plan_needs WHERE plan_id = ? ORDER BY need_id", [plan.id])]
            before = {**existing[0], "need_ids": old_needs} if existing else None
            self.log_change("update" if existing else "create", "plans", plan.id,
                            plan.customer_id, before,
                            {**to_row(plan), "need_ids": sorted(dict.fromkeys(plan.need_ids))},
                            change_id)
            self.conn.execute("DELETE FROM plan_needs WHERE plan_id = ?", [plan.id])
            self.conn.executemany("INSERT INTO plan_needs (plan_id, need_id) VALUES (?, ?)",
                                  [(plan.id, need_id) for need_id in dict.fromkeys(plan.need_ids)])
        # Each list goes to the field of its name (mypy holds every list against every field).
        return replace(plan, **cast(dict[str, Any], children))

    def get_plan(self, plan_id: str, *, include_deleted: bool = False) -> AccountPlan:
        rows = self.query("SELECT * FROM plans WHERE id = ?", [plan_id])
        if not rows or (rows[0]["deleted_at"] and not include_deleted):
            raise RecordNotFoundError(kind="plans", key=plan_id)
        plan = from_row(AccountPlan, rows[0])
        children: dict[str, Any] = {}
        for attr, cls in _PLAN_CHILDREN:
            order = "reviewed_on" if cls is PlanReview else "created_at, rowid"
            children[attr] = [from_row(cls, r) for r in self.query(
                f"SELECT * FROM [{TABLES[cls]}] WHERE plan_id = ? AND deleted_at IS NULL "
                f"ORDER BY {order}", [plan_id])]
        need_ids = tuple(r[0] for r in self.conn.execute(
            "SELECT need_id FROM plan_needs WHERE plan_id = ?", [plan_id]))
        return replace(plan, need_ids=need_ids, **children)

    # ---- internals -----------------------------------------------------------------------
    def _due(self, record: R) -> R:
        """A need without a due date gets the one its priority's service level sets."""
        if not isinstance(record, Need) or record.due_on is not None:
            return record
        stored = self.scalar("SELECT value FROM settings WHERE key = 'service_levels'")
        levels = parse_service_levels(json.loads(stored) if stored else None)
        return cast(R, with_due_date(record, levels))

    def _insert(self, record: Record) -> None:
        row = self._with_keys(record, to_row(record))
        names = list(row)
        self.conn.execute(
            f"INSERT INTO [{TABLES[type(record)]}] ({', '.join(names)}) "
            f"VALUES ({', '.join('?' * len(names))})", [row[n] for n in names])
        if isinstance(record, Interaction):
            self._link_contacts(record)

    def _with_keys(self, record: Record, row: dict[str, Any]) -> dict[str, Any]:
        if isinstance(record, Customer):
            row["name_sort"] = sort_key(record.name)
            row["search_text"] = self._customer_search_text(record)
        return row

    def _customer_search_text(self, customer: Customer) -> str:
        contact_names = [r[0] for r in self.conn.execute(
            "SELECT name FROM contacts WHERE customer_id = ? AND deleted_at IS NULL",
            [customer.id])]
        return search_text(customer.name, customer.code, customer.tags, contact_names)

    def _link_contacts(self, interaction: Interaction) -> None:
        self.conn.execute("DELETE FROM interaction_contacts WHERE interaction_id = ?",
                          [interaction.id])
        self.conn.executemany(
            "INSERT INTO interaction_contacts (interaction_id, contact_id) VALUES (?, ?)",
            [(interaction.id, c) for c in dict.fromkeys(interaction.contact_ids)])

    def _after_write(self, record: Record) -> None:
        """Keep derived columns in step with the record just written."""
        if isinstance(record, Contact):
            from storage.relationship_store import check_boss

            check_boss(self, record)  # no cycle of bosses (ValidationErrors rolls back)
            self.refresh_search_text(record.customer_id)
        customer_id = getattr(record, "customer_id", None)
        if isinstance(record, Customer):
            customer_id = record.id
        if customer_id:
            self.refresh_customer_activity(customer_id)

    def refresh_search_text(self, customer_id: str) -> None:
        rows = self.query("SELECT * FROM customers WHERE id = ?", [customer_id])
        if rows:
            customer = from_row(Customer, rows[0])
            self.conn.execute("UPDATE customers SET search_text = ? WHERE id = ?",
                              [self._customer_search_text(customer), customer_id])




def _logged(record: Record) -> dict[str, Any]:
    row = to_row(record)
    if isinstance(record, Interaction):
        row["contact_ids"] = list(record.contact_ids)
    return row


def _later_than(stamp: str) -> str:
    """Now, or a millisecond after ``stamp`` if the clock has not moved on: a version stamp
    must change at every save, or a conflicting save could slip through."""
    now = utc_now_iso()
    if now > stamp:
        return now
    return (datetime.fromisoformat(stamp) + timedelta(milliseconds=1)).isoformat(
        timespec="milliseconds")
