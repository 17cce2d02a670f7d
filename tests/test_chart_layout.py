"""Every chart fits the panel it is shown in (issue 14, point 8): drawn at the sizes the
dashboard and the workspace give it, in both languages, no text leaves the figure, no two
texts overlap, and the radar's legend is beside the plot, not over it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib.axis import Axis
from matplotlib.backend_bases import RendererBase
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from models.enums import SnapshotPeriod
from models.periods import Period
from storage.book import Book
from storage.database import Database
from tests.conftest import DEMO_ANCHOR
from ui.gui.charts.catalog import ChartRequest, build_chart
from ui.gui.charts.chart_canvas import prerender
from ui.gui.charts.style import use_chinese_units
from ui.gui.text import i18n

#: (width, height) in pixels of each chart where it is shown, in a window 1024 pixels
#: wide (the dashboard's half and whole rows; the workspace's Score, Transactions and
#: Assessment tabs), and each customer chart also a little smaller.
BOOK_SIZES = {"tiers": (800, 345), "pareto": (390, 345), "matrix": (390, 345),
              "migration": (800, 345), "lifecycle": (390, 345), "relationship": (390, 345),
              "trend": (800, 345)}
CUSTOMER_SIZES = {"radar": [(440, 545), (420, 420)], "trend": [(700, 220), (520, 300)],
                  "history": [(430, 330), (400, 240)]}


@pytest.fixture(scope="module")
def book(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    """The demo book scored as of its anchor, with three monthly snapshots to compare."""
    path = tmp_path_factory.mktemp("layout") / "book.db"
    with Database(demo_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(path)])
    with Database(path) as db:
        result = db.rescore(DEMO_ANCHOR)
        assert result.scores is not None
        db.write_snapshot(result.scores, Period.containing(DEMO_ANCHOR, SnapshotPeriod.MONTH))
        db.backfill_snapshots(2, SnapshotPeriod.MONTH, DEMO_ANCHOR)
    with Book(path) as opened:
        yield opened


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE])
def language(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    i18n.install_language(request.param)
    use_chinese_units(request.param == i18n.CHINESE)
    yield request.param
    i18n.install_language(i18n.ENGLISH)
    use_chinese_units(False)


def shown_tick_labels(axis: Axis) -> list[Text]:
    """The tick labels drawn: matplotlib keeps labels for ticks outside the view too."""
    low, high = sorted(axis.get_view_interval())
    return [tick.label1 for tick in axis.get_major_ticks()
            if tick.label1.get_visible() and tick.label1.get_text()
            and low - 1e-9 <= tick.get_loc() <= high + 1e-9]


def drawn_texts(figure: Figure) -> list[Text]:
    """Every text the figure draws but the legends' own: titles, axis and tick labels, bar
    and segment labels, annotations and notes."""
    texts = [t for t in figure.texts if t.get_visible() and t.get_text()]
    # Matplotlib keeps these Texts in private attributes (its public getters give strings).
    for sup in (figure._suptitle, figure._supxlabel):  # type: ignore[attr-defined]
        if sup is not None and sup.get_text() and sup not in texts:
            texts.append(sup)
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            texts += shown_tick_labels(axis)
            if axis.label.get_visible() and axis.label.get_text():
                texts.append(axis.label)
        texts += [t for t in axes.texts if t.get_visible() and t.get_text()]
        sides = (axes._left_title, axes._right_title)  # type: ignore[attr-defined]
        texts += [t for t in (axes.title, *sides) if t.get_text()]
    return texts


def layout_faults(figure: Figure) -> list[str]:
    """What does not fit in ``figure`` as drawn: texts outside it or over each other."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    faults = []
    whole = figure.bbox
    boxes = [(text, text.get_window_extent(renderer)) for text in drawn_texts(figure)]
    for text, box in boxes:
        if (box.x0 < whole.x0 - 1 or box.y0 < whole.y0 - 1 or box.x1 > whole.x1 + 1
                or box.y1 > whole.y1 + 1):
            faults.append(f"{text.get_text()!r} leaves the figure")
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if a.get_rotation() or b.get_rotation():
            continue  # a slanted label's box is wider than its ink; those stay apart
        if _overlap(box_a, box_b):
            faults.append(f"{a.get_text()!r} overlaps {b.get_text()!r}")
    faults += _labels_wider_than_their_bars(figure, renderer)
    for axes in figure.axes:
        legend = axes.get_legend()
        legends = [*figure.legends, *([legend] if legend is not None else [])]
        for shown in legends:
            box = shown.get_window_extent(renderer)
            if (box.x0 < whole.x0 - 1 or box.y0 < whole.y0 - 1 or box.x1 > whole.x1 + 1
                    or box.y1 > whole.y1 + 1):
                faults.append("a legend leaves the figure")
            if axes.name == "polar":
                radar = axes.get_tightbbox(renderer)
                assert radar is not None
                if _overlap(box, radar):
                    faults.append("the legend lies over the radar")
    return faults


def _labels_wider_than_their_bars(figure: Figure, renderer: RendererBase) -> list[str]:
    """A count written inside a bar segment must fit in it (the migration chart's)."""
    faults = []
    for axes in figure.axes:
        bars = [patch.get_window_extent(renderer) for container in axes.containers
                if isinstance(container, BarContainer) for patch in container.patches]
        for text in axes.texts:
            box = text.get_window_extent(renderer)
            x, y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
            for bar in bars:
                if bar.x0 < x < bar.x1 and bar.y0 < y < bar.y1 and (
                        box.x0 < bar.x0 or box.x1 > bar.x1):
                    faults.append(f"{text.get_text()!r} is wider than its bar")
    return faults


def _overlap(a: Bbox, b: Bbox, slack: float = 0.5) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > slack
            and min(a.y1, b.y1) - max(a.y0, b.y0) > slack)


@pytest.mark.parametrize("kind", list(BOOK_SIZES))
def test_book_charts_fit_their_dashboard_panels(book: Book, language: str, kind: str) -> None:
    chart = build_chart(book, ChartRequest(kind))
    assert not chart.empty, kind
    width, height = BOOK_SIZES[kind]
    prerender(chart.figure, (width, height, 1.0))
    assert layout_faults(chart.figure) == []


def test_customer_charts_fit_their_workspace_tabs(book: Book, language: str) -> None:
    # The biggest customer: a strategic one with sales every month, the longest labels.
    customer_id = book.reader.scalar(
        "SELECT customer_id FROM customer_metrics ORDER BY revenue_12m DESC LIMIT 1")
    faults = []
    for kind, sizes in CUSTOMER_SIZES.items():
        for width, height in sizes:
            chart = build_chart(book, ChartRequest(kind, customer_id))
            assert not chart.empty, kind
            prerender(chart.figure, (width, height, 1.0))
            faults += [f"{kind} at {width}x{height}: {fault}"
                       for fault in layout_faults(chart.figure)]
    assert faults == []
