"""What the Today view lists, loaded on the worker thread, as a two-level Qt model.

Sections (overdue follow-ups, upcoming follow-ups, plan actions, complaints, silences, reviews)
are the top rows; their items are the children. Follow-ups and plan actions carry a check box:
ticking it asks (by signal) for the item to be marked done; the model never writes itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
from models.plan_periods import week_of
from storage.book import Book
from storage.book.types import DEFAULT_LIMIT
from ui.gui.background.tasks import Progress
from ui.gui.style.tier_palette import tier_tints
from ui.gui.text.labels import label

#: A section holding more items than this starts collapsed (its count says how many).
COLLAPSE_AT = 60

# Section codes, in display order.
OVERDUE = "overdue"
TODAY = "today"
WEEK = "week"
COMPLAINTS = "complaints"
SLIPPING = "slipping"
SILENT = "silent"
REVIEWS = "reviews"
SECTIONS = (OVERDUE, TODAY, WEEK, COMPLAINTS, SLIPPING, SILENT, REVIEWS)
#: Where a row opens the customer, by the table of its record.
TABS = {"interactions": "interactions", "plan_actions": "plan", "needs": "needs",
        "slipping": "score", "silent": "interactions", "reviews": "assessment"}
#: Rows with a tick box (done) and a new date (snooze): follow-ups and plan actions; needs
#: can be given a new answer-by date but are resolved on their tab.
CHECKABLE_TABLES = frozenset({"interactions", "plan_actions"})
MOVABLE_TABLES = frozenset({"interactions", "plan_actions", "needs"})

COL_CUSTOMER, COL_TIER, COL_WHAT, COL_WHY, COL_WHEN, COL_OWNER = range(6)
COLUMN_COUNT = 6
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
    what: str  # the user's own words (next step, action, need); '' for silences/reviews
    kind_label: Any  # an enum shown before ``what`` (interaction or need kind), or None
    when: date | None  # due date (follow-ups, actions, needs, silences, reviews)
    last: date | None = None  # last contact or review
    #: A slipping customer: last month's tier, score and period, and the score now.
    before: tuple[Tier | None, float | None, str, float | None] | None = None
    owner: str = ""
    overdue: bool = False
    #: The record's table: interactions, plan_actions, needs; silent or reviews for customers.
    table: str = "interactions"

    @property
    def tab(self) -> str:
        return TABS[self.table]

    @property
    def checkable(self) -> bool:
        return self.table in CHECKABLE_TABLES

    @property
    def movable(self) -> bool:
        return self.table in MOVABLE_TABLES


@dataclass
class TodayData:
    as_of: date
    items: dict[str, list[TodayItem]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    owner: str | None = None


def _rank(item: TodayItem) -> tuple[int, date]:
    """Value at stake first: strategic and key customers' items, then the oldest."""
    return (item.tier.rank if item.tier is not None else 9, item.when or date.max)


def load_today(book: Book, progress: Progress, as_of: date | None = None,
               limit: int = DEFAULT_LIMIT, owner: str | None = None) -> TodayData:
    """Everything the Today view shows, read on the worker thread: what is overdue, due today
    and due later this week (follow-ups, plan actions, needs past their answer-by date),
    ranked by the customer's tier, then open complaints at top customers, silences and
    reviews. ``owner``: only that salesperson's."""
    today = as_of or date.today()
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)
    sunday = week_of(today)[1]
    data = TodayData(as_of=today, owner=owner)
    for section in (OVERDUE, TODAY, WEEK):
        data.items[section], data.totals[section] = [], 0
    spans = {OVERDUE: (None, yesterday), TODAY: (today, today), WEEK: (tomorrow, sunday)}
    for section, (since, until) in spans.items():
        if (until < today and section != OVERDUE) or (since and since > until):
            continue
        listing = book.today.follow_ups(until, since=since, today=today, owner=owner,
                                        limit=limit)
        data.items[section] += [TodayItem(
            section, f.interaction_id, f.customer_id, f.customer_name, f.tier, f.next_step,
            f.kind, f.due, owner=f.owner, overdue=f.overdue) for f in listing.rows]
        data.totals[section] += listing.total
    progress.check()
    actions = book.plans.due(sunday, today=today, owner=owner)
    tiers = _tiers_of(book, [a.customer_id for a in actions])
    for action in actions:
        section = _section_of(action.due_date, today)
        data.totals[section] += 1
        if len(data.items[section]) < 2 * limit:
            data.items[section].append(TodayItem(
                section, action.action_id, action.customer_id, action.customer_name,
                tiers.get(action.customer_id), action.what, None, action.due_date,
                owner=action.owner, overdue=action.overdue, table="plan_actions"))
    late = book.today.late_needs(today, owner=owner, limit=limit)
    data.items[OVERDUE] += [TodayItem(
        OVERDUE, n.need_id, n.customer_id, n.customer_name, n.tier, n.description, n.kind,
        n.due_on, owner=n.owner, overdue=True, table="needs") for n in late.rows]
    data.totals[OVERDUE] += late.total
    for section in (OVERDUE, TODAY, WEEK):
        data.items[section] = sorted(data.items[section], key=_rank)
    progress.check()
    shown = {i.record_id for i in data.items[OVERDUE]}
    complaints = book.today.complaints(owner=owner, limit=limit)
    data.items[COMPLAINTS] = [TodayItem(
        COMPLAINTS, c.need_id, c.customer_id, c.customer_name, c.tier, c.description,
        c.priority, c.due_on or c.raised_on, owner=c.owner, table="needs")
        for c in complaints.rows if c.need_id not in shown]
    data.totals[COMPLAINTS] = complaints.total - (len(complaints.rows)
                                                  - len(data.items[COMPLAINTS]))
    slipping = book.today.slipping(today, owner=owner, limit=limit)
    data.items[SLIPPING] = [TodayItem(
        SLIPPING, s.customer_id, s.customer_id, s.customer_name, s.tier, "", None, None,
        owner=s.owner, table="slipping", before=(s.tier_before, s.score_before,
                                                 s.period_before, s.score))
        for s in slipping.rows]
    data.totals[SLIPPING] = slipping.total
    for section, due in ((SILENT, book.today.silent(today=today, owner=owner, limit=limit)),
                         (REVIEWS, book.today.reviews(today=today, owner=owner,
                                                      limit=limit))):
        data.items[section] = [TodayItem(
            section, d.customer_id, d.customer_id, d.customer_name, d.tier, "", None, d.due,
            last=d.last, overdue=True, table=section) for d in due.rows]
        data.totals[section] = due.total
    return data


