"""Chart builders: content (bars, labels, the engine's concentration figure, tier colours),
empty and tiny books, Chinese without missing glyphs, and the chart command's files."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.patches import Polygon, Rectangle
from PySide6.QtCore import QCoreApplication

from main import main
from models.config import DIMENSIONS
from models.entities import Customer
from models.enums import LifecycleStage, RelationshipLevel, Tier
from models.pareto import concentration
from storage.book import MEMORY, Book
from storage.book.types import MatrixPoints, TierRevenueHistory
from storage.database import Database
from ui.gui.charts import book_charts, history_charts
from ui.gui.charts.catalog import KINDS, ChartRequest, ChartRequestError, build_chart
from ui.gui.charts.style import Chart, money
from ui.gui.style.tier_palette import TIER_COLOURS
from ui.gui.text import i18n

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _score_book(db: Database, seed: int = 1) -> None:
    """Give every customer a made-up score, tier and dimension points (charts only read)."""
    rng = random.Random(seed)
    tiers = list(Tier)
    for (customer_id,) in db.conn.execute("SELECT customer_id FROM customer_metrics").fetchall():
        rank = rng.choice([0, 1, 1, 2, 2, 2, 3, 3])
        points: dict[str, int | None] = {
            d: rng.randrange(0, 101) for d in ("revenue", "growth_potential", "loyalty")}
        if rng.random() < 0.3:
            points["growth_potential"] = None
        db.conn.execute(
            "UPDATE customer_metrics SET score = ?, tier = ?, tier_rank = ?, lifecycle = ?, "
            "abc_class = ?, dimensions = ?, growth_points = ? WHERE customer_id = ?",
            [rng.uniform(0, 100), tiers[rank].value, rank,
             rng.choice(list(LifecycleStage)).value, rng.choice("ABC"), json.dumps(points),
             points["growth_potential"], customer_id])
    for period, offset in (("2026-04", 0), ("2026-05", 1)):
        db.conn.execute(
            "INSERT INTO score_snapshots (period, customer_id, as_of, score, tier, abc_class, "
            "lifecycle, revenue, dimensions, computed_at) SELECT ?, customer_id, '2026-05-31', "
            "coalesce(score, 0), CASE WHEN tier_rank + ? > 3 THEN 'low_value' ELSE "
            "coalesce(tier, 'standard') END, abc_class, coalesce(lifecycle, 'active'), "
            "revenue_12m, dimensions, 'now' FROM customer_metrics", [period, offset])
    db.conn.commit()


@pytest.fixture
def book(demo_db: Database) -> Iterator[Book]:
    """The private demo copy, opened as the charts read it."""
    with Book(demo_db.path) as opened:
        yield opened


@pytest.fixture
def scored(book: Book) -> Book:
    _score_book(book.reader)
    return book


@pytest.fixture
def fresh() -> Iterator[Book]:
    """An empty book in memory."""
    with Book(MEMORY) as opened:
        yield opened


def _bars_of(axes: Axes) -> list[Rectangle]:
    """The axes' patches, each a bar."""
    assert all(isinstance(p, Rectangle) for p in axes.patches)
    return [p for p in axes.patches if isinstance(p, Rectangle)]


def _bars(chart: Chart) -> list[object]:
    return [t.artist for t in chart.targets]


def test_tiers_chart_counts_and_colours(scored: Book) -> None:
    dist = scored.charts.tier_distribution()
    assert dist.total_customers == 300
    chart = book_charts.tiers_chart(dist)
    counts_axes, revenue_axes = chart.figure.axes
    assert len(counts_axes.patches) == 4 and len(revenue_axes.patches) == 4
    assert [p.get_height() for p in _bars_of(counts_axes)] == [dist.customers[t] for t in Tier]
    assert sum(p.get_height() for p in _bars_of(revenue_axes)) == pytest.approx(100)
    for patch, tier in zip(counts_axes.patches, Tier, strict=True):
        assert to_hex(patch.get_facecolor()) == TIER_COLOURS[tier]
    assert [t.get_text() for t in counts_axes.get_xticklabels()] == [
        "Strategic", "Key", "Standard", "Low value"]
    assert counts_axes.get_ylabel() == "Customers"
    assert chart.targets[0].filter == {"tiers": {Tier.STRATEGIC}}


