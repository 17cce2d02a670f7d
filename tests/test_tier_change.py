"""Why a tier changed (issue 19, point 7): the contributions of a 3-customer book over two
periods computed by hand, the book's answer, and ``explain --json``'s tier_change object; a
dimension not rated in one period, in the words of the command line and the portfolio in
both languages."""

from __future__ import annotations

import json
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from main import main
from models.config import DIMENSIONS
from models.entities import Customer, Transaction
from storage.book import Book
from storage.database import Database

BEFORE, AFTER = "2026-05", "2026-06"


def _points(**moved: int | None) -> str:
    return json.dumps([moved.get(name, 50) for name in DIMENSIONS])


def _three_customers(db: Database) -> dict[str, str]:
    """A falls key -> standard on revenue and frequency, B climbs standard -> key on profit
    and loyalty, C stays standard though its growth moved."""
    ids = {}
    for code in ("A", "B", "C"):
        ids[code] = db.add(Customer(name=f"Customer {code}", code=code)).id
        db.add(Transaction(customer_id=ids[code], date=date(2026, 3, 1), amount=1000.0))
    rows = [
        (BEFORE, "A", "2026-05-31", 63.0, "key", _points(revenue=62, frequency=55)),
        (AFTER, "A", "2026-06-30", 58.0, "standard", _points(revenue=41, frequency=40)),
        (BEFORE, "B", "2026-05-31", 55.0, "standard", _points(profit=40, loyalty=50)),
        (AFTER, "B", "2026-06-30", 61.0, "key", _points(profit=80, loyalty=75, margin=45)),
        (BEFORE, "C", "2026-05-31", 40.0, "standard", _points(growth=30)),
        (AFTER, "C", "2026-06-30", 42.0, "standard", _points(growth=60)),
    ]
    with db.atomic():
        for period, code, as_of, score, tier, dims in rows:
            db.conn.execute(
                "INSERT INTO score_snapshots (period, customer_id, as_of, score, tier, "
                "abc_class, lifecycle, revenue, dimensions, computed_at) "
                "VALUES (?, ?, ?, ?, ?, NULL, 'active', 0, ?, '2026-06-30T00:00:00Z')",
                [period, ids[code], as_of, score, tier, dims])
    return ids


def test_contributions_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "three.db"
    with Database(path) as db:
        ids = _three_customers(db)
    with Book(path) as book:
        latest = book.scoring.latest_tier_changes()
        a_changes = book.scoring.tier_changes(ids["A"])
        c_changes = book.scoring.tier_changes(ids["C"])
    assert set(latest) == {ids["A"], ids["B"]}  # C's tier stayed
    assert c_changes == ()
    a = latest[ids["A"]]
    assert a_changes == (a,)
    assert (a.from_period, a.to_period, a.tier_before.value, a.tier_after.value, a.steps) \
        == (BEFORE, AFTER, "key", "standard", -1)
    # Default weights: revenue 20 %, frequency 6 %. 62 x 0.20 = 12.4 -> 41 x 0.20 = 8.2;
    # 55 x 0.06 = 3.3 -> 40 x 0.06 = 2.4.
    assert [(d.dimension, d.contribution_before, d.contribution_after, d.contribution_change)
            for d in a.drivers] == [("revenue", 12.4, 8.2, -4.2), ("frequency", 3.3, 2.4, -0.9)]
    assert a.words(str) == "revenue 62\u219241 (\u221221), frequency 55\u219240 (\u221215)"
    b = latest[ids["B"]]
    # profit 15 %: 6.0 -> 12.0 (+6); loyalty 4 %: 2.0 -> 3.0 (+1); margin 5 %: 2.5 -> 2.25.
    assert [(d.dimension, d.points_change, d.contribution_change) for d in b.drivers] == [
        ("profit", 40, 6.0), ("loyalty", 25, 1.0), ("margin", -5, -0.25)]
    assert b.steps == 1
    assert b.words(str, count=2) == "profit 40\u219280 (+40), loyalty 50\u219275 (+25)"


