"""The customer book as a Qt table model that scales to 100,000 customers.

The model holds only the ordered ids of the matching customers (one SQL query) and loads
the rows it is asked to show in pages, keeping a bounded cache. Sorting, searching and
filtering re-run the id query in SQL; there is never a proxy model over the whole book. Once
an id query has taken longer than :data:`ASYNC_AFTER` (a large book), the following ones run
on their own thread (:class:`~ui.book_query.IdLoader`), so typing never waits for SQL; the
rows shown switch when the newest answer arrives.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from models.enums import Tier
from storage.customer_queries import CustomerQuery, CustomerRow
from storage.database import MEMORY, Database
from ui.book_query import IdLoader
from ui.labels import label
from ui.table_style import read_only_row_flags
from ui.tier_palette import tier_tints

CONTEXT = "CustomerTableModel"

COL_NAME = 0
COL_TIER = 1
COL_SCORE = 2
COL_ABC = 3
COL_LIFECYCLE = 4
COL_RELATIONSHIP = 5
COL_REVENUE = 6
COL_LAST_INTERACTION = 7
COL_NEXT_FOLLOW_UP = 8
COL_OWNER = 9

#: Native value of the cell (float, date, enum rank...), for sorting and tests.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The whole :class:`CustomerRow` of the line.
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

PAGE_SIZE = 200
CACHE_ROWS = 20 * PAGE_SIZE
#: An id query slower than this sends the next ones to the background (seconds).
ASYNC_AFTER = 0.04

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str  # English source, translated in the CustomerTableModel context
    sort_key: str  # a key of storage.customer_queries.SORT_COLUMNS
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(QT_TRANSLATE_NOOP("CustomerTableModel", "Customer"), "name"),
    Column(QT_TRANSLATE_NOOP("CustomerTableModel", "Tier"), "tier"),
    Column(QT_TRANSLATE_NOOP("CustomerTableModel", "Score"), "score", numeric=True),
    Column(QT_TRANSLATE_NOOP("CustomerTableModel", "ABC"), "abc_class"),
    Column(QT_TRANSLATE_NOOP("CustomerTableModel", "Lifecycle"), "lifecycle"),
    Column(QT_TRANSLATE_NOOP("CustomerTableModel", "Relationship"), "relationship_level"),
    Column(QT_TRANSLATE_NOOP("CustomerTableModel", "Revenue (12 months)"), "revenue_12m",
           numeric=True),
    Column(QT_TRANSLATE_NOOP("CustomerTableModel", "Last interaction"), "last_interaction_at"),
    Column(QT_TRANSLATE_NOOP("CustomerTableModel", "Next follow-up"), "next_follow_up"),
    Column(QT_TRANSLATE_NOOP("CustomerTableModel", "Owner"), "owner"),
)

#: Light tints of the one tier palette (charts, header, exports use the same hues), readable
#: with dark text.
TIER_COLOURS: dict[Tier, str] = tier_tints(0.4)
TIER_TEXT_COLOUR = "#1f1f1f"


class CustomerTableModel(QAbstractTableModel):
    """Rows of the customer book for ``query``, loaded page by page from ``db``."""

    #: Emitted after the set of rows changed (new query, sort, refresh); carries the count.
    rows_reset = Signal(int)

    def __init__(self, db: Database, parent: QObject | None = None,
                 query: CustomerQuery | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = query if query is not None else CustomerQuery()
        self._ids: list[str] = []
        self._cache: OrderedDict[str, CustomerRow] = OrderedDict()
        self._brushes = {tier: QBrush(QColor(colour)) for tier, colour in TIER_COLOURS.items()}
        self._tier_text = QBrush(QColor(TIER_TEXT_COLOUR))
        self._loader: IdLoader | None = None
        self._background = False
        self._pending = 0  # number of the background request not answered yet
        self._ids = self._load_now()

    # -- what is shown ---------------------------------------------------------------------
    @property
    def db(self) -> Database:
        return self._db

    @property
    def query(self) -> CustomerQuery:
        return self._query

    @property
    def loading(self) -> bool:
        """Whether a background query is on its way (the rows shown are the previous ones)."""
        return self._pending != 0

    def set_database(self, db: Database) -> None:
        """Show another book with the same query."""
        self.close()
        self._db = db
        self._background = False
        self.refresh()

    def close(self) -> None:
        """Stop the background query thread (the book is closing)."""
        if self._loader is not None:
            self._loader.close()
            self._loader.deleteLater()
            self._loader = None
        self._pending = 0

    def set_background(self, on: bool) -> None:
        """Force id queries onto their own thread (or back), whatever their speed."""
        self._background = on and str(self._db.path) != MEMORY
    def set_query(self, query: CustomerQuery) -> None:
        """Show the customers matching ``query`` (search, filters and order)."""
        if query == self._query:
            return
        self._query = query
        self.refresh()

    def set_search(self, text: str) -> None:
        self.set_query(replace(self._query, search=text))

    def refresh(self) -> None:
        """Re-read the ids from the database and drop cached rows (after writes)."""
        if self._background:
            if self._loader is None:
                self._loader = IdLoader(self._db.path, self)
                self._loader.loaded.connect(self._on_loaded)
                self._loader.failed.connect(self._on_failed)
            self._pending = self._loader.request(self._query)
            return
        self._show(self._load_now())

    def _load_now(self) -> list[str]:
        started = time.perf_counter()
        ids = self._db.customer_ids(self._query)
        if time.perf_counter() - started > ASYNC_AFTER and str(self._db.path) != MEMORY:
            self._background = True
        return ids

    def _show(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self.endResetModel()
        self.rows_reset.emit(len(self._ids))

    def _on_loaded(self, number: int, query: CustomerQuery, ids: list[str]) -> None:
        if number != self._pending or query != self._query:
            return  # an older answer; the newest is on its way
        self._pending = 0
        self._show(ids)

    def _on_failed(self, number: int, error: object) -> None:
        if number == self._pending:
            self._pending = 0
            if isinstance(error, BaseException):
                raise error

    def retranslate(self) -> None:
        """Repaint headers and labels in the new UI language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def customer_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, customer_id: str) -> int:
        """Row showing ``customer_id``, or -1 (linear, for selection restore and tests)."""
        try:
            return self._ids.index(customer_id)
        except ValueError:
            return -1

    def record(self, row: int) -> CustomerRow | None:
        """The line at ``row``, loading its page if needed; None if it vanished meanwhile."""
        if not 0 <= row < len(self._ids):
            return None
        customer_id = self._ids[row]
        found = self._cache.get(customer_id)
        if found is None:
            self._load_page(row)
            found = self._cache.get(customer_id)
        else:
            self._cache.move_to_end(customer_id)
        return found

    def _load_page(self, row: int) -> None:
        start = row - row % PAGE_SIZE
        ids = [i for i in self._ids[start:start + PAGE_SIZE] if i not in self._cache]
        for customer in self._db.customer_rows(ids):
            self._cache[customer.id] = customer
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)

    # -- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CONTEXT, COLUMNS[section].header)
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return read_only_row_flags(index.isValid())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(COLUMNS):
            return None
        row = self.record(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return _native(row, column)
        if role == RECORD_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if COLUMNS[column].numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if column == COL_TIER and row.tier is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return self._brushes[row.tier]
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._tier_text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-run the query ordered by ``column`` in SQL."""
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort=COLUMNS[column].sort_key,
                               descending=descending))

    def sort_column(self) -> int:
        """The column the current query is ordered by (-1 if not a column of the table)."""
        for number, column in enumerate(COLUMNS):
            if column.sort_key == self._query.sort:
                return number
        return -1

    # -- formatting --------------------------------------------------------------------------
    def _display(self, row: CustomerRow, column: int) -> str:
        locale = QLocale()
        if column == COL_NAME:
            return row.name
        if column == COL_TIER:
            if row.tier is None:
                return ""
            if row.tier_overridden:
                return QCoreApplication.translate("CustomerTableModel", "{tier} (override)").format(
                    tier=label(row.tier))
            return label(row.tier)
        if column == COL_SCORE:
            return "" if row.score is None else locale.toString(float(row.score), "f", 1)
        if column == COL_ABC:
            return label(row.abc_class)
        if column == COL_LIFECYCLE:
            return label(row.lifecycle)
        if column == COL_RELATIONSHIP:
            return label(row.relationship_level)
        if column == COL_REVENUE:
            return locale.toString(float(row.revenue_12m), "f", 0)
        if column == COL_LAST_INTERACTION:
            return _iso_day(row.last_interaction_at)
        if column == COL_NEXT_FOLLOW_UP:
            return _iso_day(row.next_follow_up)
        if column == COL_OWNER:
            return row.owner
        return ""

    def _tooltip(self, row: CustomerRow, column: int) -> str | None:
        if column == COL_NAME:
            return f"{row.name}\n{row.code}" if row.code else row.name
        if column == COL_TIER and row.tier_overridden:
            return QCoreApplication.translate(
                "CustomerTableModel", "The tier was set by hand and overrides the computed one.")
        if column == COL_NEXT_FOLLOW_UP and row.next_follow_up is not None \
                and row.next_follow_up < date.today():
            return QCoreApplication.translate("CustomerTableModel", "Overdue")
        return None


def _iso_day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return day.isoformat()


def _native(row: CustomerRow, column: int) -> Any:
    """The cell's value as Python data, ordered the way the SQL sort orders it."""
    if column == COL_NAME:
        return row.name
    if column == COL_TIER:
        return None if row.tier is None else row.tier.rank
    if column == COL_SCORE:
        return row.score
    if column == COL_ABC:
        return None if row.abc_class is None else row.abc_class.value
    if column == COL_LIFECYCLE:
        return None if row.lifecycle is None else row.lifecycle.value
    if column == COL_RELATIONSHIP:
        return int(row.relationship_level)
    if column == COL_REVENUE:
        return row.revenue_12m
    if column == COL_LAST_INTERACTION:
        return row.last_interaction_at
    if column == COL_NEXT_FOLLOW_UP:
        return row.next_follow_up
    if column == COL_OWNER:
        return row.owner
    return None