def test_pareto_annotation_is_the_engines_figure(scored: Book) -> None:
    revenue = scored.charts.book_revenue()
    figure = concentration(revenue)
    chart = build_chart(scored, ChartRequest("pareto"))
    texts = [t.get_text() for t in chart.figure.axes[0].texts]
    expected = f"{figure.percent_of_all:.1f} % of customers bring 80 % of revenue"
    assert expected in texts
    assert {"A", "B", "C"} <= set(texts)
    assert [t.filter for t in chart.targets] == [{"abc_classes": {c}} for c in "ABC"] or \
        len(chart.targets) == 3


def test_matrix_draws_rated_customers_and_says_how_many_are_not(scored: Book) -> None:
    points = scored.charts.value_potential()
    assert points.unrated > 0 and points.score.size + points.unrated == 300
    chart = build_chart(scored, ChartRequest("matrix"))
    axes = chart.figure.axes[0]
    drawn = sum(len(np.asarray(c.get_offsets())) for c in axes.collections)
    assert drawn == points.score.size
    assert axes.get_xlabel().startswith("Growth potential (points)")
    assert f"{points.unrated} customers without a growth-potential rating" in axes.get_xlabel()


def test_a_large_matrix_is_one_picture_that_still_answers_the_pointer() -> None:
    """From DENSE_POINTS customers the matrix composites the points into one image; each
    tier's target says how many customers it holds and is hit where that tier is on top."""
    from matplotlib.backend_bases import MouseEvent

    rng = np.random.default_rng(3)
    n = 5_000
    ranks = rng.integers(0, 4, n)
    score = np.clip(90.0 - 20.0 * ranks + rng.normal(0, 4, n), 0, 100)
    potential = rng.choice([0.0, 25.0, 50.0, 75.0, 100.0], n)
    points = MatrixPoints(score=score, potential=potential, tier_rank=ranks, unrated=0)
    chart = book_charts.matrix_chart(points, value_line=60.0)
    axes = chart.figure.axes[0]
    assert len(axes.images) == 1 and not axes.collections
    by_tier = {next(iter(t.filter["tiers"])): t for t in chart.targets}
    counts = {tier: int(t.tooltip.split(": ")[1].split()[0].replace(",", ""))
              for tier, t in by_tier.items()}
    assert counts == {tier: int((ranks == rank).sum()) for rank, tier in enumerate(Tier)}
    picture = axes.images[0].get_array()
    assert picture is not None
    assert picture.shape[2] == 3 and float(picture.min()) < 0.9  # something was painted
    chart.figure.canvas.draw()
    strategic = by_tier[Tier.STRATEGIC].artist
    # The pointer over the strategic customers' band (score ~90, potential 50) hits them.
    band = float(np.median(score[(ranks == 0) & (potential == 50.0)]))
    x, y = axes.transData.transform((50.0, band))
    event = MouseEvent("motion_notify_event", chart.figure.canvas, x, y)
    assert strategic.contains(event)[0]
    x, y = axes.transData.transform((12.0, 5.0))  # nobody there
    assert not strategic.contains(MouseEvent("motion_notify_event", chart.figure.canvas,
                                             x, y))[0]


