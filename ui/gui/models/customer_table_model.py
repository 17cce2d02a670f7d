"""The customer book as a Qt table model that scales to 100,000 customers.

The model holds only the ordered ids of the matching customers (one SQL query) and loads
the rows it is asked to show in pages, keeping a bounded cache. Sorting, searching and
filtering re-run the id query in SQL; there is never a proxy model over the whole book. Once
an id query has taken longer than :data:`ASYNC_AFTER` (a large book), the following ones run
on their own thread (:class:`~ui.gui.models.book_query.IdLoader`), so typing never waits for SQL;
the
rows shown switch when the newest answer arrives.

A long answer can arrive in two steps: its first :data:`HEAD_ROWS` ids with the number of all,
then every id. The first step resets the model to its full length (the visible rows, the row
count and the scroll bar are right); rows past the known ids show empty until the second step
fills them in place, without a reset, so the selection and the scroll position stay.
:attr:`CustomerTableModel.complete` tells whether every id is known.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
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
from storage.book import Book
from storage.book.types import CustomerQuery, CustomerRow
from ui.gui.models.book_query import IdLoader
from ui.gui.style.table_style import read_only_row_flags
from ui.gui.style.tier_palette import tier_tints
from ui.gui.text.labels import label

if TYPE_CHECKING:
    # It returns ``message`` unchanged; PySide6's stubs say "object".
    def QT_TRANSLATE_NOOP(context: str, message: str, /) -> str: ...
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

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

#: Rows read at a time: a screenful and more. Each row is a look-up on a page of its own, and
#: a new search shows rows never read before: a smaller page is on screen sooner.
PAGE_SIZE = 50
CACHE_ROWS = 4_000
#: An id query slower than this sends the next ones to the background (seconds).
ASYNC_AFTER = 0.04
#: So does a book this large, however quick its first query happened to be.
ASYNC_ROWS = 20_000
#: Ids a background answer shows first when the rest would take long (a few screenfuls).
HEAD_ROWS = 200

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
#: The roles :meth:`CustomerTableModel.data` answers (views also ask for fonts, icons...).
_ROLES = frozenset({_DISPLAY, _ALIGNMENT, _BACKGROUND, _FOREGROUND, _TOOLTIP, SORT_ROLE,
                    RECORD_ROLE})


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
_ALIGNMENTS = tuple(
    int((Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft)
        | Qt.AlignmentFlag.AlignVCenter) for column in COLUMNS)


class CustomerTableModel(QAbstractTableModel):
    """Rows of the customer book for ``query``, loaded page by page from ``db``."""

    #: Emitted after the set of rows changed (new query, sort, refresh); carries the count.
    rows_reset = Signal(int)
    #: Emitted once every id of the rows shown is known (right after ``rows_reset`` when the
    #: answer came in one piece).
    completed = Signal()

    def __init__(self, book: Book, parent: QObject | None = None,
                 query: CustomerQuery | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self._query = query if query is not None else CustomerQuery()
        self._ids: list[str] = []  # the ids known so far, in order
        self._count = 0  # rows shown; more than len(self._ids) while the rest is read
        self._beyond = False  # a row past the known ids was asked for (shown empty)
        self._cache: OrderedDict[str, CustomerRow] = OrderedDict()
        self._texts: dict[str, tuple[str, ...]] = {}  # displayed texts of cached rows
        self._brushes = {tier: QBrush(QColor(colour)) for tier, colour in TIER_COLOURS.items()}
        self._tier_text = QBrush(QColor(TIER_TEXT_COLOUR))
        self._loader: IdLoader | None = None
        self._background = False
        self._pending = 0  # number of the background request not answered yet
        self._completing = 0  # number of the request whose first ids are shown
        self._ids = self._load_now()
        self._count = len(self._ids)

    # -- what is shown ---------------------------------------------------------------------
    @property
    def book(self) -> Book:
        return self._book

    @property
    def query(self) -> CustomerQuery:
        return self._query

    @property
    def loading(self) -> bool:
        """Whether a background query is on its way (the rows shown are the previous ones)."""
        return self._pending != 0

    @property
    def complete(self) -> bool:
        """Whether every id of the rows shown is known (False between the two steps of a
        long answer: the rows past :data:`HEAD_ROWS` show empty until the rest arrives)."""
        return len(self._ids) == self._count

    def set_book(self, book: Book) -> None:
        """Show another book with the same query."""
        self.close()
        self._book = book
        self._background = False
        self.refresh()

    def close(self) -> None:
        """Stop the background query thread (the book is closing)."""
        if self._loader is not None:
            self._loader.close()
            self._loader.deleteLater()
            self._loader = None
        self._pending = 0
        self._completing = 0

    def set_background(self, on: bool) -> None:
        """Force id queries onto their own thread (or back), whatever their speed."""
        self._background = on and not self._book.in_memory
        if self._background:
            self._start_loader()

    def _start_loader(self) -> IdLoader:
        """The background query thread, started (and its connection opened) if needed."""
        if self._loader is None:
            self._loader = IdLoader(self._book.path, self, head_rows=HEAD_ROWS)
            self._loader.loaded.connect(self._on_loaded)
            self._loader.failed.connect(self._on_failed)
        return self._loader

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
            self._pending = self._start_loader().request(self._query)
            self._completing = 0  # the rest of an older answer will not come
            return
        ids = self._load_now()
        self._show(ids, len(ids))

    def refresh_rows(self, customer_ids: frozenset[str]) -> int:
        """Repaint the rows of ``customer_ids`` from the book (after an edit of those
        customers): their cached lines are dropped and read again when painted; the other
        rows, their order and the count stay. Returns how many of them are shown."""
        rows = []
        for customer_id in customer_ids:
            self._cache.pop(customer_id, None)
            self._texts.pop(customer_id, None)
            row = self.row_of(customer_id)
            if row >= 0:
                rows.append(row)
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return len(rows)

    def _load_now(self) -> list[str]:
        started = time.perf_counter()
        ids = self._book.customers.ids(self._query)
        slow = time.perf_counter() - started > ASYNC_AFTER or len(ids) >= ASYNC_ROWS
        if slow and not self._book.in_memory:
            self.set_background(True)  # the thread starts now, ready for the next query
        return ids

    def _show(self, ids: list[str], count: int) -> None:
        self.beginResetModel()
        self._ids = ids
        self._count = count
        self._beyond = False
        self._cache.clear()
        self._texts.clear()
        self.endResetModel()
        self.rows_reset.emit(count)
        if self.complete:
            self.completed.emit()

    def _on_loaded(self, number: int, query: CustomerQuery, ids: list[str],
                   total: int) -> None:
        if query != self._query:
            return
        if number == self._pending:
            self._pending = 0
            self._completing = number if len(ids) < total else 0
            self._show(ids, total)
        elif number == self._completing and len(ids) == total:
            self._completing = 0
            self._fill_in(ids)
        # else: an older answer; the newest is on its way

    def read_rest(self) -> None:
        """The first rows of a long answer are on screen: have the rest read now (else it
        follows after :data:`~ui.gui.models.book_query.REST_WAIT`)."""
        if self._completing and self._loader is not None:
            self._loader.read_rest()

    def _fill_in(self, ids: list[str]) -> None:
        """Every id of the answer whose first ones are shown: the rows keep their places."""
        known = len(self._ids)
        if len(ids) != self._count or ids[:known] != self._ids:
            self._show(ids, len(ids))  # not the same snapshot after all: start again
            return
        self._ids = ids
        if self._beyond and known < self._count:
            self._beyond = False
            self.dataChanged.emit(self.index(known, 0),
                                  self.index(self._count - 1, len(COLUMNS) - 1))
        self.completed.emit()

    def _on_failed(self, number: int, error: object) -> None:
        if number in (self._pending, self._completing):
            self._pending = self._completing = 0
            if isinstance(error, BaseException):
                raise error

    def retranslate(self) -> None:
        """Repaint headers and labels in the new UI language."""
        self._texts.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self._count - 1, len(COLUMNS) - 1))

    def customer_id(self, row: int) -> str:
        """The id on ``row``; IndexError if the row is past the ids known (not complete)."""
        return self._ids[row]

    def has_id(self, row: int) -> bool:
        """Whether the id on ``row`` is known (always, for a row shown, once complete)."""
        return 0 <= row < len(self._ids)

    def row_of(self, customer_id: str) -> int:
        """Row showing ``customer_id``, or -1 (linear, for selection restore and tests; only
        the known ids while the model is not complete)."""
        try:
            return self._ids.index(customer_id)
        except ValueError:
            return -1

    def record(self, row: int) -> CustomerRow | None:
        """The line at ``row``, loading its page if needed; None if it vanished meanwhile."""
        if not 0 <= row < len(self._ids):
            if len(self._ids) <= row < self._count:
                self._beyond = True  # shown empty; filled in when the rest arrives
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
        for customer in self._book.customers.rows(ids):
            self._cache[customer.id] = customer
        while len(self._cache) > CACHE_ROWS:
            self._texts.pop(self._cache.popitem(last=False)[0], None)

    # -- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

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
        # Called for every role of every cell painted (about 2,000 times a screenful): the
        # roles never answered go first, and a row's texts are formatted once.
        if role not in _ROLES or not index.isValid():
            return None
        column = index.column()
        if column >= len(COLUMNS):
            return None
        row = self.record(index.row())
        if row is None:
            return None
        if role == _DISPLAY:
            texts = self._texts.get(row.id)
            if texts is None:
                texts = self._texts[row.id] = tuple(
                    self._display(row, number) for number in range(len(COLUMNS)))
            return texts[column]
        if role == _ALIGNMENT:
            return _ALIGNMENTS[column]
        if role in (_BACKGROUND, _FOREGROUND):
            if column != COL_TIER or row.tier is None:
                return None
            return self._brushes[row.tier] if role == _BACKGROUND else self._tier_text
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == SORT_ROLE:
            return _native(row, column)
        return row  # RECORD_ROLE

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
