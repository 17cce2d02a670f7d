"""Demo books are deterministic and look like a real book: 80/20, late payers, overdue steps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storage.database import Database
from storage.demo import DemoCancelled, generate_demo

ANCHOR = date(2026, 6, 30)
CONTENT_TABLES = ("customers", "contacts", "transactions", "interactions",
                  "interaction_contacts", "needs", "assessments", "customer_metrics")


def _dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the content tables, without the time the metrics were computed."""
    result = {}
    for table in CONTENT_TABLES:
        cursor = db.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
        names = [d[0] for d in cursor.description]
        keep = [i for i, n in enumerate(names) if n != "computed_at"]
        result[table] = [tuple(row[i] for i in keep) for row in cursor]
    return result


def test_same_seed_same_data(tmp_path: Path) -> None:
    dumps = []
    for name in ("a.db", "b.db"):
        with Database(tmp_path / name) as db:
            generate_demo(db, 120, seed=42, anchor=ANCHOR)
            dumps.append(_dump(db))
    assert dumps[0] == dumps[1]
    with Database(tmp_path / "c.db") as db:
        generate_demo(db, 120, seed=43, anchor=ANCHOR)
        assert _dump(db)["customers"] != dumps[0]["customers"]


def test_demo_looks_like_a_real_book(demo_db: Database) -> None:
    today = "2026-06-30"
    assert demo_db.customer_count() == 300
    revenues = [r[0] for r in demo_db.conn.execute(
        "SELECT revenue_12m FROM customer_metrics ORDER BY revenue_12m DESC")]
    total = sum(revenues)
    running, needed = 0.0, 0
    for needed, revenue in enumerate(revenues, start=1):  # noqa: B007
        running += revenue
        if running >= 0.8 * total:
            break
    share = needed / len(revenues)
    assert 0.10 <= share <= 0.35, f"80 % of revenue from {share:.0%} of customers"

    names = [r[0] for r in demo_db.conn.execute("SELECT name FROM customers")]
    assert len(set(names)) == len(names)
    assert any("\u4e00" <= n[0] <= "\u9fff" for n in names)
    assert any(n[0].isascii() for n in names)
    scalar = demo_db.scalar
    assert scalar("SELECT count(*) FROM transactions WHERE paid_date > due_date") > 0
    assert scalar("SELECT count(*) FROM transactions WHERE profit < amount") > 0
    assert scalar("SELECT count(*) FROM interactions WHERE next_step_due < ? "
                  "AND next_step_done = 0", [today]) > 0
    assert scalar("SELECT count(*) FROM interactions WHERE next_step_due >= ? "
                  "AND next_step_done = 0", [today]) > 0
    assert scalar("SELECT count(*) FROM needs WHERE kind = 'complaint' AND status = 'open'") > 0
    assert scalar("SELECT count(DISTINCT customer_id) FROM assessments "
                  "GROUP BY customer_id HAVING count(*) > 1 LIMIT 1") is not None
    assert scalar("SELECT min(date) FROM transactions") >= "2023-06-30"
    assert scalar("SELECT max(date) FROM transactions") <= today
    # Some customers have not bought yet (potential), some stopped a year ago (churned).
    assert scalar("SELECT count(*) FROM customer_metrics WHERE first_purchase IS NULL") > 0
    assert scalar("SELECT count(*) FROM customer_metrics WHERE last_purchase < '2025-06-30'") > 0


def test_cancelled_demo_writes_nothing(fresh_db: Database) -> None:
    with pytest.raises(DemoCancelled):
        generate_demo(fresh_db, 5_000, progress=lambda done, total: done < 2_000)
    assert fresh_db.scalar("SELECT count(*) FROM customers") == 0
    assert fresh_db.scalar("SELECT count(*) FROM transactions") == 0


def test_the_backlog_is_a_working_salespersons(demo_db: Database) -> None:
    """Past follow-ups are done but for a few of the last two weeks' (it was 195 overdue,
    back to 2024, on a 500-customer demo)."""
    overdue = demo_db.conn.execute(
        "SELECT count(*), min(next_step_due) FROM interactions WHERE next_step_done = 0 "
        "AND next_step_due < '2026-06-30' AND deleted_at IS NULL").fetchone()
    assert 0 < overdue[0] <= 0.05 * 300
    assert overdue[1] >= "2026-06-16"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_demo_in_one_language_speaks_only_it(fresh_db: Database, language: str) -> None:
    import re

    generate_demo(fresh_db, 60, seed=5, anchor=ANCHOR, language=language)
    texts = [r[0] for r in fresh_db.conn.execute(
        "SELECT name FROM customers UNION ALL SELECT name FROM contacts UNION ALL "
        "SELECT summary || feedback || next_step FROM interactions UNION ALL "
        "SELECT description FROM needs")]
    chinese = [t for t in texts if re.search(r"[\u4e00-\u9fff]", t)]
    latin = [t for t in texts if re.search(r"[A-Za-z]{2}", t)]
    assert texts
    if language == "zh_CN":
        assert not latin, latin[:5]
    else:
        assert not chinese, chinese[:5]


