"""Playbooks (issue 19, point 2): which one a customer's tier and level propose, the plan one
makes (objectives, targets, actions and their dates worked out by hand), a first plan's
complaints first, editing, copying, resetting and deleting, the JSON file and team sync."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.entities import Customer, Need, Transaction
from models.enums import (
    LifecycleStage,
    NeedKind,
    NeedStatus,
    ObjectiveKind,
    RelationshipLevel,
    SupportKind,
    Tier,
)
from models.playbook_builtin import builtins
from models.playbooks import (
    OWNERS,
    Playbook,
    PlaybookAction,
    PlaybookMeasure,
    PlaybookObjective,
    PlaybookSteps,
    builtin_id,
    propose,
)
from models.validation import ValidationErrors
from storage.book import Book
from storage.book.playbooks import NoSuchPlaybookError, PlaybookFileError
from tests.test_sync_merge import Team

L = RelationshipLevel
#: tier -> the built-in proposed at each level 1..4 (None: a customer not scored yet).
EXPECTED: dict[Tier | None, tuple[str | None, ...]] = {
    Tier.STRATEGIC: ("transactional_to_dependent", "dependent_to_partnership",
                     "partnership_to_growth", "strategic_retention"),
    Tier.KEY: ("transactional_to_dependent", "dependent_to_partnership",
               "partnership_to_growth", "strategic_retention"),
    Tier.STANDARD: ("transactional_to_dependent", "standard_grow", "standard_grow",
                    "strategic_retention"),
    Tier.LOW_VALUE: ("low_value_cost_to_serve",) * 4,
    None: (None, None, None, None),
}


@pytest.fixture
def book() -> Iterator[Book]:
    with Book(":memory:") as made:
        yield made


@pytest.mark.parametrize("tier", list(EXPECTED))
@pytest.mark.parametrize("level", list(L))
def test_the_proposal_for_each_tier_and_level(tier: Tier | None, level: L) -> None:
    for lang in ("en", "zh_CN"):
        chosen = propose(builtins(lang), tier, level, LifecycleStage.ACTIVE)
        assert (chosen.builtin_key if chosen else None) == EXPECTED[tier][level - 1]
        # a new customer is onboarded whatever its tier and level
        onboarding = propose(builtins(lang), tier, level, LifecycleStage.NEW)
        assert onboarding is not None and onboarding.builtin_key == "onboarding"


def test_the_book_proposes_from_the_customer_and_the_users_own_win_a_tie(book: Book) -> None:
    customer = book.customers.add(Customer(
        name="华东机械", tier_override=Tier.KEY, tier_override_reason="合同",
        relationship_level=L.DEPENDENT)).record
    proposed = book.playbooks.propose(customer.id, "zh_CN")
    assert proposed is not None and proposed.name == "依赖型 → 合作共赢：拓宽关系、共享信息"
    # one of the user's own that fits better (the tier and the level: 3 against 3, and a
    # lifecycle stage it does not name): the built-in came first, so it stays proposed
    mine = book.playbooks.save(Playbook(name="Key, dependent", tiers=("key",),
                                        from_level=2)).record
    proposed = book.playbooks.propose(customer.id, "en")
    assert proposed is not None and proposed.builtin_key == "dependent_to_partnership"
    book.playbooks.save(replace(mine, lifecycle="active"))  # no stage stored: no fit
    proposed = book.playbooks.propose(customer.id, "en")
    assert proposed is not None and proposed.builtin_key == "dependent_to_partnership"


def _customer_with_sales(book: Book) -> Customer:
    customer = book.customers.add(Customer(
        name="Northwind", owner="王伟", relationship_level=L.DEPENDENT)).record
    for day, amount in ((date(2025, 12, 31), 999_999.0),  # before the 12 months
                        (date(2026, 1, 1), 120_000.0), (date(2026, 12, 31), 80_000.0),
                        (date(2027, 1, 1), 555_555.0)):  # the plan's own period
        book.transactions.add(Transaction(customer_id=customer.id, date=day, amount=amount))
    return customer


def test_a_plan_from_a_playbook_by_hand(book: Book) -> None:
    customer = _customer_with_sales(book)
    playbook = book.playbooks.find("dependent_to_partnership", "en")
    plan = book.plans.create(customer.id, "2027-H1", carry_over=False, playbook=playbook,
                             me="李娜").record
    # revenue of 2026-01-01 .. 2026-12-31: 200,000; +15 % = 230,000
    assert [(o.kind, o.target_value, o.baseline_value) for o in plan.objectives] == [
        (ObjectiveKind.FREE_TEXT, None, None), (ObjectiveKind.SHARE_OF_WALLET, 40.0, None),
        (ObjectiveKind.REVENUE, 230_000.0, 200_000.0)]
    assert plan.objectives[0].description == \
        "Contacts beyond purchasing: management, technical, users"
    # offsets 21, 45, 60 and 90 days from 2027-01-01; "me" is 李娜, the rest the owner
    assert [(a.due_date, a.owner) for a in plan.actions] == [
        (date(2027, 1, 22), "李娜"), (date(2027, 2, 15), "王伟"), (date(2027, 3, 2), "王伟"),
        (date(2027, 4, 1), "李娜")]
    assert [(m.kind, m.rate_percent) for m in plan.support_measures] == [
        (SupportKind.REBATE, 3.0), (SupportKind.PRIORITY_SERVICE, None)]
    assert (plan.current_level, plan.target_level, plan.review_cadence_days) == \
        (L.DEPENDENT, L.PARTNERSHIP, 60)
    assert plan.situation.startswith("A dependent relationship breaks")
    stored = book.plans.get(plan.id)
    assert [a.what for a in stored.actions] == [a.what for a in plan.actions]
    # no one is "me": the owner takes those actions too; Chinese words in a Chinese book
    other = book.plans.create(customer.id, "2027-H2", carry_over=False,
                              playbook=book.playbooks.find("dependent_to_partnership",
                                                           "zh_CN")).record
    assert {a.owner for a in other.actions} == {"王伟"}
    assert other.actions[0].what == "会见客户管理层：提高沟通层级"
    assert other.actions[0].due_date == date(2027, 7, 22)


def test_a_first_plan_opens_with_complaints_then_needs(book: Book) -> None:
    customer = _customer_with_sales(book)
    add = book.needs.add
    need = add(Need(customer_id=customer.id, kind=NeedKind.REQUIREMENT,
                    description="Faster  delivery", raised_on=date(2026, 10, 1))).record
    late = add(Need(customer_id=customer.id, kind=NeedKind.COMPLAINT,
                    description="交货延误", raised_on=date(2026, 11, 5))).record
    early = add(Need(customer_id=customer.id, kind=NeedKind.COMPLAINT,
                     description="发票错误", raised_on=date(2026, 9, 1))).record
    add(Need(customer_id=customer.id, kind=NeedKind.COMPLAINT, description="Solved",
             status=NeedStatus.MET, raised_on=date(2026, 8, 1)))
    add(Need(customer_id=customer.id, kind=NeedKind.SUGGESTION, description="Idea",
             raised_on=date(2026, 8, 1)))
    plan = book.plans.create(customer.id, "2027", carry_over=False, lang="zh_CN").record
    assert [o.description for o in plan.objectives] == [
        "解决投诉：发票错误", "解决投诉：交货延误", "满足需求：Faster delivery"]
    assert plan.need_ids == (early.id, late.id, need.id)
    # with a playbook too, ahead of its objectives; the second plan takes none
    book.plans.delete(plan.id)
    templated = book.plans.create(customer.id, "2027", carry_over=False,
                                  playbook=book.playbooks.find("onboarding", "en")).record
    assert [o.description for o in templated.objectives][:4] == [
        "Resolve the complaint: 发票错误", "Resolve the complaint: 交货延误",
        "Meet the need: Faster delivery",
        "Build the customer's file: needs, decision makers, payment terms"]
    second = book.plans.create(customer.id, "2028", carry_over=False).record
    assert second.objectives == [] and second.need_ids == ()


def test_edit_copy_reset_and_delete(book: Book) -> None:
    shipped = book.playbooks.find("low_value_cost_to_serve", "en")
    edited = book.playbooks.save(replace(shipped, review_cadence_days=120)).record
    assert edited.id == builtin_id("low_value_cost_to_serve")
    assert book.playbooks.is_edited("low_value_cost_to_serve")
    # the edit is what every language lists now
    assert book.playbooks.find("低价值客户：控制服务成本", "zh_CN").review_cadence_days == 120
    copy = book.playbooks.copy(edited, "Cheap to serve").record
    assert not copy.builtin_key and copy.body == edited.body
    done = book.playbooks.reset("low_value_cost_to_serve")
    assert done is not None and "playbooks" in done.changes.tables
    assert book.playbooks.find("low_value_cost_to_serve", "en").review_cadence_days == 180
    assert book.playbooks.reset("low_value_cost_to_serve") is None
    # edited again after a reset: the same record comes back
    again = book.playbooks.save(replace(shipped, summary="x")).record
    assert again.id == edited.id and again.summary == "x"
    with pytest.raises(ValidationErrors):
        book.playbooks.delete(again.id)
    book.playbooks.delete(copy.id)
    with pytest.raises(NoSuchPlaybookError):
        book.playbooks.find("Cheap to serve", "en")
    with pytest.raises(ValidationErrors):
        book.playbooks.save(Playbook(name="", from_level=3, target_level=2))


_words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                 max_size=30).filter(lambda s: s.strip() == s and s)
_objective = st.one_of(
    st.builds(PlaybookObjective, st.just(ObjectiveKind.FREE_TEXT), _words, st.none()),
    st.builds(PlaybookObjective,
              st.sampled_from([k for k in ObjectiveKind if k != ObjectiveKind.FREE_TEXT]),
              _words, st.integers(0, 100).map(float)))
_steps = st.builds(
    PlaybookSteps, st.lists(_objective, max_size=4).map(tuple),
    st.lists(st.builds(PlaybookMeasure, st.sampled_from(SupportKind), _words,
                       st.one_of(st.none(), st.integers(0, 100).map(float))),
             max_size=3).map(tuple),
    st.lists(st.builds(PlaybookAction, _words, st.integers(0, 3_660), st.sampled_from(OWNERS)),
             max_size=4).map(tuple))
_playbook = st.builds(
    lambda name, tiers, level, up, cadence, summary, steps: Playbook(
        name=name, tiers=tuple(t.value for t in Tier if t in tiers), from_level=level,
        target_level=None if level is None else min(4, level + up),
        review_cadence_days=cadence, summary=summary, body=steps.to_json()),
    _words, st.sets(st.sampled_from(Tier)), st.one_of(st.none(), st.integers(1, 4)),
    st.integers(0, 3), st.integers(7, 366), _words, _steps)


@settings(max_examples=25, deadline=None)
@given(st.lists(_playbook, max_size=4, unique_by=lambda p: p.name.casefold()))
def test_the_json_file_round_trips(made: list[Playbook]) -> None:
    with Book(":memory:") as source, Book(":memory:") as target:
        for playbook in made:
            source.playbooks.save(playbook)
        text = source.playbooks.export_json("en")
        result = target.playbooks.import_json(text)
        assert (result.added, result.updated) == (len(made), 0)
        assert [_portable(p) for p in target.playbooks.list("en")] == \
            [_portable(p) for p in source.playbooks.list("en")]
        again = target.playbooks.import_json(text)  # the same file again: updates, no copies
        assert again.added == 0 and again.updated == len(made)
        assert len(target.playbooks.list("en")) == len(source.playbooks.list("en"))


def _portable(playbook: Playbook) -> tuple[object, ...]:
    return (playbook.name, playbook.builtin_key, playbook.tiers, playbook.from_level,
            playbook.target_level, playbook.review_cadence_days, playbook.summary,
            playbook.steps)


def test_a_built_ins_edit_travels_in_the_file(book: Book) -> None:
    edited = replace(book.playbooks.find("onboarding", "en"), name="Onboarding, our way")
    book.playbooks.save(edited)
    with Book(":memory:") as other:
        result = other.playbooks.import_json(book.playbooks.export_json("en", ("onboarding",)))
        assert (result.added, result.updated) == (1, 0)
        assert other.playbooks.find("onboarding", "zh_CN").name == "Onboarding, our way"


@pytest.mark.parametrize("text", ["", "[]", '{"format": "other"}',
                                  '{"format": "keyplan-playbooks", "playbooks": [1]}'])
def test_a_file_that_is_not_playbooks_is_refused(book: Book, text: str) -> None:
    with pytest.raises(PlaybookFileError):
        book.playbooks.import_json(text, file="x.json")
    assert book.reader.scalar("SELECT count(*) FROM playbooks") == 0


def test_a_bad_playbook_in_a_file_writes_none(book: Book) -> None:
    good = json.loads(book.playbooks.export_json("en", ("onboarding",)))["playbooks"][0]
    bad = dict(good, name="Bad", builtin_key="", actions=[{"what": "x", "offset_days": -1}])
    text = json.dumps({"format": "keyplan-playbooks", "playbooks": [good, bad]})
    with pytest.raises(ValidationErrors):
        book.playbooks.import_json(text)
    assert book.reader.scalar("SELECT count(*) FROM playbooks") == 0


def test_playbooks_travel_by_team_sync(tmp_path: Path) -> None:
    team = Team(tmp_path, 2)
    try:
        a, b = team.books
        mine = a.playbooks.save(Playbook(name="华南经销商", tiers=("key",), from_level=1,
                                         body=PlaybookSteps(actions=(PlaybookAction(
                                             "拜访", 10, "me"),)).to_json())).record
        a.playbooks.save(replace(a.playbooks.find("onboarding", "en"), review_cadence_days=45))
        team.sync()
        got = b.playbooks.find("华南经销商", "zh_CN")
        assert got.id == mine.id and got.steps == mine.steps
        assert b.playbooks.find("onboarding", "en").review_cadence_days == 45
        b.playbooks.reset("onboarding")
        team.sync()
        assert a.playbooks.find("onboarding", "en").review_cadence_days == 30
    finally:
        team.close()