def _section_of(due: date | None, today: date) -> str:
    if due is None or due < today:
        return OVERDUE
    return TODAY if due == today else WEEK


def _tiers_of(book: Book, ids: list[str]) -> dict[str, Tier | None]:
    return {row.id: row.tier for row in book.customers.rows(list(dict.fromkeys(ids)))}


def section_title(section: str) -> str:
    translate = QCoreApplication.translate
    return {
        OVERDUE: translate("TodayModel", "Overdue"),
        TODAY: translate("TodayModel", "Due today"),
        WEEK: translate("TodayModel", "Later this week"),
        COMPLAINTS: translate("TodayModel", "Open complaints at strategic and key customers"),
        SLIPPING: translate("TodayModel", "Customers slipping since last month"),
        SILENT: translate("TodayModel",
                          "Strategic and key customers without contact for too long"),
        REVIEWS: translate("TodayModel", "Customers due for their periodic review"),
    }[section]


def column_title(column: int) -> str:
    translate = QCoreApplication.translate
    return (translate("TodayModel", "Customer"), translate("TodayModel", "Tier"),
            translate("TodayModel", "What"), translate("TodayModel", "Why it's here"),
            translate("TodayModel", "Due"), translate("TodayModel", "Owner"))[column]


def why(item: TodayItem, today: date) -> str:
    """Why the row is on the list, in a few words."""
    translate = QCoreApplication.translate
    if item.section == SILENT:
        return translate("TodayModel", "A top customer not contacted for too long")
    if item.section == REVIEWS:
        return translate("TodayModel", "Review due by its tier's cadence")
    if item.section == SLIPPING and item.before is not None:
        tier_before, _score, period, _now = item.before
        if tier_before is not None and item.tier is not None \
                and item.tier.rank > tier_before.rank:
            return translate("TodayModel", "Fell from {before} since {period}").format(
                before=label(tier_before), period=period)
        return translate("TodayModel", "Score fell since {period}").format(period=period)
    if item.section == COMPLAINTS:
        return translate("TodayModel", "Open complaint at a {tier} customer").format(
            tier=label(item.tier))
    days = (today - item.when).days if item.when else 0
    if item.table == "needs":
        return translate("TodayModel", "Past its answer-by date by {days} days").format(
            days=days)
    what = (translate("TodayModel", "Plan action") if item.table == "plan_actions"
            else translate("TodayModel", "Follow-up"))
    if days > 0:
        return translate("TodayModel", "{what}, {days} days late").format(what=what, days=days)
    if days == 0:
        return translate("TodayModel", "{what} due today").format(what=what)
    return translate("TodayModel", "{what} due {day}").format(
        what=what, day=QLocale().dayName(item.when.isoweekday()) if item.when else "")


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
        if index.column() == 0 and item.checkable and item.record_id not in self._pending:
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
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 and item.checkable:
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
                or not item.checkable or item.record_id in self._pending:
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
        if column == COL_WHY:
            return why(item, self.data_.as_of if self.data_ else date.today())
        if column == COL_WHEN:
            return item.when.isoformat() if item.when else translate("TodayModel", "now")
        if item.section == SLIPPING and item.before is not None:
            return translate("TodayModel", "Score {before} → {now}").format(
                before=_points(item.before[1]), now=_points(item.before[3]))
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


def _points(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"
