"""Needs and complaints get an owner, the contact who raised them and a due date set from their
priority's service level (issue 14, point 7); dates in the wrong order are refused."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from models.entities import Contact, Customer, Interaction, Need
from models.enums import InteractionKind, NeedKind, Priority
from models.service_levels import (
    DEFAULT_SLA_DAYS,
    checked_service_levels,
    parse_service_levels,
    with_due_date,
)
from models.validation import ValidationErrors
from storage.book import Book
from storage.database import Database


def _need(**values: object) -> Need:
    base: dict[str, object] = {"customer_id": "c", "kind": NeedKind.COMPLAINT,
                               "description": "交货延迟", "raised_on": date(2026, 12, 1)}
    return Need(**{**base, **values})  # type: ignore[arg-type]


def test_the_due_date_follows_the_priority() -> None:
    assert with_due_date(_need(priority=Priority.HIGH)).due_on == date(2026, 12, 3)
    assert with_due_date(_need(priority=Priority.MEDIUM)).due_on == date(2026, 12, 6)
    assert with_due_date(_need(priority=Priority.LOW)).due_on == date(2026, 12, 11)
    given = _need(due_on=date(2026, 12, 20))
    assert with_due_date(given).due_on == date(2026, 12, 20)  # a date given is kept
    assert with_due_date(_need(raised_on=None)).due_on is None


def test_stored_service_levels_are_checked_and_completed() -> None:
    assert parse_service_levels(None) == DEFAULT_SLA_DAYS
    assert parse_service_levels({"high": 1, "low": 400, "medium": "x"}) == {
        Priority.HIGH: 1, Priority.MEDIUM: 5, Priority.LOW: 10}
    with pytest.raises(Exception, match="1 to 365"):
        checked_service_levels({Priority.HIGH: 0})


def test_dates_in_the_wrong_order_are_refused_on_their_field() -> None:
    with pytest.raises(ValidationErrors) as early:
        _need(due_on=date(2026, 11, 30)).validated()
    assert list(early.value.by_field()) == ["due_on"]
    visit = Interaction(customer_id="c", kind=InteractionKind.VISIT, summary="拜访",
                        occurred_at=datetime(2026, 12, 5, 10, tzinfo=UTC),
                        next_step="报价", next_step_due=date(2026, 12, 4))
    with pytest.raises(ValidationErrors) as before:
        visit.validated()
    assert list(before.value.by_field()) == ["next_step_due"]


def test_the_book_dates_a_new_need_from_its_service_levels(tmp_path: Path) -> None:
    with Book(tmp_path / "book.db", new_book=True) as book:
        customer = book.customers.add(Customer(name="华为技术", owner="王芳")).record
        contact = book.contacts.add(Contact(customer_id=customer.id, name="李雷")).record
        first = book.needs.add(_need(customer_id=customer.id, priority=Priority.HIGH,
                                     contact_id=contact.id, owner="张伟")).record
        assert (first.due_on, first.contact_id, first.owner) == (date(2026, 12, 3),
                                                                  contact.id, "张伟")
        book.settings.save(book.settings.backup_policy(),
                           service_levels={Priority.HIGH: 1, Priority.MEDIUM: 3,
                                           Priority.LOW: 7})
        assert book.settings.service_levels()[Priority.MEDIUM] == 3
        second = book.needs.add(_need(customer_id=customer.id)).record
        assert second.due_on == date(2026, 12, 4)
        assert book.needs.get(first.id).due_on == date(2026, 12, 3)  # saved ones keep theirs
        with pytest.raises(sqlite3.IntegrityError):  # the contact must be the book's
            book.needs.add(_need(customer_id=customer.id, contact_id="no-such-contact"))


def test_upgrading_dates_the_open_needs(db_path: Path) -> None:
    from sqlite_utils import Database as SqliteUtilsDatabase

    from storage.migrations import migrations

    conn = sqlite3.connect(db_path)
    migrations.apply(SqliteUtilsDatabase(conn), stop_before="m013_need_owner_due_contact")
    conn.execute("INSERT INTO customers (id, created_at, updated_at, name, name_sort) "
                 "VALUES ('c', 't', 't', '华为', 'huawei')")
    for need_id, priority, status in (("n1", "high", "open"), ("n2", "low", "in_progress"),
                                      ("n3", "medium", "met")):
        conn.execute("INSERT INTO needs (id, created_at, updated_at, customer_id, kind, "
                     "description, priority, status, raised_on) VALUES (?, 't', 't', 'c', "
                     "'complaint', 'x', ?, ?, '2026-12-01')", [need_id, priority, status])
    conn.commit()
    conn.close()
    with Database(db_path) as db:
        due = dict(db.conn.execute("SELECT id, due_on FROM needs ORDER BY id").fetchall())
    assert due == {"n1": "2026-12-03", "n2": "2026-12-11", "n3": None}  # closed: none
