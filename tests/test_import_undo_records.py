"""Undo by batch for the newer kinds: an import of interactions, needs, assessments, account
plans or their parts is undone on its own, like a customers or sales import: what it added
goes, what it changed comes back (links too), and what later work changed or uses stays."""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database as SqliteUtilsDatabase

from models.entities import Contact, Customer
from storage.book import Book
from storage.importer import run_import
from storage.migrations import migrations


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


def _live(book: Book, table: str) -> int:
    return int(book.reader.scalar(f"SELECT count(*) FROM [{table}] WHERE deleted_at IS NULL"))


def _visits(tmp_path: Path, name: str, contacts: str, summary: str = "介绍新品") -> Path:
    return _csv(tmp_path / name, [
        ["客户编号", "拜访时间", "方式", "沟通内容", "参与联系人"],
        ["A1", "2026/5/6 14:30", "拜访", summary, contacts],
        ["B2", "2026年5月7日", "电话", "催款", ""],
    ])


def test_an_interactions_import_is_undone_and_an_update_of_it_put_back(
        book: Book, tmp_path: Path) -> None:
    first = run_import(book.reader, _visits(tmp_path, "a.csv", "王芳"), "interactions")
    assert first.batch is not None and first.created == 2
    assert book.reader.scalar("SELECT count(*) FROM interactions WHERE import_batch = ?",
                              [first.batch]) == 2
    # The same visits again, now naming Li Lei: the first visit is updated, links and all.
    second = run_import(book.reader, _visits(tmp_path, "b.csv", "Li Lei"), "interactions")
    assert (second.created, second.updated, second.batch is not None) == (0, 2, True)
    acme = book.customers.resolve("A1")
    names = {c.id: c.name for c in book.contacts.of_customer(acme.id)}
    [visit] = book.interactions.of_customer(acme.id)
    assert [names[c] for c in visit.contact_ids] == ["Li Lei"]
    undone = book.imports.undo(second.batch or 0, rescore=False).undone
    assert (undone.removed, undone.kept) == (0, [])
    [visit] = book.interactions.of_customer(acme.id)
    assert [names[c] for c in visit.contact_ids] == ["王芳"]  # the link put back
    # The first import's undo: the visit the later import changed (and its undo changed
    # back) counts as changed since, as a customer would, and stays; B2's call, which the
    # later import found as it was, goes.
    undone = book.imports.undo(first.batch or 0, rescore=False).undone
    assert undone.removed == 1
    assert [(k.record_id, k.reason) for k in undone.kept] == [(visit.id, "changed")]
    assert _live(book, "interactions") == 1
    deletions = book.reader.scalar(
        "SELECT count(*) FROM change_log WHERE change_id = ? AND action = 'delete' "
        "AND table_name = 'interactions'", [undone.undo_id])
    assert deletions == 1  # one entry each, as a deletion in the window (team sync sends it)


def test_a_record_changed_since_is_kept_and_the_rest_goes(book: Book, tmp_path: Path) -> None:
    result = run_import(book.reader, _csv(tmp_path / "needs.csv", [
        ["Customer code", "Type", "Description", "Priority", "Raised"],
        ["A1", "Complaint", "Late delivery", "High", "2026-05-01"],
        ["B2", "Requirement", "Faster quotes", "Low", "2026-05-02"],
    ]), "needs")
    assert result.batch is not None
    [late] = book.needs.of_customer(book.customers.resolve("A1").id)
    book.needs.update(replace(late, description="Late delivery, twice"))
    undone = book.imports.undo(result.batch, rescore=False).undone
    assert undone.removed == 1
    assert [(k.table, k.record_id, k.reason) for k in undone.kept] == [
        ("needs", late.id, "changed")]
    assert [n.description for n in book.needs.of_customer(book.customers.resolve("A1").id)] \
        == ["Late delivery, twice"]
    assert book.needs.of_customer(book.customers.resolve("B2").id) == []


