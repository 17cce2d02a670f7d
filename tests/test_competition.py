"""Competition and SWOT (issue 19, point 3): the competitor's checks and the shares' rule
(hypothesis), share of wallet worked out by hand, the ranking, a plan's SWOT saved, reordered
and trimmed in one transaction, and both tables travelling by team sync."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.competition import (
    Competitor,
    SwotItem,
    SwotQuadrant,
    ThreatLevel,
    by_quadrant,
    check_shares,
    main_competitor,
    ranked,
    wallet,
)
from models.entities import Customer, Need, Transaction
from models.enums import NeedKind
from models.validation import ValidationErrors
from storage.book import Book
from tests.test_sync_merge import Team

shares = st.one_of(st.none(), st.floats(min_value=-50, max_value=150, allow_nan=False))


@pytest.fixture
def book() -> Iterator[Book]:
    with Book(":memory:") as made:
        yield made


@given(share=st.one_of(st.none(), st.floats(allow_nan=True), st.text(max_size=5)))
def test_a_share_is_a_percent_or_nothing(share: object) -> None:
    competitor = Competitor(customer_id="c", name="海天", share_percent=share)  # type: ignore[arg-type]
    try:
        cleaned = competitor.validated().share_percent
    except ValidationErrors as errors:
        assert set(errors.by_field()) == {"share_percent"}
        return
    assert cleaned is None or 0 <= cleaned <= 100
    if isinstance(share, float):
        assert cleaned == share


@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), max_size=6))
def test_shares_together_at_most_100(values: list[float]) -> None:
    competitors = [Competitor(customer_id="c", name=f"n{i}", share_percent=v)
                   for i, v in enumerate(values)]
    if sum(values) > 100.005:
        with pytest.raises(ValidationErrors) as caught:
            check_shares(competitors)
        assert "share_percent" in caught.value.by_field()
    else:
        check_shares(competitors)
        ours = wallet(competitors, 1000.0).our_percent
        if values:
            assert ours is not None and 0 <= ours <= 100
            assert ours + sum(values) == pytest.approx(100, abs=0.02)


def test_a_deleted_competitor_does_not_count() -> None:
    check_shares([Competitor(customer_id="c", name="a", share_percent=80),
                  Competitor(customer_id="c", name="b", share_percent=80, deleted_at="x")])


def test_wrong_fields_are_all_reported() -> None:
    with pytest.raises(ValidationErrors) as caught:
        Competitor.parse({"customer_id": "c", "name": " ", "share_percent": "abc",
                          "threat": "huge", "reviewed_on": "31/31/2026"})
    assert set(caught.value.by_field()) == {"name", "share_percent", "threat", "reviewed_on"}


def test_share_of_wallet_by_hand() -> None:
    competitors = [Competitor(customer_id="c", name="A", share_percent=25.0),
                   Competitor(customer_id="c", name="B", share_percent=15.0),
                   Competitor(customer_id="c", name="C")]  # share unknown
    got = wallet(competitors, 300_000.0)
    # theirs 25 + 15 = 40; ours 100 - 40 = 60; total 300,000 / 0.60 = 500,000
    assert (got.competitors_percent, got.our_percent, got.total_spend) == (40.0, 60.0,
                                                                           500_000.0)
    assert wallet([Competitor(customer_id="c", name="C")], 300_000.0).our_percent is None
    # they take it all: ours 0, and no total can be worked out from it
    full = wallet([Competitor(customer_id="c", name="A", share_percent=100.0)], 5.0)
    assert (full.our_percent, full.total_spend) == (0.0, None)


def test_ranked_by_threat_then_share_then_name() -> None:
    made = [Competitor(customer_id="c", name=n, threat=t, share_percent=s)
            for n, t, s in (("乙", ThreatLevel.LOW, 50.0), ("甲", ThreatLevel.HIGH, 5.0),
                            ("丙", ThreatLevel.HIGH, 20.0), ("丁", ThreatLevel.MEDIUM, None))]
    assert [c.name for c in ranked(made)] == ["丙", "甲", "丁", "乙"]
    assert main_competitor(made) is not None and main_competitor(made).name == "丙"  # type: ignore[union-attr]
    assert main_competitor([]) is None


def test_the_book_keeps_competitors_and_works_out_the_wallet(book: Book) -> None:
    customer = book.customers.add(Customer(name="华南食品")).record
    today = date.today()
    book.transactions.add(Transaction(customer_id=customer.id, date=today, amount=120_000.0))
    book.scoring.rescore(today)
    first = book.competition.save(Competitor(
        customer_id=customer.id, name="海天贸易", products="酱油, 蚝油", share_percent=30,
        threat=ThreatLevel.HIGH, reviewed_on=today))
    assert first.changes.tables >= {"competitors", "change_log"}
    assert first.changes.customer_ids == frozenset({customer.id})
    book.competition.save(Competitor(customer_id=customer.id, name="李锦记", share_percent=10,
                                     threat=ThreatLevel.LOW))
    with pytest.raises(ValidationErrors):
        book.competition.save(Competitor(customer_id=customer.id, name="X",
                                         share_percent=61))
    # editing one's share is checked against the others only
    book.competition.save(replace(first.record, share_percent=90))
    position = book.competition.position(customer.id)
    assert [c.name for c in position.competitors] == ["海天贸易", "李锦记"]
    # ours: 100 - 90 - 10 = 0
    assert position.wallet.our_percent == 0.0
    haitian = book.competition.find(customer.id, " 海天贸易 ")
    assert haitian is not None
    book.competition.save(replace(haitian, share_percent=30))
    position = book.competition.position(customer.id)
    # ours 60 %; total 120,000 / 0.6 = 200,000
    assert (position.wallet.our_percent, position.wallet.total_spend) == (60.0, 200_000.0)
    done = book.competition.remove(position.competitors[1].id)
    assert [c.name for c in book.competition.competitors(customer.id)] == ["海天贸易"]
    book.records.undo(done.change_id)
    assert len(book.competition.competitors(customer.id)) == 2
    assert book.competition.portfolio()[customer.id].main_competitor == "海天贸易"
    assert book.competition.portfolio()[customer.id].our_percent == 60.0


def test_a_plans_swot_is_saved_whole(book: Book) -> None:
    customer = book.customers.add(Customer(name="北方连锁")).record
    plan = book.plans.create(customer.id, "2027", carry_over=False).record
    rival = book.competition.save(Competitor(customer_id=customer.id, name="对手")).record
    need = book.needs.add(Need(customer_id=customer.id, kind=NeedKind.REQUIREMENT,
                                description="缩短交期")).record
    items = [SwotItem(plan_id="", quadrant=SwotQuadrant.STRENGTHS, text="交货准时"),
             SwotItem(plan_id="", quadrant=SwotQuadrant.THREATS, text="对手降价",
                      competitor_id=rival.id),
             SwotItem(plan_id="", quadrant=SwotQuadrant.OPPORTUNITIES, text="新仓库",
                      need_id=need.id),
             SwotItem(plan_id="", quadrant=SwotQuadrant.STRENGTHS, text="服务好")]
    saved = book.competition.save_swot(plan.id, items)
    assert saved.changes.customer_ids == frozenset({customer.id})
    boxes = by_quadrant(saved.items)
    assert [i.text for i in boxes[SwotQuadrant.STRENGTHS]] == ["交货准时", "服务好"]
    assert boxes[SwotQuadrant.THREATS][0].competitor_id == rival.id
    assert boxes[SwotQuadrant.WEAKNESSES] == []
    # reorder the strengths, drop the threat, add a weakness
    kept = {i.text: i for i in saved.items}
    again = book.competition.save_swot(plan.id, [
        kept["服务好"], kept["交货准时"], kept["新仓库"],
        SwotItem(plan_id="", quadrant=SwotQuadrant.WEAKNESSES, text="价格高")])
    boxes = by_quadrant(again.items)
    assert [i.text for i in boxes[SwotQuadrant.STRENGTHS]] == ["服务好", "交货准时"]
    assert [i.text for i in boxes[SwotQuadrant.WEAKNESSES]] == ["价格高"]
    assert boxes[SwotQuadrant.THREATS] == []
    assert book.reader.scalar(
        "SELECT count(*) FROM swot_items WHERE deleted_at IS NOT NULL") == 1
    with pytest.raises(ValidationErrors):
        book.competition.save_swot(plan.id, [SwotItem(plan_id="", quadrant="x", text="")])  # type: ignore[arg-type]
    assert len(book.competition.swot(plan.id)) == 4


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(SwotQuadrant)),
                          st.text(alphabet="优势机会威胁ab ", min_size=1, max_size=8)
                          .filter(str.strip)), max_size=8))
def test_a_swot_reads_back_as_saved(entries: list[tuple[SwotQuadrant, str]]) -> None:
    with Book(":memory:") as book:
        customer = book.customers.add(Customer(name="甲")).record
        plan = book.plans.create(customer.id, "2027", carry_over=False).record
        saved = book.competition.save_swot(plan.id, [
            SwotItem(plan_id="", quadrant=q, text=t) for q, t in entries])
        boxes = by_quadrant(saved.items)
        for quadrant in SwotQuadrant:
            assert [i.text for i in boxes[quadrant]] == [
                t.strip() for q, t in entries if q is quadrant]


def test_competitors_and_swot_travel_by_team_sync(tmp_path: Path) -> None:
    team = Team(tmp_path, 2)
    try:
        a, b = team.books
        customer = a.customers.add(Customer(name="东方超市", code="E1")).record
        plan = a.plans.create(customer.id, "2027", carry_over=False).record
        rival = a.competition.save(Competitor(customer_id=customer.id, name="永辉供应链",
                                              share_percent=35, threat=ThreatLevel.HIGH,
                                              strengths="价格低")).record
        a.competition.save_swot(plan.id, [SwotItem(plan_id="", quadrant=SwotQuadrant.THREATS,
                                                   text="对手价格低", competitor_id=rival.id)])
        team.sync()
        got = b.competition.competitors(customer.id)
        assert [(c.id, c.name, c.share_percent, c.threat, c.strengths) for c in got] == [
            (rival.id, "永辉供应链", 35.0, ThreatLevel.HIGH, "价格低")]
        assert [(i.text, i.competitor_id) for i in b.competition.swot(plan.id)] == [
            ("对手价格低", rival.id)]
        b.competition.remove(rival.id)
        team.sync()
        assert a.competition.competitors(customer.id) == []
    finally:
        team.close()
