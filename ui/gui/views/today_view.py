"""The Today view: what to do now — follow-ups, plan actions, complaints, silences, reviews.

The lists are read on the worker thread and shown in one tree (sections and their rows): the
worklist first, as soon as it is read, then the customers due a look, which fill their
sections in place (until then those say they are loading). Ticking a follow-up or a plan
action marks it done through a background write. Enter or a double-click opens the customer
on the tab that matters for the row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import cast

from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.enums import Tier
from models.plan_periods import week_of
from storage.book import Book
from storage.changes import Changes
from storage.errors import StorageError
from ui.gui.background.tasks import BookTask, Progress
from ui.gui.models.today_model import (
    COL_CUSTOMER,
    COL_OWNER,
    COL_TIER,
    COL_WHAT,
    COL_WHEN,
    COL_WHY,
    COLLAPSE_AT,
    CUSTOMER_SECTIONS,
    ITEM_ROLE,
    TodayData,
    TodayItem,
    TodayModel,
    load_customers_due,
    load_worklist,
)
from ui.gui.style.menu_button import MenuButton
from ui.gui.text.i18n import storage_message
from ui.gui.text.labels import label
from ui.gui.views.activation import on_row_opened


def _complete(item: TodayItem) -> Callable[[Book, Progress], Changes]:
    def work(book: Book, _progress: Progress) -> Changes:
        if item.table == "plan_actions":
            return book.plans.complete_action(item.record_id).changes
        return book.today.complete_follow_up(item.record_id).changes

    return work


def _read(owner: str | None) -> Callable[[Book, Progress], TodayData]:
    """The worklist, handed to the view as soon as it is read; then everything."""
    def work(book: Book, progress: Progress) -> TodayData:
        worklist = load_worklist(book, progress, owner=owner)
        progress.deliver(worklist)
        return load_customers_due(book, progress, worklist)

    return work


def _move(item: TodayItem, due: date) -> Callable[[Book, Progress], Changes]:
    def work(book: Book, _progress: Progress) -> Changes:
        return book.today.reschedule(item.table, item.record_id, due)

    return work


#: The owner filter's choice meaning "everyone".
EVERYONE = "\x00everyone"


class TodayView(QWidget):
    """Lists what needs doing today; emits ``customer_activated(id, tab)`` to open a row."""

    customer_activated = Signal(str, str)  # customer id, workspace tab
    worklist_shown = Signal()  # fresh worklist shown; the customers due may still be read
    loaded = Signal()  # fresh lists are shown, all of them
    book_changed = Signal(object)  # Changes: a follow-up or action was marked done

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.book = book
        self.model = TodayModel(self)
        self.model.completion_requested.connect(self.mark_done)
        self._task: BookTask | None = None
        self._reload_again = False
        self._worklist_shown = False  # the running task's worklist is on screen
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
        self.me = ""
        self.owner_combo = QComboBox(self)
        self.owner_combo.setObjectName("todayOwner")
        self.owner_combo.activated.connect(lambda _index: self.reload())
        self.owner_label = QLabel(self)
        self.snooze_button = MenuButton(self)  # its arrow beside the text, not over it
        self.snooze_button.setObjectName("todaySnooze")
        menu = QMenu(self.snooze_button)
        self.tomorrow_action = menu.addAction("")
        self.tomorrow_action.setObjectName("snoozeTomorrow")
        self.tomorrow_action.setShortcut(QKeySequence("Ctrl+Right"))
        self.tomorrow_action.triggered.connect(
            lambda: self.move_current(self._today() + timedelta(days=1)))
        self.next_week_action = menu.addAction("")
        self.next_week_action.setObjectName("snoozeNextWeek")
        self.next_week_action.setShortcut(QKeySequence("Ctrl+Shift+Right"))
        self.next_week_action.triggered.connect(lambda: self.move_current(_next_monday(
            self._today())))
        self.pick_action = menu.addAction("")
        self.pick_action.setObjectName("snoozePick")
        self.pick_action.triggered.connect(self.pick_date)
        for action in (self.tomorrow_action, self.next_week_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.snooze_button.setMenu(menu)
        self.snooze_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        header = QHBoxLayout()  # the title, then whose work and what to do with a row
        header.addWidget(self.title)
        header.addStretch(1)
        tools = QHBoxLayout()
        tools.addWidget(self.owner_label)
        tools.addWidget(self.owner_combo)
        tools.addStretch(1)
        tools.addWidget(self.open_button)
        tools.addWidget(self.done_button)
        tools.addWidget(self.snooze_button)

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

        self.status = QLabel(self)
        self.status.setObjectName("todayStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setStyleSheet("color: #666666; padding: 24px;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(header)
        layout.addLayout(tools)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        self.retranslate()
        self._update_buttons()

    # -- loading ---------------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return self.model.data_ is not None and self._task is None

    def set_book(self, book: Book) -> None:
        """Another book: its lists replace the old book's, which are not shown meanwhile."""
        self.book = book
        self.model.clear()
        self.reload()

    def set_owners(self, owners: list[str], me: str) -> None:
        """The owner filter's choices: me first (the default), everyone, each colleague."""
        current = self.owner()
        self.me = me
        self.owner_combo.clear()
        if me:
            self.owner_combo.addItem("", me)
        self.owner_combo.addItem("", EVERYONE)
        for owner in owners:
            if owner != me:
                self.owner_combo.addItem(owner, owner)
        self._name_owner_choices()
        # Me first, when I own customers; a new user of a demo book owns none yet.
        start = current if current else (me if me in owners else EVERYONE)
        self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(start)))

    def owner(self) -> str | None:
        """Whose work is listed (None: everyone's)."""
        value = self.owner_combo.currentData()
        return None if value in (None, EVERYONE) else str(value)

    def _name_owner_choices(self) -> None:
        for index in range(self.owner_combo.count()):
            value = self.owner_combo.itemData(index)
            if value == EVERYONE:
                self.owner_combo.setItemText(index, self.tr("Everyone"))
            elif value == self.me:
                self.owner_combo.setItemText(index, self.tr("Me ({name})").format(name=value))

    def reload(self) -> None:
        """Read the lists again in the background; the old ones stay until the new arrive."""
        if self._task is not None:
            self._reload_again = True
            return
        self._worklist_shown = False
        self._task = BookTask(self.book.path, _read(self.owner()), self)
        self._task.on_delivery(self._on_worklist).success(self._on_loaded) \
            .failure(self._on_failed).on_cancel(lambda: self._finish_task()) \
            .run_in_background()
        if self.model.data_ is None:
            self._show_status(self.tr("Loading…"))

    def _finish_task(self) -> bool:
        self._task = None
        if self._reload_again:
            self._reload_again = False
            self.reload()
            return True
        return False

    def _on_worklist(self, data: TodayData) -> None:
        """The worklist is read: show it now. The customer sections say they are loading,
        unless these are the lists already shown read again (after an edit), whose customer
        sections stay until the new ones come."""
        if self._reload_again:
            return  # another read follows, for another owner perhaps
        shown = data.copy()  # the worker goes on with the original
        previous = self.model.data_
        if previous is not None and shown.same_lists(previous) and not previous.pending:
            for section in CUSTOMER_SECTIONS:
                shown.items[section] = previous.items.get(section, [])
                shown.totals[section] = previous.totals.get(section, 0)
            shown.pending.clear()
        self._show(shown)
        self._worklist_shown = True
        self.worklist_shown.emit()

    def _on_loaded(self, data: TodayData) -> None:
        if self._finish_task():
            return
        if self._worklist_shown and self.model.data_ is not None \
                and data.same_lists(self.model.data_):
            sections = self.model.update_sections(data, CUSTOMER_SECTIONS)
            self._arrange(sections)
        else:
            self._show(data.copy())
        self.loaded.emit()

    def _show(self, data: TodayData) -> None:
        current = self._current_item()
        self.model.set_data(data)
        if current is not None:
            self._select_record(current.record_id)

    def _on_failed(self, error: BaseException) -> None:
        self._finish_task()
        data = self.model.data_
        if data is not None and data.pending:  # they will not come: no "loading" for ever
            self.model.update_sections(TodayData(data.as_of, owner=data.owner),
                                       set(data.pending))
        if not isinstance(error, StorageError):
            raise error
        self._show_status(storage_message(error))

    def _after_reset(self) -> None:
        self._arrange(self.model.sections())
        self._size_columns()
        if not self.tree.currentIndex().isValid() and self.model.rowCount():
            top = self.model.index(0, 0)
            # Selecting a row inside a collapsed section would open it again.
            first = self.model.index(0, 0, top) if self.tree.isExpanded(top) else top
            self.tree.setCurrentIndex(first)
        self._update_title()
        self._update_buttons()

    def _arrange(self, sections: list[str]) -> None:
        """Section rows span the tree; a short section is open, a backlog of thousands
        closed (a count to act on, not a list to scroll through)."""
        data = self.model.data_
        if data is None:
            return
        for section in sections:
            index = self.model.section_index(section)
            if not index.isValid():
                continue
            self.tree.setFirstColumnSpanned(index.row(), QModelIndex(), True)
            total = data.totals.get(section, 0)
            self.tree.setExpanded(index, total <= COLLAPSE_AT and not self.model.is_pending(
                section))
        if not self.model.sections():
            self._show_status(self.tr("Nothing is due: no follow-ups, complaints, reviews or "
                                      "silent top customers need you today."))
        else:
            self.status.hide()
            self.tree.show()

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
        movable = item is not None and item.movable
        self.snooze_button.setEnabled(movable)
        for action in (self.tomorrow_action, self.next_week_action, self.pick_action):
            action.setEnabled(movable)

    def _size_columns(self) -> None:
        """The words get the room: what and why stretch, the rest fit their content."""
        columns = self.tree.header()
        if columns.count() < COL_OWNER + 1:
            return
        columns.setStretchLastSection(False)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in ((COL_CUSTOMER, 34), (COL_WHEN, 11), (COL_OWNER, 10)):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            columns.resizeSection(column, char * chars)
        for column in (COL_WHAT, COL_WHY):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        widest = max(self.fontMetrics().horizontalAdvance(label(t)) for t in Tier)
        columns.resizeSection(COL_TIER, widest + 24)

    # -- snooze and new dates ----------------------------------------------------------------
    def _today(self) -> date:
        return self.model.data_.as_of if self.model.data_ else date.today()

    def move_current(self, due: date) -> BookTask | None:
        """Give the current follow-up, action or need a new date (snooze), in the
        background; the lists read again."""
        item = self._current_item()
        if item is None or not item.movable:
            return None
        task = BookTask(self.book.path, _move(item, due), self)
        task.success(self.book_changed.emit).failure(self._on_move_failed)
        task.run_in_background()
        return task

    def _on_move_failed(self, error: BaseException) -> None:
        # Not the read's failure: the lists being read (if any) go on.
        if not isinstance(error, StorageError):
            raise error
        self._show_status(storage_message(error))

    def pick_date(self) -> None:
        item = self._current_item()
        if item is None or not item.movable:
            return
        dialog = QDialog(self)
        dialog.setObjectName("todayPickDate")
        dialog.setWindowTitle(self.tr("Move to another day"))
        calendar = QCalendarWidget(dialog)
        calendar.setMinimumDate(QDate.currentDate())
        start = max(item.when or self._today(), self._today()) + timedelta(days=1)
        calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(calendar)
        layout.addWidget(buttons)
        dialog.accepted.connect(lambda: self.move_current(
            cast(date, calendar.selectedDate().toPython())))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- texts -----------------------------------------------------------------------------
    def _update_title(self) -> None:
        day = self.model.data_.as_of if self.model.data_ else date.today()
        text = QLocale().toString(QDate(day.year, day.month, day.day),
                                  QLocale.FormatType.LongFormat)
        self.title.setText(self.tr("Today, {day}").format(day=text))

    def retranslate(self) -> None:
        self.owner_label.setText(self.tr("Whose work:"))
        self._name_owner_choices()
        self.snooze_button.setText(self.tr("Move to"))
        self.snooze_button.setToolTip(self.tr("Snooze or give this item another date"))
        self.tomorrow_action.setText(self.tr("Tomorrow"))
        self.next_week_action.setText(self.tr("Next Monday"))
        self.pick_action.setText(self.tr("Another day…"))
        self.open_button.setText(self.tr("Open customer"))
        self.open_button.setToolTip(self.tr("Open the customer of this row (Enter)"))
        self.done_button.setText(self.tr("Mark done"))
        self.done_button.setToolTip(self.tr("Tick this follow-up or plan action off (Space)"))
        self.model.retranslate()
        self._update_title()
        if self.model.data_ is not None:
            self._after_reset()


def _next_monday(day: date) -> date:
    return week_of(day)[1] + timedelta(days=1)
