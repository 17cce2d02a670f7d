"""Imports of interactions, needs, assessments and account plans from other people's files
(CSV, Chinese and English headers): each row checked by the record's own rules, its customer
and links found by code or name, row issues with row, column and message."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from models.entities import Contact, Customer, Need
from models.enums import InteractionKind, NeedKind, NeedStatus, ObjectiveKind, Sentiment
from storage.book import Book
from storage.importer import run_import


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def book(tmp_path: Path) -> Book:
    book = Book(tmp_path / "book.db")
    acme = book.customers.add(Customer(name="Acme", code="A1")).record
    book.contacts.add(Contact(customer_id=acme.id, name="王芳"))
    book.contacts.add(Contact(customer_id=acme.id, name="Li Lei"))
    book.customers.add(Customer(name="北方贸易", code="B2"))
    return book


def test_interactions_from_a_chinese_visit_log(book: Book, tmp_path: Path) -> None:
    path = _csv(tmp_path / "拜访.csv", [
        ["客户编号", "拜访时间", "方式", "沟通内容", "客户反馈", "情绪", "下一步", "截止日期",
         "参与联系人"],
        ["A1", "2026/5/6 14:30", "拜访", "介绍新品", "有兴趣", "积极", "寄样品", "2026-05-20",
         "王芳、Li Lei"],
        ["B2", "2026年5月7日", "电话", "催款", "", "消极", "", "", ""],
        ["A1", "2026-05-08 09:00", "飞鸽", "", "", "", "", "", "张三"],
    ])
    result = run_import(book.reader, path, "interactions", skip_invalid=True)
    assert (result.created, result.rejected) == (2, 1)
    problems = {(e.row, e.column, e.english()) for e in result.errors}
    assert problems == {
        (4, "方式", "Not one of the allowed values: visit, call, meeting, email, message, "
                   "training, event."),
        (4, "沟通内容", "This field is required."),
        (4, "参与联系人", "The customer has no contact named '张三'."),
    }
    acme = book.customers.resolve("A1")
    [visit] = book.interactions.of_customer(acme.id)
    assert (visit.kind, visit.occurred_at, visit.sentiment, visit.next_step_due) == (
        InteractionKind.VISIT, datetime(2026, 5, 6, 14, 30), Sentiment.POSITIVE,
        date(2026, 5, 20))
    names = {c.id: c.name for c in book.contacts.of_customer(acme.id)}
    assert sorted(names[c] for c in visit.contact_ids) == ["Li Lei", "王芳"]
    [call] = book.interactions.of_customer(book.customers.resolve("B2").id)
    assert (call.kind, call.occurred_at) == (InteractionKind.CALL, datetime(2026, 5, 7))
    # Imported again, the same rows update their records (same customer, time, kind and
    # summary) instead of adding them twice.
    again = run_import(book.reader, path, "interactions", skip_invalid=True)
    assert (again.created, again.updated) == (0, 2)


def test_needs_get_their_service_level_due_date_and_contact(book: Book,
                                                            tmp_path: Path) -> None:
    path = _csv(tmp_path / "needs.csv", [
        ["Customer", "Type", "Description", "Priority", "Status", "Raised", "Raised by"],
        ["Acme", "Complaint", "Late delivery", "High", "Open", "2026-05-01", "Li Lei"],
    ])
    result = run_import(book.reader, path, "needs", skip_invalid=False)
    assert result.written and result.created == 1
    [need] = book.needs.of_customer(book.customers.resolve("A1").id)
    assert (need.kind, need.status, need.raised_on) == (NeedKind.COMPLAINT, NeedStatus.OPEN,
                                                         date(2026, 5, 1))
    assert need.due_on is not None and need.raised_on is not None
    assert need.due_on > need.raised_on  # the high level's days
    assert book.contacts.get(need.contact_id or "").name == "Li Lei"


def test_plans_and_their_parts_by_customer_and_period(book: Book, tmp_path: Path) -> None:
    plans = _csv(tmp_path / "plans.csv", [
        ["客户编号", "计划期间", "状态", "当前关系层次", "目标关系层次", "现状分析"],
        ["A1", "2027年一季度", "执行中", "依赖型", "3 · 合作共赢", "稳定"],
        ["B2", "2027-Q1", "Draft", "4", "1", ""],
    ])
    result = run_import(book.reader, plans, "plans", skip_invalid=True)
    assert (result.created, result.rejected) == (1, 1)
    assert [e.english() for e in result.errors] == [
        "The target level should not be below the current level."]
    objectives = _csv(tmp_path / "objectives.csv", [
        ["Customer code", "Period", "Objective", "Measure", "Target"],
        ["A1", "2027-Q1", "Grow revenue", "Revenue", "1,200,000"],
        ["B2", "2027-Q1", "Anything", "Other objective", ""],
    ])
    result = run_import(book.reader, objectives, "plan_objectives", skip_invalid=True)
    assert (result.created, result.rejected) == (1, 1)
    [issue] = result.errors
    assert (issue.row, issue.column, issue.english()) == (
        3, "Period", "The customer has no account plan for 2027-Q1.")
    actions = _csv(tmp_path / "actions.csv", [
        ["Customer code", "Period", "Action", "Due", "For objective"],
        ["A1", "2027-Q1", "Visit the plant", "2027-02-01", "Grow revenue"],
    ])
    assert run_import(book.reader, actions, "plan_actions", skip_invalid=False).written
    plan = book.plans.of_customer(book.customers.resolve("A1").id, "2027-Q1")
    assert plan is not None and plan.situation == "稳定"
    assert [(o.kind, o.target_value) for o in plan.objectives] == [
        (ObjectiveKind.REVENUE, 1_200_000.0)]
    assert plan.actions[0].objective_id == plan.objectives[0].id


def test_a_keyplan_id_that_is_not_one_is_refused(book: Book, tmp_path: Path) -> None:
    path = _csv(tmp_path / "a.csv", [
        ["Customer code", "Assessed on", "Loyalty", "KeyPlan ID"],
        ["A1", "2026-01-01", "4", "not-an-id"],
        ["A1", "2026-02-01", "9", ""],
    ])
    result = run_import(book.reader, path, "assessments", skip_invalid=True)
    assert sorted((e.row, e.column, e.english()) for e in result.errors) == [
        (2, "KeyPlan ID", "Not a KeyPlan ID; leave the cell empty for a new record."),
        (3, "Loyalty", "Ratings go from 1 to 5."),
    ]
    assert result.created == 0


def test_a_record_with_a_known_id_is_updated(book: Book, tmp_path: Path) -> None:
    acme = book.customers.resolve("A1")
    need = book.needs.add(Need(customer_id=acme.id, kind=NeedKind.REQUIREMENT,
                               description="Faster quotes")).record
    path = _csv(tmp_path / "needs.csv", [
        ["Customer code", "Kind", "Description", "Status", "KeyPlan ID"],
        ["A1", "Requirement", "Faster quotes, within a day", "Met", need.id],
    ])
    result = run_import(book.reader, path, "needs", skip_invalid=False)
    assert (result.created, result.updated) == (0, 1)
    stored = book.needs.get(need.id)
    assert (stored.description, stored.status) == ("Faster quotes, within a day",
                                                   NeedStatus.MET)
    assert [n.id for n in book.needs.of_customer(acme.id)] == [need.id]
