"""Rescoring a book in SQLite: the hand-computed book from real transactions and assessments,
overrides, settings changes re-tiering the book, as-of dates, explanations, snapshots."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.config import DIMENSIONS, ScoringConfig, preset_weights
from models.entities import Assessment, Customer, Transaction
from models.enums import SnapshotPeriod, Tier
from models.explain import explain, scored_customer
from models.validation import ValidationErrors
from storage import scoring_store
from storage.customer_queries import CustomerQuery
from storage.database import Database
from storage.errors import RecordNotFoundError
from storage.scoring_queries import load_book, parse_points
from storage.workspace_queries import workspace_header

AS_OF = date(2026, 6, 30)
WEIGHTS: dict[str, float] = {"revenue": 40, "profit": 20, "frequency": 10, "timeliness": 10,
                             "loyalty": 20}
CONFIG = ScoringConfig(weights=WEIGHTS)
EARLY = "2024-01-01T00:00:00.000+00:00"


def d(text: str) -> date:
    return date.fromisoformat(text)


def invoice(customer: Customer, day: str, amount: float, profit: float | None = None,
            due: str | None = None, paid: str | None = None) -> Transaction:
    return Transaction(customer_id=customer.id, date=d(day), amount=amount, profit=profit,
                       due_date=d(due) if due else None, paid_date=d(paid) if paid else None)


def backdate_customers(db: Database) -> None:
    """Records are stamped 'now'; put the customers in the book long before the test dates."""
    db.conn.execute("UPDATE customers SET created_at = ?", [EARLY])
    db.conn.commit()


@pytest.fixture
def book(fresh_db: Database) -> Iterator[tuple[Database, dict[str, Customer]]]:
    """The five customers of test_scoring_models.small_book, from real records."""
    db = fresh_db
    c = {key: db.add(Customer(name=f"Customer {key}", code=key)) for key in "ABCDE"}
    db.add_many([
        # A: 600 + 400 + 1000 = 2000 in the window, profit 400; paid early, on the due day, early.
        invoice(c["A"], "2026-01-10", 600, 120, "2026-02-09", "2026-02-01"),
        invoice(c["A"], "2026-03-10", 400, 80, "2026-04-09", "2026-04-09"),
        invoice(c["A"], "2026-05-10", 1000, 200, "2026-06-09", "2026-06-01"),
        invoice(c["A"], "2026-08-01", 7777, 700),  # after the as-of date: ignored
        # B: 500 paid 30 days late, 500 paid on time.
        invoice(c["B"], "2025-09-01", 500, 50, "2025-10-01", "2025-10-31"),
        invoice(c["B"], "2026-02-01", 500, 50, "2026-03-03", "2026-03-01"),
        # C: one invoice without due date, exactly 90 days before the as-of date.
        invoice(c["C"], "2026-04-01", 1000, 300),
        # E: previous window only.
        invoice(c["E"], "2025-03-01", 3000, 600, "2025-03-31", "2025-03-20"),
        Assessment(customer_id=c["A"].id, assessed_on=d("2026-05-01"), loyalty=5),
        Assessment(customer_id=c["B"].id, assessed_on=d("2025-01-01"), loyalty=5),  # older
        Assessment(customer_id=c["B"].id, assessed_on=d("2026-03-15"), loyalty=3),  # latest
        Assessment(customer_id=c["B"].id, assessed_on=d("2026-08-01"), loyalty=1),  # future
        Assessment(customer_id=c["E"].id, assessed_on=d("2025-04-01"), loyalty=1),
    ])
    deleted = db.add(invoice(c["A"], "2026-06-01", 5000, 500))
    db.soft_delete(Transaction, deleted.id)
    gone = db.add(Customer(name="Gone", code="G"))
    db.add(invoice(gone, "2026-06-01", 99_999, 9_999))
    db.soft_delete(Customer, gone.id)
    backdate_customers(db)
    db.save_scoring_config(CONFIG)
    yield db, c


def metrics(db: Database) -> dict[str, dict[str, object]]:
    rows = db.query("SELECT c.code, m.* FROM customer_metrics m JOIN customers c "
                    "ON c.id = m.customer_id WHERE c.deleted_at IS NULL")
    return {row["code"]: row for row in rows}


def test_rescore_stores_the_hand_computed_book(book: tuple[Database, dict[str, Customer]]
                                               ) -> None:
    db, c = book
    result = db.rescore(AS_OF)
    # Worked out in test_scoring_models.test_hand_computed_scores_and_tiers.
    expected = {
        "A": (100.0, "strategic", 0, "A", "active", 2000.0, 400.0),
        "B": (58.5, "standard", 2, "A", "active", 1000.0, 100.0),
        "C": (60.2, "key", 1, "A", "new", 1000.0, 300.0),
        "D": (24.1, "low_value", 3, "C", "potential", 0.0, 0.0),
        "E": (14.1, "low_value", 3, "C", "churned", 0.0, 0.0),
    }
    stored = metrics(db)
    for code, (score, tier, rank, abc, stage, revenue, profit) in expected.items():
        row = stored[code]
        assert (row["score"], row["tier"], row["computed_tier"], row["tier_rank"],
                row["abc_class"], row["lifecycle"], row["revenue_12m"], row["profit_12m"]) == \
            (score, tier, tier, rank, abc, stage, revenue, profit), code
        assert row["as_of"] == "2026-06-30"
    assert str(stored["D"]["dimensions"]).startswith("[")  # the compact array form
    dims = parse_points(str(stored["D"]["dimensions"]))
    assert list(dims) == list(DIMENSIONS)
    assert dims["revenue"] == 13 and dims["timeliness"] is None and dims["loyalty"] is None
    assert parse_points(str(stored["B"]["dimensions"]))["timeliness"] == 58
    for row in stored.values():  # the matrix chart's column agrees with the points
        assert row["growth_points"] == parse_points(str(row["dimensions"]))["growth_potential"]
    s = result.summary
    assert s.customers == 5 and result.newly_scored == 5 and result.changed_tier == 0
    assert s.tier_counts == {Tier.STRATEGIC: 1, Tier.KEY: 1, Tier.STANDARD: 1,
                             Tier.LOW_VALUE: 2}
    assert s.tier_revenue_share(Tier.STRATEGIC) == pytest.approx(50.0)
    assert s.concentration.customers_needed == 3
    # The book lists in tier order from the stored ranks.
    ordered = db.customer_ids(CustomerQuery(sort="tier"))
    assert [db.resolve_customer(i).code for i in ordered] == ["A", "C", "B", "D", "E"]
    again = db.rescore(AS_OF)
    assert again.changed_rows == 0 and again.changed_tier == 0 and again.newly_scored == 0
    next_day = db.rescore(date(2026, 7, 1))
    # Only the rows that changed are written (and stamped); the book's date is the state's.
    stamped = [code for code, row in metrics(db).items() if row["as_of"] == "2026-07-01"]
    assert len(stamped) == next_day.changed_rows
    state = db.scoring_state()
    assert state is not None and state.as_of == date(2026, 7, 1)
    assert workspace_header(db, c["A"].id).as_of == date(2026, 7, 1)


def test_rows_written_by_others_are_rescored(book: tuple[Database, dict[str, Customer]]) -> None:
    """The stored change keys never hide a value someone else wrote: after the activity
    refresh rewrote revenue and profit, the next rescore restores the engine's values."""
    db, c = book
    db.rescore(AS_OF)
    expected = metrics(db)
    db.refresh_activity(date(2027, 1, 1))  # rewrites revenue_12m / profit_12m as of 2027
    assert db.scalar("SELECT count(*) FROM customer_metrics WHERE book_key IS NULL") > 0
    db.refresh_customer_activity(c["B"].id, date(2026, 6, 30))
    result = db.rescore(AS_OF)
    assert result.changed_rows > 0
    after = metrics(db)
    columns = ("score", "computed_tier", "tier", "tier_rank", "abc_class", "lifecycle",
               "revenue_12m", "profit_12m", "dimensions")
    assert {k: [r[n] for n in columns] for k, r in after.items()} == \
        {k: [r[n] for n in columns] for k, r in expected.items()}
    assert db.rescore(AS_OF).changed_rows == 0


