"""What the Today view lists, loaded on the worker thread, as a two-level Qt model.

Sections (overdue follow-ups, upcoming follow-ups, plan actions, complaints, silences, reviews)
are the top rows; their items are the children. Follow-ups and plan actions carry a check box:
ticking it asks (by signal) for the item to be marked done; the model never writes itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from models.enums import Tier
from storage.book import Book
from storage.book.types import DEFAULT_LIMIT
from ui.gui.background.tasks import Progress
from ui.gui.style.tier_palette import tier_tints
from ui.gui.text.labels import label

UPCOMING_DAYS = 14

# Section codes, in display order; each item opens the customer on ``TABS[section]``.
OVERDUE = "overdue"
UPCOMING = "upcoming"
ACTIONS = "actions"
COMPLAINTS = "complaints"
SILENT = "silent"
REVIEWS = "reviews"
SECTIONS = (OVERDUE, UPCOMING, ACTIONS, COMPLAINTS, SILENT, REVIEWS)
TABS = {OVERDUE: "interactions", UPCOMING: "interactions", ACTIONS: "plan",
        COMPLAINTS: "needs", SILENT: "interactions", REVIEWS: "assessment"}
CHECKABLE = frozenset({OVERDUE, UPCOMING, ACTIONS})

COL_CUSTOMER, COL_TIER, COL_WHAT, COL_WHEN, COL_OWNER = range(5)
COLUMN_COUNT = 5
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = "#b3261e"

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TodayItem:
    section: str
    record_id: str  # interaction, plan action or need id; the customer id otherwise
    customer_id: str
    customer_name: str
    tier: Tier | None
    what: str  # the user's own words (next step, action, complaint); '' for silences/reviews
    kind_label: Any  # an enum shown before ``what`` (interaction kind, priority), or None
    when: date | None  # due date (follow-ups, actions, silences, reviews) or raised on
    last: date | None = None  # last contact or review
    owner: str = ""
    overdue: bool = False

    @property
    def tab(self) -> str:
        return TABS[self.section]


@dataclass
class TodayData:
    as_of: date
    items: dict[str, list[TodayItem]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)


def load_today(book: Book, progress: Progress, as_of: date | None = None,
               limit: int = DEFAULT_LIMIT) -> TodayData:
    """Everything the Today view shows, read on the worker thread."""
    today = as_of or date.today()
    soon = today + timedelta(days=UPCOMING_DAYS)
    data = TodayData(as_of=today)
    overdue = book.today.follow_ups(today - timedelta(days=1), today=today, limit=limit)
    upcoming = book.today.follow_ups(soon, since=today, today=today, limit=limit)
    for section, listing in ((OVERDUE, overdue), (UPCOMING, upcoming)):
        data.items[section] = [TodayItem(
            section, f.interaction_id, f.customer_id, f.customer_name, f.tier, f.next_step,
            f.kind, f.due, owner=f.owner, overdue=f.overdue) for f in listing.rows]
        data.totals[section] = listing.total
    progress.check()
    actions = book.plans.due(soon, today=today)
    data.items[ACTIONS] = [TodayItem(
        ACTIONS, a.action_id, a.customer_id, a.customer_name, None, a.what, None, a.due_date,
        owner=a.owner, overdue=a.overdue) for a in actions[:limit]]
    data.totals[ACTIONS] = len(actions)
    complaints = book.today.complaints(limit=limit)
    data.items[COMPLAINTS] = [TodayItem(
        COMPLAINTS, c.need_id, c.customer_id, c.customer_name, c.tier, c.description,
        c.priority, c.raised_on) for c in complaints.rows]
    data.totals[COMPLAINTS] = complaints.total
    progress.check()
    for section, due in ((SILENT, book.today.silent(today=today, limit=limit)),
                         (REVIEWS, book.today.reviews(today=today, limit=limit))):
        data.items[section] = [TodayItem(
            section, d.customer_id, d.customer_id, d.customer_name, d.tier, "", None, d.due,
            last=d.last, overdue=True) for d in due.rows]
        data.totals[section] = due.total
    tiers = _tiers_of(book, [i.customer_id for i in data.items[ACTIONS]])
    data.items[ACTIONS] = [replace(i, tier=tiers.get(i.customer_id))
                           for i in data.items[ACTIONS]]
    return data


def _tiers_of(book: Book, ids: list[str]) -> dict[str, Tier | None]:
    return {row.id: row.tier for row in book.customers.rows(list(dict.fromkeys(ids)))}


def section_title(section: str) -> str:
    translate = QCoreApplication.translate
    return {
        OVERDUE: translate("TodayModel", "Overdue follow-ups"),
        UPCOMING: translate("TodayModel", "Follow-ups in the next {days} days").format(
            days=UPCOMING_DAYS),
        ACTIONS: translate("TodayModel", "Plan actions due"),
        COMPLAINTS: translate("TodayModel", "Open complaints at strategic and key customers"),
        SILENT: translate("TodayModel",
                          "Strategic and key customers without contact for too long"),
        REVIEWS: translate("TodayModel", "Customers due for their periodic review"),
    }[section]


def column_title(column: int) -> str:
    translate = QCoreApplication.translate
    return (translate("TodayModel", "Customer"), translate("TodayModel", "Tier"),
            translate("TodayModel", "What"), translate("TodayModel", "Due"),
            translate("TodayModel", "Owner"))[column]


class TodayModel(QAbstractItemModel):
    """Sections as top rows, items as their children; only non-empty sections are shown."""

    completion_requested = Signal(object)  # TodayItem whose box the user ticked

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_: TodayData | None = None
        self._sections: list[str] = []
        self._pending: set[str] = set()  # record ids ticked, waiting for the write
        self._tints = {t: QBrush(QColor(c)) for t, c in tier_tints().items()}

    # -- content -------------------------------------------------------------------------
    def set_data(self, data: TodayData) -> None:
        self.beginResetModel()
        self.data_ = data
        self._sections = [s for s in SECTIONS if data.items.get(s)]
        self._pending.clear()
        self.endResetModel()

    def sections(self) -> list[str]:
        return list(self._sections)

    def item(self, index: Index) -> TodayItem | None:
        if not index.isValid() or index.internalId() == 0 or self.data_ is None:
            return None
        section = self._sections[index.internalId() - 1]
        rows = self.data_.items[section]
        return rows[index.row()] if index.row() < len(rows) else None

    def section_index(self, section: str) -> QModelIndex:
        return self.index(self._sections.index(section), 0) if section in self._sections \
            else QModelIndex()

    def set_pending(self, item: TodayItem, pending: bool) -> None:
        if pending:
            self._pending.add(item.record_id)
        else:
            self._pending.discard(item.record_id)
        section = self._sections.index(item.section)
        rows = self.data_.items[item.section] if self.data_ else []
        if item in rows:
            index = self.index(rows.index(item), 0, self.index(section, 0))
            self.dataChanged.emit(index, index.siblingAtColumn(COL_OWNER))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        self.layoutChanged.emit()

    # -- QAbstractItemModel --------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if parent.isValid():
            if parent.internalId() != 0:
                return QModelIndex()
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, 0)

    # C++ overloads parent(): QObject's parent() and the model's parent(index); a Python
    # override has one signature, which cannot match both stubs.
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if self.data_ is None:
            return 0
        if not parent.isValid():
            return len(self._sections)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self.data_.items[self._sections[parent.row()]])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < COLUMN_COUNT:
            return column_title(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        item = self.item(index)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if item is None:
            return flags
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == 0 and item.section in CHECKABLE \
                and item.record_id not in self._pending:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.data_ is None:
            return None
        item = self.item(index)
        if item is None:
            return self._section_data(index, role)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 \
                and item.section in CHECKABLE:
            done = item.record_id in self._pending
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_WHEN and item.overdue:
            return QBrush(QColor(OVERDUE_COLOUR))
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_TIER and item.tier:
            return self._tints[item.tier]
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_WHAT and item.what:
            return item.what
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item(index)
        if role != Qt.ItemDataRole.CheckStateRole or item is None \
                or item.section not in CHECKABLE or item.record_id in self._pending:
            return False
        if Qt.CheckState(value) != Qt.CheckState.Checked:
            return False
        self.set_pending(item, True)
        self.completion_requested.emit(item)
        return True

    # -- formatting ----------------------------------------------------------------------
    def _section_data(self, index: Index, role: int) -> Any:
        if index.column() != 0 or self.data_ is None:
            return None
        section = self._sections[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            shown = len(self.data_.items[section])
            total = self.data_.totals.get(section, shown)
            locale = QLocale()
            if total > shown:
                return QCoreApplication.translate(
                    "TodayModel", "{title} ({total}, the first {shown} shown)").format(
                    title=section_title(section), total=locale.toString(total),
                    shown=locale.toString(shown))
            return f"{section_title(section)} ({locale.toString(total)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, item: TodayItem, column: int) -> str:
        translate = QCoreApplication.translate
        if column == COL_CUSTOMER:
            return item.customer_name
        if column == COL_TIER:
            return label(item.tier)
        if column == COL_OWNER:
            return item.owner
        if column == COL_WHEN:
            if item.section == COMPLAINTS:
                return translate("TodayModel", "raised {day}").format(
                    day=item.when.isoformat()) if item.when else ""
            return item.when.isoformat() if item.when else translate("TodayModel", "now")
        if item.section == SILENT:
            if item.last is None:
                return translate("TodayModel", "Never contacted")
            days = (self.data_.as_of - item.last).days if self.data_ else 0
            return translate("TodayModel", "No contact for {days} days (last {day})").format(
                days=days, day=item.last.isoformat())
        if item.section == REVIEWS:
            if item.last is None:
                return translate("TodayModel", "Never reviewed")
            return translate("TodayModel", "Last review {day}").format(day=item.last.isoformat())
        prefix = label(item.kind_label) if item.kind_label is not None else ""
        text = " ".join(item.what.split())  # one line, whatever the user typed
        if not prefix:
            return text
        return translate("TodayModel", "{kind}: {text}").format(kind=prefix, text=text)