def test_the_demo_has_active_plans_for_its_top_customers(tmp_path: Path) -> None:
    """A first look at Plans is not empty: each strategic or key customer (up to 40, the
    largest first) has an active plan for the half-year holding the demo's today, with a
    revenue objective from its own last half-year, actions around today, in its language."""
    import re
    from datetime import date

    from models.enums import PlanStatus
    from storage.book import Book
    from storage.demo_plans import MAX_PLANS

    anchor = date(2026, 11, 30)
    with Book(tmp_path / "d.db") as book:
        made = book.demo.generate(300, seed=4, anchor=anchor)
        top = book.reader.scalar("SELECT count(*) FROM customer_metrics WHERE deleted = 0 "
                                 "AND tier IN ('strategic', 'key') AND revenue_12m > 0")
        plans = book.plans.list()
        assert made.summary.plans == len(plans) == min(MAX_PLANS, top) > 0
        for row in plans[:10]:
            plan = book.plans.get(row.plan_id)
            assert (plan.period, plan.status) == ("2026-H2", PlanStatus.ACTIVE)
            revenue = book.reader.scalar("SELECT revenue_12m FROM customer_metrics "
                                         "WHERE customer_id = ?", [plan.customer_id])
            objective = plan.objectives[0]
            assert objective.baseline_value == pytest.approx(revenue / 2, abs=500)
            assert 1.09 <= objective.target_value / (revenue / 2) <= 1.21
            assert len(plan.actions) == 4 and plan.actions[0].done_on is not None
            assert all(a.due_date is not None and abs((a.due_date - anchor).days) <= 45
                       for a in plan.actions)
            name = book.customers.get(plan.customer_id).name
            chinese = bool(re.search(r"[\u4e00-\u9fff]", name))
            assert bool(re.search(r"[\u4e00-\u9fff]", plan.actions[1].what)) == chinese
        book.demo.generate(50, seed=5, anchor=anchor)  # a second demo adds no second plan
        periods = book.reader.query("SELECT customer_id, count(*) AS n FROM plans "
                                    "GROUP BY customer_id HAVING n > 1")
        assert periods == []


def test_the_demo_plans_differ_in_progress_and_nothing_happened_later_today(
        tmp_path: Path) -> None:
    """The roll-up's "Actions done" means something on the demo: plans have one, two or
    three of their four actions done (every plan at one read 25 % for every salesperson),
    never an overdue one and never after the anchor; and no interaction is dated on the
    anchor day, whose 08:00-18:00 could be after the clock (Last activity read
    2026-12-07 13:00 on an export made at 07:03)."""
    from storage.book import Book

    anchor = date(2026, 12, 7)
    with Book(tmp_path / "d.db") as book:
        book.demo.generate(500, seed=1, anchor=anchor)
        read = book.reader
        done = [r["done"] for r in read.query(
            "SELECT count(*) FILTER (WHERE status = 'done') AS done, count(*) AS n "
            "FROM plan_actions WHERE deleted_at IS NULL GROUP BY plan_id HAVING n = 4")]
        assert len(done) == 40 and set(done) == {1, 2, 3}
        assert read.scalar("SELECT max(done_on) FROM plan_actions") <= anchor.isoformat()
        assert read.scalar("SELECT count(*) FROM plan_actions WHERE status = 'done' "
                           "AND done_on IS NULL") == 0
        assert read.scalar("SELECT count(*) FROM plan_actions WHERE status = 'open' "
                           "AND due_date < ?", [anchor.isoformat()]) > 0  # still late work
        progress = {r.owner: r.actions_progress for r in book.rollup(as_of=anchor).rows
                    if r.actions}
        assert len(set(progress.values())) > 2, progress
        assert read.scalar("SELECT max(occurred_at) FROM interactions") < anchor.isoformat()
        assert read.scalar("SELECT max(last_interaction_at) FROM customer_metrics") \
            < anchor.isoformat()