def test_overrides_are_applied_and_shown(book: tuple[Database, dict[str, Customer]]) -> None:
    db, c = book
    db.rescore(AS_OF)
    db.update(replace(c["B"], tier_override=Tier.KEY, tier_override_reason="Joint project"))
    result = db.rescore(AS_OF)
    assert result.changed_tier == 1 and result.summary.overridden == 1
    row = metrics(db)["B"]
    assert (row["tier"], row["computed_tier"], row["tier_rank"]) == ("key", "standard", 1)
    e = db.explain_customer(c["B"].id)
    assert e.tier is Tier.KEY and e.computed_tier is Tier.STANDARD and e.tier_overridden
    assert e.override_reason == "Joint project"


def test_changing_weights_retiers_the_whole_book(book: tuple[Database, dict[str, Customer]]
                                                 ) -> None:
    db, _ = book
    db.rescore(AS_OF)
    # Revenue alone: A 100, B and C 63 (both key), D and E 13. Only B changes tier.
    result = db.update_scoring_config(replace(CONFIG, weights={"revenue": 100}))
    assert result.summary.as_of == AS_OF
    assert result.changed_tier == 1
    stored = metrics(db)
    assert {k: v["tier"] for k, v in stored.items()} == {
        "A": "strategic", "B": "key", "C": "key", "D": "low_value", "E": "low_value"}
    assert stored["B"]["score"] == 63.0
    assert db.scoring_config().weights["revenue"] == 100
    # Thresholds too: a key threshold of 64 drops B and C to standard.
    db.update_scoring_config(replace(db.scoring_config(), threshold_key=64.0))
    assert metrics(db)["C"]["tier"] == "standard"


