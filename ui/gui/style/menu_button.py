"""A tool button that opens its menu on a click and draws the menu's arrow beside its text.

Fusion draws an InstantPopup button's arrow in the bottom-right corner over a text centred in
the whole button: the filter bar's 'Tier', 'Segment (1)', 细分 ended under the arrow. This
button is as wide as its text and the arrow, the text centred in the room left of the arrow.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QStyle,
    QStyleOption,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
    QWidget,
)

#: Room for the arrow at the right (pixels): the arrow and a gap on each side.
ARROW_ROOM = 14
#: The arrow's size (pixels).
ARROW = 7


class MenuButton(QToolButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + ARROW_ROOM, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width() + ARROW_ROOM, hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.features &= ~QStyleOptionToolButton.ToolButtonFeature.HasMenu
        text, option.text = option.text, ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)  # the bevel
        label = QStyleOptionToolButton(option)
        label.text = text
        label.rect = option.rect.adjusted(0, 0, -ARROW_ROOM + 4, 0)
        painter.drawControl(QStyle.ControlElement.CE_ToolButtonLabel, label)
        arrow = QStyleOption()
        arrow.initFrom(self)
        rect = option.rect
        arrow.rect = rect.adjusted(rect.width() - ARROW_ROOM, (rect.height() - ARROW) // 2,
                                   -(ARROW_ROOM - ARROW) // 2 - 1,
                                   -((rect.height() - ARROW + 1) // 2))
        painter.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorArrowDown, arrow)
