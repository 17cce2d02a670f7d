"""People on our side: one living person per name, a role, kept in the book (m014)."""

from __future__ import annotations

import sqlite3

import pytest

from models.enums import PersonRole
from models.people import Person
from models.validation import ValidationErrors
from storage.book import Book


def test_people_are_added_once_by_name_and_keep_their_role() -> None:
    with Book(":memory:") as book:
        first = book.people.ensure("王芳")
        assert first.role is PersonRole.SALESPERSON
        assert book.people.ensure("王芳").id == first.id  # no second 王芳
        promoted = book.people.ensure("王芳", PersonRole.MANAGER)
        assert promoted.id == first.id and promoted.role is PersonRole.MANAGER
        book.people.ensure("李雷")
        assert [p.name for p in book.people.listed()] == ["李雷", "王芳"]
        assert book.people.named("nobody") is None
        with pytest.raises(sqlite3.IntegrityError):
            book.people.add(Person(name="李雷"))  # the database keeps names unique too


def test_a_person_needs_a_name() -> None:
    with pytest.raises(ValidationErrors):
        Person(name="  ").validated()