def test_plans_and_their_parts_go_in_order_and_what_later_work_uses_stays(
        book: Book, tmp_path: Path) -> None:
    plans = run_import(book.reader, _csv(tmp_path / "plans.csv", [
        ["客户编号", "计划期间", "状态", "当前关系层次", "目标关系层次"],
        ["A1", "2027年一季度", "执行中", "依赖型", "3 · 合作共赢"],
        ["B2", "2027-Q1", "Draft", "1", "2"],
    ]), "plans")
    objectives = run_import(book.reader, _csv(tmp_path / "objectives.csv", [
        ["Customer code", "Period", "Objective", "Measure", "Target"],
        ["A1", "2027-Q1", "Grow revenue", "Revenue", "1,200,000"],
    ]), "plan_objectives")
    actions = run_import(book.reader, _csv(tmp_path / "actions.csv", [
        ["Customer code", "Period", "Action", "Due", "For objective"],
        ["A1", "2027-Q1", "Visit the plant", "2027-02-01", "Grow revenue"],
    ]), "plan_actions")
    assert None not in (plans.batch, objectives.batch, actions.batch)
    assert {b.kind for b in book.imports.batches()} == {"plans", "plan_objectives",
                                                       "plan_actions"}
    # The objective is what a later import's action serves: kept, and so is A1's plan.
    kept = book.imports.undo(objectives.batch or 0, rescore=False).undone
    assert (kept.removed, [(k.table, k.reason) for k in kept.kept]) == (
        0, [("plan_objectives", "used")])
    undone = book.imports.undo(plans.batch or 0, rescore=False).undone
    assert undone.removed == 1 and [(k.table, k.reason) for k in undone.kept] == [
        ("plans", "used")]
    assert book.plans.of_customer(book.customers.resolve("B2").id, "2027-Q1") is None
    book.imports.undo(actions.batch or 0, rescore=False)
    assert _live(book, "plan_actions") == 0 and _live(book, "plan_objectives") == 1
    assert _live(book, "plans") == 1


def test_a_need_a_later_plan_names_is_kept(book: Book, tmp_path: Path) -> None:
    needs = run_import(book.reader, _csv(tmp_path / "needs.csv", [
        ["Customer code", "Type", "Description", "Raised"],
        ["A1", "Complaint", "Late delivery", "2026-05-01"],
    ]), "needs")
    acme = book.customers.resolve("A1")
    [need] = book.needs.of_customer(acme.id)
    run_import(book.reader, _csv(tmp_path / "plans.csv", [
        ["客户编号", "计划期间", "当前关系层次", "目标关系层次"],
        ["A1", "2027-Q1", "1", "2"],
    ]), "plans")
    plan = book.plans.of_customer(acme.id, "2027-Q1")
    assert plan is not None
    book.plans.save(replace(plan, need_ids=(need.id,)))
    undone = book.imports.undo(needs.batch or 0, rescore=False).undone
    assert [(k.record_id, k.reason) for k in undone.kept] == [(need.id, "used")]
    assert [n.id for n in book.needs.of_customer(acme.id)] == [need.id]


def test_every_record_table_carries_its_import_number(book: Book) -> None:
    for table in ("interactions", "needs", "assessments", "plans", "plan_objectives",
                  "plan_support_measures", "plan_actions", "plan_reviews"):
        columns = [r[1] for r in book.reader.conn.execute(f"PRAGMA table_info([{table}])")]
        assert "import_batch" in columns, table


def test_a_book_from_before_m020_keeps_its_imports_and_takes_every_kind(tmp_path: Path) -> None:
    """The upgrade copies import_batches into a table whose CHECK names every kind: the
    imports already there keep their numbers and can still be listed and undone."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    migrations.apply(SqliteUtilsDatabase(conn), stop_before="m020_import_batches_of_every_kind")
    with pytest.raises(sqlite3.IntegrityError):  # before: three kinds only
        conn.execute("INSERT INTO import_batches (change_id, at, kind) VALUES ('x', 'y', 'needs')")
    conn.execute("INSERT INTO import_batches (id, change_id, at, kind, source, rows_added) "
                 "VALUES (7, 'c7', '2026-01-01T00:00:00.000+00:00', 'customers', 'old.csv', 1)")
    conn.commit()
    conn.close()
    book = Book(path)
    [kept] = book.imports.batches()
    assert (kept.id, kept.kind, kept.source, kept.rows_added) == (7, "customers", "old.csv", 1)
    book.customers.add(Customer(name="Acme", code="A1"))
    result = run_import(book.reader, _visits(tmp_path, "v.csv", ""), "interactions")
    assert result.batch == 8 and result.created == 1
    assert book.imports.undo(8, rescore=False).undone.removed == 1
