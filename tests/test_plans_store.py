"""Plans in the book: new plans, carry-over, progress from transactions, lists and due actions."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from models.entities import Customer, Need, Transaction
from models.enums import (
    ActionStatus,
    NeedKind,
    NeedStatus,
    ObjectiveKind,
    PlanStatus,
    RelationshipLevel,
)
from models.plans import AccountPlan, Objective, PlanAction
from storage.database import Database
from storage.plans_store import NoPreviousPlanError, PlanExistsError

TODAY = date(2027, 5, 20)
ROOT = Path(__file__).resolve().parent.parent


def _customer(db: Database, name: str, code: str) -> Customer:
    return db.add(Customer(name=name, code=code, owner="王伟",
                           relationship_level=RelationshipLevel.DEPENDENT))


def _book(db: Database) -> tuple[Customer, Customer, AccountPlan]:
    a = _customer(db, "华东机械", "A1")
    b = _customer(db, "Northwind", "B1")
    for day, amount, profit in ((date(2027, 1, 15), 300_000, 60_000),
                                (date(2027, 3, 10), 200_000, 50_000),
                                (date(2026, 12, 31), 999_999, 0)):
        db.add(Transaction(customer_id=a.id, date=day, amount=amount, profit=profit))
    complaint = db.add(Need(customer_id=a.id, kind=NeedKind.COMPLAINT, description="Late"))
    met = db.add(Need(customer_id=a.id, kind=NeedKind.REQUIREMENT, description="Faster",
                      status=NeedStatus.MET))
    revenue = Objective(kind=ObjectiveKind.REVENUE, description="1 M", target_value=1_000_000)
    plan = db.save_plan(AccountPlan(
        customer_id=a.id, period="2027-H1", status=PlanStatus.ACTIVE,
        current_level=RelationshipLevel.DEPENDENT, target_level=RelationshipLevel.PARTNERSHIP,
        need_ids=(complaint.id, met.id), objectives=[revenue],
        actions=[PlanAction(what="Overdue call", due_date=date(2027, 5, 1),
                            objective_id=revenue.id),
                 PlanAction(what="Due soon", due_date=date(2027, 5, 25)),
                 PlanAction(what="Done", status=ActionStatus.DONE, due_date=date(2027, 4, 1))]))
    db.save_plan(AccountPlan(customer_id=b.id, period="2027-H1", status=PlanStatus.DRAFT,
                             actions=[PlanAction(what="Later", due_date=date(2027, 9, 1))]))
    return a, b, plan


def test_progress_comes_from_transactions_in_the_period(fresh_db: Database) -> None:
    _a, _b, plan = _book(fresh_db)
    progress = fresh_db.plan_progress(plan.id, today=TODAY)
    assert progress.figures.revenue == 500_000
    assert progress.figures.margin_percent == pytest.approx(22.0)
    assert progress.objectives[0].progress == pytest.approx(0.5)
    assert progress.actions_overdue == 1


def test_new_plan_from_previous_carries_open_items(fresh_db: Database) -> None:
    a, _b, plan = _book(fresh_db)
    new = fresh_db.new_plan_from_previous(a.id, "2027-H2", today=TODAY)
    stored = fresh_db.get_plan(new.id)
    assert stored.status == PlanStatus.DRAFT and stored.period == "2027-H2"
    assert [x.what for x in stored.actions] == ["Overdue call", "Due soon"]
    assert stored.actions[0].objective_id == stored.objectives[0].id
    assert [o.description for o in stored.objectives] == ["1 M"]
    complaint = fresh_db.find(Need, "kind = 'complaint'")[0]
    assert stored.need_ids == (complaint.id,)
    # The old plan is untouched.
    assert len(fresh_db.get_plan(plan.id).actions) == 3
    with pytest.raises(PlanExistsError):
        fresh_db.new_plan_from_previous(a.id, "2027-H2")
    with pytest.raises(NoPreviousPlanError):
        fresh_db.new_plan_from_previous(a.id, "2026-H2")


def test_new_empty_plan_takes_level_and_owner(fresh_db: Database) -> None:
    a = _customer(fresh_db, "Alpha", "X")
    plan = fresh_db.new_plan(a.id, "2027")
    assert plan.current_level == RelationshipLevel.DEPENDENT
    assert plan.target_level == RelationshipLevel.PARTNERSHIP
    assert plan.owner == "王伟"
    assert fresh_db.plan_for(a.id) == fresh_db.plan_for(a.id, "2027")


def test_list_plans_puts_overdue_actions_first(fresh_db: Database) -> None:
    a, b, _plan = _book(fresh_db)
    rows = fresh_db.list_plans(today=TODAY)
    assert [r.customer_id for r in rows] == [a.id, b.id]
    assert rows[0].actions_overdue == 1 and rows[0].next_due == date(2027, 5, 1)
    assert rows[1].actions_overdue == 0
    # Without the overdue action, the active plan still comes before the draft.
    later = fresh_db.list_plans(today=date(2027, 1, 1))
    assert [r.status for r in later] == [PlanStatus.ACTIVE, PlanStatus.DRAFT]
    assert [r.customer_id for r in fresh_db.list_plans(frozenset({PlanStatus.DRAFT}))] == [b.id]


def test_actions_due_for_the_today_view(fresh_db: Database) -> None:
    _book(fresh_db)
    due = fresh_db.plan_actions_due(date(2027, 5, 27), today=TODAY)
    assert [(d.what, d.overdue) for d in due] == [("Overdue call", True), ("Due soon", False)]
    done = fresh_db.complete_action(due[0].action_id, on=TODAY)
    assert done.status == ActionStatus.DONE and done.done_on == TODAY
    assert [d.what for d in fresh_db.plan_actions_due(date(2027, 5, 27), today=TODAY)] == [
        "Due soon"]
    assert fresh_db.plan_actions_due(date(2027, 5, 27), owner="nobody") == []


def test_plan_commands(tmp_path: Path) -> None:
    path = tmp_path / "book.db"
    with Database(path) as db:
        _book(db)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), *args],
                              capture_output=True, text=True, timeout=120, cwd=ROOT)

    listing = run("plan", "list")
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.splitlines()[0].startswith("2027-H1")
    created = run("plan", "new", "A1", "--period", "2027-H2", "--from-previous")
    assert created.returncode == 0, created.stderr
    assert "2 actions" in created.stdout
    again = run("plan", "new", "A1", "--period", "2027-H2")
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "already has a plan" in again.stderr
    assert run("plan", "progress", "A1", "--period", "2027-H1").returncode == 0
    assert run("plan", "due", "--days", "3650").returncode == 0
    assert "--from-previous" in run("plan", "new", "--help").stdout
