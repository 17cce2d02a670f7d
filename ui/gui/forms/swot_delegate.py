"""Paints a SWOT line with what it is about after it in grey, wrapped to the list's width."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from ui.gui.models.swot_model import ABOUT_ROLE, ITEM_ROLE

GREY = "#757575"
MARGIN = 3


class SwotLineDelegate(QStyledItemDelegate):
    def _document(self, option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        item = index.data(ITEM_ROLE)
        about = index.data(ABOUT_ROLE) or ""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        html = escape(item.text if item is not None else "")
        if about:  # on a selected row, all in the highlight's ink
            html += (f" · {escape(about)}" if selected else
                     f" <span style='color:{GREY}'>· {escape(about)}</span>")
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(MARGIN)
        document.setHtml(html)
        width = option.rect.width()
        view = option.widget
        if isinstance(view, QAbstractItemView):  # a size hint's rect is not the row's yet
            width = view.viewport().width()
        document.setTextWidth(max(40, width))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        document = self._document(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:  # the background, selection and focus as the style draws them
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(
                QPalette.ColorRole.HighlightedText))
        painter.save()
        painter.translate(option.rect.topLeft())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        self.initStyleOption(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))
