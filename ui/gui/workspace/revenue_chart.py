"""The overview's revenue trend: one small bar per month, painted into a QImage that the
overview's rich text shows as an <img> (a resource of its QTextDocument, so the page, Print…
and Export PDF… draw the same picture).

The bars stand on a grey baseline that runs under every month, so a month without sales is the
bare baseline in its place; the last month is drawn in the full colour and marked by a tick
under the baseline, the months before it lighter; a dotted line parts the 12 months before from
the last 12 (the figures the sentence above it compares)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTextDocument

from ui.gui.style.tier_palette import tint

#: The resource the overview's <img> names.
URL = "keyplan-chart:revenue"
#: Logical size of one month (a bar and the gap after it) and the chart's height.
BAR, GAP, HEIGHT = 8, 3, 40
#: The baseline's top row and thickness, and the tick under the last month.
BASE, LINE, TICK = 34, 2, 3
BASELINE = "#bdbdbd"
#: How strong the months before the last are (mixed with white).
EARLIER = 0.6


def chart_size(months: int) -> tuple[int, int]:
    """The chart's logical size (device-independent pixels) for so many months."""
    return max(1, months * (BAR + GAP) - GAP), HEIGHT


def bar_height(value: float, top: float) -> float:
    """A month's bar above the baseline: the largest month BASE - 1 pixels, any sale at least
    2 (so a small month never reads as none), none 0."""
    if value <= 0 or top <= 0:
        return 0.0
    return max(2.0, value / top * (BASE - 1))


def revenue_image(values: list[float], colour: str, ratio: float = 1.0) -> QImage:
    """The months' bars, oldest first, scaled to the largest; ``ratio`` device pixels per
    logical pixel (the screen's devicePixelRatio, more for print)."""
    width, height = chart_size(len(values))
    image = QImage(round(width * ratio), round(height * ratio),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    try:
        top = max(values, default=0.0)
        earlier, last = QColor(tint(colour, EARLIER)), QColor(colour)
        for index, value in enumerate(values):
            bar = bar_height(value, top)
            if bar:
                painter.fillRect(QRectF(index * (BAR + GAP), BASE - bar, BAR, bar),
                                 last if index == len(values) - 1 else earlier)
        if len(values) > 12:  # the 12 months before | the last 12
            x = (len(values) - 12) * (BAR + GAP) - GAP / 2
            pen = QPen(QColor(BASELINE))
            pen.setWidthF(1.0)
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, 0), QPointF(x, BASE - 4))  # clear of the bars' feet
        painter.fillRect(QRectF(0, BASE, width, LINE), QColor(BASELINE))
        if values:
            painter.fillRect(QRectF((len(values) - 1) * (BAR + GAP), HEIGHT - TICK, BAR, TICK),
                             last)
    finally:
        painter.end()
    return image


def add_revenue_image(document: QTextDocument, values: list[float], colour: str,
                      ratio: float) -> None:
    """Hands the chart to ``document`` under URL, replacing the previous customer's."""
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(URL),
                         revenue_image(values, colour, ratio))


def revenue_img_tag(months: int, title: str) -> str:
    """The <img> that shows the chart at its logical size; ``title`` (escaped) its tooltip."""
    width, height = chart_size(months)
    return f"<img src='{URL}' width='{width}' height='{height}' title='{title}'>"
