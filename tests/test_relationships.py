"""The relationship map (issue 19, point 1): reports-to without cycles, the org chart, the
flags of a key account, contacts by level, and the relationship level's history, on a small
account worked out by hand; the history travels to a team member."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.entities import Contact, Customer, Interaction
from models.enums import Attitude, ContactRole, InteractionKind, RelationshipLevel, Tier
from models.relationships import (
    ContactLevel,
    FlagFinding,
    LevelChange,
    RelationshipFlag,
    below,
    by_level,
    check_reports_to,
    contact_level,
    flags,
    level_spans,
    org_chart,
    walk,
)
from models.validation import ValidationError, ValidationErrors
from storage.book import MEMORY, Book
from tests.test_sync_merge import Team

#: The hand-made account's interactions are dated from today, so the window sees the same.
TODAY = date.today()


@pytest.fixture
def book() -> Iterator[Book]:
    with Book(MEMORY) as opened:
        yield opened


def _days_ago(days: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days), datetime.min.time()).replace(hour=10)


def _account(book: Book) -> tuple[Customer, dict[str, Contact]]:
    """ACME, a key account (set by hand): 王总 (CEO, decides, covered by 李雷) over 刘经理
    (purchasing, influence 4) over two engineers; everything of the last half year went
    through 刘经理 alone."""
    customer = book.customers.add(Customer(name="ACME", code="A1", tier_override=Tier.KEY,
                                           tier_override_reason="by hand")).record
    add = book.contacts.add
    wang = add(Contact(customer_id=customer.id, name="王总", title="CEO",
                       role=ContactRole.DECISION_MAKER, influence=5,
                       attitude=Attitude.SUPPORTER, covered_by="李雷")).record
    liu = add(Contact(customer_id=customer.id, name="刘经理", title="Purchasing",
                      role=ContactRole.INFLUENCER, influence=4, reports_to=wang.id)).record
    zhao = add(Contact(customer_id=customer.id, name="赵工", role=ContactRole.TECHNICAL_EVALUATOR,
                       influence=2, reports_to=liu.id)).record
    chen = add(Contact(customer_id=customer.id, name="陈工", role=ContactRole.USER, influence=1,
                       reports_to=liu.id)).record
    for days_ago in (150, 80, 30):
        book.interactions.add(Interaction(customer_id=customer.id, kind=InteractionKind.VISIT,
                                          occurred_at=_days_ago(days_ago),
                                          summary="order talk", contact_ids=(liu.id,)))
    # 王总 was last met more than six months (183 days) ago.
    book.interactions.add(Interaction(customer_id=customer.id, kind=InteractionKind.MEETING,
                                      occurred_at=_days_ago(220),
                                      summary="annual review", contact_ids=(wang.id, liu.id)))
    return customer, {"wang": wang, "liu": liu, "zhao": zhao, "chen": chen}


def test_the_org_chart_of_a_small_account(book: Book) -> None:
    customer, c = _account(book)
    rmap = book.relationships.map(customer.id, today=TODAY)
    (root,) = rmap.roots
    assert root.contact.id == c["wang"].id and root.depth == 0
    (liu,) = root.children
    assert liu.contact.id == c["liu"].id and liu.depth == 1
    # Under 刘经理 the heavier engineer first; leaves side by side, parents over their middle.
    assert [n.contact.name for n in liu.children] == ["赵工", "陈工"]
    assert [(n.contact.name, n.depth, n.x) for n in walk(rmap.roots)] == [
        ("王总", 0, 0.5), ("刘经理", 1, 0.5), ("赵工", 2, 0.0), ("陈工", 2, 1.0)]
    assert rmap.tier is Tier.KEY


def test_the_flags_of_a_small_key_account(book: Book) -> None:
    customer, c = _account(book)
    rmap = book.relationships.map(customer.id, today=TODAY)
    # All of the last six months went through 刘经理; 王总 decides; 王总 is covered.
    assert rmap.flags == [FlagFinding(RelationshipFlag.SINGLE_THREADED, c["liu"].id)]
    assert rmap.flagged_contact == c["liu"].id
    # Nobody covered and the decision maker gone: all three flags.
    book.contacts.delete(c["wang"].id)
    rmap = book.relationships.map(customer.id, today=TODAY)
    assert [f.flag for f in rmap.flags] == [RelationshipFlag.SINGLE_THREADED,
                                            RelationshipFlag.NO_DECISION_LEVEL,
                                            RelationshipFlag.NOT_COVERED]
    # 刘经理's boss is gone: 刘经理 heads the chart now.
    assert [n.contact.name for n in rmap.roots] == ["刘经理"]


def test_a_standard_account_raises_no_flag() -> None:
    lone = Contact(customer_id="x", name="A")
    assert flags(Tier.STANDARD, [lone], {}, TODAY) == []
    assert flags(None, [], {}, TODAY) == []
    assert flags(Tier.STRATEGIC, [], {}, TODAY) == [
        FlagFinding(RelationshipFlag.SINGLE_THREADED, None),
        FlagFinding(RelationshipFlag.NO_DECISION_LEVEL),
        FlagFinding(RelationshipFlag.NOT_COVERED)]
    assert flags(Tier.KEY, [lone], {}, TODAY)[0] == FlagFinding(
        RelationshipFlag.SINGLE_THREADED, lone.id)


def test_two_people_met_is_not_single_threaded() -> None:
    a = Contact(customer_id="x", name="A", influence=5, covered_by="me")
    b = Contact(customer_id="x", name="B")
    seen = {a.id: _days_ago(30), b.id: _days_ago(60)}
    assert flags(Tier.KEY, [a, b], seen, TODAY) == []
    # B last met eight months ago: only A within the window.
    seen[b.id] = _days_ago(243)
    assert flags(Tier.KEY, [a, b], seen, TODAY) == [
        FlagFinding(RelationshipFlag.SINGLE_THREADED, a.id)]
    # Nobody met at all in the window: not single-threaded (nothing to hang on).
    assert flags(Tier.KEY, [a, b], {}, TODAY) == []


def test_contact_levels_and_their_gaps(book: Book) -> None:
    customer, c = _account(book)
    assert [contact_level(c[k]) for k in ("wang", "liu", "zhao", "chen")] == [
        ContactLevel.DECISION, ContactLevel.MANAGEMENT, ContactLevel.OPERATIONAL,
        ContactLevel.OPERATIONAL]
    groups = book.relationships.map(customer.id, today=TODAY).groups
    assert [(g.level, [x.name for x in g.contacts], g.empty, g.uncovered, g.no_support)
            for g in groups] == [
        (ContactLevel.DECISION, ["王总"], False, False, False),
        (ContactLevel.MANAGEMENT, ["刘经理"], False, True, True),
        (ContactLevel.OPERATIONAL, ["赵工", "陈工"], False, True, True)]
    assert by_level([])[0].empty and by_level([])[0].has_gap


def test_a_contact_cannot_report_to_someone_below_it(book: Book) -> None:
    customer, c = _account(book)
    with pytest.raises(ValidationErrors) as raised:
        book.contacts.update(replace(c["wang"], reports_to=c["zhao"].id))
    (error,) = raised.value.errors
    assert error.field == "reports_to" and error.params == {"name": "赵工"}
    assert book.contacts.get(c["wang"].id).reports_to is None  # rolled back
    with pytest.raises(ValidationErrors):
        book.contacts.update(replace(c["wang"], reports_to=c["wang"].id))
    other = book.customers.add(Customer(name="Other")).record
    stranger = book.contacts.add(Contact(customer_id=other.id, name="外人")).record
    with pytest.raises(ValidationErrors):
        book.contacts.update(replace(c["chen"], reports_to=stranger.id))
    # Moving 陈工 under 赵工 (a sibling) is fine.
    moved = book.contacts.update(replace(c["chen"], reports_to=c["zhao"].id)).record
    assert moved.reports_to == c["zhao"].id
    assert below(c["liu"].id, book.contacts.of_customer(customer.id)) == {
        c["zhao"].id, c["chen"].id}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=-1, max_value=7), min_size=1, max_size=8),
       st.integers(min_value=0, max_value=7), st.integers(min_value=-1, max_value=7))
def test_no_accepted_boss_ever_makes_a_cycle(bosses: list[int], who: int, new: int) -> None:
    """Bosses chosen at random (a cycle among them refused as they are set one by one): any
    new boss check_reports_to accepts leaves a chart whose every contact is placed once."""
    people = [Contact(customer_id="x", name=f"P{n}") for n in range(len(bosses))]
    for index, boss in enumerate(bosses):
        if 0 <= boss < len(people):
            candidate = replace(people[index], reports_to=people[boss].id)
            try:
                check_reports_to(candidate, people)
            except ValidationError:
                continue
            people[index] = candidate
    if who >= len(people):
        return
    candidate = replace(people[who], reports_to=people[new].id if 0 <= new < len(people)
                        else None)
    try:
        check_reports_to(candidate, people)
    except ValidationError:
        return
    people[who] = candidate
    nodes = walk(org_chart(people))
    assert sorted(n.contact.id for n in nodes) == sorted(p.id for p in people)
    for node in nodes:
        for child in node.children:
            assert child.depth == node.depth + 1


def test_a_level_change_needs_a_reason_and_is_kept(book: Book) -> None:
    new = Customer(name="Beta", relationship_level=RelationshipLevel.DEPENDENT)
    saved = book.relationships.save_customer(new, new=True, by="李雷", on=date(2026, 1, 5))
    customer = saved.record
    assert "relationship_levels" in saved.changes.tables
    moved = replace(customer, relationship_level=RelationshipLevel.PARTNERSHIP)
    with pytest.raises(ValidationErrors) as raised:
        book.relationships.save_customer(moved)
    assert raised.value.errors[0].field == "relationship_level_reason"
    assert book.customers.get(customer.id).relationship_level is RelationshipLevel.DEPENDENT
    book.relationships.save_customer(moved, reason="联合规划，共享市场信息", by="李雷",
                                     on=date(2026, 5, 20))
    # A save that leaves the level alone records nothing.
    again = book.customers.get(customer.id)
    plain = book.relationships.save_customer(replace(again, notes="x"))
    assert "relationship_levels" not in plain.changes.tables
    history = book.relationships.levels(customer.id)
    assert [(h.level, h.changed_on, h.reason, h.changed_by) for h in history] == [
        (RelationshipLevel.DEPENDENT, date(2026, 1, 5), "", "李雷"),
        (RelationshipLevel.PARTNERSHIP, date(2026, 5, 20), "联合规划，共享市场信息", "李雷")]
    spans = book.relationships.map(customer.id).levels
    assert [(s.level, s.start, s.end) for s in spans] == [
        (RelationshipLevel.DEPENDENT, date(2026, 1, 5), date(2026, 5, 20)),
        (RelationshipLevel.PARTNERSHIP, date(2026, 5, 20), None)]


def test_level_spans_without_history_or_out_of_step() -> None:
    assert [(s.level, s.start) for s in level_spans([], RelationshipLevel.TRANSACTIONAL)] == [
        (RelationshipLevel.TRANSACTIONAL, None)]
    once = LevelChange(customer_id="x", level=RelationshipLevel.DEPENDENT,
                       changed_on=date(2026, 1, 1))
    spans = level_spans([once], RelationshipLevel.GROWTH_PARTNERSHIP)
    assert [(s.level, s.start, s.end) for s in spans] == [
        (RelationshipLevel.DEPENDENT, date(2026, 1, 1), None),
        (RelationshipLevel.GROWTH_PARTNERSHIP, None, None)]


def test_the_history_and_the_map_travel_to_a_team_member(tmp_path: Path) -> None:
    team = Team(tmp_path, 2)
    try:
        a, b = team.books
        customer, c = _account(a)
        a.relationships.set_level(customer.id, RelationshipLevel.PARTNERSHIP,
                                  reason="季度联合规划", by="李雷", on=date(2026, 3, 1))
        team.sync()
        (change,) = b.relationships.levels(customer.id)
        assert (change.level, change.reason, change.changed_by) == (
            RelationshipLevel.PARTNERSHIP, "季度联合规划", "李雷")
        assert b.customers.get(customer.id).relationship_level is RelationshipLevel.PARTNERSHIP
        assert b.contacts.get(c["zhao"].id).reports_to == c["liu"].id
        assert b.contacts.get(c["wang"].id).covered_by == "李雷"
        assert [n.contact.name for n in walk(b.relationships.map(customer.id).roots)] == [
            "王总", "刘经理", "赵工", "陈工"]
    finally:
        team.close()