def test_distributions_and_history_charts(scored: Book) -> None:
    lifecycle = build_chart(scored, ChartRequest("lifecycle"))
    assert len(lifecycle.figure.axes[0].patches) == len(LifecycleStage)
    relationship = build_chart(scored, ChartRequest("relationship"))
    heights = [p.get_height() for p in _bars_of(relationship.figure.axes[0])]
    assert sum(heights) == 300 and len(heights) == len(RelationshipLevel)
    migration = build_chart(scored, ChartRequest("migration"))
    assert "2026-04 → 2026-05" in migration.figure.axes[0].get_title()
    moved = scored.charts.migration("2026-04", "2026-05")
    assert sum(moved.counts.values()) == 300
    target = next(t for t in migration.targets if t.filter["migration"][2] == Tier.STRATEGIC)
    _start, _end, before, after = target.filter["migration"]
    ids = scored.charts.migration_customers("2026-04", "2026-05", before, after)
    assert len(ids) == moved.counts[(before, after)]
    trend = build_chart(scored, ChartRequest("trend"))
    assert len(trend.figure.axes[0].patches) == 2 * len(Tier)


def test_customer_charts(scored: Book) -> None:
    customer_id = scored.customers.ids()[0]
    radar = build_chart(scored, ChartRequest("radar", customer_id))
    assert radar.figure.axes[0].name == "polar"
    # The shaded area is what is scored: a dimension without data sits at the neutral 50.
    profile = scored.charts.customer_profile(customer_id)
    area = radar.figure.axes[0].patches[0]
    assert isinstance(area, Polygon)
    radii = area.get_xy()[:, 1]
    for index, name in enumerate(DIMENSIONS):
        value = profile.points.get(name)
        assert radii[index] == (50 if value is None else value), name
    trend = build_chart(scored, ChartRequest("trend", customer_id))
    assert trend.empty or len(trend.figure.axes[0].patches) == 24
    history = build_chart(scored, ChartRequest("history", customer_id))
    assert history.figure.axes[0].get_title() == "Score history"
    with pytest.raises(ChartRequestError):
        build_chart(scored, ChartRequest("radar"))
    with pytest.raises(ChartRequestError):
        build_chart(scored, ChartRequest("pareto", customer_id))


@pytest.mark.parametrize("size", [0, 1, 3])
def test_empty_and_tiny_books_never_raise(fresh: Book, size: int) -> None:
    for i in range(size):
        fresh.customers.add(Customer(name=f"Customer {i}"))
    for kind in ("tiers", "pareto", "matrix", "migration", "lifecycle", "relationship", "trend"):
        chart = build_chart(fresh, ChartRequest(kind))
        chart.figure.canvas.draw()
        if size == 0 or kind in ("tiers", "pareto", "matrix", "migration", "trend"):
            assert chart.empty, kind
            assert not chart.figure.axes  # a message, not a misleading empty axis
        if kind in ("tiers", "matrix"):  # the message says why: no customers, or not scored
            message = chart.figure.texts[0].get_text()
            assert message == ("Not scored yet" if size else "No customers yet"), kind
    if size:
        customer_id = fresh.customers.ids()[0]
        for kind in ("radar", "trend", "history"):
            assert build_chart(fresh, ChartRequest(kind, customer_id)).empty


def test_a_single_scored_customer(fresh: Book) -> None:
    fresh.customers.add(Customer(name="Only one"))
    fresh.reader.conn.execute("UPDATE customer_metrics SET score = 50, tier = 'standard', "
                              "tier_rank = 2, revenue_12m = 1000")
    chart = build_chart(fresh, ChartRequest("pareto"))
    assert not chart.empty
    assert "100.0 % of customers bring 80 % of revenue" in [
        t.get_text() for t in chart.figure.axes[0].texts]


