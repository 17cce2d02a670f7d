"""The value engine's pure logic: normalisation, scores, tiers, ABC, lifecycle, explanations,
migration — on small books whose expected figures are worked out by hand in the comments."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.config import DIMENSIONS, RATED_DIMENSIONS, ScoringConfig
from models.dimensions import BookFigures, CustomerFigures
from models.enums import AbcClass, LifecycleStage, Tier
from models.explain import explain, scored_customer
from models.migration import build_migration
from models.normalise import percentile_points, point_quantiles, timeliness_points
from models.pareto import NO_CLASS, abc_classes, concentration, pareto_curve
from models.periods import Period, Window, add_months, periods_before
from models.scores import ScoreSnapshot
from models.scoring import score_book
from models.validation import ValidationErrors

AS_OF = date(2026, 6, 30)
WINDOW = Window.ending(AS_OF, 12)

#: A simple weighting so the arithmetic stays human: five dimensions, the rest 0.
WEIGHTS: dict[str, float] = {"revenue": 40, "profit": 20, "frequency": 10, "timeliness": 10,
                             "loyalty": 20}
CONFIG = ScoringConfig(weights=WEIGHTS)


def small_book() -> BookFigures:
    """Five customers (their SQL twin is in test_scoring_store.py):

    A: revenue 2000 (3 invoices), profit 400, all 3 due invoices paid on time, loyalty 5.
    B: revenue 1000 (2 invoices), profit 100, 2 due, 1 on time, 30 days late in all, loyalty 3.
    C: revenue 1000 (1 invoice without due date), profit 300, no assessment; first bought 90
       days before the as-of date.
    D: never bought (potential), no assessment.
    E: 3000 in the previous window only (churned), loyalty 1.
    """
    return BookFigures.from_customers([
        CustomerFigures("A", revenue=2000, invoices=3, profit=400, profit_invoices=3,
                        revenue_with_profit=2000, first_purchase=date(2026, 1, 10),
                        last_purchase=date(2026, 5, 10), invoices_due=3, paid_on_time=3,
                        ratings={"loyalty": 5}),
        CustomerFigures("B", revenue=1000, invoices=2, profit=100, profit_invoices=2,
                        revenue_with_profit=1000, first_purchase=date(2025, 9, 1),
                        last_purchase=date(2026, 2, 1), invoices_due=2, paid_on_time=1,
                        days_late=30, ratings={"loyalty": 3}),
        CustomerFigures("C", revenue=1000, invoices=1, profit=300, profit_invoices=1,
                        revenue_with_profit=1000, first_purchase=date(2026, 4, 1),
                        last_purchase=date(2026, 4, 1)),
        CustomerFigures("D"),
        CustomerFigures("E", previous_revenue=3000, first_purchase=date(2025, 3, 1),
                        last_purchase=date(2025, 3, 1), ratings={"loyalty": 1}),
    ], WINDOW)


def test_percentile_points_share_tied_ranks() -> None:
    # ranks 1, 2.5, 2.5, 4 of n = 4 -> 100 * (r - 1) / 3
    points = percentile_points(np.array([10.0, 20.0, 20.0, 30.0, np.nan]))
    assert points[:4].tolist() == [0.0, 50.0, 50.0, 100.0]
    assert np.isnan(points[4])
    assert percentile_points(np.array([7.0, 7.0, 7.0])).tolist() == [50.0, 50.0, 50.0]
    assert percentile_points(np.array([3.0])).tolist() == [50.0]
    assert percentile_points(np.array([])).size == 0


def test_a_heavy_tail_does_not_squash_the_rest() -> None:
    points = percentile_points(np.array([1.0, 2.0, 3.0, 4.0, 1e12]))
    assert points.tolist() == [0.0, 25.0, 50.0, 75.0, 100.0]


def test_timeliness_formula() -> None:
    # 100 * (0.7 * 0.5 + 0.3 * (1 - 15 / 60)) = 57.5; 60+ days late -> lateness part 0
    assert timeliness_points(np.array([0.5]), np.array([15.0]))[0] == pytest.approx(57.5)
    assert timeliness_points(np.array([1.0]), np.array([0.0]))[0] == pytest.approx(100.0)
    assert timeliness_points(np.array([0.0]), np.array([90.0]))[0] == pytest.approx(0.0)


def test_hand_computed_scores_and_tiers() -> None:
    scores = score_book(small_book(), CONFIG)
    # Revenue 2000, 1000, 1000, 0, 0: D and E share ranks 1-2 (12.5 -> 13 points), B and C
    # ranks 3-4 (62.5 -> 63), A rank 5 (100). Profit 400, 100, 300, 0, 0 -> 100, 50, 75,
    # 13, 13. Frequency 3, 2, 1, 0, 0 -> 100, 75, 50, 13, 13. Timeliness: A 100; B
    # 100 * (0.7 * 1/2 + 0.3 * (1 - 15/60)) = 57.5 -> 58; C, D, E missing -> 50.
    # Loyalty 5 -> 100, 3 -> 50, missing -> 50, missing -> 50, 1 -> 0.
    column = {name: DIMENSIONS.index(name) for name in WEIGHTS}
    expected_points = {
        "A": (100, 100, 100, 100, 100), "B": (63, 50, 75, 58, 50), "C": (63, 75, 50, 50, 50),
        "D": (13, 13, 13, 50, 50), "E": (13, 13, 13, 50, 0),
    }
    for customer, points in expected_points.items():
        row = scores.points[scores.index(customer)]
        assert tuple(int(row[column[n]]) for n in WEIGHTS) == points, customer
    # Scores = sum of points x weight / 100:
    # A 40 + 20 + 10 + 10 + 20 = 100; B 25.2 + 10 + 7.5 + 5.8 + 10 = 58.5;
    # C 25.2 + 15 + 5 + 5 + 10 = 60.2; D 5.2 + 2.6 + 1.3 + 5 + 10 = 24.1;
    # E 5.2 + 2.6 + 1.3 + 5 + 0 = 14.1.
    assert scores.score.tolist() == [100.0, 58.5, 60.2, 24.1, 14.1]
    # Thresholds 75 / 60 / 35; the guard (top 20 % of 5 = nobody ahead) lets A through.
    tiers = [t.value for t in (Tier(v) for v in
                               ["strategic", "standard", "key", "low_value", "low_value"])]
    assert [list(Tier)[r].value for r in scores.tier] == tiers
    # ABC: A alone is 50 % of 4000; B and C tie and both start at 50 % < 80 % -> A; no
    # revenue -> C. 3 of the 3 buying customers are needed to reach 80 %.
    assert scores.abc.tolist() == [0, 0, 0, 2, 2]
    assert scores.concentration.customers_needed == 3
    assert scores.concentration.buying_customers == 3
    # Lifecycle: C's first purchase is exactly 90 days ago -> new; E last bought 16 months
    # ago -> churned; D never -> potential.
    stages = [scored_customer(scores, c).lifecycle for c in "ABCDE"]
    assert stages == [LifecycleStage.ACTIVE, LifecycleStage.ACTIVE, LifecycleStage.NEW,
                      LifecycleStage.POTENTIAL, LifecycleStage.CHURNED]


def test_missing_dimensions_are_flagged_not_zero() -> None:
    scores = score_book(small_book(), CONFIG)
    missing = scores.raw.missing
    d = scores.index("D")
    # D bought nothing: revenue, profit, frequency and tenure are facts (0), margin, growth,
    # timeliness and every rating are missing and scored at the neutral 50.
    for name in ("revenue", "profit", "frequency", "tenure"):
        assert not missing[d, DIMENSIONS.index(name)]
        assert scores.raw.values[d, DIMENSIONS.index(name)] == 0
    for name in ("margin", "growth", "timeliness", *RATED_DIMENSIONS):
        assert missing[d, DIMENSIONS.index(name)], name
        assert scores.points[d, DIMENSIONS.index(name)] == 50
    # Invoices without any profit figure: profit unknown rather than zero.
    book = BookFigures.from_customers([CustomerFigures("X", revenue=5, invoices=1),
                                       CustomerFigures("Y", revenue=9, invoices=1, profit=2,
                                                       profit_invoices=1,
                                                       revenue_with_profit=9)], WINDOW)
    raw = score_book(book, CONFIG).raw
    assert raw.missing[0, DIMENSIONS.index("profit")]
    assert raw.values[1, DIMENSIONS.index("margin")] == pytest.approx(2 / 9)


def test_all_equal_revenue() -> None:
    book = BookFigures.from_customers(
        [CustomerFigures(f"c{i}", revenue=500, invoices=1, first_purchase=date(2026, 1, 1),
                         last_purchase=date(2026, 1, 1)) for i in range(10)], WINDOW)
    scores = score_book(book, CONFIG)
    assert set(scores.points[:, DIMENSIONS.index("revenue")].tolist()) == {50}
    assert len(set(scores.score.tolist())) == 1
    assert set(scores.abc.tolist()) == {0}  # one block, starting at 0 % -> all A
    assert scores.concentration.customers_needed == 8  # 8 x 500 = 80 % of 5000
    assert scores.concentration.percent_of_buying == pytest.approx(80.0)


def test_empty_book_and_book_without_revenue() -> None:
    empty = score_book(BookFigures.from_customers([], WINDOW), CONFIG)
    assert len(empty) == 0 and empty.summary().customers == 0
    assert empty.concentration.percent_of_buying is None
    quiet = score_book(BookFigures.from_customers([CustomerFigures("a"), CustomerFigures("b")],
                                                  WINDOW), CONFIG)
    assert quiet.abc.tolist() == [NO_CLASS, NO_CLASS]
    assert quiet.summary().tier_revenue_share(Tier.KEY) is None


def test_revenue_guard_holds_a_strategic_score_at_key() -> None:
    # Six customers; revenue only counts 10 %, loyalty 90 %. F has the top score (loyal, 5)
    # but the 4th revenue: three customers are ahead of it, not fewer than 20 % of 6 = 1.2.
    config = ScoringConfig(weights={"revenue": 10, "loyalty": 90})
    book = BookFigures.from_customers(
        [CustomerFigures(f"c{i}", revenue=100 * (i + 1), invoices=1, ratings={"loyalty": 2})
         for i in range(5)]
        + [CustomerFigures("F", revenue=250, invoices=1, ratings={"loyalty": 5})], WINDOW)
    scores = score_book(book, config)
    f = scores.index("F")
    # F: revenue rank 3 of 6 -> 100 * 2 / 5 = 40 points -> 4.0; loyalty 100 -> 90.0.
    assert scores.score[f] == pytest.approx(94.0)
    assert list(Tier)[scores.computed_tier[f]] is Tier.KEY and scores.guard_blocked[f]
    explanation = explain(scored_customer(scores, "F"), config,
                          guard_revenue=scores.guard_revenue)
    assert explanation.guard_blocked and explanation.next_tier is Tier.STRATEGIC
    # In the top 20 %: fewer than 1.2 customers ahead -> 500 (none ahead), 400 (one ahead).
    assert explanation.guard_revenue == 400
    off = score_book(book, replace(config, strategic_revenue_top_percent=None))
    assert list(Tier)[off.tier[f]] is Tier.STRATEGIC


def test_overrides_replace_and_are_reported() -> None:
    book = small_book()
    book.tier_override[1] = "key"  # B
    book.lifecycle_override[3] = "churned"  # D
    scores = score_book(book, CONFIG)
    b = scored_customer(scores, "B")
    assert b.tier is Tier.KEY and b.computed_tier is Tier.STANDARD and b.tier_overridden
    d = scored_customer(scores, "D")
    assert d.lifecycle is LifecycleStage.CHURNED and d.lifecycle_overridden
    e = explain(b, CONFIG, override_reason="Strategic partner in 2027")
    assert e.override_reason == "Strategic partner in 2027"
    assert scores.summary().overridden == 1


def test_explanation_levers_for_b() -> None:
    scores = score_book(small_book(), CONFIG)
    e = explain(scored_customer(scores, "B"), CONFIG, quantiles=scores.quantiles)
    assert e.score == 58.5 and e.next_tier is Tier.KEY
    assert e.points_to_next_tier == pytest.approx(1.5)
    # Gap 1.50 = 150 hundredths. Alone: revenue 63 -> 67 (67 x 40 - 2520 = 160), profit
    # 50 -> 58 (+8), timeliness 58 -> 73 and frequency 75 -> 90 (+15 each; timeliness can add
    # more, so first), loyalty 3 -> 4 (+25 points). Tenure is never a lever.
    assert [lever.dimension for lever in e.levers] == ["revenue", "profit", "timeliness",
                                                       "frequency", "loyalty"]
    assert [lever.target_points for lever in e.levers] == [67, 58, 73, 90, 75]
    assert e.levers[-1].target_raw == 4.0
    # Revenue: tied at 1000 with C, so the target is the next value above 1000 in the book.
    assert 1000 < (e.levers[0].target_raw or 0) < 2000
    assert e.closing_set == ("revenue",)
    assert e.missing == ("growth", "payment_credit", "need_quality", "communication",
                         "industry_influence", "growth_potential", "synergy", "satisfaction")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e3, 1e7), st.integers(0, 40), st.floats(0, 1),
                          st.one_of(st.none(), st.integers(1, 5)), st.integers(0, 2000)),
                min_size=1, max_size=25),
       st.lists(st.integers(0, 20), min_size=len(DIMENSIONS), max_size=len(DIMENSIONS)))
def test_contributions_always_add_up_to_the_score(
        rows: list[tuple[float, int, float, int | None, int]], raw_weights: list[int]) -> None:
    total = sum(raw_weights) or 1
    weights = {name: round(100 * w / total, 2) for name, w in zip(DIMENSIONS, raw_weights,
                                                                    strict=True)}
    weights[DIMENSIONS[0]] += round(100 - sum(weights.values()), 2)
    config = ScoringConfig(weights=weights)
    try:
        config = config.validated()
    except ValidationErrors:
        return
    book = BookFigures.from_customers([
        CustomerFigures(f"c{i}", revenue=revenue, invoices=count, profit=revenue * margin,
                        profit_invoices=count, revenue_with_profit=revenue,
                        previous_revenue=revenue / 2 + days, invoices_due=count,
                        paid_on_time=count // 2, days_late=days / 10,
                        first_purchase=date.fromordinal(AS_OF.toordinal() - days),
                        last_purchase=AS_OF,
                        # no rating: left out, as a book without the assessment reads
                        ratings={r: rating for r in RATED_DIMENSIONS if rating is not None})
        for i, (revenue, count, margin, rating, days) in enumerate(rows)], WINDOW)
    scores = score_book(book, config)
    for customer_id in scores.customer_ids:
        e = explain(scored_customer(scores, customer_id), config, quantiles=scores.quantiles)
        assert sum(round(line.contribution * 100) for line in e.lines) == round(e.score * 100)
        assert round(sum(line.contribution for line in e.lines), 2) == e.score
        assert e.score == scores.score[scores.index(customer_id)]
        assert all(0 <= line.points <= 100 for line in e.lines)


def test_abc_classes_and_pareto_curve() -> None:
    # 10 customers: 500, 200, 100, 100, 50, 20, 10, 10, 10, 0; total 1000.
    revenue = np.array([500, 200, 100, 100, 50, 20, 10, 10, 10, 0], dtype=float)
    # share before: 0, 50, 70, 70 (tie block), 90, 95, 97, 97, 97 -> A A A A B C C C C; 0 -> C
    assert abc_classes(revenue, 80, 95).tolist() == [0, 0, 0, 0, 1, 2, 2, 2, 2, 2]
    c = concentration(revenue, 80)
    assert c.customers_needed == 3 and c.buying_customers == 9  # 500 + 200 + 100 = 80 %
    assert c.percent_of_all == pytest.approx(30.0)
    x, y = pareto_curve(revenue)
    assert x[0] == 0 and y[0] == 0 and x[-1] == 100 and y[-1] == pytest.approx(100)
    assert y[1] == pytest.approx(50)


def test_periods_and_windows() -> None:
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    window = Window.ending(date(2026, 6, 30), 12)
    assert (window.start, window.previous_start) == (date(2025, 6, 30), date(2024, 6, 30))
    q = Period.parse("2026-q2")
    assert (q.label, q.start, q.end) == ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30))
    assert [p.label for p in periods_before(date(2026, 2, 10), q.kind, 3)] == \
        ["2025-Q2", "2025-Q3", "2025-Q4"]
    month = Period.containing(date(2026, 2, 10), Period.parse("2026-01").kind)
    assert (month.label, month.end) == ("2026-02", date(2026, 2, 28))
    with pytest.raises(ValueError):
        Period.parse("2026-13")


def test_point_quantiles() -> None:
    table = point_quantiles(np.array([0.0, 10.0, 20.0, np.nan]))
    assert table is not None and table[0] == 0 and table[50] == 10 and table[100] == 20
    assert point_quantiles(np.array([np.nan])) is None


def test_migration_names_the_dimensions_that_moved() -> None:
    def snap(customer: str, period: str, tier: Tier, score: float,
             dims: dict[str, float | None]) -> ScoreSnapshot:
        return ScoreSnapshot(customer_id=customer, period=period, as_of=AS_OF, score=score,
                             tier=tier, abc_class=AbcClass.A, lifecycle=LifecycleStage.ACTIVE,
                             revenue=0, dimensions=dims)

    up = (snap("r", "2026-03", Tier.STANDARD, 50, {"revenue": 40, "loyalty": 50}),
          snap("r", "2026-04", Tier.KEY, 64, {"revenue": 70, "loyalty": 25}))
    down = (snap("q", "2026-03", Tier.KEY, 61, {"revenue": 60, "loyalty": None}),
            snap("q", "2026-04", Tier.STANDARD, 55, {"revenue": 45, "loyalty": None}))
    same = (snap("p", "2026-03", Tier.KEY, 61, {}), snap("p", "2026-04", Tier.KEY, 62, {}))
    matrix = {(Tier.STANDARD, Tier.KEY): 1, (Tier.KEY, Tier.STANDARD): 1, (Tier.KEY, Tier.KEY): 1}
    migration = build_migration("2026-03", "2026-04", matrix, 0, 0, [up, down, same],
                                {"revenue": 40, "loyalty": 20})
    assert (migration.up, migration.down, migration.unchanged) == (1, 1, 1)
    first, second = migration.moves
    assert first.customer_id == "r" and first.steps == 1
    # revenue +30 x 40 % = +12 points; loyalty -25 x 20 % = -5 points
    assert [(d.dimension, d.change, d.impact) for d in first.drivers] == \
        [("revenue", 30, 12.0), ("loyalty", -25, -5.0)]
    assert second.steps == -1 and second.drivers[0].dimension == "revenue"