def test_explain_json_has_the_tier_change(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "three.db"
    with Database(path) as db:
        _three_customers(db)
    assert main(["--db", str(path), "explain", "A", "--as-of", "2026-06-30", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"score", "tier", "dimensions", "levers", "closing_set"} <= set(data)
    change = data["tier_change"]
    assert (change["from_period"], change["to_period"]) == (BEFORE, AFTER)
    assert (change["tier_before"], change["tier_after"], change["steps"]) \
        == ("key", "standard", -1)
    assert change["drivers"][0] == {
        "dimension": "revenue", "points_before": 62, "points_after": 41, "points_change": -21,
        "weight": 20.0, "contribution_before": 12.4, "contribution_after": 8.2,
        "contribution_change": -4.2}
    assert change["summary"].startswith("revenue 62\u219241 (\u221221)")
    assert main(["--db", str(path), "explain", "C", "--as-of", "2026-06-30", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tier_change"] is None
    assert main(["--db", str(path), "explain", "A", "--as-of", "2026-06-30"]) == 0
    assert "Tier changed from key (2026-05) to standard (2026-06)" in capsys.readouterr().out


def _unrated(db: Database) -> dict[str, str]:
    """D climbs standard -> key on revenue 50 -> 65 and loyalty first rated, 100; E falls
    key -> standard when its profit, rated 70, has no data any more."""
    ids = {}
    for code in ("D", "E"):
        ids[code] = db.add(Customer(name=f"Customer {code}", code=code)).id
        db.add(Transaction(customer_id=ids[code], date=date(2026, 3, 1), amount=1000.0))
    rows = [
        (BEFORE, "D", "2026-05-31", 50.0, "standard", _points(loyalty=None)),
        (AFTER, "D", "2026-06-30", 55.0, "key", _points(revenue=65, loyalty=100)),
        (BEFORE, "E", "2026-05-31", 61.0, "key", _points(profit=70)),
        (AFTER, "E", "2026-06-30", 58.0, "standard", _points(profit=None)),
    ]
    with db.atomic():
        for period, code, as_of, score, tier, dims in rows:
            db.conn.execute(
                "INSERT INTO score_snapshots (period, customer_id, as_of, score, tier, "
                "abc_class, lifecycle, revenue, dimensions, computed_at) "
                "VALUES (?, ?, ?, ?, ?, NULL, 'active', 0, ?, '2026-06-30T00:00:00Z')",
                [period, ids[code], as_of, score, tier, dims])
    return ids


@pytest.mark.usefixtures("cli_english_afterwards")
def test_a_dimension_not_rated_in_one_period(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Not rated is said so, not "–→100 (+50)"; it is a driver, ranked by what it moved the
    score from the neutral 50 it was scored at."""
    from storage.export_labels import Labels
    from storage.export_portfolio_segments import tier_change_text

    path = tmp_path / "unrated.db"
    with Database(path) as db:
        ids = _unrated(db)
    with Book(path) as book:
        latest = book.scoring.latest_tier_changes()
        assert book.scoring.tier_changes(ids["D"])[0] == latest[ids["D"]]
    d, e = latest[ids["D"]], latest[ids["E"]]
    # Default weights: revenue 20 %: 50 x 0.20 = 10.0 -> 65 x 0.20 = 13.0 (+3.0); loyalty 4 %:
    # not rated, scored at 50: 2.0 -> 100 x 0.04 = 4.0 (+2.0).
    assert [(c.dimension, c.points_before, c.points_after, c.contribution_change,
             c.rated_both) for c in d.drivers] == [
        ("revenue", 50, 65, 3.0, True), ("loyalty", None, 100, 2.0, False)]
    # Profit 15 %: 70 x 0.15 = 10.5 -> not rated, 50 x 0.15 = 7.5 (-3.0).
    assert [(c.dimension, c.points_before, c.points_after, c.contribution_change)
            for c in e.drivers] == [("profit", 70, None, -3.0)]
    assert d.words(str) == "revenue 50\u219265 (+15), loyalty not rated \u2192 100"
    assert e.words(str) == "profit 70 \u2192 not rated"
    # The portfolio's column, in both languages.
    assert tier_change_text(d, Labels("en")) == \
        "Standard \u2192 Key: Revenue 50\u219265 (+15), Loyalty not rated \u2192 100"
    assert tier_change_text(d, Labels("zh_CN")) == \
        "普通客户 \u2192 重点客户：销售额 50\u219265（+15），忠诚度 未评分\u2192100"
    assert tier_change_text(e, Labels("zh_CN")) == \
        "重点客户 \u2192 普通客户：利润贡献 70\u2192未评分"
    # explain, in both languages, and its JSON (points_before null, no invented change).
    assert main(["--db", str(path), "explain", "D", "--as-of", "2026-06-30"]) == 0
    assert "moved most by: revenue 50\u219265 (+15), loyalty not rated \u2192 100." \
        in capsys.readouterr().out
    assert main(["--db", str(path), "--lang", "zh_CN", "explain", "E",
                 "--as-of", "2026-06-30"]) == 0
    out = capsys.readouterr().out
    assert "利润贡献 70\u2192未评分" in out and "(+" not in out and "\u2013" not in out
    assert main(["--db", str(path), "--lang", "zh_CN", "explain", "D",
                 "--as-of", "2026-06-30"]) == 0
    assert "销售额 50\u219265（+15）、忠诚度 未评分\u2192100" in capsys.readouterr().out
    assert main(["--db", str(path), "explain", "D", "--as-of", "2026-06-30", "--json"]) == 0
    loyalty = json.loads(capsys.readouterr().out)["tier_change"]["drivers"][1]
    assert (loyalty["points_before"], loyalty["points_after"],
            loyalty["contribution_change"]) == (None, 100, 2.0)


def test_the_demo_has_tier_changes_to_explain(tmp_path: Path) -> None:
    """A first look meets real moves: the demo snapshots the two months before its own."""
    with Book(tmp_path / "demo.db") as book:
        book.demo.generate(200, seed=2, anchor=date(2026, 12, 7))
        assert book.charts.snapshot_periods() == ["2026-10", "2026-11", "2026-12"]
        changes = book.scoring.latest_tier_changes()
        assert changes
        for change in changes.values():
            assert (change.from_period, change.to_period) == ("2026-11", "2026-12")
            assert change.drivers and change.tier_before is not change.tier_after
            # The drivers explain the direction: their contributions move the score the way
            # the tier went.
            moved = sum(d.contribution_change for d in change.drivers)
            assert (moved > 0) == (change.steps > 0)


def test_the_revenue_guard_is_named_when_the_score_stayed_strategic() -> None:
    from models.enums import LifecycleStage, Tier
    from models.scores import ScoreSnapshot
    from models.tier_change import tier_change

    def snap(period: str, score: float, tier: Tier, revenue: int) -> ScoreSnapshot:
        return ScoreSnapshot(customer_id="D", period=period, as_of=date(2026, 6, 30),
                             score=score, tier=tier, abc_class=None,
                             lifecycle=LifecycleStage.ACTIVE, revenue=0.0,
                             dimensions={"revenue": revenue})

    weights = {"revenue": 100.0}
    held = tier_change(snap(BEFORE, 78.0, Tier.STRATEGIC, 78), snap(AFTER, 77.0, Tier.KEY, 77),
                       weights, guard_threshold=75.0)
    assert held is not None and held.revenue_guard
    dropped = tier_change(snap(BEFORE, 78.0, Tier.STRATEGIC, 78),
                          snap(AFTER, 70.0, Tier.KEY, 70), weights, guard_threshold=75.0)
    assert dropped is not None and not dropped.revenue_guard
    assert dropped.words(str) == "revenue 78\u219270 (\u22128)"
    off = tier_change(snap(BEFORE, 78.0, Tier.STRATEGIC, 78), snap(AFTER, 77.0, Tier.KEY, 77),
                      weights, guard_threshold=None)
    assert off is not None and not off.revenue_guard


def test_the_books_changes_agree_with_each_customers(tmp_path: Path) -> None:
    """The portfolio's batch (numpy) and the overview's one-customer reading give the same
    changes, drivers in the same order."""
    with Book(tmp_path / "demo.db") as book:
        book.demo.generate(300, seed=4, anchor=date(2026, 12, 7))
        latest = book.scoring.latest_tier_changes()
        assert len(latest) > 5
        for customer_id, change in latest.items():
            assert book.scoring.tier_changes(customer_id)[0] == change


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 100)), min_size=15, max_size=15),
       st.lists(st.one_of(st.none(), st.integers(0, 100)), min_size=15, max_size=15),
       st.lists(st.sampled_from([0.0, 2.5, 4.0, 5.0, 6.25, 10.0, 20.0]), min_size=15,
                max_size=15))
def test_batch_and_single_changes_agree(old: list[int | None], new: list[int | None],
                                        weights: list[float]) -> None:
    import numpy as np

    from models.enums import LifecycleStage, Tier
    from models.scores import ScoreSnapshot
    from models.tier_change import PeriodPair, tier_change, tier_changes_between

    named = dict(zip(DIMENSIONS, weights, strict=True))

    def snap(period: str, values: list[int | None], tier: Tier) -> ScoreSnapshot:
        return ScoreSnapshot(customer_id="X", period=period, as_of=date(2026, 6, 30),
                             score=50.0, tier=tier, abc_class=None,
                             lifecycle=LifecycleStage.ACTIVE, revenue=0.0,
                             dimensions=dict(zip(DIMENSIONS, values, strict=True)))

    single = tier_change(snap(BEFORE, old, Tier.KEY), snap(AFTER, new, Tier.STANDARD), named)

    def arrays(values: list[int | None]) -> tuple[np.ndarray, np.ndarray]:
        missing = np.array([v is None for v in values])
        return np.array([[50 if v is None else v for v in values]]), missing.reshape(1, -1)

    (pb, mb), (pa, ma) = arrays(old), arrays(new)
    pair = PeriodPair(
        from_period=BEFORE, to_period=AFTER, as_of=date(2026, 6, 30), customer_ids=["X"],
        tiers_before=[Tier.KEY], tiers_after=[Tier.STANDARD], scores_before=[50.0],
        scores_after=[50.0], points_before=pb, missing_before=mb, points_after=pa,
        missing_after=ma)
    batch = tier_changes_between(pair, named)
    assert batch == {"X": single}
    assert single is not None
    # The portfolio's column asks for the first two drivers alone: the same two.
    for count in (0, 1, 2):
        first = tier_changes_between(pair, named, drivers=count)["X"]
        assert first.drivers == single.drivers[:count]
        assert first.words(str, count=count) == single.words(str, count=count)
    moved = [d.contribution_change for d in single.drivers]
    assert all(abs(a) >= abs(b) - 0.011 for a, b in pairwise(moved))  # largest move first
