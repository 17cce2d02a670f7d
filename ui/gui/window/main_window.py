"""The main window: navigation between the views, menus, search, status bar and background work.

Views live in a stack keyed by name (today, customers, dashboard, plans, and "customer" for
the open customer's workspace), so the screenshot command and navigation address them the
same way; the dashboard is built the first time it is shown (it brings matplotlib). Writes
and long reads run on the worker thread through ``ui.gui.background.tasks``; the status bar shows
them with
progress and Cancel. All texts are set in :meth:`MainWindow.retranslate`, which runs again
when the language changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from storage.book import Book
from storage.changes import SCORES, Changes
from ui.gui.background.memory import tune_ui_connection
from ui.gui.dialogs.help_dialogs import ShortcutsDialog, show_about
from ui.gui.settings import Settings
from ui.gui.style.fonts import install_fonts
from ui.gui.text import i18n
from ui.gui.views.customer_view import CustomerBookView
from ui.gui.views.filter_bar import BookFilters
from ui.gui.views.plans_view import PlansView
from ui.gui.views.today_view import TodayView
from ui.gui.window.book_session import BookSession
from ui.gui.window.books import BooksMixin
from ui.gui.window.customer import VIEW_CUSTOMER, CustomerMixin
from ui.gui.window.exports import ExportsMixin
from ui.gui.window.menus import (
    VIEW_CUSTOMERS,
    VIEW_DASHBOARD,
    VIEW_PLANS,
    VIEW_TODAY,
    VIEWS,
    MenusMixin,
)
from ui.gui.window.reminders import Reminders
from ui.gui.window.status import StatusMixin
from ui.gui.window.sync import TeamSync
from ui.gui.window.work import WorkMixin

__all__ = ["VIEWS", "VIEW_CUSTOMER", "VIEW_CUSTOMERS", "VIEW_DASHBOARD", "VIEW_PLANS",
           "VIEW_TODAY", "MainWindow"]

#: After the window shows, wait this long before background start-up work (backup, lists).
STARTUP_WORK_DELAY_MS = 50
#: Tables whose rows make Today's overdue count (the side bar shows it at all times).
TODAY_COUNTS = frozenset({"interactions", "needs", "plans", "plan_actions"})
#: Tables Today also shows (names, tiers), read again when Today is next on screen.
TODAY_SHOWS = frozenset({"customers", "assessments", "customer_metrics"})
#: Tables the Plans view lists.
PLANS_SHOW = frozenset({"plans", "plan_objectives", "plan_actions", "plan_needs",
                        "plan_reviews", "plan_support_measures", "customers", "transactions",
                        "customer_metrics"})
class MainWindow(BooksMixin, CustomerMixin, WorkMixin, ExportsMixin, StatusMixin, MenusMixin):
    """One window over one open book; opening another book swaps it in place."""

    def __init__(self, book: Book, settings: Settings, parent: QWidget | None = None, *,
                 automatic_backup: bool = True, score_unscored: bool = True) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication), "a window needs the QApplication"
        install_fonts(app)  # once per app
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.automatic_backup = automatic_backup
        self.score_unscored = score_unscored  # a book never scored is scored on open
        tune_ui_connection(book)
        self.book = book
        self.book_open = True  # the window owns the book and closes it with itself
        self.settings = settings
        self.session = BookSession(book.path, self)
        self.session.holders_changed.connect(self._show_holders)
        self.session.changed_elsewhere.connect(self.book_changed_elsewhere)
        self._dialogs: list[QWidget] = []  # non-modal windows kept alive while open
        self._stale_views: set[str] = set()  # views to read again when next shown
        self.init_work()
        self.team_sync = TeamSync(self, self)

        self.customers = CustomerBookView(book, settings, self)
        self.today = TodayView(book, self)
        self.today.set_owners(self.customers.filter_bar.owners, settings.me(book.path))
        self.plans = PlansView(book, self)
        #: The views a change may leave stale until they are next shown.
        self._reloadable: dict[str, TodayView | PlansView] = {VIEW_TODAY: self.today,
                                                              VIEW_PLANS: self.plans}
        self.dashboard: Any = None  # DashboardView, built when first shown
        self.workspace = None  # the open customer's CustomerWorkspace
        self.stack = QStackedWidget(self)
        self.views: dict[str, QWidget] = {}
        for name, view in ((VIEW_TODAY, self.today), (VIEW_CUSTOMERS, self.customers),
                           (VIEW_PLANS, self.plans)):
            self._add_view(name, view)
        self.customers.customer_activated.connect(lambda cid: self.open_customer(cid, ""))
        self.today.customer_activated.connect(self.open_customer)
        self.plans.customer_activated.connect(self.open_customer)
        self.today.book_changed.connect(self.apply_changes)
        self.today.loaded.connect(self._update_navigation_counts)
        # The overdue count is known at first paint, before the customer sections fill.
        self.today.worklist_shown.connect(self._update_navigation_counts)

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        for name in VIEWS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.navigation.addItem(item)
        self.navigation.currentItemChanged.connect(
            lambda item, _old: self.show_view(item.data(Qt.ItemDataRole.UserRole))
            if item is not None else None)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.navigation.setFont(font)  # not in the style sheet: widths are measured with it
        self.navigation.setStyleSheet(
            "QListWidget#navigation { border: none; background: palette(window); } "
            "QListWidget#navigation::item { padding: 8px 12px; }")
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.build_actions(self.settings.language())
        self.build_menus()
        self._connect_actions()
        self._build_toolbar()
        self._build_status_bar()
        self.sync_indicator.clicked.connect(self.show_team_sync)
        self.retranslate()
        self._restore_window()
        self.show_view(self.settings.last_view() or VIEW_TODAY)
        QTimer.singleShot(STARTUP_WORK_DELAY_MS, self._after_open)
        self.reminders = Reminders(self, settings, lambda: self.show_view(VIEW_TODAY))
        self.reminders.start()  # items falling due: a tray notification (Preferences)

    # -- building ----------------------------------------------------------------------------
    def _add_view(self, name: str, view: QWidget) -> None:
        self.views[name] = view
        self.stack.addWidget(view)

    def _connect_actions(self) -> None:
        self.new_action.triggered.connect(self.new_book)
        self.open_action.triggered.connect(self.open_book_dialog)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.import_action.triggered.connect(self.import_file)
        self.export_action.triggered.connect(self.export_portfolio)
        self.export_plan_action.triggered.connect(lambda: self.export_plan())
        self.weekly_action.triggered.connect(self.weekly_report)
        self.calendar_action.triggered.connect(self.calendar_export)
        self.export_all_action.triggered.connect(self.export_all)
        self.import_all_action.triggered.connect(self.import_all)
        self.backup_action.triggered.connect(self.backup_now)
        self.backups_action.triggered.connect(self.show_backups)
        self.team_sync_action.triggered.connect(self.show_team_sync)
        self.quit_action.triggered.connect(self.close)
        self.undo_action.triggered.connect(self.undo_last_change)
        self.new_customer_action.triggered.connect(self.new_customer)
        self.log_interaction_action.triggered.connect(self.log_interaction)
        self.preferences_action.triggered.connect(self.show_preferences)
        for name, action in self.view_actions.items():
            action.triggered.connect(lambda _c=False, n=name: self.show_view(n))
        self.find_action.triggered.connect(self.focus_search)
        self.clear_filters_action.triggered.connect(self.clear_search_and_filters)
        self.refresh_action.triggered.connect(self.refresh)
        self.rescore_action.triggered.connect(self.rescore)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action.triggered.connect(lambda: self._keep(show_about(self, self.book)))
        self.language_group.triggered.connect(
            lambda action: self.set_language(str(action.data())))

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        char = self.fontMetrics().averageCharWidth()
        self.search_box.setMinimumWidth(char * 40)
        self.search_box.setMaximumWidth(char * 70)
        self.search_box.textChanged.connect(self._search_typed)
        self.search_box.returnPressed.connect(self._search_entered)
        self.search_label = QLabel(self)
        self.search_label.setObjectName("searchLabel")
        self.search_label.setBuddy(self.search_box)
        self.search_label.setContentsMargins(6, 0, 4, 0)
        self.toolbar.addWidget(self.search_label)
        self.toolbar.addWidget(self.search_box)

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every text of the window and of its views (Qt does not bring a LanguageChange to
        a view that is not on screen)."""
        self.retranslate_menus()
        for view in (self.customers, self.today, self.plans, self.dashboard):
            if view is not None:
                view.retranslate()
        self.toolbar.setWindowTitle(self.tr("Search"))
        self.search_label.setText(self.tr("&Search:"))
        self.search_box.setPlaceholderText(
            self.tr("Name, code, contact, tag or pinyin (e.g. hwjs)"))
        self._update_navigation_counts()
        self.task_status.retranslate()
        self.sync_indicator.retranslate()
        self._show_holders(self.session.others)
        self.update_status()

    def _update_navigation_counts(self) -> None:
        names = {VIEW_TODAY: self.tr("Today"), VIEW_CUSTOMERS: self.tr("Customers"),
                 VIEW_DASHBOARD: self.tr("Dashboard"), VIEW_PLANS: self.tr("Plans")}
        data = self.today.model.data_
        overdue = data.totals.get("overdue", 0) if data is not None else 0
        if overdue:
            names[VIEW_TODAY] = self.tr("Today ({count})").format(count=overdue)
        for row, name in enumerate(VIEWS):
            self.navigation.item(row).setText(names[name])
        self._name_workspace_entry()

    def fit_navigation(self) -> None:
        """The side bar as wide as its longest entry (a long customer name is elided)."""
        metrics = self.navigation.fontMetrics()
        texts = [self.navigation.item(r).text() for r in range(self.navigation.count())]
        # Room for a large count from the start: the bar must not widen when Today has
        # loaded (every view beside it would be laid out, and the charts drawn, again).
        texts.append(self.tr("Today ({count})").format(count=QLocale().toString(99_999)))
        width = max(metrics.horizontalAdvance(text) for text in texts)
        self.navigation.setFixedWidth(min(width, metrics.averageCharWidth() * 34) + 48)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- views and search --------------------------------------------------------------------
    def show_view(self, name: str) -> QWidget:
        if name not in VIEWS and name not in self.views:
            raise KeyError(name)
        if name == VIEW_DASHBOARD and self.dashboard is None:
            self._create_dashboard()
        view = self.views[name]
        self.stack.setCurrentWidget(view)
        if name in self._stale_views:
            self._stale_views.discard(name)
            self._reloadable[name].reload()
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(Qt.ItemDataRole.UserRole) == name:
                if self.navigation.currentRow() != row:
                    self.navigation.setCurrentRow(row)
                break
        self.log_interaction_action.setEnabled(self.workspace is not None)
        if name in VIEWS:
            self.settings.set_last_view(name)
        return view

    def _create_dashboard(self) -> None:
        from ui.gui.views.dashboard_view import DashboardView  # matplotlib loads only when needed

        self.dashboard = DashboardView(self.book, self)
        self.dashboard.filter_requested.connect(self.filter_book_from_chart)
        self._add_view(VIEW_DASHBOARD, self.dashboard)

    def current_view_name(self) -> str:
        current = self.stack.currentWidget()
        return next(name for name, view in self.views.items() if view is current)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _search_typed(self, text: str) -> None:
        if text and self.current_view_name() != VIEW_CUSTOMERS:
            self.show_view(VIEW_CUSTOMERS)
        self.customers.search(text)

    def _search_entered(self) -> None:
        self.customers.apply_search()
        self.show_view(VIEW_CUSTOMERS)
        self.customers.table.setFocus()
        if not self.customers.table.currentIndex().isValid() and self.customers.model.rowCount():
            self.customers.table.selectRow(0)

    def clear_search_and_filters(self) -> None:
        self.search_box.clear()
        self.customers.apply_search()
        self.customers.set_filters(BookFilters())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The search box ignores Escape, so it arrives here: clear and go back to the list.
        if event.key() == Qt.Key.Key_Escape and self.search_box.hasFocus():
            self.search_box.clear()
            self.customers.table.setFocus()
            return
        super().keyPressEvent(event)

    def refresh(self) -> None:
        self.book_changed()

    def book_changed(self) -> None:
        """Anything may have changed (an import, a restore, another program): every view
        reads the book again."""
        self.apply_changes(Changes.everything())

    def apply_changes(self, changes: Changes) -> None:
        """Each view reads again what ``changes`` concerns, and only that: an edit of one
        customer repaints that customer's row, not the whole book. A view not on screen
        whose data changed is marked and reads again when it is next shown."""
        if not self.book_open or changes.empty:
            return
        self.session.note_own_changes()
        if changes.rows_added_or_removed or changes.customer_ids is None \
                or not changes.list_keys_moved().isdisjoint(self.customers.keys_in_use()):
            self.customers.refresh()  # which rows are shown, or their order, may differ
        else:
            fields = changes.customer_fields
            self.customers.refresh_rows(changes.customer_ids, owners=changes.touches(
                {"customers"}) and (fields is None or "owner" in fields))
        # Today's overdue count is shown in the side bar: what can change it is read at once.
        if changes.touches(TODAY_COUNTS):
            self.today.reload()
        elif changes.touches(TODAY_SHOWS):
            self._reload_when_shown(VIEW_TODAY)
        if changes.touches(PLANS_SHOW):
            self._reload_when_shown(VIEW_PLANS)
        if self.dashboard is not None and (changes.touches(SCORES) or
                                           changes.rows_added_or_removed):
            self.dashboard.mark_stale()
        workspace = self.workspace
        if workspace is not None and self.sender() is not workspace \
                and changes.concerns(workspace.customer_id):
            workspace.refresh()
        self.update_status(recount=changes.rows_added_or_removed)
        self.team_sync.changes_applied(changes)

    def _reload_when_shown(self, name: str) -> None:
        if self.current_view_name() == name:
            self._stale_views.discard(name)
            self._reloadable[name].reload()
        else:
            self._stale_views.add(name)

    def book_changed_elsewhere(self) -> None:
        """Another program (a command, another window) committed a change: show it."""
        self.book_changed()
        self.say(self.tr("Changes saved by another program were loaded."))

    def _after_open(self) -> None:
        super()._after_open()
        if self.book_open:
            self.team_sync.book_opened()  # a book in a team syncs as it opens

    def show_team_sync(self) -> QWidget:
        """File → Team sync… (one dialog at a time)."""
        from ui.gui.dialogs.team_sync_dialog import TeamSyncDialog

        shown = self.findChild(TeamSyncDialog)
        if shown is not None and shown.isVisible():
            shown.raise_()
            shown.activateWindow()
            return shown
        shown = TeamSyncDialog(self.team_sync, self)
        shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        shown.show()
        return shown

    # -- language, help ----------------------------------------------------------------------
    def set_language(self, preference: str) -> None:
        """Store the preference and switch the whole UI live."""
        self.settings.set_language(preference)
        i18n.install_language(i18n.resolve_language(preference))
        self.retranslate()  # the LanguageChange events Qt sends may come before the last
        # translator is in, and never reach a view that is not on screen
        action = self.language_actions.get(preference, self.language_actions[""])
        action.setChecked(True)

    def show_shortcuts(self) -> None:
        actions = [*self.actions(), *(self.workspace.actions() if self.workspace else [])]
        dialog = ShortcutsDialog(actions, self)
        self._keep(dialog)
        dialog.open()

    def _keep(self, widget: QWidget) -> None:
        self._dialogs = [d for d in self._dialogs if d.isVisible()]
        self._dialogs.append(widget)

    # -- state -------------------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry = self.settings.geometry()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            screen = self.screen()
            available = screen.availableGeometry() if screen is not None else None
            width = min(1280, available.width() - 40) if available is not None else 1280
            height = min(800, available.height() - 40) if available is not None else 800
            self.resize(width, height)
        state = self.settings.window_state()
        if not state.isEmpty():
            self.restoreState(state)

    def save_state(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.customers.save_layout()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.workspace is not None and not self.workspace.confirm_close():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
        if event.isAccepted():
            self.close_book()

    def close_book(self) -> None:
        """Close the database connection and release the book; the window shows nothing
        more from it."""
        self.team_sync.stop()
        self.stop_work()
        self.customers.model.close()
        if self.book_open:
            self.book_open = False
            self.session.release()
            self.book.close()
