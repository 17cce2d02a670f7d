"""The relationship map drawn as an org chart (QGraphicsView): a box per contact with name,
title, buying role, influence, attitude (the box's colour) and the colleague covering them,
lines for reports-to, the account's flags above; zoom, fit, double-click opens the contact."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QStyleOptionGraphicsItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.entities import Contact
from models.enums import Attitude
from models.relationships import MapNode, walk
from storage.book.relationships import RelationshipMap
from ui.gui.text.labels import label
from ui.gui.workspace.relationship_map_words import FLAG_COLOUR, flag_text

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

BOX_WIDTH = 210.0
BOX_HEIGHT = 96.0
# Room for one leaf across, and for one level down.
STEP_X = 236.0
STEP_Y = 140.0
# Below this zoom a box's lines cannot be read: a big map opens at it, on its top.
READABLE_SCALE = 0.6

# Attitude -> (border, fill): green for those with us, orange and red for those against.
ATTITUDE_COLOURS: dict[Attitude, tuple[str, str]] = {
    Attitude.CHAMPION: ("#1b5e20", "#e8f5e9"),
    Attitude.SUPPORTER: ("#2e7d32", "#f1f8e9"),
    Attitude.NEUTRAL: ("#757575", "#fafafa"),
    Attitude.SKEPTIC: ("#e65100", "#fff3e0"),
    Attitude.OPPONENT: ("#b71c1c", "#ffebee"),
}


class ContactBox(QGraphicsItem):
    """One contact: painted in one go (no child items), so 200 boxes draw quickly."""

    def __init__(self, contact: Contact, lines: list[str], covered: str, *,
                 flagged: bool, font: QFont) -> None:
        super().__init__()
        self.contact = contact
        self.lines = lines
        self.covered = covered
        self.flagged = flagged
        self.font = font
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("\n".join([contact.name, *lines, covered]))
        # Elided once: the box's size in scene units never changes, only the zoom.
        width = int(BOX_WIDTH - 20)
        bold, plain = QFontMetrics(self.bold), QFontMetrics(font)
        self.name_text = bold.elidedText(contact.name, Qt.TextElideMode.ElideRight, width)
        self.texts = [plain.elidedText(line, Qt.TextElideMode.ElideRight, width)
                      for line in [*lines, covered]]
        self.first_baseline = 6 + bold.ascent()
        self.spacing = plain.lineSpacing()

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, BOX_WIDTH + 4, BOX_HEIGHT + 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        border, fill = ATTITUDE_COLOURS[self.contact.attitude]
        pen = QPen(QColor(FLAG_COLOUR if self.flagged else border), 2.5 if self.flagged else 1.5)
        if self.flagged:
            pen.setStyle(Qt.PenStyle.DashLine)
        if self.isSelected():
            pen.setWidthF(3.0)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor(fill)))
        painter.drawRoundedRect(QRectF(0, 0, BOX_WIDTH, BOX_HEIGHT), 6, 6)
        painter.fillRect(QRectF(0, 8, 5, BOX_HEIGHT - 16), QColor(border))
        # Zoomed far out the words are dots: the boxes alone show the organisation's shape.
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        if detail < 0.3:
            return
        painter.setPen(QColor("#212121"))
        painter.setFont(self.bold)
        y = self.first_baseline
        painter.drawText(QPointF(12, y), self.name_text)
        if detail < 0.5:
            return
        painter.setFont(self.font)
        for line in self.texts[:-1]:
            y += self.spacing
            painter.drawText(QPointF(12, y), line)
        y += self.spacing
        painter.setPen(QColor("#455a64" if self.contact.covered_by else FLAG_COLOUR))
        painter.drawText(QPointF(12, y), self.texts[-1])


class MapView(QGraphicsView):
    """The org chart; ``contact_activated(contact_id)`` on a box's double-click."""

    contact_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relationshipMapView")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.boxes: dict[str, ContactBox] = {}

    def draw(self, rmap: RelationshipMap, texts: BoxTexts) -> None:
        scene = self.scene()
        scene.clear()
        self.boxes = {}
        flagged = rmap.flagged_contact
        line_pen = QPen(QColor("#90a4ae"), 1.5)
        font = self.font()
        for node in walk(rmap.roots):
            c = node.contact
            box = ContactBox(c, texts.lines(c, rmap.last_seen.get(c.id)), texts.covered(c),
                             flagged=c.id == flagged, font=font)
            box.setPos(node.x * STEP_X, node.depth * STEP_Y)
            scene.addItem(box)
            self.boxes[c.id] = box
            for child in node.children:
                scene.addItem(_elbow(node, child, line_pen))
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))

    def fit(self) -> None:
        """The whole map in view (no larger than its natural size)."""
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        self.resetTransform()
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.0:  # a small account at its natural size
            self.resetTransform()

    def show_top(self, roots: list[MapNode]) -> None:
        """The whole map when it can be read whole; else the top of it at a readable size
        (a 200-person organisation fitted whole is a row of dots): Fit shows all."""
        self.fit()
        if self.transform().m11() >= READABLE_SCALE or not roots:
            return
        self.resetTransform()
        self.scale(READABLE_SCALE, READABLE_SCALE)
        top = self.boxes.get(roots[0].contact.id)
        if top is not None:
            self.centerOn(top.sceneBoundingRect().center().x(),
                          top.sceneBoundingRect().top() + self.viewport().height() / 2
                          / READABLE_SCALE - 30)

    def zoom(self, factor: float) -> None:
        scale = self.transform().m11() * factor
        if 0.1 <= scale <= 4.0:
            self.scale(factor, factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, ContactBox):
            self.contact_activated.emit(item.contact.id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)


