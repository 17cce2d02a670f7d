"""A plan's SWOT saved whole is one change (issue 19, point 3): Edit → Undo (the latest
change) takes the whole save back — lines added, reordered, edited and removed — and undoing
that undo redoes it; the log names the plan's customer; a save that changed nothing logs
nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from models.competition import SwotItem, SwotQuadrant, by_quadrant
from models.entities import Customer
from storage.book import Book

S, W, O, T = (SwotQuadrant.STRENGTHS, SwotQuadrant.WEAKNESSES,  # noqa: E741 (the boxes' letters)
              SwotQuadrant.OPPORTUNITIES, SwotQuadrant.THREATS)


@pytest.fixture
def book() -> Iterator[Book]:
    with Book(":memory:") as made:
        yield made


def _boxes(book: Book, plan_id: str) -> dict[SwotQuadrant, list[str]]:
    return {q: [i.text for i in items]
            for q, items in by_quadrant(book.competition.swot(plan_id)).items()}


def test_undo_takes_a_whole_swot_save_back_and_redoes_it(book: Book) -> None:
    customer = book.customers.add(Customer(name="北方连锁")).record
    plan = book.plans.create(customer.id, "2027", carry_over=False).record
    first = book.competition.save_swot(plan.id, [
        SwotItem(plan_id="", quadrant=S, text="交货准时"),
        SwotItem(plan_id="", quadrant=S, text="服务好"),
        SwotItem(plan_id="", quadrant=T, text="对手降价")])
    assert first.change_id is not None
    logged = book.history.change(first.change_id)
    assert {c.record_id for c in logged} == {i.id for i in first.items}
    assert {c.customer_id for c in logged} == {customer.id}
    before = _boxes(book, plan.id)
    kept = {i.text: i for i in first.items}
    # swap the strengths, edit the first, drop the threat, add a weakness: one change
    second = book.competition.save_swot(plan.id, [
        kept["服务好"], SwotItem(**{**vars(kept["交货准时"]), "text": "交货准时率 98%"}),
        SwotItem(plan_id="", quadrant=W, text="价格高")])
    after = {S: ["服务好", "交货准时率 98%"], W: ["价格高"], O: [], T: []}
    assert _boxes(book, plan.id) == after
    latest = book.history.latest()
    assert latest is not None and latest.change_id == second.change_id
    assert latest.customer_name == "北方连锁"
    undone = book.history.undo(second.change_id or "")
    assert _boxes(book, plan.id) == before
    assert customer.id in (undone.changes.customer_ids or ())
    book.history.undo(undone.change_id)  # the undo of the undo: the save again
    assert _boxes(book, plan.id) == after
    # the window's Edit → Undo (the newest change not undone in this session) does the same
    from ui.gui.background.book_operations import undo_latest

    taken = undo_latest(book, None, frozenset({second.change_id or "", undone.change_id}))  # type: ignore[arg-type]
    assert taken is not None and taken.change.customer_name == "北方连锁"
    assert _boxes(book, plan.id) == before


def test_a_save_that_changes_nothing_logs_nothing(book: Book) -> None:
    customer = book.customers.add(Customer(name="甲")).record
    plan = book.plans.create(customer.id, "2027", carry_over=False).record
    saved = book.competition.save_swot(plan.id, [SwotItem(plan_id="", quadrant=O, text="新线")])
    count = book.reader.scalar("SELECT count(*) FROM change_log")
    again = book.competition.save_swot(plan.id, saved.items)
    assert again.change_id is None
    assert book.reader.scalar("SELECT count(*) FROM change_log") == count
