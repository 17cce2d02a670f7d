"""The Plans view: every account plan by status, those with overdue actions first.

The list comes from ``Book.list_plans`` (its order: overdue first, then active, draft,
closed, latest period first) on the worker thread; status buttons narrow it. Enter or a
double-click opens the customer on its plan.
"""

from __future__ import annotations

from datetime import date
from typing import Any

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
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.enums import PlanStatus
from storage.book import Book
from storage.book.types import PlanSummary
from ui.gui.background.tasks import BookTask
from ui.gui.forms.period_field import period_label
from ui.gui.style.table_style import read_only_row_flags, style_record_table
from ui.gui.style.tier_palette import tier_tints
from ui.gui.text.labels import label
from ui.gui.views.activation import on_row_opened

Index = QModelIndex | QPersistentModelIndex
COLUMN_COUNT = 9
COL_CUSTOMER, COL_PERIOD, COL_STATUS, COL_TIER, COL_OWNER, COL_OPEN, COL_OVERDUE, \
    COL_NEXT_DUE, COL_OBJECTIVES = range(COLUMN_COUNT)
NUMERIC = frozenset({COL_OPEN, COL_OVERDUE, COL_OBJECTIVES})
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
DEFAULT_STATUSES = frozenset({PlanStatus.ACTIVE, PlanStatus.DRAFT})
# Pixels added to each column sized to its contents.
COLUMN_GAP = 12


def _header(column: int) -> str:
    translate = QCoreApplication.translate
    return (translate("PlansModel", "Customer"), translate("PlansModel", "Period"),
            translate("PlansModel", "Status"), translate("PlansModel", "Tier"),
            translate("PlansModel", "Owner"), translate("PlansModel", "Open actions"),
            translate("PlansModel", "Overdue"), translate("PlansModel", "Next due"),
            translate("PlansModel", "Objectives"))[column]


class PlansModel(QAbstractTableModel):
    """The plans as rows, in the order storage gives them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plans: list[PlanSummary] = []
        self._tints = {t: QBrush(QColor(c)) for t, c in tier_tints().items()}

    def set_plans(self, plans: list[PlanSummary]) -> None:
        self.beginResetModel()
        self.plans = plans
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plans)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _header(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return read_only_row_flags(index.isValid())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.plans):
            return None
        plan = self.plans[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(plan, column)
        if role == RECORD_ROLE:
            return plan
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and plan.actions_overdue and \
                column in (COL_OVERDUE, COL_NEXT_DUE):
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_TIER and plan.tier:
            return self._tints[plan.tier]
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self.plans:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.plans) - 1, COLUMN_COUNT - 1))


def _display(plan: PlanSummary, column: int) -> str:
    locale = QLocale()
    if column == COL_CUSTOMER:
        return plan.customer_name
    if column == COL_PERIOD:
        return period_label(plan.period)  # 2026年四季度 / Q4 2026, as the period picker says
    if column == COL_STATUS:
        return label(plan.status)
    if column == COL_TIER:
        return label(plan.tier)
    if column == COL_OWNER:
        return plan.owner
    if column == COL_OPEN:
        return locale.toString(plan.actions_open)
    if column == COL_OVERDUE:
        return locale.toString(plan.actions_overdue) if plan.actions_overdue else ""
    if column == COL_NEXT_DUE:
        return plan.next_due.isoformat() if plan.next_due else ""
    if column == COL_OBJECTIVES:
        return locale.toString(plan.objectives)
    return ""


class PlansView(QWidget):
    """Plans narrowed by status; emits ``customer_activated(id, "plan")`` to open one."""

    customer_activated = Signal(str, str)
    loaded = Signal()

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plansView")
        self.book = book
        self.statuses: frozenset[PlanStatus] = DEFAULT_STATUSES
        self.model = PlansModel(self)
        self._task: BookTask | None = None
        self._reload_again = False
        self._loaded_once = False

        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.status_label = QLabel(self)
        self.status_buttons: dict[PlanStatus, QToolButton] = {}
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addSpacing(16)
        bar.addWidget(self.status_label)
        for status in PlanStatus:
            button = QToolButton(self)
            button.setObjectName(f"planStatus_{status.value}")
            button.setCheckable(True)
            button.setChecked(status in self.statuses)
            button.toggled.connect(lambda on, s=status: self._toggle(s, on))
            self.status_buttons[status] = button
            bar.addWidget(button)
        bar.addStretch(1)

        self.table = QTableView(self)
        self.table.setObjectName("plansTable")
        self.table.setModel(self.model)
        # The book's look: padded cells (sized to contents, the columns touched each other).
        style_record_table(self.table)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # the customer's name takes the spare room
        header.setSectionResizeMode(COL_CUSTOMER, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        on_row_opened(self.table, self._activate)
        self.status = QLabel(self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #666666; padding: 48px 24px;")
        self.status.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(bar)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.table, 1)
        self.retranslate()

    @property
    def is_loaded(self) -> bool:
        return self._loaded_once and self._task is None

    def set_book(self, book: Book) -> None:
        self.book = book
        self.reload()

    def _toggle(self, status: PlanStatus, on: bool) -> None:
        self.statuses = self.statuses | {status} if on else self.statuses - {status}
        self.reload()

    def reload(self) -> None:
        if self._task is not None:
            self._reload_again = True
            return
        statuses = self.statuses or frozenset(PlanStatus)
        today = date.today()
        self._task = BookTask(
            self.book.path, lambda book, _p: book.plans.list(statuses, today=today), self)
        self._task.success(self._on_loaded).on_cancel(self._done).failure(self._on_failed)
        self._task.run_in_background()

    def _done(self) -> bool:
        self._task = None
        if self._reload_again:
            self._reload_again = False
            self.reload()
            return True
        return False

    def _on_loaded(self, plans: list[PlanSummary]) -> None:
        if self._done():
            return
        self._loaded_once = True
        self.model.set_plans(plans)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column != COL_CUSTOMER:  # a gap between one title and the next
                header.resizeSection(column, header.sectionSize(column) + COLUMN_GAP)
        header.setSectionResizeMode(COL_CUSTOMER, QHeaderView.ResizeMode.Stretch)
        self._show_empty_state()
        if plans and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.loaded.emit()

    def _on_failed(self, error: BaseException) -> None:
        self._done()
        raise error

    def _show_empty_state(self) -> None:
        empty = not self.model.plans
        self.status.setVisible(empty)
        self.table.setVisible(not empty)

    def _activate(self, index: QModelIndex) -> None:
        plan = self.model.data(index, RECORD_ROLE)
        if isinstance(plan, PlanSummary):
            self.customer_activated.emit(plan.customer_id, "plan")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Account plans"))
        self.status_label.setText(self.tr("Status:"))
        for status, button in self.status_buttons.items():
            button.setText(label(status))
        self.status.setText(self.tr(
            "No account plan with the chosen status. Open a customer and choose New plan… on "
            "its Plan tab."))
        self.model.retranslate()