def test_chinese_labels_and_names_draw_with_real_glyphs(scored: Book, qapp: object) -> None:
    i18n.install_language(i18n.CHINESE)
    try:
        scored.reader.conn.execute("UPDATE customers SET name = '华为技术有限公司' WHERE rowid = 1")
        customer_id = scored.reader.scalar("SELECT id FROM customers WHERE rowid = 1")
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # any missing-glyph warning fails the test
            for kind in ("tiers", "pareto", "matrix", "migration", "lifecycle", "relationship",
                         "trend"):
                build_chart(scored, ChartRequest(kind)).figure.canvas.draw()
            radar = build_chart(scored, ChartRequest("radar", customer_id))
            radar.figure.canvas.draw()
        legend = [t.get_text() for t in radar.figure.legends[0].get_texts()]
        assert "华为技术有限公司" in legend
    finally:
        i18n.install_language(i18n.ENGLISH)


@pytest.mark.parametrize("kind", ["tiers", "pareto", "matrix", "migration", "lifecycle",
                                  "relationship", "trend"])
def test_chart_command_writes_png_and_svg(scored: Book, tmp_path: Path, kind: str) -> None:
    png, svg = tmp_path / f"{kind}.png", tmp_path / f"{kind}.svg"
    assert main(["--db", str(scored.path), "chart", kind, "-o", str(png)]) == 0
    assert png.read_bytes().startswith(PNG_MAGIC)
    assert main(["--db", str(scored.path), "chart", kind, "-o", str(svg), "--lang",
                 "zh_CN"]) == 0
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text


def test_chart_command_errors(scored: Book, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(scored.path), "chart", "radar", "-o", str(tmp_path / "r.png")]) == 1
    assert "needs a customer" in capsys.readouterr().err
    assert main(["--db", str(scored.path), "chart", "tiers", "-o", str(tmp_path / "t.gif")]) == 1
    assert main(["--db", str(scored.path), "chart", "migration", "--from", "1999-01", "-o",
                 str(tmp_path / "m.png")]) == 1
    assert "no snapshot for period" in capsys.readouterr().err
    code = scored.reader.scalar("SELECT code FROM customers LIMIT 1")
    assert main(["--db", str(scored.path), "chart", "radar", "--customer", code, "-o",
                 str(tmp_path / "r.svg")]) == 0
    assert set(KINDS) >= {"tiers", "pareto", "matrix", "migration", "lifecycle",
                          "relationship", "trend", "radar"}