def test_invalid_settings_are_rejected_and_nothing_changes(
        book: tuple[Database, dict[str, Customer]]) -> None:
    db, _ = book
    db.rescore(AS_OF)
    before = metrics(db)
    with pytest.raises(ValidationErrors) as caught:
        db.update_scoring_config(replace(CONFIG, weights={"revenue": 50, "loyalty": 45}))
    assert "Weights must add up to 100 % (they add up to 95 %)." in str(caught.value)
    with pytest.raises(ValidationErrors) as caught:
        db.update_scoring_config(replace(CONFIG, threshold_key=80.0))
    assert "Tier thresholds must fall from strategic to standard" in str(caught.value)
    assert "strategic 75.0 > key 80.0 > standard 35.0" in str(caught.value)
    with pytest.raises(ValidationErrors, match="Unknown dimension 'charm'"):
        db.update_scoring_config(replace(CONFIG, weights={"charm": 100}))
    assert db.scoring_config() == CONFIG.validated()
    assert metrics(db) == before


def test_as_of_before_any_data_is_an_empty_book(book: tuple[Database, dict[str, Customer]]
                                                ) -> None:
    db, c = book
    db.rescore(AS_OF)
    result = db.rescore(date(2020, 1, 1))
    assert result.summary.customers == 0
    assert result.summary.concentration.percent_of_buying is None
    assert {row["score"] for row in metrics(db).values()} == {None}
    assert {row["tier"] for row in metrics(db).values()} == {None}
    with pytest.raises(RecordNotFoundError):
        db.explain_customer(c["A"].id)
    # Before the first invoice but after the customers were created: all potential.
    early = db.score_book(date(2024, 6, 1))
    assert len(early) == 5 and set(early.lifecycle.tolist()) == {0}