def _elbow(parent: MapNode, child: MapNode, pen: QPen) -> QGraphicsPathItem:
    """A line from under the boss down and across to the top of the one reporting."""
    start = QPointF(parent.x * STEP_X + BOX_WIDTH / 2, parent.depth * STEP_Y + BOX_HEIGHT)
    end = QPointF(child.x * STEP_X + BOX_WIDTH / 2, child.depth * STEP_Y)
    middle = (start.y() + end.y()) / 2
    path = QPainterPath(start)
    path.lineTo(start.x(), middle)
    path.lineTo(end.x(), middle)
    path.lineTo(end)
    item = QGraphicsPathItem(path)
    item.setPen(pen)
    item.setZValue(-1)
    return item


class BoxTexts:
    """The lines of a box in the user's language."""

    def lines(self, c: Contact, seen: datetime | None) -> list[str]:
        role = label(c.role) if c.role else translate("RelationshipMap", "Role not known")
        influence = ("●" * c.influence + "○" * (5 - c.influence)) if c.influence else "–"
        met = (seen.date().isoformat() if seen is not None
               else translate("RelationshipMap", "never met"))
        return [c.title or c.department or "–", f"{role} · {influence}",
                f"{label(c.attitude)} · {met}"]

    def covered(self, c: Contact) -> str:
        if c.covered_by:
            return translate("RelationshipMap", "Covered by {name}").format(name=c.covered_by)
        return translate("RelationshipMap", "Not covered by us")


class RelationshipMapPanel(QWidget):
    """The flags, the zoom buttons and the chart."""

    contact_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = MapView(self)
        self.view.contact_activated.connect(self.contact_activated)
        self.flags = QLabel(self)
        self.flags.setObjectName("relationshipFlags")
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.RichText)
        self.zoom_in = QToolButton(self)
        self.zoom_in.setObjectName("mapZoomIn")
        self.zoom_in.clicked.connect(lambda: self.view.zoom(1.25))
        self.zoom_out = QToolButton(self)
        self.zoom_out.setObjectName("mapZoomOut")
        self.zoom_out.clicked.connect(lambda: self.view.zoom(0.8))
        self.fit_button = QToolButton(self)
        self.fit_button.setObjectName("mapFit")
        self.fit_button.clicked.connect(self.view.fit)
        self.legend = QLabel(self)
        self.legend.setStyleSheet("color: #666666;")
        tools = QHBoxLayout()
        tools.addWidget(self.legend, 1)
        for button in (self.zoom_out, self.zoom_in, self.fit_button):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.flags)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        self.rmap: RelationshipMap | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.zoom_in.setText("+")
        self.zoom_in.setToolTip(self.tr("Zoom in (Ctrl+wheel)"))
        self.zoom_out.setText("−")
        self.zoom_out.setToolTip(self.tr("Zoom out (Ctrl+wheel)"))
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Show the whole map"))
        self.legend.setText(self.tr(
            "Lines: who reports to whom. Colour: attitude to us. Double-click a box to edit."))
        if self.rmap is not None:
            self.show_map(self.rmap)

    def show_map(self, rmap: RelationshipMap) -> None:
        self.rmap = rmap
        names = {c.id: c.name for c in rmap.contacts}
        if rmap.flags:
            items = "".join(f"<li>{escape(flag_text(f, names))}</li>" for f in rmap.flags)
            self.flags.setText(f"<ul style='color:{FLAG_COLOUR}; margin:0'>{items}</ul>")
        self.flags.setVisible(bool(rmap.flags))
        self.view.draw(rmap, BoxTexts())
        self.view.show_top(rmap.roots)