# A script that runs commands in-process, as these tests do: the chart command, then the
# screenshot (which needs a QApplication). Each prints what it leaves behind.
IN_PROCESS_SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication
from main import main
book, folder = sys.argv[1], sys.argv[2]
print("chart", main(["--db", book, "chart", "tiers", "-o", folder + "/t.png", "--lang", "zh_CN"]))
print("left", type(QCoreApplication.instance()).__name__)
print("screenshot", main(["--db", book, "screenshot", folder + "/s.png"]))
print("left", type(QCoreApplication.instance()).__name__)
"""


def test_the_chart_command_run_in_process_leaves_no_application_behind(
        scored: Book, tmp_path: Path) -> None:
    """Run in-process with no application yet, the chart command made a bare QCoreApplication
    and left it: the next window could not be made (PySide refuses a QApplication then, and
    Qt aborts the process at the first widget), so ``tests/test_cli.py`` then
    ``tests/test_charts.py`` in one run aborted. A fresh process, so no application exists."""
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", IN_PROCESS_SCRIPT, str(scored.path),
                             str(tmp_path)], capture_output=True, text=True, cwd=root,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.split()[0] in
             ("chart", "left", "screenshot")]
    assert lines == ["chart 0", "left NoneType", "screenshot 0", "left QApplication"]
    assert (tmp_path / "t.png").read_bytes().startswith(PNG_MAGIC)
    assert (tmp_path / "s.png").read_bytes().startswith(PNG_MAGIC)


def test_the_chart_command_keeps_the_running_application_and_its_language(
        scored: Book, tmp_path: Path, qapp: QCoreApplication) -> None:
    """With an application already there (the window, a script), the chart command uses it
    and gives it back in its own language: a Chinese chart does not turn the window Chinese."""
    i18n.install_language(i18n.ENGLISH)
    assert main(["--db", str(scored.path), "chart", "tiers", "-o", str(tmp_path / "t.png"),
                 "--lang", "zh_CN"]) == 0
    assert QCoreApplication.instance() is qapp
    assert i18n.current_language() == i18n.ENGLISH
    assert QCoreApplication.translate("Charts", "No history yet") == "No history yet"
    assert money(12_000) == "12.0k"


def test_history_chart_empty_state() -> None:
    assert history_charts.tier_revenue_chart(TierRevenueHistory([], {})).empty
    assert QCoreApplication.translate("Charts", "No history yet") == "No history yet"
    assert np.isfinite(1.0)


def test_tier_revenue_history_reads_the_snapshot_summaries(book: Book) -> None:
    from tests.conftest import DEMO_ANCHOR

    db = book.reader
    db.rescore(DEMO_ANCHOR)
    db.backfill_snapshots(3, as_of=DEMO_ANCHOR)
    history = book.charts.tier_revenue_history()
    assert history.periods == book.charts.snapshot_periods() and len(history.periods) == 3
    for period_index, period in enumerate(history.periods):
        for tier, total in db.conn.execute(
                "SELECT tier, total(revenue) FROM score_snapshots WHERE period = ? "
                "GROUP BY tier", [period]):
            assert history.revenue[Tier(tier)][period_index] == pytest.approx(total)
    assert db.scalar("SELECT count(*) FROM snapshot_summaries") >= 3


def test_radar_reads_the_compact_points_of_a_real_rescore(book: Book) -> None:
    """The engine stores points as an array; the radar's customer and tier averages read it
    (and rows in the older object form, as test data above writes)."""
    from datetime import date

    db = book.reader
    db.rescore(date(2026, 6, 30))
    row = db.query("SELECT customer_id, tier, dimensions FROM customer_metrics "
                   "WHERE score IS NOT NULL LIMIT 1")[0]
    profile = book.charts.customer_profile(row["customer_id"])
    stored = json.loads(row["dimensions"])
    assert isinstance(stored, list)
    assert [profile.points[d] for d in DIMENSIONS] == stored
    same_tier = [json.loads(r["dimensions"]) for r in db.query(
        "SELECT dimensions FROM customer_metrics WHERE deleted = 0 AND tier = ?",
        [row["tier"]])]
    revenue = [p[0] for p in same_tier if p[0] is not None]
    assert profile.tier_average["revenue"] == pytest.approx(sum(revenue) / len(revenue))


def test_the_warm_up_chart_draws_chinese_without_missing_glyphs() -> None:
    from ui.gui.charts.style import warm_up

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warm_up()


def test_the_wheel_over_a_chart_scrolls_the_page(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Point 8 of issue 14: a chart must not swallow the wheel, or the page under the
    pointer stops scrolling."""
    from matplotlib.figure import Figure
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent

    from ui.gui.charts.chart_canvas import _Canvas

    canvas = _Canvas(Figure())
    qtbot.addWidget(canvas)
    event = QWheelEvent(QPointF(10, 10), QPointF(10, 10), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    event.accept()
    canvas.wheelEvent(event)
    assert not event.isAccepted()


def test_money_ticks_share_one_unit(scored: Book, qapp: object) -> None:
    """An axis reading 8000.0万 under 1.0亿 looks like two scales: one unit per axis."""
    from ui.gui.charts.style import use_chinese_units

    i18n.install_language(i18n.CHINESE)
    use_chinese_units(True)
    try:
        chart = build_chart(scored, ChartRequest("trend"))
        chart.figure.canvas.draw()
        ticks = [t.get_text() for t in chart.figure.axes[0].get_yticklabels() if t.get_text()]
        units = {tick[-1] for tick in ticks if tick != "0"}
        assert len(ticks) > 3 and len(units) == 1, ticks
    finally:
        use_chinese_units(False)
        i18n.install_language(i18n.ENGLISH)
