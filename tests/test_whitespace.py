"""Whitespace (issue 19, point 4): a small book's grid, peers and suggestions worked out by
hand, the pure functions on their own, and the grid of a customer against its sales on the
demo book (a property: every line's status agrees with the raw rows)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import whitespace as ws
from models.entities import Customer, Transaction
from models.enums import CustomerKind, LineStatus, Tier
from storage.book import Book

AS_OF = date(2026, 6, 30)  # the window: 2025-07-01 .. 2026-06-30


def _customer(book: Book, name: str, tier: Tier,
              kind: CustomerKind = CustomerKind.ORGANISATION) -> Customer:
    return book.customers.add(Customer(name=name, kind=kind, tier_override=tier,
                                       tier_override_reason="set for the test")).record


def _sale(book: Book, customer: Customer, product: str, day: str, amount: float) -> None:
    book.transactions.add(Transaction(customer_id=customer.id, date=date.fromisoformat(day),
                                      amount=amount, product=product))


def build_small(path: Path) -> tuple[Book, dict[str, Customer]]:
    """Six key organisations K1-K6, a key individual I1, a standard organisation S1."""
    book = Book(path, new_book=True)
    c = {name: _customer(book, name, Tier.KEY) for name in ("K1", "K2", "K3", "K4", "K5", "K6")}
    c["I1"] = _customer(book, "I1", Tier.KEY, CustomerKind.INDIVIDUAL)
    c["S1"] = _customer(book, "S1", Tier.STANDARD)
    _sale(book, c["K1"], "Parts", "2026-01-10", 100)
    _sale(book, c["K1"], "Service", "2024-05-01", 50)  # before the window: lapsed
    _sale(book, c["K1"], "Units", "2026-07-05", 900)  # after the day: not counted
    _sale(book, c["K2"], "Parts", "2026-02-01", 200)
    _sale(book, c["K2"], "Units", "2025-07-01", 1000)  # the window's first day
    _sale(book, c["K2"], "Service", "2026-03-01", 300)
    _sale(book, c["K2"], "Training", "2026-02-02", 70)  # one buyer only: never suggested
    _sale(book, c["K3"], "Units", "2026-05-01", 3000)
    _sale(book, c["K3"], "Service", "2025-06-30", 100)  # a year back exactly: lapsed
    _sale(book, c["K4"], "Units", "2026-01-01", 2000)
    _sale(book, c["K4"], "Service", "2026-01-02", 500)
    _sale(book, c["K4"], "Service", "2026-04-01", 100)  # one line: 600
    _sale(book, c["K5"], " Parts ", "2026-03-03", 40)  # spaces around: still Parts
    _sale(book, c["K6"], "", "2026-01-05", 5)  # no product: no line (but scored, as key)
    _sale(book, c["I1"], "Units", "2026-01-01", 500)
    _sale(book, c["S1"], "Parts", "2026-01-01", 10)
    book.scoring.rescore(AS_OF)
    return book, c


@pytest.fixture
def small(tmp_path: Path) -> Iterator[tuple[Book, dict[str, Customer]]]:
    book, c = build_small(tmp_path / "small.db")
    try:
        yield book, c
    finally:
        book.close()


def _suggested(grid: ws.WhitespaceGrid) -> list[tuple[str, int, int, float, float]]:
    return [(s.line, s.peers, s.buyers, s.median_revenue, round(s.score, 2))
            for s in grid.suggestions]


def test_grid_of_a_key_organisation_by_hand(small: tuple[Book, dict[str, Customer]]) -> None:
    book, c = small
    grid = book.whitespace.grid(c["K1"].id, AS_OF)
    assert (grid.basis, grid.peers, grid.tier, grid.kind) == ("tier_kind", 5, "key",
                                                              "organisation")
    assert [(x.line, x.status, x.revenue_12m) for x in grid.lines] == [
        ("Parts", LineStatus.BOUGHT, 100.0),
        ("Service", LineStatus.LAPSED, 0.0),
        ("Training", LineStatus.NOT_BOUGHT, 0.0),
        ("Units", LineStatus.NOT_BOUGHT, 0.0)]
    assert grid.lines[1].last_bought == date(2024, 5, 1)
    # Units: K2 1000, K3 3000, K4 2000 of 5 peers -> 3/5 × median 2000 = 1200.
    # Service: K2 300, K4 600 (K3's is a year old) -> 2/5 × 450 = 180. Training: one buyer.
    assert _suggested(grid) == [("Units", 5, 3, 2000.0, 1200.0),
                                ("Service", 5, 2, 450.0, 180.0)]
    units, service = grid.suggestions
    assert service.status is LineStatus.LAPSED
    # In the whole book (8 customers) Units is bought by 4, Service by 2.
    assert units.lift == pytest.approx(0.6 / 0.5)
    assert service.lift == pytest.approx(0.4 / 0.25)


def test_a_customer_with_few_peers_of_its_kind_takes_its_tier(
        small: tuple[Book, dict[str, Customer]]) -> None:
    book, c = small
    grid = book.whitespace.grid(c["I1"].id, AS_OF)
    assert (grid.basis, grid.peers) == ("tier", 6)
    # Service: K2 300, K4 600 of K1..K6 -> 2/6 × 450 = 150; Parts: K1 100, K2 200, K5 40
    # -> 3/6 × 100 = 50.
    assert _suggested(grid) == [("Service", 6, 2, 450.0, 150.0), ("Parts", 6, 3, 100.0, 50.0)]


def test_a_customer_alone_in_its_tier_takes_the_book(
        small: tuple[Book, dict[str, Customer]]) -> None:
    book, c = small
    grid = book.whitespace.grid(c["S1"].id, AS_OF)
    assert (grid.basis, grid.peers) == ("book", 7)
    # Units: K2 1000, K3 3000, K4 2000, I1 500 -> 4/7 × median 1500.
    assert _suggested(grid) == [("Units", 7, 4, 1500.0, round(4 / 7 * 1500, 2)),
                                ("Service", 7, 2, 450.0, round(2 / 7 * 450, 2))]


def test_a_customer_that_buys_nothing_is_offered_everything_its_peers_buy(
        small: tuple[Book, dict[str, Customer]]) -> None:
    book, c = small
    grid = book.whitespace.grid(c["K6"].id, AS_OF)
    assert all(x.status is LineStatus.NOT_BOUGHT for x in grid.lines)
    # Parts: K1 100, K2 200, K5 40 -> 3/5 × 100 = 60.
    assert _suggested(grid) == [("Units", 5, 3, 2000.0, 1200.0),
                                ("Service", 5, 2, 450.0, 180.0),
                                ("Parts", 5, 3, 100.0, 60.0)]


def test_the_grid_reads_again_once_the_book_changed(
        small: tuple[Book, dict[str, Customer]]) -> None:
    book, c = small
    assert book.whitespace.grid(c["K1"].id, AS_OF).status("Units") is LineStatus.NOT_BOUGHT
    _sale(book, c["K1"], "Units", "2026-06-01", 10)
    _sale(book, c["K6"], "Training", "2026-06-01", 10)  # Training now has two buyers
    grid = book.whitespace.grid(c["K1"].id, AS_OF)
    assert grid.status("Units") is LineStatus.BOUGHT
    assert [s.line for s in grid.suggestions] == ["Service", "Training"]


def test_portfolio_groups_and_best_suggestion_per_customer(
        small: tuple[Book, dict[str, Customer]]) -> None:
    book, c = small
    found = book.whitespace.portfolio(AS_OF)
    groups = {(t, k, s.line): (s.peers, s.buyers, s.median_revenue, open_)
              for t, k, s, open_ in found.groups}
    assert groups[("key", "organisation", "Units")] == (6, 3, 2000.0, 3)
    assert groups[("key", "organisation", "Service")] == (6, 2, 450.0, 4)
    assert groups[("standard", "organisation", "Units")] == (1, 0, 0.0, 1)
    best = {o.customer_id: (o.suggestion.line, round(o.suggestion.score, 2))
            for o in found.top}
    # K1 and K6 lack Units (3/5 × 2000); K5 too. K2 buys every line but Training (1 buyer).
    assert best[c["K1"].id] == ("Units", 1200.0)
    assert best[c["K6"].id] == ("Units", 1200.0)
    assert c["K2"].id not in best
    assert best[c["I1"].id] == ("Service", 150.0)
    assert best[c["S1"].id] == ("Units", round(4 / 7 * 1500, 2))
    # By score, then the customer's revenue in the lines it buys (K1 100, K5 40, K6 none);
    # K3 lacks Service (2/5 × 450), K4 Parts (3/5 × 100).
    assert [(o.customer_id, o.suggestion.line) for o in found.top] == [
        (c["K1"].id, "Units"), (c["K5"].id, "Units"), (c["K6"].id, "Units"),
        (c["S1"].id, "Units"), (c["K3"].id, "Service"), (c["I1"].id, "Service"),
        (c["K4"].id, "Parts")]


def test_an_unknown_customer_is_not_found(small: tuple[Book, dict[str, Customer]]) -> None:
    from storage.errors import RecordNotFoundError

    book, _ = small
    with pytest.raises(RecordNotFoundError):
        book.whitespace.grid("no-such-id", AS_OF)


_lines = st.sampled_from(["A", "B", "C", " A", "D "])
_days = st.integers(min_value=-900, max_value=30).map(lambda d: AS_OF + timedelta(days=d))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_lines, _days, st.floats(min_value=0.01, max_value=1e6)),
                max_size=25))
def test_customer_lines_agree_with_the_rows(sales: list[tuple[str, date, float]]) -> None:
    lines = {x.line: x for x in ws.customer_lines(sales, ["A", "B", "C", "D", "E"], AS_OF)}
    start = ws.window_start(AS_OF)
    for line in ("A", "B", "C", "D", "E"):
        mine = [(d, a) for p, d, a in sales if p.strip() == line and d <= AS_OF]
        recent = sum(a for d, a in mine if d > start)
        expected = (LineStatus.BOUGHT if any(d > start for d, _ in mine) else
                    LineStatus.LAPSED if mine else LineStatus.NOT_BOUGHT)
        assert lines[line].status is expected
        assert lines[line].revenue_12m == pytest.approx(recent)
        assert lines[line].last_bought == max((d for d, _ in mine), default=None)


def test_line_stats_leave_the_customer_out() -> None:
    group = ws.GroupRevenue(members=4, revenue={"A": [10.0, 30.0, 50.0], "B": [5.0]})
    stats = ws.line_stats(group, leave_out={"A": 30.0})
    assert (stats["A"].peers, stats["A"].buyers, stats["A"].median_revenue) == (3, 2, 30.0)
    assert (stats["B"].peers, stats["B"].buyers, stats["B"].penetration) == (3, 1, 1 / 3)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=50).map(float), min_size=1, max_size=30),
       st.data())
def test_median_without_one_value_agrees_with_the_list_without_it(
        values: list[float], data: st.DataObject) -> None:
    from statistics import median

    ordered = sorted(values)
    taken = data.draw(st.sampled_from(values))
    rest = list(ordered)
    rest.remove(taken)
    expected = median(rest) if rest else None
    assert ws.median_without(ordered, taken) == expected
    assert ws.median_without(ordered, 1000.5) == median(ordered)  # not there: as it is


_group_keys = st.sampled_from([("key", "organisation"), ("key", "individual"),
                               ("standard", "organisation"), (None, None)])


@settings(max_examples=200, deadline=None)
@given(customers=st.lists(st.tuples(_group_keys,
                                    st.dictionaries(st.sampled_from("ABCD"),
                                                    st.sampled_from([0.0, 5.0, 10.0, 7.5]),
                                                    max_size=4),
                                    st.booleans()),
                          min_size=2, max_size=40),
       medians=st.dictionaries(_group_keys, st.lists(st.sampled_from([100.0, 200.0, 400.0]),
                                                     min_size=4, max_size=4)),
       top=st.integers(min_value=0, max_value=12), shuffle=st.randoms(use_true_random=False))
def test_the_portfolio_best_equals_sorting_every_customer(
        customers: list[tuple[tuple[str | None, str | None], dict[str, float], bool]],
        medians: dict[tuple[str | None, str | None], list[float]], top: int,
        shuffle: random.Random) -> None:
    """The top list is made from buckets of customers sharing a suggestion; it must be what
    ordering every customer's best suggestion by score, revenue and id gives, ties of score
    across groups (the few medians make many) and customers buying nothing included."""
    from storage.whitespace_queries import BookLines, _best

    ids = [f"c{n:03d}" for n in range(len(customers))]
    shuffle.shuffle(ids)  # the ids' order is not the book's
    keys = {cid: key for cid, (key, _, _) in zip(ids, customers, strict=True)}
    bought = {cid: lines for cid, (_, lines, buys) in zip(ids, customers, strict=True)
              if buys}
    ranked = {key: sorted((ws.Suggestion(line, LineStatus.NOT_BOUGHT, 10, 5, 0.5, median,
                                         None) for line, median in zip("ABCD", found,
                                                                       strict=True)),
                          key=lambda s: -s.score)
              for key, found in medians.items()}
    book = BookLines(AS_OF, {}, bought, keys, ws.peer_index({}))
    expected = []
    for cid in ids:
        mine = bought.get(cid, {})
        offer = next((s for s in ranked.get(keys[cid], []) if s.line not in mine), None)
        if offer is not None:
            expected.append((-offer.score, -sum(mine.values()), cid, keys[cid][0], offer))
    expected.sort()
    assert _best(book, ranked, top) == expected[:top]
