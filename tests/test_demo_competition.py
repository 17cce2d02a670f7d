"""The demo's competitors and plans' SWOT (storage/demo_competition.py): shares within the
rule the forms check, every plan's SWOT in four boxes with its threat naming the account's
main competitor, and a second demo in the same book adding its own without clashing ids."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.competition import SwotQuadrant, by_quadrant, main_competitor
from storage.book import Book

ANCHOR = date(2026, 6, 30)


def test_the_demo_has_competitors_and_a_swot_per_plan(tmp_path: Path) -> None:
    with Book(tmp_path / "demo.db", new_book=True) as book:
        book.demo.generate(60, seed=5, anchor=ANCHOR)
        db = book._db  # the rows as stored
        per_customer = db.conn.execute(
            "SELECT customer_id, sum(coalesce(share_percent, 0)), count(*) FROM competitors "
            "GROUP BY customer_id").fetchall()
        assert per_customer, "no competitor in the demo"
        assert all(total <= 100 and 1 <= count <= 3 for _c, total, count in per_customer)
        # only scored customers of the top three tiers have competitors
        assert db.scalar("SELECT count(*) FROM competitors k JOIN customer_metrics m ON "
                         "m.customer_id = k.customer_id WHERE m.tier = 'low_value'") == 0
        plans = db.conn.execute("SELECT id, customer_id FROM plans").fetchall()
        assert plans
        for plan_id, customer_id in plans:
            boxes = by_quadrant(book.competition.swot(plan_id))
            assert len(boxes[SwotQuadrant.STRENGTHS]) == 2
            assert len(boxes[SwotQuadrant.WEAKNESSES]) == 1
            assert 1 <= len(boxes[SwotQuadrant.OPPORTUNITIES]) <= 2
            rival = main_competitor(book.competition.competitors(customer_id))
            if rival is None:
                assert boxes[SwotQuadrant.THREATS] == []
            else:
                [threat] = boxes[SwotQuadrant.THREATS]
                assert threat.competitor_id is not None
                assert rival.name in threat.text or threat.competitor_id == rival.id
        first = db.scalar("SELECT count(*) FROM competitors")
        swot = db.scalar("SELECT count(*) FROM swot_items")
        # the same seed again: new customers, new ids (the first run's were drawn from it)
        book.demo.generate(60, seed=5, anchor=ANCHOR)
        assert db.scalar("SELECT count(*) FROM competitors") > first
        assert db.scalar("SELECT count(*) FROM swot_items") > swot
        assert db.scalar("SELECT count(*) FROM relationship_levels") > 0
