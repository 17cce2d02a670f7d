"""The History tab names the records a change points at (a SWOT line's plan and competitor,
a plan action's plan, a contact's boss) and a relationship level change by its words, never
by an id (issue 19)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from models.competition import Competitor, SwotItem, SwotQuadrant
from models.enums import RelationshipLevel
from storage.book import Book
from tests.ui.test_workspace import cell, shown_workspace
from ui.gui.settings import Settings
from ui.gui.workspace import CustomerWorkspace

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")

#: A customer of the demo book with three contacts.
CUSTOMER = """
SELECT c.id FROM customers c
WHERE (SELECT count(*) FROM contacts WHERE customer_id = c.id AND deleted_at IS NULL) >= 3
ORDER BY c.code LIMIT 1
"""


@pytest.fixture
def book(book_path: Path) -> Iterator[Book]:
    with Book(book_path) as opened:
        yield opened


@pytest.fixture
def workspace(qtbot, book: Book,  # type: ignore[no-untyped-def]
              settings: Settings) -> Iterator[CustomerWorkspace]:
    yield from shown_workspace(qtbot, book, str(book.reader.scalar(CUSTOMER)), settings)


def test_history_shows_names_not_ids(workspace: CustomerWorkspace, book: Book) -> None:
    customer_id = workspace.customer_id
    plan = book.plans.create(customer_id, "2027-H1", carry_over=False).record
    competitor = book.competition.save(Competitor(customer_id=customer_id,
                                                  name="Northwind Supply")).record
    line = SwotItem(plan_id=plan.id, quadrant=SwotQuadrant.THREATS, text="They cut prices",
                    competitor_id=competitor.id)
    book.competition.save_swot(plan.id, [*book.competition.swot(plan.id), line])
    contacts = book.contacts.of_customer(customer_id)
    boss, other = contacts[0], contacts[1]
    changed = next(c for c in contacts[2:] if c.reports_to != boss.id)
    book.contacts.update(replace(changed, reports_to=boss.id))
    level = RelationshipLevel.DEPENDENT \
        if book.customers.resolve(customer_id).relationship_level \
        == RelationshipLevel.PARTNERSHIP else RelationshipLevel.PARTNERSHIP
    book.relationships.set_level(customer_id, level, reason="New buyer")

    history = workspace.show_tab("history")
    history.reload()
    panel = history.panel
    rows = {(cell(panel, r, "record"), cell(panel, r, "field")): cell(panel, r, "new")
            for r in range(panel.model.rowCount())}
    swot = "SWOT line: They cut prices"
    assert rows[(swot, "Competitor")] == "Northwind Supply"
    assert rows[(swot, "Account plan")] == "H1 2027"
    assert rows[(f"Contact: {changed.name}", "Reports to")] == boss.name
    levels = {field: new for (record, field), new in rows.items()
              if record.startswith("Level change: ")}
    assert levels["Reason"] == "New buyer" and "Relationship level" in levels
    assert rows[("Account plan: H1 2027", "Period")] == "H1 2027"
    assert rows[("Competitor: Northwind Supply", "Competitor")] == "Northwind Supply"
    assert other.name  # the demo's contacts have names
    shown = [cell(panel, r, key) for r in range(panel.model.rowCount())
             for key in ("record", "field", "old", "new")]
    assert not [text for text in shown if UUID.search(text)]
    assert not [text for text in shown if re.fullmatch(r"[a-z]+(_[a-z]+)+", text)]
