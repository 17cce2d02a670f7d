"""One chart on screen: a matplotlib canvas with hover tooltips, click-to-filter and export.

The :class:`~ui.gui.charts.style.Chart` arrives built on the worker thread, usually rendered there
too at the size it will have on screen (:func:`prerender`): drawing a 100,000-point scatter
or hatched bars takes 100-200 ms, too long for the UI thread, which then only copies the
pixels. A chart that arrives unrendered, or a canvas resized later, is drawn on the UI
thread with ``draw_idle()``. Pointing at a bar or segment shows its tooltip; clicking one
emits its customer filter; the context menu and the Export button save it as PNG or SVG.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from matplotlib.backend_bases import Event, MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMenu,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ui.gui.charts.style import Chart, ClickTarget
from ui.gui.style.menu_button import MenuButton

#: Wait this long after the pointer stops before hit-testing (a 100k-point scatter is slow).
HOVER_DELAY_MS = 40
EXPORT_FORMATS = ("png", "svg")


@dataclass(frozen=True)
class Rendered:
    """A figure's pixels drawn on the worker thread, ready to be shown."""

    renderer: RendererAgg
    key: tuple[int, int, float]  # (width, height, dpi) the canvas checks before reuse


def prerender(figure: Figure, size: tuple[int, int, float]) -> Rendered:
    """Draw ``figure`` at ``size`` (logical width, height, device pixel ratio) off the UI
    thread. Safe there: matplotlib keeps its fonts per thread, and no other thread touches
    this figure until it is handed over."""
    width, height, ratio = size
    # As the Qt canvas does on a high-density screen: more dots per inch, same inches.
    base = float(getattr(figure, "_original_dpi", figure.dpi))
    figure.set_dpi(base * ratio)
    figure.set_size_inches(width / base, height / base)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    assert canvas._lastKey is not None  # draw() sets it
    return Rendered(canvas.renderer, canvas._lastKey)


class _Canvas(FigureCanvasQTAgg):
    """A Qt canvas that can show pixels rendered elsewhere until its size changes."""

    def adopt(self, rendered: Rendered) -> bool:
        """Show ``rendered`` as is; False if it was drawn for another size."""
        width, height = self.get_width_height(physical=True)
        if rendered.key != (width, height, self.figure.dpi):
            return False
        self.renderer = rendered.renderer
        self._lastKey = rendered.key
        self._draw_pending = False
        return True

    def wheelEvent(self, event: Any) -> None:
        """The charts do not zoom: the wheel scrolls the page the chart is on (matplotlib
        would take the event and the page would stop scrolling under the pointer)."""
        event.ignore()

    def resizeEvent(self, event: Any) -> None:
        key = getattr(self, "_lastKey", None)
        super().resizeEvent(event)  # asks for a draw
        width, height = self.get_width_height(physical=True)
        if key is not None and key == (width, height, self.figure.dpi):
            self._draw_pending = False  # same size as the pixels we have: nothing to redraw


