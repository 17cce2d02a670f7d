"""Plans, the day's work (follow-ups, complaints, reviews) and the change history."""

from __future__ import annotations

import builtins
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from models.entities import Interaction, Need
from models.enums import PlanStatus, Tier
from models.plan_logic import PlanProgress
from models.plans import AccountPlan, PlanAction
from models.playbooks import Playbook
from storage import today_queries, workspace_queries
from storage.book.records import Done, RecordKind, Records, Saved, changes_of
from storage.changes import Changes
from storage.history import Change
from storage.plans_store import DueAction, PlanSummary
from storage.today_queries import (
    DEFAULT_LIMIT,
    TOP_TIERS,
    ChangeSummary,
    CustomerDue,
    FollowUp,
    Listing,
    OpenComplaint,
    Slipping,
)

if TYPE_CHECKING:
    from storage.database import Database


class Plans:
    """Account plans (a plan and its objectives, measures, actions and reviews are saved as
    one) and their actions."""

    def __init__(self, db: Database, records: Records) -> None:
        self._db = db
        self._records = records

    def create(self, customer_id: str, period: str, *, carry_over: bool,
               playbook: Playbook | None = None, lang: str = "en",
               me: str = "") -> Saved[AccountPlan]:
        """A new draft plan for ``period``, saved; ``carry_over``: what is still open from
        the last plan comes along; else it starts from ``playbook`` (its actions for "me" go
        to ``me``) or empty; a first plan opens with the open complaints and needs, worded
        in ``lang``."""
        if carry_over:
            plan = self._db.new_plan_from_previous(customer_id, period)
        else:
            plan = self._db.new_plan(customer_id, period, playbook=playbook, lang=lang, me=me)
        return Saved(plan, changes_of(AccountPlan, customer_id, added_or_removed=True))

    def get(self, plan_id: str, *, include_deleted: bool = False) -> AccountPlan:
        return self._db.get_plan(plan_id, include_deleted=include_deleted)

    def save(self, plan: AccountPlan, *, force: bool = False) -> Saved[AccountPlan]:
        """Add or update a plan with its child rows, in one transaction."""
        new = not self._db.query("SELECT 1 FROM plans WHERE id = ?", [plan.id])
        stored = self._db.save_plan(plan, force=force)
        return Saved(stored, changes_of(AccountPlan, stored.customer_id, added_or_removed=new))

    def delete(self, plan_id: str) -> Done:
        return self._records.delete(AccountPlan, plan_id)

    def list(self, statuses: frozenset[PlanStatus] | None = None, *, owner: str | None = None,
             customer_id: str | None = None,
             today: date | None = None) -> builtins.list[PlanSummary]:
        """Plans with overdue actions first, then active, draft and closed ones."""
        return self._db.list_plans(statuses, owner=owner, customer_id=customer_id, today=today)

    def due(self, until: date, *, today: date | None = None,
            owner: str | None = None) -> builtins.list[DueAction]:
        return self._db.plan_actions_due(until, today=today, owner=owner)

    def of_customer(self, customer_id: str, period: str | None = None) -> AccountPlan | None:
        """The customer's plan for ``period``, or its latest."""
        return self._db.plan_for(customer_id, period)

    def all_of_customer(self, customer_id: str) -> builtins.list[AccountPlan]:
        return self._db.plans_of(customer_id)

    def periods_taken(self, customer_id: str) -> set[str]:
        return {str(r[0]) for r in self._db.conn.execute(
            "SELECT period FROM plans WHERE customer_id = ? AND deleted_at IS NULL",
            [customer_id])}

    def progress(self, plan: AccountPlan, *, today: date | None = None) -> PlanProgress:
        return self._db.plan_progress(plan, today=today)

    def complete_action(self, action_id: str, on: date | None = None) -> Saved[PlanAction]:
        """Mark a plan action done (the Today view's tick box)."""
        action = self._db.complete_action(action_id, on)
        customer_id = self._db.scalar("SELECT customer_id FROM plans WHERE id = ?",
                                      [action.plan_id])
        return Saved(action, changes_of(PlanAction, str(customer_id) if customer_id else None))

    def needs_to_address(self, customer_id: str, chosen: Sequence[str]) -> builtins.list[Need]:
        """The customer's open needs and the ones a plan already names, oldest first."""
        import json

        return self._db.find(
            Need, "customer_id = ? AND (status IN ('open', 'in_progress') OR id IN "
            "(SELECT value FROM json_each(?)))", [customer_id, json.dumps(list(chosen))],
            order_by="raised_on")


