"""A per-customer chart in the workspace: built off the UI thread from the chart catalog and
shown on the shared :class:`~ui.gui.charts.chart_canvas.ChartCanvas` (hover tooltips, PNG/SVG
export)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from storage.book import Book
from ui.gui.background.tasks import BookTask
from ui.gui.dialogs.save_path import ask_chart_path, with_suffix
from ui.gui.forms import prompts
from ui.gui.text import i18n
from ui.gui.workspace.latest_read import LatestRead
from ui.gui.workspace.tab_base import WorkspaceContext

#: Exported charts are drawn at this size (pixels at the charts' 100 dpi).
EXPORT_SIZE = (1000, 600)


def _build(book: Book, kind: str, customer_id: str, chinese: bool) -> Any:
    # Importing matplotlib takes a few hundred milliseconds: here, off the UI thread.
    import matplotlib.backends.backend_qtagg  # noqa: F401  (the UI thread then finds it loaded)

    from ui.gui.charts.catalog import ChartRequest, build_chart
    from ui.gui.charts.style import use_chinese_units

    use_chinese_units(chinese)
    return build_chart(book, ChartRequest(kind, customer_id))


def _export(book: Book, kind: str, customer_id: str, chinese: bool, path: Path, fmt: str) -> Path:
    from ui.gui.charts.style import DPI

    figure = _build(book, kind, customer_id, chinese).figure
    figure.set_size_inches(EXPORT_SIZE[0] / DPI, EXPORT_SIZE[1] / DPI)
    figure.savefig(path, format=fmt, dpi=DPI)
    return path


class ChartView(QWidget):
    """Shows chart ``kind`` (radar, trend, history) of the context's customer."""

    #: The chart is on screen (its figure is ``self.chart.figure``).
    chart_shown = Signal()

    def __init__(
        self,
        context: WorkspaceContext,
        kind: str,
        parent: QWidget | None = None,
        *,
        min_height: int = 260,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"chartView_{kind}")
        self.context = context
        self.kind = kind
        self.chart: Any = None
        self.canvas: Any = None  # the ChartCanvas, made with the first chart
        self.reader: LatestRead[Any] = LatestRead(self, context, self._show, self._failed)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #777777;")
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.placeholder)
        self.retranslate()

    def retranslate(self) -> None:
        self.placeholder.setText(self.tr("Loading chart…"))

    def reload(self) -> None:
        """(Re)build the chart; in the background when the book is a file."""
        chinese = i18n.current_language() == i18n.CHINESE
        kind, customer_id = self.kind, self.context.customer_id
        self.reader.run(lambda book: _build(book, kind, customer_id, chinese))

    @property
    def loading(self) -> bool:
        """A build is under way (the screenshot command waits for it)."""
        return self.reader.loading

    def _failed(self, error: BaseException) -> None:
        self.placeholder.setText(
            self.tr("The chart could not be drawn: {error}").format(error=error)
        )
        self.placeholder.show()

    def _show(self, chart: Any) -> None:
        if self.canvas is None:
            from ui.gui.charts.chart_canvas import ChartCanvas

            self.canvas = ChartCanvas(self.kind, self)
            self.canvas.export_requested.connect(self.export)
            self.layout_.addWidget(self.canvas, 1)
        self.chart = chart
        self.placeholder.hide()
        self.canvas.set_chart(chart)
        self.chart_shown.emit()

    # -- export ------------------------------------------------------------------------------
    def export(self, kind: str, fmt: str) -> None:
        """Ask where to save the chart as ``fmt`` (png, svg) and write it in the background."""
        path = ask_chart_path(self, self.tr("Export chart"), kind, fmt)
        if path is not None:
            self.export_to(path, fmt)

    def export_to(self, path: Path, fmt: str) -> BookTask | None:
        path = with_suffix(path, f".{fmt}")
        chinese = i18n.current_language() == i18n.CHINESE
        kind, customer_id = self.kind, self.context.customer_id
        if self.context.in_memory:
            _export(self.context.book, kind, customer_id, chinese, path, fmt)
            return None
        task = BookTask(
            self.context.book.path,
            lambda book, _p: _export(book, kind, customer_id, chinese, path, fmt),
        )
        task.failure(
            lambda error: prompts.show_error(
                self if shiboken6.isValid(self) else None,
                QCoreApplication.translate(
                    "ChartView", "The chart could not be saved: {error}"
                ).format(error=error),
            )
        )
        task.run_in_background()
        return task
