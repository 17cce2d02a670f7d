"""The Dashboard view: every chart of the book, built on the worker thread, drawn on screen.

One background task aggregates and builds the charts one after another and hands each over
as soon as it is ready; the UI thread only puts it on its canvas. In a team's book (more than
one owner) the manager's roll-up follows them, "By salesperson": read by the same task (about
a second on a 100,000-customer book), a table and a chart. Data changes mark the dashboard
stale: it rebuilds at once if shown, else the next time it is shown.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.rollup import Rollup
from storage.book import Book
from ui.gui.background.tasks import BookTask, Progress
from ui.gui.charts.catalog import ChartRequest, build_chart, migration_periods
from ui.gui.charts.chart_canvas import ChartCanvas, Rendered, prerender
from ui.gui.charts.rollup_charts import rollup_chart
from ui.gui.charts.style import DPI, Chart, use_chinese_units
from ui.gui.dialogs.save_path import ask_chart_path, with_suffix
from ui.gui.text import i18n
from ui.gui.views.rollup_section import RollupSection
from ui.gui.views.segment_breakdown import SegmentBreakdown

#: The book's charts in dashboard order; the wide ones (two panels, a side legend, many
#: periods) take a whole row, the others share one. The roll-up's chart is its section's,
#: under them all (built last: the book's charts come first, whoever looks).
DASHBOARD_KINDS = ("tiers", "pareto", "matrix", "migration", "lifecycle", "relationship",
                   "trend", "rollup")
WIDE_KINDS = frozenset({"tiers", "migration", "trend"})
PANEL_HEIGHT = 380
EXPORT_SIZE = (1000, 600)


@dataclass(frozen=True)
class BuiltChart:
    kind: str
    chart: Chart
    seconds: float  # aggregation, building and rendering on the worker
    rendered: Rendered | None = None


@dataclass(frozen=True)
class Periods:
    periods: list[str]
    start: str | None
    end: str | None


def build_charts(book: Book, progress: Progress, kinds: tuple[str, ...],
                 start: str | None, end: str | None,
                 sizes: dict[str, tuple[int, int, float]] | None = None) -> Periods:
    """Build ``kinds`` one by one (rendered at ``sizes`` when given), delivering each
    :class:`BuiltChart` as it is done."""
    periods = book.charts.snapshot_periods()
    if start not in periods or end not in periods:
        start, end = migration_periods(book, None, None)
    result = Periods(periods, start, end)
    progress.deliver(result)
    for done, kind in enumerate(kinds):
        progress.check()
        started = time.perf_counter()
        if kind == "rollup":  # the table's figures first, then their chart
            figures = book.rollup()
            progress.deliver(figures)
            chart = rollup_chart(figures)
        else:
            chart = build_chart(book, ChartRequest(kind, None, start, end)
                                if kind == "migration" else ChartRequest(kind))
        size = (sizes or {}).get(kind)
        rendered = prerender(chart.figure, size) if size is not None else None
        progress.deliver(BuiltChart(kind, chart, time.perf_counter() - started, rendered))
        progress.report(done + 1, len(kinds))
    return result


def export_chart(book: Book, _progress: Progress, request: ChartRequest, path: Path,
                 fmt: str) -> Path:
    """Build the chart afresh (the one on screen keeps drawing) and save it."""
    figure = build_chart(book, request).figure
    figure.set_size_inches(EXPORT_SIZE[0] / DPI, EXPORT_SIZE[1] / DPI)
    figure.savefig(path, format=fmt, dpi=DPI)
    return path


class DashboardView(QWidget):
    """The chart grid; emits ``filter_requested`` when a bar or segment is clicked."""

    filter_requested = Signal(object, str)  # CustomerQuery field dict, description
    loaded = Signal()  # every chart is drawn
    chart_drawn = Signal(str, float)  # kind, build + draw seconds

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardView")
        self.book = book
        self.stale = True
        self._task: BookTask | None = None
        self._pending: set[str] = set()
        self._build_seconds: dict[str, float] = {}
        self.timings: dict[str, float] = {}
        self.periods = Periods([], None, None)
        self.message_box: QMessageBox | None = None

        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("dashboardRefresh")
        self.refresh_button.clicked.connect(self.reload)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.refresh_button)

        self.canvases: dict[str, ChartCanvas] = {}
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.rollup_section = RollupSection(grid_host)
        self.rollup_section.owner_chosen.connect(self._owner_chosen)
        row, column = 0, 0
        for kind in DASHBOARD_KINDS:
            if kind == "rollup":
                canvas = self.rollup_section.canvas
                canvas.setMinimumHeight(PANEL_HEIGHT)
                canvas.filter_requested.connect(self.filter_requested)
                canvas.export_requested.connect(self.export)
                canvas.drawn.connect(self._on_drawn)
                self.canvases[kind] = canvas
                continue
            canvas = ChartCanvas(kind, grid_host)
            canvas.setMinimumHeight(PANEL_HEIGHT)
            canvas.filter_requested.connect(self.filter_requested)
            canvas.export_requested.connect(self.export)
            canvas.drawn.connect(self._on_drawn)
            self.canvases[kind] = canvas
            if kind in WIDE_KINDS:
                row, column = row + (column > 0), 0
                grid.addWidget(canvas, row, 0, 1, 2)
                row += 1
            else:
                grid.addWidget(canvas, row, column)
                row, column = (row + 1, 0) if column else (row, 1)
        grid.addWidget(self.rollup_section, row + (column > 0), 0, 1, 2)
        self.segment_section = SegmentBreakdown(grid_host)  # tiers by segment, under it all
        self.segment_section.filter_requested.connect(self.filter_requested)
        self.segment_section.loaded.connect(self._maybe_loaded)
        grid.addWidget(self.segment_section, row + (column > 0) + 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.from_label = QLabel(self)
        self.to_label = QLabel(self)
        self.from_combo = QComboBox(self)
        self.from_combo.setObjectName("migrationFrom")
        self.to_combo = QComboBox(self)
        self.to_combo.setObjectName("migrationTo")
        for widget in (self.from_label, self.from_combo, self.to_label, self.to_combo):
            self.canvases["migration"].add_control(widget)
        self.from_combo.currentTextChanged.connect(lambda _t: self._periods_chosen())
        self.to_combo.currentTextChanged.connect(lambda _t: self._periods_chosen())

        scroll = QScrollArea(self)
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Always there (the panels are taller than any screen): a scroll bar appearing after
        # the first layout would narrow every chart and make it draw again.
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(grid_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        self.retranslate()

    # -- loading ---------------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return not self.stale and self._task is None and not self._pending \
            and self.segment_section.task is None

    def set_book(self, book: Book) -> None:
        self.book = book
        self.mark_stale()

    def mark_stale(self) -> None:
        """The data changed: rebuild now if shown, else when next shown."""
        self.stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale and self._task is None:
            # After the layout has sized the panels, so charts are rendered at their size.
            QTimer.singleShot(0, self._reload_if_stale)

    def _reload_if_stale(self) -> None:
        if self.stale and self._task is None and self.isVisible():
            self.reload()

    def reload(self, kinds: tuple[str, ...] = DASHBOARD_KINDS) -> None:
        """Build ``kinds`` in the background; each chart replaces its old one when ready."""
        if self._task is not None:
            # Whatever the superseded build had not drawn yet is built by this one.
            kinds = tuple(k for k in DASHBOARD_KINDS if k in self._pending or k in kinds)
            self._task.cancel()
        self.stale = False
        use_chinese_units(i18n.current_language() == i18n.CHINESE)
        start, end = self.periods.start, self.periods.end
        self._pending = set(kinds)
        sizes = {kind: self.canvases[kind].render_size() for kind in kinds}
        if not self.rollup_section.isVisible():
            # Hidden until its first team roll-up: it will be as wide and high as the tiers'
            # panel, which also spans the grid.
            sizes["rollup"] = self.canvases["tiers"].render_size()
        task = BookTask(
            self.book.path, lambda book, progress: build_charts(book, progress, kinds, start, end,
                                                            sizes), self)
        self._task = task
        task.on_delivery(lambda item: self._on_delivered(task, item))
        task.finished.connect(lambda t=task: self._on_finished(t))
        task.failure(self._on_failed)
        task.run_in_background()
        if "tiers" in kinds:  # the book's figures moved, not only the periods chosen
            self.segment_section.reload(self.book.path)

    def _on_delivered(self, task: BookTask, item: object) -> None:
        if task is not self._task:
            return  # a superseded build
        if isinstance(item, Periods):
            self._show_periods(item)
        elif isinstance(item, Rollup):
            self.rollup_section.set_rollup(item)
        elif isinstance(item, BuiltChart):
            self._build_seconds[item.kind] = item.seconds
            self.canvases[item.kind].set_chart(item.chart, item.rendered)
            if item.kind == "rollup" and not self.rollup_section.isVisible():
                self._pending.discard("rollup")  # not a team's book: nothing to wait for

    def _on_finished(self, task: BookTask) -> None:
        if task is self._task:
            self._task = None
            if task.is_cancelled:
                self._pending.clear()
            self._maybe_loaded()

    def _on_failed(self, error: BaseException) -> None:
        self._pending.clear()
        raise error

    def _on_drawn(self, kind: str, draw_seconds: float) -> None:
        total = self._build_seconds.pop(kind, 0.0) + draw_seconds
        self.timings[kind] = total
        self.chart_drawn.emit(kind, total)
        self._pending.discard(kind)
        self._maybe_loaded()

    def _maybe_loaded(self) -> None:
        if self.is_loaded:
            self.loaded.emit()

    def _owner_chosen(self, owner: str, name: str) -> None:
        """A double-click on a salesperson in the roll-up: their customers in the book."""
        self.filter_requested.emit({"owners": {owner}}, name)

    # -- migration periods -----------------------------------------------------------------
    def _show_periods(self, periods: Periods) -> None:
        self.periods = periods
        for combo, chosen in ((self.from_combo, periods.start), (self.to_combo, periods.end)):
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItems(periods.periods)
                if chosen is not None:
                    combo.setCurrentText(chosen)
            combo.setEnabled(len(periods.periods) >= 2)

    def _periods_chosen(self) -> None:
        start, end = self.from_combo.currentText(), self.to_combo.currentText()
        if not start or not end or (start, end) == (self.periods.start, self.periods.end):
            return
        self.periods = Periods(self.periods.periods, start, end)
        self.reload(("migration",))

    def set_migration_periods(self, start: str, end: str) -> None:
        """Choose the two periods the migration chart compares (as the pickers do)."""
        with QSignalBlocker(self.from_combo):
            self.from_combo.setCurrentText(start)
        self.to_combo.setCurrentText(end)
        self._periods_chosen()

    # -- export ------------------------------------------------------------------------------
    def export(self, kind: str, fmt: str) -> None:
        """Ask where to save ``kind`` as ``fmt`` and write it in the background."""
        caption = QCoreApplication.translate("DashboardView", "Export chart")
        path = ask_chart_path(self, caption, kind, fmt)
        if path is not None:
            self.export_to(kind, fmt, path)

    def export_to(self, kind: str, fmt: str, path: Path) -> BookTask:
        path = with_suffix(path, f".{fmt}")
        request = ChartRequest(kind, None, self.periods.start, self.periods.end) \
            if kind == "migration" else ChartRequest(kind)
        task = BookTask(self.book.path,
                            lambda book, p: export_chart(book, p, request, path, fmt), self)

        def failed(error: BaseException) -> None:
            if not isinstance(error, OSError):
                raise error
            self._tell(self.tr("The chart could not be saved: {reason}").format(
                reason=error.strerror or str(error)))

        task.failure(failed).run_in_background()
        return task

    def _tell(self, text: str) -> None:
        self.message_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export chart"), text,
                                       QMessageBox.StandardButton.Ok, self)
        self.message_box.open()

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Dashboard"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.from_combo.setToolTip(self.tr("Snapshot period to compare from"))
        self.to_combo.setToolTip(self.tr("Snapshot period to compare with"))
        for canvas in self.canvases.values():
            canvas.retranslate()
        self.rollup_section.retranslate()
        self.segment_section.retranslate()
        for label in (self.from_label, self.to_label):
            label.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self.mark_stale()  # the charts' own texts are in the figure
