"""The Today view: what to do now — follow-ups, plan actions, complaints, silences, reviews.

The lists are read on the worker thread and shown in one tree (sections and their rows);
ticking a follow-up or a plan action marks it done through a background write. Enter or a
double-click opens the customer on the tab that matters for the row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.enums import Tier
from storage.book import Book
from storage.changes import Changes
from storage.errors import StorageError
from ui.gui.background.tasks import BookTask, Progress
from ui.gui.models.today_model import (
    ACTIONS,
    COL_CUSTOMER,
    COL_OWNER,
    COL_TIER,
    COL_WHAT,
    COL_WHEN,
    ITEM_ROLE,
    TodayData,
    TodayItem,
    TodayModel,
    load_today,
)
from ui.gui.text.i18n import storage_message
from ui.gui.text.labels import label
from ui.gui.views.activation import on_row_opened


def _complete(item: TodayItem) -> Callable[[Book, Progress], Changes]:
    def work(book: Book, _progress: Progress) -> Changes:
        if item.section == ACTIONS:
            return book.plans.complete_action(item.record_id).changes
        return book.today.complete_follow_up(item.record_id).changes

    return work


class TodayView(QWidget):
    """Lists what needs doing today; emits ``customer_activated(id, tab)`` to open a row."""

    customer_activated = Signal(str, str)  # customer id, workspace tab
    loaded = Signal()  # fresh lists are shown
    book_changed = Signal(object)  # Changes: a follow-up or action was marked done

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.book = book
        self.model = TodayModel(self)
        self.model.completion_requested.connect(self.mark_done)
        self._task: BookTask | None = None
        self._reload_again = False
        self.error_box: QMessageBox | None = None

        self.title = QLabel(self)
        self.title.setObjectName("todayTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("todayOpen")
        self.open_button.clicked.connect(self.open_current)
        self.done_button = QPushButton(self)
        self.done_button.setObjectName("todayDone")
        self.done_button.clicked.connect(self.mark_current_done)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.open_button)
        header.addWidget(self.done_button)

        self.tree = QTreeView(self)
        self.tree.setObjectName("todayTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setRootIsDecorated(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        on_row_opened(self.tree, self._activate)
        self.model.modelReset.connect(self._after_reset)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        columns = self.tree.header()
        columns.setStretchLastSection(False)
        columns.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in ((COL_CUSTOMER, 44), (COL_WHEN, 26), (COL_OWNER, 14)):
            columns.resizeSection(column, char * chars)

        self.status = QLabel(self)
        self.status.setObjectName("todayStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setStyleSheet("color: #666666; padding: 24px;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(header)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        self.retranslate()
        self._update_buttons()

    # -- loading ---------------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return self.model.data_ is not None and self._task is None

    def set_book(self, book: Book) -> None:
        self.book = book
        self.reload()

    def reload(self) -> None:
        """Read the lists again in the background; the old ones stay until the new arrive."""
        if self._task is not None:
            self._reload_again = True
            return
        self._task = BookTask(self.book.path, lambda book, progress: load_today(book, progress),
                                  self)
        self._task.success(self._on_loaded).failure(self._on_failed) \
            .on_cancel(lambda: self._finish_task()).run_in_background()
        if self.model.data_ is None:
            self._show_status(self.tr("Loading…"))

    def _finish_task(self) -> bool:
        self._task = None
        if self._reload_again:
            self._reload_again = False
            self.reload()
            return True
        return False

    def _on_loaded(self, data: TodayData) -> None:
        if self._finish_task():
            return
        current = self._current_item()
        self.model.set_data(data)
        if current is not None:
            self._select_record(current.record_id)
        self.loaded.emit()

    def _on_failed(self, error: BaseException) -> None:
        self._finish_task()
        if not isinstance(error, StorageError):
            raise error
        self._show_status(storage_message(error))

    def _after_reset(self) -> None:
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        if not self.model.sections():
            self._show_status(self.tr("Nothing is due: no follow-ups, complaints, reviews or "
                                      "silent top customers need you today."))
        else:
            self.status.hide()
            self.tree.show()
        if not self.tree.currentIndex().isValid() and self.model.rowCount():
            first = self.model.index(0, 0, self.model.index(0, 0))
            self.tree.setCurrentIndex(first)
        self._update_title()
        self._update_buttons()

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setWordWrap(True)
        self.status.show()
        self.tree.setVisible(bool(self.model.sections()))

    # -- rows ------------------------------------------------------------------------------
    def _current_item(self) -> TodayItem | None:
        item = self.model.data(self.tree.currentIndex(), ITEM_ROLE)
        return item if isinstance(item, TodayItem) else None

    def _select_record(self, record_id: str) -> None:
        for section in self.model.sections():
            parent = self.model.section_index(section)
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                item = self.model.data(index, ITEM_ROLE)
                if isinstance(item, TodayItem) and item.record_id == record_id:
                    self.tree.setCurrentIndex(index)
                    return

    def _activate(self, index: QModelIndex) -> None:
        item = self.model.data(index, ITEM_ROLE)
        if isinstance(item, TodayItem):
            self.customer_activated.emit(item.customer_id, item.tab)

    def open_current(self) -> None:
        self._activate(self.tree.currentIndex())

    def mark_current_done(self) -> None:
        index = self.tree.currentIndex().siblingAtColumn(0)
        if index.isValid():
            self.model.setData(index, Qt.CheckState.Checked.value,
                               Qt.ItemDataRole.CheckStateRole)

    def mark_done(self, item: TodayItem) -> None:
        """Write "done" for a ticked follow-up or action in the background, then reload."""
        task = BookTask(self.book.path, _complete(item), self)

        def failed(error: BaseException) -> None:
            self.model.set_pending(item, False)
            if not isinstance(error, StorageError):
                raise error
            self.error_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Mark as done"),
                                         storage_message(error), QMessageBox.StandardButton.Ok,
                                         self)
            self.error_box.open()

        task.success(lambda changes: self._after_done(item, changes)).failure(failed)
        task.on_cancel(lambda: self.model.set_pending(item, False))
        task.run_in_background()
        self._update_buttons()

    def _after_done(self, item: TodayItem, changes: Changes) -> None:
        """The item is written: the window reads again what that concerns, this view's
        lists among them (its overdue count is in the side bar)."""
        self.book_changed.emit(changes)

    def _update_buttons(self) -> None:
        item = self._current_item()
        self.open_button.setEnabled(item is not None)
        can_tick = bool(self.model.flags(self.tree.currentIndex().siblingAtColumn(0))
                        & Qt.ItemFlag.ItemIsUserCheckable)
        self.done_button.setEnabled(item is not None and can_tick)

    # -- texts -----------------------------------------------------------------------------
    def _update_title(self) -> None:
        day = self.model.data_.as_of if self.model.data_ else date.today()
        text = QLocale().toString(QDate(day.year, day.month, day.day),
                                  QLocale.FormatType.LongFormat)
        self.title.setText(self.tr("Today, {day}").format(day=text))

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("Open customer"))
        self.open_button.setToolTip(self.tr("Open the customer of this row (Enter)"))
        self.done_button.setText(self.tr("Mark done"))
        self.done_button.setToolTip(self.tr("Tick this follow-up or plan action off (Space)"))
        self.model.retranslate()
        self._update_title()
        if self.model.data_ is not None:
            self._after_reset()
        widest = max(self.fontMetrics().horizontalAdvance(label(t)) for t in Tier)
        self.tree.header().resizeSection(COL_TIER, widest + 24)