def test_customer_with_no_transactions(fresh_db: Database) -> None:
    lone = fresh_db.add(Customer(name="Lonely"))
    result = fresh_db.rescore()  # today: created today, so in the book
    assert result.summary.customers == 1
    e = fresh_db.explain_customer(lone.id)
    assert e.lifecycle.value == "potential" and e.abc_class is None
    assert set(e.missing) == {"margin", "growth", "timeliness", "payment_credit",
                              "need_quality", "communication", "industry_influence",
                              "growth_potential", "loyalty", "synergy", "satisfaction"}
    assert all(line.points == 50 for line in e.lines if line.missing)
    # Alone in the book, its revenue (0) is the median: 50 points, like every rank.
    assert {line.points for line in e.lines} == {50}


def test_stored_explanation_matches_a_full_computation(
        book: tuple[Database, dict[str, Customer]]) -> None:
    db, c = book
    db.rescore(AS_OF)
    scores = db.score_book(AS_OF)
    for key, customer in c.items():
        fast = db.explain_customer(customer.id)
        full = explain(scored_customer(scores, customer.id), db.scoring_config(),
                       quantiles=scores.quantiles, guard_revenue=scores.guard_revenue)
        assert not fast.stale
        assert fast.score == full.score == metrics(db)[key]["score"]
        assert fast.lines == full.lines and fast.levers == full.levers
        assert (fast.tier, fast.abc_class, fast.lifecycle) == (full.tier, full.abc_class,
                                                               full.lifecycle)
    db.add(invoice(c["B"], "2026-06-20", 10))
    assert db.explain_customer(c["B"].id).stale
    other_day = db.explain_customer(c["B"].id, as_of=date(2026, 6, 29))
    assert other_day.as_of == date(2026, 6, 29) and not other_day.stale


def test_margin_counts_only_invoices_with_a_profit_figure(
        book: tuple[Database, dict[str, Customer]]) -> None:
    db, c = book
    db.add_many([invoice(c["C"], "2026-05-01", 500),  # no profit figure
                 invoice(c["C"], "2026-07-01", 800, 80)])  # after the as-of date
    figures, _ = load_book(db, AS_OF, CONFIG, customer_id=c["C"].id)
    # C: 1000 with profit 300 and 500 without -> revenue 1500, margin 300 / 1000.
    assert (figures.revenue[0], figures.revenue_with_profit[0]) == (1500, 1000)
    e = db.explain_customer(c["C"].id, as_of=AS_OF)
    margin = next(line for line in e.lines if line.dimension == "margin")
    assert margin.raw == pytest.approx(0.3)
    whole, _ = load_book(db, AS_OF, CONFIG)  # the book-wide path gives the same
    index = whole.customer_ids.index(c["C"].id)
    assert whole.revenue_with_profit[index] == 1000
    assert whole.revenue_with_profit[whole.customer_ids.index(c["A"].id)] == 2000


def test_latest_assessment_on_or_before_the_date(book: tuple[Database, dict[str, Customer]]
                                                 ) -> None:
    db, c = book
    loyalty = DIMENSIONS.index("loyalty")
    for day, rating in ((date(2025, 6, 1), 5.0), (AS_OF, 3.0), (date(2026, 9, 1), 1.0)):
        figures, _ = load_book(db, day, CONFIG, customer_id=c["B"].id)
        assert figures.ratings[0, loyalty - 7] == rating


def test_assessment_history_matches_the_latest_assessment_query(demo_db: Database) -> None:
    from storage.scoring_queries import read_assessments, read_population

    population = read_population(demo_db)
    history = read_assessments(demo_db, population)
    for day in (date(2024, 1, 1), date(2025, 6, 30), date(2026, 1, 15), date(2026, 6, 30)):
        by_query, _ = load_book(demo_db, day, CONFIG, population=population)
        ratings, assessed = history.latest(day, len(population.ids))
        keep = [population.positions[c] for c in by_query.customer_ids]
        assert np.array_equal(ratings[keep], by_query.ratings, equal_nan=True), day
    assert assessed.any()


