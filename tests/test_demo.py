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
