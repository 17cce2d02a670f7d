"""Today's lists against a plain reading of the book: the same rows in the same order and the
same counts, whichever way a list is ranked (each item's customer looked up, or a large backlog
walked tier by tier), with customers in the bin, ties on dates and other owners' work."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from models.entities import Customer
from models.enums import SnapshotPeriod, Tier
from models.periods import Period
from storage import today_queries
from storage.book import Book
from storage.database import Database
from tests.conftest import DEMO_ANCHOR

TODAY = DEMO_ANCHOR
DAYS = [(TODAY - timedelta(days=d)).isoformat() for d in (40, 9, 3, 1, 0, -2)]


@pytest.fixture
def book(demo_db: Database) -> Iterator[Book]:
    """The demo book scored last month and today, with a backlog of open follow-ups and late
    needs on four dates (many ties), a few of them another salesperson's, and three
    customers with open items in the bin."""
    db = demo_db
    month_end = TODAY.replace(day=1) - timedelta(days=1)
    scores = db.rescore(month_end).scores
    assert scores is not None
    db.write_snapshot(scores, Period.containing(month_end, SnapshotPeriod.MONTH))
    db.rescore(TODAY)
    rng = random.Random(14)
    with db.atomic():
        rows = db.conn.execute("SELECT rowid FROM interactions").fetchall()
        for (rowid,) in rows:
            owner = "Zed" if rng.random() < 0.1 else ""
            db.conn.execute(
                "UPDATE interactions SET next_step = 'Call back', next_step_done = 0, "
                "next_step_due = ?, owner = ? WHERE rowid = ?",
                [rng.choice(DAYS), owner, rowid])
        for (rowid,) in db.conn.execute("SELECT rowid FROM needs").fetchall():
            db.conn.execute(
                "UPDATE needs SET status = 'open', due_on = ?, owner = ? WHERE rowid = ?",
                [rng.choice(DAYS), "Zed" if rng.random() < 0.1 else "", rowid])
    opened = Book(db.path)
    gone = [r[0] for r in db.conn.execute(
        "SELECT customer_id FROM interactions GROUP BY customer_id ORDER BY customer_id "
        "LIMIT 3")]
    for customer_id in gone:
        opened.records.delete(Customer, customer_id)
    yield opened
    opened.close()


def _customers(db: Database) -> dict[str, dict[str, object]]:
    return {r[0]: {"rank": 9 if r[1] is None else r[1], "name_sort": r[2], "owner": r[3]}
            for r in db.conn.execute(
                "SELECT m.customer_id, m.tier_rank, m.name_sort, c.owner FROM "
                "customer_metrics m JOIN customers c ON c.id = m.customer_id "
                "WHERE c.deleted_at IS NULL")}


def _expected_follow_ups(db: Database, until: date, since: date | None,
                         owner: str | None) -> list[tuple[object, ...]]:
    live = _customers(db)
    rows = []
    for rid, customer_id, due, own in db.conn.execute(
            "SELECT id, customer_id, next_step_due, owner FROM interactions WHERE "
            "next_step_due IS NOT NULL AND next_step_done = 0 AND deleted_at IS NULL"):
        c = live.get(customer_id)
        if c is None or due > until.isoformat() or (since and due < since.isoformat()):
            continue
        whose = own or c["owner"]
        if owner and whose != owner:
            continue
        rows.append((c["rank"], due, c["name_sort"], rid))
    return sorted(rows)


@pytest.mark.parametrize("look_up_at", [0, 10**9], ids=["walked by tier", "looked up"])
@pytest.mark.parametrize("owner", [None, "Zed", "owner of the first customer"])
def test_follow_ups_ranked_and_counted_as_a_plain_reading(
        book: Book, monkeypatch: pytest.MonkeyPatch, look_up_at: int, owner: str | None) -> None:
    monkeypatch.setattr(today_queries, "LOOK_UP_AT", look_up_at)
    db = book.reader
    if owner == "owner of the first customer":
        owner = str(db.scalar("SELECT owner FROM customers ORDER BY name_sort LIMIT 1"))
    spans = [(TODAY - timedelta(days=1), None), (TODAY - timedelta(days=2), TODAY - timedelta(
        days=9)), (TODAY + timedelta(days=5), TODAY)]
    for until, since in spans:
        expected = _expected_follow_ups(db, until, since, owner)
        assert len(expected) > 0
        for limit in (1, 7, 40, 10_000):
            listing = book.today.follow_ups(until, since=since, today=TODAY, owner=owner,
                                            limit=limit)
            assert listing.total == len(expected)
            assert [f.interaction_id for f in listing.rows] == [e[3] for e in expected[:limit]]


@pytest.mark.parametrize("look_up_at", [0, 10**9], ids=["walked by tier", "looked up"])
@pytest.mark.parametrize("owner", [None, "Zed"])
def test_late_needs_ranked_and_counted_as_a_plain_reading(
        book: Book, monkeypatch: pytest.MonkeyPatch, look_up_at: int, owner: str | None) -> None:
    monkeypatch.setattr(today_queries, "LOOK_UP_AT", look_up_at)
    db = book.reader
    live = _customers(db)
    expected = sorted(
        (live[c]["rank"], due, live[c]["name_sort"], rid)
        for rid, c, due, own in db.conn.execute(
            "SELECT id, customer_id, due_on, owner FROM needs WHERE status IN "
            "('open', 'in_progress') AND deleted_at IS NULL AND due_on < ?",
            [TODAY.isoformat()])
        if c in live and (not owner or (own or live[c]["owner"]) == owner))
    assert expected
    for limit in (1, 5, 10_000):
        listing = book.today.late_needs(TODAY, owner=owner, limit=limit)
        assert listing.total == len(expected)
        assert [n.need_id for n in listing.rows] == [e[3] for e in expected[:limit]]


def _cadence(book: Book) -> dict[int, int]:
    config = book.scoring.config()
    return {t.rank: int(config.review_cadence_days.get(t.value, 90)) for t in Tier}


@pytest.mark.parametrize("owner", [None, "first owner"])
def test_silent_and_review_due_customers_as_a_plain_reading(book: Book,
                                                           owner: str | None) -> None:
    db = book.reader
    if owner:
        owner = str(db.scalar("SELECT owner FROM customers ORDER BY owner LIMIT 1"))
    cadence = _cadence(book)
    rows = db.conn.execute(
        "SELECT m.customer_id, m.tier_rank, m.name_sort, c.owner, m.last_interaction_at, "
        "(SELECT max(assessed_on) FROM assessments a WHERE a.customer_id = m.customer_id "
        "AND a.deleted_at IS NULL) FROM customer_metrics m JOIN customers c ON c.id = "
        "m.customer_id WHERE c.deleted_at IS NULL AND m.tier_rank IS NOT NULL").fetchall()
    for list_of, tiers, column in ((book.today.silent, (0, 1), 4),
                                   (book.today.reviews, (0, 1, 2, 3), 5)):
        expected = []
        for r in rows:
            if r[1] not in tiers or (owner and r[3] != owner):
                continue
            cut = (TODAY - timedelta(days=cadence[r[1]])).isoformat()
            last = r[column]
            if last is None or last[:10] <= cut:
                expected.append((r[1], last or "", r[2], r[0]))
        expected.sort()
        listing = list_of(today=TODAY, owner=owner, limit=30)
        assert listing.total == len(expected) > 0
        assert [d.customer_id for d in listing.rows] == [e[3] for e in expected[:30]]
        assert all(d.owner == db.scalar("SELECT owner FROM customers WHERE id = ?",
                                        [d.customer_id]) for d in listing.rows)


def test_slipping_customers_as_a_plain_reading(book: Book) -> None:
    db = book.reader
    before = db.scalar("SELECT max(period) FROM score_snapshots WHERE period < ?",
                       [f"{TODAY:%Y-%m}"])
    ranks = {t.value: t.rank for t in Tier}
    with db.atomic():  # a few falls: the demo's month is quiet
        for (customer_id,) in db.conn.execute(
                "SELECT customer_id FROM score_snapshots WHERE period = ? ORDER BY "
                "customer_id LIMIT 12", [before]).fetchall():
            db.conn.execute("UPDATE customer_metrics SET score = score - 6 "
                            "WHERE customer_id = ?", [customer_id])
    live = _customers(db)
    expected = sorted(
        (ranks[tier_before], score - score_before, customer_id)
        for customer_id, tier_before, score_before, score, rank, revenue_before, revenue
        in db.conn.execute(
            "SELECT s.customer_id, s.tier, s.score, m.score, m.tier_rank, s.revenue, "
            "m.revenue_12m FROM score_snapshots s JOIN customer_metrics m "
            "ON m.customer_id = s.customer_id WHERE s.period = ? AND m.tier_rank IS NOT NULL",
            [before])
        if customer_id in live and (
            rank > ranks[tier_before] or score <= score_before - 5
            or (ranks[tier_before] <= 1 and revenue_before > 0
                and revenue <= revenue_before * 0.8)))
    listing = book.today.slipping(TODAY, limit=8)
    assert listing.total == len(expected) >= 12
    assert [s.customer_id for s in listing.rows] == [e[2] for e in expected[:8]]


def test_a_key_customer_whose_revenue_fell_a_fifth_is_slipping(book: Book) -> None:
    """Same tier, same score, but 12-month revenue down 30 % since last month's snapshot:
    listed (a standard customer's fall is not), with the revenue before and now."""
    db = book.reader
    before = db.scalar("SELECT max(period) FROM score_snapshots WHERE period < ?",
                       [f"{TODAY:%Y-%m}"])
    picked = {}
    for tier in ("key", "standard"):
        picked[tier] = db.conn.execute(
            "SELECT s.customer_id, s.revenue FROM score_snapshots s JOIN customer_metrics m "
            "ON m.customer_id = s.customer_id AND m.deleted = 0 WHERE s.period = ? "
            "AND s.tier = ? AND m.tier = ? AND s.revenue > 0 AND m.score > s.score - 5 "
            "ORDER BY s.customer_id LIMIT 1", [before, tier, tier]).fetchone()
    with db.atomic():
        for customer_id, revenue in picked.values():
            db.conn.execute("UPDATE customer_metrics SET revenue_12m = ? WHERE customer_id = ?",
                            [revenue * 0.7, customer_id])
    listing = book.today.slipping(TODAY, limit=100_000)
    found = {s.customer_id: s for s in listing.rows}
    key_id, key_revenue = picked["key"]
    assert key_id in found and found[key_id].revenue_fell
    assert found[key_id].revenue_before == pytest.approx(key_revenue)
    assert found[key_id].revenue == pytest.approx(key_revenue * 0.7)
    assert picked["standard"][0] not in found
