"""The Customers view: the customer book as a sortable, searchable, filterable table.

Sorting and filtering go through the model (SQL), never a proxy; the header layout (widths,
order, sort column) is remembered in the UI settings.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.enums import LifecycleStage, RelationshipLevel, Tier
from storage.book import Book
from storage.book.types import CustomerRow
from ui.gui.models.customer_table_model import (
    COL_ABC,
    COL_LAST_INTERACTION,
    COL_LIFECYCLE,
    COL_NAME,
    COL_NEXT_FOLLOW_UP,
    COL_OWNER,
    COL_RELATIONSHIP,
    COL_REVENUE,
    COL_SCORE,
    COL_TIER,
    RECORD_ROLE,
    CustomerTableModel,
)
from ui.gui.settings import Settings
from ui.gui.style.table_style import header_title_need, style_record_table
from ui.gui.text.labels import label
from ui.gui.views.activation import on_row_opened
from ui.gui.views.filter_bar import BookFilters, FilterBar

HEADER_KEY = "customers"
#: Search once the keystrokes already queued are in (a zero timer coalesces a burst); on a
#: large book each query runs in the background and a newer one interrupts it.
SEARCH_DELAY_MS = 0

#: What each column typically holds, to size it before the user does.
# A right-aligned title and the next one's start keep apart by this much more than the
# style's margins (they touched: "ScoreABC").
TITLE_GAP = 6
# The names keep room for this many average characters before other columns give way.
LEAST_NAME_CHARS = 26


def _samples() -> dict[int, list[str]]:
    return {
        COL_NAME: ["Apexpoint Medical Devices Co."],
        COL_TIER: [*(label(t) for t in Tier), QCoreApplication.translate(
            "CustomerTableModel", "{tier} (override)").format(tier=label(Tier.STRATEGIC))],
        COL_SCORE: ["100.0"],
        COL_ABC: ["A"],
        COL_LIFECYCLE: [label(s) for s in LifecycleStage],
        COL_RELATIONSHIP: [label(r) for r in RelationshipLevel],
        COL_REVENUE: ["99,999,999"],
        COL_LAST_INTERACTION: ["2026-12-31"],
        COL_NEXT_FOLLOW_UP: ["2026-12-31"],
        COL_OWNER: ["Wang Xiaoming"],
    }


class CustomerBookView(QWidget):
    """Table of customers; emits ``customer_activated`` on Enter or double-click."""

    customer_activated = Signal(str)  # customer id
    count_changed = Signal(int)  # customers matching the current search and filters

    def __init__(self, book: Book, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.model = CustomerTableModel(book, self)
        self.filter_bar = FilterBar(book.customers.owners(), self)
        self.filter_bar.filters_changed.connect(self._on_filters_changed)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyBookLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #666666; padding: 24px;")
        self.empty_label.hide()
        self.table = QTableView(self)
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        style_record_table(self.table)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._apply_default_widths()
        # The arrow first, then sorting on: enabling sorts by the arrow, and an arrow left
        # at Qt's default would run (and throw away) a query over the whole book.
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder
                                if self.model.query.descending else Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._room_for_arrow)
        self._layout_restored = self.restore_layout()
        on_row_opened(self.table, lambda index: self._activate(index.row()))
        self._reveal: str | None = None  # customer to select once the rows arrive
        self._to_top = False  # a new search or filter: show its first rows
        self._open_row: int | None = None  # opened before its id was known
        self.model.rows_reset.connect(self._on_rows_reset)
        self.model.rows_reset.connect(self.count_changed)
        self.model.completed.connect(self._on_completed)
        self.table.viewport().installEventFilter(self)

        self._pending_search = ""
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        self.retranslate()

    # -- search ----------------------------------------------------------------------------
    def search(self, text: str) -> None:
        """Search as the user types: runs shortly after the last keystroke."""
        self._pending_search = text
        self._search_timer.start()

    def apply_search(self) -> None:
        """Run the pending search now."""
        self._search_timer.stop()
        self._to_top = True
        self.model.set_search(self._pending_search)

    # -- filters ---------------------------------------------------------------------------
    @property
    def filters(self) -> BookFilters:
        return self.filter_bar.filters

    def set_filters(self, filters: BookFilters) -> None:
        """Narrow the book to ``filters`` (shown as chips in the filter bar)."""
        self.filter_bar.set_filters(filters)

    def _on_filters_changed(self, filters: BookFilters) -> None:
        self._to_top = True
        self.model.set_query(filters.applied_to(self.model.query))

    def narrowed(self) -> bool:
        """Whether a search or a filter hides part of the book."""
        return bool(self.model.query.search.strip()) or self.filters.active

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.table.viewport() \
                and not self.model.complete:
            # The first rows of a long answer are being painted: the rest of the ids are
            # read once that is done (a zero timer fires after this event).
            QTimer.singleShot(0, self.model.read_rest)
        return super().eventFilter(watched, event)

    def _on_rows_reset(self, count: int) -> None:
        self.empty_label.setVisible(count == 0 and self.narrowed())
        # Lay the rows out now (scroll bar range included), not at the first paint, which
        # would then change the range and paint everything a second time.
        self.table.executeDelayedItemsLayout()
        self._open_row = None  # those rows are gone
        if self._reveal is not None and self.model.row_of(self._reveal) >= 0:
            customer_id, self._reveal = self._reveal, None  # among the first rows
            self.select_customer(customer_id)
        elif self._to_top and count and self._reveal is None:
            self.table.scrollToTop()
        self._to_top = False

    def _on_completed(self) -> None:
        """Every id shown is known: select the customer to reveal, open the row opened."""
        if self._reveal is not None:
            customer_id, self._reveal = self._reveal, None
            self.select_customer(customer_id)
        if self._open_row is not None:
            row, self._open_row = self._open_row, None
            self._activate(row)

    # -- book ------------------------------------------------------------------------------
    def set_book(self, book: Book) -> None:
        self.filter_bar.set_owners(book.customers.owners())
        self.model.set_book(book)

    def refresh(self) -> None:
        """Reload after the book changed, keeping the selected customer if still shown."""
        selected = self.selected_customer()
        self.filter_bar.set_owners(self.model.book.customers.owners())
        self._reveal = selected.id if selected is not None else None
        self.model.refresh()

    def keys_in_use(self) -> frozenset[str]:
        """What the rows shown and their order depend on: the sort key, the search, the
        filters (the names of ``Changes.list_keys_moved``)."""
        query = self.model.query
        used = {query.sort}
        for key, active in (("search", bool(query.search.strip())), ("tier", query.tiers),
                            ("abc_class", query.abc_classes), ("lifecycle", query.lifecycles),
                            ("relationship_level", query.relationship_levels),
                            ("owner", query.owners),
                            *query.segment_filters()):
            if active:
                used.add(key)
        return frozenset(used)

    def refresh_rows(self, customer_ids: frozenset[str], *, owners: bool) -> None:
        """Repaint the rows of customers edited in place (the list keeps its rows and
        order); ``owners``: the owner filter's choices may have changed too."""
        if owners:
            self.filter_bar.set_owners(self.model.book.customers.owners())
        self.model.refresh_rows(customer_ids)

    def reveal(self, customer_id: str) -> None:
        """Select ``customer_id`` as soon as the rows being loaded are shown."""
        if self.model.loading or (not self.model.complete
                                  and self.model.row_of(customer_id) < 0):
            self._reveal = customer_id  # selected once its row is known
        else:
            self.select_customer(customer_id)

    def selected_customer(self) -> CustomerRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        record = self.model.data(rows[0], RECORD_ROLE)
        return record if isinstance(record, CustomerRow) else None

    def select_customer(self, customer_id: str) -> bool:
        row = self.model.row_of(customer_id)
        if row < 0:
            return False
        index = self.model.index(row, COL_NAME)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _activate(self, row: int) -> None:
        if self.model.has_id(row):
            self.customer_activated.emit(self.model.customer_id(row))
        elif 0 <= row < self.model.rowCount():
            self._open_row = row  # its id is still being read: open it when it arrives

    # -- layout ----------------------------------------------------------------------------
    def _apply_default_widths(self) -> None:
        cells = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        self._default_widths: dict[int, int] = {}
        self._least_widths: dict[int, int] = {}  # the cells' needs alone
        for column, samples in _samples().items():
            # Room for the header text (and the sort arrow where it is), or the widest
            # sample plus padding. An arrow's room on every title cut English titles short
            # at 1280 pixels ("ue (12 months)"): the arrow gets room when it moves.
            for_title = header_title_need(header, column) + TITLE_GAP
            for_cells = max(cells.horizontalAdvance(text) for text in samples) + 24
            self._default_widths[column] = max(for_title, for_cells)
            self._least_widths[column] = for_cells
            header.resizeSection(column, self._default_widths[column])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            self._fit_columns()

    def _fit_columns(self) -> None:
        """First start: names take the room the other columns leave free; in a narrow
        window the other columns give way first (headers elide), down to their contents."""
        header = self.table.horizontalHeader()
        width = self.width() - 2 * self.table.frameWidth() \
            - self.table.verticalScrollBar().sizeHint().width()
        others = {c: w for c, w in self._default_widths.items() if c != COL_NAME}
        least_name = self.table.fontMetrics().averageCharWidth() * LEAST_NAME_CHARS
        spare = width - sum(others.values()) - self._default_widths[COL_NAME]
        if spare >= 0:
            header.resizeSection(COL_NAME, self._default_widths[COL_NAME] + spare * 3 // 4)
            return
        room = width - max(least_name, self._default_widths[COL_NAME] + spare)
        slack = sum(w - self._least_widths[c] for c, w in others.items())
        cut = max(0, min(slack, sum(others.values()) - room))
        for column, wanted in others.items():
            share = (wanted - self._least_widths[column]) / slack if slack else 0.0
            header.resizeSection(column, round(wanted - cut * share))
        used = sum(header.sectionSize(c) for c in others)
        header.resizeSection(COL_NAME, max(least_name, width - used))

    def _room_for_arrow(self, column: int) -> None:
        """Widen a column sorted on, whose arrow would cut its title, at the names' cost."""
        header = self.table.horizontalHeader()
        more = header_title_need(header, column, True) - header.sectionSize(column)
        if more <= 0 or column == COL_NAME:
            return
        header.resizeSection(column, header.sectionSize(column) + more)
        least_name = self.table.fontMetrics().averageCharWidth() * LEAST_NAME_CHARS
        name = header.sectionSize(COL_NAME)
        header.resizeSection(COL_NAME, max(least_name, name - more))

    def restore_layout(self) -> bool:
        """Apply the saved widths, order and sort; False if there was none."""
        state = self.settings.header_state(HEADER_KEY)
        header = self.table.horizontalHeader()
        if state.isEmpty() or not header.restoreState(state):
            return False
        # Restoring the header moves its sort arrow without sorting the rows.
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        return True

    def save_layout(self) -> None:
        self.settings.set_header_state(HEADER_KEY, self.table.horizontalHeader().saveState())

    def retranslate(self) -> None:
        self.model.retranslate()
        self.filter_bar.retranslate()
        self.empty_label.setText(self.tr(
            "No customer matches the search and filters. Clear them to see the whole book."))
