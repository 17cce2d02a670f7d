"""What the Today view lists (read by :mod:`ui.gui.models.today_data`), as a two-level Qt model.

Sections (overdue, due today, later this week, complaints, slipping, silent, reviews) are the
top rows; their items are the children. Follow-ups and plan actions carry a check box:
ticking it asks (by signal) for the item to be marked done; the model never writes itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
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

from ui.gui.models.today_data import (
    COMPLAINTS,
    CUSTOMER_SECTIONS,
    OVERDUE,
    REVIEWS,
    SECTIONS,
    SILENT,
    SLIPPING,
    TODAY,
    WEEK,
    TodayData,
    TodayItem,
    load_customers_due,
    load_today,
    load_worklist,
)
from ui.gui.style.tier_palette import tier_tints
from ui.gui.text.labels import label

__all__ = ["COLLAPSE_AT", "COMPLAINTS", "CUSTOMER_SECTIONS", "ITEM_ROLE", "OVERDUE", "REVIEWS",
           "SECTIONS", "SILENT", "SLIPPING", "TODAY", "WEEK", "TodayData", "TodayItem",
           "TodayModel", "load_customers_due", "load_today", "load_worklist"]

#: A section holding more items than this starts collapsed (its count says how many).
COLLAPSE_AT = 60

COL_CUSTOMER, COL_TIER, COL_WHAT, COL_WHY, COL_WHEN, COL_OWNER = range(6)
COLUMN_COUNT = 6
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = "#b3261e"

Index = QModelIndex | QPersistentModelIndex


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
        if item.revenue_change is not None:
            before, now = item.revenue_change
            return translate("TodayModel", "12-month revenue down {percent} % since "
                                           "{period}").format(
                percent=round((before - now) / before * 100), period=period)
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
    """Sections as top rows, items as their children; only non-empty sections are shown, and
    the sections still being read (their title says so, with no rows).

    A child's internal id is its section's place in :data:`SECTIONS` plus one (0: a section
    row), so a section coming or going never changes the ids of another section's rows.
    """

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
        self._sections = [s for s in SECTIONS if data.items.get(s) or s in data.pending]
        self._pending.clear()
        self.endResetModel()

    def clear(self) -> None:
        """No lists (another book's are being read)."""
        self.beginResetModel()
        self.data_ = None
        self._sections = []
        self._pending.clear()
        self.endResetModel()

    def update_sections(self, data: TodayData, sections: Iterable[str]) -> list[str]:
        """Take ``sections``' rows and counts from ``data``; the other sections, and what
        the view shows of them (selection, expansion, scrolling), stay as they are.
        Returns the updated sections now shown."""
        if self.data_ is None:
            self.set_data(data)
            return [s for s in sections if s in self._sections]
        shown = []
        for section in [s for s in SECTIONS if s in set(sections)]:
            rows = list(data.items.get(section, []))
            self._replace_rows(section, rows, data.totals.get(section, len(rows)))
            if section in self._sections:
                shown.append(section)
        return shown

    def _replace_rows(self, section: str, rows: list[TodayItem], total: int) -> None:
        data = self.data_
        assert data is not None

        def take() -> None:  # between a begin and an end: the views see the change whole
            data.items[section], data.totals[section] = rows, total
            data.pending.discard(section)

        if section not in self._sections:
            if not rows:
                take()
                return
            position = len([s for s in self._sections
                            if SECTIONS.index(s) < SECTIONS.index(section)])
            self.beginInsertRows(QModelIndex(), position, position)
            self._sections.insert(position, section)
            take()
            self.endInsertRows()
            return
        position = self._sections.index(section)
        if not rows:
            self.beginRemoveRows(QModelIndex(), position, position)
            self._sections.remove(section)
            take()
            self.endRemoveRows()
            return
        header = self.index(position, 0)
        old = data.items.get(section, [])
        if old:
            self.beginRemoveRows(header, 0, len(old) - 1)
            data.items[section] = []
            self.endRemoveRows()
        self.beginInsertRows(header, 0, len(rows) - 1)
        take()
        self.endInsertRows()
        self.dataChanged.emit(header, header)

    def sections(self) -> list[str]:
        return list(self._sections)

    def is_pending(self, section: str) -> bool:
        return self.data_ is not None and section in self.data_.pending

    def item(self, index: Index) -> TodayItem | None:
        if not index.isValid() or index.internalId() == 0 or self.data_ is None:
            return None
        rows = self.data_.items.get(SECTIONS[index.internalId() - 1], [])
        return rows[index.row()] if index.row() < len(rows) else None

    def section_index(self, section: str) -> QModelIndex:
        return self.index(self._sections.index(section), 0) if section in self._sections \
            else QModelIndex()

    def set_pending(self, item: TodayItem, pending: bool) -> None:
        if pending:
            self._pending.add(item.record_id)
        else:
            self._pending.discard(item.record_id)
        rows = self.data_.items.get(item.section, []) if self.data_ else []
        if item in rows and item.section in self._sections:
            index = self.index(rows.index(item), 0, self.section_index(item.section))
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
            section = self._sections[parent.row()]
            return self.createIndex(row, column, SECTIONS.index(section) + 1)
        return self.createIndex(row, column, 0)

    # C++ overloads parent(): QObject's parent() and the model's parent(index); a Python
    # override has one signature, which cannot match both stubs.
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        section = SECTIONS[index.internalId() - 1]
        if section not in self._sections:
            return QModelIndex()
        return self.createIndex(self._sections.index(section), 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if self.data_ is None:
            return 0
        if not parent.isValid():
            return len(self._sections)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self.data_.items.get(self._sections[parent.row()], []))

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
        if role == Qt.ItemDataRole.DisplayRole and section in self.data_.pending:
            return QCoreApplication.translate("TodayModel", "{title} (loading…)").format(
                title=section_title(section))
        if role == Qt.ItemDataRole.DisplayRole:
            shown = len(self.data_.items.get(section, []))
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
            font.setItalic(section in self.data_.pending)
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