def test_future_rows_do_not_change_the_aggregate(demo_db: Database) -> None:
    from storage import scoring_queries

    day = date(2026, 6, 30)  # the demo's anchor: nothing is dated later
    assert not scoring_queries.has_future_rows(demo_db, day)
    plain, _ = load_book(demo_db, day, CONFIG)
    original = scoring_queries.has_future_rows
    try:
        scoring_queries.has_future_rows = lambda base, as_of: True
        bounded, _ = load_book(demo_db, day, CONFIG)
    finally:
        scoring_queries.has_future_rows = original
    for name in ("revenue", "invoices", "profit", "previous_revenue", "days_since_last",
                 "days_late", "paid_on_time"):
        assert getattr(plain, name).tolist() == pytest.approx(getattr(bounded, name).tolist(),
                                                              nan_ok=True), name


def test_bulk_and_incremental_writes_agree(demo_db: Database, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "second.db"
    demo_db.conn.execute("VACUUM INTO ?", [str(copy)])
    indexes_sql = ("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                   "AND tbl_name = 'customer_metrics' ORDER BY name")
    before = demo_db.query(indexes_sql)
    demo_db.rescore(date(2026, 6, 30))  # every row is new: the bulk path
    assert demo_db.query(indexes_sql) == before
    assert demo_db.scalar("PRAGMA integrity_check") == "ok"
    monkeypatch.setattr(scoring_store, "BULK_MIN_ROWS", 10**9)
    with Database(copy) as other:
        other.rescore(date(2026, 6, 30))  # row by row with the indexes in place
        columns = "customer_id, " + ", ".join(scoring_store.WRITTEN_COLUMNS)
        sql = f"SELECT {columns} FROM customer_metrics ORDER BY customer_id"
        assert other.query(sql) == demo_db.query(sql)
    by_score = demo_db.customer_ids(CustomerQuery(sort="score", descending=True))
    top = demo_db.scalar("SELECT customer_id FROM customer_metrics WHERE deleted = 0 "
                         "ORDER BY score DESC, name_sort, customer_id LIMIT 1")
    assert by_score[0] == top


def test_demo_book_is_consistent(demo_db: Database) -> None:
    result = demo_db.rescore(date(2026, 6, 30))
    growth = demo_db.query("SELECT growth_points, dimensions FROM customer_metrics "
                           "WHERE score IS NOT NULL")
    assert any(row["growth_points"] is not None for row in growth)
    assert all(row["growth_points"] == parse_points(row["dimensions"])["growth_potential"]
               for row in growth)
    s = result.summary
    assert sum(s.tier_counts.values()) == s.customers == 300
    assert sum(s.tier_revenue_share(t) or 0 for t in Tier) == pytest.approx(100.0)
    assert 10 < (s.concentration.percent_of_buying or 0) < 50  # a heavy-tailed book
    assert s.tier_counts[Tier.STRATEGIC] > 0 and s.tier_counts[Tier.LOW_VALUE] > 0
    for row in demo_db.query("SELECT customer_id, score FROM customer_metrics "
                             "WHERE deleted = 0 ORDER BY customer_id LIMIT 25"):
        e = demo_db.explain_customer(row["customer_id"])
        assert e.score == row["score"]
        assert sum(round(line.contribution * 100) for line in e.lines) == round(e.score * 100)


def test_backfilled_history_shows_a_known_tier_move(fresh_db: Database) -> None:
    db = fresh_db
    db.save_scoring_config(ScoringConfig(weights={"revenue": 100},
                                         strategic_revenue_top_percent=None))
    p, q, r = (db.add(Customer(name=name, code=name)) for name in "PQR")
    db.add_many([invoice(p, "2025-06-10", 5000), invoice(q, "2025-08-10", 3000),
                 invoice(r, "2025-09-10", 100), invoice(r, "2026-04-10", 10_000)])
    backdate_customers(db)
    results = db.backfill_snapshots(3, SnapshotPeriod.MONTH, as_of=date(2026, 6, 15))
    assert [x.period for x in results] == ["2026-03", "2026-04", "2026-05"]
    assert db.snapshot_periods() == ["2026-03", "2026-04", "2026-05"]
    # 31 March: revenue P 5000, Q 3000, R 100 -> 100, 50, 0 points = scores.
    # 30 April: R's 10,000 arrives: R 10100 -> 100, P 50, Q 0.
    history = db.customer_snapshots(r.id)
    assert [(h.period, h.tier, h.score) for h in history] == [
        ("2026-03", Tier.LOW_VALUE, 0.0), ("2026-04", Tier.STRATEGIC, 100.0),
        ("2026-05", Tier.STRATEGIC, 100.0)]
    migration = db.tier_migration("2026-03", "2026-04")
    assert (migration.up, migration.down, migration.entered, migration.left) == (1, 2, 0, 0)
    first = migration.moves[0]
    assert (first.customer_id, first.before, first.after, first.steps) == \
        (r.id, Tier.LOW_VALUE, Tier.STRATEGIC, 3)
    assert (first.drivers[0].dimension, first.drivers[0].change,
            first.drivers[0].impact) == ("revenue", 100, 100.0)
    assert migration.matrix[(Tier.STRATEGIC, Tier.STANDARD)] == 1  # P
    assert db.tier_migration("2026-04", "2026-05").moves == ()
    counts = db.period_tier_counts("2026-04")
    assert counts[Tier.STRATEGIC] == (1, 10_100.0)
    # Writing a period again replaces it.
    db.backfill_snapshots(1, SnapshotPeriod.MONTH, as_of=date(2026, 4, 15))
    assert len(db.period_snapshots("2026-03")) == 3
    quarterly = db.backfill_snapshots(2, SnapshotPeriod.QUARTER, as_of=date(2026, 6, 15))
    assert [x.period for x in quarterly] == ["2025-Q4", "2026-Q1"]


def test_big_writes_copy_the_wal_back_afterwards(demo_db: Database) -> None:
    import sqlite3

    def book_file_scores() -> list[tuple[str, float | None]]:
        """The scores in the book file itself: ``immutable`` reads it without the WAL."""
        uri = f"{Path(demo_db.path).resolve().as_uri()}?immutable=1"
        reader = sqlite3.connect(uri, uri=True)
        try:
            return reader.execute("SELECT customer_id, score FROM customer_metrics "
                                  "ORDER BY customer_id").fetchall()
        finally:
            reader.close()

    before = book_file_scores()
    cache = demo_db.scalar("PRAGMA cache_size")
    demo_db.rescore(date(2026, 5, 31))  # a rescore of every row
    assert demo_db.wait_for_checkpoint() > 0  # it ran, on its own thread
    assert demo_db.scalar("PRAGMA wal_autocheckpoint") == 1000  # back to SQLite's default
    assert demo_db.scalar("PRAGMA cache_size") == cache  # and the page cache to its size
    committed = demo_db.conn.execute("SELECT customer_id, score FROM customer_metrics "
                                     "ORDER BY customer_id").fetchall()
    assert committed != before
    assert book_file_scores() == committed  # copied back into the book file
    with demo_db.atomic():  # inside a caller's transaction its own commit decides
        demo_db.rescore(date(2026, 6, 15))
        assert demo_db.scalar("PRAGMA wal_autocheckpoint") == 1000
    assert demo_db.wait_for_checkpoint() == 0.0


def test_helper_connections_give_the_same_book(demo_db: Database,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from storage import parallel_reads, scoring_queries
    from storage.parallel_reads import ParallelReads

    monkeypatch.setattr(scoring_queries, "PARALLEL_MIN_CUSTOMERS", 10)
    # Whatever the machine's cores and load:
    monkeypatch.setattr(parallel_reads, "spare_cores", lambda: parallel_reads.MIN_SPARE_CORES)
    day = date(2026, 5, 31)  # later invoices exist: the bounded form of the aggregate
    alone, _ = load_book(demo_db, day, CONFIG)
    with ParallelReads(demo_db) as reads:
        assert reads.active
        split, _ = load_book(demo_db, day, CONFIG, reads=reads)
    assert split.customer_ids == alone.customer_ids
    for name in ("revenue", "invoices", "profit", "previous_revenue", "days_since_first",
                 "days_since_last", "invoices_due", "paid_on_time", "days_late", "ratings"):
        assert np.allclose(getattr(split, name), getattr(alone, name), equal_nan=True), name
    with ParallelReads(Database(":memory:")) as memory:
        assert not memory.active  # an in-memory book has no file to share
    result = demo_db.rescore(day)  # file-backed, not nested: helpers on
    assert result.summary.customers == len(alone)


def test_nested_rescore_sees_uncommitted_records(demo_db: Database) -> None:
    customer_id = demo_db.scalar("SELECT id FROM customers WHERE deleted_at IS NULL LIMIT 1")
    with demo_db.atomic():
        demo_db.conn.execute(  # behind the query API, inside a transaction not yet committed
            "INSERT INTO transactions (id, created_at, updated_at, customer_id, date, amount) "
            "VALUES ('t-new', '', '', ?, '2026-06-29', 123456789)", [customer_id])
        demo_db.rescore(date(2026, 6, 30))
        assert demo_db.scalar("SELECT revenue_12m FROM customer_metrics WHERE customer_id = ?",
                              [customer_id]) >= 123456789


def test_kept_migrations_agree_with_the_snapshots(demo_db: Database) -> None:
    """The tier-to-tier counts kept for neighbouring periods (m009) equal a join of the two
    periods' snapshots, after a backfill, a rewritten period, a period slotted in between and
    a quarterly series; other pairs are joined when asked for."""
    from storage import chart_data

    def joined(a: str, b: str) -> dict[tuple[str, str], int]:
        return {(r[0], r[1]): r[2] for r in demo_db.conn.execute(
            "SELECT x.tier, y.tier, count(*) FROM score_snapshots x JOIN score_snapshots y "
            "ON y.customer_id = x.customer_id AND y.period = ? WHERE x.period = ? "
            "GROUP BY 1, 2", [b, a])}

    def kept() -> dict[tuple[str, str], dict[tuple[str, str], int]]:
        result: dict[tuple[str, str], dict[tuple[str, str], int]] = {}
        for a, b, x, y, n in demo_db.conn.execute("SELECT * FROM snapshot_migrations"):
            result.setdefault((a, b), {})[(x, y)] = n
        return result

    def check() -> None:
        periods = chart_data.snapshot_periods(demo_db)
        pairs = list(pairwise(periods))
        assert set(kept()) == set(pairs)
        for a, b in pairs:
            assert kept()[(a, b)] == joined(a, b), (a, b)
        first, last = periods[0], periods[-1]
        shown = chart_data.migration(demo_db, first, last).counts
        assert {(x.value, y.value): n for (x, y), n in shown.items()} == joined(first, last)

    demo_db.backfill_snapshots(4, SnapshotPeriod.MONTH, as_of=date(2026, 6, 15))
    check()
    assert sum(kept()[("2026-04", "2026-05")].values()) > 0
    # Rewritten with other weights: its own and its neighbours' counts follow.
    config = demo_db.scoring_config()
    demo_db.backfill_snapshots(1, SnapshotPeriod.MONTH, as_of=date(2026, 4, 15),
                               config=replace(config, weights=preset_weights("strategic")))
    check()
    demo_db.backfill_snapshots(2, SnapshotPeriod.QUARTER, as_of=date(2026, 6, 15))
    check()


def _state_summary(db: Database) -> dict[str, object]:
    data = db.get_setting(scoring_store.SCORING_STATE_KEY)
    return {key: data[key] for key in ("as_of", "config", "summary", "quantiles",
                                       "guard_revenue")}


@pytest.mark.parametrize("change", [
    {"weights": preset_weights("strategic")},
    {"weights": preset_weights("balanced"), "threshold_strategic": 70.0, "threshold_key": 50.0},
    {"strategic_revenue_top_percent": None},
    {"strategic_revenue_top_percent": 5.0, "threshold_standard": 20.0},
])
def test_new_weights_re_tier_from_the_stored_points_as_a_full_rescore_would(
        demo_db: Database, change: dict[str, Any]) -> None:
    day = date(2026, 6, 15)
    demo_db.rescore(day)
    someone = demo_db.scalar("SELECT customer_id FROM customer_metrics WHERE score IS NOT NULL "
                             "ORDER BY customer_id LIMIT 1")
    demo_db.conn.execute("UPDATE customers SET tier_override = 'strategic' WHERE id = ?",
                         [someone])  # read fresh: an override is not a stored point
    demo_db.conn.commit()
    config = replace(demo_db.scoring_config(), **change)
    retiered = demo_db.update_scoring_config(config)
    assert retiered.scores is None  # the stored points were used
    assert retiered.changed_rows > 0
    stored = demo_db.query("SELECT customer_id, score, computed_tier, tier, tier_rank, score_key "
                           "FROM customer_metrics ORDER BY customer_id")
    state = _state_summary(demo_db)
    full = demo_db.rescore(day)  # from every transaction again, same settings
    assert full.scores is not None and full.changed_rows == 0
    assert demo_db.query("SELECT customer_id, score, computed_tier, tier, tier_rank, score_key "
                         "FROM customer_metrics ORDER BY customer_id") == stored
    assert _state_summary(demo_db) == state
    assert full.summary == retiered.summary
    assert demo_db.scalar("SELECT tier FROM customer_metrics WHERE customer_id = ?",
                          [someone]) == "strategic"


def test_new_weights_rescore_in_full_when_the_points_may_have_changed(
        demo_db: Database) -> None:
    day = date(2026, 6, 15)
    demo_db.rescore(day)
    customer = demo_db.get(Customer, demo_db.scalar(
        "SELECT customer_id FROM customer_metrics WHERE score IS NOT NULL LIMIT 1"))
    demo_db.add(invoice(customer, "2026-06-01", 5_000))  # stamps the customer's row
    strategic = replace(demo_db.scoring_config(), weights=preset_weights("strategic"))
    assert demo_db.update_scoring_config(strategic).scores is not None
    assert demo_db.update_scoring_config(  # unchanged book now: re-tiered
        replace(strategic, weights=preset_weights("balanced"))).scores is None
    assert demo_db.update_scoring_config(  # another window changes every point
        replace(strategic, window_months=6)).scores is not None
    assert demo_db.update_scoring_config(  # another date
        replace(strategic, weights=preset_weights("revenue_led")),
        as_of=date(2026, 6, 1)).scores is not None
    assert demo_db.rescore(date(2026, 6, 1)).changed_rows == 0


@given(st.lists(st.lists(st.one_of(st.none(), st.integers(0, 100)),
                         min_size=len(DIMENSIONS), max_size=len(DIMENSIONS)), max_size=30))
def test_stored_points_parse_back_all_at_once(rows: list[list[int | None]]) -> None:
    from storage.scoring_queries import parse_points_arrays, points_array_json

    points = np.array([[50 if v is None else v for v in row] for row in rows],
                      dtype=np.int64).reshape(len(rows), len(DIMENSIONS))
    missing = np.array([[v is None for v in row] for row in rows],
                       dtype=bool).reshape(len(rows), len(DIMENSIONS))
    parsed = parse_points_arrays(points_array_json(points, missing))
    assert parsed is not None
    assert np.array_equal(parsed[0], points) and np.array_equal(parsed[1], missing)
    assert [parse_points(text) for text in points_array_json(points, missing)] == [
        dict(zip(DIMENSIONS, row, strict=True)) for row in rows]


@pytest.mark.parametrize("text", ['{"revenue": 50}', "[1,2,3]", "[" + ",".join(["101"] * 15) + "]",
                                  "[" + ",".join(["x"] * 15) + "]", "[" + "1," * 14 + "]",
                                  "[" + ",".join(["1.5"] * 15) + "]", "[" + "-2," * 14 + "1]"])
def test_points_in_another_form_are_not_parsed_in_bulk(text: str) -> None:
    from storage.scoring_queries import parse_points_arrays

    assert parse_points_arrays(["[" + ",".join(["7"] * 15) + "]", text]) is None