class ChartCanvas(QFrame):
    """A framed chart with a header row (extra controls on the left, Export on the right)."""

    filter_requested = Signal(object, str)  # CustomerQuery field dict, tooltip text
    export_requested = Signal(str, str)  # chart kind, "png" or "svg"
    drawn = Signal(str, float)  # chart kind, seconds from set_chart to the finished draw

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"chart_{kind}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.chart: Chart | None = None
        self.canvas: _Canvas | None = None
        self._set_at = 0.0
        self._hover: MouseEvent | None = None
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(HOVER_DELAY_MS)
        self._hover_timer.timeout.connect(self._hit_test_hover)

        self.header = QHBoxLayout()
        self.header.setContentsMargins(6, 4, 6, 0)
        self.header.addStretch(1)
        self.export_button = MenuButton(self)  # its arrow beside 'Export', not over the t
        self.export_button.setObjectName("exportChart")
        self.export_menu = QMenu(self.export_button)
        self.export_actions: dict[str, QAction] = {}
        for fmt in EXPORT_FORMATS:
            action = self.export_menu.addAction("")
            action.triggered.connect(lambda _c=False, f=fmt: self.export_requested.emit(
                self.kind, f))
            self.export_actions[fmt] = action
        self.export_button.setMenu(self.export_menu)
        self.header.addWidget(self.export_button)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(2, 2, 2, 2)
        self.body.setSpacing(0)
        self.body.addLayout(self.header)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.retranslate()

    def add_control(self, widget: QWidget) -> None:
        """Put ``widget`` in the header row, left of the Export button."""
        self.header.insertWidget(self.header.count() - 2, widget)

    # -- the chart ---------------------------------------------------------------------------
    def render_size(self) -> tuple[int, int, float]:
        """The logical size and pixel ratio a chart will have here (for :func:`prerender`)."""
        if self.canvas is not None and self.canvas.width() > 0:
            return self.canvas.width(), self.canvas.height(), self.devicePixelRatioF()
        inner = self.contentsRect()
        margins = self.body.contentsMargins()
        header = self.header.sizeHint().height()
        return (max(200, inner.width() - margins.left() - margins.right()),
                max(160, inner.height() - margins.top() - margins.bottom() - header
                    - self.body.spacing()), self.devicePixelRatioF())

    def set_chart(self, chart: Chart, rendered: Rendered | None = None) -> None:
        """Show ``chart``: its ``rendered`` pixels if they fit, else drawn at the next
        paint (``drawn`` says when, either way)."""
        self._set_at = time.perf_counter()
        old = self.canvas
        self.chart = chart
        self.export_button.setEnabled(not chart.empty)  # nothing worth saving in a message
        canvas = _Canvas(chart.figure)
        canvas.setParent(self)
        canvas.setObjectName("chartCanvas")
        canvas.setMinimumSize(200, 160)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        canvas.customContextMenuRequested.connect(self._context_menu)
        canvas.setMouseTracking(True)
        canvas.mpl_connect("motion_notify_event", self._on_motion)
        canvas.mpl_connect("button_press_event", self._on_press)
        canvas.mpl_connect("draw_event", self._on_drawn)
        canvas.mpl_connect("figure_leave_event", lambda _e: self._leave())
        if old is not None:
            self.body.replaceWidget(old, canvas)
            old.hide()
            old.deleteLater()
        else:
            self.body.addWidget(canvas, 1)
        self.canvas = canvas
        # Give the canvas its final size now, so the figure is drawn once, at that size (a
        # resize after a first draw would draw it all again).
        self.body.activate()
        if rendered is not None and canvas.adopt(rendered):
            canvas.update()
            self._on_drawn(None)
        else:
            canvas.draw_idle()

    def _on_drawn(self, _event: Event | None) -> None:
        if self._set_at:
            self.drawn.emit(self.kind, time.perf_counter() - self._set_at)
            self._set_at = 0.0

    # -- pointing --------------------------------------------------------------------------
    def target_at(self, event: MouseEvent) -> ClickTarget | None:
        """The chart element under the pointer, if the chart has one there."""
        if self.chart is None or event.inaxes is None:
            return None
        for target in self.chart.targets:
            try:
                hit, _details = target.artist.contains(event)
            except (ValueError, TypeError):  # an artist that cannot hit-test
                continue
            if hit:
                return target
        return None

    def _on_motion(self, event: Event) -> None:
        if isinstance(event, MouseEvent):
            self._hover = event
            self._hover_timer.start()

    def _hit_test_hover(self) -> None:
        event, canvas = self._hover, self.canvas
        if event is None or canvas is None:
            return
        target = self.target_at(event)
        if target is None:
            QToolTip.hideText()
            canvas.unsetCursor()
            return
        if target.filter:
            canvas.setCursor(Qt.CursorShape.PointingHandCursor)
            hint = QCoreApplication.translate("ChartCanvas", "Click to list these customers")
            text = f"{target.tooltip}\n{hint}"
        else:
            canvas.unsetCursor()
            text = target.tooltip
        QToolTip.showText(QCursor.pos(), text, canvas)

    def _leave(self) -> None:
        self._hover = None
        self._hover_timer.stop()
        QToolTip.hideText()

    def _on_press(self, event: Event) -> None:
        if not isinstance(event, MouseEvent) or event.button != 1:
            return
        target = self.target_at(event)
        if target is not None and target.filter:
            self.click_target(target)

    def click_target(self, target: ClickTarget) -> None:
        """Act as a click on ``target``: ask for the book filtered to its customers."""
        self.filter_requested.emit(dict(target.filter), target.tooltip)

    def _context_menu(self, position: QPoint) -> None:
        if self.canvas is not None and self.chart is not None and not self.chart.empty:
            self.export_menu.popup(self.canvas.mapToGlobal(position))

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        self.export_button.setText(translate("ChartCanvas", "Export"))
        self.export_button.setToolTip(translate("ChartCanvas",
                                                "Save this chart as a PNG image or an SVG"))
        self.export_actions["png"].setText(translate("ChartCanvas", "Export as PNG…"))
        self.export_actions["svg"].setText(translate("ChartCanvas", "Export as SVG…"))


def target_centre(canvas: FigureCanvasQTAgg, target: ClickTarget) -> tuple[float, float]:
    """Display coordinates of a bar-like target's centre (tests click there)."""
    extent: Any = target.artist.get_window_extent(canvas.get_renderer())
    return (extent.x0 + extent.x1) / 2, (extent.y0 + extent.y1) / 2
