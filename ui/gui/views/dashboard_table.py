"""The dashboard's tables: read-only, sortable by their headers, one whole row selected, as
tall as their rows (the dashboard scrolls, a table does not) and as wide as their columns,
whose titles wrap onto two lines so that the figures fit the window."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.gui.style.wrapping_header import WrappingHeader


class DashboardTable(QTableView):
    """Never taller nor wider than its rows and columns; a horizontal scroll bar only when the
    dashboard is narrower than the columns, and room under the rows for it only then."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        header = WrappingHeader(self)
        self.wrapping = header
        self.setHorizontalHeader(header)
        self.setModel(model)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Scrolled by whole columns, the last one stayed half hidden at the end.
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # As wide as its columns: stretched across the dashboard, the last column's figures
        # sat far from the others.
        header.setStretchLastSection(False)
        header.sectionResized.connect(lambda *_: self._fit_width())
        header.sortIndicatorChanged.connect(lambda *_: self.fit())  # the arrow takes room
        self.horizontalScrollBar().rangeChanged.connect(lambda *_: self.fit_height())
        parent.installEventFilter(self)  # its width is the room the columns have

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.fit()
        return super().eventFilter(watched, event)

    def fit(self) -> None:
        """Every row and column in view, titles wrapped as far as that needs, or a scroll
        bar for the columns beyond the room."""
        parent = self.parentWidget()
        if parent is not None:
            self.wrapping.set_room(parent.contentsRect().width() - 2 * self.frameWidth())
        self._fit_width()

    def _fit_width(self) -> None:
        self.setMaximumWidth(self.horizontalHeader().length() + 2 * self.frameWidth())
        self.fit_height()

    def fit_height(self) -> None:
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.model().rowCount()))
        bar = self.horizontalScrollBar()
        scroll = bar.sizeHint().height() if bar.maximum() > 0 else 0
        height = self.horizontalHeader().sizeHint().height() + rows + scroll \
            + 2 * self.frameWidth()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    @property
    def scrolls(self) -> bool:
        """Whether some columns lie beyond the table's width (tests read it)."""
        return self.horizontalScrollBar().maximum() > 0
