"""Each use case of the Book answers with what it changed, worked out from what it wrote:
these are the facts the window's views refresh from (one row, a list, the counts)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from models.config import ScoringConfig
from models.entities import Contact, Customer, Interaction
from models.enums import InteractionKind
from storage.book import Book
from storage.changes import ALL_TABLES, SCORES, Changes


@pytest.fixture
def book() -> Iterator[Book]:
    with Book(":memory:") as opened:
        yield opened


def _customer(book: Book, name: str = "华为技术") -> Customer:
    return book.customers.add(Customer(name=name, code="C1", owner="王芳")).record


def test_a_new_customer_adds_a_row(book: Book) -> None:
    saved = book.customers.add(Customer(name="华为技术"))
    assert saved.changes == Changes(frozenset({"customers", "change_log"}),
                                    frozenset({saved.record.id}), True, None)
    assert saved.changes.may_move_scores()


def test_a_new_phone_number_repaints_one_row_and_moves_no_score(book: Book) -> None:
    customer = _customer(book)
    saved = book.customers.update(replace(customer, phone="021-5555 0101"))
    changes = saved.changes
    assert changes.customer_ids == frozenset({customer.id})
    assert changes.customer_fields == frozenset({"phone"})
    assert not changes.rows_added_or_removed
    assert changes.list_keys_moved() == frozenset()  # not searched, sorted or filtered on
    assert not changes.may_move_scores()


def test_a_rename_moves_the_search_and_the_name_order(book: Book) -> None:
    customer = _customer(book)
    changes = book.customers.update(replace(customer, name="华为终端")).changes
    assert changes.customer_fields == frozenset({"name"})
    assert changes.list_keys_moved() == frozenset({"search", "name"})
    assert not changes.may_move_scores()


def test_an_override_moves_scores_and_the_tier_column(book: Book) -> None:
    from models.enums import Tier

    customer = _customer(book)
    changes = book.customers.update(replace(customer, tier_override=Tier.KEY,
                                            tier_override_reason="战略客户")).changes
    assert changes.customer_fields == frozenset({"tier_override", "tier_override_reason"})
    assert "tier" in changes.list_keys_moved()
    assert changes.may_move_scores()


def test_a_contact_concerns_its_customer_without_adding_a_customer_row(book: Book) -> None:
    customer = _customer(book)
    saved = book.contacts.add(Contact(customer_id=customer.id, name="李雷"))
    assert saved.changes == Changes(frozenset({"contacts", "change_log"}),
                                    frozenset({customer.id}), False, None)
    assert saved.changes.list_keys_moved() == frozenset({"search"})  # names find customers
    assert not saved.changes.may_move_scores()
    done = book.contacts.delete(saved.record.id)
    assert done.changes.tables == frozenset({"contacts", "change_log"})
    assert book.contacts.of_customer(customer.id) == []


def test_an_interaction_moves_scores_and_the_follow_up_columns(book: Book) -> None:
    customer = _customer(book)
    saved = book.interactions.add(Interaction(
        customer_id=customer.id, kind=InteractionKind.VISIT,
        occurred_at=datetime(2026, 11, 2, 9, 30, tzinfo=UTC), summary="拜访",
        next_step="报价", next_step_due=date(2026, 11, 9)))
    changes = saved.changes
    assert changes.tables == frozenset({"interactions", "interaction_contacts", "change_log"})
    assert changes.may_move_scores()
    assert changes.list_keys_moved() == frozenset({"last_interaction_at", "next_follow_up"})
    done = book.today.complete_follow_up(saved.record.id)
    assert done.record.next_step_done and done.changes.concerns(customer.id)


def test_deleting_a_customer_and_undoing_it_change_the_list(book: Book) -> None:
    customer = _customer(book)
    deleted = book.customers.delete(customer.id)
    assert deleted.changes.rows_added_or_removed
    undone = book.history.undo(deleted.change_id)
    assert undone.changes.rows_added_or_removed
    assert book.customers.get(customer.id).deleted_at is None


def test_undoing_an_edit_names_the_fields_it_put_back(book: Book) -> None:
    customer = _customer(book)
    edited = book.customers.update(replace(customer, owner="李四", phone="123"))
    change_id = book.history.of_customer(customer.id)[0].change_id
    undone = book.history.undo(change_id)
    assert undone.changes.customer_fields == frozenset({"owner", "phone"})
    assert undone.changes.list_keys_moved() == frozenset({"owner"})
    assert book.customers.get(customer.id).owner == "王芳" != edited.record.owner


def test_a_new_plan_is_saved_and_says_so(book: Book) -> None:
    customer = _customer(book)
    created = book.plans.create(customer.id, "2027-H1", carry_over=False)
    assert book.plans.get(created.record.id).period == "2027-H1"
    assert created.changes.touches({"plans"}) and created.changes.concerns(customer.id)
    assert not created.changes.may_move_scores()


def test_new_weights_re_tier_and_say_the_scores_moved(tmp_path: Path) -> None:
    with Book(tmp_path / "book.db", new_book=True) as book:
        book.demo.generate(40, seed=2, anchor=date(2026, 11, 30))
        weights = dict(book.settings.scoring().weights)
        first, second = sorted(weights)[:2]
        weights[first], weights[second] = weights[second], weights[first]
        config = ScoringConfig(**{**book.settings.scoring().__dict__, "weights": weights})
        changes = book.settings.save((7, 4), config)
        assert changes.touches(SCORES) and changes.customer_ids is None
        assert book.settings.backup_policy() == (7, 4)
        assert book.settings.save((5, 3)) == Changes(frozenset({"settings"}), frozenset())


def test_an_import_may_change_anything(tmp_path: Path) -> None:
    csv = tmp_path / "customers.csv"
    csv.write_text("客户名称,客户编号\n华为技术,C1\n中兴通讯,C2\n", encoding="utf-8")
    with Book(tmp_path / "book.db", new_book=True) as book:
        imported = book.imports.run(csv, "customers")
        assert imported.changes == Changes.everything()
        batch = book.imports.last()
        assert batch is not None
        taken_back = book.imports.undo(batch.id)
        assert taken_back.changes.rows_added_or_removed
        assert taken_back.changes.tables == ALL_TABLES
        assert book.customers.count() == 0