class Today:
    """The day's work across the book, each list bounded and counted in full."""

    def __init__(self, db: Database, interactions: RecordKind[Interaction],
                 needs: RecordKind[Need], records: Records) -> None:
        self._db = db
        self._interactions = interactions
        self._needs = needs
        self._records = records
        self._deleted: tuple[tuple[int, int], list[str]] | None = None

    def _deleted_customers(self) -> list[str]:
        """The customers in the bin, read once for the lists of one state of the book (a
        scan of every customer: the lists count on their indexes and take these off)."""
        state = (int(self._db.scalar("PRAGMA data_version")), self._db.conn.total_changes)
        if self._deleted is None or self._deleted[0] != state:
            self._deleted = (state, today_queries.deleted_customers(self._db))
        return self._deleted[1]

    def follow_ups(self, until: date, *, since: date | None = None, today: date | None = None,
                   owner: str | None = None,
                   limit: int = DEFAULT_LIMIT) -> Listing[FollowUp]:
        return today_queries.follow_ups_due(
            self._db, until, since=since, today=today, owner=owner, limit=limit,
            deleted=None if owner else self._deleted_customers())

    def complaints(self, tiers: Collection[Tier] = TOP_TIERS, *, owner: str | None = None,
                   limit: int = DEFAULT_LIMIT) -> Listing[OpenComplaint]:
        return today_queries.open_complaints(self._db, tiers, owner=owner, limit=limit)

    def late_needs(self, today: date, *, owner: str | None = None,
                   limit: int = DEFAULT_LIMIT) -> Listing[OpenComplaint]:
        """Open needs and complaints past their answer-by date, highest tier first."""
        return today_queries.open_complaints(
            self._db, owner=owner, late_on=today, limit=limit,
            deleted=None if owner else self._deleted_customers())

    def slipping(self, today: date, *, owner: str | None = None,
                 limit: int = DEFAULT_LIMIT) -> Listing[Slipping]:
        """Customers whose tier or score fell since last month's snapshot."""
        return today_queries.slipping_customers(self._db, today, owner=owner, limit=limit)

    def reviews(self, *, today: date | None = None, tiers: Collection[Tier] = tuple(Tier),
                owner: str | None = None,
                limit: int = DEFAULT_LIMIT) -> Listing[CustomerDue]:
        return today_queries.reviews_due(self._db, today=today, tiers=tiers, owner=owner,
                                         limit=limit)

    def silent(self, *, today: date | None = None, tiers: Collection[Tier] = TOP_TIERS,
               owner: str | None = None,
               limit: int = DEFAULT_LIMIT) -> Listing[CustomerDue]:
        return today_queries.silent_customers(self._db, today=today, tiers=tiers,
                                              owner=owner, limit=limit)

    def reschedule(self, table: str, record_id: str, due: date) -> Changes:
        """Move a follow-up, a plan action or a need to ``due`` (snooze, or a new date)."""
        if table == "interactions":
            interaction = self._interactions.get(record_id)
            return self._interactions.update(replace(interaction, next_step_due=due)).changes
        if table == "needs":
            need = self._needs.get(record_id)
            return self._needs.update(replace(need, due_on=due)).changes
        action = self._records.get(PlanAction, record_id)
        return self._records.update(replace(action, due_date=due)).changes

    def complete_follow_up(self, interaction_id: str) -> Saved[Interaction]:
        """Tick a follow-up off: the interaction's next step is marked done."""
        interaction = self._interactions.get(interaction_id)
        return self._interactions.update(replace(interaction, next_step_done=True))


class History:
    """The change log: who changed what, and taking a change back."""

    def __init__(self, db: Database, records: Records) -> None:
        self._db = db
        self._records = records

    def of_customer(self, customer_id: str, *, limit: int = 1_000) -> list[Change]:
        """Changes to a customer and everything recorded about it, newest first."""
        return self._db.history(customer_id, limit=limit)

    def of_record(self, table: str, record_id: str) -> list[Change]:
        return self._db.record_history(table, record_id)

    def change(self, change_id: str) -> list[Change]:
        return self._db.change(change_id)

    def is_current(self, change_id: str) -> bool:
        """Whether the fields of this change still hold the values it wrote."""
        return workspace_queries.change_is_current(self._db, change_id)

    def latest(self, excluding: Collection[str] = ()) -> ChangeSummary | None:
        """The newest change not in ``excluding`` (Edit → Undo's candidate)."""
        return today_queries.latest_change(self._db, excluding)

    def undo(self, change_id: str) -> Done:
        return self._records.undo(change_id)

